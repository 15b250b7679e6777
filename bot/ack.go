package bot

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Within is the acknowledge-or-defer step every chat adapter needs: it
// runs work on a new goroutine tracked by wg and returns its reply when it
// is ready within d (the adapter answers at once); otherwise it returns
// the channel the reply will arrive on, and the adapter acknowledges now
// and completes later. A panic outside the router's own recovery (a
// download, a request builder) still sends a reply, so nobody waits
// forever. An adapter that keeps Workers calls their Within instead.
func Within(d time.Duration, wg *sync.WaitGroup, log *slog.Logger, req *Request, work func() Reply) (Reply, <-chan Reply) {
	var w *Workers
	return w.Within(d, wg, log, req, work)
}

// Workers runs request work on goroutines kept between requests (at most
// maxIdleWorkers parked), so their stacks are already grown for the next
// one: a new goroutine starts with a small stack, and the router, the
// handler and SQLite under it grew that stack by copying on every request
// — 6 % of the CPU of a signed /rsvp at c=64 on one core
// (runtime.newstack). The garbage collector still shrinks a parked
// worker's stack when it is mostly unused, so little memory is kept. The
// zero value is ready; a nil *Workers starts a goroutine per request.
// Close ends the parked goroutines.
type Workers struct {
	mu     sync.Mutex
	idle   []chan func() // most recently parked last: its stack and caches are warm
	closed bool
	timers sync.Pool // *time.Timer, stopped
	// replies holds empty reply channels: one received on time is
	// empty and no longer the worker's (it sent its one reply), so the
	// next request can use it (a chan Reply with its buffer was the
	// largest allocation of the hand-off).
	replies sync.Pool
}

// maxIdleWorkers bounds the goroutines kept: more than the admission gate
// lets run at once (bot.Admission, 4 per CPU by default) plus the late
// requests still finishing.
const maxIdleWorkers = 64

// Within is the package-level Within on one of w's goroutines.
func (w *Workers) Within(d time.Duration, wg *sync.WaitGroup, log *slog.Logger, req *Request, work func() Reply) (Reply, <-chan Reply) {
	ch := w.replyChan()
	wg.Add(1)
	w.run(func() {
		defer wg.Done()
		defer func() {
			if p := recover(); p != nil {
				log.Error("request panicked", "req", req.ID, "platform", req.Platform, "panic", p, "stack", string(debug.Stack()))
				ch <- ErrorReply(req, Internal(fmt.Errorf("panic: %v", p)), log)
			}
		}()
		ch <- work()
	})
	t := w.timer(d)
	defer w.putTimer(t)
	select {
	case rep := <-ch:
		if w != nil {
			w.replies.Put(ch)
		}
		return rep, nil
	case <-t.C:
		return Reply{}, ch // the caller's now, never pooled
	}
}

func (w *Workers) replyChan() chan Reply {
	if w != nil {
		if ch, ok := w.replies.Get().(chan Reply); ok {
			return ch
		}
	}
	return make(chan Reply, 1)
}

// timer is a timer for d, reused when w keeps them (a new one per request
// was two of the adapter's allocations). Since Go 1.23 a stopped timer's
// channel holds no stale tick, so Reset after Stop is safe.
func (w *Workers) timer(d time.Duration) *time.Timer {
	if w != nil {
		if t, ok := w.timers.Get().(*time.Timer); ok {
			t.Reset(d)
			return t
		}
	}
	return time.NewTimer(d)
}

func (w *Workers) putTimer(t *time.Timer) {
	t.Stop()
	if w != nil {
		w.timers.Put(t)
	}
}

// run calls f on an idle worker, or on a new goroutine when none is idle.
func (w *Workers) run(f func()) {
	if w == nil {
		go f()
		return
	}
	w.mu.Lock()
	if n := len(w.idle); n > 0 {
		in := w.idle[n-1]
		w.idle[n-1] = nil
		w.idle = w.idle[:n-1]
		w.mu.Unlock()
		in <- f // buffered: never blocks
		return
	}
	w.mu.Unlock()
	go w.work(f)
}

// work runs f, then parks and runs whatever it is handed next; it ends
// when maxIdleWorkers others are already parked, or at Close (a nil f).
func (w *Workers) work(f func()) {
	in := make(chan func(), 1)
	for f != nil {
		f()
		w.mu.Lock()
		if w.closed || len(w.idle) >= maxIdleWorkers {
			w.mu.Unlock()
			return
		}
		w.idle = append(w.idle, in)
		w.mu.Unlock()
		f = <-in
	}
}

// Close ends the parked goroutines; work handed over later still runs,
// each on a goroutine that ends after it.
func (w *Workers) Close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	for _, in := range w.idle {
		in <- nil
	}
	w.idle = nil
}

// Idle reports how many goroutines are parked (tests, metrics).
func (w *Workers) Idle() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.idle)
}
