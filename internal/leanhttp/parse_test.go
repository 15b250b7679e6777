package leanhttp

import (
	"bufio"
	"bytes"
	"net/http"
	"net/textproto"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// refParse is parse as it was before the values were copied into one
// string of their own (a string of the whole head, keys canonicalised
// one by one, a new array of values per request): parse must accept and
// read exactly what it did.
func (c *conn) refParse() (req request, n int, ok bool) {
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
	// One string for the whole head: the header keys and values are
	// substrings of it (one allocation, not two per header).
	head := string(b[:n-4])
	line, rest, _ := refCutCRLF(head)
	const method = "POST "
	if len(line) < len(method) || line[:len(method)] != method {
		return req, 0, false
	}
	line = line[len(method):]
	sp := refIndexByte(line, ' ')
	if sp < 0 || line[sp+1:] != "HTTP/1.1" {
		return req, 0, false
	}
	req.path = line[:sp]
	h, found := c.s.Routes[req.path]
	if !found {
		return req, 0, false
	}
	req.handler = h
	req.length = -1
	req.header = make(http.Header, 8)
	// One backing array for the values: a header's []string is a
	// one-element window of it (a repeated header appends past the window
	// into a new array).
	vals := make([]string, 0, 12)
	for rest != "" {
		var l string
		l, rest, _ = refCutCRLF(rest)
		colon := refIndexByte(l, ':')
		if colon <= 0 || !refValidName(l[:colon]) {
			return req, 0, false // also obs-fold continuation lines
		}
		key := textproto.CanonicalMIMEHeaderKey(l[:colon])
		val := refTrimOWS(l[colon+1:])
		if !refValidValue(val) {
			return req, 0, false
		}
		switch key {
		case "Content-Length":
			if req.length >= 0 {
				return req, 0, false
			}
			v, err := strconv.Atoi(val)
			if err != nil || v < 0 || v > c.s.MaxBody || val[0] == '+' {
				return req, 0, false
			}
			req.length = v
		case "Transfer-Encoding", "Expect", "Upgrade", "Trailer":
			return req, 0, false
		case "Host":
			if req.host != "" || val == "" {
				return req, 0, false
			}
			req.host = val
		case "Connection":
			switch {
			case refEqualFold(val, "close"):
				req.close = true
			case refEqualFold(val, "keep-alive"):
			default:
				return req, 0, false
			}
		}
		if old, dup := req.header[key]; dup {
			req.header[key] = append(old, val)
			continue
		}
		vals = append(vals, val)
		req.header[key] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	if req.length < 0 || req.host == "" {
		return req, 0, false
	}
	return req, n, true
}

func refCutCRLF(s string) (line, rest string, found bool) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\r' && s[i+1] == '\n' {
			return s[:i], s[i+2:], true
		}
	}
	return s, "", false
}

func refIndexByte(s string, c byte) int { return strings.IndexByte(s, c) }

func refTrimOWS(s string) string { return strings.Trim(s, " \t") }

func refValidName(s string) bool {
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

func refValidValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func refEqualFold(s, t string) bool { return len(s) == len(t) && strings.EqualFold(s, t) }

// FuzzParseAsBefore: parse and refParse agree on every input — served
// or not, dropped or not, the head's length, the path, Host, length,
// Connection: close and every header — also when one connection's
// scratch is reused by the next request.
func FuzzParseAsBefore(f *testing.F) {
	for _, s := range parseSeeds() {
		f.Add([]byte(s))
	}
	s := &Server{Routes: map[string]http.Handler{"/in": http.NotFoundHandler(), "/slack/events": http.NotFoundHandler()}, MaxBody: 1 << 10}
	c := &conn{s: s}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkParseAsBefore(t, c, raw)
	})
}

func TestParseAsBefore(t *testing.T) {
	s := &Server{Routes: map[string]http.Handler{"/in": http.NotFoundHandler(), "/slack/events": http.NotFoundHandler()}, MaxBody: 1 << 10}
	c := &conn{s: s}
	for _, raw := range parseSeeds() {
		checkParseAsBefore(t, c, []byte(raw))
	}
}

