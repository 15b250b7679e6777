// Package handlers holds kulturbot's workflows: one file per workflow, each
// turning a bot.Request into a bot.Reply through the store. Business rules
// live here; no platform SDK is imported.
package handlers

import (
	"log/slog"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
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
	// Municipalities is the size of the municipality register
	// (KULTURBOT_KOMMUNER or the embedded one), which the FAQ quotes; 0:
	// the embedded register's count in faq.DefaultFacts.
	Municipalities int
	// NextRound is when later rounds are expected (KULTURBOT_NEXT_ROUND,
	// ParseNextRound), which the FAQ quotes; zero: the document's
	// "høsten 2025" in faq.DefaultFacts.
	NextRound faq.Fact
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
	// Web hands out dashboard and calendar links; nil: no web pages.
	Web WebLinks
	// Metrics counts how questions were answered (nil: not counted).
	Metrics bot.Metrics
	// Background runs work that outlives a request (embeddings after an
	// upload); nil runs it before the reply instead.
	Background bot.Background
	// Docs is the document library the answer chain uses, for
	// /kulturbot dokument; nil: a retrieval-only one on DB.
	Docs *docs.Library
}

// Handlers implements every workflow.
type Handlers struct {
	*Deps
	// cmds are the registered routes by name (commands.go): the handlers
	// read their verbs from them, /kulturbot hjelp its lines.
	cmds   map[string]*bot.Route
	router *bot.Router
	obs    observers // gathering observers (observer.go)
}

// Register adds every command to the router.
func Register(r *bot.Router, d *Deps) *Handlers {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	d.Metrics = bot.OrNop(d.Metrics)
	if d.Docs == nil && d.DB != nil {
		d.Docs = docs.New(d.DB, docs.Options{Log: d.Log})
	}
	h := &Handlers{Deps: d, cmds: map[string]*bot.Route{}, router: r}
	slow := h.SlowFAQ
	if s, ok := h.FAQ.(interface{ Slow() bool }); ok && s.Slow() {
		slow = true
	}
	for _, rt := range h.routes(slow) {
		rt.Handler = worded(rt.Handler)
		r.Add(rt)
		h.cmds[rt.Name], _ = r.Lookup(rt.Name)
	}
	// Free text (@mention, DM, a console line) is a question.
	r.Add(bot.Route{Name: "", Handler: worded(bot.HandlerFunc(h.ask)), Slow: slow})
	return h
}

// verb is the Norwegian name of the verb word names in command cmd
// ("opprett" -> "ny"), or "" when it is not one of cmd's verbs.
func (h *Handlers) verb(cmd, word string) string {
	if rt, ok := h.cmds[cmd]; ok {
		if v, ok := rt.Verb(word); ok {
			return v.Name
		}
	}
	return ""
}
