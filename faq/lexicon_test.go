package faq

import (
	"context"
	"testing"
)

func TestNormalize(t *testing.T) {
	e := newTestEngine(t)
	for _, tc := range []struct{ in, want string }{
		{"Når er fristen for fk?", "Når er fristen for fremtidens kulturskole?"},
		{"hva koster det pga reise, ca.?", "hva koster det på grunn av reise, cirka?"},
		{"Må kulturskolerek. være med?", "Må kulturskolerektor være med?"},
		{"Hvem i kom. skal delta", "Hvem i kommune skal delta"},
		{"Han kom hjem", "Han kom hjem"}, // "kom" without its dot is the verb
		{"whats the deadline pls", "what is the deadline please"},
		{"can u tell me abt the gatherings", "can you tell me about the gatherings"},
		{"hvor mange stk samlinger?", "hvor mange samlinger?"},
		{"hvorfo skal vi delta", "hvorfor skal vi delta"},
		{"hvme kan delta?", "hvem kan delta?"},
		{"nåe er fristen", "når er fristen"},
		{"Hva er fristen.", "Hva er fristen."},
		{"kan vi få frst utsatt?", "kan vi få frist utsatt?"},
		{"vi drar hjem", "vi drar hjem"},
		{"mtp. økonomi, evt. reise", "med tanke på økonomi, eventuelt reise"},
		{"(ift samlingene)", "(i forhold til samlingene)"},
	} {
		if got := e.normalize(tc.in, true); got != tc.want {
			t.Errorf("normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAbbreviationsAnswer: questions in work-chat shorthand find the entry
// their spelled-out form finds.
func TestAbbreviationsAnswer(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	for short, long := range map[string]string{
		"frist for påm. til fk?":         "frist for påmelding til Fremtidens kulturskole?",
		"whats the deadline to register": "what is the deadline to register",
		"hvor mange saml. blir det":      "hvor mange samlinger blir det",
	} {
		a, _ := e.Answer(ctx, short, "")
		b, _ := e.Answer(ctx, long, "")
		if a.EntryID != b.EntryID || a.Answered != b.Answered {
			t.Errorf("%q -> %s (%v), %q -> %s (%v)", short, a.EntryID, a.Answered, long, b.EntryID, b.Answered)
		}
	}
}
