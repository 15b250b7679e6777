package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/store"
)

// maxQuestion bounds what we store and search; nobody asks 2,000 characters.
const maxQuestion = 2000

// ask answers a question: the answer with its source and feedback buttons,
// an honest "not sure, passed on" with related topics (and the question
// logged for the working group), or a polite decline when it is not about
// the programme.
func (h *Handlers) ask(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	q := withoutFAQWord(strings.TrimSpace(req.Text))
	if q == "" {
		return bot.Reply{Text: t(req, "faq.usage"), Private: true}, nil
	}
	if utf8.RuneCountInString(q) > maxQuestion {
		return bot.Reply{}, &bot.Error{Code: bot.EInvalid, Message: t(req, "faq.err.toolong", maxQuestion)}
	}
	// "rsvp 1 ja 2" is a command that lost its slash, not a question.
	if rep, ok := h.slashless(req, q); ok {
		return rep, nil
	}
	// What the bot knows itself (its gatherings, its commands) and small
	// talk come before the FAQ; a failing lookup costs only that step.
	ans, live, err := h.live(ctx, Query{Text: q, Lang: string(req.Lang), Now: req.Now(), Admin: req.User.Admin, User: req.UserKey()})
	if err != nil {
		h.Log.Warn("live answer failed; asking the FAQ", "req", req.ID, "err", err)
		live = false
	}
	if !live {
		if h.FAQ == nil {
			return bot.Reply{Text: t(req, "faq.none"), Private: true}, nil
		}
		// The question's own language wins; the platform locale decides when
		// the text does not tell ("økonomi?").
		ans, err = h.FAQ.Answer(ctx, q, string(req.Lang))
		if err != nil {
			return bot.Reply{}, bot.Internal(err)
		}
	}
	// lang is what is stored with the answer and the question, bokmål or
	// English as always; say is the language of the reply's own words,
	// the answer's (nynorsk too).
	lang := bot.Lang(ans.Lang)
	if lang != bot.EN {
		lang = bot.NB
	}
	say := bot.Lang(ans.Lang)
	author := store.AuthorOf(req)
	logged := store.AnswerLog{Question: q, Lang: string(lang), Answered: ans.Answered, Path: ans.Path,
		EntryID: ans.EntryID, Score: ans.Score, Answer: ans.Text, Author: author}

	switch {
	case ans.Answered:
		h.Metrics.FAQResult(bot.FAQAnswered)
		rep := bot.Reply{Text: ans.Text, Context: sourceLine(ans, say), Lang: lang}
		// Logged behind the answer (store/answerlog.go): the id is known
		// at once, the row is written in the writer's next transaction.
		id, err := h.DB.LogAnswerLater(ctx, logged)
		if err != nil {
			// The answer is still right; only the feedback buttons need the
			// log (and a replay passes no part on twice).
			h.Log.Warn("answer not logged", "req", req.ID, "err", err)
			rep.Text = partsText(ans, nil)
			return rep, nil
		}
		// Two questions in one, a part not answered (faq_parts.go): said,
		// and passed on to the working group when it is the programme's.
		rep.Text = partsText(ans, h.queueParts(ctx, req, ans, lang))
		up, down := voteCommands(id)
		rep.Buttons = []bot.Button{
			{Label: "👍", Command: up},
			{Label: "👎", Command: down},
		}
		return rep, nil

	case ans.OutOfScope || ans.Path == PathSmallTalk:
		// Declined or small talk: recorded in the answer log (so declines
		// can be counted) but not a question for the working group. Small
		// talk is counted as itself: a "hei" is not a declined question.
		if ans.Path == PathSmallTalk {
			h.Metrics.FAQResult(bot.FAQSmallTalk)
		} else {
			h.Metrics.FAQResult(bot.FAQDeclined)
		}
		logged.Answer = ""
		if _, err := h.DB.LogAnswerLater(ctx, logged); err != nil {
			h.Log.Warn("answer not logged", "req", req.ID, "err", err)
		}
		return bot.Reply{Text: ans.Text, Lang: lang}, nil
	}

	// Logged and handed to the working group in one write: if it fails,
	// nothing is kept (the request's event id neither), so a retry asks
	// again.
	logged.Answer = ""
	qid, err := h.DB.LogUnsure(ctx, logged, store.Question{Question: q, Lang: string(lang), Asker: author, Channel: req.Channel, Thread: req.Thread})
	if err != nil {
		return bot.Reply{}, err
	}
	h.Metrics.FAQResult(bot.FAQUnsure)
	rep := bot.Reply{Text: Text(say, "faq.unsure", qid), Lang: lang}
	if ans.Partial {
		// A detail the programme document does not give: say so, and
		// what it does say, before passing the question on.
		rep.Text = ans.Text + "\n\n" + Text(say, "faq.unsure.partial", qid)
	}
	for _, r := range ans.Related {
		rep.Buttons = append(rep.Buttons, bot.Button{Label: bot.Cut(r.Question, 70), Command: "/faq #" + r.ID})
	}
	if len(rep.Buttons) > 0 {
		rep.Context = Text(say, "faq.related")
	}
	return rep, nil
}

