// Package relit runs a regular expression only on text that holds one of
// the literals any match of it must contain (and, for a pattern anchored
// at the start, begins with one of the strings every match begins with).
// Go's regexp tries a pattern without a literal prefix at every position
// of the text, and the FAQ's and the live step's patterns are long
// alternatives of words (`\b(koster|pris|pay|...)\b`) that most questions
// hold none of: one /faq question ran about eighty of them, half the CPU
// of answering it. A few substring searches answer "no match" for most
// questions; when the literals are there, the regexp runs as before, so
// every result is the regexp's own.
//
// The literals are worked out from the parsed pattern (regexp/syntax), so
// they cannot drift from it: a literal string matches itself; an
// alternation needs one of its branches' literals; a concatenation needs
// those of any one of its parts, or the strings several parts side by side
// match together ("hv" + "or|em" = "hvor", "hvem"), chosen by a guess at
// what filtering costs (cost); x+ needs x's, x? is x's strings or "";
// anything else (a large character class, x*) needs nothing, and a pattern
// needing nothing always runs. Case-insensitive patterns ((?i)) are
// checked on case-folded text with case-folded literals (each rune mapped
// to one member of its unicode.SimpleFold orbit, as (?i) compares), which
// keeps every literal a pattern could match a substring of the folded
// text.
//
// A text that holds a literal is then scanned once by an automaton built
// from the pattern as texts need it (dfa.go), which says whether there is
// a match; the regexp itself runs only where a match's position or groups
// are asked for and there is one (or where the automaton cannot tell).
// Where the filter would cost more than the automaton's one pass (it
// folds the text, or looks for many literals), the automaton is all that
// runs.
package relit

import (
	"os"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Regexp is a pattern with its literal filter. Both are built on first
// use, not when the pattern is declared: the FAQ's and the live step's ~90
// patterns are package variables, and compiling them all in package
// initialisation was about 10 ms of the bot's cold start (and 3 MB of
// garbage) before /healthz could answer, for patterns most commands never
// run. The regexp itself is compiled only when a text first passes the
// filter: most patterns' literals are in few questions, and a compiled
// pattern stays in memory (the live step's long alternations are 30–150 KB
// each, ~3 MB together), so under a load of ordinary questions most are
// never compiled. The filter is a field of the pattern, not an entry in a
// shared cache. A pattern that does not parse has no filter and so is
// compiled on first use, where it panics with regexp.MustCompile's
// message; every pattern's own package runs it in its tests.
type Regexp struct {
	expr  string
	fonce sync.Once
	f     *filter
	donce sync.Once
	d     *dfa
	built atomic.Pointer[dfa] // d, once built
	once  sync.Once
	re    *regexp.Regexp
}

// MustCompile is regexp.MustCompile with the filter, compiled on first use.
func MustCompile(expr string) *Regexp {
	return &Regexp{expr: expr}
}

func (r *Regexp) filter() *filter {
	r.fonce.Do(func() { r.f = newFilter(r.expr) })
	return r.f
}

// matches reports whether r matches s: the filter, then the automaton
// (dfa.go), which is built when a text first passes the filter (or, for
// a costly filter, on the first text); the regexp when the automaton
// cannot tell.
func (r *Regexp) matches(s string) bool {
	if bypass {
		return r.filter().may(s) && r.Std().MatchString(s)
	}
	// The automaton alone answers for a pattern whose filter costs more
	// than a scan: one that folds the text first (a copy of the text for
	// every pattern asked), or looks for many literals (a search of the
	// text for each). It is built on the first text such a pattern is
	// asked about, not the first that passes the filter: under ordinary
	// questions many of these patterns never see one of their literals
	// and would pay the filter on every question.
	if d := r.built.Load(); d != nil && r.f.costly() {
		if m, ok := d.match(s); ok {
			return m
		}
		return r.Std().MatchString(s)
	}
	f := r.filter()
	if !f.costly() && !f.may(s) {
		return false
	}
	r.donce.Do(func() {
		r.d = newDFA(r.expr)
		r.built.Store(r.d)
	})
	if r.d != nil {
		if m, ok := r.d.match(s); ok {
			return m
		}
	}
	// No automaton, or one that cannot tell: the filter (which a costly
	// one has skipped so far), then the regexp.
	return f.may(s) && r.Std().MatchString(s)
}

// Std is the compiled regexp itself, without the filter.
func (r *Regexp) Std() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

// String is the pattern's source text (it compiles nothing).
func (r *Regexp) String() string { return r.expr }

// MatchString is regexp's MatchString.
func (r *Regexp) MatchString(s string) bool {
	return r.matches(s)
}

// FindStringSubmatch is regexp's FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.matches(s) {
		return nil
	}
	return r.Std().FindStringSubmatch(s)
}

// FindAllStringSubmatchIndex is regexp's FindAllStringSubmatchIndex.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.matches(s) {
		return nil
	}
	return r.Std().FindAllStringSubmatchIndex(s, n)
}

// FindAllStringIndex is regexp's FindAllStringIndex.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.matches(s) {
		return nil
	}
	return r.Std().FindAllStringIndex(s, n)
}

