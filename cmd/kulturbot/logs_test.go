package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
)

// syncBuffer is a log sink safe for the adapter's background goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestSecretsNeverLogged runs the Slack HTTP mode at debug level through
// good, badly signed and failing requests (the Web API refusing the token)
// and checks that neither the bot token nor the signing secret appears in
// any log line.
func TestSecretsNeverLogged(t *testing.T) {
	t.Parallel()
	const token, secret = "xoxb-HUSHTOKEN-1234", "HUSHSIGNING-5678"
	fake := slacktest.NewServer(t)
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := &Config{
		DB: filepath.Join(t.TempDir(), "k.db"), HTTPAddr: "127.0.0.1:0", Retention: time.Hour, InterestDeadline: "15.09",
		SlackBotToken: token, SlackSigningSecret: secret, SlackAPIURL: fake.APIURL(), LogLevel: "debug",
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, log)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := a.startSlack(context.Background()); !ok || err != nil {
		t.Fatalf("startSlack: %v %v", ok, err)
	}
	srv := httptest.NewServer(a.Mux)
	defer srv.Close()
	post := func(text, sign string) {
		body := url.Values{"command": {"/rsvp"}, "text": {text}, "user_id": {"U1"}, "channel_id": {"C1"},
			"response_url": {fake.ResponseURL("r")}}.Encode()
		req, _ := http.NewRequest("POST", srv.URL+"/slack/events", strings.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", kslack.Sign(sign, ts, []byte(body)))
		res, err := testClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	post("", secret)           // a list
	post("99 ja", secret)      // an error reply (no such gathering)
	post("1 ja", "wrong")      // refused: 401 and a warning
	post("1 ja "+token, token) // a token pasted into a command, badly signed
	a.Close()
	out := logs.String()
	if !strings.Contains(out, "slack request refused") {
		t.Fatalf("expected the refusal in the log; got:\n%s", out)
	}
	for _, s := range []string{token, secret, "HUSH"} {
		if strings.Contains(out, s) {
			t.Fatalf("log contains a secret (%q):\n%s", s, out)
		}
	}
}