// voteCommands are the feedback buttons' commands for answer id,
// "/kulturbot stemme <id> opp" and "… ned", in one allocation (they were
// three strings).
func voteCommands(id int64) (up, down string) {
	const cmd = "/kulturbot stemme "
	var num [20]byte
	n := strconv.AppendInt(num[:0], id, 10)
	var b strings.Builder
	b.Grow(2 * (len(cmd) + len(n) + len(" opp")))
	for _, dir := range [...]string{" opp", " ned"} {
		b.WriteString(cmd)
		b.Write(n)
		b.WriteString(dir)
	}
	s := b.String()
	return s[:len(s)/2], s[len(s)/2:]
}

// sourceLine is the small print under an answer: where it comes from, in
// lang ("nb", "nn", "en").
func sourceLine(a faq.Answer, lang bot.Lang) string {
	// An answer with citations (documents, or the model citing FAQ
	// entries) names them once; its Source is the same list in short.
	if len(a.Citations) > 0 {
		var parts []string
		for _, c := range a.Citations {
			s := fmt.Sprintf("[%d] %s", c.N, c.Doc)
			if c.Page > 0 {
				s += Text(lang, "faq.page", c.Page)
			}
			if c.URL != "" {
				s += " " + c.URL
			}
			parts = append(parts, s)
		}
		return Text(lang, "faq.source", strings.Join(parts, " · "))
	}
	if a.Source != "" {
		return Text(lang, "faq.source", a.Source)
	}
	return ""
}

// subQuestions lists the open questions with who asked, where and when.
func (h *Handlers) subQuestions(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if !req.User.Admin {
		return bot.Reply{}, &bot.Error{Code: bot.EForbidden, Message: bot.T(req.Lang, "error.forbidden")}
	}
	qs, err := h.DB.OpenQuestions(ctx, 50)
	if err != nil {
		return bot.Reply{}, err
	}
	if len(qs) == 0 {
		return bot.Reply{Text: t(req, "faq.q.none"), Private: true}, nil
	}
	rep := bot.Reply{Title: t(req, "faq.q.title", len(qs)), Private: true, Context: t(req, "faq.q.how")}
	for _, q := range qs {
		who := q.Asker.Name
		if who == "" {
			who = q.Asker.Key
		}
		if who == "" {
			who = t(req, "faq.q.someone")
		}
		where := string(q.Asker.Platform)
		// The console has one channel, also called console: say it once.
		if q.Channel != "" && q.Channel != where {
			where += " " + q.Channel
		}
		line := fmt.Sprintf("#%d «%s» – %s (%s), %s", q.ID, bot.Cut(q.Question, 300), who, where, bot.FormatDateTime(q.Created, req.Lang))
		if q.Asks > 1 {
			line += " · " + t(req, "faq.q.asks", q.Asks)
		}
		rep.Items = append(rep.Items, bot.Item{Text: line})
	}
	return rep, nil
}

