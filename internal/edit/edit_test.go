package edit

import "testing"

func TestWithin1(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"samling", "samling", true},
		{"samlig", "samling", true},   // dropped
		{"sammling", "samling", true}, // added
		{"samlong", "samling", true},  // changed
		{"smaling", "samling", true},  // swapped
		{"samlnig", "samling", true},  // swapped at the end
		{"samlingen", "samling", false},
		{"smalnig", "samling", false}, // two swaps
		{"boller", "roller", true},
		{"æøå", "æøa", true},
		{"", "a", true},
		{"", "ab", false},
		{"ab", "ba", true},
		{"abc", "cba", false},
	} {
		if got := Within1([]rune(c.a), []rune(c.b)); got != c.want {
			t.Errorf("Within1(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := Within1([]rune(c.b), []rune(c.a)); got != c.want {
			t.Errorf("Within1(%q, %q) = %v, want %v (not symmetric)", c.b, c.a, got, c.want)
		}
		if IsASCII(c.a) && IsASCII(c.b) {
			if got := Within1ASCII(c.a, c.b); got != c.want {
				t.Errorf("Within1ASCII(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
			}
			if got := Within1ASCII(c.b, c.a); got != c.want {
				t.Errorf("Within1ASCII(%q, %q) = %v, want %v (not symmetric)", c.b, c.a, got, c.want)
			}
		}
	}
}

// TestWithin1ASCIISame holds Within1ASCII to Within1 on every pair of
// short words over a small alphabet (all edits of every kind occur).
func TestWithin1ASCIISame(t *testing.T) {
	var ws []string
	var gen func(p string)
	gen = func(p string) {
		ws = append(ws, p)
		if len(p) == 4 {
			return
		}
		for _, c := range "abc" {
			gen(p + string(c))
		}
	}
	gen("")
	for _, a := range ws {
		for _, b := range ws {
			if got, want := Within1ASCII(a, b), Within1([]rune(a), []rune(b)); got != want {
				t.Fatalf("Within1ASCII(%q, %q) = %v, Within1 says %v", a, b, got, want)
			}
		}
	}
	if IsASCII("æ") || !IsASCII("samling-2") {
		t.Fatal("IsASCII")
	}
}

func FuzzWithin1ASCII(f *testing.F) {
	f.Add("samling", "smaling")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !IsASCII(a) || !IsASCII(b) {
			return
		}
		if got, want := Within1ASCII(a, b), Within1([]rune(a), []rune(b)); got != want {
			t.Fatalf("Within1ASCII(%q, %q) = %v, Within1 says %v", a, b, got, want)
		}
	})
}
