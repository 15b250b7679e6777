package faq

import (
	"context"
	"testing"
)

func TestAsksName(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"hei, ny her. hva er egentlig denne fremtidens kulturskole-greia?", true},
		{"kollegaen min snakka om fremtidens kulturskule i lunsjen. ka e de for noko?", true},
		{"My principal keeps mentioning “Fremtidens kulturskole” – what’s that supposed to mean?", true},
		{"what is the future culture school concept, in simple words", true},
		{"hva legges i begrepet fremtidens kultursskole", true},
		// Another question of the programme under the name: its own entry.
		{"hva er fremtidens kulturskole, og hvor lenge varer det?", false},
		{"fylket vil søke oss inn i fremtidens kulturskole. kva betyr det for oss?", false},
		{"what's the point of fremtidens kulturskole?", false},
		{"kva får eg ut av desse fremtidens kulturskole-greiene?", false},
		{"what does it cost to join Fremtidens kulturskole?", false},
		// No name, no definition.
		{"hva betyr samskaping?", false},
		{"fremtidens kulturskole", false},
	} {
		if got := asksName(c.q); got != c.want {
			t.Errorf("asksName(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}

// An unsure message asking what the name means is answered from the
// entry on the name (namedef.go); without the rule these are unsure.
func TestNameDefAnswers(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	for _, q := range []string{
		"kollegaen min snakka om fremtidens kulturskule i lunsjen. ka e de for noko?",
		"My principal keeps mentioning “Fremtidens kulturskole” – what’s that supposed to mean?",
		"hva legges i begrepet fremtidens kultursskole",
		"folk her snakker om fremtidens kulturskole hele tida, og jeg henger ikke med. hva er greia?",
		"rektor dro det opp på fagmøtet i går: \"fremtidens kulturskule\". kva meiner dei eigentleg med det?",
	} {
		a, err := e.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || a.EntryID != nameDefEntry {
			t.Errorf("%q: answered %v with %q, want %s", q, a.Answered, a.EntryID, nameDefEntry)
		}
	}
	// A sure answer stands: the name asked with how long it lasts.
	a, err := e.Answer(ctx, "hva er fremtidens kulturskole, og hvor lenge varer det?", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.EntryID == nameDefEntry && len(a.Parts) == 0 {
		t.Errorf("two questions answered as the name alone: %+v", a)
	}
}
