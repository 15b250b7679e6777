package bot

import (
	"context"
	"sync"
	"time"
)

// RateLimiter limits how many requests one user may make per minute, across
// commands, questions, button clicks and form submissions alike. It is a
// token bucket per user key: a user may burst up to the whole minute's
// allowance, then gets one request back every 60s/PerMinute.
//
// Memory is bounded: a bucket that has refilled completely holds no
// information and is dropped, and the number of buckets is capped, so a
// flood of distinct (forged or real) user ids cannot grow the map without
// limit.
type RateLimiter struct {
	// PerMinute is the allowance; 0 or less turns limiting off.
	PerMinute int
	// MaxUsers caps the number of users tracked at once (default 100 000).
	MaxUsers int
	// Exempt platforms are not limited. The console user runs the binary and
	// pipes whole scripts into it; limiting them protects nothing.
	Exempt map[Platform]bool
	// Now is the clock (tests replace it).
	Now func() time.Time

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

// NewRateLimiter returns a limiter allowing perMinute requests per user and
// minute (0: off) that never limits the console.
func NewRateLimiter(perMinute int) *RateLimiter {
	return &RateLimiter{
		PerMinute: perMinute,
		MaxUsers:  100_000,
		Exempt:    map[Platform]bool{Console: true},
		Now:       time.Now,
		buckets:   map[string]*bucket{},
	}
}

// Allow takes one token from key's bucket and reports whether there was one.
func (l *RateLimiter) Allow(key string) bool {
	if l == nil || l.PerMinute <= 0 {
		return true
	}
	now := l.Now()
	capacity := float64(l.PerMinute)
	perSec := capacity / 60
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	if now.Sub(l.lastSweep) >= time.Minute {
		l.sweep(now)
	}
	b, ok := l.buckets[key]
	if !ok {
		max := l.MaxUsers
		if max <= 0 {
			max = 100_000
		}
		if len(l.buckets) >= max {
			l.sweep(now)
			// Still full of active users: drop an arbitrary one (map order
			// is random). That user may get a fresh allowance early, which
			// is a better failure than unbounded memory.
			for k := range l.buckets {
				if len(l.buckets) < max {
					break
				}
				delete(l.buckets, k)
			}
		}
		b = &bucket{tokens: capacity, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens += el * perSec
		if b.tokens > capacity {
			b.tokens = capacity
		}
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep drops buckets that would be full by now: they are the same as no
// bucket at all. Called with mu held.
func (l *RateLimiter) sweep(now time.Time) {
	l.lastSweep = now
	capacity := float64(l.PerMinute)
	perSec := capacity / 60
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*perSec >= capacity {
			delete(l.buckets, k)
		}
	}
}

// Tracked returns how many users currently have a bucket (for tests and
// metrics).
func (l *RateLimiter) Tracked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// Middleware refuses requests over the limit with a friendly, private
// ELimited error; nothing runs and nothing is written for them.
func (l *RateLimiter) Middleware() Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
			if l != nil && l.PerMinute > 0 && !l.Exempt[req.Platform] && !l.Allow(req.UserKey()) {
				return Reply{}, &Error{Code: ELimited, Message: T(req.Lang, "error.limited")}
			}
			return next.Handle(ctx, req)
		})
	}
}
