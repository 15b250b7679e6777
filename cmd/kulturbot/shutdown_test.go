package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/kulturskoleradet/kulturbot/store"
)

// TestGracefulShutdown is what SIGTERM does (main turns it into a
// cancelled context): the bot stops taking new connections at once, lets a
// request already being handled finish and answer, stores what it
// acknowledged, and Run returns without error; Close then closes the
// database cleanly.
func TestGracefulShutdown(t *testing.T) {
	fake := slacktest.NewServer(t)
	addr := freeAddr(t)
	dbPath := filepath.Join(t.TempDir(), "k.db")
	cfg := &Config{
		DB: dbPath, HTTPAddr: addr, RateLimit: 0, Retention: time.Hour, InterestDeadline: "15.09",
		SlackBotToken: "xoxb-shutdown", SlackSigningSecret: "shutdown-secret", SlackAPIURL: fake.APIURL(),
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			a.Close()
		}
	}()
	started, release := make(chan struct{}), make(chan struct{})
	// A command that is in flight when the signal comes: it waits until
	// the test has seen the listener close, then writes and answers.
	a.Router.Add(bot.Route{Name: "hhvent", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		close(started)
		<-release
		if _, err := a.DB.FirstSeen(ctx, "test", "in-flight"); err != nil {
			return bot.Reply{}, err
		}
		return bot.Text("ferdig"), nil
	})})

	cancel, runErr := runHealthy(t, a, addr)
	base := "http://" + addr

	type answer struct {
		code int
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		body := url.Values{"command": {"/hhvent"}, "text": {""}, "user_id": {"U1"}, "channel_id": {"C1"},
			"response_url": {fake.ResponseURL("r1")}}.Encode()
		req, _ := http.NewRequest("POST", base+"/slack/events", strings.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", kslack.Sign(cfg.SlackSigningSecret, ts, []byte(body)))
		res, err := testClient.Do(req)
		if err != nil {
			got <- answer{err: err}
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- answer{code: res.StatusCode, body: string(b)}
	}()
	<-started
	cancel() // SIGTERM
	// New work is refused: the listener closes while the request runs.
	waitFor(t, func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return true
		}
		c.Close()
		return false
	})
	select {
	case err := <-runErr:
		t.Fatalf("Run returned (%v) before the in-flight request finished", err)
	default:
	}
	close(release)
	ans := <-got
	// (An empty 200 is the adapter's late acknowledgement on a very busy
	// machine; the write below must still be there.)
	if ans.err != nil || ans.code != 200 || (ans.body != "" && !strings.Contains(ans.body, "ferdig")) {
		t.Fatalf("in-flight request: %+v", ans)
	}
	if err := <-runErr; err != nil {
		t.Fatalf("Run after SIGTERM: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	closed = true
	if err := a.DB.Ping(context.Background()); err == nil {
		t.Fatal("database still open after Close")
	}
	// What was acknowledged is on disk.
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if first, _ := db.FirstSeen(context.Background(), "test", "in-flight"); first {
		t.Fatal("the acknowledged in-flight write is missing")
	}
}

// waitFor polls cond (no timing is asserted; the bound only stops a hang).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached within 20s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// runHealthy runs a in the background until its /healthz at addr answers,
// and returns how to stop it (SIGTERM) and where Run's error arrives.
func runHealthy(t *testing.T, a *App, addr string) (context.CancelFunc, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- a.Run(ctx) }()
	waitFor(t, func() bool {
		res, err := testClient.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	return cancel, runErr
}
