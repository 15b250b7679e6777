package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/kulturskoleradet/kulturbot/internal/leanhttp"
	"github.com/kulturskoleradet/kulturbot/internal/loadq"
)

// benchSlash measures one signed slash command through the real App's mux
// (signature check, form parsing, admission, router middleware, handler,
// SQLite write, Block Kit rendering) without the network: per-request CPU
// and allocations, the figures that hold on a busy machine.
//
//	go test ./cmd/kulturbot -run '^$' -bench 'Slack(RSVP|FAQ)' -benchmem -count 5
func benchSlash(b *testing.B, cmd string, text func(i int) string) {
	benchSlashVia(b, cmd, text, false)
}

// benchSlashVia is benchSlash through the mux with httptest's recorder
// (wire false) or over a kept-alive TCP connection to the leanhttp server
// the bot runs (wire true). On the wire the client writes pre-built
// request bytes and reads the answer into one buffer, allocating nothing
// itself, so B/op and allocs/op are the server's own: the whole intake
// (head parsing, body, signature, form, admission, router, handler,
// store, rendering, the written answer) as production serves it. The
// recorder variant also counts the benchmark's http.Request, headers and
// recorder (~2-4 KB/op).
func benchSlashVia(b *testing.B, cmd string, text func(i int) string, wire bool) {
	s := slacktest.NewServer(b)
	s.Quiet = true
	cfg := &Config{
		DB: filepath.Join(b.TempDir(), "k.db"), Admins: "slack:UADMIN", RateLimit: 0, Retention: time.Hour,
		SlackBotToken: "xoxb-bench", SlackSigningSecret: e2eSecret, SlackAPIURL: s.APIURL(),
		InterestDeadline: "15.09", HTTPAddr: "127.0.0.1:0",
	}
	// On the wire the bot logs as the load scripts run it
	// (KULTURBOT_LOG_LEVEL=error): no line per request.
	level := slog.LevelInfo
	if wire {
		level = slog.LevelError
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: level})))
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if ok, err := a.startSlack(context.Background()); err != nil || !ok {
		b.Fatalf("startSlack: %v %v", ok, err)
	}
	type signed struct{ body, ts, sig string }
	var seq int
	sign := func(user, cmd, text string) signed {
		// A replayed signature is acknowledged and not run again (the
		// trigger id makes every request new, as Slack's are).
		seq++
		body := url.Values{
			"team_id": {"T0"}, "channel_id": {"C0GEN"}, "user_id": {user}, "user_name": {strings.ToLower(user)},
			"command": {cmd}, "text": {text}, "response_url": {s.ResponseURL(user)}, "trigger_id": {fmt.Sprintf("trig-%d", seq)},
		}.Encode()
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		return signed{body, ts, kslack.Sign(e2eSecret, ts, []byte(body))}
	}
	do := func(r signed) string {
		req, _ := http.NewRequest(http.MethodPost, "/slack/events", strings.NewReader(r.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", r.ts)
		req.Header.Set("X-Slack-Signature", r.sig)
		w := httptest.NewRecorder()
		a.Mux.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%s: status %d %s", r.body, w.Code, w.Body)
		}
		return w.Body.String()
	}
	for _, c := range []signed{
		sign("UADMIN", "/region", `ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`),
		sign("UADMIN", "/samling", `ny navn="Oppstartssamling" dato=`+ty+`-02-04 sted="Bodø" region=Salten frist=`+ty+`-01-20`),
	} {
		if out := do(c); strings.Contains(out, ":warning:") {
			b.Fatal(out)
		}
	}
	// 200 users, every request signed ahead: the client's signing is not
	// the server's work.
	reqs := make([]signed, 200+b.N)
	for i := range reqs {
		reqs[i] = sign(fmt.Sprintf("U%03d", i%200), cmd, text(i))
	}
	// Warm up: every user's first command starts the background users.info
	// lookup; the steady state is a known user.
	for _, r := range reqs[:200] {
		out := do(r)
		if strings.Contains(out, ":warning:") {
			b.Fatal(out)
		}
	}
	var out string
	if wire {
		out = benchWire(b, a, reqs[200:], func(r signed) []byte {
			return []byte("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Go-http-client/1.1\r\n" +
				"Content-Length: " + strconv.Itoa(len(r.body)) + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
				"X-Slack-Request-Timestamp: " + r.ts + "\r\nX-Slack-Signature: " + r.sig + "\r\nAccept-Encoding: gzip\r\n\r\n" + r.body)
		})
	} else {
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			out = do(reqs[200+i])
		}
		b.StopTimer()
	}
	if strings.Contains(out, ":warning:") || !strings.Contains(out, "text") {
		b.Fatalf("last reply: %q", out)
	}
	if os.Getenv("BENCH_SHOW") != "" {
		b.Log(out)
	}
}

