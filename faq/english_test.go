package faq

import (
	"strings"
	"testing"
)

// englishTerms is the English reading of text by the shipped engine, as
// space-separated terms.
func englishTerms(e *Engine, text string) string {
	var out []string
	for _, t := range e.an.AnalyzeIn(text, true) {
		out = append(out, t.Text)
	}
	return strings.Join(out, " ")
}

// TestEnglishSynonyms: the English lists read the words the corpus's
// English does not use as the corpus's concepts, and a word whose stem is
// shared with another meaning only as itself (synonyms_en.txt,
// phrases_en.txt).
func TestEnglishSynonyms(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct{ q, want string }{
		{"councils", "kommune"},
		{"local authorities", "kommune"},
		{"the scheme", "program"},
		{"supervision", "veiledning"},
		{"an adviser", "veiledning"},
		{"a cluster", "region"},
		{"the fee", "okonomi"},
		{"charges", "okonomi"},
		{"school of music and performing arts", "kulturskole"},
		{"culture school council", "kulturskolerad"},
		{"in terms of", ""},
		{"the AGM", "arsmote"},
		{"the annual meeting", "arsmote"},
		{"aligned", "koble"},
		// stems shared with another meaning: not pulled along
		{"the council", "council"},
		{"in charge", "charg"},
		// "call" is a name only as "called", "call it" (blind56: "I'd
		// rather just call someone" read as the programme's name)
		{"just call someone", "call"},
		{"why is it called", "hvorfor begrep"},
		{"call off", "cancel"},
		// tied in with: linked, not bound (blind57)
		{"tied in with", "koble"},
		{"tied in", "krav bindende"}, // bound: the requirement and "binding" (round 11)
		// what a municipality may expect to get is the benefit, and a
		// "quick/honest question:" preamble names no topic (blind57, blind62)
		{"expect to come away with", "nytte"},
		{"the value proposition", "nytte"},
		{"honest question", ""},
		// what the programme strengthens; the council's thematic efforts
		// and the counties' ordinary work (four writers)
		{"strengthen", "styrk"},
		{"thematic efforts", "temasats"},
		{"ordinary work", "fast arbeid"},
		// money that stretches to something covers it (blind68)
		{"stretch beyond", "okonomi"},
		// "called" after the thing named; the gatherings in person; a
		// hotel night; the ROI (blind70)
		{"the booklet called", "dialoghefte begrep"},
		{"in-person sessions", "fysisk samling"},
		{"hotel night", "opphold"},
		{"the ROI", "nytte"},
		{"two doubts", ""},
		// round 8 (blind75)
		{"get-togethers", "samling"},
		{"a small book for dialog", "small dialoghefte"},
		{"line up with", "koble"},
		// round 11 (blind85): formal requests are filler; who is eligible
		// takes part; too many applicants; how things relate
		{"could you clarify", ""},
		{"in what manner", ""},
		{"the eligibility criteria", "delta krav"},
		{"oversubscription", "begrenset"},
		{"an intended relationship", "hensikt koble"},
		{"prior to registering", "forhand pamelding"},
		{"a time-limited project", "langsiktig program"},
		// round 17: "anchored" is the Norwegian "forankret"
		{"anchored", "forankr"},
	} {
		if got := englishTerms(e, c.q); got != c.want {
			t.Errorf("%q read as %q, want %q", c.q, got, c.want)
		}
	}
	// "adviser" is a mentor as a whole word only: "advise" shares its stem.
	if got := englishTerms(e, "advise"); got == "veiledning" {
		t.Errorf("%q read as %q", "advise", got)
	}
}

// TestJoinParticlesEN: a phrasal verb's particle after its object is moved
// next to the verb only where it closes the phrase.
func TestJoinParticlesEN(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"until what date can counties put their councils forward?", "until what date can counties put forward their councils?"},
		{"and who sends it in?", "and who sends in it?"},
		{"can we sign our municipality up for the programme", "can we sign up our municipality for the programme"},
		{"what if we pull the kommune out.", "what if we pull out the kommune."},
		{"can I send questions in English", "can I send questions in English"}, // a preposition
		{"put it, forward", "put it, forward"},                                 // a clause mark between
		{"who sends the application in to the council", "who sends in the application to the council"},
		{"put the names of all five municipalities forward", "put the names of all five municipalities forward"}, // too far
		{"sign up now", "sign up now"},
	} {
		if got := joinParticlesEN(c.in); got != c.want {
			t.Errorf("joinParticlesEN(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
