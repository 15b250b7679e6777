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
	rs := []rune(text)
	alnum := func(i int) bool {
		return i >= 0 && i < len(rs) && rs[i] != '-' && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	var sb strings.Builder
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-':
			sb.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’' || r == '‘') && alnum(i-1) && alnum(i+1):
			sb.WriteRune('\'')
		default:
			sb.WriteRune(' ')
		}
	}
	return phraseKey(strings.ReplaceAll(sb.String(), "-", " "))
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

// learnedENOfRef is learnedENOf as it was: strings.FieldsFunc over
// strings.ToLower of each text.
func learnedENOfRef(ts []corpusTexts) map[string]bool {
	words := func(m map[string]bool, ss []string) {
		for _, s := range ss {
			for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
				return !(unicode.IsLetter(r) || r == '\'')
			}) {
				m[f] = true
			}
		}
	}
	en, no := map[string]bool{}, map[string]bool{}
	for _, t := range ts {
		words(en, t.en)
		words(no, t.no)
	}
	out := map[string]bool{}
	for w := range en {
		if len(w) >= 3 && !no[w] && !nbWords[w] && !strings.ContainsAny(w, "æøå") {
			out[w] = true
		}
	}
	return out
}

// TestLearnedENOfSame holds learnedENOf's one-buffer word loop to the
// FieldsFunc(ToLower) it replaced, on the embedded corpus and on random
// texts (case, apostrophes, invalid UTF-8).
func TestLearnedENOfSame(t *testing.T) {
	ts := embeddedTexts()
	alphabet := []rune("aAbBeEnNoOsStTæÆøØåÅ' ’-?\u00a0İǅß\xff")
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var c corpusTexts
		for range 3 {
			rs := make([]rune, r.IntN(20))
			for i := range rs {
				rs[i] = alphabet[r.IntN(len(alphabet))]
			}
			c.en = append(c.en, string(rs))
			c.no = append(c.no, string(rs[:len(rs)/2]))
		}
		ts = append(ts, c)
	}
	got, want := learnedENOf(ts), learnedENOfRef(ts)
	if len(got) != len(want) {
		t.Fatalf("learnedENOf: %d words, want %d", len(got), len(want))
	}
	for w := range want {
		if !got[w] {
			t.Fatalf("learnedENOf lacks %q", w)
		}
	}
}
