package faq

import "strings"

// anyOf answers whether a text contains any of a list of strings in one
// pass over the text, instead of one strings.Contains per string: scope
// checks every question against ~60 off-topic phrases and ~20 injection
// hints, and those searches were ~4 % of an answer's instructions. A
// position is tried only when its first two bytes can begin a string of
// the list (a 64-bit mask per first byte); the verdict is exactly
// "strings.Contains(s, p) for some p" (TestAnyOfAsContains).
type anyOf struct {
	empty bool          // the list holds "": every text contains it
	one   [256]bool     // a one-byte string begins with this byte
	next  [256]uint64   // bit b&63 set: a longer string begins with this byte, then b
	by    [256][]string // the longer strings by first byte
}

func newAnyOf(ss []string) *anyOf {
	m := &anyOf{}
	for _, s := range ss {
		switch len(s) {
		case 0:
			m.empty = true
		case 1:
			m.one[s[0]] = true
		default:
			m.next[s[0]] |= 1 << (s[1] & 63)
			m.by[s[0]] = append(m.by[s[0]], s)
		}
	}
	return m
}

// in reports whether s contains one of m's strings.
func (m *anyOf) in(s string) bool {
	if m.empty {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if m.one[c] {
			return true
		}
		if i+1 < len(s) && m.next[c]&(1<<(s[i+1]&63)) != 0 {
			for _, p := range m.by[c] {
				if strings.HasPrefix(s[i:], p) {
					return true
				}
			}
		}
	}
	return false
}
