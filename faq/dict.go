package faq

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kljensen/snowball/norwegian"
	"github.com/kulturskoleradet/kulturbot/bot"
)

// The word lists below are written as people spell them; the tables fold them
// (bot.Fold: æ->ae, ø->o, å->a, aa->a, oe->o) so lookups see one spelling.

// nynorskRaw (lexicon/nynorsk.txt) maps frequent nynorsk forms to bokmål.
var nynorskRaw = lexiconPairs("nynorsk.txt")

// weakRaw (lexicon/question_words.txt) are question words kept as weak
// terms (see Term).
var weakRaw = lexiconPairs("question_words.txt")

// stopRaw (lexicon/stopwords.txt) are words that carry no topic in a
// question: function words, greetings and polite filler.
var stopRaw = lexiconWords("stopwords.txt")

// commonWords (lexicon/common.txt) are everyday words that say little about
// a topic: an unknown one weighs like a question word, not like a foreign
// topic. Folded, as written; the engine also keeps their analysed terms.
var commonWords = foldedSet("common.txt")

// synRaw (lexicon/synonyms.txt) maps words (and the multi-word phrases
// below) to programme concepts shared by bokmål, nynorsk and English, so
// "penger", "økonomi" and "funding" all find the funding entry.
var synRaw = func() map[string][]string {
	m := map[string][]string{}
	for k, v := range lexiconPairs("synonyms.txt") {
		m[k] = strings.Fields(v)
	}
	// "hvor mye" is a money question more often than not.
	m["hvormye"] = []string{"okonomi"}
	return m
}()

