package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/prom"
	"github.com/kulturskoleradet/kulturbot/dashboard"
	"github.com/kulturskoleradet/kulturbot/discordevents"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/internal/leanhttp"
	"github.com/kulturskoleradet/kulturbot/store"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
	"golang.org/x/sync/errgroup"
)

// App is the whole program wired together. main only parses flags and calls
// NewApp and Run (or a subcommand); tests boot an App the same way.
type App struct {
	Cfg      *Config
	DB       *store.DB
	Router   *bot.Router
	Handlers *handlers.Handlers
	FAQ      faq.Answerer
	Posters  bot.Posters
	// suggestLim is shared by the Slack and Discord adapters.
	suggestLim  *bot.RateLimiter
	suggestOnce sync.Once
	Log         *slog.Logger
	// Metrics are served on GET /metrics (set by setupMiddleware) and
	// handed to the router, the handlers, the adapters and the scheduler.
	Metrics *prom.Metrics
	// Web serves the dashboard and the calendar feeds (web.go).
	Web *dashboard.Server
	// DiscordEvents keeps guild scheduled events in step with the
	// gatherings (nil without DISCORD_GUILD_ID and a bot token).
	DiscordEvents *discordevents.Syncer

	faqEngine *faq.Engine

	// Mux serves every HTTP endpoint on KULTURBOT_HTTP_ADDR; adapters add
	// their routes and set httpUsed.
	Mux      *http.ServeMux
	httpUsed bool
	// intake holds the POST endpoints (also on Mux) served on the
	// connections' own goroutines by leanhttp; the rest is net/http's.
	// Slack's only: Discord's endpoint flushes its acknowledgement before
	// the handler returns (a deferred reply), which leanhttp, writing each
	// answer in one piece after the handler, does not do.
	intake map[string]http.Handler

	In  io.Reader
	Out io.Writer

	// closers run at Close, last added first.
	closers []func() error
	// runners are long-running parts (adapters, scheduler) started by Run.
	runners []func(ctx context.Context) error
	// bg owns the work that outlives a request (bot.Background).
	bg *runner
	// adm is the admission gate in front of every platform intake.
	adm *bot.Admission
	// docs is the document library: the answer chain's and
	// /kulturbot dokument's (docsLibrary).
	docs *docs.Library
}

// NewApp opens the database, builds the FAQ and registers every handler.
func NewApp(ctx context.Context, cfg *Config, in io.Reader, out io.Writer, log *slog.Logger) (*App, error) {
	reg, err := kommuner.Load(cfg.Kommuner)
	if err != nil {
		return nil, fmt.Errorf("KULTURBOT_KOMMUNER: %w", err)
	}
	db, err := store.Open(ctx, cfg.DB, store.WithRegister(reg), store.WithCheckpointAround(secondPDuring))
	if err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, DB: db, Log: log, In: in, Out: out, Posters: bot.Posters{}, Mux: http.NewServeMux(), bg: newRunner(log)}
	a.onClose(db.Close)
	// Closers run last-added first: background jobs stop and are waited
	// for just before the database closes.
	a.onClose(a.bg.stop)
	if err := a.setupFAQ(ctx); err != nil {
		a.Close()
		return nil, err
	}
	hcfg, err := handlerConfig(cfg)
	if err != nil {
		a.Close()
		return nil, err
	}
	hcfg.Municipalities = reg.Len()
	a.setupWeb()
	a.Router = bot.NewRouter(log)
	a.Router.Posters = a.Posters
	a.Router.Use(bot.Logging(log), bot.Dedup(db))
	a.setupMiddleware()
	a.Handlers = handlers.Register(a.Router, &handlers.Deps{
		DB: db, Config: hcfg, FAQ: a.FAQ, Posters: a.Posters, Log: log, Web: a.Web, Metrics: a.Metrics,
		Background: a.bg, Docs: a.docs,
	})
	a.Mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		// Reads can work while every write fails (read-only file, full
		// disk): then the bot only says "noe gikk galt", so it is unhealthy.
		if err := db.WriteProbe(ctx); err != nil {
			log.Error("healthz: the database does not take writes", "err", err)
			http.Error(w, "database does not take writes", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	})
	return a, nil
}

func (a *App) onClose(f func() error) { a.closers = append(a.closers, f) }

// admission is the one gate in front of every platform's intake (Slack
// HTTP and Socket Mode, the Discord interactions endpoint): see
// bot.Admission for why it sits there and not in an adapter.
func (a *App) admission() *bot.Admission {
	if a.adm == nil {
		a.adm = bot.NewAdmission(0, 0)
	}
	return a.adm
}

// busy answers a request the admission gate turned away.
func busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	http.Error(w, "busy", http.StatusServiceUnavailable)
}

// Close releases everything NewApp and the adapters opened.
func (a *App) Close() error {
	var err error
	for i := len(a.closers) - 1; i >= 0; i-- {
		if e := a.closers[i](); e != nil && err == nil {
			err = e
		}
	}
	a.closers = nil
	return err
}