// Split is regexp's Split.
func (r *Regexp) Split(s string, n int) []string {
	if n != 0 && !r.matches(s) {
		return []string{s} // what Split returns without a match ("" too)
	}
	return r.Std().Split(s, n)
}

// ReplaceAllString is regexp's ReplaceAllString.
func (r *Regexp) ReplaceAllString(s, repl string) string {
	if !r.matches(s) {
		return s
	}
	return r.Std().ReplaceAllString(s, repl)
}

// MayMatch reports whether s holds one of the literals every match of r
// contains (true when r has none to offer): false means r does not match
// s.
func (r *Regexp) MayMatch(s string) bool { return r.filter().may(s) }

// filter is what a pattern's matches need: the text begins with one of
// starts (when the pattern is anchored at the start) and holds one of
// lits, both in the case-folded text when fold is set; nil is nothing
// known.
type filter struct {
	starts, lits []string
	fold         bool
}

// costly: the filter folds the text or looks for many literals, which
// costs more than the automaton's one pass.
func (f *filter) costly() bool { return f.fold || len(f.lits) >= costlyLits }

// costlyLits: see costly.
const costlyLits = 8

func (f *filter) may(s string) bool {
	if f.lits == nil && f.starts == nil || bypass {
		return true
	}
	if f.fold {
		s = foldString(s)
	}
	if f.starts != nil {
		ok := false
		for _, p := range f.starts {
			if strings.HasPrefix(s, p) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.lits == nil {
		return true
	}
	for _, l := range f.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// BypassEnv, set to 1 in a process's environment, runs every pattern
// without its filter: the tests that compare whole answers both ways run
// one process each way. Read once at start; nothing changes it after.
const BypassEnv = "RELIT_BYPASS_FOR_TESTS"

var bypass = os.Getenv(BypassEnv) == "1"

// Bypassed reports whether this process runs its patterns unfiltered.
func Bypassed() bool { return bypass }

// Literals returns the literals one of which every match of expr contains
// (nil: none known), and whether they and the text are compared case-folded.
func Literals(expr string) ([]string, bool) {
	f := newFilter(expr)
	return f.lits, f.fold
}

// Starts returns the strings one of which a text must begin with for the
// pattern expr, anchored at its start, to match (nil: none known).
func Starts(expr string) []string { return newFilter(expr).starts }

// maxExact bounds the strings a part is tracked as matching exactly
// (concatenations multiply them).
const maxExact = 256

func newFilter(expr string) *filter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return &filter{}
	}
	f := &filter{fold: hasFold(re)}
	if in := info(re, f.fold); in.nec != nil && !slices.Contains(in.nec, "") {
		f.lits = shortest(in.nec)
	}
	if starts := anchoredStarts(re, f.fold); starts != nil && !slices.Contains(starts, "") {
		f.starts = prefixes(starts)
	}
	return f
}

// shortest drops the literals that hold another: where they are found,
// so is that one.
func shortest(lits []string) []string {
	lits = slices.Clone(lits)
	slices.SortFunc(lits, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, l := range lits {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.Contains(l, o) }) {
			out = append(out, l)
		}
	}
	return out
}

// maxStart is how much of a start is checked: the first bytes tell
// enough, and cut there, many starts are one.
const maxStart = 8

// prefixes cuts starts to maxStart bytes and drops those that begin with
// another: where they begin the text, so does that one.
func prefixes(starts []string) []string {
	var cut []string
	for _, s := range starts {
		cut = append(cut, s[:min(len(s), maxStart)])
	}
	slices.SortFunc(cut, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, l := range cut {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.HasPrefix(l, o) }) {
			out = append(out, l)
		}
	}
	return out
}

// anchoredStarts is what every match of re begins with when re can only
// match at the start of the text (every branch begins with ^ or \A); nil
// otherwise.
func anchoredStarts(re *syntax.Regexp, fold bool) []string {
	switch re.Op {
	case syntax.OpCapture:
		return anchoredStarts(re.Sub[0], fold)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			s := anchoredStarts(sub, fold)
			if s == nil {
				return nil
			}
			out = append(out, s...)
		}
		return out
	case syntax.OpConcat:
		if len(re.Sub) > 0 && re.Sub[0].Op == syntax.OpBeginText {
			return info(re, fold).pre
		}
	}
	return nil
}

// hasFold reports whether any literal or class of re is case-insensitive.
func hasFold(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 && (re.Op == syntax.OpLiteral || re.Op == syntax.OpCharClass) {
		return true
	}
	return slices.ContainsFunc(re.Sub, hasFold)
}

// litInfo is what is known of a part's matches: exact, they are exactly
// the strings in lits (and pre is lits); every match starts with one of
// pre and contains one of nec (nil: nothing known).
type litInfo struct {
	exact bool
	lits  []string
	pre   []string
	nec   []string
}

var anything = litInfo{}

