package slack

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Group-committed commands (/rsvp and its aliases) have their own, wider
// queue; everything else shares MaxConcurrent slots.
func TestAdmissionQueues(t *testing.T) {
	release := make(chan struct{})
	var running, peak atomic.Int64
	var started sync.WaitGroup
	block := bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		started.Done()
		<-release
		running.Add(-1)
		return bot.Reply{Text: "ok"}, nil
	})
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Add(bot.Route{Name: "rsvp", Aliases: []string{"svar-samling"}, Handler: block})
	r.Add(bot.Route{Name: "faq", Handler: block})
	a, err := New(Options{BotToken: "xoxb-test", Router: r, MaxConcurrent: 2, MaxGrouped: 5, AckWithin: time.Minute,
		APIURL: "http://127.0.0.1:9/api/", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a.users.m = map[string]*userEntry{"U1": {ready: closedChan(), until: time.Now().Add(time.Hour)}}
	var done sync.WaitGroup
	run := func(cmd string) {
		done.Add(1)
		go func() {
			defer done.Done()
			a.within(context.Background(), &bot.Request{Command: cmd, Text: "1 ja", User: bot.User{ID: "U1"}})
		}()
	}
	// Five answers run at once although MaxConcurrent is 2.
	started.Add(5)
	for i := range 5 {
		run([]string{"rsvp", "svar-samling"}[i%2])
	}
	waitOrFail(t, &started, "5 /rsvp requests running at once")
	close(release)
	done.Wait()

	// Questions: never more than MaxConcurrent at once.
	release = make(chan struct{})
	peak.Store(0)
	started.Add(6)
	for range 6 {
		run("faq")
	}
	go func() {
		for running.Load() < 2 {
			time.Sleep(time.Millisecond)
		}
		close(release)
	}()
	waitOrFail(t, &started, "6 /faq requests to run")
	done.Wait()
	if p := peak.Load(); p > 2 {
		t.Fatalf("%d /faq requests ran at once, MaxConcurrent is 2", p)
	}
}

func closedChan() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// waitOrFail waits for wg; the bound only turns a hang into a failure.
func waitOrFail(t *testing.T, wg *sync.WaitGroup, what string) {
	t.Helper()
	ch := make(chan struct{})
	go func() { wg.Wait(); close(ch) }()
	select {
	case <-ch:
	case <-time.After(20 * time.Second):
		t.Fatalf("gave up waiting for %s", what)
	}
}
