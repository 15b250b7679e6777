package handlers_test

import (
	"context"
	"strings"
	"testing"
)

// TestFAQDetailNotGiven: a question for a detail the programme document
// does not give (the exact day of a meeting it dates by month) gets what
// the document does and does not say, and goes to the working group as
// an unanswered question, like any other unsure one.
func TestFAQDetailNotGiven(t *testing.T) {
	e := newFAQEnv(t)
	rep := e.ask("U3", "/faq hvilken dato er det digitale møtet i november?")
	if rep.Error != nil || !strings.HasPrefix(rep.Text, "Programdokumentet sier ikke den nøyaktige datoen.") ||
		!strings.Contains(rep.Text, "oktober og november") || !strings.Contains(rep.Text, "arbeidsgruppen (sak #1)") {
		t.Fatalf("reply %+v", rep)
	}
	if len(rep.Buttons) > 0 && rep.Buttons[0].Command == "/kulturbot stemme 1 opp" {
		t.Fatalf("a detail not given is no answer to vote on: %+v", rep.Buttons)
	}
	qs, err := e.db.OpenQuestions(context.Background(), 10)
	if err != nil || len(qs) != 1 || qs[0].Asker.Key != "slack:U3" {
		t.Fatalf("open questions %v %v", qs, err)
	}
	if n := e.count(`SELECT COUNT(*) FROM answers WHERE answered = 1`); n != 0 {
		t.Fatalf("logged as answered: %d", n)
	}
}
