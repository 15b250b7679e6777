package handlers_test

import (
	"context"
	"testing"

	"github.com/kulturskoleradet/kulturbot/handlers"
)

// BenchmarkLive measures what the live step adds before the FAQ: a
// programme question it lets through (regular expressions only), and a
// gathering question it answers from SQLite.
func BenchmarkLive(b *testing.B) {
	t := &testing.T{}
	e := newFAQEnv(t)
	e.t = t
	e.ask("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	e.ask("admin", `/samling ny navn="Oppstartssamling" dato=2025-02-06 sted="Bodø" region=Salten frist=2025-01-31`)
	ctx := context.Background()
	for _, c := range []struct{ name, q string }{
		{"FAQQuestionEngineOnly", ""},
		{"FAQQuestionThroughLive", "Når er fristen for å melde interesse?"},
		{"NextGatheringFromSQLite", "Hvor er neste samling?"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var err error
				if c.q == "" {
					_, err = e.eng.Answer(ctx, "Når er fristen for å melde interesse?", "")
				} else {
					_, err = e.h.Answer(ctx, handlers.Query{Text: c.q, Now: testNow})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
