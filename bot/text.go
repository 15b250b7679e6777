package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The neutral reply format.
//
// The texts of a Reply (Title, Text, Fields, Items, Context, button
// labels) are plain text with a small set of marks that only the bot
// writes:
//
//	*bold*   _italic_   `code`   Link(text, url)
//
// Text that users, documents or a model wrote is wrapped with Esc when it
// is put into a reply (Esc(g.Name), Esc(answer)). Inside Esc nothing is a
// mark: its *, _, `, <, @everyone and so on are shown as typed. Each adapter
// renders the spans (Spans) to its own markup in one place — Slack mrkdwn,
// Discord markdown, plain console text — escaping the others' text for its
// platform; no adapter converts another platform's markup.
//
// The marks are read in the bot's text only: a * or _ opens a mark when
// the next character is not a space and a matching closer follows on the
// same line after a non-space, and _ only at a word's edge (so
// "mine_data" and "2 * 3" stay as they are). Esc and Link use characters
// from Unicode's private use area that people do not type; EscText strips
// them from foreign text, so nobody can fake a span.

const (
	escOpen   = '\uE000' // Esc(s): escOpen s escClose
	escClose  = '\uE001'
	linkOpen  = '\uE002' // Link(text, url): linkOpen url linkMid text linkClose
	linkMid   = '\uE003'
	linkClose = '\uE004'
)

// Esc marks s as written by someone other than the bot: it is shown as
// typed, never read as marks, mentions or links.
func Esc(s string) string {
	if s == "" {
		return ""
	}
	return string(escOpen) + stripSentinels(s) + string(escClose)
}

// Link is a link the bot makes: text shown, url opened. The url should be
// one the bot built (a dashboard or calendar address).
func Link(text, url string) string {
	return string(linkOpen) + stripSentinels(url) + string(linkMid) + stripSentinels(text) + string(linkClose)
}

func stripSentinels(s string) string {
	if !strings.ContainsAny(s, "\uE000\uE001\uE002\uE003\uE004") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= escOpen && r <= linkClose {
			return -1
		}
		return r
	}, s)
}

// Style is how a span is shown.
type Style uint8

// Span styles.
const (
	StylePlain Style = iota
	StyleBold
	StyleItalic
	StyleCode
)

// Span is a piece of reply text: the bot's own (Foreign false) in a style,
// someone else's (Foreign true, always StylePlain), or a link (URL set).
type Span struct {
	Text    string
	Style   Style
	Foreign bool
	URL     string
}

// Spans splits reply text into its spans, for an adapter to render.
func Spans(s string) []Span { return AppendSpans(nil, s) }

// AppendSpans appends the spans of s to out: an adapter rendering every
// reply can reuse one slice (a reply's spans were a fifth of the bytes a
// signed /rsvp allocated in the Slack adapter).
func AppendSpans(out []Span, s string) []Span {
	for s != "" {
		i := strings.IndexAny(s, "\uE000\uE002")
		if i < 0 {
			out = appendMarks(out, s)
			break
		}
		out = appendMarks(out, s[:i])
		r, n := utf8.DecodeRuneInString(s[i:])
		rest := s[i+n:]
		if r == escOpen {
			end := strings.IndexRune(rest, escClose)
			if end < 0 {
				end = len(rest)
			}
			if t := stripSentinels(rest[:end]); t != "" {
				out = append(out, Span{Text: t, Foreign: true})
			}
			s = skip(rest, end, escClose)
			continue
		}
		mid := strings.IndexRune(rest, linkMid)
		end := strings.IndexRune(rest, linkClose)
		if mid < 0 || end < mid {
			s = stripSentinels(rest)
			continue
		}
		out = append(out, Span{URL: rest[:mid], Text: rest[mid+utf8.RuneLen(linkMid) : end]})
		s = skip(rest, end, linkClose)
	}
	return out
}

// skip returns rest after the closing sentinel at end.
func skip(rest string, end int, close rune) string {
	if end >= len(rest) {
		return ""
	}
	return rest[end+utf8.RuneLen(close):]
}

// appendMarks appends the spans of the bot's *bold*, _italic_ and `code`
// in s to out.
func appendMarks(out []Span, s string) []Span {
	plain := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Style == StylePlain && !out[n-1].Foreign && out[n-1].URL == "" {
			out[n-1].Text += t // only after a stripped sentinel: rare
			return
		}
		out = append(out, Span{Text: t})
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c != '*' && c != '_' && c != '`' {
			i++
			continue
		}
		if end, ok := closer(s, i); ok {
			plain(s[start:i])
			style := StyleBold
			switch c {
			case '_':
				style = StyleItalic
			case '`':
				style = StyleCode
			}
			out = append(out, Span{Text: s[i+1 : end], Style: style})
			i = end + 1
			start = i
			continue
		}
		i++
	}
	plain(s[start:])
	return out
}

// closer finds the end of the mark opened at s[i], if it is one.
func closer(s string, i int) (int, bool) {
	c := s[i]
	next, _ := utf8.DecodeRuneInString(s[i+1:])
	if i+1 >= len(s) || unicode.IsSpace(next) || next == rune(c) {
		return 0, false
	}
	if c == '_' && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
			return 0, false // mine_data
		}
	}
	if c != '`' && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if prev == rune(c) {
			return 0, false
		}
	}
	for j := i + 1; j < len(s); j++ {
		if s[j] == '\n' {
			return 0, false
		}
		if s[j] != c {
			continue
		}
		if c == '`' {
			return j, true
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		if unicode.IsSpace(prev) {
			continue
		}
		if c == '_' && j+1 < len(s) {
			after, _ := utf8.DecodeRuneInString(s[j+1:])
			if unicode.IsLetter(after) || unicode.IsDigit(after) {
				continue
			}
		}
		return j, true
	}
	return 0, false
}

// PlainText is reply text without marks or sentinels: what a platform
// shows where it renders no markup (notifications, titles, logs).
func PlainText(s string) string {
	if !strings.ContainsAny(s, "*_`\uE000\uE002") {
		return s
	}
	var b strings.Builder
	for _, sp := range Spans(s) {
		b.WriteString(sp.Text)
		if sp.URL != "" {
			b.WriteString(" (" + sp.URL + ")")
		}
	}
	return b.String()
}

// Cut shortens s to at most n characters (runes, as the platforms count
// their limits), marking the cut with an ellipsis. It is the one
// truncation helper: adapters, digests, buttons and events all use it.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}

// CutWords is Cut at a word boundary (in the second half of the room),
// without a dangling comma, semicolon or colon: for snippets of prose.
func CutWords(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n-1]
	at := len(rs)
	for i := len(rs) - 1; i > n/2; i-- {
		if rs[i] == ' ' {
			at = i
			break
		}
	}
	return strings.TrimRight(string(rs[:at]), " ,;:") + "…"
}
