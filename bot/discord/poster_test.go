package discord

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

func TestPosterSendsChannelMessages(t *testing.T) {
	h := newHarness(t)
	var p bot.Poster = h.ad
	if p.Platform() != bot.Discord {
		t.Fatal("platform")
	}
	rep := bot.Reply{Title: "Ukesoppsummering", Text: "3 nye svar", Fields: []bot.Field{{Label: "Ja", Value: "2"}}, Context: "Uke 6"}
	if err := p.Post(context.Background(), "c-digest", rep); err != nil {
		t.Fatal(err)
	}
	calls := h.fd.find(http.MethodPost, "/api/v9/channels/c-digest/messages")
	if len(calls) != 1 {
		t.Fatalf("calls %+v", h.fd.calls)
	}
	e := calls[0].JSON["embeds"].([]any)[0].(map[string]any)
	if e["title"] != "Ukesoppsummering" || e["footer"].(map[string]any)["text"] != "Uke 6" {
		t.Fatalf("embed %v", e)
	}
}

func TestPosterReportsRateLimits(t *testing.T) {
	h := newHarness(t)
	h.fd.rateLimit = 1
	err := h.ad.Post(context.Background(), "c1", bot.Text("hei"))
	var rl *bot.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 1500*time.Millisecond {
		t.Fatalf("err %v (%T), want *bot.RateLimitError of 1.5s", err, err)
	}
	if err := h.ad.Post(context.Background(), "c1", bot.Text("hei igjen")); err != nil {
		t.Fatalf("after the limit: %v", err)
	}
	// A 429 discordgo could not decode still carries Retry-After.
	re := &discordgo.RESTError{Response: &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"3"}}}}
	if err := postError(re); !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
		t.Fatalf("REST 429 mapped to %v", err)
	}
}

func TestPosterFallsBackToDMForUserIDs(t *testing.T) {
	h := newHarness(t)
	h.fd.unknownChannel = "u-77"
	if err := h.ad.Post(context.Background(), "u-77", bot.Text("Svar på spørsmålet ditt")); err != nil {
		t.Fatal(err)
	}
	dm := h.fd.find(http.MethodPost, "/api/v9/users/@me/channels")
	if len(dm) != 1 || dm[0].JSON["recipient_id"] != "u-77" {
		t.Fatalf("DM open %+v", dm)
	}
	if n := len(h.fd.find(http.MethodPost, "/api/v9/channels/dm-1/messages")); n != 1 {
		t.Fatalf("%d DM messages", n)
	}
}

func TestPosterNeedsToken(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.Token = "" })
	if err := h.ad.Post(context.Background(), "c1", bot.Text("x")); err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
		t.Fatalf("err %v", err)
	}
}

func TestMentionAndDMAreAnswered(t *testing.T) {
	h := newHarness(t)
	h.ad.SetBotUser("bot-1")
	h.rc.replies[""] = func(req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Programmet varer i tre semestre.", Buttons: []bot.Button{{Label: "👍", Command: "/kulturbot stemme 1 opp"}}}, nil
	}
	msg := &discordgo.Message{ID: "m-1", ChannelID: "c-chat", GuildID: "g1", Content: "<@bot-1> hvor lenge varer programmet?",
		Author: &discordgo.User{ID: "7", Username: "kari"}, Mentions: []*discordgo.User{{ID: "bot-1"}}}
	h.ad.onMessage(context.Background(), msg)
	// Not mentioned in a guild: ignored. From a bot: ignored.
	h.ad.onMessage(context.Background(), &discordgo.Message{ID: "m-2", ChannelID: "c-chat", GuildID: "g1", Content: "hei alle", Author: &discordgo.User{ID: "7"}})
	h.ad.onMessage(context.Background(), &discordgo.Message{ID: "m-3", ChannelID: "c-dm", Content: "hei", Author: &discordgo.User{ID: "8", Bot: true}})
	// A DM needs no mention; a command line runs the command.
	h.ad.onMessage(context.Background(), &discordgo.Message{ID: "m-4", ChannelID: "c-dm", Content: "/rsvp 3 ja", Author: &discordgo.User{ID: "42"}})
	reqs := h.rc.got()
	if len(reqs) != 2 {
		t.Fatalf("%d requests: %+v", len(reqs), reqs)
	}
	if r := reqs[0]; r.Command != "" || r.Text != "hvor lenge varer programmet?" || r.EventID != "msg:m-1" || r.Thread != "m-1" {
		t.Fatalf("mention request %+v", r)
	}
	if r := reqs[1]; r.Command != "rsvp" || r.Text != "3 ja" || !r.User.Admin {
		t.Fatalf("DM request %+v", r)
	}
	sent := h.fd.find(http.MethodPost, "/api/v9/channels/c-chat/messages")
	if len(sent) != 1 || sent[0].JSON["message_reference"].(map[string]any)["message_id"] != "m-1" || len(sent[0].JSON["components"].([]any)) != 1 {
		t.Fatalf("reply %+v", sent)
	}
	// The same message again (a gateway resume replay): answered once.
	h.ad.onMessage(context.Background(), msg)
	if n := len(h.fd.find(http.MethodPost, "/api/v9/channels/c-chat/messages")); n != 1 {
		t.Fatalf("replayed message answered %d times", n)
	}
}

func TestMentionReplyFallsBackWithoutReference(t *testing.T) {
	h := newHarness(t)
	h.ad.SetBotUser("bot-1")
	h.fd.unknownChannel = "" // channel exists
	h.fd.refuseReference = true
	h.ad.onMessage(context.Background(), &discordgo.Message{ID: "m-5", ChannelID: "c-x", GuildID: "g1", Content: "<@bot-1> hei",
		Author: &discordgo.User{ID: "7"}, Mentions: []*discordgo.User{{ID: "bot-1"}}})
	sent := h.fd.find(http.MethodPost, "/api/v9/channels/c-x/messages")
	if len(sent) != 2 || sent[0].JSON["message_reference"] == nil || sent[1].JSON["message_reference"] != nil {
		t.Fatalf("sends %+v", sent)
	}
}
