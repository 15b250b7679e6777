package faq

import (
	"maps"
	"testing"
)

// The English vocabulary DefaultCorpus seeds from the entries it parsed
// is the one read from the embedded YAML on its own.
func TestLearnedENSeedSame(t *testing.T) {
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	var ts []corpusTexts
	for _, e := range es {
		q := e.tmpl.questions
		ts = append(ts, corpusTexts{en: append([]string{e.tmpl.answer.EN}, e.QuestionsEN...),
			no: append([]string{e.tmpl.answer.NB, e.tmpl.answer.NN}, q[:len(q)-len(e.QuestionsEN)]...)})
	}
	seeded, read := learnedENOf(ts), learnedENOf(embeddedTexts())
	if len(read) < 50 {
		t.Fatalf("only %d English-only words read from the corpus", len(read))
	}
	if !maps.Equal(seeded, read) {
		t.Errorf("seeded %d words, read %d: not the same set", len(seeded), len(read))
	}
	if !maps.Equal(learnedEN(), read) {
		t.Errorf("learnedEN has %d words, the YAML %d", len(learnedEN()), len(read))
	}
}
