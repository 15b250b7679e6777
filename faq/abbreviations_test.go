package faq

import (
	"context"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// The abbreviation table is edited by hand: a short form written twice
// with two meanings (also as "påm." and "paam.", which fold to one key)
// silently keeps only the last, and a long form that is itself a short form reads as
// if the table had a chain it does not follow.
func TestAbbreviationTableUnambiguous(t *testing.T) {
	seen := map[string][2]string{}
	short := map[string]bool{}
	var pairs [][2]string
	for _, l := range lexiconLines("abbreviations.txt") {
		k, v, _ := strings.Cut(l, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		f := bot.FoldText(k)
		if o, ok := seen[f]; ok && o[1] != v {
			t.Errorf("abbreviations.txt: %q = %q and %q = %q are the same short form", o[0], o[1], k, v)
		}
		seen[f] = [2]string{k, v}
		short[f] = true
		pairs = append(pairs, [2]string{k, v})
	}
	for _, p := range pairs {
		for _, w := range strings.Fields(p[1]) {
			if f := bot.FoldText(w); short[f] && f != bot.FoldText(p[0]) {
				t.Errorf("abbreviations.txt: %q = %q: %q is itself a short form", p[0], p[1], w)
			}
		}
	}
}

// Chat shorthand answers like the question written in full.
func TestChatShorthandAnswers(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	for short, long := range map[string]string{
		"er d gratis?": "er det gratis?",
		"hva er en region i dette progr. egtl? må det være nabokomm.?": "hva er en region i dette programmet egentlig? må det være nabokommune?",
		"Kan vi som kommune søkje sjølve, elr må det gå via fk?":       "Kan vi som kommune søkje sjølve, eller må det gå via fk?",
		"er d mulig å bli med senere":                                  "er det mulig å bli med senere",
		"kan kult.skole og bhg samarbeide":                             "kan kulturskole og barnehage samarbeide",
		"dekkes reiseutg. og overn.?":                                  "dekkes reiseutgifter og overnatting?",
		"who pays for travel n hotel, ppl ask":                         "who pays for travel n hotel, people ask",
		"hvordann søker komm":                                          "hvordan søker kommune",
		// English "i.e." (blind91: two unknown letters)
		"How is selection governed, i.e. on what basis is it decided how many counties and municipalities may participate?": "How is selection governed, that is on what basis is it decided how many counties and municipalities may participate?",
	} {
		a, _ := e.Answer(ctx, short, "")
		b, _ := e.Answer(ctx, long, "")
		if a.EntryID != b.EntryID || a.Answered != b.Answered {
			t.Errorf("%q -> %s (%v), %q -> %s (%v)", short, a.EntryID, a.Answered, long, b.EntryID, b.Answered)
		}
		if !b.Answered {
			t.Errorf("%q is not answered; pick an example the FAQ answers", long)
		}
	}
}
