package main

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/prom"
	"github.com/kulturskoleradet/kulturbot/store"
)

// retentionEvery is how often the retention rules run after the first pass.
var retentionEvery = 24 * time.Hour

// retentionFirst is how long after start the first pass waits. Purging
// processed event ids scans the events table (one row per request, no
// index on created_at: an index would cost every request's insert), and
// at start that scan competed with start-up for the one core: after the
// load of compare.sh's first two rounds (≈165,000 event ids) a start used
// 45 → 57 ms of CPU before /healthz answered, and up to 82 ms later. A
// minute later nobody waits for it.
var retentionFirst = time.Minute

// setupMiddleware adds metrics and the per-user rate limit to the router,
// serves GET /metrics on the shared mux, and schedules the retention purge.
//
// Order inside the lead's Logging and Dedup: metrics first, so a limited
// request is counted with outcome "limited"; the limiter next, so a refused
// request never reaches a handler and writes nothing.
//
// /metrics does not set httpUsed: the HTTP server only runs when a platform
// endpoint needs it, and a console-only bot has nothing to scrape.
func (a *App) setupMiddleware() {
	// After a restart the digest gauge comes from the database, so an
	// alert on "no digest for 8 days" does not fire just because the bot
	// restarted.
	a.Metrics = prom.New(func() time.Time {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		t, err := a.DB.LastDigestSentAt(ctx)
		if err != nil {
			return time.Time{}
		}
		return t
	})
	registerWriteStats(a.Metrics.Registry(), a.DB.WriteStats)
	lim := bot.NewRateLimiter(a.Cfg.RateLimit)
	a.Router.Use(bot.CountRequests(a.Metrics, a.Router), lim.Middleware())
	a.Mux.Handle("GET /metrics", a.Metrics.Handler())
	a.runners = append(a.runners, a.runRetention)
	// Notices (an answer to someone who asked earlier) are delivered in the
	// background; at shutdown give them a bounded moment to go out before
	// the database closes (closers run last-added first, so this runs
	// after the adapters' own drains and before db.Close).
	a.onClose(func() error {
		done := make(chan struct{})
		go func() { a.Router.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(noticeDrain):
			a.Log.Warn("shutdown: notices still being delivered were abandoned")
		}
		return nil
	})
}

// registerWriteStats serves the store writer's counts (commits, WAL
// pages, checkpoints): per request they say what each command costs the
// disk, whatever the machine's load (docs/operations.md "Round 9: write
// cost").
func registerWriteStats(reg *prometheus.Registry, stats func() store.WriteStats) {
	counter := func(name, help string, v func(store.WriteStats) int64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(v(stats())) })
	}
	reg.MustRegister(
		counter("kulturbot_store_commits_total", "Write transactions the store's writer committed.",
			func(s store.WriteStats) int64 { return s.Commits }),
		counter("kulturbot_store_wal_frames_total", "Pages the writer's commits wrote into the SQLite WAL.",
			func(s store.WriteStats) int64 { return s.WALFrames }),
		counter("kulturbot_store_checkpoints_total", "WAL checkpoints run.",
			func(s store.WriteStats) int64 { return s.Checkpoints }),
	)
}

// noticeDrain bounds the wait for notices at shutdown.
var noticeDrain = 10 * time.Second

// runRetention purges old unanswered questions (cfg.Retention) and old
// event ids a minute after start and then daily, until ctx ends.
func (a *App) runRetention(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(retentionFirst):
	}
	t := time.NewTicker(retentionEvery)
	defer t.Stop()
	for {
		p, err := a.DB.PurgeQuestions(ctx, a.Cfg.Retention)
		switch {
		case err != nil && ctx.Err() == nil:
			a.Log.Warn("retention purge failed", "err", err)
		case p.Questions+p.Answers+p.Events+p.Texts > 0:
			a.Log.Info("retention purge", "questions", p.Questions, "answers_anonymised", p.Answers, "events", p.Events, "answer_texts", p.Texts)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// suggestLimiter limits autocomplete and Slack's block_suggestion per
// user: every keystroke is a request, so the budget is ten times the
// command limit (KULTURBOT_RATE_LIMIT; 0 switches both off).
func (a *App) suggestLimiter() *bot.RateLimiter {
	if a.Cfg.RateLimit <= 0 {
		return nil
	}
	a.suggestOnce.Do(func() { a.suggestLim = bot.NewRateLimiter(a.Cfg.RateLimit * 10) })
	return a.suggestLim
}
