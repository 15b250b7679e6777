package discord

import (
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestRenderItemSeparation checks how list rows are joined in the embed:
// one-line rows stay one per line, multi-line rows (digest sections) get a
// blank line between them so they do not run together.
func TestRenderItemSeparation(t *testing.T) {
	for _, c := range []struct {
		name  string
		items []string
		want  string
	}{
		{"OneLineRows", []string{"• a", "• b", "• c"}, "• a\n• b\n• c"},
		{"MultiLineRows", []string{"*Interesse*\n• #1 Nordland", "*Veiledning*\n• Bodø: 1 økt"}, "**Interesse**\n• #1 Nordland\n\n**Veiledning**\n• Bodø: 1 økt"},
		{"OneMultiLineAmongOneLiners", []string{"• a", "*#3 Samling*\nSvarfrist: 20. januar 2027", "• c"}, "• a\n\n**#3 Samling**\nSvarfrist: 20. januar 2027\n\n• c"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := bot.Reply{Title: "Liste"}
			for _, it := range c.items {
				rep.Items = append(rep.Items, bot.Item{Text: it})
			}
			m := render(rep)
			if len(m.Embeds) != 1 {
				t.Fatalf("%d embeds", len(m.Embeds))
			}
			if got := m.Embeds[0].Description; got != c.want {
				t.Errorf("description\n got %q\nwant %q", got, c.want)
			}
		})
	}
}
