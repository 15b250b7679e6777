package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold reduces a name to a key that ignores case, accents and the ways
// people type æ, ø and å without a Norwegian keyboard, so "BODØ", "Bodø",
// "bodo" and "Bodoe" all fold to "bodo", and "Ås", "Aas", "as" to "as".
// It is for matching names, not for display.
func Fold(s string) string { return fold(strings.TrimSpace(s), false) }

// FoldText folds the letters of a running text exactly as Fold does and
// keeps the rest (spaces, hyphens, punctuation), so patterns can still see
// words and sentence marks: "Når går fristen ut?" -> "nar gar fristen ut?".
// Patterns matched against it are written folded too ("datoer" is
// "dator", "does" is "dos").
func FoldText(s string) string { return fold(s, true) }

// fold is the one letter folding of the bot; text keeps what is not a
// letter or digit instead of dropping it.
func fold(s string, text bool) string {
	if foldsToItself(s, text) {
		return s // the common case (a verb, a command word): no copy
	}
	return foldRunes(s, text)
}

// foldsToItself reports whether fold would return s unchanged: ASCII
// without capitals, "oe" or "aa", and (for a name) nothing it drops. The
// router folds every verb and alias of a command per request to find the
// one typed, which was 13 allocations of a signed /rsvp.
func foldsToItself(s string, text bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf || 'A' <= c && c <= 'Z':
			return false
		case c == 'o' || c == 'a':
			if i+1 < len(s) && (s[i+1] == 'e' && c == 'o' || s[i+1] == 'a' && c == 'a') {
				return false
			}
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case !text:
			return false // dropped from a name
		}
	}
	return true
}

func foldRunes(s string, text bool) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == 'æ' || r == 'ä':
			b.WriteString("ae")
		case r == 'ø' || r == 'ö' || r == 'ó' || r == 'ò' || r == 'ô':
			b.WriteByte('o')
		case r == 'å' || r == 'á' || r == 'à' || r == 'â':
			b.WriteByte('a')
		case r == 'é' || r == 'è' || r == 'ê':
			b.WriteByte('e')
		case r == 'ü' || r == 'ú':
			b.WriteByte('u')
		case r == 'o' && next == 'e':
			// "oe" typed for ø
			b.WriteByte('o')
			i++
		case r == 'a' && next == 'a':
			// "aa" typed for å
			b.WriteByte('a')
			i++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case text:
			b.WriteRune(r)
		case r == '-' || unicode.IsSpace(r):
			// "Nord-Aurdal" == "nord aurdal" == "nordaurdal"
		default:
			// punctuation is dropped
		}
	}
	return b.String()
}

// SameName reports whether two names are the same once folded.
func SameName(a, b string) bool { return Fold(a) == Fold(b) }

// TitleName capitalises each part of a name typed in lower case
// ("nord-aurdal" -> "Nord-Aurdal"); names typed with capitals are kept.
func TitleName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s != strings.ToLower(s) {
		return s
	}
	rs := []rune(s)
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
		}
		up = r == ' ' || r == '-'
	}
	return string(rs)
}
