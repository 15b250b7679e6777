package leanhttp

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// echo answers with what it saw, and says who served it.
func echo(served string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read: "+err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("X-Served", served)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "%s %s host=%s sig=%s ctype=%s len=%d body=%s",
			r.Method, r.URL.Path, r.Host, r.Header.Get("X-Slack-Signature"), r.Header.Get("Content-Type"), r.ContentLength, b)
	})
}

// start serves /in on leanhttp (handler "lean") and everything else on
// net/http (handler "net/http"), on a real loopback listener.
func start(t *testing.T, configure func(*Server)) (*Server, string) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("POST /in", echo("net/http")) // what net/http serves when handed /in
	mux.Handle("/", echo("net/http"))
	s := &Server{
		Routes: map[string]http.Handler{"/in": echo("lean")},
		HTTP:   &http.Server{Handler: mux, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)},
	}
	if configure != nil {
		configure(s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-errc; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	})
	return s, ln.Addr().String()
}

func dial(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return c, bufio.NewReader(c)
}

func post(path, body string, extra ...string) string {
	h := "POST " + path + " HTTP/1.1\r\nHost: bot.example\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Slack-Signature: v0=abc\r\n"
	for _, e := range extra {
		h += e + "\r\n"
	}
	return h + fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

func read(t *testing.T, br *bufio.Reader) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(br, nil)
	for err == nil && resp.StatusCode == http.StatusContinue {
		resp, err = http.ReadResponse(br, nil)
	}
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer's body: %v", err)
	}
	return resp, string(b)
}

func TestKeepAliveAndPipelining(t *testing.T) {
	_, addr := start(t, nil)
	c, br := dial(t, addr)
	// One at a time, then three in one write: answered in order.
	for i := 0; i < 3; i++ {
		io.WriteString(c, post("/in", fmt.Sprintf("text=%d", i)))
		resp, body := read(t, br)
		want := fmt.Sprintf("POST /in host=bot.example sig=v0=abc ctype=application/x-www-form-urlencoded len=6 body=text=%d", i)
		if resp.StatusCode != 200 || body != want || resp.Header.Get("X-Served") != "lean" {
			t.Fatalf("request %d: %d %q %v, want 200 %q from lean", i, resp.StatusCode, body, resp.Header, want)
		}
		if resp.Header.Get("Date") == "" || resp.ContentLength != int64(len(want)) || resp.Close {
			t.Errorf("request %d: headers %v, length %d, close %v", i, resp.Header, resp.ContentLength, resp.Close)
		}
	}
	// The next request on the connection does not see this one's headers.
	io.WriteString(c, "POST /in HTTP/1.1\r\nHost: other\r\nContent-Length: 1\r\n\r\nz")
	if _, body := read(t, br); body != "POST /in host=other sig= ctype= len=1 body=z" {
		t.Fatalf("a request without the headers: %q", body)
	}
	io.WriteString(c, post("/in", "a=1")+post("/in", "b=22")+post("/in", ""))
	for _, want := range []string{"body=a=1", "body=b=22", "len=0 body="} {
		resp, body := read(t, br)
		if resp.StatusCode != 200 || !strings.HasSuffix(body, want) {
			t.Fatalf("pipelined: %d %q, want …%q", resp.StatusCode, body, want)
		}
	}
}

