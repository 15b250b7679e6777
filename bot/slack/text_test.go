package slack

import (
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestNeutralFormat: the bot's marks become mrkdwn, what others wrote is
// inert, and a link the bot made is a Slack link.
func TestNeutralFormat(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"Marks", "Lagret: *ja* for _Bodø_, `/rsvp 3`", "Lagret: *ja* for _Bodø_, `/rsvp 3`"},
		{"UsageLine", "/interesse trekk <id> & mer", "/interesse trekk &lt;id&gt; &amp; mer"},
		{"Foreign", "Spørsmål: " + bot.Esc("<!channel> se <https://x.no|her>"), "Spørsmål: &lt;!channel&gt; se &lt;https://x.no|her&gt;"},
		{"Link", bot.Link("Dashbord", "https://bot.example.no/d?t=1&u=2"), "<https://bot.example.no/d?t=1&amp;u=2|Dashbord>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := mrkdwn(c.in); got != c.want {
				t.Errorf("mrkdwn(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
