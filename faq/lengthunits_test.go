package faq

import (
	"context"
	"testing"
)

// A count of months or years asks how long the programme lasts; the answer
// in semesters gives it (split 112: "how many month it take?" was unsure,
// the unit missing from the answer). A count of days still asks of one
// gathering, which the programme's length does not answer.
func TestCountOfMonthsAsksTheLength(t *testing.T) {
	e := newTestEngine(t)
	for _, q := range []string{
		"how many months does it last",
		"hvor mange måneder varer det",
		"kor mange månader varer programmet",
		"hello, how long is the program? how many month it take?",
	} {
		a, err := e.Answer(context.Background(), q, "")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || a.EntryID != "varighet" {
			t.Errorf("%q: answered %v with %q, want varighet", q, a.Answered, a.EntryID)
		}
	}
	for _, q := range []string{"hvor mange dager varer samlingen?", "how many hours is each gathering?"} {
		a, err := e.Answer(context.Background(), q, "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Answered && a.EntryID == "varighet" {
			t.Errorf("%q: answered with the programme's length", q)
		}
	}
}
