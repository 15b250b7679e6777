package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
)

// SIGTERM while a question waits on a model that never answers: the bot
// stops (Run and Close) within 8 s, the call in flight is cancelled.
func TestShutdownWithLLMInFlight(t *testing.T) {
	fake := slacktest.NewServer(t)
	var asked atomic.Int64
	hang := make(chan struct{})
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/chat/completions" {
			asked.Add(1)
			select { // never answers, until the client gives up
			case <-r.Context().Done():
			case <-hang:
			}
			return
		}
		http.NotFound(w, r)
	}))
	defer llm.Close()
	defer close(hang)
	addr := freeAddr(t)
	cfg := &Config{
		DB: filepath.Join(t.TempDir(), "k.db"), HTTPAddr: addr, RateLimit: 0, Retention: time.Hour, InterestDeadline: "15.09",
		SlackBotToken: "xoxb-shutdown", SlackSigningSecret: "shutdown-secret", SlackAPIURL: fake.APIURL(),
		OpenAIKey: "sk-test", OpenAIBaseURL: llm.URL + "/v1", LLMModel: "gpt-test", EmbedModel: "none",
		LLMTimeout: time.Minute,
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	cancel, runErr := runHealthy(t, a, addr)
	base := "http://" + addr
	body := url.Values{"command": {"/faq"}, "text": {"Kan vi ta med ordføreren og hunden på den andre samlingen i Svolvær?"},
		"user_id": {"U1"}, "channel_id": {"C1"}, "response_url": {fake.ResponseURL("r1")}}.Encode()
	req, _ := http.NewRequest("POST", base+"/slack/events", strings.NewReader(body))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", kslack.Sign(cfg.SlackSigningSecret, ts, []byte(body)))
	res, err := testClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	waitFor(t, func() bool { return asked.Load() > 0 })
	start := time.Now()
	cancel() // SIGTERM
	done := make(chan error, 1)
	go func() {
		err := <-runErr
		if cerr := a.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run/Close: %v", err)
		}
	case <-time.After(20 * time.Second):
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Fatalf("not stopped 20 s after SIGTERM\n%s", buf[:n])
	}
	took := time.Since(start)
	// The call in flight ended with the bot: no goroutine of the bot is
	// still inside the model client or the answer code after Close, so
	// nothing can write to the closed database later.
	time.Sleep(300 * time.Millisecond)
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	for _, frame := range []string{"sashabaranov/go-openai", "kulturbot/faq", "kulturbot/handlers", "kulturbot/bot/slack"} {
		if strings.Contains(stacks, frame) {
			t.Fatalf("after Close a goroutine is still in %s:\n%s", frame, stacks)
		}
	}
	if d := took; d > 8*time.Second {
		t.Fatalf("stopping took %s, want ≤ 8 s", d)
	} else {
		t.Logf("stopped %s after SIGTERM", d)
	}
}
