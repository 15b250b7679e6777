// Package leanhttp serves the bot's hot intake endpoint (Slack's signed
// POSTs, a few hundred bytes each way) over HTTP/1.1 without
// net/http's per-request machinery, and hands every connection it does not
// recognise, whole, to a net/http.Server.
//
// Why not net/http alone: for each request on a kept-alive connection,
// net/http starts a goroutine that reads ahead on the connection (to notice
// a client that goes away), and after the response it waits for that
// goroutine to stop before reading the next request. On one core at c=64
// that goroutine sits at the back of a long run queue (the request's own
// hand-offs to the worker and the store's writer each push it back), so
// 86 % of all goroutine waiting was connections whose answer had gone out
// waiting for it (block profile, docs/operations.md "One core: the HTTP
// intake without net/http's per-request goroutine"). It also parses every header into a new map, formats the Date
// header, and sets read deadlines twice per request. Here a connection's
// goroutine reads a request, runs the handler and writes the answer in one
// write(2), then reads the next request: nothing else runs on its behalf.
// Requests go on to their handlers in the order they arrived (order.go),
// not in the order the runtime wakes their connections.
//
// What is served here is deliberately narrow: POST to one of Routes, as
// HTTP/1.1, with a Content-Length no larger than MaxBody, no
// Transfer-Encoding, no Expect, one Host, headers within the read buffer.
// Anything else — another method or path, HTTP/1.0, chunked bodies, an
// upgrade, a header net/http would refuse — is handed over with the bytes
// already read, and net/http answers it (and everything after it on that
// connection) exactly as it would have. Pipelined requests are answered in
// order, one at a time.
//
// The answer is written in one piece when the handler returns: a handler
// that must get its answer out before it returns (http.Flusher, as
// Discord's deferred replies do) does not belong in Routes. The request's
// context is not cancelled when the client goes away (nothing reads ahead
// to notice); the body is valid until the handler returns.
package leanhttp

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Server serves Routes itself and everything else through HTTP.
type Server struct {
	// Routes are the POST endpoints served here, by exact path. Their
	// handlers must not keep the *http.Request, its Header or its Body
	// after they return: a connection reuses them for its next request.
	Routes map[string]http.Handler
	// HTTP serves the connections handed over; its ReadTimeout (idle wait
	// plus reading a request, as net/http uses it when IdleTimeout is not
	// set) and WriteTimeout apply here too, and ErrorLog logs panics.
	HTTP *http.Server
	// MaxBody is the largest body served here (default 64 KiB); a larger
	// one goes to HTTP, whose handler answers it (413 in the adapters).
	MaxBody int

	mu       sync.Mutex
	conns    map[*conn]struct{}
	ln       net.Listener
	handoff  *connListener
	shutdown atomic.Bool
	wg       sync.WaitGroup
	once     sync.Once
	// order lets requests on to their handlers oldest first (order.go).
	order sequencer
	// dateCache is the last Date header formatted (date).
	dateCache atomic.Pointer[cachedDate]
}

// bufSize is the read buffer of a connection: a request's line and
// headers must fit in it to be served here (Slack's are about 1 KiB),
// longer ones are net/http's (MaxHeaderBytes).
const bufSize = 4096

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = http.ErrServerClosed

func (s *Server) init(ln net.Listener) {
	s.once.Do(func() {
		s.conns = map[*conn]struct{}{}
		s.handoff = newConnListener(ln.Addr())
		if s.MaxBody <= 0 {
			s.MaxBody = 64 << 10
		}
		if s.HTTP == nil {
			s.HTTP = &http.Server{Handler: http.NotFoundHandler()}
		}
		go s.HTTP.Serve(s.handoff)
	})
}

// Serve accepts connections on ln until Shutdown; it always returns a
// non-nil error (ErrServerClosed after Shutdown).
func (s *Server) Serve(ln net.Listener) error {
	s.init(ln)
	s.mu.Lock()
	s.ln = ln
	s.mu.Unlock()
	if s.shutdown.Load() {
		ln.Close()
		return ErrServerClosed
	}
	var delay time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.shutdown.Load() {
				return ErrServerClosed
			}
			if t, ok := err.(interface{ Temporary() bool }); ok && t.Temporary() {
				// As net/http: back off on EMFILE and the like.
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		c := &conn{s: s, nc: nc}
		if !s.track(c, true) {
			nc.Close()
			return ErrServerClosed
		}
		go c.serve()
	}
}