// TestHandsOverWhatItDoesNotServe: everything but a plain POST to a route
// is answered by net/http, also later on a connection that began here, and
// a pipelined request after a handed-over one is not lost.
func TestHandsOverWhatItDoesNotServe(t *testing.T) {
	_, addr := start(t, func(s *Server) { s.MaxBody = 100 })
	cases := []struct {
		name, req string
		status    int
	}{
		{"GET", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 200},
		{"other path", post("/other", "x=1"), 200},
		{"query", post("/in?x=1", "x=1"), 200},
		{"HTTP/1.0", strings.Replace(post("/in", "x=1", "Connection: keep-alive"), "HTTP/1.1", "HTTP/1.0", 1), 200},
		{"chunked", "POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nx=1\r\n0\r\n\r\n", 200},
		{"expect", post("/in", "x=1", "Expect: 100-continue"), 200},
		{"body over MaxBody", post("/in", strings.Repeat("x", 101)), 200},
		{"no length", "POST /in HTTP/1.1\r\nHost: x\r\n\r\n", 200},
		{"two lengths", "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx", 400},
		{"no host", "POST /in HTTP/1.1\r\nContent-Length: 1\r\n\r\nx", 400},
		{"obs-fold", post("/in", "x=1", "X-A: a\r\n b"), 200}, // net/http joins the lines
		{"bad name", post("/in", "x=1", "X A: a"), 400},
		{"big head", post("/in", "x=1", "X-Big: "+strings.Repeat("b", 5000)), 200},
		{"upgrade", post("/in", "x=1", "Connection: Upgrade", "Upgrade: websocket"), 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, br := dial(t, addr)
			// A lean request first: the connection is handed over mid-way.
			io.WriteString(c, post("/in", "first=1"))
			if resp, _ := read(t, br); resp.Header.Get("X-Served") != "lean" {
				t.Fatalf("first request served by %q", resp.Header.Get("X-Served"))
			}
			io.WriteString(c, tc.req+post("/in", "after=1"))
			resp, body := read(t, br)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d (%q), want %d", resp.StatusCode, body, tc.status)
			}
			if tc.status != 200 {
				return // net/http closes after a bad request
			}
			if got := resp.Header.Get("X-Served"); got != "net/http" {
				t.Fatalf("served by %q (%q), want net/http", got, body)
			}
			resp, body = read(t, br)
			if resp.StatusCode != 200 || !strings.HasSuffix(body, "body=after=1") {
				t.Fatalf("the request after: %d %q", resp.StatusCode, body)
			}
		})
	}
}

func TestConnectionClose(t *testing.T) {
	_, addr := start(t, nil)
	c, br := dial(t, addr)
	io.WriteString(c, post("/in", "x=1", "Connection: close"))
	resp, _ := read(t, br)
	if resp.StatusCode != 200 || !resp.Close {
		t.Fatalf("%d close=%v, want 200 and Connection: close", resp.StatusCode, resp.Close)
	}
	if n, err := br.ReadByte(); err != io.EOF {
		t.Fatalf("after Connection: close read %v %v, want EOF", n, err)
	}
}

func TestAnswers(t *testing.T) {
	_, addr := start(t, func(s *Server) {
		s.Routes["/empty"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
		s.Routes["/err"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "nope", http.StatusUnauthorized)
		})
		s.Routes["/inject"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-A", "a\r\nX-Injected: 1")
			w.Write([]byte(`{"ok":true}`))
		})
	})
	c, br := dial(t, addr)
	io.WriteString(c, post("/empty", ""))
	if resp, body := read(t, br); resp.StatusCode != 200 || body != "" || resp.ContentLength != 0 {
		t.Errorf("empty: %d %q length %d", resp.StatusCode, body, resp.ContentLength)
	}
	io.WriteString(c, post("/err", ""))
	if resp, body := read(t, br); resp.StatusCode != 401 || body != "nope\n" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("http.Error: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	io.WriteString(c, post("/inject", ""))
	resp, body := read(t, br)
	if resp.Header.Get("X-Injected") != "" || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" || body != `{"ok":true}` {
		t.Errorf("inject: %v %q", resp.Header, body)
	}
}

