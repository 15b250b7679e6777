package bot

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Args are the arguments of a command: positional words and key=value pairs.
//
//	/rsvp 3 ja 4 kommune="Nord-Aurdal" overnatting=nei
//
// gives Pos ["3","ja","4"] and Named {"kommune":"Nord-Aurdal","overnatting":"nei"}.
// Keys are lower-cased; values keep their case. Quotes may be "straight",
// “curly” or «guillemets», since phones and Norwegian keyboards insert them.
type Args struct {
	Pos   []string
	Named map[string]string
}

// MaxArgsLen bounds the text the parser accepts, so no command can make the
// bot chew on megabytes.
const MaxArgsLen = 4000

// ArgsKind says what the parser refused.
type ArgsKind string

// What ParseArgs refuses.
const (
	ArgsTooLong  ArgsKind = "toolong"  // over MaxArgsLen bytes
	ArgsQuote    ArgsKind = "quote"    // a quote is not closed; Text is the rest from it
	ArgsRepeated ArgsKind = "repeated" // a key=value key typed twice; Text is the key
)

// ArgsError is the parser's refusal. It carries no words: the handler
// says it in the asker's language (an invalid-input error).
type ArgsError struct {
	Kind ArgsKind
	Text string
}

func (e *ArgsError) Error() string { return "arguments: " + string(e.Kind) + ": " + e.Text }

// ErrorCode makes ArgsError an invalid-input error.
func (e *ArgsError) ErrorCode() Code { return EInvalid }

// ParseArgs splits text into Args. An unterminated quote, text over
// MaxArgsLen and a key typed twice ("kommune=Bodø kommune=Fauske", which
// would otherwise quietly answer for one of them) are *ArgsError.
func ParseArgs(text string) (Args, error) {
	if len(text) > MaxArgsLen {
		return Args{Named: map[string]string{}}, &ArgsError{Kind: ArgsTooLong}
	}
	if !utf8.ValidString(text) {
		// Invalid bytes become U+FFFD, as the rune-by-rune reading
		// always made them.
		return parseArgsRunes(text)
	}
	a := Args{Named: map[string]string{}}
	i := 0
	for i < len(text) {
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i >= len(text) {
			break
		}
		var key string
		var val tokenValue
		quoted := false
		// Read one token: up to unquoted whitespace.
		for i < len(text) {
			c, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(c) {
				break
			}
			if c == '=' && key == "" && !quoted && val.len() > 0 && isKey(val.string(text)) {
				key = strings.ToLower(val.string(text))
				val = tokenValue{}
				i += n
				continue
			}
			// A quote opens only at the start of a value, so an apostrophe
			// inside a word ("vi's", "Kari's") is just a letter.
			if close, ok := closingQuote(c); ok && val.len() == 0 && !quoted {
				quoted = true
				i += n
				start := i
				for i < len(text) {
					r, m := utf8.DecodeRuneInString(text[i:])
					if isClosing(r, close) {
						break
					}
					i += m
				}
				if i >= len(text) {
					return a, &ArgsError{Kind: ArgsQuote, Text: text[start-n:]}
				}
				val.add(text, start, i)
				_, m := utf8.DecodeRuneInString(text[i:])
				i += m // skip closing quote
				continue
			}
			val.add(text, i, i+n)
			i += n
		}
		if key != "" {
			if _, dup := a.Named[key]; dup {
				return a, &ArgsError{Kind: ArgsRepeated, Text: key}
			}
			a.Named[key] = strings.TrimSpace(val.string(text))
		} else if val.len() > 0 || quoted {
			if a.Pos == nil {
				// Room for every word left at once, not grown 1, 2, 4.
				a.Pos = make([]string, 0, 1+strings.Count(text[i:], " "))
			}
			a.Pos = append(a.Pos, val.string(text))
		}
	}
	return a, nil
}

// tokenValue is a token's value as ParseArgs reads it: a substring of the
// text while its pieces are contiguous (nearly always: an unquoted word,
// or a quoted one), copied only when they are not (`"a"b`). A
// strings.Builder per token was most of a command's parsing allocations.
type tokenValue struct {
	from, to int
	buf      []byte // the value once its pieces were not contiguous
	copied   bool
}

func (v *tokenValue) add(text string, from, to int) {
	switch {
	case v.copied:
		v.buf = append(v.buf, text[from:to]...)
	case v.from == v.to:
		v.from, v.to = from, to
	case v.to == from:
		v.to = to
	default:
		v.buf = append(append(v.buf, text[v.from:v.to]...), text[from:to]...)
		v.copied = true
	}
}

