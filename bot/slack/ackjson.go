package slack

import (
	"strconv"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// appendMessage appends m as encoding/json encodes it (json.Marshal's
// bytes: HTML characters escaped, no trailing newline) and reports true,
// or reports false and leaves dst's contents alone when m holds something
// it does not know. It knows exactly what Render builds for an answer:
// header, section, context and actions blocks with text objects and
// buttons. Why: encoding/json walks every block by reflection, and the
// blocks' elements through slack-go's MarshalJSON methods, which encode
// into a fresh buffer that the outer encoder then scans again; for a /faq
// acknowledgement that was ≈ 7 % of the request's CPU. TestAppendMessage
// checks it against encoding/json on every reply shape Render makes.
func appendMessage(dst []byte, m *message) ([]byte, bool) {
	out := dst
	out = append(out, '{')
	if m.ResponseType != "" {
		out = append(out, `"response_type":`...)
		out = appendJSONString(out, m.ResponseType)
		out = append(out, ',')
	}
	if m.ReplaceOriginal {
		out = append(out, `"replace_original":true,`...)
	}
	out = append(out, `"text":`...)
	out = appendJSONString(out, m.Text)
	if len(m.Blocks) > 0 {
		out = append(out, `,"blocks":[`...)
		for i, b := range m.Blocks {
			if i > 0 {
				out = append(out, ',')
			}
			var ok bool
			if out, ok = appendBlock(out, b); !ok {
				return dst[:len(dst)], false
			}
		}
		out = append(out, ']')
	}
	return append(out, '}'), true
}

func appendBlock(out []byte, b slack.Block) ([]byte, bool) {
	switch b := b.(type) {
	case *slack.HeaderBlock:
		if b == nil {
			return out, false
		}
		out = append(out, `{"type":`...)
		out = appendJSONString(out, string(b.Type))
		if b.Text != nil {
			out = append(out, `,"text":`...)
			out = appendTextObject(out, b.Text)
		}
		if b.BlockID != "" {
			out = append(out, `,"block_id":`...)
			out = appendJSONString(out, b.BlockID)
		}
		if b.Level != 0 {
			out = append(out, `,"level":`...)
			out = strconv.AppendInt(out, int64(b.Level), 10)
		}
		return append(out, '}'), true
	case *slack.SectionBlock:
		if b == nil || b.Accessory != nil {
			return out, false
		}
		out = append(out, `{"type":`...)
		out = appendJSONString(out, string(b.Type))
		if b.Text != nil {
			out = append(out, `,"text":`...)
			out = appendTextObject(out, b.Text)
		}
		if b.BlockID != "" {
			out = append(out, `,"block_id":`...)
			out = appendJSONString(out, b.BlockID)
		}
		if len(b.Fields) > 0 {
			out = append(out, `,"fields":[`...)
			for i, f := range b.Fields {
				if i > 0 {
					out = append(out, ',')
				}
				out = appendTextObject(out, f)
			}
			out = append(out, ']')
		}
		if b.Expand {
			out = append(out, `,"expand":true`...)
		}
		return append(out, '}'), true
	case *slack.ContextBlock:
		if b == nil {
			return out, false
		}
		out = append(out, `{"type":`...)
		out = appendJSONString(out, string(b.Type))
		if b.BlockID != "" {
			out = append(out, `,"block_id":`...)
			out = appendJSONString(out, b.BlockID)
		}
		out = append(out, `,"elements":`...)
		if b.ContextElements.Elements == nil {
			out = append(out, "null"...)
		} else {
			out = append(out, '[')
			for i, e := range b.ContextElements.Elements {
				t, ok := e.(*slack.TextBlockObject)
				if !ok || t == nil {
					return out, false
				}
				if i > 0 {
					out = append(out, ',')
				}
				out = appendTextObject(out, t)
			}
			out = append(out, ']')
		}
		return append(out, '}'), true
	case *slack.ActionBlock:
		if b == nil {
			return out, false
		}
		out = append(out, `{"type":`...)
		out = appendJSONString(out, string(b.Type))
		if b.BlockID != "" {
			out = append(out, `,"block_id":`...)
			out = appendJSONString(out, b.BlockID)
		}
		out = append(out, `,"elements":`...)
		if b.Elements == nil || b.Elements.ElementSet == nil {
			out = append(out, "null"...)
		} else {
			out = append(out, '[')
			for i, e := range b.Elements.ElementSet {
				btn, ok := e.(*slack.ButtonBlockElement)
				if !ok || btn == nil || btn.Confirm != nil || btn.VisibleToUserIDs != nil {
					return out, false
				}
				if i > 0 {
					out = append(out, ',')
				}
				out = appendButton(out, btn)
			}
			out = append(out, ']')
		}
		return append(out, '}'), true
	}
	return out, false
}

func appendButton(out []byte, b *slack.ButtonBlockElement) []byte {
	out = append(out, '{')
	if b.Type != "" {
		out = append(out, `"type":`...)
		out = appendJSONString(out, string(b.Type))
		out = append(out, ',')
	}
	out = append(out, `"text":`...)
	if b.Text == nil {
		out = append(out, "null"...)
	} else {
		out = appendTextObject(out, b.Text)
	}
	for _, f := range [...]struct{ key, val string }{
		{`,"action_id":`, b.ActionID},
		{`,"url":`, b.URL},
		{`,"value":`, b.Value},
		{`,"style":`, string(b.Style)},
		{`,"accessibility_label":`, b.AccessibilityLabel},
		{`,"agent_prompt":`, b.AgentPrompt},
		{`,"agent_prompt_display":`, b.AgentPromptDisplay},
	} {
		if f.val != "" {
			out = append(out, f.key...)
			out = appendJSONString(out, f.val)
		}
	}
	return append(out, '}')
}

func appendTextObject(out []byte, t *slack.TextBlockObject) []byte {
	if t == nil {
		return append(out, "null"...)
	}
	out = append(out, `{"type":`...)
	out = appendJSONString(out, t.Type)
	out = append(out, `,"text":`...)
	out = appendJSONString(out, t.Text)
	if t.Emoji != nil {
		out = append(out, `,"emoji":`...)
		out = strconv.AppendBool(out, *t.Emoji)
	}
	if t.Verbatim {
		out = append(out, `,"verbatim":true`...)
	}
	return append(out, '}')
}

// appendJSONString is encoding/json's string encoding with HTML escaping
// on (json.Marshal's and a default Encoder's): the same escapes, invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
