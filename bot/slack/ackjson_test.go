package slack

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
)

// ackReplies are replies of every shape Render makes: text, title, fields
// (more than one section of them), items with and without buttons, a cut
// list, context, buttons with styles, errors, mentions, inline files, and
// text that needs every kind of JSON escape.
func ackReplies() []bot.Reply {
	f := &fake{rsvps: map[string]string{"3": "ja"}}
	long := bot.Reply{Title: strings.Repeat("T", 400), Text: strings.Repeat("Avsnitt om samlinger.\n\n", 400), Context: "kilde"}
	for i := 0; i < 80; i++ {
		long.Items = append(long.Items, bot.Item{Text: "rad", Buttons: []bot.Button{{Label: "Ja", Command: "/rsvp 1 ja", Style: "primary"}}})
	}
	for i := 0; i < 30; i++ {
		long.Buttons = append(long.Buttons, bot.Button{Label: strings.Repeat("x", 100), Command: "/faq", Style: "danger"})
	}
	var fields []bot.Field
	for i := 0; i < 23; i++ {
		fields = append(fields, bot.Field{Label: "Felt <" + string(rune('a'+i)) + ">", Value: "verdi & mer"})
	}
	weird := "kontroll \x00\x01\x1f\b\f\t\r\n \"sitat\" \\ <b> & \u2028\u2029 æøå ÆØÅ 😀 ugyldig \xff\xfe slutt"
	return []bot.Reply{
		{Text: "Lagret: *ja* for #3 Kultursamling i Bodø (4 personer, overnatting).", Private: true},
		{Title: "Samling #3: deltakere", Text: "Svar så langt.", Fields: fields[:4], Context: "Ikke svart: Vefsn, Rana"},
		{Title: "Mange felt", Fields: fields},
		f.list(),
		answerReply(bot.NB),
		answerReply(bot.EN),
		bot.ErrorReply(&bot.Request{Lang: bot.NB}, bot.Errorf(bot.EInvalid, "Antall må være mellom 1 og 50. Eksempel: /rsvp 3 ja 4"), nil),
		{Text: "Bruk /interesse trekk <id> & se **listen** i [dokumentet](https://example.org/a?b=1&c=2). Hei <@U123>!"},
		{Text: weird, Title: weird, Context: weird, Mention: "U1", Buttons: []bot.Button{{Label: weird, Command: "/x " + weird}}},
		{Text: "svar", Context: "Kilde: FAQ", Lang: bot.NB, Buttons: []bot.Button{
			{Label: "👍", Command: "/kulturbot stemme 12 opp"}, {Label: "👎", Command: "/kulturbot stemme 12 ned"}}},
		{Text: "fil", Files: []bot.File{{Name: "a.csv", Content: []byte("a,b\n1,2\n")}}},
		{Items: []bot.Item{{Text: "bare rader"}, {Text: "<to>"}}},
		{Title: "bare tittel"},
		long,
		{},
	}
}

func TestAppendMessage(t *testing.T) {
	for i, rep := range ackReplies() {
		m := renderMessage(rep)
		for _, rt := range []string{m.ResponseType, "", slack.ResponseTypeEphemeral} {
			for _, repl := range []bool{false, true} {
				m.ResponseType, m.ReplaceOriginal = rt, repl
				sameAsEncodingJSON(t, i, m)
			}
		}
	}
	// Shapes Render does not make today, but a message may hold.
	emoji := true
	t.Run("odd", func(t *testing.T) {
		for i, m := range []message{
			{Text: "x", Blocks: []slack.Block{slack.NewHeaderBlock(&slack.TextBlockObject{Type: "plain_text", Text: "h", Emoji: &emoji}, slack.HeaderBlockOptionBlockID("h1"))}},
			{Text: "x", Blocks: []slack.Block{&slack.HeaderBlock{Type: slack.MBTHeader, Level: 2}}},
			{Text: "x", Blocks: []slack.Block{&slack.SectionBlock{Type: slack.MBTSection, BlockID: "s", Expand: true, Fields: []*slack.TextBlockObject{nil, {Type: "mrkdwn", Text: "f", Verbatim: true}}}}},
			{Text: "x", Blocks: []slack.Block{&slack.ContextBlock{Type: slack.MBTContext, BlockID: "c"}}},
			{Text: "x", Blocks: []slack.Block{&slack.ContextBlock{Type: slack.MBTContext, ContextElements: slack.ContextElements{Elements: []slack.MixedElement{}}}}},
			{Text: "x", Blocks: []slack.Block{&slack.ActionBlock{Type: slack.MBTAction}}},
			{Text: "x", Blocks: []slack.Block{&slack.ActionBlock{Type: slack.MBTAction, Elements: &slack.BlockElements{}}}},
			{Text: "x", Blocks: []slack.Block{&slack.ActionBlock{Type: slack.MBTAction, Elements: &slack.BlockElements{ElementSet: []slack.BlockElement{
				&slack.ButtonBlockElement{Text: nil, URL: "https://x/?a=1&b=<2>", AccessibilityLabel: "l", AgentPrompt: "p", AgentPromptDisplay: "d"}}}}}},
			{Text: "x", Blocks: []slack.Block{}},
		} {
			sameAsEncodingJSON(t, i, m)
		}
	})
	// What it does not know it leaves to encoding/json.
	for _, m := range []message{
		{Blocks: []slack.Block{slack.NewDividerBlock()}},
		{Blocks: []slack.Block{slack.NewSectionBlock(nil, nil, slack.NewAccessory(slack.NewImageBlockElement("u", "a")))}},
		{Blocks: []slack.Block{slack.NewContextBlock("", slack.NewImageBlockElement("u", "a"))}},
		{Blocks: []slack.Block{slack.NewActionBlock("", slack.NewOverflowBlockElement("o"))}},
		{Blocks: []slack.Block{(*slack.SectionBlock)(nil)}},
	} {
		if b, ok := appendMessage([]byte("keep"), &m); ok || string(b) != "keep" {
			t.Fatalf("%#v: appended %q, %v; want a refusal", m, b, ok)
		}
	}
}