func (s *Server) track(c *conn, add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if add {
		if s.shutdown.Load() {
			return false
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		return true
	}
	if _, ok := s.conns[c]; ok {
		delete(s.conns, c)
		s.wg.Done()
	}
	return true
}

// Shutdown stops accepting, closes idle connections, lets requests being
// served finish (their connections close after the answer) and shuts the
// net/http server down, all within ctx.
func (s *Server) Shutdown(ctx context.Context) error {
	s.shutdown.Store(true)
	s.mu.Lock()
	if s.ln != nil {
		s.ln.Close()
	}
	if s.handoff != nil {
		s.handoff.Close() // also when net/http's Serve has not taken it yet
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		s.closeIdle()
		select {
		case <-done:
			if s.HTTP != nil && s.handoff != nil {
				return s.HTTP.Shutdown(ctx)
			}
			return nil
		case <-ctx.Done():
			s.mu.Lock()
			for c := range s.conns {
				c.nc.Close()
			}
			s.mu.Unlock()
			if s.HTTP != nil && s.handoff != nil {
				s.HTTP.Close()
			}
			return ctx.Err()
		case <-t.C:
		}
	}
}

func (s *Server) closeIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.idle.Load() {
			c.nc.Close()
		}
	}
}

// conn is one client connection served here.
type conn struct {
	s      *Server
	nc     net.Conn
	br     *bufio.Reader
	idle   atomic.Bool
	remote string
	body   []byte
	rdl    time.Time // read deadline set on nc
	wdl    time.Time // write deadline set on nc
	out    []byte
	resp   response
	bodyR  bodyReader
	// Reused for each request on the connection (Routes' rule).
	req    http.Request
	url    url.URL
	header http.Header
	// stamps reads the connection when the kernel can say when data
	// arrived (nil otherwise); w is its place in Server.order.
	stamps *stampReader
	w      waiter
	// parse's scratch: the headers of the request being read, and the
	// backing array of its header values.
	fields []field
	vals   []string
}

func (c *conn) serve() {
	handed := false
	defer func() {
		if p := recover(); p != nil {
			c.logf("leanhttp: panic serving %v: %v\n%s", c.remote, p, debug.Stack())
		}
		if !handed {
			c.nc.Close()
		}
		c.s.track(c, false)
	}()
	c.remote = c.nc.RemoteAddr().String()
	if c.stamps = newStampReader(c.nc); c.stamps != nil {
		c.br = bufio.NewReaderSize(c.stamps, bufSize)
		c.w.wake = make(chan struct{}, 1)
	} else {
		c.br = bufio.NewReaderSize(c.nc, bufSize)
	}
	for {
		c.idle.Store(true)
		if c.s.shutdown.Load() {
			return
		}
		c.readDeadline()
		if _, err := c.br.Peek(1); err != nil {
			return
		}
		c.idle.Store(false)
		req, n, ok := c.parse()
		if !ok {
			if !req.drop {
				handed = c.handOver()
			}
			return
		}
		c.br.Discard(n)
		if !c.readBody(req) {
			return
		}
		if c.stamps != nil {
			// Its turn by arrival (order.go).
			c.w.at = c.stamps.arrived()
			c.s.order.wait(&c.w)
		}
		if !c.run(req) {
			return
		}
	}
}

// readDeadline bounds the wait for and the reading of the next request by
// HTTP.ReadTimeout, set again only when it has moved a second (a quarter
// of a short timeout): a deadline
// costs a timer update in the runtime.
func (c *conn) readDeadline() {
	d := c.s.HTTP.ReadTimeout
	if d <= 0 {
		return
	}
	now := time.Now()
	if c.rdl.Sub(now) < d-slack(d) {
		c.rdl = now.Add(d)
		c.nc.SetReadDeadline(c.rdl)
	}
}

func (c *conn) writeDeadline() {
	d := c.s.HTTP.WriteTimeout
	if d <= 0 {
		return
	}
	now := time.Now()
	if c.wdl.Sub(now) < d-slack(d) {
		c.wdl = now.Add(d)
		c.nc.SetWriteDeadline(c.wdl)
	}
}

// slack is how far a deadline may lag behind now+d before it is set again.
func slack(d time.Duration) time.Duration { return min(time.Second, d/4) }