func parseSeeds() []string {
	slack := "POST /slack/events HTTP/1.1\r\nHost: bot.example\r\nUser-Agent: Slackbot 1.0 (+https://api.slack.com/robots)\r\n" +
		"Accept-Encoding: gzip,deflate\r\nAccept: application/json,*/*\r\nX-Slack-Signature: v0=abc\r\n" +
		"X-Slack-Request-Timestamp: 1531420618\r\nContent-Length: 3\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"X-Forwarded-For: 10.0.0.1\r\nX-Forwarded-Proto: https\r\nx-real-ip: 10.0.0.2\r\nTRACEPARENT: 00-1\r\n\r\nabc"
	out := []string{slack, strings.ToLower(slack), strings.ToUpper(slack[:5]) + strings.ToUpper(slack[5:]),
		post("/in", "text=hei&x=1"),
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nX-A: a\r\nx-a: b\r\n\r\nabc",
		"POST /in HTTP/1.1\r\nhost:  y \r\ncontent-length:0\r\nConnection: close\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 01\r\n\r\nz",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: -0\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: +1\r\n\r\nz",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nz",
		"POST /in HTTP/1.1\r\nHost: x\r\nHost: y\r\nContent-Length: 0\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost:\r\nContent-Length: 0\r\n\r\n",
		"POST /in HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: upgrade\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n folded\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nBad Name: v\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nX: a\x01b\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nX: a\nb\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nx-custom-header: \t v \t\r\nX-CUSTOM-HEADER: w\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n:\r\n\r\n",
		"POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
		"GET /in HTTP/1.1\r\nHost: x\r\n\r\n",
		"POST /in HTTP/1.0\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
		"POST /in  HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Len",
		"POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n" + strings.Repeat("X-Long: "+strings.Repeat("v", 100)+"\r\n", 40) + "\r\n",
	}
	// Every usual key in other cases.
	for _, k := range []string{"Host", "Accept", "User-Agent", "Connection", "Content-Type", "X-Request-Id", "Content-Length",
		"Accept-Encoding", "X-Forwarded-For", "Accept-Language", "X-Amzn-Trace-Id", "X-Slack-Signature", "X-Forwarded-Host",
		"X-Slack-Retry-Num", "X-Slack-Request-Timestamp", "X-Forwarded-Proto", "X-Real-Ip", "X-Slack-Retry-Reason", "Traceparent"} {
		for _, v := range []string{k, strings.ToLower(k), strings.ToUpper(k), k[:len(k)-1] + "q"} {
			out = append(out, "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"+v+": 1\r\n\r\n")
		}
	}
	return out
}

func checkParseAsBefore(t *testing.T, c *conn, raw []byte) {
	t.Helper()
	c.br = bufio.NewReaderSize(bytes.NewReader(raw), bufSize)
	if _, err := c.br.Peek(1); err != nil {
		return
	}
	req, n, ok := c.parse()
	ref := &conn{s: c.s, br: bufio.NewReaderSize(bytes.NewReader(raw), bufSize)}
	ref.br.Peek(1)
	want, wn, wok := ref.refParse()
	if ok != wok || req.drop != want.drop || n != wn {
		t.Fatalf("%q: served %v drop %v n %d; before %v %v %d", raw, ok, req.drop, n, wok, want.drop, wn)
	}
	if !ok {
		return
	}
	if req.path != want.path || req.host != want.host || req.length != want.length || req.close != want.close ||
		reflect.ValueOf(req.handler).Pointer() != reflect.ValueOf(want.handler).Pointer() {
		t.Fatalf("%q: path %q host %q length %d close %v; before %q %q %d %v", raw, req.path, req.host, req.length, req.close,
			want.path, want.host, want.length, want.close)
	}
	if !reflect.DeepEqual(map[string][]string(req.header), map[string][]string(want.header)) {
		t.Fatalf("%q: headers %q; before %q", raw, req.header, want.header)
	}
	for k := range req.header {
		if k != textproto.CanonicalMIMEHeaderKey(k) {
			t.Fatalf("%q: key %q is not canonical", raw, k)
		}
	}
}

// TestParseAllocations: a Slack request's head costs one allocation (its
// header values) once the connection's scratch has grown.
func TestParseAllocations(t *testing.T) {
	s := &Server{Routes: map[string]http.Handler{"/slack/events": http.NotFoundHandler()}, MaxBody: 1 << 10}
	c := &conn{s: s}
	raw := []byte(parseSeeds()[0])
	r := bytes.NewReader(raw)
	c.br = bufio.NewReaderSize(r, bufSize)
	n := testing.AllocsPerRun(100, func() {
		r.Reset(raw)
		c.br.Reset(r)
		c.br.Peek(1)
		if _, _, ok := c.parse(); !ok {
			t.Fatal("not served")
		}
	})
	if n != 1 {
		t.Errorf("parse: %v allocations, want 1", n)
	}
}
