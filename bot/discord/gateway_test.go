package discord

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestGatewayMode runs the real discordgo gateway client against the fake:
// it identifies with the adapter's intents, answers an interaction through
// the callback endpoint and an @mention with a channel reply.
func TestGatewayMode(t *testing.T) {
	h := newHarness(t)
	h.rc.replies[""] = func(req *bot.Request) (bot.Reply, error) { return bot.Text("Tre semestre."), nil }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.ad.Run(ctx) }()

	id := <-h.fd.identified
	d := id["d"].(map[string]any)
	if id["op"] != 2.0 || d["token"] != "Bot test-token" || d["intents"] != float64(Intents) {
		t.Fatalf("identify %v", id)
	}
	h.fd.gwSend <- `{"op":0,"s":2,"t":"INTERACTION_CREATE","d":` + ix("1201", 2, cmd("rsvp", "svar", sopt("samling", "3"), sopt("svar", "ja"))) + `}`
	h.fd.gwSend <- `{"op":0,"s":3,"t":"MESSAGE_CREATE","d":{"id":"m-9","channel_id":"c-chat","guild_id":"g1","content":"<@bot-1> hvor lenge?",` +
		`"author":{"id":"7","username":"kari"},"mentions":[{"id":"bot-1","username":"kulturbot"}],"timestamp":"2025-01-10T12:00:00+00:00"}}`

	cb := h.fd.waitFor(t, http.MethodPost, "/api/v9/interactions/1201/tok-1201/callback", 1)
	if len(cb) != 1 || cb[0].JSON["type"] != 4.0 || cb[0].JSON["data"].(map[string]any)["content"] != "ok rsvp 3 ja" {
		t.Fatalf("callback %+v", cb)
	}
	msg := h.fd.waitFor(t, http.MethodPost, "/api/v9/channels/c-chat/messages", 1)
	if len(msg) != 1 || msg[0].JSON["content"] != "Tre semestre." {
		t.Fatalf("mention reply %+v", msg)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("Run returned %v", err)
	}
}

func TestGatewayRefusedTokenIsFatal(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.Token = "bad-token" })
	err := h.ad.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
		t.Fatalf("Run with a refused token returned %v", err)
	}
}
