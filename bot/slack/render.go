package slack

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
)

// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
// Going over any of them makes Slack reject the whole message, so the
// renderer cuts instead.
const (
	maxBlocks        = 50   // blocks per message
	maxSectionText   = 3000 // characters in a section's text
	maxHeaderText    = 150  // characters in a header
	maxFieldText     = 2000 // characters in one section field
	maxFields        = 10   // fields per section
	maxActions       = 25   // elements per actions block
	maxButtonLabel   = 75   // characters on a button
	maxButtonValue   = 2000 // characters in a button value
	maxContextText   = 3000 // characters in a context element
	maxModalTitle    = 24   // characters in a modal title and submit label
	maxFallbackText  = 3000 // characters in a message's top-level text
	maxInlineFile    = 2800 // bytes of a file shown inline as a code block
	maxInputLabel    = 2000 // characters in an input label
	maxSelectOptions = 100  // options in a static select
	maxOptionText    = 75   // characters in an option's text
)

// message is a Slack message payload: the body of a slash-command
// acknowledgement or a response_url post.
type message struct {
	ResponseType    string        `json:"response_type,omitempty"`
	ReplaceOriginal bool          `json:"replace_original,omitempty"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	// arena holds the blocks of an acknowledgement (ackMessage); nil
	// for any other message. releaseAck gives it back.
	arena *blockArena
}

// Render turns a reply into Block Kit: the fallback text (notifications,
// screen readers) and the blocks.
func Render(r bot.Reply) (string, []slack.Block) {
	return renderIn(r, nil)
}

// renderIn is Render with the blocks in ar (nil: on the heap).
func renderIn(r bot.Reply, ar *blockArena) (string, []slack.Block) {
	// Room for the usual reply (title, a section, fields, context and a
	// row of buttons) at once, not grown 1, 2, 4, 8.
	blocks := ar.blockSlice(min(4+len(r.Fields)/maxFields+2*len(r.Items), maxBlocks))
	add := func(b slack.Block) { blocks = append(blocks, b) }
	if r.Title != "" {
		add(ar.header(ar.text(slack.PlainTextType, bot.Cut(bot.PlainText(r.Title), maxHeaderText))))
	}
	text := r.Text
	if r.Error != nil && text != "" {
		text = ":warning: " + text
	}
	body := mention(r.Mention) + mrkdwn(text)
	for _, chunk := range split(body, maxSectionText) {
		add(ar.section(ar.text(slack.MarkdownType, chunk), nil))
	}
	if len(r.Fields) > 0 {
		var fs []*slack.TextBlockObject
		for _, f := range r.Fields {
			fs = append(fs, md(bot.Cut("*"+mrkdwn(f.Label)+"*\n"+mrkdwn(f.Value), maxFieldText)))
			if len(fs) == maxFields {
				add(slack.NewSectionBlock(nil, fs, nil))
				fs = nil
			}
		}
		if len(fs) > 0 {
			add(slack.NewSectionBlock(nil, fs, nil))
		}
	}
	// Reserve room for the blocks that come after the items, so a long
	// list loses rows rather than its context and buttons.
	tail := 0
	if r.Context != "" {
		tail++
	}
	tail += (len(r.Buttons) + maxActions - 1) / maxActions
	for i, it := range r.Items {
		need := 1
		if len(it.Buttons) > 0 {
			need = 2
		}
		if len(blocks)+need+tail+1 > maxBlocks { // +1: the "more" note
			add(ar.context(ar.text(slack.MarkdownType, messages.T(r.Lang, "slack.more", len(r.Items)-i))))
			break
		}
		add(ar.section(ar.text(slack.MarkdownType, bot.Cut(mrkdwn(it.Text), maxSectionText)), nil))
		if len(it.Buttons) > 0 {
			add(actions("item"+strconv.Itoa(i), it.Buttons, ar)[0])
		}
	}
	if r.Context != "" {
		add(ar.context(ar.text(slack.MarkdownType, bot.Cut(mrkdwn(r.Context), maxContextText))))
	}
	for _, b := range actions("main", r.Buttons, ar) {
		if len(blocks) < maxBlocks {
			add(b)
		}
	}
	if r.Title == "" && text == r.Text && text != "" {
		// The fallback is the section's text: rendered once.
		return bot.Cut(body, maxFallbackText), blocks
	}
	return fallback(r), blocks
}

// actions renders buttons as actions blocks of at most maxActions each.
// Every button's value is its command line; the action id only has to be
// unique within the message.
func actions(prefix string, bs []bot.Button, ar *blockArena) []slack.Block {
	if len(bs) == 0 {
		return nil
	}
	var out []slack.Block
	var els []slack.BlockElement
	buttons := ar.buttonSlice(len(bs))
	for i, b := range bs {
		bt := &buttons[i]
		bt.emoji = true
		bt.text = slack.TextBlockObject{Type: slack.PlainTextType, Text: bot.Cut(bot.PlainText(b.Label), maxButtonLabel), Emoji: &bt.emoji}
		bt.el = slack.ButtonBlockElement{Type: slack.METButton, ActionID: actionID(prefix, i), Value: bot.Cut(b.Command, maxButtonValue), Text: &bt.text}
		btn := &bt.el
		if els == nil {
			els = ar.elementSlice(min(len(bs)-i, maxActions))
		}
		switch b.Style {
		case "primary":
			btn.Style = slack.StylePrimary
		case "danger":
			btn.Style = slack.StyleDanger
		}
		els = append(els, btn)
		if len(els) == maxActions {
			out = append(out, ar.action(actionID(prefix, len(out)), els))
			els = nil
		}
	}
	if len(els) > 0 {
		out = append(out, ar.action(actionID(prefix, len(out)), els))
	}
	return out
}

// button is a button with its label: one allocation, not three (the
// element, its text object and the text's emoji flag): an answer's 👍/👎
// were a fifth of the adapter's allocations per /faq request.
type button struct {
	el    slack.ButtonBlockElement
	text  slack.TextBlockObject
	emoji bool
}

// mainIDs are the ids of the reply's own buttons and their blocks that
// nearly every message has (kb_main_0, kb_main_1): constants, not a new
// string per button.
var mainIDs = [...]string{"kb_main_0", "kb_main_1", "kb_main_2", "kb_main_3"}

func actionID(prefix string, i int) string {
	if prefix == "main" && i < len(mainIDs) {
		return mainIDs[i]
	}
	return "kb_" + prefix + "_" + strconv.Itoa(i)
}

// fallback is the plain text Slack shows in notifications and where blocks
// cannot be shown.
func fallback(r bot.Reply) string {
	s := r.Text
	if r.Title != "" {
		if s == "" {
			s = r.Title
		} else {
			s = r.Title + "\n" + s
		}
	}
	if s == "" && len(r.Items) > 0 {
		s = r.Items[0].Text
	}
	return bot.Cut(mention(r.Mention)+mrkdwn(s), maxFallbackText)
}

// renderMessage builds the payload for a slash-command acknowledgement or
// a response_url post.
func renderMessage(r bot.Reply) message {
	return renderMessageIn(r, nil)
}

// renderMessageIn is renderMessage with the blocks in ar (nil: on the
// heap).
func renderMessageIn(r bot.Reply, ar *blockArena) message {
	text, blocks := renderIn(withInlineFiles(r), ar)
	m := message{Text: text, Blocks: blocks, ResponseType: slack.ResponseTypeInChannel}
	if r.Private || r.Error != nil {
		m.ResponseType = slack.ResponseTypeEphemeral
	}
	return m
}

// withInlineFiles shows small text files as code blocks, so a short export
// needs no upload (which takes three API calls and files:write).
func withInlineFiles(r bot.Reply) bot.Reply {
	if len(r.Files) == 0 {
		return r
	}
	var keep []bot.File
	for _, f := range r.Files {
		if inlineable(f) {
			r.Text = strings.TrimSpace(r.Text + "\n*" + f.Name + "*\n```" + string(f.Content) + "```")
		} else {
			keep = append(keep, f)
		}
	}
	r.Files = keep
	return r
}

func inlineable(f bot.File) bool {
	return len(f.Content) <= maxInlineFile && utf8.Valid(f.Content) && !strings.Contains(string(f.Content), "```")
}

