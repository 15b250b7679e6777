// Package slacktest is a local stand-in for Slack: the Web API methods
// kulturbot calls, response_url endpoints, file uploads, and the Socket Mode
// WebSocket (envelopes in, acks out). The real slack-go client talks to it
// through slack.OptionAPIURL, so tests exercise the same code as production.
// It also serves as the stub behind the load generator.
package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Call is one request the fake received.
type Call struct {
	Method string     // "chat.postMessage", "response_url", "upload", ...
	Path   string     // request path
	Form   url.Values // form-encoded parameters (most Web API methods)
	JSON   map[string]any
	Body   []byte
	Token  string // bearer token or token parameter
}

// Get returns a parameter from the form or the JSON body, as a string.
func (c Call) Get(key string) string {
	if v := c.Form.Get(key); v != "" {
		return v
	}
	switch v := c.JSON[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// Blocks decodes the call's blocks (form "blocks" or JSON "blocks").
func (c Call) Blocks() []map[string]any {
	var out []map[string]any
	_ = json.Unmarshal([]byte(c.Get("blocks")), &out)
	return out
}

// Envelope is a Socket Mode acknowledgement received from the client.
type Envelope struct {
	EnvelopeID string          `json:"envelope_id"`
	Payload    json.RawMessage `json:"payload,omitempty"`
}

// Server is the fake Slack.
type Server struct {
	*httptest.Server

	mu      sync.Mutex
	calls   []Call
	waiters []chan struct{}
	locales map[string]string
	limits  map[string]*limit
	conns   []*websocket.Conn
	writers []func(any) error
	acks    map[string]Envelope
	seq     atomic.Int64
	// Opens counts apps.connections.open calls (reconnects).
	Opens atomic.Int64
	files map[string][]byte
	// Quiet drops the call log (the load generator's stub: memory stays flat).
	Quiet bool
}

type limit struct {
	n     int
	after time.Duration
}

// NewServer starts a fake Slack; it is closed when the test ends if t is
// non-nil.
func NewServer(t testing.TB) *Server {
	s := &Server{locales: map[string]string{}, limits: map[string]*limit{}, acks: map[string]Envelope{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// AddFile serves content as a private file (url_private_download) and
// returns its URL; downloads need the bot token, as on Slack.
func (s *Server) AddFile(name string, content []byte) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string][]byte{}
	}
	path := "/files-pri/T0TEST-F0" + strconv.Itoa(len(s.files)) + "/download/" + name
	s.files[path] = content
	return s.URL + path
}

// Close drops the WebSocket connections and stops the server.
func (s *Server) Close() {
	s.DropConnections()
	s.Server.Close()
}

// APIURL is the Web API base to give slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.URL + "/api/" }

// ResponseURL is a response_url for one request, as Slack puts in slash
// commands and interactions.
func (s *Server) ResponseURL(name string) string { return s.URL + "/response/" + name }

// SetLocale sets what users.info answers for a user's locale.
func (s *Server) SetLocale(user, locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.locales[user] = locale
}

// RateLimit makes the next n calls of method answer 429 with Retry-After.
func (s *Server) RateLimit(method string, n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits[method] = &limit{n: n, after: retryAfter}
}

// Calls returns the calls of a method ("" for all) so far.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Wait waits until at least n calls of method have arrived and returns them.
func (s *Server) Wait(t testing.TB, method string, n int) []Call {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		s.mu.Lock()
		ch := make(chan struct{})
		s.waiters = append(s.waiters, ch)
		s.mu.Unlock()
		if cs := s.Calls(method); len(cs) >= n {
			return cs
		}
		select {
		case <-ch:
		case <-time.After(time.Until(deadline)):
			t.Fatalf("slacktest: waited for %d %s call(s), got %d; all calls: %v", n, method, len(s.Calls(method)), s.methods())
		}
	}
}

func (s *Server) methods() []string {
	var out []string
	for _, c := range s.Calls("") {
		out = append(out, c.Method)
	}
	return out
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.Quiet {
		s.calls = append(s.calls, c)
	}
	for _, w := range s.waiters {
		close(w)
	}
	s.waiters = nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/ws":
		s.serveWS(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/response/"):
		c := s.read(r, "response_url")
		s.record(c)
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "ok")
		return
	case strings.HasPrefix(r.URL.Path, "/files-pri/"):
		s.mu.Lock()
		body, ok := s.files[r.URL.Path]
		s.mu.Unlock()
		if !ok || r.Header.Get("Authorization") == "" {
			http.NotFound(w, r)
			return
		}
		s.record(Call{Method: "file.download", Path: r.URL.Path})
		w.Write(body)
		return
	case strings.HasPrefix(r.URL.Path, "/upload/"):
		c := s.read(r, "upload")
		s.record(c)
		io.WriteString(w, "OK - "+strconv.Itoa(len(c.Body)))
		return
	case !strings.HasPrefix(r.URL.Path, "/api/"):
		http.NotFound(w, r)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	c := s.read(r, method)
	s.mu.Lock()
	if l := s.limits[method]; l != nil && l.n > 0 {
		l.n--
		s.mu.Unlock()
		s.record(Call{Method: method + ":429", Path: r.URL.Path, Form: c.Form, JSON: c.JSON})
		w.Header().Set("Retry-After", strconv.Itoa(int(l.after.Seconds())))
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	s.mu.Unlock()
	s.record(c)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s.answer(method, c))
}

func (s *Server) read(r *http.Request, method string) Call {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	c := Call{Method: method, Path: r.URL.Path, Body: body, Form: url.Values{}}
	ctype, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ctype == "application/json":
		_ = json.Unmarshal(body, &c.JSON)
	case ctype == "application/x-www-form-urlencoded":
		c.Form, _ = url.ParseQuery(string(body))
	case strings.HasPrefix(ctype, "multipart/"):
		c.Form = url.Values{"boundary": {params["boundary"]}}
	}
	c.Token = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if c.Token == "" {
		c.Token = c.Form.Get("token")
	}
	return c
}

