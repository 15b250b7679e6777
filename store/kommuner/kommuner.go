// Package kommuner is Norway's register of municipalities (kommuner) and
// counties (fylker) as data: the 2024 structure from Statistics Norway's
// classification 131 is embedded, and the working group may replace it with
// a file of the same form (KULTURBOT_KOMMUNER) after a municipal reform.
//
// Resolve turns whatever people type — "Bodø", "bodo", "Bodø kommune",
// "1804", the Sami "Kárášjohka", "Herøy (Nordland)" — into exactly one
// register entry, or says why it cannot: a near miss with the candidates,
// or a name two municipalities share (Herøy, Våler).
package kommuner

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

//go:embed kommuner.csv
var embedded []byte

// Entry is one municipality of the register.
type Entry struct {
	Number       string   // kommunenummer, four digits ("1804")
	Name         string   // the name people read; county in brackets where two share it
	CountyNumber string   // fylkesnummer ("18")
	County       string   // fylke ("Nordland")
	Other        []string // other official names (Sami, Kven, the bare shared name)
}

// Register is a loaded register; it is read-only after Load.
type Register struct {
	entries  []Entry
	byNumber map[string]int
	byKey    map[string][]int // folded name -> entries
	keys     []string         // every key, for near misses
	counties []string
	// Source says where it came from ("innebygd" or a path), for logs.
	Source string
}

// Result kinds of Resolve.
type Kind int

const (
	// Found: exactly one entry.
	Found Kind = iota
	// Ambiguous: the name is shared (Herøy, Våler); Candidates lists them.
	Ambiguous
	// Near: no entry has that name, but Candidates are close to it.
	Near
	// Unknown: nothing like it in the register.
	Unknown
)

// Match is the outcome of Resolve.
type Match struct {
	Kind       Kind
	Entry      Entry   // when Found
	Candidates []Entry // when Ambiguous or Near, in register order
}

// Default is the embedded register, parsed once (safe from any goroutine).
var Default = sync.OnceValue(func() *Register {
	r, err := Parse(bytes.NewReader(embedded))
	if err != nil {
		panic("kommuner: embedded register: " + err.Error())
	}
	r.Source = "innebygd"
	return r
})

// Load reads a register file; "" is the embedded one.
func Load(path string) (*Register, error) {
	if path == "" {
		return Default(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r.Source = path
	return r, nil
}

// Parse reads `kommunenummer;kommune;fylkesnummer;fylke;andre_navn` (UTF-8,
// header first, other names separated by "|").
func Parse(rd io.Reader) (*Register, error) {
	cr := csv.NewReader(rd)
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, errors.New("no municipalities (want a header line and one line per municipality)")
	}
	head := rows[0]
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\uFEFF")
	}
	if len(head) < 4 || strings.TrimSpace(head[0]) != "kommunenummer" || strings.TrimSpace(head[1]) != "kommune" {
		return nil, errors.New("the first line must be kommunenummer;kommune;fylkesnummer;fylke;andre_navn")
	}
	r := &Register{byNumber: map[string]int{}, byKey: map[string][]int{}}
	seenCounty := map[string]bool{}
	for i, row := range rows[1:] {
		line := i + 2
		if len(row) < 4 {
			return nil, fmt.Errorf("line %d: want at least 4 fields, got %d", line, len(row))
		}
		e := Entry{Number: strings.TrimSpace(row[0]), Name: strings.TrimSpace(row[1]), CountyNumber: strings.TrimSpace(row[2]), County: strings.TrimSpace(row[3])}
		if len(e.Number) != 4 || strings.Trim(e.Number, "0123456789") != "" {
			return nil, fmt.Errorf("line %d: kommunenummer %q is not four digits", line, e.Number)
		}
		if e.Name == "" || e.County == "" || !utf8.ValidString(e.Name) {
			return nil, fmt.Errorf("line %d: kommune and fylke must be given", line)
		}
		if _, dup := r.byNumber[e.Number]; dup {
			return nil, fmt.Errorf("line %d: kommunenummer %s twice", line, e.Number)
		}
		if len(row) > 4 {
			for _, o := range strings.Split(row[4], "|") {
				if o = strings.TrimSpace(o); o != "" {
					e.Other = append(e.Other, o)
				}
			}
		}
		r.byNumber[e.Number] = len(r.entries)
		r.entries = append(r.entries, e)
		if !seenCounty[e.County] {
			seenCounty[e.County] = true
			r.counties = append(r.counties, e.County)
		}
	}
	for i, e := range r.entries {
		for _, k := range entryKeys(e) {
			if !contains(r.byKey[k], i) {
				r.byKey[k] = append(r.byKey[k], i)
			}
		}
	}
	for k := range r.byKey {
		r.keys = append(r.keys, k)
	}
	sort.Strings(r.keys)
	nb := norsk.New()
	sort.SliceStable(r.counties, func(i, j int) bool { return nb.Less(r.counties[i], r.counties[j]) })
	return r, nil
}

// entryKeys are the folded forms an entry answers to: its name, its other
// names, and each bare name with its county ("Herøy Nordland",
// "Herøy i Nordland").
func entryKeys(e Entry) []string {
	names := append([]string{e.Name, bareName(e.Name)}, e.Other...)
	var keys []string
	c := Key(e.County)
	for _, n := range names {
		k := Key(n)
		if k == "" {
			continue
		}
		keys = append(keys, k, k+c, k+"i"+c)
	}
	return keys
}

