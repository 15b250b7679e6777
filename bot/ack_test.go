package bot

import (
	"io"
	"log/slog"
	"runtime"
	"sync"
	"testing"
	"time"
)

// Within answers in time when the work is quick, hands over the channel
// when it is not (the reply still arrives), and turns a panic into an
// internal-error reply; the wait group sees every run end.
func TestWithin(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	req := &Request{ID: "t-1"}
	t.Run("Quick", func(t *testing.T) {
		rep, late := Within(time.Second, &wg, log, req, func() Reply { return Text("ok") })
		if late != nil || rep.Text != "ok" {
			t.Fatalf("got %+v, late %v", rep, late)
		}
	})
	t.Run("Late", func(t *testing.T) {
		release := make(chan struct{})
		rep, late := Within(10*time.Millisecond, &wg, log, req, func() Reply { <-release; return Text("later") })
		if late == nil || rep.Text != "" {
			t.Fatalf("got %+v, late %v", rep, late)
		}
		close(release)
		if got := <-late; got.Text != "later" {
			t.Fatalf("late reply %+v", got)
		}
		// The pooled timer fired; the next quick request must not see it.
		rep, late = Within(time.Second, &wg, log, req, func() Reply { return Text("again") })
		if late != nil || rep.Text != "again" {
			t.Fatalf("after a late one: %+v, late %v", rep, late)
		}
	})
	t.Run("Panic", func(t *testing.T) {
		rep, late := Within(time.Second, &wg, log, req, func() Reply { panic("boom") })
		if late != nil || rep.Error == nil || rep.Error.Code != EInternal {
			t.Fatalf("got %+v, late %v", rep, late)
		}
	})
	wg.Wait()
}

// Requests one after another run on a kept goroutine: no new goroutine
// per request once one is parked.
func TestWithinReusesItsGoroutine(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	req := &Request{ID: "t-2"}
	Within(time.Second, &wg, log, req, func() Reply { return Reply{} })
	wg.Wait()
	time.Sleep(10 * time.Millisecond) // let the worker park
	before := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		Within(time.Second, &wg, log, req, func() Reply { return Reply{} })
		wg.Wait()
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("goroutines %d -> %d after 100 sequential requests", before, after)
	}
	workers.mu.Lock()
	idle := len(workers.idle)
	workers.mu.Unlock()
	if idle == 0 || idle > maxIdleWorkers {
		t.Errorf("%d idle workers, want 1..%d", idle, maxIdleWorkers)
	}
}
