package slack

import (
	"bytes"
	"errors"
	"unsafe"

	"github.com/slack-go/slack"
)

// form is the part of an application/x-www-form-urlencoded body the
// adapter reads: an interactivity payload, a slash command or Slack's
// certificate check. readForm fills it in one pass over the body, as
// url.ParseQuery would read it (the first value of a key wins for Get),
// without the map and the slice per key ParseQuery builds: a slash
// command's dozen fields were a fifth of the adapter's allocations.
type form struct {
	payload, sslCheck string
	cmd               slack.SlashCommand
}

var (
	errSemicolon = errors.New("invalid semicolon separator in query")
	errEscape    = errors.New("invalid URL escape")
)

// readForm parses body, which it owns: percent-escapes are decoded in
// place (a decoded value is never longer than its escaped form), and the
// values it returns are strings over body's bytes, which nothing may
// write to afterwards. So a form costs no allocation at all (the escaped
// question text and response_url were a copy each). Like url.ParseQuery
// it reads every pair even after a bad one and returns the first error.
func readForm(body []byte) (form, error) {
	var f form
	var first error
	seen := 0 // bit i: field i already has its first value
	for len(body) > 0 {
		var pair []byte
		if i := bytes.IndexByte(body, '&'); i >= 0 {
			pair, body = body[:i], body[i+1:]
		} else {
			pair, body = body, nil
		}
		if bytes.IndexByte(pair, ';') >= 0 {
			if first == nil {
				first = errSemicolon
			}
			continue
		}
		if len(pair) == 0 {
			continue
		}
		k, v := pair, []byte(nil)
		if i := bytes.IndexByte(pair, '='); i >= 0 {
			k, v = pair[:i], pair[i+1:]
		}
		k, err := unescapeInPlace(k)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		i, dst := f.field(bytesString(k))
		if v, err = unescapeInPlace(v); err != nil {
			// A key the adapter does not read is still checked, as
			// ParseQuery checks it.
			if first == nil {
				first = err
			}
			continue
		}
		if dst == nil || seen&(1<<i) != 0 {
			continue
		}
		seen |= 1 << i
		*dst = bytesString(v)
	}
	return f, first
}

// bytesString is b as a string without a copy; nothing may write to b
// afterwards.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// field is where key's value goes (nil: not read) and its bit in seen.
func (f *form) field(key string) (int, *string) {
	c := &f.cmd
	switch key {
	case "payload":
		return 0, &f.payload
	case "ssl_check":
		return 1, &f.sslCheck
	case "command":
		return 2, &c.Command
	case "text":
		return 3, &c.Text
	case "user_id":
		return 4, &c.UserID
	case "user_name":
		return 5, &c.UserName
	case "channel_id":
		return 6, &c.ChannelID
	case "channel_name":
		return 7, &c.ChannelName
	case "team_id":
		return 8, &c.TeamID
	case "team_domain":
		return 9, &c.TeamDomain
	case "enterprise_id":
		return 10, &c.EnterpriseID
	case "response_url":
		return 11, &c.ResponseURL
	case "trigger_id":
		return 12, &c.TriggerID
	case "api_app_id":
		return 13, &c.APIAppID
	}
	return 0, nil
}

// unescapeInPlace is url.QueryUnescape decoding into b itself: '+' is a
// space, %XX a byte, and a '%' without two hex digits after it an error
// (b is then left as it was). It returns the decoded prefix of b.
func unescapeInPlace(b []byte) ([]byte, error) {
	pct, plus := 0, false
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '%':
			if i+2 >= len(b) || !isHex(b[i+1]) || !isHex(b[i+2]) {
				return b, errEscape
			}
			pct++
			i += 2
		case '+':
			plus = true
		}
	}
	if pct == 0 && !plus {
		return b, nil
	}
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '%':
			c = unhex(b[i+1])<<4 | unhex(b[i+2])
			i += 2
		case '+':
			c = ' '
		}
		b[n] = c
		n++
	}
	return b[:n], nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