// handOver gives the connection, with what has been read of it, to the
// net/http server. It reports false when that server is shut down.
func (c *conn) handOver() bool {
	c.nc.SetReadDeadline(time.Time{})
	c.nc.SetWriteDeadline(time.Time{})
	return c.s.handoff.give(&handedConn{Conn: c.nc, r: c.br})
}

func (c *conn) logf(format string, args ...any) {
	if c.s.HTTP != nil && c.s.HTTP.ErrorLog != nil {
		c.s.HTTP.ErrorLog.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// request is what parse found in a request's line and headers.
type request struct {
	handler http.Handler
	path    string
	host    string
	header  http.Header
	length  int
	close   bool
	// drop: the connection ended or timed out mid-head; close it.
	drop bool
	// hostSeen: a Host header was read (parse's first pass).
	hostSeen bool
}

// parse reads the request line and headers from the buffer without
// consuming them. ok is false when the request is not one served here
// (or is malformed, or incomplete when the buffer is full or the
// connection ends): then it goes to net/http as it is. n is the length of
// the line and headers.
func (c *conn) parse() (req request, n int, ok bool) {
	var b []byte
	for {
		buffered := c.br.Buffered()
		b, _ = c.br.Peek(buffered)
		if i := bytes.Index(b, crlfcrlf); i >= 0 {
			n = i + 4
			break
		}
		if buffered >= c.br.Size() {
			return req, 0, false
		}
		if _, err := c.br.Peek(buffered + 1); err != nil {
			// The connection ended or its read deadline passed mid-head
			// (a slow client): closed, not given to net/http for
			// another ReadHeaderTimeout.
			req.drop = true
			return req, 0, false
		}
	}
	head := b[:n-4]
	line, rest, _ := cutCRLF(head)
	const method = "POST "
	if len(line) < len(method) || string(line[:len(method)]) != method {
		return req, 0, false
	}
	line = line[len(method):]
	sp := bytes.IndexByte(line, ' ')
	if sp < 0 || string(line[sp+1:]) != "HTTP/1.1" {
		return req, 0, false
	}
	h, found := c.s.Routes[string(line[:sp])]
	if !found {
		return req, 0, false
	}
	for p := range c.s.Routes { // the route's own string: no copy of the path
		if p == string(line[:sp]) {
			req.path = p
			break
		}
	}
	req.handler = h
	req.length = -1
	// First pass, over the buffer's bytes: check every header as before
	// and note where its value is. The values are then copied into one
	// string, and the keys are constants (the usual ones, in any case)
	// or canonicalised copies: a request costs one allocation of its
	// values' size, where a string of the whole head (request line and
	// keys too) and a new array of values were ~500 bytes of a Slack
	// request.
	fields := c.fields[:0]
	size := 0
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = cutCRLF(rest)
		colon := bytes.IndexByte(l, ':')
		if colon <= 0 || !validName(l[:colon]) {
			return req, 0, false // also obs-fold continuation lines
		}
		key, known := commonKey(l[:colon])
		if !known {
			key = textproto.CanonicalMIMEHeaderKey(string(l[:colon]))
		}
		val := trimOWS(l[colon+1:])
		if !validValue(val) {
			return req, 0, false
		}
		switch key {
		case "Content-Length":
			if req.length >= 0 {
				return req, 0, false
			}
			v, ok := atoiLength(val, c.s.MaxBody)
			if !ok {
				return req, 0, false
			}
			req.length = v
		case "Transfer-Encoding", "Expect", "Upgrade", "Trailer":
			return req, 0, false
		case "Host":
			if req.hostSeen || len(val) == 0 {
				return req, 0, false
			}
			req.hostSeen = true
		case "Connection":
			switch {
			case asciiEqualFold(val, "close"):
				req.close = true
			case asciiEqualFold(val, "keep-alive"):
			default:
				return req, 0, false
			}
		}
		fields = append(fields, field{key: key, val: val})
		size += len(val)
	}
	c.fields = fields
	if req.length < 0 || !req.hostSeen {
		return req, 0, false
	}
	// The values, in one new string (the bytes are not written again).
	vb := make([]byte, 0, size)
	for _, f := range fields {
		vb = append(vb, f.val...)
	}
	all := unsafe.String(unsafe.SliceData(vb), len(vb))
	if c.header == nil {
		c.header = make(http.Header, 8)
	}
	clear(c.header)
	req.header = c.header
	// One backing array for the values, the connection's own (handlers
	// keep nothing of a request, Routes' rule): a header's []string is a
	// one-element window of it (a repeated header appends past the
	// window into a new array).
	vals := c.vals[:0]
	off := 0
	for i := range fields {
		f := &fields[i]
		val := all[off : off+len(f.val)]
		off += len(f.val)
		f.val = nil // the buffer's bytes are not kept
		if f.key == "Host" {
			req.host = val
		}
		if old, dup := req.header[f.key]; dup {
			req.header[f.key] = append(old, val)
			continue
		}
		vals = append(vals, val)
		req.header[f.key] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	c.vals = vals
	return req, n, true
}

// field is a header found by parse's first pass.
type field struct {
	key string
	val []byte // in the read buffer
}

// commonKey is the canonical form of a header name that requests here
// usually carry, given in any case, without allocating; known is false
// for any other name.
func commonKey(b []byte) (key string, known bool) {
	var keys []string
	switch len(b) {
	case 4:
		keys = []string{"Host"}
	case 6:
		keys = []string{"Accept"}
	case 9:
		keys = []string{"X-Real-Ip"}
	case 10:
		keys = []string{"User-Agent", "Connection"}
	case 11:
		keys = []string{"Traceparent"}
	case 12:
		keys = []string{"Content-Type", "X-Request-Id"}
	case 14:
		keys = []string{"Content-Length"}
	case 15:
		keys = []string{"Accept-Encoding", "X-Forwarded-For", "Accept-Language", "X-Amzn-Trace-Id"}
	case 17:
		keys = []string{"X-Slack-Signature", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Slack-Retry-Num"}
	case 20:
		keys = []string{"X-Slack-Retry-Reason"}
	case 25:
		keys = []string{"X-Slack-Request-Timestamp"}
	}
	for _, k := range keys {
		if foldEqual(b, k) {
			return k, true
		}
	}
	return "", false
}

// foldEqual reports whether b is k in any case (ASCII).
func foldEqual(b []byte, k string) bool {
	if len(b) != len(k) {
		return false
	}
	for i := 0; i < len(b); i++ {
		x, y := b[i], k[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// atoiLength reads a Content-Length as the check before did: what
// strconv.Atoi accepts, not negative, no '+', at most max.
func atoiLength(b []byte, max int) (int, bool) {
	if len(b) == 0 || b[0] == '+' {
		return 0, false
	}
	neg := b[0] == '-'
	if neg {
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
		if v > max {
			return 0, false
		}
	}
	if neg && v != 0 {
		return 0, false
	}
	return v, true
}

var crlfcrlf = []byte("\r\n\r\n")

// byteSeq is the head's bytes or a string.
type byteSeq interface{ ~string | ~[]byte }

func cutCRLF[S byteSeq](s S) (line, rest S, found bool) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\r' && s[i+1] == '\n' {
			return s[:i], s[i+2:], true
		}
	}
	return s, s[len(s):], false
}

func trimOWS[S byteSeq](s S) S {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// validName: a header name is a token (RFC 9110 5.6.2).
func validName[S byteSeq](s S) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		switch c {
		case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
			continue
		}
		return false
	}
	return true
}

// validValue: no control characters but tab (net/http's rule).
func validValue[S byteSeq](s S) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func asciiEqualFold[S byteSeq](s S, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		a, b := s[i], t[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// readBody reads the request's body into the connection's buffer.
func (c *conn) readBody(req request) bool {
	if cap(c.body) < req.length {
		c.body = make([]byte, req.length)
	}
	c.body = c.body[:req.length]
	_, err := io.ReadFull(c.br, c.body)
	return err == nil
}

// run calls the handler and writes its answer; false: close the connection.
func (c *conn) run(pr request) bool {
	c.bodyR = bodyReader{b: c.body}
	c.url = url.URL{Path: pr.path}
	r := &c.req
	*r = http.Request{
		Method:        http.MethodPost,
		URL:           &c.url,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        pr.header,
		Body:          &c.bodyR,
		ContentLength: int64(pr.length),
		Host:          pr.host,
		RemoteAddr:    c.remote,
		RequestURI:    pr.path,
		Close:         pr.close,
	}
	w := &c.resp
	w.reset()
	pr.handler.ServeHTTP(w, r)
	c.bodyR.b = nil
	closing := pr.close || c.s.shutdown.Load() || w.h.Get("Connection") == "close"
	c.out = w.appendTo(c.out[:0], closing, c.s.date())
	c.writeDeadline()
	if _, err := c.nc.Write(c.out); err != nil {
		return false
	}
	if cap(c.out) > 64<<10 {
		c.out = nil // do not keep a large answer's buffer per connection
	}
	return !closing
}

// bodyReader is a request body already read; valid until the handler
// returns.
type bodyReader struct {
	b []byte
}

func (r *bodyReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	if len(r.b) == 0 {
		return n, io.EOF
	}
	return n, nil
}

func (r *bodyReader) Close() error { return nil }

// response collects a handler's answer; it is written in one piece after
// the handler returns.
type response struct {
	h      http.Header
	status int
	body   []byte
}

// reset readies w for the next request. The header map is reused: like
// net/http's, a ResponseWriter is not to be used after the handler returns.
func (w *response) reset() {
	if w.h == nil {
		w.h = make(http.Header, 2)
	}
	clear(w.h)
	w.status = 0
	w.body = w.body[:0]
}

func (w *response) Header() http.Header { return w.h }

func (w *response) WriteHeader(code int) {
	if w.status != 0 || code < 200 { // 1xx informational answers are not sent
		return
	}
	w.status = code
}

func (w *response) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body = append(w.body, p...)
	return len(p), nil
}

// appendTo appends the status line, headers and body to b.
func (w *response) appendTo(b []byte, closing bool, date string) []byte {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	b = append(b, "HTTP/1.1 "...)
	b = strconv.AppendInt(b, int64(w.status), 10)
	b = append(b, ' ')
	b = append(b, http.StatusText(w.status)...)
	b = append(b, "\r\n"...)
	typed := false
	for k, vs := range w.h {
		switch k {
		case "Content-Length", "Transfer-Encoding", "Connection", "Date":
			continue
		case "Content-Type":
			typed = true
		}
		for _, v := range vs {
			b = append(b, k...)
			b = append(b, ": "...)
			b = appendValue(b, v)
			b = append(b, "\r\n"...)
		}
	}
	if !typed && len(w.body) > 0 {
		b = append(b, "Content-Type: "...)
		b = append(b, http.DetectContentType(w.body)...)
		b = append(b, "\r\n"...)
	}
	b = append(b, "Content-Length: "...)
	b = strconv.AppendInt(b, int64(len(w.body)), 10)
	b = append(b, "\r\nDate: "...)
	b = append(b, date...)
	b = append(b, "\r\n"...)
	if closing {
		b = append(b, "Connection: close\r\n"...)
	}
	b = append(b, "\r\n"...)
	return append(b, w.body...)
}

// appendValue writes a header value with CR and LF replaced by spaces, as
// net/http does, so a handler cannot split the answer.
func appendValue(b []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}

// date is the Date header's value, formatted once per second.
func (s *Server) date() string {
	now := time.Now()
	sec := now.Unix()
	if d := s.dateCache.Load(); d != nil && d.sec == sec {
		return d.s
	}
	d := &cachedDate{sec: sec, s: now.UTC().Format(http.TimeFormat)}
	s.dateCache.Store(d)
	return d.s
}

type cachedDate struct {
	sec int64
	s   string
}

// handedConn is a connection given to net/http: the bytes already read
// into r come first.
type handedConn struct {
	net.Conn
	r *bufio.Reader
}

func (h *handedConn) Read(p []byte) (int, error) {
	if h.r != nil {
		if h.r.Buffered() > 0 {
			return h.r.Read(p)
		}
		h.r = nil
	}
	return h.Conn.Read(p)
}

// connListener is the net.Listener net/http's Serve takes the handed-over
// connections from.
type connListener struct {
	ch     chan net.Conn
	done   chan struct{}
	closed sync.Once
	addr   net.Addr
}

func newConnListener(addr net.Addr) *connListener {
	return &connListener{ch: make(chan net.Conn), done: make(chan struct{}), addr: addr}
}

func (l *connListener) give(c net.Conn) bool {
	select {
	case l.ch <- c:
		return true
	case <-l.done:
		return false
	}
}

func (l *connListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.ch:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *connListener) Close() error {
	l.closed.Do(func() { close(l.done) })
	return nil
}

func (l *connListener) Addr() net.Addr { return l.addr }
