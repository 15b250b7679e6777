// Package handlers holds kulturbot's workflows: one file per workflow, each
// turning a bot.Request into a bot.Reply through the store. Business rules
// live here; no platform SDK is imported.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Config holds the programme rules that the working group may change.
type Config struct {
	// Counties accepted by /interesse (Norway's 15 by default).
	Counties []string
	// InterestDeadline is the yearly deadline for registering interest,
	// as month and day (default 15 September).
	DeadlineMonth time.Month
	DeadlineDay   int
	// DigestSchedule is KULTURBOT_DIGEST_SCHEDULE ("" is the default,
	// Monday 08:00), so the admin preview covers the same period as the
	// next scheduled digest and `kulturbot digest --dry-run`.
	DigestSchedule string
}

// Deps is what the handlers need from the outside world.
type Deps struct {
	DB     *store.DB
	Config Config
	// FAQ answers questions (the FAQ engine, possibly chained with documents).
	FAQ faq.Answerer
	// SlowFAQ marks /faq and free-text questions as slow (an LLM may
	// answer), so adapters acknowledge first and complete later.
	SlowFAQ bool
	// Posters deliver notices (answers to earlier questions) to platforms.
	Posters bot.Posters
	Log     *slog.Logger
}

// Handlers implements every workflow.
type Handlers struct {
	*Deps
	subs map[string]sub // /kulturbot subcommands, filled by each workflow file
	obs  observers      // gathering observers (observer.go)
}

// sub is a /kulturbot subcommand.
type sub struct {
	fn    func(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error)
	admin bool
	help  [2]string // usage line nb/en for /kulturbot hjelp
}

// Register adds every command to the router.
func Register(r *bot.Router, d *Deps) *Handlers {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	h := &Handlers{Deps: d, subs: map[string]sub{}}
	h.registerCore(r)
	h.registerFAQ(r)
	h.registerDigest(r)
	h.registerDocs(r)
	return h
}

// addSub registers a /kulturbot subcommand under its names.
func (h *Handlers) addSub(names []string, admin bool, help [2]string, fn func(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error)) {
	for _, n := range names {
		h.subs[n] = sub{fn: fn, admin: admin, help: help}
	}
}
