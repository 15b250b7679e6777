package slack

import (
	"sync"

	"github.com/slack-go/slack"
)

// blockArena holds the Block Kit objects of one acknowledgement: a /faq
// answer's section, context and row of two buttons were a dozen objects,
// ~900 bytes a request, and every byte a request allocates brings the
// next garbage collection closer (on one core the collector is the /faq
// tail: docs/operations.md, round 8). The ack's objects live only until
// its JSON is written, so they come from a pooled arena that releaseAck
// clears and gives back; a reply larger than the arena takes the rest
// from the heap, as Render always does. The methods are nil-safe: a nil
// arena allocates each object as slack-go's constructors do.
type blockArena struct {
	msg      message
	blocks   [6]slack.Block
	texts    [6]slack.TextBlockObject
	sections [3]slack.SectionBlock
	headers  [1]slack.HeaderBlock
	contexts [2]slack.ContextBlock
	mixed    [2]slack.MixedElement
	actions  [2]slack.ActionBlock
	elements [2]slack.BlockElements
	els      [4]slack.BlockElement
	buttons  [4]button
	yes      bool // the emoji flag of plain text objects

	blocksUsed, headersUsed bool
	nt, ns, nc, na, ne, nb  int
}

var blockArenas = sync.Pool{New: func() any { return new(blockArena) }}

func newBlockArena() *blockArena { return blockArenas.Get().(*blockArena) }

// release clears ar (nothing it held stays reachable through it) and
// gives it back. Nothing may use what it held afterwards.
func (ar *blockArena) release() {
	*ar = blockArena{}
	blockArenas.Put(ar)
}

// releaseAck gives back the arena of an acknowledgement once it is
// written (an ack that is not an arena's message is left alone).
func releaseAck(ack any) {
	if m, ok := ack.(*message); ok && m.arena != nil {
		m.arena.release()
	}
}

func (ar *blockArena) blockSlice(n int) []slack.Block {
	if ar == nil || ar.blocksUsed || n > len(ar.blocks) {
		return make([]slack.Block, 0, n)
	}
	ar.blocksUsed = true
	return ar.blocks[:0:len(ar.blocks)]
}

// text is slack.NewTextBlockObject(typ, s, typ == plain_text, false), as
// plain and md make them.
func (ar *blockArena) text(typ, s string) *slack.TextBlockObject {
	if ar == nil || ar.nt == len(ar.texts) {
		return slack.NewTextBlockObject(typ, s, typ == slack.PlainTextType, false)
	}
	t := &ar.texts[ar.nt]
	ar.nt++
	*t = slack.TextBlockObject{Type: typ, Text: s}
	if typ != slack.MarkdownType {
		ar.yes = true
		t.Emoji = &ar.yes
	}
	return t
}

// section is slack.NewSectionBlock(text, fields, nil).
func (ar *blockArena) section(text *slack.TextBlockObject, fields []*slack.TextBlockObject) *slack.SectionBlock {
	if ar == nil || ar.ns == len(ar.sections) {
		return slack.NewSectionBlock(text, fields, nil)
	}
	b := &ar.sections[ar.ns]
	ar.ns++
	*b = slack.SectionBlock{Type: slack.MBTSection, Text: text, Fields: fields}
	return b
}

// header is slack.NewHeaderBlock(text).
func (ar *blockArena) header(text *slack.TextBlockObject) *slack.HeaderBlock {
	if ar == nil || ar.headersUsed {
		return slack.NewHeaderBlock(text)
	}
	ar.headersUsed = true
	b := &ar.headers[0]
	*b = slack.HeaderBlock{Type: slack.MBTHeader, Text: text}
	return b
}

// context is slack.NewContextBlock("", el).
func (ar *blockArena) context(el slack.MixedElement) *slack.ContextBlock {
	if ar == nil || ar.nc == len(ar.contexts) {
		return slack.NewContextBlock("", el)
	}
	i := ar.nc
	ar.nc++
	ar.mixed[i] = el
	b := &ar.contexts[i]
	*b = slack.ContextBlock{Type: slack.MBTContext, ContextElements: slack.ContextElements{Elements: ar.mixed[i : i+1 : i+1]}}
	return b
}

// action is slack.NewActionBlock(id, els...).
func (ar *blockArena) action(id string, els []slack.BlockElement) *slack.ActionBlock {
	if ar == nil || ar.na == len(ar.actions) {
		return slack.NewActionBlock(id, els...)
	}
	i := ar.na
	ar.na++
	ar.elements[i] = slack.BlockElements{ElementSet: els}
	b := &ar.actions[i]
	*b = slack.ActionBlock{Type: slack.MBTAction, BlockID: id, Elements: &ar.elements[i]}
	return b
}

// elementSlice is an empty slice with room for n elements.
func (ar *blockArena) elementSlice(n int) []slack.BlockElement {
	if ar == nil || n > len(ar.els)-ar.ne {
		return make([]slack.BlockElement, 0, n)
	}
	s := ar.els[ar.ne : ar.ne : ar.ne+n]
	ar.ne += n
	return s
}

// buttonSlice is n zero buttons.
func (ar *blockArena) buttonSlice(n int) []button {
	if ar == nil || n > len(ar.buttons)-ar.nb {
		return make([]button, n)
	}
	s := ar.buttons[ar.nb : ar.nb+n : ar.nb+n]
	ar.nb += n
	return s
}
