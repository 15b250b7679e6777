package handlers_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
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

// BenchmarkLiveTraining is the live step's cost on the questions it lets
// through to the FAQ, over every training question (faq/testdata/*.tsv):
// ThroughLive minus EngineOnly, per question, is what the step adds to a
// programme question.
//
//	go test ./handlers -run '^$' -bench BenchmarkLiveTraining -benchmem
func BenchmarkLiveTraining(b *testing.B) {
	t := &testing.T{}
	e := newFAQEnv(t)
	e.t = t
	ctx := context.Background()
	paths, _ := filepath.Glob(filepath.Join("..", "faq", "testdata", "*.tsv"))
	var qs []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			parts := strings.Split(line, "\t")
			if len(parts) < 2 || strings.HasPrefix(line, "#") {
				continue
			}
			a, err := e.h.Answer(ctx, handlers.Query{Text: parts[1], Now: testNow})
			if err != nil {
				b.Fatal(err)
			}
			switch a.Path {
			case handlers.PathData, handlers.PathSmallTalk, handlers.PathCommand:
				continue
			}
			qs = append(qs, parts[1])
		}
	}
	// The live step alone: the same handlers without the FAQ behind them.
	d := *e.h.Deps
	d.FAQ = nil
	liveOnly := &handlers.Handlers{Deps: &d}
	b.Run("LiveOnly", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := liveOnly.Answer(ctx, handlers.Query{Text: qs[i%len(qs)], Now: testNow}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EngineOnly", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := e.eng.Answer(ctx, qs[i%len(qs)], ""); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ThroughLive", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := e.h.Answer(ctx, handlers.Query{Text: qs[i%len(qs)], Now: testNow}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