func exactly(lits []string) litInfo {
	return litInfo{exact: true, lits: lits, pre: lits, nec: lits}
}

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
		return exactly([]string{s})
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactly([]string{""})
	case syntax.OpCharClass:
		return classInfo(re.Rune, fold)
	case syntax.OpCapture:
		return info(re.Sub[0], fold)
	case syntax.OpQuest:
		return optional(info(re.Sub[0], fold))
	case syntax.OpPlus:
		return atLeastOnce(info(re.Sub[0], fold))
	case syntax.OpRepeat:
		in := info(re.Sub[0], fold)
		switch {
		case re.Min == 1 && re.Max == 1:
			return in
		case re.Min == 0 && re.Max == 1:
			return optional(in)
		case re.Min >= 1:
			return atLeastOnce(in)
		}
		return anything
	case syntax.OpAlternate:
		return alternateInfo(re.Sub, fold)
	case syntax.OpConcat:
		return concatInfo(re.Sub, fold)
	}
	return anything // OpStar, OpAnyChar, OpAnyCharNotNL, OpNoMatch
}

// optional is x?: exactly x's strings or "" when x is exact.
func optional(in litInfo) litInfo {
	if !in.exact || len(in.lits) >= maxExact {
		return anything
	}
	return exactly(append(slices.Clone(in.lits), ""))
}

// atLeastOnce is x+ (or x{n,}): every match starts with a match of x and
// holds one.
func atLeastOnce(in litInfo) litInfo {
	return litInfo{pre: in.pre, nec: in.nec}
}

func alternateInfo(subs []*syntax.Regexp, fold bool) litInfo {
	out := litInfo{exact: true}
	pre, nec := true, true
	for _, sub := range subs {
		in := info(sub, fold)
		out.exact = out.exact && in.exact
		pre = pre && in.pre != nil
		nec = nec && in.nec != nil
		out.lits = append(out.lits, in.lits...)
		out.pre = append(out.pre, in.pre...)
		out.nec = append(out.nec, in.nec...)
	}
	if !out.exact || len(out.lits) > maxExact {
		out.exact, out.lits = false, nil
	} else {
		out.pre = out.lits
	}
	if !pre {
		out.pre = nil
	}
	if !nec {
		out.nec = nil
	}
	return out
}

// concatInfo works out what a concatenation's matches begin with (its
// leading exact parts side by side, then the next part's prefixes) and
// what they hold: the cheapest (cost) of its parts' literals and of the
// strings runs of its exact parts match together — a run is extended
// while that makes a cheaper filter (" se " is rare enough without being
// multiplied by the ten pronouns that may follow it).
func concatInfo(subs []*syntax.Regexp, fold bool) litInfo {
	empty := []string{""}
	trivial := func(ls []string) bool { return len(ls) == 1 && ls[0] == "" }
	ins := make([]litInfo, len(subs))
	for i, sub := range subs {
		ins[i] = info(sub, fold)
	}
	var out litInfo
	// The prefix: the leading exact parts, however many strings.
	lead, exact := empty, true
	for _, in := range ins {
		if in.exact {
			if next := product(lead, in.lits); next != nil {
				lead = next
				continue
			}
			exact = false
			break
		}
		exact = false
		if in.pre != nil {
			if next := product(lead, in.pre); next != nil {
				lead = next
			}
		}
		break
	}
	out.pre = lead
	if exact {
		out.exact, out.lits = true, lead
	}
	// What every match holds.
	var cands [][]string
	if !trivial(lead) {
		cands = append(cands, lead)
	}
	run := empty
	endRun := func() {
		if !trivial(run) {
			cands = append(cands, run)
		}
		run = empty
	}
	for _, in := range ins {
		if in.nec != nil && !trivial(in.nec) {
			cands = append(cands, in.nec)
		}
		if in.exact {
			next := product(run, in.lits)
			if next == nil || !trivial(run) && cost(next) >= cost(run) {
				endRun()
				next = in.lits
			}
			run = next
			continue
		}
		if in.pre != nil {
			if both := product(run, in.pre); both != nil && !trivial(both) {
				cands = append(cands, both)
			}
		}
		endRun()
	}
	endRun()
	for _, c := range cands {
		if out.nec == nil || better(c, out.nec) {
			out.nec = c
		}
	}
	return out
}

// product is every string of a followed by one of b; nil when there would
// be more than maxExact.
func product(a, b []string) []string {
	if len(a)*len(b) > maxExact {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

// better reports whether the literal set a is the better filter (cost).
func better(a, b []string) bool {
	ca, cb := cost(a), cost(b)
	if ca != cb {
		return ca < cb
	}
	return minLen(a) > minLen(b)
}

// cost estimates what filtering with lits costs a question, in substring
// searches: one per literal, plus running the regexp (worth ~200
// searches) as often as one of them is found — a guess at how common a
// literal of its length is in a question.
func cost(lits []string) float64 {
	p := 0.0
	for _, l := range lits {
		switch n := utf8.RuneCountInString(l); {
		case n <= 1:
			p += 1
		case n == 2:
			p += 0.3
		case n == 3:
			p += 0.1
		case n == 4:
			p += 0.03
		case n == 5:
			p += 0.01
		default:
			p += 0.003
		}
	}
	return float64(len(lits)) + 200*min(p, 1)
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
	return exactly(out)
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
