package bot

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for the limiter.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestLimiter(perMinute int) (*RateLimiter, *fakeClock) {
	c := &fakeClock{t: time.Date(2025, 2, 6, 10, 0, 0, 0, time.UTC)}
	l := NewRateLimiter(perMinute)
	l.Now = c.Now
	return l, c
}

func TestRateLimitBurstThenRefill(t *testing.T) {
	l, clock := newTestLimiter(20)
	for i := 0; i < 20; i++ {
		if !l.Allow("slack:U1") {
			t.Fatalf("request %d refused within the allowance", i+1)
		}
	}
	if l.Allow("slack:U1") {
		t.Fatal("21st request in the same minute allowed")
	}
	// Another user is not affected.
	if !l.Allow("slack:U2") {
		t.Fatal("other user limited")
	}
	// One token back every 3 s at 20/min.
	clock.Add(3 * time.Second)
	if !l.Allow("slack:U1") {
		t.Fatal("no token after 3 s")
	}
	if l.Allow("slack:U1") {
		t.Fatal("two tokens after 3 s")
	}
	clock.Add(time.Minute)
	for i := 0; i < 20; i++ {
		if !l.Allow("slack:U1") {
			t.Fatalf("after a quiet minute request %d refused", i+1)
		}
	}
}

func TestRateLimitOff(t *testing.T) {
	l, _ := newTestLimiter(0)
	for i := 0; i < 1000; i++ {
		if !l.Allow("slack:U1") {
			t.Fatal("limited although off")
		}
	}
	var nilL *RateLimiter
	if !nilL.Allow("x") {
		t.Fatal("nil limiter limits")
	}
}

func TestRateLimitEvictsIdleUsers(t *testing.T) {
	l, clock := newTestLimiter(20)
	for i := 0; i < 500; i++ {
		l.Allow(fmt.Sprintf("slack:U%d", i))
	}
	if n := l.Tracked(); n != 500 {
		t.Fatalf("tracked %d, want 500", n)
	}
	clock.Add(2 * time.Minute)
	l.Allow("slack:new")
	if n := l.Tracked(); n != 1 {
		t.Fatalf("after two idle minutes tracked %d, want 1", n)
	}
}

func TestRateLimitBoundedUsers(t *testing.T) {
	l, _ := newTestLimiter(20)
	l.MaxUsers = 100
	for i := 0; i < 10_000; i++ {
		l.Allow(fmt.Sprintf("discord:%d", i))
		if n := l.Tracked(); n > 100 {
			t.Fatalf("tracked %d users, cap 100", n)
		}
	}
}

func TestRateLimitMiddleware(t *testing.T) {
	l, _ := newTestLimiter(2)
	r := NewRouter(nil)
	r.Use(l.Middleware())
	calls := 0
	r.Add(Route{Name: "rsvp", Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		calls++
		return Text("ok"), nil
	})})
	ctx := context.Background()
	slack := func(clicked bool, lang Lang) *Request {
		return &Request{Platform: Slack, User: User{ID: "U1"}, Command: "rsvp", Text: "3 ja", Clicked: clicked, Lang: lang}
	}
	if rep := r.Handle(ctx, slack(false, NB)); rep.Error != nil {
		t.Fatalf("first: %v", rep.Error)
	}
	// A button click counts like a typed command.
	if rep := r.Handle(ctx, slack(true, NB)); rep.Error != nil {
		t.Fatalf("click: %v", rep.Error)
	}
	rep := r.Handle(ctx, slack(false, NB))
	if rep.Error == nil || rep.Error.Code != ELimited || !rep.Private {
		t.Fatalf("third: want private limited reply, got %+v", rep)
	}
	if rep.Text != T(NB, "error.limited") {
		t.Fatalf("message %q", rep.Text)
	}
	if rep := r.Handle(ctx, slack(false, EN)); rep.Text != T(EN, "error.limited") {
		t.Fatalf("english message %q", rep.Text)
	}
	if calls != 2 {
		t.Fatalf("handler ran %d times, want 2", calls)
	}
	// The same user id on another platform is another person.
	if rep := r.Handle(ctx, &Request{Platform: Discord, User: User{ID: "U1"}, Command: "rsvp"}); rep.Error != nil {
		t.Fatalf("discord user limited: %v", rep.Error)
	}
	// The console is never limited.
	for i := 0; i < 10; i++ {
		if rep := r.Handle(ctx, &Request{Platform: Console, User: User{ID: "console"}, Command: "rsvp"}); rep.Error != nil {
			t.Fatalf("console limited: %v", rep.Error)
		}
	}
}

func TestRateLimitConcurrent(t *testing.T) {
	l, _ := newTestLimiter(20)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if l.Allow("slack:U1") {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if allowed != 20 {
		t.Fatalf("allowed %d of 400 concurrent requests, want 20", allowed)
	}
}