// renderView builds the modal for a form. The block and action ids are the
// field names, so submitted values and inline errors map back to them.
func renderView(f *bot.Form, meta string, lang bot.Lang) slack.ModalViewRequest {
	title := f.Title
	if title == "" {
		title = "kulturbot"
	}
	submit := f.Submit
	if submit == "" {
		submit = messages.T(lang, "slack.submit")
	}
	v := slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      callbackForm,
		Title:           plain(bot.Cut(title, maxModalTitle)),
		Submit:          plain(bot.Cut(submit, maxModalTitle)),
		Close:           plain(bot.Cut(messages.T(lang, "slack.cancel"), maxModalTitle)),
		PrivateMetadata: meta,
	}
	for _, fld := range f.Fields {
		var el slack.BlockElement
		ph := (*slack.TextBlockObject)(nil)
		if fld.Placeholder != "" {
			ph = plain(bot.Cut(fld.Placeholder, 150))
		}
		switch fld.Kind {
		case bot.FieldSelect:
			if len(fld.Options) == 0 {
				// No fixed choices: ask the bot while the user types
				// (block_suggestion), when the wiring gave us a Suggester.
				s := slack.NewOptionsSelectBlockElement(slack.OptTypeExternal, ph, fld.Name)
				zero := 0
				s.MinQueryLength = &zero
				if fld.Initial != "" {
					s.InitialOption = option(fld.Initial, fld.Initial)
				}
				el = s
				break
			}
			var opts []*slack.OptionBlockObject
			for i, o := range fld.Options {
				if i == maxSelectOptions {
					break
				}
				opts = append(opts, option(o.Label, o.Value))
			}
			s := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, ph, fld.Name, opts...)
			for _, o := range fld.Options {
				if fld.Initial != "" && (o.Value == fld.Initial || o.Label == fld.Initial) {
					s.InitialOption = option(o.Label, o.Value)
				}
			}
			el = s
		case bot.FieldDate:
			d := slack.NewDatePickerBlockElement(fld.Name)
			d.Placeholder = ph
			if t, ok := bot.ParseDate(fld.Initial); ok {
				d.InitialDate = t.Format("2006-01-02")
			}
			el = d
		case bot.FieldNumber:
			n := slack.NewNumberInputBlockElement(ph, fld.Name, false)
			if fld.Min != 0 || fld.Max != 0 {
				n.MinValue = fmt.Sprint(fld.Min)
			}
			if fld.Max != 0 {
				n.MaxValue = fmt.Sprint(fld.Max)
			}
			n.InitialValue = fld.Initial
			el = n
		default:
			p := slack.NewPlainTextInputBlockElement(ph, fld.Name)
			p.Multiline = fld.Kind == bot.FieldMultiline
			p.InitialValue = fld.Initial
			p.MaxLength = 3000
			el = p
		}
		in := slack.NewInputBlock(fld.Name, plain(bot.Cut(fld.Label, maxInputLabel)), nil, el)
		in.Optional = fld.Optional
		v.Blocks.BlockSet = append(v.Blocks.BlockSet, in)
	}
	return v
}

