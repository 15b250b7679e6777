package bot

import (
	"fmt"
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
	for name, w := range map[string]*Workers{"NewGoroutine": nil, "KeptWorkers": {}} {
		t.Run(name, func(t *testing.T) { testWithin(t, w) })
	}
}

func testWithin(t *testing.T, w *Workers) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	req := &Request{ID: "t-1"}
	t.Run("Quick", func(t *testing.T) {
		rep, late := w.Within(time.Second, &wg, log, req, func() Reply { return Text("ok") })
		if late != nil || rep.Text != "ok" {
			t.Fatalf("got %+v, late %v", rep, late)
		}
	})
	t.Run("Late", func(t *testing.T) {
		release := make(chan struct{})
		rep, late := w.Within(10*time.Millisecond, &wg, log, req, func() Reply { <-release; return Text("later") })
		if late == nil || rep.Text != "" {
			t.Fatalf("got %+v, late %v", rep, late)
		}
		close(release)
		if got := <-late; got.Text != "later" {
			t.Fatalf("late reply %+v", got)
		}
		// The pooled timer fired; the next quick request must not see it.
		rep, late = w.Within(time.Second, &wg, log, req, func() Reply { return Text("again") })
		if late != nil || rep.Text != "again" {
			t.Fatalf("after a late one: %+v, late %v", rep, late)
		}
		// A late reply still on its way must not reach a later request
		// (the reply channels of answers on time are reused).
		slow := make(chan struct{})
		_, late = w.Within(time.Millisecond, &wg, log, req, func() Reply { <-slow; return Text("slow") })
		if late == nil {
			t.Fatal("the slow one was not late")
		}
		for i := range 50 {
			want := fmt.Sprint(i)
			if i == 25 {
				close(slow)
			}
			rep, l := w.Within(time.Second, &wg, log, req, func() Reply { return Text(want) })
			if l != nil || rep.Text != want {
				t.Fatalf("request %d got %+v (late %v)", i, rep, l)
			}
		}
		if got := <-late; got.Text != "slow" {
			t.Fatalf("the slow reply was %+v", got)
		}
	})
	t.Run("Panic", func(t *testing.T) {
		rep, late := w.Within(time.Second, &wg, log, req, func() Reply { panic("boom") })
		if late != nil || rep.Error == nil || rep.Error.Code != EInternal {
			t.Fatalf("got %+v, late %v", rep, late)
		}
	})
	wg.Wait()
}

// Requests one after another run on a kept goroutine: no new goroutine
// per request once one is parked; Close ends the parked ones.
func TestWorkersReuseTheirGoroutines(t *testing.T) {
	w := &Workers{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	req := &Request{ID: "t-2"}
	w.Within(time.Second, &wg, log, req, func() Reply { return Reply{} })
	wg.Wait()
	time.Sleep(10 * time.Millisecond) // let the worker park
	before := runtime.NumGoroutine()
	for i := 0; i < 100; i++ {
		w.Within(time.Second, &wg, log, req, func() Reply { return Reply{} })
		wg.Wait()
		// The reply is out before its worker parks: let it park, as the
		// next request on a busy server would find it.
		for deadline := time.Now().Add(time.Second); w.Idle() == 0 && time.Now().Before(deadline); {
			runtime.Gosched()
		}
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("goroutines %d -> %d after 100 sequential requests", before, after)
	}
	if idle := w.Idle(); idle == 0 || idle > maxIdleWorkers {
		t.Errorf("%d idle workers, want 1..%d", idle, maxIdleWorkers)
	}
	w.Close()
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after >= before || w.Idle() != 0 {
		t.Errorf("after Close: goroutines %d (before %d), %d idle", after, before, w.Idle())
	}
	// Work handed over after Close still runs.
	if rep, late := w.Within(time.Second, &wg, log, req, func() Reply { return Text("after") }); late != nil || rep.Text != "after" {
		t.Errorf("after Close: %+v %v", rep, late)
	}
	wg.Wait()
}
