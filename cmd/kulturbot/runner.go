package main

import (
	"context"
	"errors"
	"log/slog"

	"golang.org/x/sync/errgroup"
)

// runner owns the goroutines that outlive a request (bot.Background): an
// errgroup whose context ends at stop, which then waits for every job.
// A job's error is logged, not passed on: one failed embedding run must
// not stop the bot.
type runner struct {
	ctx    context.Context
	cancel context.CancelFunc
	g      errgroup.Group
	log    *slog.Logger
}

func newRunner(log *slog.Logger) *runner {
	ctx, cancel := context.WithCancel(context.Background())
	return &runner{ctx: ctx, cancel: cancel, log: log}
}

// Go starts f with the runner's context.
func (r *runner) Go(f func(ctx context.Context) error) {
	r.g.Go(func() error {
		if err := f(r.ctx); err != nil && !errors.Is(err, context.Canceled) {
			r.log.Warn("background job failed", "err", err)
		}
		return nil
	})
}

// stop ends the jobs' context and waits for them.
func (r *runner) stop() error {
	r.cancel()
	return r.g.Wait()
}