func option(label, value string) *slack.OptionBlockObject {
	return slack.NewOptionBlockObject(bot.Cut(value, 150), plain(bot.Cut(label, maxOptionText)), nil)
}

// formValues reads a submitted modal's state back into field values.
func formValues(st *slack.ViewState) map[string]string {
	out := map[string]string{}
	if st == nil {
		return out
	}
	for blockID, acts := range st.Values {
		for _, a := range acts {
			var v string
			switch {
			case a.SelectedOption.Value != "":
				v = a.SelectedOption.Value
			case a.SelectedDate != "":
				v = a.SelectedDate
			case len(a.SelectedOptions) > 0:
				var vs []string
				for _, o := range a.SelectedOptions {
					vs = append(vs, o.Value)
				}
				v = strings.Join(vs, ", ")
			default:
				v = a.Value
			}
			out[blockID] = v
		}
	}
	return out
}

// formMeta rides along in a modal's private_metadata: what to run on submit
// and where to confirm.
type formMeta struct {
	Command string   `json:"c"`
	Text    string   `json:"t,omitempty"`
	Channel string   `json:"ch,omitempty"`
	Thread  string   `json:"th,omitempty"`
	Fields  []string `json:"f,omitempty"`
}

func (m formMeta) encode() string {
	b, _ := json.Marshal(m)
	return string(b)
}

const callbackForm = "kulturbot_form"

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

