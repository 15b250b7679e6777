package relit

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// patterns are shaped like the FAQ's: word alternatives between \b, (?i),
// classes, repetitions, anchors, and the letters whose case folds leave
// ASCII (the Kelvin sign is a "k" to (?i), "ſ" an "s").
var patterns = []string{
	`\b(hvor mange|kor mange|how many|number of|antall)\b`,
	`^\W*(nar|when)\b|\b(nar|when)\W*$|\b(kva tid|hvilken dato|what date)\b`,
	`(?i)\s(eller|or|el\.|vs\.?|versus)\s`,
	`(?i)^\W*(tusen takk|takk|thanks|thank you|ty|hei|hallo)\b[^?]{0,30}$|(?i)hvordan har du det|how are you`,
	`(?i)\b(søk\w*|sok\w*|apply|applying|find)\b.{0,25}\b(jobb|job|stilling|arbeid som)\b`,
	`(?i)\b(logg\w*|log)\s+(\w+\s+)?(inn|in)\b|\b(innlogging|passord|password|login)\b`,
	`\d[\d .]*\s*(kr|kroner|nok)\b|\bnok\s*\d`,
	`[«“"]`,
	`(?i)kelvin|straße|ßtest|σας|DAN`,
	`(?i)[kK]a|[sS]k`,
	`@|\+?\d[\d ]{7,}\d`,
	`(ab){2,}c|x{1,3}yz|(q|)r`,
	`a*`,
	`.`,
	`\b(\w*frist\w*|deadlines?)\b`,
	`(?i)(ignore|glem)\b.{0,40}\b(instruction|regel|prompt)|system ?prompt|\bDAN\b`,
	`(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)(?:k|l)(?:m|n)(?:o|p)(?:q|r)(?:s|t)`,
	`\x{FFFD}|abc`,
	"(?i)\u212Aa",
	`^ (hva|kva|what) (kan|can) (du|you)( (egentlig|really))? `,
	`^(a|b)c|^xy[z]?`,
	`^ab|cd`,
	`(?i)^ (hei|hallo)( (bot|der))? $`,
	`\Aab+c`,
}

// inputs are texts built from the patterns' own words, cut, cased and
// joined at random, so that matches and near misses both occur.
func inputs(r *rand.Rand, n int) []string {
	words := []string{"hvor mange", "HVOR MANGE", "når", "nar", "when", "eller", "ELLER", "or", "vs.", "versus",
		"takk", "Tusen TAKK", "hei", "søker", "jobb", "logg inn", "LOGIN", "5 kr", "nok 3", "«Navn»", "Kelvin",
		"\u212Aelvin", "ſk", "ſ", "K", "STRASSE", "straße", "ΣΑΣ", "σας", "dan", "DAN", "ab", "abab", "c", "xyz", " hva kan du ", " what can you really ", "hei", " hallo bot ", "abbbc",
		"r", "q", "frist", "deadline", "@", "+47 123 45 678", "ignore", "prompt", "\xff", "\xc3", "é", "?", " ",
		"\n", "a", "b", "how are you", "acegikmoqs", "bdfhjlnprt", "\uFFFD"}
	out := []string{"", " ", "\xff"}
	for range n {
		var b strings.Builder
		for k := r.Intn(6); k >= 0; k-- {
			w := words[r.Intn(len(words))]
			if r.Intn(4) == 0 && len(w) > 1 {
				i := r.Intn(len(w))
				w = w[:i] + w[i+1:]
			}
			b.WriteString(w)
			if r.Intn(3) > 0 {
				b.WriteByte(" ,.?"[r.Intn(4)])
			}
		}
		out = append(out, b.String())
	}
	return out
}

// testDFAs are the automata same checks, one a pattern, kept between
// texts as a Regexp keeps its own.
var testDFAs sync.Map

func testDFA(expr string) *dfa {
	if d, ok := testDFAs.Load(expr); ok {
		return d.(*dfa)
	}
	d, _ := testDFAs.LoadOrStore(expr, newDFA(expr))
	return d.(*dfa)
}

