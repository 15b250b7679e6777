package discord

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/kulturskoleradet/kulturbot/bot"
)

func oneServer(o *Options) { o.GuildID = "g1" }

// TestOtherGuildIsRefused: a signed interaction from another server (the
// bot added there while "Public Bot" was on) is answered with a refusal and
// never reaches the router; one from our server is handled.
func TestOtherGuildIsRefused(t *testing.T) {
	h := newHarness(t, oneServer)
	w := h.post(ix("3001", 2, cmd("rsvp", "svar", sopt("samling", "3"), sopt("svar", "ja")), `"guild_id":"g2"`))
	r := decode(t, w.Body.Bytes())
	data := r["data"].(map[string]any)
	if r["type"] != 4.0 || data["flags"] != 64.0 || !strings.Contains(data["content"].(string), "bare på Fremtidens kulturskole sin Discord-server") {
		t.Fatalf("other guild got %v", r)
	}
	if got := h.rc.got(); len(got) != 0 {
		t.Fatalf("router ran for another guild: %+v", got)
	}
	// Autocomplete from there gets no choices.
	w = h.post(ix("3002", 4, `{"name":"rsvp","type":1,"options":[{"name":"svar","type":1,"options":[{"name":"kommune","type":3,"value":"bo","focused":true}]}]}`, `"guild_id":"g2"`))
	if r := decode(t, w.Body.Bytes()); r["type"] != 8.0 || len(r["data"].(map[string]any)["choices"].([]any)) != 0 {
		t.Fatalf("autocomplete from another guild: %v", r)
	}
	h.post(ix("3003", 2, cmd("rsvp", "svar", sopt("samling", "3"), sopt("svar", "ja"))))
	if got := h.rc.got(); len(got) != 1 {
		t.Fatalf("our guild not handled: %+v", got)
	}
}

// TestDMOnlyFromMembers: a DM interaction is served only for a member of
// DISCORD_GUILD_ID.
func TestDMOnlyFromMembers(t *testing.T) {
	h := newHarness(t, oneServer)
	h.fd.members = map[string]bool{"7": true}
	dm := func(id, user string) map[string]any {
		body := strings.Replace(ix(id, 2, cmd("rsvp", "svar", sopt("samling", "3"), sopt("svar", "ja")), `"user":{"id":"`+user+`","username":"x"}`), `"guild_id":"g1"`, `"guild_id":""`, 1)
		return decode(t, h.post(body).Body.Bytes())
	}
	if r := dm("3101", "66"); !strings.Contains(r["data"].(map[string]any)["content"].(string), "bare medlemmer") {
		t.Fatalf("stranger's DM: %v", r)
	}
	if got := h.rc.got(); len(got) != 0 {
		t.Fatalf("router ran for a stranger: %+v", got)
	}
	dm("3102", "7")
	if got := h.rc.got(); len(got) != 1 || got[0].User.ID != "7" {
		t.Fatalf("member's DM: %+v", got)
	}
}

// TestMessagesFromOtherGuildsAndStrangers: a mention in another server is
// ignored; a DM from a non-member gets one sentence and no answer.
func TestMessagesFromOtherGuildsAndStrangers(t *testing.T) {
	h := newHarness(t, oneServer)
	h.ad.SetBotUser("bot-1")
	h.rc.replies[""] = func(req *bot.Request) (bot.Reply, error) { return bot.Text("Tre semestre."), nil }
	ctx := context.Background()
	mention := func(id, guild, channel, author string) *discordgo.Message {
		return &discordgo.Message{ID: id, ChannelID: channel, GuildID: guild, Content: "<@bot-1> hvor lenge?",
			Author: &discordgo.User{ID: author}, Mentions: []*discordgo.User{{ID: "bot-1"}}, Timestamp: time.Now()}
	}
	h.ad.onMessage(ctx, mention("m1", "g2", "c-other", "7"))
	if calls := h.fd.find(http.MethodPost, "/api/v9/channels/c-other/"); len(calls) != 0 || len(h.rc.got()) != 0 {
		t.Fatalf("answered in another guild: %+v", calls)
	}
	h.ad.onMessage(ctx, mention("m2", "", "dm-66", "66"))
	calls := h.fd.find(http.MethodPost, "/api/v9/channels/dm-66/messages")
	if len(calls) != 1 || !strings.Contains(calls[0].JSON["content"].(string), "bare medlemmer") || len(h.rc.got()) != 0 {
		t.Fatalf("stranger's DM: %+v", calls)
	}
	h.ad.onMessage(ctx, mention("m3", "g1", "c-ours", "7"))
	if calls := h.fd.find(http.MethodPost, "/api/v9/channels/c-ours/messages"); len(calls) != 1 || calls[0].JSON["content"] != "Tre semestre." {
		t.Fatalf("our guild: %+v", calls)
	}
}

// TestFailedDMNeverLeaksToChannel: a private reply to an @mention goes by
// DM; when the DM cannot be delivered the channel hears "sjekk DM-ene
// dine", never the content.
func TestFailedDMNeverLeaksToChannel(t *testing.T) {
	h := newHarness(t)
	h.ad.SetBotUser("bot-1")
	h.rc.replies[""] = func(req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "HEMMELIG: dine data", Private: true}, nil
	}
	h.fd.unknownChannel = "dm-1" // the DM opens, but sending to it fails
	h.ad.onMessage(context.Background(), &discordgo.Message{ID: "m9", ChannelID: "c-pub", GuildID: "g1", Content: "<@bot-1> mine-data",
		Author: &discordgo.User{ID: "7"}, Mentions: []*discordgo.User{{ID: "bot-1"}}, Timestamp: time.Now()})
	calls := h.fd.find(http.MethodPost, "/api/v9/channels/c-pub/messages")
	if len(calls) != 1 {
		t.Fatalf("channel posts %+v", calls)
	}
	if c := string(calls[0].Raw); strings.Contains(c, "HEMMELIG") || !strings.Contains(c, "sjekk DM-ene dine") {
		t.Fatalf("channel got %s", c)
	}
}

