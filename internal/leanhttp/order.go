package leanhttp

import (
	"container/heap"
	"runtime"
	"sync"
)

// Requests are let on to their handlers in the order they arrived, by the
// kernel's receive timestamp (recv_linux.go), not in the order the runtime
// happens to run their connections' goroutines.
//
// Why (docs/operations.md "One core: serving in arrival order (round 6)"):
// with one P, Go looks for ready sockets only when it has nothing else to
// run, and one look wakes every connection whose request came in meanwhile
// — at c=64 most of them. The runtime hands them out newest first
// (runtime.netpollready pushes each onto the head of a list), so the
// request that waited longest before the look also waits longest after
// it. Under a steady closed loop that makes the latency spread evenly from
// nothing to two rounds of the queue (p90 ≈ 1.8 × the mean, the
// signature seen at c=64), where serving in arrival order gives every
// request about one round.
//
// How: a connection's goroutine that has read a whole request registers
// it with its arrival time, yields once (runtime.Gosched: the goroutines
// the same look woke, still in the run queue, register meanwhile), and
// goes on when its request is the oldest registered; each one that goes on
// wakes the next oldest if it is already waiting. Nothing is held while
// the handler runs: what it orders is who enters the admission gate
// (bot.Admission, first come first served) first. A request without a
// timestamp (not TCP, or not Linux) is not ordered here at all.
type sequencer struct {
	mu sync.Mutex
	h  waitHeap
	n  uint64
}

// waiter is a connection's place in the sequencer; one per connection,
// reused for each of its requests.
type waiter struct {
	at     int64  // arrival, ns (the kernel's CLOCK_REALTIME stamp)
	seq    uint64 // registration order, for equal stamps
	i      int
	parked bool          // waiting on wake
	wake   chan struct{} // capacity 1
}

type waitHeap []*waiter

func (h waitHeap) Len() int { return len(h) }
func (h waitHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h waitHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i]; h[i].i = i; h[j].i = j }
func (h *waitHeap) Push(x any)   { w := x.(*waiter); w.i = len(*h); *h = append(*h, w) }
func (h *waitHeap) Pop() any {
	old := *h
	w := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return w
}

// wait returns when w's request is the oldest one registered (after one
// yield); then it is no longer registered.
func (s *sequencer) wait(w *waiter) {
	s.mu.Lock()
	s.n++
	w.seq, w.parked = s.n, false
	heap.Push(&s.h, w)
	s.mu.Unlock()
	runtime.Gosched()
	s.mu.Lock()
	for s.h[0] != w {
		w.parked = true
		s.mu.Unlock()
		<-w.wake
		s.mu.Lock()
	}
	s.next()
	s.mu.Unlock()
}

// next takes the oldest off; the one after it goes on when it has yielded
// too: if it is parked, it is woken (it runs next), if not, it finds
// itself first. Called with mu held.
func (s *sequencer) next() {
	heap.Pop(&s.h)
	if len(s.h) > 0 && s.h[0].parked {
		s.h[0].parked = false
		s.h[0].wake <- struct{}{}
	}
}