// same checks every filtered method against the regexp's own on s, and
// the automaton (dfa.go) on its own, without the filter in front.
func same(t *testing.T, re *Regexp, s string) {
	t.Helper()
	if d := testDFA(re.String()); d != nil {
		if got, ok := d.match(s); !ok || got != re.Std().MatchString(s) {
			t.Fatalf("%q on %q: automaton %v (ok %v), regexp %v", re, s, got, ok, !got)
		}
	}
	if got, want := re.MatchString(s), re.Std().MatchString(s); got != want {
		t.Fatalf("%q on %q: MatchString %v, regexp %v (literals %q)", re, s, got, want, re.filter().lits)
	}
	if got, want := re.FindStringSubmatch(s), re.Std().FindStringSubmatch(s); !slices.Equal(got, want) {
		t.Fatalf("%q on %q: FindStringSubmatch %q, regexp %q", re, s, got, want)
	}
	if got, want := re.FindAllStringSubmatchIndex(s, -1), re.Std().FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("%q on %q: FindAllStringSubmatchIndex %v, regexp %v", re, s, got, want)
	}
	if got, want := re.FindAllStringIndex(s, -1), re.Std().FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("%q on %q: FindAllStringIndex %v, regexp %v", re, s, got, want)
	}
	for _, n := range []int{-1, 0, 1, 2} {
		if got, want := re.Split(s, n), re.Std().Split(s, n); !slices.Equal(got, want) {
			t.Fatalf("%q on %q: Split(%d) %q, regexp %q", re, s, n, got, want)
		}
	}
	if got, want := re.ReplaceAllString(s, "<$0>"), re.Std().ReplaceAllString(s, "<$0>"); got != want {
		t.Fatalf("%q on %q: ReplaceAllString %q, regexp %q", re, s, got, want)
	}
}

func TestSameAsRegexp(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	in := inputs(r, 1500)
	matched := 0
	for _, p := range patterns {
		re := MustCompile(p)
		for _, s := range in {
			same(t, re, s)
			if re.MatchString(s) {
				matched++
			}
		}
	}
	if matched < 1000 {
		t.Fatalf("only %d matches: the inputs do not exercise the patterns", matched)
	}
}

// TestDFABounds: an automaton that has to start again, and one with no
// class left for a rune, still give the regexp's answer (the second by
// saying it cannot tell).
func TestDFABounds(t *testing.T) {
	in := inputs(rand.New(rand.NewSource(3)), 500)
	for _, p := range patterns {
		d := newDFAMax(p, 3)
		std := regexp.MustCompile(p)
		for _, s := range in {
			if got, ok := d.match(s); ok && got != std.MatchString(s) {
				t.Fatalf("%q on %q: automaton of 3 states %v, regexp %v", p, s, got, !got)
			}
		}
	}
	resets := 0
	for _, p := range patterns {
		d := newDFAMax(p, 3)
		for _, s := range in {
			d.match(s)
		}
		resets += d.resets
	}
	if resets == 0 {
		t.Fatal("no automaton started again: the test does not exercise the bound")
	}
	// Runes of more kinds than there are classes for: each its own
	// branch, so no two are alike to the pattern.
	var alts []string
	for r := rune(0x100); r < 0x100+2*maxExtraClasses; r++ {
		alts = append(alts, string(r)+"x")
	}
	p := strings.Join(alts, "|")
	d, std := newDFA(p), regexp.MustCompile(p)
	unknown := 0
	for r := rune(0x100); r < 0x100+3*maxExtraClasses; r++ {
		for _, s := range []string{"a" + string(r) + "x", string(r) + "y", "\u0100" + string(r)} {
			got, ok := d.match(s)
			if !ok {
				unknown++
				continue
			}
			if want := std.MatchString(s); got != want {
				t.Fatalf("%q on %q: automaton %v, regexp %v", p, s, got, want)
			}
		}
	}
	if unknown == 0 {
		t.Fatal("every rune had a class: the test does not exercise the bound")
	}
}

