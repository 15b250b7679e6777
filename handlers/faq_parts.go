package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Two questions in one, one of them not answered (issue 11, point 4).
// Whichever step answered the rest — the FAQ (faq/multi.go) or the bot's
// own data (live_multi.go) — names the parts it left in the answer's
// Unanswered, and the reply says so here, in one place: one line for the
// parts outside the programme (not echoed: they are not the bot's), and
// one per part that is the programme's but had no sure answer, quoted as
// typed (escaped: the asker wrote it) and, in chat, passed on to the
// working group like any unanswered question (one open case per question,
// counted). The asker is never left to think the answer covers it all.

// partsText is ans.Text with the line(s) for its unanswered parts; cases
// are the working group's case numbers of the parts passed on, in the
// order of ans.Unanswered (0 or missing: not passed on — `kulturbot ask`,
// or the write failed).
func partsText(ans faq.Answer, cases []int64) string {
	if len(ans.Unanswered) == 0 {
		return ans.Text
	}
	var b strings.Builder
	b.WriteString(ans.Text)
	outside := 0
	for i, u := range ans.Unanswered {
		if u.OutOfScope {
			outside++
			continue
		}
		b.WriteString("\n\n")
		part := bot.Esc(bot.Cut(u.Question, 200))
		if i < len(cases) && cases[i] > 0 {
			b.WriteString(pt(ans.Lang, "faq.part.queued", part, cases[i]))
		} else {
			b.WriteString(pt(ans.Lang, "faq.part.unsure", part))
		}
	}
	switch {
	case outside == 1:
		b.WriteString("\n\n" + pt(ans.Lang, "faq.part.outside"))
	case outside > 1:
		b.WriteString("\n\n" + pt(ans.Lang, "faq.part.outside.many"))
	}
	return b.String()
}

// queueParts passes the parts of ans that are the programme's but had no
// sure answer on to the working group, as questions of their own (the
// same part asked again is the same case, its count up), and returns
// their case numbers in the order of ans.Unanswered (0 for a part outside
// the programme, or one that could not be stored: the reply then says it
// was not answered, without a case number).
func (h *Handlers) queueParts(ctx context.Context, req *bot.Request, ans faq.Answer, lang bot.Lang) []int64 {
	var cases []int64
	for i, u := range ans.Unanswered {
		if u.OutOfScope {
			continue
		}
		if cases == nil {
			cases = make([]int64, len(ans.Unanswered))
		}
		// A part that points back at an earlier one ("… og når skjer
		// det?") is passed on with the whole question (faq.Unanswered.Ask).
		text := u.Ask
		if text == "" {
			text = u.Question
		}
		id, err := h.DB.AddQuestion(ctx, store.Question{Question: text, Lang: string(lang), Asker: store.AuthorOf(req), Channel: req.Channel, Thread: req.Thread})
		if err != nil {
			h.Log.Warn("unanswered part not passed on", "req", req.ID, "err", err)
			continue
		}
		cases[i] = id
	}
	return cases
}

// pt is the part lines' message key in lang ("nb", "nn", "en").
func pt(lang, key string, args ...any) string {
	m := partMsgs[key]
	s := m[0]
	switch lang {
	case "nn":
		s = m[1]
	case "en":
		s = m[2]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// partMsgs: bokmål, nynorsk, English.
var partMsgs = map[string][3]string{
	"faq.part.outside": {
		"Én del av spørsmålet ligger utenfor det jeg kan svare på (Fremtidens kulturskole og de regionale programmene), så den har jeg ikke svart på.",
		"Éin del av spørsmålet ligg utanfor det eg kan svare på (Fremtidens kulturskole og dei regionale programma), så den har eg ikkje svart på.",
		"One part of your question is outside what I can answer (Fremtidens kulturskole and its regional programmes), so I have not answered it."},
	"faq.part.outside.many": {
		"Noen deler av spørsmålet ligger utenfor det jeg kan svare på (Fremtidens kulturskole og de regionale programmene), så dem har jeg ikke svart på.",
		"Nokre delar av spørsmålet ligg utanfor det eg kan svare på (Fremtidens kulturskole og dei regionale programma), så dei har eg ikkje svart på.",
		"Some parts of your question are outside what I can answer (Fremtidens kulturskole and its regional programmes), so I have not answered them."},
	"faq.part.unsure": {
		"På «%s» har jeg ikke noe sikkert svar.",
		"På «%s» har eg ikkje noko sikkert svar.",
		"I don't have a sure answer to “%s”."},
	"faq.part.queued": {
		"På «%s» har jeg ikke noe sikkert svar, så det har jeg sendt videre til arbeidsgruppen (sak #%d). Du får beskjed her når de har svart.",
		"På «%s» har eg ikkje noko sikkert svar, så det har eg sendt vidare til arbeidsgruppa (sak #%d). Du får melding her når dei har svart.",
		"I don't have a sure answer to “%s”, so I have passed it on to the working group (case #%d). You will hear back here when they have answered."},
}
