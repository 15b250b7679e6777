package discord

import (
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestNeutralFormat: the bot's marks become Discord markdown without any
// conversion of Slack markup, what others wrote cannot format, mention or
// link, and a link the bot made is a masked link.
func TestNeutralFormat(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"Marks", "Lagret: *ja* for _Bodø_, `/rsvp 3`", "Lagret: **ja** for _Bodø_, `/rsvp 3`"},
		{"Foreign", "Spørsmål: " + bot.Esc("*fet* @everyone <@123> [lur](https://x.no)"), `Spørsmål: \*fet\* @` + "\u200b" + `everyone \<@123> \[lur\](https://x.no)`},
		{"Link", bot.Link("Dashbord", "https://bot.example.no/d"), "[Dashbord](https://bot.example.no/d)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := mrkdwn(c.in); got != c.want {
				t.Errorf("mrkdwn(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
