package faq

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// questionSplitRE finds where one question ends and another begins: after
// a question mark, at a new line or semicolon, and at "og"/"and"/"samt"
// (after an optional comma) when a question word follows — or, in English,
// a yes/no question's opening ("… and is there a new round in autumn?",
// "… and do we get travel support?").
var questionSplitRE = relit.MustCompile(`(?i)\?+\s+|\n+|;\s*|,?\s+(?:og|and|samt|også|plus)\s+(?:(?:så|so|also|også)\s+)?(hva|hvem|hvor|når|naar|hvordan|hvorfor|hvilke|hvilken|hvilket|kva|kven|kor|korleis|kvifor|kva tid|what|who|where|when|how|why|which|is there|are there|will there|is it|do we|does it|can we|can i|should we|must we|do i)\b`)

// splitQuestions splits q into the questions it asks; one question is one
// part.
func splitQuestions(q string) []string { return splitQuestionsInto(nil, q) }

// splitQuestionsInto is splitQuestions appended to dst (Answer: a buffer
// on its stack).
func splitQuestionsInto(dst []string, q string) []string {
	parts := dst
	last := 0
	for _, m := range questionSplitRE.FindAllStringSubmatchIndex(q, -1) {
		end := m[1]
		if m[2] >= 0 {
			end = m[2] // the question word starts the next question
		}
		if p := strings.TrimSpace(q[last:m[0]]); p != "" {
			parts = append(parts, p)
		}
		last = end
	}
	if p := strings.TrimSpace(q[last:]); p != "" {
		parts = append(parts, p)
	}
	return parts
}

// SplitQuestions is splitQuestions for the bot's own step before the FAQ
// (handlers/live_multi.go), so both read "two questions in one" alike.
func SplitQuestions(q string) []string { return splitQuestions(q) }

// sureParts judges each part on its own and returns those the gate would
// answer, each entry once, in the order asked.
func (e *Engine) sureParts(ctx context.Context, parts []string, lang string) ([]*judgement, error) {
	var sure []*judgement
	seen := map[string]bool{}
	for _, p := range parts {
		j, err := e.judge(ctx, p, lang)
		if err != nil {
			for _, sj := range sure {
				sj.release()
			}
			return nil, err
		}
		if j.best == nil || j.noTopic || j.p < e.threshold() || seen[j.best.x.ID] {
			j.release()
			continue
		}
		seen[j.best.x.ID] = true
		sure = append(sure, j)
	}
	return sure, nil
}

// answerBoth answers two (or more) questions asked in one: the answers
// one after the other, the first entry as the answer's entry, every
// different source named, the confidence of the least sure.
func (e *Engine) answerBoth(ans Answer, js []*judgement) Answer {
	ans = e.answerWith(ans, js[0].best.x, js[0].p)
	texts := []string{ans.Text}
	sources := []string{ans.Source}
	for _, j := range js[1:] {
		texts = append(texts, j.best.x.Answer.In(ans.Lang))
		if src := j.best.x.Source; src != "" && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
		ans.Score = math.Min(ans.Score, round2(j.p))
	}
	ans.Text = strings.Join(texts, "\n\n")
	ans.Source = strings.Join(sources, "; ")
	return ans
}