func sameAsEncodingJSON(t *testing.T, i int, m message) {
	t.Helper()
	want, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := appendMessage([]byte("prefix"), &m)
	if !ok {
		t.Fatalf("%d: refused a message Render makes: %s", i, want)
	}
	if !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("%d:\n got %s\nwant prefix%s", i, got, want)
	}
	// And through writeAck, as Slack receives it.
	w := httptest.NewRecorder()
	writeAck(w, m)
	if !bytes.Equal(w.Body.Bytes(), want) || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("%d: writeAck wrote %v\n%s\nwant\n%s", i, w.Header(), w.Body.Bytes(), want)
	}
}

// FuzzAppendMessage: any text in any field Render fills encodes as
// encoding/json encodes it.
func FuzzAppendMessage(f *testing.F) {
	f.Add("svar <på> & \"spørsmål\"", "Kilde", "👍", "/kulturbot stemme 1 opp", "tittel")
	f.Add("\xff\x00\u2028", "\t", "", "", "")
	f.Fuzz(func(t *testing.T, text, context, label, command, title string) {
		rep := bot.Reply{Text: text, Context: context, Title: title, Buttons: []bot.Button{{Label: label, Command: command}},
			Fields: []bot.Field{{Label: label, Value: text}}, Items: []bot.Item{{Text: context, Buttons: []bot.Button{{Label: title, Command: text}}}}}
		m := renderMessage(rep)
		want, err := json.Marshal(m)
		if err != nil {
			t.Skip()
		}
		got, ok := appendMessage(nil, &m)
		if !ok || !bytes.Equal(got, want) {
			t.Fatalf("got %s (%v)\nwant %s", got, ok, want)
		}
		if got, want := appendJSONString(nil, text), mustJSON(text); !bytes.Equal(got, want) {
			t.Fatalf("string %q: got %s want %s", text, got, want)
		}
	})
}

// FuzzHasMarks: hasMarks is the strings.ContainsAny it replaces.
func FuzzHasMarks(f *testing.F) {
	for _, s := range []string{"", "ren tekst", "*fet*", "a_b", "<@U1>", "x & y", "`k`", "\uE000esc\uE001", "\uE002l\uE003t\uE004",
		"\uE001 \uE003 \uE004", "\xee\x80", "\xee\x80\x80", "\xee\x80\x82", "\xee\x80\x81", "\xe2\xee\x80\x80", "\xff*", "æøå"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasMarks(s), strings.ContainsAny(s, "*_`<>&\uE000\uE002"); got != want {
			t.Fatalf("hasMarks(%q) = %v, ContainsAny says %v", s, got, want)
		}
	})
}

// TestArenaRender: an acknowledgement rendered into a pooled arena is
// byte for byte the one rendered on the heap, for every reply shape
// (larger ones than the arena holds too), also when the arena is reused
// after a release: shapes one after another through the same arena, in
// both orders.
func TestArenaRender(t *testing.T) {
	reps := ackReplies()
	many := bot.Reply{Text: "mange", Context: "k", Title: "t"}
	for i := range 30 {
		many.Buttons = append(many.Buttons, bot.Button{Label: strconv.Itoa(i), Command: "/x " + strconv.Itoa(i)})
		many.Items = append(many.Items, bot.Item{Text: "rad " + strconv.Itoa(i), Buttons: []bot.Button{{Label: "a", Command: "/a"}}})
		many.Fields = append(many.Fields, bot.Field{Label: "l", Value: strconv.Itoa(i)})
	}
	reps = append(reps, many)
	backward := slices.Clone(reps)
	slices.Reverse(backward)
	for _, order := range [][]bot.Reply{reps, backward} {
		for i, rep := range order {
			ar := newBlockArena()
			want, err := json.Marshal(renderMessage(rep))
			if err != nil {
				t.Fatal(err)
			}
			m := renderMessageIn(rep, ar)
			got, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%d: in an arena\n%s\non the heap\n%s", i, got, want)
			}
			w := httptest.NewRecorder()
			ar.msg = m
			ar.msg.arena = ar
			writeAck(w, &ar.msg)
			if !bytes.Equal(w.Body.Bytes(), want) {
				t.Fatalf("%d: writeAck from an arena wrote\n%s\nwant\n%s", i, w.Body.Bytes(), want)
			}
			releaseAck(&ar.msg)
			if !reflect.ValueOf(*ar).IsZero() {
				t.Fatalf("%d: a released arena is not cleared", i)
			}
		}
	}
}
