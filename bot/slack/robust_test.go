package slack

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestOpenConversationWithoutChannelIsAnError: Slack answering ok without
// a channel used to dereference nil and end the process.
func TestOpenConversationWithoutChannelIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()
	r, _ := newRouter(t)
	a, err := New(Options{BotToken: "xoxb-test", SigningSecret: "s", APIURL: srv.URL + "/", Router: r,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.dmChannel(context.Background(), "U1"); err == nil || !strings.Contains(err.Error(), "no channel") {
		t.Fatalf("dmChannel = %v, want an error", err)
	}
}

// TestBackgroundPanicIsRecovered: a panic in a background goroutine is
// logged and the process lives on; a panic while a request is being worked
// on still answers.
func TestBackgroundPanicIsRecovered(t *testing.T) {
	r, _ := newRouter(t)
	var logs strings.Builder
	a, err := New(Options{BotToken: "xoxb-test", SigningSecret: "s", APIURL: "http://127.0.0.1:1/", Router: r,
		Log: slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a.background(func(context.Context) { panic("boom") })
	a.bg.Wait()
	if !strings.Contains(logs.String(), "slack background panicked") {
		t.Fatalf("logs: %s", logs.String())
	}
	req := &bot.Request{ID: "r1", Command: "faq"}
	a.opts.Router = nil // Handle on a nil router panics outside its own recovery
	rep, later := a.within(context.Background(), req)
	if later != nil {
		select {
		case rep = <-later:
		case <-time.After(5 * time.Second):
			t.Fatal("no reply after a panic")
		}
	}
	if rep.Error == nil {
		t.Fatalf("reply after a panic: %+v", rep)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// TestReplayedSlashCommandRunsOnce: the same signed slash command sent
// again within the signature window is acknowledged but not run twice.
func TestReplayedSlashCommandRunsOnce(t *testing.T) {
	e := newEnv(t)
	before := e.fake.count()
	if res, body := e.slash("/rsvp", "3 ja", "U1"); res.StatusCode != 200 {
		t.Fatalf("first: %d %s", res.StatusCode, body)
	}
	res, body := e.slash("/rsvp", "3 ja", "U1") // byte for byte the same, same signature
	if res.StatusCode != 200 {
		t.Fatalf("replay: %d %s", res.StatusCode, body)
	}
	if n := e.fake.count() - before; n != 1 {
		t.Fatalf("handler ran %d times for one signed command and its replay", n)
	}
	if strings.Contains(string(body), "Lagret") {
		t.Fatalf("the replay was answered as if run: %s", body)
	}
	// A new command (new timestamp, new signature) runs.
	e.now = e.now.Add(time.Second)
	e.slash("/rsvp", "3 ja", "U1")
	if n := e.fake.count() - before; n != 2 {
		t.Fatalf("handler ran %d times after a genuine second command, want 2", n)
	}
}

// TestBlockSuggestionIsRateLimited: over the budget a user gets no options.
func TestBlockSuggestionIsRateLimited(t *testing.T) {
	e := newEnv(t)
	e.a.opts.Suggester = fakeSuggester{}
	e.a.opts.SuggestLimiter = bot.NewRateLimiter(3)
	got := 0
	for n := 0; n < 5; n++ {
		_, body := e.interact(map[string]any{
			"type": "block_suggestion", "user": map[string]any{"id": "U1"}, "action_id": "kommune", "block_id": "kommune", "value": "bo",
		})
		if strings.Contains(string(body), `"value":"Bodø"`) {
			got++
		}
	}
	if got != 3 {
		t.Fatalf("%d of 5 suggestions answered at 3/min, want 3", got)
	}
}

// TestSocketModeInvalidAuthStops: Socket Mode with a token Slack refuses
// returns an error naming the tokens instead of reconnecting forever.
func TestSocketModeInvalidAuthStops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":false,"error":"invalid_auth"}`)
	}))
	defer srv.Close()
	r, _ := newRouter(t)
	a, err := New(Options{BotToken: "xoxb-test", AppToken: "xapp-revoked", APIURL: srv.URL + "/", Router: r,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = a.RunSocket(ctx)
	if err == nil || !strings.Contains(err.Error(), "SLACK_APP_TOKEN") || ctx.Err() != nil {
		t.Fatalf("RunSocket = %v (ctx %v), want a stop naming the tokens", err, ctx.Err())
	}
}

// TestReplayWithSignatureCaseChanged: a replay whose signature's hex
// digits are spelled in another case is the same request (Verify accepts
// hex of either case, and the HMAC does not cover the header's spelling),
// so it is not run again.
func TestReplayWithSignatureCaseChanged(t *testing.T) {
	e := newEnv(t)
	before := e.fake.count()
	f := url.Values{
		"team_id": {"T0TEST"}, "channel_id": {"C0GEN"}, "channel_name": {"general"},
		"user_id": {"U1"}, "user_name": {"u1"}, "command": {"/rsvp"}, "text": {"3 ja"},
		"response_url": {e.slack.ResponseURL("cmd")}, "trigger_id": {"trig-1"},
	}
	body := []byte(f.Encode())
	const form = "application/x-www-form-urlencoded"
	if res, b := e.post(form, body); res.StatusCode != 200 {
		t.Fatalf("first: %d %s", res.StatusCode, b)
	}
	sig := Sign(secret, strconv.FormatInt(e.now.Unix(), 10), body)
	mixed := []byte(sig)
	for i := len("v0="); i < len(mixed); i += 2 {
		if c := mixed[i]; c >= 'a' && c <= 'f' {
			mixed[i] = c - 'a' + 'A'
		}
	}
	for _, s := range []string{"v0=" + strings.ToUpper(sig[3:]), string(mixed)} {
		if s == sig {
			t.Fatalf("%s: no letter to change", s)
		}
		res, b := e.post(form, body, "X-Slack-Signature", s)
		if res.StatusCode != 200 {
			t.Fatalf("re-cased replay %s: %d %s", s, res.StatusCode, b)
		}
	}
	if n := e.fake.count() - before; n != 1 {
		t.Fatalf("handler ran %d times for one signed command and its re-cased replays", n)
	}
}

// TestReplayedInteractionRunsOnce: a signed button click or form
// submission sent again (byte for byte, or with its signature re-cased)
// is acknowledged and not run again; a new click (a new signature) runs.
func TestReplayedInteractionRunsOnce(t *testing.T) {
	e := newEnv(t)
	before := e.fake.count()
	click := blockActions("/rsvp 3 ja", "C0GEN", "1700000000.000001", false, e.slack.ResponseURL("click"))
	for i := 0; i < 2; i++ {
		if res, b := e.interact(click); res.StatusCode != 200 {
			t.Fatalf("click %d: %d %s", i, res.StatusCode, b)
		}
	}
	b, _ := json.Marshal(click)
	body := []byte(url.Values{"payload": {string(b)}}.Encode())
	sig := Sign(secret, strconv.FormatInt(e.now.Unix(), 10), body)
	if res, b := e.post("application/x-www-form-urlencoded", body, "X-Slack-Signature", "v0="+strings.ToUpper(sig[3:])); res.StatusCode != 200 {
		t.Fatalf("re-cased replay: %d %s", res.StatusCode, b)
	}
	if n := e.fake.count() - before; n != 1 {
		t.Fatalf("handler ran %d times for one click and its replays", n)
	}
	if n := len(e.slack.Wait(t, "chat.update", 1)); n != 1 {
		t.Fatalf("%d message updates for one click", n)
	}
	e.now = e.now.Add(time.Second) // the user clicks again: a new signature
	e.interact(click)
	if n := e.fake.count() - before; n != 2 {
		t.Fatalf("handler ran %d times after a genuine second click, want 2", n)
	}
}
