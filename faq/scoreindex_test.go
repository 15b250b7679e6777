package faq

import (
	"context"
	"testing"
)

// TestPhrasingTermsInQvocab: every term of an entry's phrasings is in its
// qvocab, for the snapshot's engine and a built one. scoreCandidates
// skips reading the phrasings of an entry whose qvocab holds no question
// term, which is right only while this holds.
func TestPhrasingTermsInQvocab(t *testing.T) {
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	built, err := buildEngine(context.Background(), es, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*Engine{"snapshot": newTestEngine(t), "built": built} {
		owner := make([]*indexed, e.sx.phrasings)
		for _, x := range e.entries {
			for j := range x.dens {
				owner[int(x.base)+j] = x
			}
		}
		n := 0
		for term, id := range e.sx.ids {
			for _, h := range e.sx.phr[id] {
				x := owner[h.at]
				if x == nil {
					t.Fatalf("%s: phrasing %d has no entry", name, h.at)
				}
				if !x.qvocab[term] {
					t.Fatalf("%s: %s's phrasing %d holds %q, its qvocab does not", name, x.ID, h.at-x.base, term)
				}
				n++
			}
		}
		if n == 0 {
			t.Fatalf("%s: no phrasing terms", name)
		}
	}
}