// subAnswer answers an open question: the asker gets the answer where they
// asked, and (unless --ikke-faq) the answer becomes an FAQ entry that is
// indexed at once.
func (h *Handlers) subAnswer(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/kulturbot svar 12 Ja, dere kan ta med en ekstra person. [--ikke-faq]"
	if !req.User.Admin {
		return bot.Reply{}, &bot.Error{Code: bot.EForbidden, Message: bot.T(req.Lang, "error.forbidden")}
	}
	idText, text, noFAQ := splitAnswer(req.Text, args)
	if strings.TrimSpace(idText) == "" {
		return bot.Reply{}, bad(req, "id", ex, "faq.err.noid")
	}
	id, ok := bot.ParseID(idText)
	if !ok {
		return bot.Reply{}, bad(req, "id", ex, "faq.err.id", idText)
	}
	if text == "" {
		return bot.Reply{}, bad(req, "svar", ex, "faq.err.notext")
	}
	q, err := h.DB.Question(ctx, id)
	if err != nil {
		return bot.Reply{}, err
	}
	var entry *store.FAQEntry
	if !noFAQ {
		entry = &store.FAQEntry{
			ID: fmt.Sprintf("svar-%d", id), Section: "Svar fra arbeidsgruppen", Question: q.Question,
			AnswerNB: text, AnswerEN: text, Lang: q.Lang,
			Source: messages.T(bot.Lang(q.Lang), "faq.learned.source", id, bot.FormatDate(req.Now(), bot.Lang(q.Lang))),
		}
	}
	q, err = h.DB.AnswerQuestion(ctx, id, text, store.AuthorOf(req), entry)
	if err != nil {
		return bot.Reply{}, err
	}
	var notes []string
	if entry != nil {
		if l, ok := h.FAQ.(faq.Learner); ok {
			e := faq.Entry{ID: entry.ID, Section: entry.Section, Questions: []string{entry.Question},
				Answer: faq.Texts{NB: entry.AnswerNB, EN: entry.AnswerEN}, Source: entry.Source, Learned: true}
			if err := l.Learn(ctx, e); err != nil {
				h.Log.Warn("learned entry not indexed (it is stored and loads at next start)", "req", req.ID, "entry", entry.ID, "err", err)
			}
		}
		notes = append(notes, t(req, "faq.svar.learned", entry.ID))
	}
	rep := bot.Reply{Private: true}
	// Everyone who asked the same question hears the answer, where they
	// asked it.
	if n, ok := answerNotice(q, text); ok {
		rep.Notices = append(rep.Notices, n)
	}
	for _, o := range q.Others {
		oq := q
		oq.Question, oq.Lang, oq.Asker, oq.Channel, oq.Thread = o.Question, o.Lang, o.Asker, o.Channel, o.Thread
		if n, ok := answerNotice(oq, text); ok {
			rep.Notices = append(rep.Notices, n)
		}
	}
	switch {
	case len(rep.Notices) == 1 && len(q.Others) == 0:
		notes = append([]string{t(req, "faq.svar.sent", q.Asker.Platform)}, notes...)
	case len(rep.Notices) > 0:
		notes = append([]string{t(req, "faq.svar.sentmany", len(rep.Notices))}, notes...)
	default:
		notes = append([]string{t(req, "faq.svar.nosend")}, notes...)
	}
	rep.Text = t(req, "faq.svar.ok", id) + "\n" + strings.Join(notes, "\n")
	return rep, nil
}

