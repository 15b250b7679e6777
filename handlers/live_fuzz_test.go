package handlers_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/handlers"
)

// FuzzLiveAnswer: any question through the live step and the FAQ
// (Handlers.Answer, against a real SQLite database with a region, two
// gatherings and an answer) answers without a panic, and a data answer
// always has text. The seeds are wordings the live step takes apart:
// two questions in one, follow-up openers, bare gathering numbers,
// slash-less commands, small talk.
func FuzzLiveAnswer(f *testing.F) {
	for _, s := range []string{"har Fauske svart, og når er fristen for å melde interesse?", "og hvem har meldt seg på 3 så langt?",
		"when is the next gathering and do we get travel support?", "rsvp 1 yes 3", "region = kor mange kom. minst", "faq hva er fristen?",
		"tusen takk, det var til god hjelp", "hallo, er du der?", "og", "på 9999", "? ; \n og hva", "is there a gathering in Fauske in May?",
		"kven manglar svar på oppstartssamlinga", "eg skreiv Herøy i /rsvp og no spør boten kva for ein"} {
		f.Add(s)
	}
	e := newFAQEnv(f)
	e.seed(saltenSeed...)
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) || len(q) > 400 {
			return
		}
		a, err := e.h.Answer(context.Background(), handlers.Query{Text: q, Now: testNow})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if a.Path == handlers.PathData && strings.TrimSpace(a.Text) == "" {
			t.Fatalf("%q: a data answer without text", q)
		}
	})
}
