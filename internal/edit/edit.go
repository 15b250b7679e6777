// Package edit says whether two words are one typing slip apart. The FAQ
// engine uses it to read an unknown word as a corpus word, and the live
// step to read a misspelt "samling"; one definition keeps the two readings
// of a typo the same.
package edit

// Within1 reports whether a and b are at most one edit apart in the
// Damerau sense: equal, or one letter added, dropped or changed, or two
// neighbouring letters swapped.
func Within1(a, b []rune) bool {
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	if i == la && i == lb {
		return true
	}
	switch {
	case la == lb:
		if same(a[i+1:], b[i+1:]) {
			return true // changed
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && same(a[i+2:], b[i+2:]) // swapped
	case la > lb:
		return same(a[i+1:], b[i:]) // added
	default:
		return same(a[i:], b[i+1:]) // dropped
	}
}

func same(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Within1ASCII is Within1 of two ASCII strings, compared byte by byte:
// for ASCII a byte is a rune, so the verdict is Within1's, without
// converting either word to runes (the FAQ's typo search tries every
// corpus word of about the same length, ~800 of them per unknown word).
func Within1ASCII(a, b string) bool {
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	if i == la && i == lb {
		return true
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true // changed
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swapped
	case la > lb:
		return a[i+1:] == b[i:] // added
	default:
		return a[i:] == b[i+1:] // dropped
	}
}

// IsASCII reports whether s is ASCII only (Within1ASCII's condition).
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
