// Package faq answers questions about the programme: the embedded FAQ corpus,
// Norwegian-aware text analysis, retrieval with a confidence, and (in
// faq/docs) answers from the framework documents, optionally through an LLM.
package faq

import "context"

// Answer is the outcome of answering one question.
type Answer struct {
	Question string  `json:"question"`
	Answered bool    `json:"answered"` // false: no sure answer (or declined)
	Text     string  `json:"answer"`
	Source   string  `json:"source"`
	Score    float64 `json:"score"` // confidence 0..1
	// Lang is the language of the answer text: "nb", "nn" (a nynorsk
	// question, answered from the entry's nynorsk text) or "en". Messages
	// from the bot's catalogue use bokmål for "nn".
	Lang string `json:"lang"`
	// Path says what answered: "faq", "passage", "llm"; "" when unanswered.
	Path string `json:"path,omitempty"`
	// EntryID is the FAQ entry (or document chunk) answered from.
	EntryID string `json:"entry_id,omitempty"`
	// OutOfScope is set when the question is not about the programme at all
	// (weather, other programmes, prompt injection): declined, not logged.
	OutOfScope bool `json:"out_of_scope,omitempty"`
	// Partial is set on an unanswered question for a detail the
	// programme document does not give (the hotel, the exact day): Text
	// says so and what the document does say (faq/scope_detail.go); the
	// question still goes to the working group.
	Partial   bool       `json:"partial,omitempty"`
	Citations []Citation `json:"citations,omitempty"`
	// Related are topics to offer as buttons when there is no sure answer.
	Related []Related `json:"related,omitempty"`
	// Parts are the questions a question of two (or more) in one was
	// split into, in the order asked (nil for one question).
	Parts []string `json:"parts,omitempty"`
	// Unanswered are the parts of such a question the answer does not
	// answer: not sure, or outside the programme. The answer says so
	// (handlers render one line for them), and a part the programme's
	// but not sure goes to the working group.
	Unanswered []Unanswered `json:"unanswered,omitempty"`
	// exact: the question is an entry's phrasing word for word (or an
	// entry id), which no rule of unsure.go overrides.
	exact bool
}

// Unanswered is a part of a two-part question left unanswered.
type Unanswered struct {
	Question string `json:"question"`
	// OutOfScope: the part is not about the programme (declined, not
	// queued); otherwise the engine had no sure answer to it.
	OutOfScope bool `json:"out_of_scope"`
	// Ask is what to pass on to the working group for a part that is
	// not out of scope: the part, or the whole question when the part
	// points back at an earlier one ("… og når skjer det?").
	Ask string `json:"-"`
}

// Citation points at the passage an answer used.
type Citation struct {
	N       int    `json:"n"` // [1], [2] in the answer text
	Doc     string `json:"doc"`
	Section string `json:"section,omitempty"`
	Page    int    `json:"page,omitempty"`
	URL     string `json:"url,omitempty"`
	Quote   string `json:"quote,omitempty"`
}

// Related is a topic suggestion: the entry's id and its main question.
type Related struct {
	ID       string `json:"id"`
	Question string `json:"question"`
}

// Answerer answers a question in a language ("nb" or "en"; "" = detect).
// The FAQ engine and the document library both implement it, so handlers
// can chain them: FAQ first, documents when the FAQ is not sure.
type Answerer interface {
	Answer(ctx context.Context, question, lang string) (Answer, error)
}
