package faq

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestWordsENList writes the candidates for lexicon/words_en.txt: every
// word of the English common-word lists named in FAQ_WORDS_EN (files, one
// word a line; Debian's wbritish-small and wamerican-small) whose English
// reading the guard changes — a word corrected into another one, or read
// as Norwegian — with what it was read as, for judging by hand:
//
//	FAQ_WORDS_EN=/usr/share/dict/british-english-small,/usr/share/dict/american-english-small \
//	  go test ./faq -run TestWordsENList -v
func TestWordsENList(t *testing.T) {
	files := os.Getenv("FAQ_WORDS_EN")
	if files == "" {
		t.Skip("set FAQ_WORDS_EN to English word lists")
	}
	e := newTestEngine(t)
	words := englishWords(t, files)
	saved := wordsEN
	defer func() { wordsEN = saved }()
	texts := func(ts []Term) string {
		var s []string
		for _, x := range ts {
			s = append(s, x.Text)
		}
		return strings.Join(s, "+")
	}
	for _, w := range words {
		wordsEN = map[string]bool{}
		before := texts(e.an.wordEN(w))
		wordsEN = map[string]bool{w: true}
		after := texts(e.an.wordEN(w))
		if before != after {
			wordsEN = map[string]bool{}
			fix := ""
			if _, ok := e.an.surface[w]; !ok {
				fix = e.an.correct(w)
			}
			// A fix into the word's own inflection or derivation
			// ("accommodations" → "accommodation") is a good reading.
			sw, sf := stemEN(w), stemEN(fix)
			kind := "other"
			switch {
			case fix == "":
				kind = "norwegian"
			case sw == sf || strings.HasPrefix(fix, sw) || strings.HasPrefix(w, sf):
				kind = "variant"
			}
			fmt.Printf("W %s\t%s\t%s\t%s\t%s\n", w, before, after, fix, kind)
		}
	}
}

// TestEnglishNotCompounds: an English word is not read as a Norwegian
// compound of an off-topic head ("colleague" in "league", blind40). With
// FAQ_WORDS_EN set to English word lists, every word of them (and its
// plural) that only the compound rules decline must be in
// lexicon/english_not_compounds.txt.
func TestEnglishNotCompounds(t *testing.T) {
	for _, q := range []string{
		"A colleague mentioned there's a booklet that goes alongside the framework",
		"is the programme accommodating small municipalities",
		"is there a suspension of the deadline",
	} {
		if off, objs := scanScope(strings.ToLower(q)); off || len(objs) > 0 {
			t.Errorf("%q: off=%v objects=%v", q, off, objs)
		}
	}
	if off, _ := scanScope("hvor finner jeg gitarundervisning"); !off {
		t.Error("a Norwegian compound of an off-topic head is no longer declined")
	}
	files := os.Getenv("FAQ_WORDS_EN")
	if files == "" {
		return
	}
	saved := notCompoundsEN
	defer func() { notCompoundsEN = saved }()
	for _, base := range englishWords(t, files) {
		for _, w := range []string{base, base + "s"} {
			if saved[w] {
				continue
			}
			notCompoundsEN = map[string]bool{}
			off, _ := scanScope(w)
			notCompoundsEN = map[string]bool{w: true}
			if off2, _ := scanScope(w); off != off2 {
				t.Errorf("%s: declined as a compound: list it in english_not_compounds.txt", w)
			}
		}
	}
}

// englishWords are the words of the word lists named in files (comma
// separated, one word a line) written in a–z only, sorted, each once.
func englishWords(t *testing.T, files string) []string {
	seen := map[string]bool{}
	var words []string
	for _, name := range strings.Split(files, ",") {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			if w == "" || seen[w] || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
				continue
			}
			seen[w] = true
			words = append(words, w)
		}
		f.Close()
	}
	slices.Sort(words)
	return words
}
