package bot

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestRedactHandlerMasksCredentials: a failed response_url post, a failed
// Discord follow-up and a token in a message reach the log without the
// secrets that would let a reader answer in a user's name.
func TestRedactHandlerMasksCredentials(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(RedactHandler(slog.NewTextHandler(&b, nil))).With("token", "xoxb-123-456-SECRETBOT")
	respURL := "https://hooks.slack.com/commands/T0TEST/3977008855/96rGlfmibSECRETURL"
	log.Warn("response_url post failed", "err", fmt.Errorf("Post %q: dial tcp: timeout", respURL))
	log.Warn("deferred completion failed", "err", errors.New(`HTTP 404 Not Found, PATCH https://discord.com/api/v9/webhooks/999/aW50ZXJhY3Rpb246SECRETTOKEN/messages/@original`))
	log.Warn("callback", "url", "https://discord.com/api/v9/interactions/1201/tok-SECRETCALLBACK/callback", "auth", "Bot MTIzNDU2Nzg5SECRETDISCORDTOKEN")
	log.Warn("slack app token xapp-1-A0-SECRETAPP in message")
	out := b.String()
	for _, secret := range []string{"SECRETBOT", "SECRETURL", "SECRETTOKEN", "SECRETCALLBACK", "SECRETDISCORDTOKEN", "SECRETAPP"} {
		if strings.Contains(out, secret) {
			t.Errorf("log shows %s:\n%s", secret, out)
		}
	}
	for _, kept := range []string{"hooks.slack.com/commands/[redacted]", "/webhooks/999/[redacted]", "response_url post failed", "dial tcp: timeout"} {
		if !strings.Contains(out, kept) {
			t.Errorf("log lost %q:\n%s", kept, out)
		}
	}
}
