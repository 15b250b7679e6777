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
	checkAnswers(t, e, []answerCase{
		{"how many months does it last", "varighet"},
		{"hvor mange måneder varer det", "varighet"},
		{"kor mange månader varer programmet", "varighet"},
		{"hello, how long is the program? how many month it take?", "varighet"},
	})
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
