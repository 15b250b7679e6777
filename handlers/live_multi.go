package handlers

import (
	"context"
	"slices"
	"strings"

	"github.com/kulturskoleradet/kulturbot/faq"
)

// Two questions in one (issue 11, point 4) where one of them is the bot's
// own: "har Fauske svart, og når er fristen for å melde interesse?", "when
// is the next gathering and do we get travel support?". The FAQ splits
// and answers its own parts (faq/multi.go), but a question the live step
// took whole used to lose its other half, and one it did not take went to
// the FAQ whole, which answered the programme half alone. Here the
// question is split the way the FAQ splits it, each part is answered by
// the live step or the FAQ, and the answers come one after the other in
// the order asked. A part neither can answer surely is named in the
// answer's Unanswered — never answered with a guess — and the reply says
// so (faq_parts.go, the same line as for the FAQ's own two-part answers).

// liveParts are the questions text asks, or nil for one.
func liveParts(text string) []string {
	t := strings.TrimSpace(text)
	if !maybeTwo(t) {
		return nil
	}
	parts := faq.SplitQuestions(t)
	if len(parts) < 2 || len(parts) > 4 {
		return nil
	}
	return parts
}

// maybeTwo: t has a place where a second question could start (a
// question mark before the end, a semicolon, a new line, "og"/"and"/
// "samt"), so most questions skip the split.
func maybeTwo(t string) bool {
	if i := strings.IndexByte(t, '?'); i >= 0 && i < len(t)-1 && strings.TrimRight(t[i:], "?!. ") != "" {
		return true
	}
	return strings.ContainsAny(t, ";\n") || strings.Contains(t, " og ") || strings.Contains(t, " and ") ||
		strings.Contains(t, " samt ") || strings.Contains(t, " også ") || strings.Contains(t, " plus ") ||
		strings.Contains(t, " Og ") || strings.Contains(t, " And ")
}

