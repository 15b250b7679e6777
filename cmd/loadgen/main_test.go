package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
)

// The load generator's requests pass the real signature check and reach
// the router as /rsvp commands from distinct users; error replies count as
// errors.
func TestRunAgainstTheSlackEndpoint(t *testing.T) {
	var users userSet
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		users.add(req.User.ID)
		if !strings.Contains(req.Text, "kommune=") {
			return bot.Reply{}, bot.Errorf(bot.EInvalid, "kommune mangler")
		}
		return bot.Reply{Text: "Lagret", Private: true}, nil
	})})
	a, err := kslack.New(kslack.Options{BotToken: "xoxb-test", SigningSecret: "s3cret", APIURL: "http://127.0.0.1:9/api/",
		Router: r, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	var out strings.Builder
	c := config{url: srv.URL, secret: "s3cret", conc: 4, users: 10, n: 40, gathering: "1", kommuner: []string{"Bodø"}}
	if err := run(context.Background(), c, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "errors 0") || !strings.Contains(out.String(), "rsvp acknowledged 40") {
		t.Fatalf("output:\n%s", out.String())
	}
	if users.count() != 10 {
		t.Fatalf("%d distinct users, want 10", users.count())
	}

	c.secret = "wrong"
	out.Reset()
	if err := run(context.Background(), c, &out); err == nil || !strings.Contains(out.String(), "status 401") {
		t.Fatalf("a wrong secret must show as errors:\n%s", out.String())
	}
}

// userSet counts distinct user ids.
type userSet struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (s *userSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[id] = true
}

func (s *userSet) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}