// Run starts every configured adapter and blocks until ctx is cancelled
// (SIGINT/SIGTERM) or an adapter fails. With no platform configured it runs
// the console adapter on stdin/stdout.
func (a *App) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A database that opens but does not take writes (read-only file or
	// folder, full disk) would answer every command with "noe gikk galt":
	// refuse to start instead.
	if err := a.DB.WriteProbe(ctx); err != nil {
		return fmt.Errorf("the database %s does not take writes (read-only file or folder, or a full disk?): %w", a.DB.Path, err)
	}
	// At shutdown, LLM calls in flight are cancelled first (their answers
	// fall back to the passage), so the adapters' drain does not wait out
	// a slow endpoint and the bot stops within Docker's 10 s.
	defer context.AfterFunc(ctx, func() {
		if a.docs != nil {
			a.docs.StopLLM()
		}
	})()
	platforms := 0
	for _, start := range []func(context.Context) (bool, error){a.startSlack, a.startDiscord} {
		ok, err := start(ctx)
		if err != nil {
			return err
		}
		if ok {
			platforms++
		}
	}
	if err := a.startDigest(ctx); err != nil {
		return err
	}
	if platforms == 0 {
		// The console serves the dashboard and calendar feeds only when
		// asked to (KULTURBOT_HTTP_ADDR set): trying the bot locally must
		// not need a free port 8080.
		a.httpUsed = a.httpUsed || a.Cfg.HTTPAddrSet
		a.runners = append(a.runners, func(ctx context.Context) error {
			defer cancel() // EOF on stdin ends the program
			return a.runConsole(ctx)
		})
	}
	if platforms > 0 {
		// /healthz and /metrics are wanted in every platform mode, also
		// Socket Mode and the Discord gateway, which need no public URL.
		a.httpUsed = true
	}
	if a.httpUsed {
		a.runners = append(a.runners, a.serveHTTP)
	}
	if a.Cfg.PprofAddr != "" {
		a.runners = append(a.runners, a.servePprof)
	}
	// The first part to fail stops the others; Run returns when all have.
	g, gctx := errgroup.WithContext(ctx)
	for _, r := range a.runners {
		g.Go(func() error {
			if err := r(gctx); err != nil && !errors.Is(err, context.Canceled) {
				return err
			}
			return nil
		})
	}
	return g.Wait()
}

// serveHTTP serves the mux until ctx ends, then drains in-flight requests
// (bounded) before returning, so an acknowledged write is never cut off.
func (a *App) serveHTTP(ctx context.Context) error {
	srv := &http.Server{
		Addr:              a.Cfg.HTTPAddr,
		Handler:           a.Mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", a.Cfg.HTTPAddr)
	if err != nil {
		return err
	}
	type server interface {
		Serve(net.Listener) error
		Shutdown(context.Context) error
	}
	var s server = srv
	if len(a.intake) > 0 {
		s = &leanhttp.Server{Routes: a.intake, HTTP: srv}
	}
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ln) }()
	a.Log.Info("http listening", "addr", a.Cfg.HTTPAddr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return s.Shutdown(sctx)
}

// handleIntake serves a platform's POST endpoint through leanhttp.
func (a *App) handleIntake(path string, h http.Handler) {
	a.Mux.Handle("POST "+path, h)
	if a.intake == nil {
		a.intake = map[string]http.Handler{}
	}
	a.intake[path] = h
	a.httpUsed = true
}

// handlerConfig turns the environment into the handlers' rules.
func handlerConfig(cfg *Config) (handlers.Config, error) {
	hc := handlers.Config{DeadlineMonth: time.September, DeadlineDay: 15, DigestSchedule: cfg.DigestSchedule}
	if cfg.Counties != "" {
		for _, c := range strings.Split(cfg.Counties, ",") {
			if c = strings.TrimSpace(c); c != "" {
				hc.Counties = append(hc.Counties, c)
			}
		}
	}
	if d := strings.TrimSpace(cfg.InterestDeadline); d != "" {
		t, err := time.Parse("2.1", strings.NewReplacer("-", ".", "/", ".").Replace(d))
		if err != nil {
			if t2, err2 := time.Parse("01.02", strings.ReplaceAll(d, "-", ".")); err2 == nil {
				t, err = t2, nil
			}
		}
		if err != nil {
			return hc, errors.New("KULTURBOT_INTEREST_DEADLINE: use day and month, like 15.09")
		}
		hc.DeadlineMonth, hc.DeadlineDay = t.Month(), t.Day()
	}
	if r := strings.TrimSpace(cfg.NextRound); r != "" {
		f, err := handlers.ParseNextRound(r)
		if err != nil {
			return hc, fmt.Errorf("KULTURBOT_NEXT_ROUND: %w", err)
		}
		hc.NextRound = f
	}
	return hc, nil
}