// splitAnswer reads "<id> <text> [--ikke-faq]" keeping the text exactly as
// typed (quotes, apostrophes, "=" included) when the raw text is there.
func splitAnswer(raw string, args bot.Args) (id, text string, noFAQ bool) {
	raw = strings.TrimSpace(raw)
	if f := strings.Fields(raw); len(f) > 0 {
		switch bot.Fold(f[0]) {
		case "svar", "answer":
			raw = strings.TrimSpace(raw[len(f[0]):])
		}
	}
	if raw == "" {
		raw = strings.Join(args.Pos, " ")
		if v, ok := args.Get("svar", "answer", "tekst", "text"); ok {
			raw += " " + v
		}
		if v, ok := args.Get("id"); ok {
			raw = v + " " + raw
		}
	}
	for _, flag := range []string{"--ikke-faq", "--ikkefaq", "--no-faq", "—ikke-faq"} {
		if strings.Contains(raw, flag) {
			noFAQ = true
			raw = strings.ReplaceAll(raw, flag, "")
		}
	}
	raw = strings.TrimSpace(raw)
	id, text, _ = strings.Cut(raw, " ")
	return id, strings.TrimSpace(text), noFAQ
}

// answerNotice addresses the answer to where the question was asked: the
// same channel and thread, or a DM when we only know the person.
func answerNotice(q store.Question, text string) (bot.Notice, bool) {
	_, userID, _ := strings.Cut(q.Asker.Key, ":")
	if q.Channel == "" && userID == "" {
		return bot.Notice{}, false // the asker asked to be forgotten
	}
	lang := bot.Lang(q.Lang)
	n := bot.Notice{Platform: q.Asker.Platform, Channel: q.Channel, Thread: q.Thread, UserID: userID,
		Reply: bot.Reply{
			Title:   messages.T(lang, "faq.notice.title"),
			Text:    messages.T(lang, "faq.notice.text", q.Question, text),
			Context: messages.T(lang, "faq.notice.context", q.ID),
			Lang:    lang,
		}}
	if userID != "" && q.Channel != "" && q.Asker.Platform != bot.Console {
		// Mention the asker so they see it in a busy channel.
		n.Reply.Mention = userID
	}
	return n, true
}

// subVote records a 👍/👎 on an answer; a second click replaces the first.
func (h *Handlers) subVote(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/kulturbot stemme 7 opp"
	pos := args.Pos
	if len(pos) > 0 && (bot.Fold(pos[0]) == "stemme" || bot.Fold(pos[0]) == "vote") {
		pos = pos[1:]
	}
	if len(pos) < 2 {
		return bot.Reply{}, bad(req, "", ex, "faq.err.vote")
	}
	id, ok := bot.ParseID(pos[0])
	if !ok {
		return bot.Reply{}, bad(req, "", ex, "faq.err.id", pos[0])
	}
	var up bool
	switch bot.Fold(pos[1]) {
	case "opp", "up", "ja", "yes", "+1", "1", "👍", "bra", "good":
		up = true
	case "ned", "down", "nei", "no", "-1", "👎", "darlig", "bad":
		up = false
	default:
		return bot.Reply{}, bad(req, "", ex, "faq.err.vote")
	}
	v, err := h.DB.Vote(ctx, id, up, store.AuthorOf(req))
	if err != nil {
		return bot.Reply{}, err
	}
	key := "faq.vote.down"
	if up {
		key = "faq.vote.up"
	}
	msg := t(req, key)
	if v.Replaced {
		msg += " " + t(req, "faq.vote.replaced")
	}
	return bot.Reply{Text: msg, Private: true}, nil
}