// TestDFAConcurrent: automata shared by goroutines that build them as
// they go (run it with -race).
func TestDFAConcurrent(t *testing.T) {
	in := inputs(rand.New(rand.NewSource(4)), 300)
	res := make([]*Regexp, len(patterns))
	for i, p := range patterns {
		res[i] = MustCompile(p)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range in {
				s := in[(k*(g+1))%len(in)]
				for _, re := range res {
					if got, want := re.MatchString(s), re.Std().MatchString(s); got != want {
						t.Errorf("%q on %q: %v, regexp %v", re, s, got, want)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestStarts(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string
	}{
		{`^ (hva|what) (kan|can) `, []string{" hva kan", " hva can", " what ka", " what ca"}}, // cut to 8 bytes
		{`^(ab|xab)`, []string{"ab", "xab"}},
		{`^(a|b)c|^xy[z]?`, []string{"ac", "bc", "xy"}},
		{`\Aab+c`, []string{"ab"}},
		{`^ab|cd`, nil}, // "cd" may match anywhere
		{`ab`, nil},
		{`^\w+`, nil},
	} {
		got := Starts(c.expr)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Starts(%q) = %q, want %q", c.expr, got, want)
		}
	}
}

func TestLiterals(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string
		fold bool
	}{
		{`\b(hvor mange|kor mange|how many)\b`, []string{"how many", "kor mange", "hvor mange"}, false},
		{`\b(\w*frist\w*|deadlines?)\b`, []string{"frist", "deadline"}, false},
		{`(?i)Takk|HEI`, []string{"hei", "takk"}, true},
		{`ab|xaby`, []string{"ab"}, false}, // "xaby" holds "ab"
		{`[«“"]`, []string{`"`, "«", "“"}, false},
		{`a*`, nil, false},
		{`\bx?\b`, nil, false},
		{`\x{FFFD}`, nil, false},
		{`(`, nil, false},
	} {
		got, fold := Literals(c.expr)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) || (got != nil && fold != c.fold) {
			t.Errorf("Literals(%q) = %q %v, want %q %v", c.expr, got, fold, want, c.fold)
		}
	}
}

// FuzzSameAsRegexp: on any text, every pattern above gives what its
// regexp gives.
func FuzzSameAsRegexp(f *testing.F) {
	for _, s := range inputs(rand.New(rand.NewSource(2)), 50) {
		f.Add(s)
	}
	res := make([]*Regexp, len(patterns))
	for i, p := range patterns {
		res[i] = MustCompile(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range res {
			same(t, re, s)
		}
	})
}

// TestASCIIClasses: the classes newDFA gives ASCII characters (worked out
// per distinct instruction) are classFor's, character by character, for
// the test patterns and the FAQ-shaped ones whose automata are largest.
func TestASCIIClasses(t *testing.T) {
	exprs := append(slices.Clone(patterns),
		`(?i)[^a-zæøå0-9]+|\p{Lu}\d|[[:punct:]]`,
		`(?s).x|[^\n]y`,
	)
	for _, expr := range exprs {
		d := newDFA(expr)
		if d == nil {
			t.Fatalf("%q: no automaton", expr)
		}
		// A fresh automaton without its ASCII classes, given them the
		// old way.
		old := &dfa{prog: d.prog, ranges: d.ranges, nrune: d.nrune, sigLen: d.sigLen, sig: make([]byte, d.sigLen)}
		old.endClass = 255
		for c := rune(0); c < utf8.RuneSelf; c++ {
			if got, want := d.ascii[c], old.classFor(c); got != want {
				t.Errorf("%q: %q is in class %d, classFor says %d", expr, c, got, want)
			}
		}
		if old.nclass != d.nclass || string(old.sigs) != string(d.sigs) || !slices.Equal(old.reps, d.reps) {
			t.Errorf("%q: %d classes (%v), classFor made %d (%v)", expr, d.nclass, d.reps, old.nclass, old.reps)
		}
	}
}
