package handlers

import (
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

func TestParseTimeArg(t *testing.T) {
	req := &bot.Request{}
	for _, c := range []struct{ in, start, end string }{
		{"10:00", "10:00", ""},
		{"9", "09:00", ""},
		{"kl. 9.30", "09:30", ""},
		{"10:00-15:30", "10:00", "15:30"},
		{"10 – 15", "10:00", "15:00"},
		{"9 til 14.15", "09:00", "14:15"},
		{"hele dagen", "", ""},
		{"ingen", "", ""},
	} {
		s, e, err := parseTimeArg(req, c.in, "ex")
		if err != nil || s != c.start || e != c.end {
			t.Errorf("%q: %q %q %v, want %q %q", c.in, s, e, err, c.start, c.end)
		}
	}
	for _, in := range []string{"25:00", "10:61", "ti", "10-9", "10:00-10:00", "9-10-11", "morgen"} {
		if _, _, err := parseTimeArg(req, in, "ex"); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