func TestPanicClosesOnlyThatConnection(t *testing.T) {
	_, addr := start(t, func(s *Server) {
		s.Routes["/panic"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	})
	c, br := dial(t, addr)
	io.WriteString(c, post("/panic", ""))
	if _, err := http.ReadResponse(br, nil); err == nil {
		t.Fatal("an answer after a panic")
	}
	c2, br2 := dial(t, addr)
	io.WriteString(c2, post("/in", "x=1"))
	if resp, _ := read(t, br2); resp.StatusCode != 200 {
		t.Fatalf("after a panic: %d", resp.StatusCode)
	}
}

func TestReadTimeout(t *testing.T) {
	_, addr := start(t, func(s *Server) { s.HTTP.ReadTimeout = 200 * time.Millisecond })
	c, br := dial(t, addr)
	io.WriteString(c, post("/in", "x=1"))
	read(t, br)
	// Half a request, then nothing: closed after the timeout.
	io.WriteString(c, "POST /in HTTP/1.1\r\nHost: x\r\n")
	t0 := time.Now()
	if _, err := br.ReadByte(); err == nil {
		t.Fatal("the connection stayed open")
	}
	if d := time.Since(t0); d > 3*time.Second {
		t.Fatalf("closed after %v", d)
	}
	// An idle connection too, and a slow body.
	c2, br2 := dial(t, addr)
	if _, err := br2.ReadByte(); err == nil {
		t.Fatal("an idle connection stayed open")
	}
	c3, br3 := dial(t, addr)
	io.WriteString(c3, "POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
	if _, err := br3.ReadByte(); err == nil {
		t.Fatal("a connection with a slow body stayed open")
	}
	_ = c2
}

func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var served atomic.Int32
	s, addr := start(t, func(s *Server) {
		s.Routes["/slow"] = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			close(entered)
			<-release
			served.Add(1)
			w.Write([]byte("done"))
		})
	})
	idle, idleR := dial(t, addr)
	io.WriteString(idle, post("/in", "x=1"))
	read(t, idleR)
	busy, busyR := dial(t, addr)
	io.WriteString(busy, post("/slow", ""))
	<-entered
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done <- s.Shutdown(ctx)
	}()
	if _, err := idleR.ReadByte(); err == nil {
		t.Fatal("the idle connection stayed open during Shutdown")
	}
	close(release)
	resp, body := read(t, busyR)
	if resp.StatusCode != 200 || body != "done" || !resp.Close {
		t.Fatalf("in flight: %d %q close=%v", resp.StatusCode, body, resp.Close)
	}
	if err := <-done; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Fatal("still accepting after Shutdown")
	}
}

// TestSameAnswersAsNetHTTP: the handler's answers through leanhttp and
// through net/http alone are the same (status, body, the headers a client
// reads) for the requests served here.
func TestSameAnswersAsNetHTTP(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, 8))
		switch string(b) {
		case "json":
			w.Header()["Content-Type"] = []string{"application/json"}
			w.Write([]byte(`{"text":"hei"}`))
		case "empty":
			w.WriteHeader(http.StatusOK)
		case "html":
			w.Write([]byte("<html><body>x</body></html>"))
		case "two":
			w.Write([]byte("a"))
			w.WriteHeader(500) // too late: stays 200
			w.Write([]byte("b"))
		default:
			http.Error(w, "bad "+string(b), http.StatusBadRequest)
		}
	})
	_, lean := start(t, func(s *Server) { s.Routes["/h"] = h })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	plain := &http.Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}
	go plain.Serve(ln)
	t.Cleanup(func() { plain.Close() })
	for _, body := range []string{"json", "empty", "html", "two", "other", "toolongbody"} {
		var got [2]string
		for i, addr := range []string{lean, ln.Addr().String()} {
			c, br := dial(t, addr)
			io.WriteString(c, post("/h", body))
			resp, b := read(t, br)
			got[i] = fmt.Sprintf("%d %q ctype=%q nosniff=%q length=%d", resp.StatusCode, b,
				resp.Header.Get("Content-Type"), resp.Header.Get("X-Content-Type-Options"), resp.ContentLength)
		}
		if got[0] != got[1] {
			t.Errorf("%s: leanhttp %s, net/http %s", body, got[0], got[1])
		}
	}
}