// TestAttachmentDownloadedAfterAuthzAndRateLimit: an upload from a
// non-admin, or over the rate limit, is refused before anything is
// fetched from Discord's CDN.
func TestAttachmentDownloadedAfterAuthzAndRateLimit(t *testing.T) {
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Use(bot.NewRateLimiter(2).Middleware())
	ran := 0
	r.Add(bot.Route{Name: "kulturbot", Admin: true, Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		ran++
		if err := req.LoadFiles(ctx); err != nil {
			return bot.Reply{}, err
		}
		return bot.PrivateText("Lest inn."), nil
	})})
	h := newHarness(t, func(o *Options) { o.Router = r })
	data := `{"id":"1","name":"kulturbot","type":1,"options":[{"name":"dokument","type":1,"options":[{"name":"fil","type":11,"value":"att1"}]}],` +
		`"resolved":{"attachments":{"att1":{"id":"att1","filename":"rammeverk.md","content_type":"text/markdown","size":20,"url":"` + h.fd.URL + `/attachments/1/2/rammeverk.md"}}}}`
	downloads := func() int { return len(h.fd.find(http.MethodGet, "/attachments/")) }

	h.post(ix("4001", 2, data)) // user 7 is no admin
	h.ad.Wait()
	if ran != 0 || downloads() != 0 {
		t.Fatalf("non-admin upload: handler ran %d, downloads %d", ran, downloads())
	}
	admin := `"member":{"user":{"id":"42","username":"admin"},"roles":[]}`
	for n := 0; n < 4; n++ {
		h.post(ix(fmt.Sprintf("41%02d", n), 2, data, admin))
		h.ad.Wait()
	}
	if ran != 2 || downloads() != 2 {
		t.Fatalf("admin at 2/min sent 4: handler ran %d, downloads %d; want 2 and 2", ran, downloads())
	}
}

// TestAutocompleteIsRateLimited: over the autocomplete budget a user gets
// no choices and the Suggester (a database query) is not called.
func TestAutocompleteIsRateLimited(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.SuggestLimiter = bot.NewRateLimiter(3) })
	ac := `{"name":"rsvp","type":1,"options":[{"name":"svar","type":1,"options":[{"name":"kommune","type":3,"value":"bo","focused":true}]}]}`
	got := 0
	for n := 0; n < 5; n++ {
		r := decode(t, h.post(ix(fmt.Sprintf("50%02d", n), 4, ac)).Body.Bytes())
		if len(r["data"].(map[string]any)["choices"].([]any)) > 0 {
			got++
		}
	}
	if got != 3 {
		t.Fatalf("%d of 5 autocompletes answered at 3/min, want 3", got)
	}
}

// embedTotal is what Discord counts against its 6000-character limit.
func embedTotal(e *discordgo.MessageEmbed) int {
	n := len([]rune(e.Title)) + len([]rune(e.Description))
	for _, f := range e.Fields {
		n += len([]rune(f.Name)) + len([]rune(f.Value))
	}
	if e.Footer != nil {
		n += len([]rune(e.Footer.Text))
	}
	return n
}

// TestLongListsSayHowManyAreLeftOut: a list longer than an embed shows
// whole rows and says "… og N til" with the right N, and no embed goes
// over any of Discord's limits.
func TestLongListsSayHowManyAreLeftOut(t *testing.T) {
	var items []bot.Item
	for i := 1; i <= 200; i++ {
		items = append(items, bot.Item{Text: fmt.Sprintf("#%d Samling i Bodø – 6. februar 2025, svar innen 1. februar", i)})
	}
	e := render(bot.Reply{Title: "Samlinger", Items: items, Lang: bot.NB}).Embeds[0]
	d := e.Description
	if len([]rune(d)) > 4096 || embedTotal(e) > 6000 {
		t.Fatalf("description %d, total %d", len([]rune(d)), embedTotal(e))
	}
	shown := strings.Count(d, "Samling i Bodø – 6. februar 2025, svar innen 1. februar")
	want := fmt.Sprintf("… og %d til", 200-shown)
	if shown == 0 || !strings.Contains(d, want) {
		t.Fatalf("%d rows shown, description ends %q, want %q", shown, d[max(0, len(d)-120):], want)
	}
	// Huge fields (an interest confirmation with long contact and comment)
	// and a long text stay within the 6000 total and 25 fields.
	var fields []bot.Field
	for i := 0; i < 40; i++ {
		fields = append(fields, bot.Field{Label: fmt.Sprintf("Felt %d", i), Value: strings.Repeat("x", 2000)})
	}
	e = render(bot.Reply{Title: strings.Repeat("T", 300), Text: strings.Repeat("tekst ", 1000), Fields: fields, Context: strings.Repeat("k", 3000), Lang: bot.NB}).Embeds[0]
	if embedTotal(e) > 6000 || len(e.Fields) > 25 || len([]rune(e.Description)) > 4096 || len([]rune(e.Title)) > 256 || len([]rune(e.Footer.Text)) > 2048 {
		t.Fatalf("embed over a limit: total %d, fields %d, description %d", embedTotal(e), len(e.Fields), len([]rune(e.Description)))
	}
	for _, f := range e.Fields {
		if len([]rune(f.Value)) > 1024 {
			t.Fatalf("field value %d", len([]rune(f.Value)))
		}
	}
}