// live answers q from the bot's own data (liveOne), part by part when it
// asks two questions and one of them is the bot's.
func (h *Handlers) live(ctx context.Context, q Query) (faq.Answer, bool, error) {
	var f feat
	a, ok, err := h.liveOne(ctx, q, &f)
	if err != nil || a.Path == PathSmallTalk {
		return a, ok, err
	}
	// A part can only be the bot's with one of the lexicon's topics (or
	// as "what can you do"): without one anywhere, the FAQ has it all —
	// the common case, decided before anything is split.
	if !ok && f&(topicMask|wCan) == 0 && !liveGateOff {
		return a, ok, err
	}
	// Background before the question ("eg melde interesse for feil
	// kommune i går. korleis fjernar eg den registreringa??", "new in
	// the arbeidsgruppe. how do I answer for my kommune?") kept the whole
	// from the bot's own step: its question sentences are asked alone,
	// and only an answer from the bot's data is taken (the FAQ reads the
	// whole message itself). The whole goes first, so context that names
	// the place ("jeg er fra Bodø. når er neste samling?") is read when it
	// can be.
	if !ok {
		qs, cut := faq.QuestionSentences(q.Text)
		if !cut {
			// A last question after sentences that read as questions
			// themselves ("Jeg … må vite hva kulturboten lagrer av
			// personopplysninger. Kan jeg se hva som er lagret om
			// meg?"): asked alone the same way.
			qs, cut = lastQuestionSentence(q.Text)
		}
		if cut {
			pq := q
			pq.Text = qs
			// The message's language, not the question sentence's alone.
			pq.Lang = liveLang(q.Text, liveNorm(q.Text), q.Lang)
			pa, pok, perr := h.liveOne(ctx, pq, nil)
			if perr != nil {
				return a, false, perr
			}
			if pok && pa.Path == PathData {
				pa.Question = q.Text
				return pa, true, nil
			}
		}
	}
	parts := liveParts(q.Text)
	if parts == nil {
		return a, ok, err
	}
	lang := a.Lang
	if lang == "" {
		lang = liveLang(q.Text, liveNorm(q.Text), q.Lang)
	}
	// The live step first, over every part: only when one of them is the
	// bot's does any part go to the FAQ here (otherwise the whole question
	// is the FAQ's, which splits it itself — asking it part by part as
	// well would run the engine up to four times for nothing).
	live := make([]faq.Answer, len(parts))
	taken := make([]bool, len(parts))
	mine := false
	for i, p := range parts {
		pq := q
		pq.Text, pq.Lang = p, lang
		pa, pok, err := h.liveOne(ctx, pq, nil)
		if err != nil {
			return a, false, err
		}
		live[i], taken[i] = pa, pok
		mine = mine || (pok && pa.Path == PathData)
	}
	if !mine {
		// None of the parts is the bot's: the whole question is the
		// FAQ's, or liveOne's answer stands.
		return a, ok, nil
	}
	var answers []faq.Answer
	var unanswered []faq.Unanswered
	allMine := true // every part the bot's own step's
	for i, p := range parts {
		switch {
		case taken[i] && live[i].Path == PathData:
			answers = append(answers, live[i])
			continue
		case taken[i]:
			continue // "hei" before the question
		}
		allMine = false
		switch {
		case h.FAQ == nil:
			if u, ok := faq.PartUnanswered(i, p, q.Text, false); ok {
				unanswered = append(unanswered, u)
			}
			continue
		}
		fa, err := h.FAQ.Answer(ctx, p, lang)
		if err != nil {
			return a, false, err
		}
		switch {
		case fa.Answered:
			answers = append(answers, fa)
			unanswered = append(unanswered, fa.Unanswered...)
		default:
			// "når er neste samling, og kan du skrive referatet fra
			// styremøtet?": the bot's part is answered, and the asker is
			// told that the other was not (never left to think both were).
			if u, ok := faq.PartUnanswered(i, p, q.Text, fa.OutOfScope); ok {
				unanswered = append(unanswered, u)
			}
		}
	}
	// The same answer twice ("hvor er samlinga, og når er den?") is one.
	var texts, sources []string
	for _, x := range answers {
		if slices.Contains(texts, x.Text) {
			continue
		}
		texts = append(texts, x.Text)
		if x.Source != "" && !slices.Contains(sources, x.Source) {
			sources = append(sources, x.Source)
		}
	}
	// One answer and nothing left over: the whole question's own answer
	// stands, unless the whole had none and every part was the bot's own
	// ("hi, new in the working group - what can kulturbot do? is there a
	// help command?" asks one thing twice). A part the FAQ read is not
	// dropped for it ("Hvordan bør jeg gå fram før vi melder interesse –
	// hvem i fylket bør jeg drøfte det med?" is the FAQ's as a whole).
	if len(texts) < 2 && len(unanswered) == 0 && (ok || !allMine) {
		return a, ok, nil
	}
	out := answers[0]
	out.Question, out.Path, out.Answered, out.Lang = q.Text, PathData, true, lang
	out.Text = strings.Join(texts, "\n\n")
	out.Source = strings.Join(sources, "; ")
	out.Related = nil
	out.Parts, out.Unanswered = parts, unanswered
	return out, true, nil
}

// lastQuestionSentence is the last sentence of text when it asks (ends
// with "?"), has at least three words and follows at least one other
// sentence: the question after the background.
func lastQuestionSentence(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, "?") {
		return "", false
	}
	body := strings.TrimRight(t, "?")
	i := strings.LastIndexAny(body, ".!?")
	if i <= 0 || i+1 >= len(t) || t[i+1] != ' ' {
		return "", false
	}
	// Not the dot of an abbreviation ("før vi evt. melder interesse –
	// hvem …", "f.eks.", "fylkesavd."): the word before it is a word.
	if body[i] == '.' {
		ws := strings.Fields(body[:i])
		if len(ws) == 0 {
			return "", false
		}
		w := strings.ToLower(ws[len(ws)-1])
		if len([]rune(w)) < 4 || strings.Contains(w, ".") || dotAbbrevs[w] {
			return "", false
		}
	}
	last := strings.TrimSpace(t[i+1:])
	if len(strings.Fields(last)) < 3 || strings.TrimSpace(body[:i]) == "" {
		return "", false
	}
	return last, true
}

// dotAbbrevs are abbreviations of four letters or more written with a dot
// in chat (shorter words are never taken as a sentence's end).
var dotAbbrevs = wordSet("fylkesavd kommunalsj evtl eventl inkl ekskl approx")
