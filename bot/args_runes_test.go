package bot

import (
	"reflect"
	"testing"
)

// FuzzParseArgsAsRunes: ParseArgs reading valid UTF-8 by substrings reads
// exactly what the rune-by-rune parser (parseArgsRunes, the parser
// before, still used for invalid UTF-8) reads: the same words, keys,
// values and refusals.
func FuzzParseArgsAsRunes(f *testing.F) {
	for _, s := range argSeeds {
		f.Add(s)
	}
	for _, s := range []string{`"a"b`, `k="a"'b'c`, `x=""y`, `""`, `k=“a”b«c»`, `«a»»`, `k= v`, `=a`, `a=b=c`,
		`K-1_x="Ø"`, `kommune=Bodø kommune=Fauske`, "a\u2003b\u00a0c", `'it''s'`, `"a`, `x="`, `“”`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > MaxArgsLen {
			return
		}
		got, gerr := ParseArgs(text)
		want, werr := parseArgsRunes(text)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gerr, werr) {
			t.Fatalf("%q: %#v %v; rune by rune %#v %v", text, got, gerr, want, werr)
		}
	})
}

// A /rsvp's arguments cost the map (two allocations) and the positional
// slice as it grows (three), not a string per word (the rune-by-rune
// parser: 14).
func TestParseArgsAllocations(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		if _, err := ParseArgs(`1 ja 3 kommune="Bodø" overnatting=nei`); err != nil {
			t.Fatal(err)
		}
	})
	if n > 5 {
		t.Errorf("ParseArgs: %v allocations, want at most 5", n)
	}
}
