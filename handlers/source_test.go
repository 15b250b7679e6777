package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
)

// cited answers every question as the document step does: citations, and
// a Source that is the same list in short.
type cited struct{}

func (cited) Answer(ctx context.Context, q, lang string) (faq.Answer, error) {
	return faq.Answer{Question: q, Answered: true, Text: "Hver region leverer en rapport [1][2].", Path: "llm", Lang: "nb",
		Source:    "[1] Rammeverket, s. 3 · [2] Fremtidens kulturskole – FAQ",
		Citations: []faq.Citation{{N: 1, Doc: "Rammeverket", Page: 3}, {N: 2, Doc: "Fremtidens kulturskole – FAQ"}}}, nil
}

// TestSourceLineNamesCitationsOnce: the small print under a cited answer
// lists each citation once.
func TestSourceLineNamesCitationsOnce(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := bot.NewRouter(log)
	handlers.Register(r, &handlers.Deps{DB: db, FAQ: cited{}, Log: log})
	rep := r.Handle(context.Background(), &bot.Request{Platform: bot.Slack, User: bot.User{ID: "U1"}, Text: "Når leverer regionene rapport?"})
	if rep.Context != "Kilde: [1] Rammeverket, s. 3 · [2] Fremtidens kulturskole – FAQ" {
		t.Fatalf("%q", rep.Context)
	}
}