func (v *tokenValue) len() int {
	if v.copied {
		return len(v.buf)
	}
	return v.to - v.from
}

func (v *tokenValue) string(text string) string {
	if v.copied {
		return string(v.buf)
	}
	return text[v.from:v.to]
}

// parseArgsRunes is ParseArgs reading the text as runes (invalid UTF-8
// as U+FFFD), one strings.Builder per token.
func parseArgsRunes(text string) (Args, error) {
	a := Args{Named: map[string]string{}}
	rs := []rune(text)
	i := 0
	for i < len(rs) {
		for i < len(rs) && unicode.IsSpace(rs[i]) {
			i++
		}
		if i >= len(rs) {
			break
		}
		var key string
		var val strings.Builder
		quoted := false
		// Read one token: up to unquoted whitespace.
		for i < len(rs) && !unicode.IsSpace(rs[i]) {
			c := rs[i]
			if c == '=' && key == "" && !quoted && val.Len() > 0 && isKey(val.String()) {
				key = strings.ToLower(val.String())
				val.Reset()
				i++
				continue
			}
			// A quote opens only at the start of a value, so an apostrophe
			// inside a word ("vi's", "Kari's") is just a letter.
			if close, ok := closingQuote(c); ok && val.Len() == 0 && !quoted {
				quoted = true
				i++
				start := i
				for i < len(rs) && !isClosing(rs[i], close) {
					i++
				}
				if i >= len(rs) {
					return a, &ArgsError{Kind: ArgsQuote, Text: string(rs[start-1:])}
				}
				val.WriteString(string(rs[start:i]))
				i++ // skip closing quote
				continue
			}
			val.WriteRune(c)
			i++
		}
		if key != "" {
			if _, dup := a.Named[key]; dup {
				return a, &ArgsError{Kind: ArgsRepeated, Text: key}
			}
			a.Named[key] = strings.TrimSpace(val.String())
		} else if val.Len() > 0 || quoted {
			a.Pos = append(a.Pos, val.String())
		}
	}
	return a, nil
}

func isKey(s string) bool {
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}

func closingQuote(r rune) (rune, bool) {
	switch r {
	case '"':
		return '"', true
	case '“', '”':
		return '”', true
	case '«':
		return '»', true
	case '\'':
		return '\'', true
	case '‘', '’':
		return '’', true
	}
	return 0, false
}

func isClosing(r, close rune) bool {
	switch close {
	case '”':
		return r == '”' || r == '“' || r == '"'
	case '’':
		return r == '’' || r == '‘' || r == '\''
	}
	return r == close
}

// Set stores a named value (lower-cased key).
func (a *Args) Set(key, val string) {
	if a.Named == nil {
		a.Named = map[string]string{}
	}
	a.Named[strings.ToLower(key)] = val
}

// Get returns the first named value found under any of the keys (so English
// aliases work: Get("antall","count")).
func (a Args) Get(keys ...string) (string, bool) {
	for _, k := range keys {
		if v, ok := a.Named[k]; ok {
			return v, true
		}
	}
	return "", false
}

// Arg returns positional argument i, or "".
func (a Args) Arg(i int) string {
	if i < len(a.Pos) {
		return a.Pos[i]
	}
	return ""
}

// Rest joins positional arguments from i on with spaces.
func (a Args) Rest(i int) string {
	if i >= len(a.Pos) {
		return ""
	}
	return strings.Join(a.Pos[i:], " ")
}

// Unknown returns named keys not in allowed (for "unknown argument" errors).
func (a Args) Unknown(allowed ...string) []string {
	var out []string
	for k := range a.Named {
		ok := false
		for _, al := range allowed {
			if k == al {
				ok = true
				break
			}
		}
		if !ok {
			out = append(out, k)
		}
	}
	return out
}

// ParseID parses a short record id as people type it: "3" or "#3".
func ParseID(s string) (int64, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// SplitList splits "a, b og c" / "a; b" into trimmed non-empty names.
func SplitList(s string) []string {
	f := func(r rune) bool { return r == ',' || r == ';' || r == '\n' }
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		// "Bodø og Vefsn" / "Bodø and Vefsn" as the last separator.
		for _, q := range splitWord(p, " og ", " and ", " & ") {
			if q = strings.TrimSpace(q); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

func splitWord(s string, seps ...string) []string {
	parts := []string{s}
	for _, sep := range seps {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	return parts
}