// benchWire serves a's intake with leanhttp on a loopback port and sends
// each of reqs (as raw, a request's bytes, builds them, before the timer
// starts) on one kept-alive connection, one at a time. It returns the
// last answer's body.
func benchWire[T any](b *testing.B, a *App, reqs []T, raw func(T) []byte) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	s := &leanhttp.Server{Routes: a.intake, HTTP: &http.Server{Handler: a.Mux, ErrorLog: log.New(io.Discard, "", 0)}}
	go s.Serve(ln)
	defer s.Shutdown(context.Background())
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	wire := make([][]byte, len(reqs))
	for i, r := range reqs {
		wire[i] = raw(r)
	}
	buf := make([]byte, 64<<10)
	var body []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Write(wire[i]); err != nil {
			b.Fatal(err)
		}
		body = readAnswer(b, c, buf)
	}
	b.StopTimer()
	return string(body)
}

// readAnswer reads one HTTP/1.1 answer with a Content-Length into buf and
// returns its body (in buf).
func readAnswer(b *testing.B, c net.Conn, buf []byte) []byte {
	got := 0
	for {
		n, err := c.Read(buf[got:])
		if err != nil {
			b.Fatal(err)
		}
		got += n
		head, rest, ok := bytes.Cut(buf[:got], []byte("\r\n\r\n"))
		if !ok {
			continue
		}
		if !bytes.HasPrefix(head, []byte("HTTP/1.1 200 ")) {
			b.Fatalf("answer: %q", buf[:got])
		}
		_, cl, ok := bytes.Cut(head, []byte("\r\nContent-Length: "))
		if !ok {
			b.Fatalf("no Content-Length: %q", head)
		}
		cl, _, _ = bytes.Cut(cl, []byte("\r\n"))
		n, err = strconv.Atoi(string(cl))
		if err != nil {
			b.Fatal(err)
		}
		if len(rest) >= n {
			return rest[:n]
		}
	}
}

func BenchmarkSlackRSVP(b *testing.B) {
	towns := []string{"Bodø", "Fauske", "Saltdal"}
	benchSlash(b, "/rsvp", func(i int) string {
		return fmt.Sprintf("1 ja %d kommune=%s", 1+i%4, towns[i%3])
	})
}

func BenchmarkSlackFAQ(b *testing.B) {
	benchSlash(b, "/faq", func(i int) string { return loadq.Question(i) })
}

// The same two over the wire: the server's own bytes and allocations.
//
//	go test ./cmd/kulturbot -run '^$' -bench 'Slack(RSVP|FAQ)Wire' -benchmem -count 6
func BenchmarkSlackRSVPWire(b *testing.B) {
	towns := []string{"Bodø", "Fauske", "Saltdal"}
	benchSlashVia(b, "/rsvp", func(i int) string {
		return fmt.Sprintf("1 ja %d kommune=%s", 1+i%4, towns[i%3])
	}, true)
}

func BenchmarkSlackFAQWire(b *testing.B) {
	benchSlashVia(b, "/faq", func(i int) string { return loadq.Question(i) }, true)
}
