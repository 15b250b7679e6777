package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/kulturskoleradet/kulturbot/internal/loadq"
)

// benchSlash measures one signed slash command through the real App's mux
// (signature check, form parsing, admission, router middleware, handler,
// SQLite write, Block Kit rendering) without the network: per-request CPU
// and allocations, the figures that hold on a busy machine.
//
//	go test ./cmd/kulturbot -run '^$' -bench 'Slack(RSVP|FAQ)' -benchmem -count 5
func benchSlash(b *testing.B, cmd string, text func(i int) string) {
	s := slacktest.NewServer(b)
	s.Quiet = true
	cfg := &Config{
		DB: filepath.Join(b.TempDir(), "k.db"), Admins: "slack:UADMIN", RateLimit: 0, Retention: time.Hour,
		SlackBotToken: "xoxb-bench", SlackSigningSecret: e2eSecret, SlackAPIURL: s.APIURL(),
		InterestDeadline: "15.09", HTTPAddr: "127.0.0.1:0",
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if ok, err := a.startSlack(context.Background()); err != nil || !ok {
		b.Fatalf("startSlack: %v %v", ok, err)
	}
	type signed struct{ body, ts, sig string }
	var seq int
	sign := func(user, cmd, text string) signed {
		// A replayed signature is acknowledged and not run again (the
		// trigger id makes every request new, as Slack's are).
		seq++
		body := url.Values{
			"team_id": {"T0"}, "channel_id": {"C0GEN"}, "user_id": {user}, "user_name": {strings.ToLower(user)},
			"command": {cmd}, "text": {text}, "response_url": {s.ResponseURL(user)}, "trigger_id": {fmt.Sprintf("trig-%d", seq)},
		}.Encode()
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		return signed{body, ts, kslack.Sign(e2eSecret, ts, []byte(body))}
	}
	do := func(r signed) string {
		req, _ := http.NewRequest(http.MethodPost, "/slack/events", strings.NewReader(r.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", r.ts)
		req.Header.Set("X-Slack-Signature", r.sig)
		w := httptest.NewRecorder()
		a.Mux.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("%s: status %d %s", r.body, w.Code, w.Body)
		}
		return w.Body.String()
	}
	for _, c := range []signed{
		sign("UADMIN", "/region", `ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`),
		sign("UADMIN", "/samling", `ny navn="Oppstartssamling" dato=`+ty+`-02-04 sted="Bodø" region=Salten frist=`+ty+`-01-20`),
	} {
		if out := do(c); strings.Contains(out, ":warning:") {
			b.Fatal(out)
		}
	}
	// 200 users, every request signed ahead: the client's signing is not
	// the server's work.
	reqs := make([]signed, 200+b.N)
	for i := range reqs {
		reqs[i] = sign(fmt.Sprintf("U%03d", i%200), cmd, text(i))
	}
	// Warm up: every user's first command starts the background users.info
	// lookup; the steady state is a known user.
	for _, r := range reqs[:200] {
		out := do(r)
		if strings.Contains(out, ":warning:") {
			b.Fatal(out)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var out string
	for i := 0; i < b.N; i++ {
		out = do(reqs[200+i])
	}
	b.StopTimer()
	if strings.Contains(out, ":warning:") || !strings.Contains(out, "text") {
		b.Fatalf("last reply: %q", out)
	}
}

func BenchmarkSlackRSVP(b *testing.B) {
	towns := []string{"Bodø", "Fauske", "Saltdal"}
	benchSlash(b, "/rsvp", func(i int) string {
		return fmt.Sprintf("1 ja %d kommune=%s", 1+i%4, towns[i%3])
	})
}

func BenchmarkSlackFAQ(b *testing.B) {
	benchSlash(b, "/faq", func(i int) string { return loadq.Question(i) })
}