// phraseRaw (lexicon/phrases.txt, then lexicon/phrases_en.txt) joins
// multi-word expressions before splitting into words, so "culture school"
// can meet "kulturskolen": pairs of phrase and replacement, in the files'
// order (earlier pairs win, except that a longer phrase wins over a shorter
// one it starts with: see phrases).
var phraseRaw = func() []string {
	var out []string
	for _, name := range []string{"phrases.txt", "phrases_en.txt"} {
		for _, l := range lexiconLines(name) {
			k, v, _ := strings.Cut(l, "=")
			out = append(out, strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return out
}()

// The folded tables the analyser reads: built from the lexicon while the
// package is initialised, never written afterwards.
var (
	nynorsk   = foldPairs(nynorskRaw, bot.Fold)
	weakWords = foldPairs(weakRaw, func(v string) string { return v })
	stopwords = foldWords(stopRaw)
	// concepts are the programme vocabulary: every term a synonym maps to.
	synonyms, concepts = synonymTables(synRaw)
	phraseReplacer     = phrases(phraseRaw)
)

// foldPairs folds raw's keys, and its values with value. Keys are visited
// in sorted order: two raw keys can fold to the same key ("mal" and
// "mål"), and Go's random map order made the engine answer the same
// question differently from one start to the next.
func foldPairs(raw map[string]string, value func(string) string) map[string]string {
	m := map[string]string{}
	for _, k := range sortedKeys(raw) {
		m[bot.Fold(k)] = value(raw[k])
	}
	return m
}

func foldWords(ws []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[bot.Fold(w)] = true
	}
	return m
}

// synonymTables folds the synonym words (and their stems) to their
// concepts, and lists the concepts.
func synonymTables(raw map[string][]string) (syn map[string][]string, con map[string]bool) {
	syn, con = map[string][]string{}, map[string]bool{}
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		for _, c := range v {
			con[c] = true
		}
		f := bot.Fold(k)
		// Typed without æøå, "mal" may be "mal" (template) or "mål"
		// (goal): the folded word reaches both con.
		v = mergeConcepts(syn[f], v)
		syn[f] = v
		// Inflected forms reach the concept through their stem too.
		if st := norwegian.Stem(f, true); st != f {
			if _, taken := syn[st]; !taken {
				syn[st] = v
			}
		}
	}
	return syn, con
}

// phrases is the replacer that joins raw's phrases (pairs of phrase and
// replacement).
func phrases(raw []string) *phraseTable { return newPhraseTable(phrasePairs(raw)) }

// phrasePairs are the (phrase key, replacement) pairs of raw, in the order
// the replacer tries them.
func phrasePairs(raw []string) []string {
	var pairs []string
	for i := 0; i+1 < len(raw); i += 2 {
		pairs = append(pairs, phraseKey(raw[i]), " "+raw[i+1]+" ")
	}
	// People without a Norwegian keyboard type "vaere med", "pa", "soke":
	// the phrases are also looked for in those spellings.
	for i := 0; i+1 < len(raw); i += 2 {
		k := raw[i]
		for _, r := range []*strings.Replacer{asciiFold1, asciiFold2} {
			// "før" typed as "for" is the preposition far more often.
			if r == asciiFold1 && strings.Contains(k, "før") {
				continue
			}
			if v := r.Replace(k); v != k {
				pairs = append(pairs, phraseKey(v), " "+raw[i+1]+" ")
			}
		}
	}
	// words() turns hyphens into spaces before the phrases run ("one-size-
	// fits-all" is "one size fits all"), so a hyphenated phrase is also
	// looked for with spaces.
	for i := 0; i+1 < len(raw); i += 2 {
		if strings.Contains(raw[i], "-") {
			pairs = append(pairs, phraseKey(strings.ReplaceAll(raw[i], "-", " ")), " "+raw[i+1]+" ")
		}
	}
	// At one place in a text the replacer takes the first pair that
	// matches, so "culture school" (phrases.txt) would hide "culture
	// school council" (phrases_en.txt) for good: phrases of more words go
	// first, and the files' order decides among phrases of as many words.
	type pair struct{ k, v string }
	ps := make([]pair, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		ps = append(ps, pair{pairs[i], pairs[i+1]})
	}
	slices.SortStableFunc(ps, func(a, b pair) int {
		return len(strings.Fields(b.k)) - len(strings.Fields(a.k))
	})
	pairs = pairs[:0]
	for _, p := range ps {
		pairs = append(pairs, p.k, p.v)
	}
	return pairs
}

// phraseTable replaces phrase keys in a text exactly as
// strings.NewReplacer(pairs...) does — scanning from the left, at each
// position the first pair (in pairs' order) whose key starts there, then
// on after it — using that every key starts with a space and a word
// (phraseKey): a key can only start at a space, and only if the text's
// next word is the key's first. The Replacer's trie held ~0.4 MB of small
// pointer-filled nodes for the ~1,600 pairs, live for good and marked by
// every collection; this is a map by first word (docs/operations.md
// "Round 8: memory"). TestPhraseTableAsReplacer compares the two.
type phraseTable struct {
	byWord map[string][]phrasePair // first word -> pairs, in pairs' order
}

type phrasePair struct{ key, val string }

func newPhraseTable(pairs []string) *phraseTable {
	t := &phraseTable{byWord: map[string][]phrasePair{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		k := pairs[i]
		if len(k) < 2 || k[0] != ' ' {
			panic(fmt.Sprintf("faq: phrase key %q does not start with a space and a word", k))
		}
		w, _, _ := strings.Cut(k[1:], " ")
		t.byWord[w] = append(t.byWord[w], phrasePair{k, pairs[i+1]})
	}
	for w, ps := range t.byWord {
		t.byWord[w] = slices.Clip(ps)
	}
	return t
}

// Replace returns s with the phrases replaced.
func (t *phraseTable) Replace(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if s[i] != ' ' {
			i++
			continue
		}
		w, _, _ := strings.Cut(s[i+1:], " ")
		n := 0
		for _, p := range t.byWord[w] {
			if strings.HasPrefix(s[i:], p.key) {
				if b.Len() == 0 {
					b.Grow(len(s) + 16)
				}
				b.WriteString(s[last:i])
				b.WriteString(p.val)
				n = len(p.key)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		i += n
		last = i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// sortedKeys returns m's keys in order, for deterministic start-up.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// mergeConcepts returns a's concepts followed by those of b it lacks.
func mergeConcepts(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	out := append([]string(nil), a...)
	for _, c := range b {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// phraseKey is how a phrase is looked for in words(): every word carries
// its own spaces (" take  part "), so a phrase right after another one
// ("member municipalities take part", "være med neste gang") still
// matches; with one shared space the first replacement ate the second's
// leading space.
func phraseKey(p string) string {
	return " " + strings.Join(strings.Fields(p), "  ") + " "
}

// The two ways æ, ø and å are typed without a Norwegian keyboard.
var (
	asciiFold1 = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a")
	asciiFold2 = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa")
)
