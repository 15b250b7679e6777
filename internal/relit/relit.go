// Package relit runs a regular expression only on text that holds one of
// the literals any match of it must contain. Go's regexp tries a pattern
// without a literal prefix at every position of the text, and the FAQ's
// patterns are long alternatives of words (`\b(koster|pris|pay|...)\b`)
// that most questions hold none of: one question ran about thirty of them,
// a third of the CPU of answering it. A few substring searches answer
// "no match" for most questions; when one of the literals is there, the
// regexp runs as before, so every result is the regexp's own.
//
// The literals are worked out from the parsed pattern (regexp/syntax), so
// they cannot drift from it: a literal string matches itself; an
// alternation needs one of its branches' literals; a concatenation needs
// those of any one of its parts (the strings it matches exactly when its
// parts' are few, "hv" + "or|em" = "hvor", "hvem"); a repetition of at
// least one needs its body's; anything else (a character class, an
// optional part) needs nothing, and a pattern needing nothing always runs.
// Case-insensitive patterns ((?i)) are checked on case-folded text with
// case-folded literals (each rune mapped to one member of its
// unicode.SimpleFold orbit, as (?i) compares), which keeps every literal
// a pattern could match a substring of the folded text.
package relit

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MatchString is re.MatchString(s).
func MatchString(re *regexp.Regexp, s string) bool {
	return filterOf(re).may(s) && re.MatchString(s)
}

// FindStringSubmatch is re.FindStringSubmatch(s).
func FindStringSubmatch(re *regexp.Regexp, s string) []string {
	if !filterOf(re).may(s) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// FindAllStringSubmatchIndex is re.FindAllStringSubmatchIndex(s, n).
func FindAllStringSubmatchIndex(re *regexp.Regexp, s string, n int) [][]int {
	if !filterOf(re).may(s) {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, n)
}

// Split is re.Split(s, n).
func Split(re *regexp.Regexp, s string, n int) []string {
	if n != 0 && !filterOf(re).may(s) {
		return []string{s} // what Split returns without a match ("" too)
	}
	return re.Split(s, n)
}

// ReplaceAllString is re.ReplaceAllString(s, repl).
func ReplaceAllString(re *regexp.Regexp, s, repl string) string {
	if !filterOf(re).may(s) {
		return s
	}
	return re.ReplaceAllString(s, repl)
}

// MayMatch reports whether s holds one of the literals every match of re
// contains (true when re has none to offer): false means re does not
// match s.
func MayMatch(re *regexp.Regexp, s string) bool { return filterOf(re).may(s) }

// filter is what a pattern's matches must contain: one of lits, in the
// case-folded text when fold is set; nil lits means nothing is known.
type filter struct {
	lits []string
	fold bool
}

func (f *filter) may(s string) bool {
	if f.lits == nil {
		return true
	}
	if f.fold {
		s = foldString(s)
	}
	for _, l := range f.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// filters caches each pattern's filter (*regexp.Regexp -> *filter).
var filters sync.Map

func filterOf(re *regexp.Regexp) *filter {
	if f, ok := filters.Load(re); ok {
		return f.(*filter)
	}
	f := newFilter(re.String())
	filters.Store(re, f)
	return f
}

// Literals returns the literals one of which every match of expr contains
// (nil: none known), and whether they and the text are compared case-folded.
func Literals(expr string) ([]string, bool) {
	f := newFilter(expr)
	return f.lits, f.fold
}

// maxExact bounds the strings a part is tracked as matching exactly
// (concatenations multiply them).
const maxExact = 256

func newFilter(expr string) *filter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return &filter{}
	}
	f := &filter{fold: hasFold(re)}
	in := info(re, f.fold)
	if in.any || len(in.lits) == 0 || slices.Contains(in.lits, "") {
		return &filter{}
	}
	// A literal holding another is found whenever that one is: keep the
	// shorter.
	lits := slices.Clone(in.lits)
	slices.SortFunc(lits, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, l := range lits {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.Contains(l, o) }) {
			out = append(out, l)
		}
	}
	f.lits = out
	return f
}

// hasFold reports whether any literal or class of re is case-insensitive.
func hasFold(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 && (re.Op == syntax.OpLiteral || re.Op == syntax.OpCharClass) {
		return true
	}
	return slices.ContainsFunc(re.Sub, hasFold)
}