func md(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

// split breaks long text into pieces of at most n characters, at paragraph
// or line ends where it can.
func split(s string, n int) []string {
	var out []string
	for strings.TrimSpace(s) != "" {
		// The common case, a reply shorter than the limit, is one piece
		// without turning the text into runes.
		if len(s) <= n || utf8.RuneCountInString(s) <= n {
			out = append(out, s)
			break
		}
		// The first n characters as a prefix of s itself: converting
		// to runes and back would turn each invalid byte into a
		// three-byte U+FFFD, and the cut would then fall past the end
		// of s (FuzzAppendMessage found it).
		cut := len(s)
		for i, c := 0, 0; i < len(s); c++ {
			if c == n {
				cut = i
				break
			}
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
		head := s[:cut]
		at := strings.LastIndex(head, "\n\n")
		if at < n/2 {
			at = strings.LastIndex(head, "\n")
		}
		if at < n/4 {
			at = len(head)
		}
		out = append(out, strings.TrimRight(head[:at], "\n"))
		s = strings.TrimLeft(s[at:], "\n")
	}
	return out
}

var (
	mdBold = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
)

// EscapeText is the one place where text of a bot.Reply becomes Slack
// mrkdwn. Every &, < and > is escaped, so nothing a user, a document or a
// model wrote can become a mention (<@U…>, <!channel>, <!here>), a link
// whose text hides its target (<url|text>) or a broken link (a usage line
// such as "/interesse trekk <id>"). Markup survives only as the bot writes
// it: *bold*, _italic_ and `code` (Markdown's **bold** becomes *bold*);
// [text](url) stays text, and a plain URL is still linked by Slack, showing
// where it goes. A mention the bot means is Reply.Mention, which the
// renderer writes itself. mrkdwn calls it for every span of a reply (the
// neutral format, bot.Spans), the bot's plain text and what others wrote
// (bot.Esc) alike.
func EscapeText(s string) string {
	if !strings.ContainsAny(s, "*<>&") {
		return s // the common case: nothing to convert or escape
	}
	// Only a text with "**" can hold a match: the regexp (and its ~1 KB
	// of stack on the connection's goroutine, payload) is skipped for the
	// others, with the same result.
	if strings.Contains(s, "**") {
		s = mdBold.ReplaceAllString(s, "*$1*")
	}
	return escape(s)
}

// mrkdwn renders reply text in the neutral format (bot.Spans) as Slack
// mrkdwn: the bot's marks become *bold*, _italic_, `code` and <url|text>;
// every other piece of text, the bot's plain text and what others wrote
// (bot.Esc) alike, goes through EscapeText.
func mrkdwn(s string) string {
	if !hasMarks(s) {
		return s // no marks, nothing to escape: the text as it is
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	spans := spanPool.Get().(*[]bot.Span)
	defer func() { clear(*spans); spanPool.Put(spans) }()
	*spans = bot.AppendSpans((*spans)[:0], s)
	for _, sp := range *spans {
		t := EscapeText(sp.Text)
		switch {
		case sp.URL != "":
			b.WriteString("<")
			b.WriteString(escape(sp.URL))
			b.WriteString("|")
			b.WriteString(strings.ReplaceAll(t, "|", "¦"))
			b.WriteString(">")
		case sp.Foreign:
			b.WriteString(t)
		case sp.Style == bot.StyleBold:
			b.WriteString("*")
			b.WriteString(t)
			b.WriteString("*")
		case sp.Style == bot.StyleItalic:
			b.WriteString("_")
			b.WriteString(t)
			b.WriteString("_")
		case sp.Style == bot.StyleCode:
			b.WriteString("`")
			b.WriteString(escape(sp.Text))
			b.WriteString("`")
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

// hasMarks is strings.ContainsAny(s, "*_`<>&\uE000\uE002") as one pass
// over the bytes. ContainsAny with a set that is not all ASCII looks every
// rune of the text up in the set: ≈ 5 µs for a /faq answer, 2 % of the
// request. An ASCII byte is always its own rune in UTF-8, and 0xEE (the
// sentinels' first byte) is never a continuation byte, so a byte match is
// a rune match.
func hasMarks(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '_', '`', '<', '>', '&':
			return true
		case 0xEE: // U+E000 and U+E002 are EE 80 80 and EE 80 82
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x80 || s[i+2] == 0x82) {
				return true
			}
		}
	}
	return false
}

// spanPool keeps the span slices mrkdwn reads a text into (a reply's spans
// were 1.2 KB of the 6 KB the adapter allocated per signed /rsvp).
var spanPool = sync.Pool{New: func() any { return new([]bot.Span) }}

// mention is how Slack writes a mention of a user the bot means to notify.
func mention(userID string) string {
	if userID == "" {
		return ""
	}
	return "<@" + escape(userID) + "> "
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escape(s string) string { return escaper.Replace(s) }
