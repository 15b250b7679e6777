package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/console"
	"github.com/kulturskoleradet/kulturbot/bot/discord"
	"github.com/kulturskoleradet/kulturbot/bot/slack"
)

// hostileText is what a user, a document or a model may write to make the
// bot ping a channel or post a disguised link.
const hostileText = "<!channel> <!here> <@U0BOSS> se <https://evil.example|kulturskoleradet.no> og [rammeverket](https://evil.example) @everyone @here"

var (
	// liveSlack is Slack markup that would act: a mention, a special
	// mention or a link with hidden target.
	liveSlack = regexp.MustCompile(`<[!@#]|<https?:`)
	// liveDiscord is Discord markup that would act: an unescaped < (a
	// mention or link syntax), an unescaped [ (a masked link), or
	// @everyone/@here as one word.
	liveDiscord = regexp.MustCompile(`(^|[^\\])[<\[]|@everyone|@here`)
	// codeSpan is shown literally by Discord.
	codeSpan = regexp.MustCompile("`[^`]*`")
)

// assertInert renders rep as both adapters would and fails if anything of
// hostileText survived as live markup (apart from the one mention the bot
// means, Reply.Mention).
func assertInert(t *testing.T, surface string, rep bot.Reply) {
	t.Helper()
	assertInertMaybe(t, surface, rep, true)
}

func assertInertMaybe(t *testing.T, surface string, rep bot.Reply, mustCarry bool) {
	t.Helper()
	all := rep.Text + rep.Title + rep.Context
	for _, it := range rep.Items {
		all += it.Text
	}
	for _, f := range rep.Fields {
		all += f.Value
	}
	if mustCarry && !strings.Contains(all, "<!channel>") {
		t.Fatalf("%s: the hostile text is not in the reply at all, so this tests nothing: %+v", surface, rep)
	}
	fallback, blocks := slack.Render(rep)
	raw, _ := json.Marshal(blocks)
	var texts []string
	collectStrings(raw, &texts)
	texts = append(texts, fallback)
	for _, s := range texts {
		if rep.Mention != "" {
			s = strings.ReplaceAll(s, "<@"+rep.Mention+">", "")
		}
		if m := liveSlack.FindString(s); m != "" {
			t.Errorf("%s: Slack would act on %q in %q", surface, m, s)
		}
	}
	// Discord parses markdown and mentions in content, descriptions and
	// field values; titles, footers and labels are shown as they are.
	msg := discord.Render(rep)
	texts = append(texts[:0], msg.Content)
	for _, e := range msg.Embeds {
		texts = append(texts, e.Description)
		for _, f := range e.Fields {
			texts = append(texts, f.Value)
		}
	}
	for _, s := range texts {
		if rep.Mention != "" {
			s = strings.ReplaceAll(s, "<@"+rep.Mention+">", "")
		}
		s = codeSpan.ReplaceAllString(s, "")
		if m := liveDiscord.FindString(s); m != "" {
			t.Errorf("%s: Discord would act on %q in %q", surface, m, s)
		}
	}
	if am := msg.AllowedMentions; am == nil || len(am.Parse) != 0 || (rep.Mention == "" && len(am.Users) != 0) {
		t.Errorf("%s: Discord allowed mentions %+v", surface, am)
	}
}

