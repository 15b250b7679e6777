package main

import (
	"context"
	"net/http"
	"net/http/pprof"
	"runtime"
	"time"
)

// servePprof serves Go's profiles on KULTURBOT_PPROF_ADDR, on a listener of
// its own so they are never reachable through the bot's public address.
// Block and mutex profiling are switched on with it (they cost a little on
// every contended lock, so only when asked for). docs/operations.md shows
// how the profiles in it were taken.
func (a *App) servePprof(ctx context.Context) error {
	runtime.SetBlockProfileRate(int(time.Microsecond))
	runtime.SetMutexProfileFraction(5)
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: a.Cfg.PprofAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	a.Log.Info("pprof listening", "addr", a.Cfg.PprofAddr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	return srv.Close()
}
