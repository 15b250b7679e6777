package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/internal/loadq"
)

// The load generator's requests pass the real signature check and reach
// the router as /rsvp commands from distinct users; error replies count as
// errors.
func TestRunAgainstTheSlackEndpoint(t *testing.T) {
	var users userSet
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		users.add(req.User.ID)
		if !strings.Contains(req.Text, "kommune=") {
			return bot.Reply{}, bot.Errorf(bot.EInvalid, "kommune mangler")
		}
		return bot.Reply{Text: "Lagret", Private: true}, nil
	})})
	a, err := kslack.New(kslack.Options{BotToken: "xoxb-test", SigningSecret: "s3cret", APIURL: "http://127.0.0.1:9/api/",
		Router: r, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	var out strings.Builder
	c := config{url: srv.URL, secret: "s3cret", conc: 4, users: 10, n: 40, gathering: "1", kommuner: []string{"Bodø"}}
	if err := run(context.Background(), c, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "errors 0") || !strings.Contains(out.String(), "rsvp acknowledged 40") {
		t.Fatalf("output:\n%s", out.String())
	}
	if users.count() != 10 {
		t.Fatalf("%d distinct users, want 10", users.count())
	}

	c.secret = "wrong"
	out.Reset()
	if err := run(context.Background(), c, &out); err == nil || !strings.Contains(out.String(), "status 401") {
		t.Fatalf("a wrong secret must show as errors:\n%s", out.String())
	}
}

// userSet counts distinct user ids.
type userSet struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (s *userSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[id] = true
}

func (s *userSet) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

// The hand-built body is exactly what url.Values would encode.
func TestSlashBodyEncoding(t *testing.T) {
	c := config{gathering: "1", kommuner: []string{"Bodø", "Fauske", "Saltdal"}, run: 1764761234567890123}
	for _, tc := range []struct {
		user, i int
		faq     bool
	}{{0, 0, false}, {7, 13, false}, {199, 123456, false}, {42, 5, true}, {3, 2, true}} {
		text := fmt.Sprintf("%s %s %d kommune=%q overnatting=%s", c.gathering, [...]string{"ja", "nei", "kanskje"}[tc.i%3], 1+tc.i%5,
			c.kommuner[tc.user%len(c.kommuner)], [...]string{"ja", "nei"}[tc.i%2])
		cmd := "/rsvp"
		if tc.faq {
			cmd, text = "/faq", loadq.Question(tc.i)
		}
		uid := fmt.Sprintf("ULOAD%04d", tc.user)
		want := url.Values{
			"token": {"loadgen"}, "team_id": {"T0LOAD"}, "team_domain": {"load"},
			"channel_id": {"C0LOAD"}, "channel_name": {"load"},
			"user_id": {uid}, "user_name": {strings.ToLower(uid)},
			"command": {cmd}, "text": {text},
			"response_url": {"http://127.0.0.1:9/commands/T0LOAD/1/x"},
			"trigger_id":   {fmt.Sprintf("%d.%d.loadgen", tc.i, c.run)},
		}.Encode()
		if got := slashBody(c, tc.user, tc.i, tc.faq); got != want {
			t.Fatalf("slashBody(%+v)\n got %s\nwant %s", tc, got, want)
		}
	}
}

// -ready waits for a server that comes up late and fails for one that
// never does.
func TestWaitReady(t *testing.T) {
	var up atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !up.Load() {
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	}))
	defer srv.Close()
	time.AfterFunc(30*time.Millisecond, func() { up.Store(true) })
	if err := waitReady(srv.URL, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := waitReady("http://127.0.0.1:9/healthz", 20*time.Millisecond); err == nil {
		t.Fatal("a closed port was reported ready")
	}
}

// An empty acknowledgement (a replayed signature, or a reply too late for
// the ack) is not counted as an acknowledged RSVP.
func TestEmptyAckIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var out strings.Builder
	c := config{url: srv.URL, secret: "s", conc: 2, users: 2, n: 6, gathering: "1", kommuner: []string{"Bodø"}}
	if err := run(context.Background(), c, &out); err == nil || !strings.Contains(out.String(), "empty ack:6") ||
		!strings.Contains(out.String(), "rsvp acknowledged 0") {
		t.Fatalf("err %v, output:\n%s", err, out.String())
	}
}

// TestWriteRequests: the file wrk replays holds n requests, each after a
// line with its length, each a well-formed HTTP request to the endpoint
// whose Slack signature verifies, with a body of its own (a repeated body
// would be a replay the bot answers empty).
func TestWriteRequests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reqs")
	c := config{url: "http://127.0.0.1:8099/slack/events", secret: "s3cret", users: 7, n: 40, faqShare: 1, gathering: "1", kommuner: []string{"Bodø"}, run: 5}
	if err := writeRequests(path, c); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for len(data) > 0 {
		nl := bytes.IndexByte(data, '\n')
		n, err := strconv.Atoi(string(data[:nl]))
		if err != nil || nl+1+n > len(data) {
			t.Fatalf("bad length line %q", data[:nl])
		}
		raw := data[nl+1 : nl+1+n]
		data = data[nl+1+n:]
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			t.Fatal(err)
		}
		if req.Method != http.MethodPost || req.URL.Path != "/slack/events" || req.Host != "127.0.0.1:8099" {
			t.Fatalf("request line %s %s host %s", req.Method, req.URL, req.Host)
		}
		if err := kslack.Verify(req.Header, body, c.secret, time.Now()); err != nil {
			t.Fatalf("signature: %v", err)
		}
		form, err := url.ParseQuery(string(body))
		if err != nil || form.Get("command") != "/faq" || form.Get("text") == "" {
			t.Fatalf("body %q: %v", body, err)
		}
		if seen[string(body)] {
			t.Fatalf("body repeated: %q", body)
		}
		seen[string(body)] = true
	}
	if len(seen) != c.n {
		t.Fatalf("%d requests, want %d", len(seen), c.n)
	}
}
