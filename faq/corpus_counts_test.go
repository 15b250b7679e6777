package faq

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A corpus file may group its phrasings by language; the grouped ones are
// indexed like the flat list, and the flat list of older files still loads
// (TestLoadCorpus).
func TestLoadCorpusGroupedPhrasings(t *testing.T) {
	file := `section: Test
source: Testkilde
entries:
  - id: kaffe
    questions:
      - Er det kaffe på samlingene?
    questions_nn:
      - Er det kaffi på samlingane?
    questions_en:
      - Will there be coffee?
    answer:
      nb: Ja, alltid kaffe.
      nn: Ja, alltid kaffi.
      en: Yes, always coffee.
`
	p := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(p, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	es, err := LoadCorpus(p)
	if err != nil {
		t.Fatal(err)
	}
	e0 := es[0]
	if len(e0.Questions) != 3 || len(e0.QuestionsNN) != 1 || len(e0.QuestionsEN) != 1 || e0.Answer.NN != "Ja, alltid kaffi." {
		t.Fatalf("%+v", e0)
	}
	e, err := NewEngine(context.Background(), es)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	a, _ := e.Answer(context.Background(), "will there be coffee", "")
	if !a.Answered || a.EntryID != "kaffe" {
		t.Fatalf("grouped English phrasing not indexed: %+v", a)
	}
}
