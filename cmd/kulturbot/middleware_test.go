package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// newTestApp boots the real App on a temp database.
func newTestApp(t *testing.T, cfg *Config) *App {
	t.Helper()
	if cfg.DB == "" {
		cfg.DB = filepath.Join(t.TempDir(), "k.db")
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func TestMiddlewareRateLimitAndMetrics(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, &Config{RateLimit: 3, Retention: 180 * 24 * time.Hour})
	a.Router.Add(bot.Route{Name: "hh-ping", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		return bot.Text("pong"), nil
	})})
	ctx := context.Background()
	limited := 0
	for i := 0; i < 5; i++ {
		rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Slack, User: bot.User{ID: "U1"}, Command: "hh-ping"})
		if rep.Error != nil && rep.Error.Code == bot.ELimited {
			limited++
		}
	}
	if limited != 2 {
		t.Fatalf("limited %d of 5 at 3/min, want 2", limited)
	}
	srv := httptest.NewServer(a.Mux)
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`kulturbot_commands_total{command="hh-ping",outcome="ok"} 3`,
		`kulturbot_commands_total{command="hh-ping",outcome="limited"} 2`,
		`kulturbot_faq_answers_total{result="answered"}`,
		`kulturbot_digest_last_sent_timestamp_seconds`,
		`kulturbot_platform_errors_total{platform="slack"} 0`,
		"go_goroutines ", "process_start_time_seconds ", // client_golang's standard collectors
		"kulturbot_store_commits_total ", "kulturbot_store_wal_frames_total ", "kulturbot_store_checkpoints_total ",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, body)
		}
	}
	if a.Metrics == nil {
		t.Fatal("App.Metrics not set")
	}
}

func TestRetentionRunnerStopsWithContext(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, &Config{Retention: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.runRetention(ctx) }()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("retention runner ignores cancellation")
	}
}

// TestRetentionFirstPassWaits: the first retention pass comes
// retentionFirst after start (not during start-up, where its scan of the
// events table took the core), and it does purge then.
func TestRetentionFirstPassWaits(t *testing.T) {
	a := newTestApp(t, &Config{Retention: time.Hour})
	ctx := context.Background()
	old := time.Now().Add(-8 * 24 * time.Hour)
	a.DB.Now = func() time.Time { return old }
	if ok, err := a.DB.FirstSeen(ctx, "slack", "Ev-old"); err != nil || !ok {
		t.Fatalf("FirstSeen: %v %v", ok, err)
	}
	a.DB.Now = time.Now
	defer func(d time.Duration) { retentionFirst = d }(retentionFirst)
	retentionFirst = 300 * time.Millisecond
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	go a.runRetention(rctx)
	// Claiming the old id again tells whether it is still remembered
	// (once purged, the claim records it anew, dated now: the loop ends).
	seen := func() bool {
		again, err := a.DB.FirstSeen(ctx, "slack", "Ev-old")
		if err != nil {
			t.Fatal(err)
		}
		return !again
	}
	if !seen() {
		t.Fatal("the old event id was purged at once; the first pass should wait")
	}
	for seen() {
		if time.Since(start) > 10*time.Second {
			t.Fatal("the old event id was never purged")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if waited := time.Since(start); waited < retentionFirst {
		t.Fatalf("purged after %v, before retentionFirst %v", waited, retentionFirst)
	}
}

func TestDigestGaugeReadsDatabase(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, &Config{Retention: time.Hour})
	ctx := context.Background()
	sent := time.Date(2025, 2, 3, 7, 0, 0, 0, time.UTC)
	a.DB.Now = func() time.Time { return sent }
	end := sent.Add(-time.Hour)
	if _, err := a.DB.BeginDigest(ctx, "scheduled", end.AddDate(0, 0, -7), end, "slack:C1", "test"); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.MarkDigestSent(ctx, "scheduled", end, "slack:C1"); err != nil {
		t.Fatal(err)
	}
	// A fresh process: nothing was noted in memory, the gauge still knows.
	rec := httptest.NewRecorder()
	a.Metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	want := "kulturbot_digest_last_sent_timestamp_seconds " + strconv.FormatFloat(float64(sent.Unix()), 'g', -1, 64) + "\n"
	if !strings.Contains(rec.Body.String(), want) {
		t.Fatalf("metrics lack %q", want)
	}
}