// bareName drops a bracketed county: "Herøy (Nordland)" -> "Herøy".
func bareName(s string) string {
	if i := strings.Index(s, "("); i > 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// sami maps letters of the Sami and Kven names to what a Norwegian
// keyboard types for them ("Kárášjohka" = "karasjohka").
var sami = strings.NewReplacer("š", "s", "Š", "s", "č", "c", "Č", "c", "đ", "d", "Đ", "d", "ŋ", "n", "Ŋ", "n",
	"ŧ", "t", "Ŧ", "t", "ž", "z", "Ž", "z", "ï", "i", "Ï", "i")

// Key folds a name for matching: bot.Fold (case, æøå spellings, spaces and
// hyphens) plus the Sami letters.
func Key(s string) string { return bot.Fold(sami.Replace(s)) }

// suffixes are words people add to a municipality's name.
var suffixes = []string{"kommune", "kommuna", "municipality", "suohkan", "gielda", "kunta"}

// Resolve finds the entry s names. See Match.
func (r *Register) Resolve(s string) Match {
	s = strings.TrimSpace(s)
	digits := strings.TrimLeft(strings.TrimPrefix(strings.ToUpper(s), "K-"), " ")
	if n := len(digits); n >= 3 && n <= 4 && strings.Trim(digits, "0123456789") == "" {
		if n == 3 {
			digits = "0" + digits
		}
		if i, ok := r.byNumber[digits]; ok {
			return Match{Kind: Found, Entry: r.entries[i]}
		}
		return Match{Kind: Unknown}
	}
	k := Key(s)
	if k == "" {
		return Match{Kind: Unknown}
	}
	try := []string{k}
	for _, suf := range suffixes {
		if strings.HasSuffix(k, suf) && len(k) > len(suf) {
			try = append(try, strings.TrimSuffix(k, suf))
		}
		if strings.HasPrefix(k, suf) && len(k) > len(suf) {
			try = append(try, strings.TrimPrefix(k, suf))
		}
	}
	for _, k := range try {
		if is := r.byKey[k]; len(is) == 1 {
			return Match{Kind: Found, Entry: r.entries[is[0]]}
		} else if len(is) > 1 {
			return Match{Kind: Ambiguous, Candidates: r.pick(is)}
		}
	}
	if c := r.near(try[len(try)-1]); len(c) > 0 {
		return Match{Kind: Near, Candidates: c}
	}
	return Match{Kind: Unknown}
}

// Exact is the one entry s names exactly (folded as Key, no suffix, no
// number, no near miss): a cheap test of whether a word is a
// municipality's name, where Resolve would search for near ones.
func (r *Register) Exact(s string) (Entry, bool) {
	if is := r.byKey[Key(s)]; len(is) == 1 {
		return r.entries[is[0]], true
	}
	return Entry{}, false
}

// maxNear bounds the candidates offered for a near miss (buttons).
const maxNear = 5

// near returns the entries whose keys are closest to k, within a distance
// that grows with the length of what was typed; failing that, the entries
// whose name starts with it ("Kristians" -> Kristiansand, Kristiansund).
func (r *Register) near(k string) []Entry {
	n := utf8.RuneCountInString(k)
	limit := 0
	switch {
	case n >= 10:
		limit = 3
	case n >= 6:
		limit = 2
	case n >= 3:
		limit = 1
	}
	best, bestD := []int(nil), limit+1
	for _, key := range r.keys {
		if abs(utf8.RuneCountInString(key)-n) > limit {
			continue
		}
		d := distance(k, key)
		if d > limit {
			continue
		}
		if d < bestD {
			best, bestD = nil, d
		}
		if d == bestD {
			for _, i := range r.byKey[key] {
				if !contains(best, i) {
					best = append(best, i)
				}
			}
		}
	}
	if len(best) == 0 && n >= 4 {
		for _, key := range r.keys {
			if strings.HasPrefix(key, k) {
				for _, i := range r.byKey[key] {
					if !contains(best, i) {
						best = append(best, i)
					}
				}
			}
		}
	}
	return r.pick(best)
}

func (r *Register) pick(is []int) []Entry {
	is = append([]int(nil), is...)
	sort.Ints(is)
	if len(is) > maxNear {
		is = is[:maxNear]
	}
	out := make([]Entry, len(is))
	for j, i := range is {
		out[j] = r.entries[i]
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the edit distance (insert, delete, replace, swap of two
// neighbours) between a and b, counted in letters.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// ByNumber returns the entry with kommunenummer n.
func (r *Register) ByNumber(n string) (Entry, bool) {
	i, ok := r.byNumber[n]
	if !ok {
		return Entry{}, false
	}
	return r.entries[i], true
}

// Entries lists every municipality in register order.
func (r *Register) Entries() []Entry { return append([]Entry(nil), r.entries...) }

// Len is the number of municipalities.
func (r *Register) Len() int { return len(r.entries) }

// Counties lists the counties, sorted the Norwegian way (Østfold last).
func (r *Register) Counties() []string { return append([]string(nil), r.counties...) }

// County finds a county however it is typed ("more og romsdal"), or "".
func (r *Register) County(s string) string {
	k := Key(s)
	for _, c := range r.counties {
		if Key(c) == k {
			return c
		}
	}
	return ""
}

// Matches reports whether the entry's name or one of its other names, or
// a word of one, starts with prefix (for autocomplete).
func (e Entry) Matches(prefix string) bool {
	p := Key(prefix)
	if p == "" {
		return true
	}
	if strings.HasPrefix(e.Number, strings.TrimSpace(prefix)) {
		return true
	}
	for _, n := range append([]string{e.Name}, e.Other...) {
		if strings.HasPrefix(Key(n), p) {
			return true
		}
		for _, w := range strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '-' || r == '(' }) {
			if strings.HasPrefix(Key(w), p) {
				return true
			}
		}
	}
	return false
}
