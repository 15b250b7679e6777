package bot

import (
	"context"
	"net/http"
	"runtime"
	"sync/atomic"
)

// Admission is the one gate between the platforms' HTTP intake and the
// router: at most InFlight requests are worked on at once, the rest wait
// their turn in arrival order (goroutines blocked sending on a channel are
// woken first in, first out), and when Queue requests are already waiting
// the next one is answered at once that the bot is busy, instead of joining
// a queue so long that it would miss Slack's and Discord's 3-second limit
// anyway.
//
// Why in front of the whole request and not inside an adapter: a request
// that waits here has cost nothing yet (no signature check, no parsing, no
// goroutine of its own competing for the CPU), so on one core the requests
// being worked on get the CPU and finish, and the order of arrival is the
// order of service. Behind this gate, database/sql's pool hands its one
// writer connection to a random waiter (connRequestSet.TakeRandom), which
// is harmless when at most InFlight requests can wait there.
type Admission struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	// Overloaded counts requests turned away (for /metrics and tests).
	Overloaded atomic.Int64
}

// NewAdmission returns a gate for inFlight requests at once with up to
// queue more waiting; zero or negative values take the defaults: 4 per
// CPU in flight (a request is mostly CPU work: a few at a time finish
// sooner than many sharing the CPU), and 256 waiting.
func NewAdmission(inFlight, queue int) *Admission {
	if inFlight <= 0 {
		inFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if queue <= 0 {
		queue = 256
	}
	return &Admission{slots: make(chan struct{}, inFlight), queue: int64(queue)}
}

// Enter waits for a slot in arrival order. It reports false, at once, when
// the queue is full (the caller answers that the bot is busy), and false
// when ctx ends first. Every true must be followed by one Leave.
func (a *Admission) Enter(ctx context.Context) bool {
	select {
	case a.slots <- struct{}{}: // a free slot: no queueing at all
		return true
	default:
	}
	if a.waiting.Add(1) > a.queue {
		a.waiting.Add(-1)
		a.Overloaded.Add(1)
		return false
	}
	defer a.waiting.Add(-1)
	select {
	case a.slots <- struct{}{}:
		return true
	case <-ctx.Done(): // the platform gave up on us
		return false
	}
}

// Leave gives the slot taken by Enter to the next in line.
func (a *Admission) Leave() { <-a.slots }

// Wrap admits requests to next; requests over the queue bound get busy.
func (a *Admission) Wrap(next, busy http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.Enter(r.Context()) {
			if r.Context().Err() == nil {
				busy.ServeHTTP(w, r)
			}
			return
		}
		defer a.Leave()
		next.ServeHTTP(w, r)
	})
}