func (s *Server) ts() string {
	return fmt.Sprintf("1700000000.%06d", s.seq.Add(1))
}

// answer is each method's success response, shaped like Slack's.
func (s *Server) answer(method string, c Call) map[string]any {
	ok := func(kv ...any) map[string]any {
		m := map[string]any{"ok": true}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	switch method {
	case "auth.test":
		return ok("url", "https://kulturbot-test.slack.com/", "team", "Kulturbot Test", "user", "kulturbot",
			"team_id", "T0TEST", "user_id", "UBOT", "bot_id", "BBOT")
	case "chat.postMessage":
		ts := s.ts()
		return ok("channel", c.Get("channel"), "ts", ts, "message", map[string]any{"text": c.Get("text"), "ts": ts})
	case "chat.postEphemeral":
		return ok("message_ts", s.ts())
	case "chat.update":
		return ok("channel", c.Get("channel"), "ts", c.Get("ts"), "text", c.Get("text"))
	case "views.open", "views.update", "views.push":
		return ok("view", map[string]any{"id": fmt.Sprintf("V%d", s.seq.Add(1)), "type": "modal"})
	case "users.info":
		id := c.Get("user")
		s.mu.Lock()
		loc := s.locales[id]
		s.mu.Unlock()
		if loc == "" {
			loc = "nb-NO"
		}
		return ok("user", map[string]any{"id": id, "name": strings.ToLower(id), "locale": loc,
			"profile": map[string]any{"display_name": strings.ToLower(id)}})
	case "conversations.open":
		users := c.Get("users")
		return ok("channel", map[string]any{"id": "D" + strings.TrimPrefix(users, "U")})
	case "files.getUploadURLExternal":
		id := fmt.Sprintf("F%d", s.seq.Add(1))
		return ok("upload_url", s.URL+"/upload/"+id, "file_id", id)
	case "files.completeUploadExternal":
		var fs []map[string]any
		_ = json.Unmarshal([]byte(c.Get("files")), &fs)
		return ok("files", fs)
	case "apps.connections.open":
		s.Opens.Add(1)
		return ok("url", "ws"+strings.TrimPrefix(s.URL, "http")+"/ws")
	}
	return map[string]any{"ok": false, "error": "unknown_method"}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveWS speaks Socket Mode: hello on connect, pings so the client's
// liveness check is satisfied, and every message from the client is an ack.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	var wmu sync.Mutex
	write := func(v any) error {
		wmu.Lock()
		defer wmu.Unlock()
		return conn.WriteJSON(v)
	}
	s.mu.Lock()
	s.conns = append(s.conns, conn)
	s.mu.Unlock()
	s.record(Call{Method: "ws.connect", Path: r.URL.Path})
	_ = write(map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]any{"app_id": "A0TEST"}})
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				wmu.Lock()
				err := conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second))
				wmu.Unlock()
				if err != nil {
					return
				}
			}
		}
	}()
	defer close(done)
	s.mu.Lock()
	s.writers = append(s.writers, write)
	s.mu.Unlock()
	for {
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var env Envelope
		if json.Unmarshal(msg, &env) == nil && env.EnvelopeID != "" {
			s.mu.Lock()
			s.acks[env.EnvelopeID] = env
			s.mu.Unlock()
			s.record(Call{Method: "ack", Body: msg})
		}
	}
}

// Send delivers a Socket Mode envelope of type typ ("slash_commands",
// "interactive", "events_api") with payload on the newest connection and
// returns its envelope id.
func (s *Server) Send(t testing.TB, typ string, payload any) string {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		s.mu.Lock()
		n := len(s.writers)
		var write func(any) error
		if n > 0 {
			write = s.writers[n-1]
		}
		s.mu.Unlock()
		if write != nil {
			id := fmt.Sprintf("env-%d", s.seq.Add(1))
			raw, _ := json.Marshal(payload)
			err := write(map[string]any{"type": typ, "envelope_id": id, "payload": json.RawMessage(raw),
				"accepts_response_payload": typ != "events_api"})
			if err == nil {
				return id
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("slacktest: no Socket Mode connection to send to")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitAck waits for the client's ack of an envelope.
func (s *Server) WaitAck(t testing.TB, envelopeID string) Envelope {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		s.mu.Lock()
		env, ok := s.acks[envelopeID]
		ch := make(chan struct{})
		s.waiters = append(s.waiters, ch)
		s.mu.Unlock()
		if ok {
			return env
		}
		select {
		case <-ch:
		case <-time.After(time.Until(deadline)):
			t.Fatalf("slacktest: no ack for envelope %s", envelopeID)
		}
	}
}

// Connections is how many WebSocket connections were made so far.
func (s *Server) Connections() int { return len(s.Calls("ws.connect")) }

// DropConnections closes every Socket Mode connection, as a network
// failure would.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := s.conns
	s.conns, s.writers = nil, nil
	s.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}
