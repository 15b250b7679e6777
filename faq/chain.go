package faq

import (
	"context"
	"errors"
	"log/slog"
	"strings"
)

// Learner is an answerer that can be taught a new entry at run time (an
// admin's answer to an unanswered question).
type Learner interface {
	Learn(ctx context.Context, e Entry) error
}

// Chain answers from the FAQ first and, when the FAQ is not sure and the
// question is about the programme, from the documents. A failing document
// step never costs the user the FAQ's answer.
type Chain struct {
	FAQ  Answerer
	Docs Answerer // may be nil
	Log  *slog.Logger
}

// Answer implements Answerer.
func (c *Chain) Answer(ctx context.Context, question, lang string) (Answer, error) {
	a, err := c.FAQ.Answer(ctx, question, lang)
	if err != nil {
		return a, err
	}
	if a.Answered || a.OutOfScope || c.Docs == nil || strings.HasPrefix(strings.TrimSpace(question), "#") {
		return a, nil
	}
	// The documents speak bokmål and English; a nynorsk asker gets bokmål.
	dl := a.Lang
	if dl == "nn" {
		dl = "nb"
	}
	var d Answer
	if g, ok := c.Docs.(Grounder); ok {
		// With an LLM the FAQ grounds the model too: the entries it
		// ranked nearest go along with the document passages.
		d, err = g.AnswerWith(ctx, question, dl, c.related(a))
	} else {
		d, err = c.Docs.Answer(ctx, question, dl)
	}
	if err != nil {
		if c.Log != nil {
			c.Log.Warn("documents could not answer; keeping the FAQ's answer", "err", err)
		}
		return a, nil
	}
	if !d.Answered {
		return a, nil
	}
	if d.Question == "" {
		d.Question = question
	}
	if d.Lang == "" {
		d.Lang = a.Lang
	}
	if d.Path == "" {
		d.Path = "passage"
	}
	return d, nil
}

// Grounder is a document step that can also ground an answer on FAQ
// entries (faq/docs.Library with an LLM).
type Grounder interface {
	AnswerWith(ctx context.Context, question, lang string, entries []Entry) (Answer, error)
}

// related returns the FAQ entries behind an unsure answer's related topics,
// nearest first.
func (c *Chain) related(a Answer) []Entry {
	src, ok := c.FAQ.(interface{ Entry(id string) (Entry, bool) })
	if !ok {
		return nil
	}
	var out []Entry
	for _, r := range a.Related {
		if e, ok := src.Entry(r.ID); ok {
			out = append(out, e)
		}
	}
	return out
}

// Learn teaches the FAQ engine a new entry.
func (c *Chain) Learn(ctx context.Context, e Entry) error {
	if l, ok := c.FAQ.(Learner); ok {
		return l.Learn(ctx, e)
	}
	return errors.New("faq: this answerer cannot learn entries")
}

// Slow reports whether answering may take seconds (the documents step uses
// an LLM), so adapters acknowledge first.
func (c *Chain) Slow() bool {
	switch d := c.Docs.(type) {
	case interface{ Slow() bool }:
		return d.Slow()
	case interface{ LLMEnabled() bool }:
		return d.LLMEnabled()
	}
	return false
}
