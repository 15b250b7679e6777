package faq

import (
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/edit"
)

// The engine's word lists live in faq/lexicon/*.txt beside the corpus, so
// the working group can edit them like the FAQ: off-topic words and
// phrases, programme anchors, counties, stop words, everyday words, the
// abbreviation and chat table, and the short words that get typo
// tolerance. Each file explains its own format at the top.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// lexiconLines returns the non-empty, non-comment lines of a lexicon file.
// The files are part of the binary: a missing one is a build mistake.
func lexiconLines(name string) []string {
	buf, err := lexiconFS.ReadFile("lexicon/" + name)
	if err != nil {
		panic(fmt.Sprintf("faq: lexicon/%s: %v", name, err))
	}
	var out []string
	for _, l := range strings.Split(string(buf), "\n") {
		if i := strings.Index(l, "#"); i >= 0 && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t') {
			l = l[:i]
		}
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// lexiconWords returns every word of a lexicon file (spaces or new lines
// between them).
func lexiconWords(name string) []string {
	var out []string
	for _, l := range lexiconLines(name) {
		out = append(out, strings.Fields(l)...)
	}
	return out
}

// lexiconPairs reads "key = value" lines into a map (keys as written).
func lexiconPairs(name string) map[string]string {
	m := map[string]string{}
	for _, l := range lexiconLines(name) {
		k, v, ok := strings.Cut(l, "=")
		if !ok || strings.TrimSpace(k) == "" {
			panic(fmt.Sprintf("faq: lexicon/%s: %q is not \"key = value\"", name, l))
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return m
}

// foldedSet is the words of a lexicon file, folded (æøå and ae/oe/aa).
func foldedSet(name string) map[string]bool {
	m := map[string]bool{}
	for _, w := range lexiconWords(name) {
		m[bot.Fold(w)] = true
	}
	return m
}

// abbreviations maps a folded short form to its long form. Keys ending in
// "." match only when typed with the dot.
var abbreviations = func() map[string]string {
	m := map[string]string{}
	for _, l := range lexiconLines("abbreviations.txt") {
		k, v, ok := strings.Cut(l, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			panic(fmt.Sprintf("faq: lexicon/abbreviations.txt: %q is not \"short = long\"", l))
		}
		m[bot.FoldText(k)] = strings.TrimSpace(v)
	}
	return m
}()

// shortWords are the short words that get typo tolerance, folded (to
// compare) and as written (to put in the question).
var shortWords = func() [][2]string {
	var out [][2]string
	for _, w := range lexiconWords("short_words.txt") {
		out = append(out, [2]string{bot.FoldText(w), w})
	}
	return out
}()

// shortWordRunes are shortWords' folded forms as runes, converted once
// (shortTypo compares every one with each short unknown word).
var shortWordRunes = func() [][]rune {
	out := make([][]rune, len(shortWords))
	for i, sw := range shortWords {
		out[i] = []rune(sw[0])
	}
	return out
}()

// contractionSubjects are the words whose "'s" is "is" or "us" ("what's",
// "let's"): left as typed, for the phrases and stop words that know them
// ("what's in it for us").
var contractionSubjects = set("it", "that", "what", "there", "here", "who", "how", "where", "when", "why", "let", "he", "she")

// contraction spells out an English contraction or drops a possessive,
// so that "culture school's role" meets the phrase "culture school" and
// "the county board's part" "county board", and "don't", "doesn't",
// "isn't" are "do not", "does not", "is not" rather than the words "don",
// "doesn" and "isn" (split at the apostrophe). key is a folded word with
// any apostrophe inside it; ok is false when it has none of these endings.
func contraction(key string) (string, bool) {
	i := strings.IndexAny(key, "'’‘")
	if i <= 0 {
		return "", false
	}
	base := key[:i]
	_, size := utf8.DecodeRuneInString(key[i:])
	switch tail := key[i+size:]; {
	case tail == "t" && strings.HasSuffix(base, "n") && len(base) > 1:
		base = base[:len(base)-1]
		switch base {
		case "ca":
			base = "can"
		case "wo":
			base = "will"
		case "sha":
			base = "shall"
		}
		return base + " not", true
	case tail == "s":
		if contractionSubjects[base] {
			return "", false
		}
		return base, true
	case tail == "re" || tail == "ve" || tail == "ll" || tail == "d" || tail == "m":
		return base, true
	}
	return "", false
}

// normalize rewrites a question as if typed in full: abbreviations and
// chat words spelled out, and (typos) a misspelt short common word
// corrected. Words it does not change keep their case and punctuation.
func (e *Engine) normalize(q string, typos bool) string {
	// The fields on the stack (a question of up to 32 words allocates
	// none): most questions come back unchanged.
	var fb [32]string
	fields := fb[:0]
	for f := range strings.FieldsSeq(q) {
		fields = append(fields, f)
	}
	changed := false
	var cs countySeen
	for i, f := range fields {
		pre, core, post := wordCore(f)
		if core == "" {
			continue
		}
		key := bot.FoldText(core)
		cs.add(strings.TrimSuffix(key, "."))
		long, ok := abbreviations[key]
		if !ok && nameStarts()[strings.TrimSuffix(key, ".")] {
			if n := e.municipalityAt(fields, i); n > 0 {
				// A municipality's name is context: "kommune" (names.go).
				_, _, last := wordCore(fields[i+n-1])
				fields[i] = pre + "kommune" + last
				for j := i + 1; j < i+n; j++ {
					fields[j] = ""
				}
				changed = true
				continue
			}
		}
		if !ok && strings.HasSuffix(key, ".") {
			// "pga." is "pga": the dot belongs to the abbreviation.
			long, ok = abbreviations[strings.TrimSuffix(key, ".")]
		}
		if !ok {
			long, ok = contraction(key)
		}
		if !ok && typos {
			if fix := e.shortTypo(strings.TrimSuffix(key, "."), i == 0); fix != "" {
				long, ok = fix, true
				if strings.HasSuffix(key, ".") {
					post = "." + post
				}
			}
		}
		if !ok {
			continue
		}
		fields[i] = pre + long + post
		changed = true
	}
	if cs.n >= 2 {
		fields = append(fields, "ulike", "fylkesavdelinger")
		changed = true
	}
	if !changed {
		return q
	}
	return strings.Join(strings.Fields(strings.Join(fields, " ")), " ")
}

// wordCore splits a field of a question into what surrounds the word
// ("(ca.", "pga?") and the word, keeping a word's own dots for the dotted
// abbreviations; core is "" when the field holds no word.
func wordCore(f string) (pre, core, post string) {
	start := strings.IndexFunc(f, func(r rune) bool { return r != '(' && r != '"' && r != '«' && r != '\'' })
	if start < 0 {
		return "", "", ""
	}
	end := strings.LastIndexFunc(f, func(r rune) bool { return !strings.ContainsRune("?!,;:)\"»'", r) })
	if end < start {
		return "", "", ""
	}
	_, size := utf8.DecodeLastRuneInString(f[:end+1])
	return f[:start], f[start : end+size], f[end+size:]
}

// shortTypo returns the short common word that w (folded) is a typo of,
// or "" when w is a known word, too long or short, or near more than one.
// A changed letter is taken only in the question's first word, where a
// question word stands ("hvme", "nåe"); elsewhere it too often makes one
// real word of another ("hjem" is not "hvem").
func (e *Engine) shortTypo(w string, first bool) string {
	rw := []rune(w)
	if len(rw) < 2 || len(rw) > 5 {
		return ""
	}
	for _, r := range rw {
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	if e.knownWord(w) {
		return ""
	}
	fix := ""
	for i, sw := range shortWords {
		rs := shortWordRunes[i]
		if rs[0] != rw[0] || sw[0] == w || !edit.Within1(rw, rs) || (!first && len(rs) == len(rw) && !swapped(rw, rs)) {
			continue
		}
		if fix != "" && fix != sw[1] {
			return "" // "hvr": hvor or hva? Leave it.
		}
		fix = sw[1]
	}
	return fix
}

// knownWord reports whether w (folded) is a word the engine knows: in the
// corpus or in any word list.
func (e *Engine) knownWord(w string) bool {
	if _, ok := e.an.surface[w]; ok {
		return true
	}
	if stopwords[w] || weakWords[w] != "" || synonyms[w] != nil || nynorsk[w] != "" || commonWords[w] ||
		enWords[w] || nbWords[w] || offTopicWords[w] || stopEN[w] || synEN[w] != nil {
		return true
	}
	_, ok := abbreviations[w]
	return ok
}

// swapped reports whether a and b (as long as each other, one edit apart)
// differ by two neighbours swapped rather than a changed letter.
func swapped(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i]
		}
	}
	return false
}
