package faq

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// spacedWordsRef is spacedWords as the four steps it replaces.
func spacedWordsRef(text string) string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' {
			return unicode.ToLower(r)
		}
		if r == '\'' || r == '’' || r == '‘' {
			return '\''
		}
		return ' '
	}, text)
	return phraseKey(strings.ReplaceAll(s, "-", " "))
}

// TestSpacedWords holds the one-pass spacedWords to the four steps it
// replaced, on every corpus text, every training question and random
// strings of the characters that matter (letters that change case,
// hyphens, apostrophes, spaces of all kinds, invalid UTF-8).
func TestSpacedWords(t *testing.T) {
	var texts []string
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		texts = append(texts, e.Questions...)
		texts = append(texts, e.Answer.NB, e.Answer.NN, e.Answer.EN)
	}
	files, _ := filepath.Glob("testdata/*.tsv")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	texts = append(texts, "", " ", "-", "--a--", "Ærlig-Talt?", "one-size-fits-all", "\u00a0x\u2003y\u0085", "a\xffb", "İSTANBUL", "ǅ")
	alphabet := []rune("aÆøÅzZ09-'’‘ \t\n\u00a0\u2003\u0085?!.,İǅß")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		rs := make([]rune, r.IntN(12))
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, string(rs))
	}
	for _, s := range texts {
		if got, want := spacedWords(s), spacedWordsRef(s); got != want {
			t.Fatalf("spacedWords(%q) = %q, want %q", s, got, want)
		}
	}
}