// collectStrings gathers every string value of a JSON document.
func collectStrings(raw []byte, out *[]string) {
	var v any
	json.Unmarshal(raw, &v)
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			*out = append(*out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
}

// TestHostileTextIsInertOnEverySurface types hostileText where people can
// and follows it to every place the bot shows it: the reply to a DM or
// mention, the question list, the digest, the answer notice (whose only
// live mention is the asker), an interest confirmation, and an LLM answer.
func TestHostileTextIsInertOnEverySurface(t *testing.T) {
	t.Parallel()
	var llmOn atomic.Bool // off: the endpoint fails and questions are passed on
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/v1/chat/completions" || !llmOn.Load() {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"choices": []map[string]any{{"index": 0,
			"message": map[string]any{"role": "assistant", "content": "Rapporten sendes innen 1. desember [1]. " + hostileText}}}})
	}))
	defer llm.Close()
	a := newTestApp(t, &Config{OpenAIKey: "sk-test", OpenAIBaseURL: llm.URL + "/v1", LLMModel: "gpt-test", EmbedModel: "none",
		LLMTimeout: 5 * time.Second, InterestDeadline: "15.09"})
	ctx := context.Background()
	admin := bot.User{ID: "UADMIN", Admin: true}
	asker := bot.User{ID: "UASKER", Name: "Kari " + hostileText}
	handle := func(p bot.Platform, u bot.User, cmd, text string) bot.Reply {
		t.Helper()
		return a.Router.Handle(ctx, &bot.Request{Platform: p, User: u, Command: cmd, Text: text, Channel: "C1", Lang: bot.NB})
	}

	// A question nobody can answer, asked in a channel: it is passed on
	// (the reply does not quote it, but must stay inert if it ever does).
	rep := handle(bot.Slack, asker, "faq", "Hvordan søker vi om penger til tubaer? "+hostileText)
	assertInertMaybe(t, "faq reply", rep, false)

	list := handle(bot.Slack, admin, "kulturbot", "spørsmål")
	assertInert(t, "question list", list)

	dig := handle(bot.Slack, admin, "kulturbot", "digest")
	assertInert(t, "digest", dig)

	var id string
	if m := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(list.Text + strings.Join(itemTexts(list), " ")); m != nil {
		id = m[1]
	} else {
		t.Fatalf("no question id in the list: %+v", list)
	}
	posted := &capturePoster{}
	a.Posters[bot.Slack] = posted
	handle(bot.Slack, admin, "kulturbot", "svar "+id+" Ja, søk innen mars. "+hostileText)
	a.Router.Wait()
	if len(posted.replies) == 0 {
		t.Fatal("no answer notice posted")
	}
	n := posted.replies[0]
	assertInert(t, "answer notice", n)
	if n.Mention != "UASKER" {
		t.Errorf("answer notice mentions %q, want the asker", n.Mention)
	}
	if msg := discord.Render(n); !strings.HasPrefix(msg.Content, "<@UASKER>") || len(msg.AllowedMentions.Users) != 1 {
		t.Errorf("Discord notice content %q allowed %+v: the asker must be mentioned in content", msg.Content, msg.AllowedMentions)
	}

	conf := handle(bot.Discord, bot.User{ID: "42", Name: "Ola"}, "interesse",
		`fylke=Nordland kommuner="Bodø, Fauske, Saltdal" kontakt="`+strings.ReplaceAll(hostileText, `"`, "")+`" kommentar="`+hostileText+`"`)
	if conf.Error != nil {
		t.Fatalf("interest: %s", conf.Text)
	}
	assertInert(t, "interest confirmation", conf)

	// An LLM answer over an ingested document.
	llmOn.Store(true)
	lib := a.docsLibrary()
	if _, err := lib.Ingest(ctx, "rammeverk.md", "", []byte("# Rammeverk\n\n## Evaluering\n\nHver region leverer en rapport om arbeidet innen 1. desember hvert år. Arbeidsgruppen sammenstiller rapportene.\n"), "test"); err != nil {
		t.Fatal(err)
	}
	llmRep := handle(bot.Discord, asker, "faq", "Hvem sammenstiller rapportene fra regionene?")
	if !strings.Contains(llmRep.Text, "<!channel>") {
		t.Skipf("the question was not answered by the LLM path: %+v", llmRep)
	}
	assertInert(t, "LLM answer", llmRep)
}

func itemTexts(r bot.Reply) []string {
	var out []string
	for _, it := range r.Items {
		out = append(out, it.Text)
	}
	return out
}

// capturePoster keeps what the bot posts.
type capturePoster struct {
	mu      sync.Mutex
	replies []bot.Reply
}

func (p *capturePoster) Platform() bot.Platform { return bot.Slack }
func (p *capturePoster) Post(_ context.Context, _ string, r bot.Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.replies = append(p.replies, r)
	return nil
}

// TestTwoPartLineIsInert: the line for a part of a two-part question the
// FAQ did not answer quotes the asker's words (handlers/faq_parts.go);
// Slack, Discord and the console show them as typed, never as mentions or
// links.
func TestTwoPartLineIsInert(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, &Config{InterestDeadline: "15.09"})
	q := "what do the students get out of it and how many students took part in the *pilot* " + hostileText + "?"
	for _, p := range []bot.Platform{bot.Slack, bot.Discord, bot.Console} {
		rep := a.Router.Handle(context.Background(), &bot.Request{Platform: p, User: bot.User{ID: "U1"}, Command: "faq", Text: q, Channel: "C1"})
		if !strings.Contains(rep.Text, "children and young people") || !strings.Contains(rep.Text, "I don't have a sure answer to “") {
			t.Fatalf("%s: not the answer with the line for the other part: %q", p, rep.Text)
		}
		assertInert(t, string(p)+" two-part line", rep)
		// The asker's * is not the bot's bold mark.
		for _, sp := range bot.Spans(rep.Text) {
			if strings.Contains(sp.Text, "pilot") && (sp.Style != 0 || !sp.Foreign) {
				t.Errorf("%s: the asker's words are read as the bot's marks: %+v", p, sp)
			}
		}
		if out := console.Render(rep, 1); !strings.Contains(out, "*pilot* <!channel> <!here> <@U0BOSS>") || strings.ContainsAny(out, "\uE000\uE001") {
			t.Errorf("console: the part is not shown as typed: %q", out)
		}
	}
}

// TestSlashlessLineIsInert: "Mente du /rsvp …?" and "/rsvp … er en
// kommando" quote the line the user typed; on Slack and Discord it shows
// as typed, never as a mention or a link (the button still runs it).
func TestSlashlessLineIsInert(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, &Config{})
	ctx := context.Background()
	for _, p := range []bot.Platform{bot.Slack, bot.Discord} {
		for _, line := range []string{"rsvp 1 ja 2 " + hostileText, "/rsvp 1 ja 2 " + hostileText} {
			rep := a.Router.Handle(ctx, &bot.Request{Platform: p, User: bot.User{ID: "U1", Name: "Kari"}, Command: "faq", Text: line, Channel: "C1", Lang: bot.NB})
			if len(rep.Buttons) != 1 || !strings.HasPrefix(rep.Buttons[0].Command, "/rsvp 1 ja 2 ") {
				t.Fatalf("%s %q: not offered as a command: %+v", p, line, rep)
			}
			// The button's label is plain text on both platforms and its
			// value is never shown: the message is what must stay inert.
			shown := rep
			shown.Buttons = nil
			assertInert(t, string(p)+" "+line, shown)
		}
	}
}
