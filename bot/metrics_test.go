package bot

import (
	"context"
	"sync"
	"testing"
	"time"
)

// countingMetrics records what it is told.
type countingMetrics struct {
	mu       sync.Mutex
	commands map[[2]string]int
	faq      map[string]int
}

func (c *countingMetrics) ObserveCommand(command, outcome string, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.commands == nil {
		c.commands = map[[2]string]int{}
	}
	c.commands[[2]string{command, outcome}]++
}
func (c *countingMetrics) FAQResult(r string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.faq == nil {
		c.faq = map[string]int{}
	}
	c.faq[r]++
}
func (c *countingMetrics) PlatformError(Platform) {}
func (c *countingMetrics) DigestSent(time.Time)   {}

func TestCountRequests(t *testing.T) {
	m := &countingMetrics{}
	r := NewRouter(nil)
	r.Use(CountRequests(m, r))
	r.Add(Route{Name: "rsvp", Aliases: []string{"svar"}, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		if req.Text == "bad" {
			return Reply{}, Errorf(EInvalid, "nope")
		}
		if req.Text == "boom" {
			panic("boom")
		}
		return Text("ok"), nil
	})})
	r.Add(Route{Name: "samling", Admin: true, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		return Text("ok"), nil
	})})
	r.Add(Route{Name: "", Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		return Text("svar"), nil
	})})
	ctx := context.Background()
	do := func(cmd, text string) Reply {
		return r.Handle(ctx, &Request{Platform: Slack, User: User{ID: "U1"}, Command: cmd, Text: text})
	}
	do("rsvp", "3 ja")
	do("/SVAR", "3 ja") // alias counts under the route name
	do("rsvp", "bad")
	if rep := do("rsvp", "boom"); rep.Error == nil || rep.Error.Code != EInternal {
		t.Fatalf("panic not turned into internal error: %+v", rep)
	}
	do("samling", "ny")
	do("nonsense\"x", "") // unregistered: one "unknown" label, not the raw text
	do("", "hva er en region?")
	want := map[[2]string]int{
		{"rsvp", "ok"}: 2, {"rsvp", "invalid"}: 1, {"rsvp", "internal"}: 1,
		{"samling", "forbidden"}: 1, {"unknown", "not_found"}: 1, {"question", "ok"}: 1,
	}
	for k, v := range want {
		if m.commands[k] != v {
			t.Errorf("%v = %d, want %d (all: %v)", k, m.commands[k], v, m.commands)
		}
	}
	if len(m.commands) != len(want) {
		t.Errorf("unexpected series: %v", m.commands)
	}
	// Without metrics nothing breaks.
	r2 := NewRouter(nil)
	r2.Use(CountRequests(nil, nil))
	r2.Handle(ctx, &Request{Command: "x"})
}
