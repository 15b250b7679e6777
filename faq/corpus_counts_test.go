package faq

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Minimum phrasings per shipped entry, per language (issue 11): people ask
// in bokmål, nynorsk and English, and a few phrasings per language are too
// few to catch how they actually type.
const (
	minNB = 10
	minNN = 3
	minEN = 6
)

// Every shipped entry is asked in the three languages the bot answers in,
// and answers in all three. go test ./faq -run TestCorpusPhrasingCounts -v
// prints the counts per entry.
func TestCorpusPhrasingCounts(t *testing.T) {
	es := mustCorpus(t)
	owner := map[string]string{}
	for _, e := range es {
		nb := len(e.Questions) - len(e.QuestionsNN) - len(e.QuestionsEN)
		nn, en := len(e.QuestionsNN), len(e.QuestionsEN)
		t.Logf("%-24s nb=%2d nn=%2d en=%2d", e.ID, nb, nn, en)
		if nb < minNB || nn < minNN || en < minEN {
			t.Errorf("%s: %d bokmål, %d nynorsk, %d English phrasings; want at least %d, %d, %d", e.ID, nb, nn, en, minNB, minNN, minEN)
		}
		if e.Answer.NB == "" || e.Answer.NN == "" || e.Answer.EN == "" {
			t.Errorf("%s: answer missing in a language (nb %t, nn %t, en %t)", e.ID, e.Answer.NB != "", e.Answer.NN != "", e.Answer.EN != "")
		}
		// The same phrasing twice is dead weight in one entry and a coin
		// toss between two.
		for _, q := range e.Questions {
			k := strings.Join(strings.Fields(bot.Fold(q)), " ")
			k = strings.TrimRight(k, "?!. ")
			if o, ok := owner[k]; ok {
				t.Errorf("phrasing %q appears in %s and %s", q, o, e.ID)
			}
			owner[k] = e.ID
		}
		// An English phrasing filed as bokmål (or the other way round)
		// makes the counts lie. One word ("region") can be both.
		for _, q := range e.Questions[:nb] {
			if DetectLang(q) == "en" && len(strings.Fields(q)) > 1 {
				t.Errorf("%s: %q is listed as bokmål but reads as English", e.ID, q)
			}
		}
		for _, q := range e.QuestionsEN {
			if DetectLang(q) == "nb" {
				t.Errorf("%s: %q is listed as English but reads as Norwegian", e.ID, q)
			}
		}
	}
}

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

// A bokmål or English phrasing of the corpus never gets the nynorsk
// answer. How many nynorsk phrasings the detector recognises is printed,
// not held to a bar: short nynorsk often has no word bokmål lacks.
func TestCorpusPhrasingLanguage(t *testing.T) {
	nnTotal, nnSeen := 0, 0
	for _, e := range mustCorpus(t) {
		nb := len(e.Questions) - len(e.QuestionsNN) - len(e.QuestionsEN)
		for _, q := range e.Questions[:nb] {
			// One word ("region") can be English as well.
			if l := answerLang(q, ""); l == "nn" || l == "en" && len(strings.Fields(q)) > 1 {
				t.Errorf("%s: bokmål %q would be answered in %s", e.ID, q, l)
			}
		}
		for _, q := range e.QuestionsEN {
			if l := answerLang(q, ""); l == "nn" {
				t.Errorf("%s: English %q would be answered in nynorsk", e.ID, q)
			}
		}
		for _, q := range e.QuestionsNN {
			nnTotal++
			if answerLang(q, "") == "nn" {
				nnSeen++
			} else {
				t.Logf("%s: nynorsk %q is answered in bokmål", e.ID, q)
			}
		}
	}
	t.Logf("nynorsk phrasings answered in nynorsk: %d of %d", nnSeen, nnTotal)
}
