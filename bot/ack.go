package bot

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Within is the acknowledge-or-defer step every chat adapter needs: it
// runs work on another goroutine tracked by wg and returns its reply when
// it is ready within d (the adapter answers at once); otherwise it returns
// the channel the reply will arrive on, and the adapter acknowledges now
// and completes later. A panic outside the router's own recovery (a
// download, a request builder) still sends a reply, so nobody waits
// forever.
//
// The goroutine is one of a few kept between requests (workers): a new
// goroutine starts with a small stack, and the router, the handler and
// SQLite under it grew that stack by copying on every request — 6 % of the
// CPU of a signed /rsvp at c=64 on one core (runtime.newstack).
func Within(d time.Duration, wg *sync.WaitGroup, log *slog.Logger, req *Request, work func() Reply) (Reply, <-chan Reply) {
	ch := make(chan Reply, 1)
	wg.Add(1)
	workers.run(func() {
		defer wg.Done()
		defer func() {
			if p := recover(); p != nil {
				log.Error("request panicked", "req", req.ID, "platform", req.Platform, "panic", p, "stack", string(debug.Stack()))
				ch <- ErrorReply(req, Internal(fmt.Errorf("panic: %v", p)), log)
			}
		}()
		ch <- work()
	})
	// The timer is reused (a pool): a new one per request was two of the
	// adapter's allocations. Since Go 1.23 a stopped timer's channel holds
	// no stale tick, so Reset after Stop is safe.
	t := timers.Get().(*time.Timer)
	t.Reset(d)
	defer func() { t.Stop(); timers.Put(t) }()
	select {
	case rep := <-ch:
		return rep, nil
	case <-t.C:
		return Reply{}, ch
	}
}

var timers = sync.Pool{New: func() any {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}}

// workers runs request work on goroutines that are kept (parked, at most
// maxIdleWorkers of them) after their request, so their stacks are
// already grown for the next one. It is process-wide like the runtime's own
// scheduler: a cache of goroutines with no state of the bot's in it. An
// idle worker's stack is still shrunk by the garbage collector when it is
// mostly unused, so the memory kept is small.
var workers workerPool

// maxIdleWorkers bounds the goroutines kept: more than the admission gate
// lets run at once (bot.Admission, 4 per CPU by default) plus the late
// requests still finishing.
const maxIdleWorkers = 64

type workerPool struct {
	mu   sync.Mutex
	idle []chan func() // most recently parked last: its stack and caches are warm
}

// run calls f on an idle worker, or on a new goroutine when none is idle.
func (p *workerPool) run(f func()) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		w <- f // buffered: never blocks
		return
	}
	p.mu.Unlock()
	go p.work(f)
}

// work runs f, then parks and runs whatever it is handed next; it ends
// when maxIdleWorkers others are already parked.
func (p *workerPool) work(f func()) {
	in := make(chan func(), 1)
	for {
		f()
		p.mu.Lock()
		if len(p.idle) >= maxIdleWorkers {
			p.mu.Unlock()
			return
		}
		p.idle = append(p.idle, in)
		p.mu.Unlock()
		f = <-in
	}
}
