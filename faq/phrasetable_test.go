package faq

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// phraseTable replaces exactly as the strings.Replacer it stands for, on
// every training question as splitWords hands it over, on the phrase keys
// themselves run together, and on random runs of keys, their first words
// and other words.
func TestPhraseTableAsReplacer(t *testing.T) {
	pairs := phrasePairs(phraseRaw)
	want := strings.NewReplacer(pairs...)
	got := newPhraseTable(pairs)
	n := 0
	check := func(s string) {
		t.Helper()
		n++
		if g, w := got.Replace(s), want.Replace(s); g != w {
			t.Fatalf("Replace(%q):\n got %q\nwant %q", s, g, w)
		}
	}
	files, _ := filepath.Glob("testdata/*.tsv")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if parts := strings.Split(line, "\t"); len(parts) >= 2 && !strings.HasPrefix(line, "#") {
				check(spacedWords(parts[1]))
				check(parts[1])
			}
		}
	}
	var keys, words []string
	for i := 0; i+1 < len(pairs); i += 2 {
		keys = append(keys, pairs[i])
		words = append(words, strings.Fields(pairs[i])...)
		check(pairs[i])
		check(pairs[i] + pairs[i])
		check(strings.TrimSpace(pairs[i]))
	}
	words = append(words, "", " ", "  ", "og", "å", "x")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			switch r.IntN(3) {
			case 0:
				k := keys[r.IntN(len(keys))]
				if r.IntN(4) == 0 {
					k = k[:r.IntN(len(k)+1)] // a key cut short
				}
				b.WriteString(k)
			case 1:
				b.WriteString(" " + words[r.IntN(len(words))] + " ")
			default:
				b.WriteString(words[r.IntN(len(words))])
			}
		}
		check(b.String())
	}
	t.Logf("%d texts, %d pairs", n, len(pairs)/2)
}
