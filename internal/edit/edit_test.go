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
	}
}
