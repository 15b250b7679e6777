package faq

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

// municipalityNames are the register's municipality names (kommuner.Key:
// folded, without spaces and hyphens), the names people give as context
// ("hvordan melder jeg på hamar, løten og stange", "vi blir 5 fra
// Nord-Fron"). Written in lower case they are not told from topic words
// by their capital letter, and the analysis read them as words they
// resemble ("hamar" as "havner", "løten" as "lot"); a name of two words
// or with a hyphen was split into them ("nord" + "fron"). The FAQ is about
// no municipality in particular, so such a name reads as "kommune". Only
// a name the corpus never uses is rewritten (Bodø, Herøy stay), never a
// county (counties.txt), never one of nameWords, and a capitalised
// one-word name stays a name (nameTerms: "Alta", "Bergen").
var municipalityNames = sync.OnceValue(func() map[string]int {
	out := map[string]int{}
	registerNames(func(n string) {
		k := kommuner.Key(n)
		if len(k) < 3 || nameWords[k] || counties[k] {
			return
		}
		out[k] = len(strings.Fields(strings.ReplaceAll(n, "-", " ")))
	})
	return out
})

// registerNames calls f with every name of every municipality in the
// embedded register (its other names too), a parenthesised note
// ("Herøy (Nordland)") cut off.
func registerNames(f func(name string)) {
	for _, en := range kommuner.Default().Entries() {
		for _, n := range append([]string{en.Name}, en.Other...) {
			if i := strings.Index(n, "("); i > 0 {
				n = strings.TrimSpace(n[:i])
			}
			f(n)
		}
	}
}

// nameWords are municipality names that are also everyday Norwegian or
// English words: read as words, not as places.
var nameWords = set("time", "hole", "moss", "strand", "gran", "lier", "fjord", "heim", "sola", "vang", "rana",
	"lund", "sande", "grue", "stad", "vik", "modum", "evje", "vega", "leka", "skaun", "frosta", "rade", "nome",
	"sel", "lom", "hol", "nes", "bo", "as", "os", "ha")

// nameStarts are the first words of municipalityNames as typed
// (bot.FoldText: "nord-fron", "nord", "øystre" → "oystre"): a word that
// is none of them costs normalize one map lookup.
var nameStarts = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	registerNames(func(n string) {
		if municipalityNames()[kommuner.Key(n)] == 0 {
			return
		}
		first := strings.Fields(n)[0]
		out[bot.FoldText(strings.ToLower(first))] = true
		if h, _, ok := strings.Cut(first, "-"); ok {
			out[bot.FoldText(strings.ToLower(h))] = true
		}
	})
	return out
})

// municipalityAt reports how many of fields, from i, spell a municipality
// name the engine does not otherwise know (0: none).
func (e *Engine) municipalityAt(fields []string, i int) int {
	names := municipalityNames()
	for n := 3; n >= 1; n-- {
		if i+n > len(fields) {
			continue
		}
		var b strings.Builder
		for _, f := range fields[i : i+n] {
			_, c, _ := wordCore(f)
			b.WriteString(c)
		}
		k := kommuner.Key(strings.TrimSuffix(b.String(), "."))
		words := names[k]
		if words == 0 || (words != n && !(n == 1 && strings.Contains(fields[i], "-"))) {
			continue
		}
		if n == 1 {
			// A capitalised one-word name inside a sentence is read as
			// a name already (nameTerms); and a word the engine knows
			// is that word.
			_, c, _ := wordCore(fields[i])
			if r, _ := utf8.DecodeRuneInString(c); (unicode.IsUpper(r) && !strings.Contains(c, "-")) || e.knownWord(k) {
				return 0
			}
		}
		return n
	}
	return 0
}

// countyPairs are counties whose name is two county words joined by "og"
// (counties.txt lists both words).
var countyPairs = map[string]string{"more": "romsdal", "sogn": "fjordane", "troms": "finnmark", "vestfold": "telemark"}

// countySeen counts the different counties a question names, for
// normalize: one that names two ("kan me lage region med kommunar i
// Trøndelag sjølv om me høyrer til Møre og Romsdal?") asks about working
// across county branches, in words it does not use itself; normalize adds
// them ("ulike fylkesavdelinger"), as the region entry says them.
type countySeen struct {
	first, skip string
	n           int
}

func (c *countySeen) add(k string) {
	if !counties[k] || k == c.skip || k == c.first {
		return
	}
	c.skip = countyPairs[k]
	if c.n == 0 {
		c.first = k
	}
	c.n++
}