var faqMessages = bot.Messages{
	"faq.usage":          {"Skriv spørsmålet ditt etter /faq, for eksempel: /faq Når er fristen for å melde interesse?", "Type your question after /faq, for example: /faq When is the deadline to register interest?"},
	"faq.none":           {"FAQ-en er ikke lastet akkurat nå. Prøv igjen om litt.", "The FAQ is not loaded right now. Please try again shortly."},
	"faq.err.toolong":    {"Spørsmålet er for langt (høyst %d tegn). Prøv å korte det ned.", "The question is too long (at most %d characters). Try to shorten it."},
	"faq.unsure":         {"Jeg har ikke noe sikkert svar på det ennå, så jeg har sendt spørsmålet videre til arbeidsgruppen (sak #%d). Du får beskjed her når de har svart.", "I don't have a sure answer to that yet, so I have passed your question on to the working group (case #%d). You will hear back here when they have answered."},
	"faq.unsure.partial": {"Jeg har sendt spørsmålet videre til arbeidsgruppen (sak #%d). Du får beskjed her når de har svart.", "I have passed your question on to the working group (case #%d). You will hear back here when they have answered."},
	"faq.related":        {"Kanskje et av disse temaene hjelper:", "Perhaps one of these topics helps:"},
	"faq.source":         {"Kilde: %s", "Source: %s"},
	"faq.page":           {", s. %d", ", p. %d"},
	"faq.q.none":         {"Ingen ubesvarte spørsmål akkurat nå. 🎉", "No unanswered questions right now. 🎉"},
	"faq.q.title":        {"Ubesvarte spørsmål (%d)", "Unanswered questions (%d)"},
	"faq.q.how":          {"Svar med /kulturbot svar <nr> <svar> – spørreren får beskjed, og svaret blir en del av FAQ-en (legg til --ikke-faq for å la være).", "Answer with /kulturbot svar <no> <answer> – the asker is told and the answer joins the FAQ (add --ikke-faq to skip that)."},
	"faq.q.someone":      {"(slettet bruker)", "(deleted user)"},
	"faq.err.noid":       {"Skriv nummeret på spørsmålet og svaret.", "Give the question's number and the answer."},
	"faq.err.id":         {"«%s» er ikke et nummer. Bruk nummeret fra listen, som 12 eller #12.", "“%s” is not a number. Use the number from the list, like 12 or #12."},
	"faq.err.notext":     {"Svaret mangler etter nummeret.", "The answer is missing after the number."},
	"faq.err.vote":       {"Skriv hvilket svar og opp eller ned.", "Say which answer, and opp (up) or ned (down)."},
	"faq.svar.ok":        {"Svar lagret på spørsmål #%d.", "Answer saved for question #%d."},
	"faq.svar.sent":      {"Spørreren får svaret på %s.", "The asker gets the answer on %s."},
	"faq.svar.sentmany":  {"Alle %d som spurte, får svaret der de spurte.", "All %d who asked get the answer where they asked."},
	"faq.q.asks":         {"spurt %d ganger", "asked %d times"},
	"faq.svar.nosend":    {"Spørreren har bedt om å bli glemt, så svaret sendes ikke til noen.", "The asker asked to be forgotten, so the answer is not sent to anyone."},
	"faq.svar.learned":   {"Lagt til i FAQ-en som «%s» – samme spørsmål med andre ord får nå dette svaret.", "Added to the FAQ as “%s” – the same question in other words now gets this answer."},
	"faq.learned.source": {"Arbeidsgruppen, svar på spørsmål #%d (%s)", "The working group, answer to question #%d (%s)"},
	"faq.notice.title":   {"Svar fra arbeidsgruppen", "Answer from the working group"},
	"faq.notice.text":    {"Du spurte: «%s»\n\n%s", "You asked: “%s”\n\n%s"},
	"faq.notice.context": {"Svar på spørsmål #%d", "Answer to question #%d"},
	"faq.vote.up":        {"Takk for tilbakemeldingen! 👍", "Thanks for the feedback! 👍"},
	"faq.vote.down":      {"Takk – vi ser på svaret. 👎", "Thanks – we will look at that answer. 👎"},
	"faq.vote.replaced":  {"(Den forrige stemmen din på dette svaret er erstattet.)", "(Your earlier vote on this answer was replaced.)"},
}

// faqMessagesNN are the nynorsk texts of the replies to a question asked
// in nynorsk (faqMessages holds their bokmål and English); Text reads
// them for "nn".
var faqMessagesNN = bot.Nynorsk{
	"faq.unsure":         "Eg har ikkje noko sikkert svar på det enno, så eg har sendt spørsmålet vidare til arbeidsgruppa (sak #%d). Du får melding her når dei har svart.",
	"faq.unsure.partial": "Eg har sendt spørsmålet vidare til arbeidsgruppa (sak #%d). Du får melding her når dei har svart.",
	"faq.related":        "Kanskje eit av desse temaa hjelper:",
	"faq.source":         "Kjelde: %s",
	"faq.page":           ", s. %d",
}
