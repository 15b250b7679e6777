package faq

import (
	"context"
	"strings"
	"testing"
)

func TestWithoutIntro(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// A greeting and the asker's role are left out.
		{"hei, ny rådgiver i kulturavdelinga her i østfold. hvem er programmet ment for?", "hvem er programmet ment for?"},
		{"Good morning! i over from a council in Fife on a study visit. How long does it run for?", "How long does it run for?"},
		{"Could you explain how long it lasts? I am new in the municipality and nobody could tell me.", "Could you explain how long it lasts?"},
		{"Jeg er ny kulturskolerektor i Vang. Hva koster det å være med?", "Hva koster det å være med?"},
		{"hei! ble nettopp dratt inn i ei kommunegruppe. hvor lenge varer dette?", "hvor lenge varer dette?"},
		{"hei! teaterlærer i bergen kulturskole her, rektor vil ha meg inn i kommunegruppa. hva skal vi gjøre mellom samlingene?", "hva skal vi gjøre mellom samlingene?"},
		{"hei! skriver nyhetssak om at kommunen blir med. hvem står bak programmet?", "hvem står bak programmet?"},
		{"Hi! My rådmann asks me: what do we get out of this, concretely?", "what do we get out of this, concretely?"},
		// Context about the municipality is the question's subject.
		{"Vi er ein liten kommune med berre éin tilsett. Får vi òg rettleiing?", ""},
		{"Vi svarte nei, men nå kan vi likevel. Må vi ringe noen?", ""},
		// Saying one wonders is asking.
		{"Jeg er fylkesleder og lurer på hva som forventes. Må vi delta?", ""},
		// Nothing left that asks: the whole stays.
		{"Jeg er ny her. Takk for hjelpen.", ""},
		// A date or a one-letter abbreviation is not a sentence's end.
		{"Jeg er på samlingen 6. februar, hva skjer der?", ""},
		// What was asked is the question's subject.
		{"Jeg har fått spørsmål fra en rektor om hva vi får igjen. Hva sier programmet om det?", ""},
		{"Spørsmål: hva koster det?", ""},
		// One sentence: nothing to leave out.
		{"Jeg er kulturskolerektor, hva koster det?", ""},
	} {
		want := c.want
		if want == "" {
			want = c.in
		}
		if got := withoutIntro(c.in); got != want {
			t.Errorf("withoutIntro(%q) = %q, want %q", c.in, got, want)
		}
	}
}

// TestIntroBeforeQuestion: a self-introduction before (or after) the
// question does not pull it off its entry (blind30, blind33, blind34:
// declined, or answered with the deadline).
func TestIntroBeforeQuestion(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct{ q, entry string }{
		{"Good morning! I'm over from a council in Fife on a study visit and trying to get my head round Fremtidens kulturskole. How long does one of the regional programmes actually run for?", "varighet"},
		{"Good day. Could you please explain me how long the regional programme lasts? I am new in the municipality and nobody could tell me.", ""},
		{"hei, ny rådgiver i kulturavdelinga her i østfold. hvem er programmet egentlig ment for, alle kommuner i landet?", ""},
	} {
		a, err := e.Answer(context.Background(), c.q, "")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || (c.entry != "" && a.EntryID != c.entry) || a.EntryID == "frist" {
			t.Errorf("%q: answered=%v entry=%q, want %q", c.q, a.Answered, a.EntryID, c.entry)
		}
	}
}

// TestAnExampleIsNotATopic: "for eksempel", "t.d." and "for example"
// give an example; "eksempel" weighed as a topic of its own (df 6) and
// "t.d." was the unknown word "d" (blind37).
func TestAnExampleIsNotATopic(t *testing.T) {
	e := newTestEngine(t)
	for q, entry := range map[string]string{
		"Blir samlingane i regionen vår, eller må ein reise lenger, t.d. til Oslo?": "samlinger",
		"kan for eksempel SFO være med":                                             "oppvekstfeltet",
	} {
		a, err := e.Answer(context.Background(), q, "")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || a.EntryID != entry {
			t.Errorf("%q: answered=%v entry=%q, want %q", q, a.Answered, a.EntryID, entry)
		}
	}
	for _, q := range []string{"kan for eksempel SFO være med", "can for example SFO take part", "kan t.d. SFO vere med"} {
		for _, term := range e.an.analyzeWordsIn(splitWords(e.normalize(q, true), nil), detectLangLower(strings.ToLower(q)) == "en") {
			if term.Text == "eksempel" || term.Text == "exampl" || term.Text == "d" {
				t.Errorf("%q: term %q", q, term.Text)
			}
		}
	}
}
