package slack

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/testutil"
)

func golden(t *testing.T, name string, v any) {
	t.Helper()
	testutil.Golden(t, name+".golden", testutil.JSON(t, v, false))
}

func TestGoldenBlockKit(t *testing.T) {
	f := &fake{rsvps: map[string]string{"3": "ja"}}
	cases := map[string]bot.Reply{
		"text": {Text: "Lagret: *ja* for #3 Kultursamling i Bodø (4 personer, overnatting).", Private: true},
		"fields": {
			Title: "Samling #3: deltakere",
			Text:  "Svar så langt for *Kultursamling i Bodø*, 6. februar 2025.",
			Fields: []bot.Field{
				{Label: "Ja", Value: "4 kommuner, 11 personer"}, {Label: "Nei", Value: "1 kommune"},
				{Label: "Kanskje", Value: "0"}, {Label: "Overnatting", Value: "7 personer"},
			},
			Context: "Ikke svart: Vefsn, Rana",
		},
		"list":   f.list(),
		"answer": answerReply(bot.NB),
		"error": bot.ErrorReply(&bot.Request{Lang: bot.NB},
			bot.Errorf(bot.EInvalid, "Antall må være mellom 1 og 50. Eksempel: /rsvp 3 ja 4"), nil),
		"escaped": {Text: "Bruk /interesse trekk <id> & se **listen** i [dokumentet](https://example.org/a?b=1&c=2). Hei <@U123>!"},
	}
	for name, rep := range cases {
		t.Run(name, func(t *testing.T) { golden(t, name, renderMessage(rep)) })
	}
	t.Run("form", func(t *testing.T) {
		meta := formMeta{Command: "interesse", Channel: "C0GEN", Fields: []string{"fylke", "kommuner", "frist", "antall", "kommentar"}}
		golden(t, "form", renderView(interestForm(), meta.encode(), bot.NB))
	})
}

func TestRenderStaysWithinSlackLimits(t *testing.T) {
	rep := bot.Reply{Title: strings.Repeat("T", 400), Text: strings.Repeat("Avsnitt om samlinger.\n\n", 400), Context: "kilde"}
	for i := 0; i < 80; i++ {
		rep.Items = append(rep.Items, bot.Item{Text: "rad", Buttons: []bot.Button{{Label: "Ja", Command: "/rsvp 1 ja"}}})
	}
	for i := 0; i < 30; i++ {
		rep.Buttons = append(rep.Buttons, bot.Button{Label: strings.Repeat("x", 100), Command: "/faq"})
	}
	text, blocks := Render(rep)
	if len(blocks) > maxBlocks {
		t.Fatalf("%d blocks, Slack allows %d", len(blocks), maxBlocks)
	}
	if len([]rune(text)) > maxFallbackText {
		t.Fatalf("fallback text %d chars", len([]rune(text)))
	}
	b, _ := json.Marshal(blocks)
	var raw []map[string]any
	json.Unmarshal(b, &raw)
	sawContext, sawMore := false, false
	for _, bl := range raw {
		switch bl["type"] {
		case "header":
			if n := len([]rune(bl["text"].(map[string]any)["text"].(string))); n > maxHeaderText {
				t.Fatalf("header %d chars", n)
			}
		case "section":
			if tx, ok := bl["text"].(map[string]any); ok {
				if n := len([]rune(tx["text"].(string))); n > maxSectionText {
					t.Fatalf("section %d chars", n)
				}
			}
		case "context":
			s := string(mustJSON(bl))
			if strings.Contains(s, "kilde") {
				sawContext = true
			}
			if strings.Contains(s, "og ") {
				sawMore = true
			}
		case "actions":
			if n := len(bl["elements"].([]any)); n > maxActions {
				t.Fatalf("actions block with %d elements", n)
			}
		}
	}
	if !sawContext || !sawMore {
		t.Fatalf("a cut list must keep its context and say how many rows are left (context %v, more %v)", sawContext, sawMore)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestManifest(t *testing.T) {
	m := NewManifest("", testutil.Routes())
	got := m.JSON()
	if testutil.Update() {
		if err := os.WriteFile("manifest.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("manifest.json")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("manifest.json is out of date (go test ./bot/slack -update): %v", err)
	}
	if !m.Settings.SocketModeEnabled || m.Settings.Interactivity.RequestURL != "" {
		t.Fatal("default manifest must use Socket Mode")
	}
	var names []string
	for _, c := range m.Features.SlashCommands {
		names = append(names, c.Command)
		if len(c.Description) > 100 || len(c.UsageHint) > 100 {
			t.Errorf("%s: description/usage hint over Slack's 100 characters", c.Command)
		}
	}
	if strings.Join(names, " ") != "/faq /interesse /rsvp /veiledning /region /samling /kulturbot" {
		t.Fatalf("commands = %v", names)
	}
	h := NewManifest("https://bot.example.no/", testutil.Routes())
	if h.Settings.SocketModeEnabled || h.Settings.EventSubscriptions.RequestURL != "https://bot.example.no/slack/events" ||
		h.Features.SlashCommands[2].URL != "https://bot.example.no/slack/events" || !h.Settings.Interactivity.IsEnabled {
		t.Fatalf("HTTP manifest = %s", h.JSON())
	}
}
