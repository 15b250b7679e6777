package slack

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// A slash command turned away by the admission gate hears, privately, that
// nothing was done; an event gets 503 so Slack delivers it again.
func TestBusyAnswers(t *testing.T) {
	a, err := New(Options{BotToken: "xoxb-test", Router: bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil))),
		APIURL: "http://127.0.0.1:9/api/"})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/slack/events", strings.NewReader("command=%2Frsvp&text=1+ja&user_id=U1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	a.Busy().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"response_type":"ephemeral"`) ||
		!strings.Contains(rec.Body.String(), "ikke utført") {
		t.Fatalf("slash command: %d %s", rec.Code, rec.Body)
	}
	req = httptest.NewRequest("POST", "/slack/events", strings.NewReader(`{"type":"event_callback"}`))
	req.Header.Set("Content-Type", "application/json")
	rec = httptest.NewRecorder()
	a.Busy().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("event: %d %v", rec.Code, rec.Header())
	}
}
