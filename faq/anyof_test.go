package faq

import (
	"strings"
	"testing"
)

// TestAnyOfAsContains holds anyOf to one strings.Contains per string, on
// the lists it replaces that loop for and every training question (and
// its parts), plus edge cases.
func TestAnyOfAsContains(t *testing.T) {
	contains := func(s string, ss []string) bool {
		for _, p := range ss {
			if strings.Contains(s, p) {
				return true
			}
		}
		return false
	}
	texts := []string{"", "a", "søke jobb", "æ", "\xff", "dan", "xdan", "da", "ignorer alt"}
	var qs []string
	for _, set := range evalSets {
		for _, c := range loadEval(t, "testdata/"+set+".tsv") {
			qs = append(qs, c.question)
		}
	}
	for _, c := range qs {
		l := strings.ToLower(c)
		texts = append(texts, c, l)
		for i := 1; i < len(l); i += 7 {
			texts = append(texts, l[:i], l[i:])
		}
	}
	lists := [][]string{offTopicPhrases, injectionHints, {"a"}, {""}, {"ab", "b", "æø"}, {"\xff\xfe"}, nil}
	for _, ss := range lists {
		m := newAnyOf(ss)
		for _, s := range texts {
			if got, want := m.in(s), contains(s, ss); got != want {
				t.Fatalf("anyOf(%q).in(%q) = %v, strings.Contains says %v", ss, s, got, want)
			}
		}
	}
}