// litInfo is what matches of a part contain: any (nothing known), or one
// of lits; exact when the part matches exactly the strings in lits.
type litInfo struct {
	any   bool
	exact bool
	lits  []string
}

var anything = litInfo{any: true}

func info(re *syntax.Regexp, fold bool) litInfo {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		if strings.ContainsRune(s, utf8.RuneError) {
			return anything // would match invalid UTF-8, which Contains does not see
		}
		if fold {
			s = foldString(s)
		}
		return litInfo{exact: true, lits: []string{s}}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return litInfo{exact: true, lits: []string{""}}
	case syntax.OpCharClass:
		return classInfo(re.Rune, fold)
	case syntax.OpCapture:
		return info(re.Sub[0], fold)
	case syntax.OpPlus:
		in := info(re.Sub[0], fold)
		in.exact = false
		return in
	case syntax.OpRepeat:
		if re.Min < 1 {
			return anything
		}
		in := info(re.Sub[0], fold)
		in.exact = false
		return in
	case syntax.OpAlternate:
		out := litInfo{exact: true}
		for _, sub := range re.Sub {
			in := info(sub, fold)
			if in.any {
				return anything
			}
			out.exact = out.exact && in.exact
			out.lits = append(out.lits, in.lits...)
		}
		if len(out.lits) > maxExact {
			out.exact = false
		}
		return out
	case syntax.OpConcat:
		return concatInfo(re.Sub, fold)
	}
	return anything // OpStar, OpQuest, OpAnyChar, OpAnyCharNotNL, OpNoMatch
}

// concatInfo joins the exact parts of a concatenation that stand side by
// side into the strings they match together, and keeps the most telling
// of those runs and of the other parts.
func concatInfo(subs []*syntax.Regexp, fold bool) litInfo {
	var cands []litInfo
	run := litInfo{exact: true, lits: []string{""}}
	allExact := true
	flush := func() {
		if len(run.lits) > 0 && !(len(run.lits) == 1 && run.lits[0] == "") {
			cands = append(cands, run)
		}
		run = litInfo{exact: true, lits: []string{""}}
	}
	for _, sub := range subs {
		in := info(sub, fold)
		if in.any || !in.exact {
			allExact = false
			flush()
			if !in.any {
				cands = append(cands, in)
			}
			continue
		}
		if len(run.lits)*len(in.lits) > maxExact {
			allExact = false
			flush()
		}
		var next []string
		for _, a := range run.lits {
			for _, b := range in.lits {
				next = append(next, a+b)
			}
		}
		run.lits = next
	}
	if allExact {
		return run
	}
	flush()
	if len(cands) == 0 {
		return anything
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if better(c.lits, best.lits) {
			best = c
		}
	}
	return litInfo{lits: best.lits}
}

// better reports whether the literal set a is less likely to be found in
// a text than b: a longer shortest literal, then fewer literals.
func better(a, b []string) bool {
	ma, mb := minLen(a), minLen(b)
	if ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

func minLen(ls []string) int {
	m := -1
	for _, l := range ls {
		if n := utf8.RuneCountInString(l); m < 0 || n < m {
			m = n
		}
	}
	return m
}

// classInfo lists a small character class as the one-rune strings it
// matches.
func classInfo(ranges []rune, fold bool) litInfo {
	n := 0
	for i := 0; i+1 < len(ranges); i += 2 {
		n += int(ranges[i+1]-ranges[i]) + 1
		if n > 16 {
			return anything
		}
	}
	var out []string
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if r == utf8.RuneError {
				return anything
			}
			f := r
			if fold {
				f = foldRune(r)
			}
			s := string(f)
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return anything
	}
	return litInfo{exact: true, lits: out}
}

// foldRune maps r to one member of its case-folding orbit (the runes
// (?i) takes for one another): the lower-case ASCII letter when the
// orbit holds one ("K", "k" and the Kelvin sign are "k"), else the
// orbit's smallest rune.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < utf8.RuneSelf {
			return foldRune(f)
		}
		if f < m {
			m = f
		}
	}
	return m
}

// foldString maps every rune of s with foldRune (invalid bytes are kept).
func foldString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s) // no allocation when already lower case
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(foldRune(r))
		}
		i += n
	}
	return b.String()
}
