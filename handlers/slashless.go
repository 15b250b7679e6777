package handlers

import (
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// A command typed without its slash ("rsvp 1 ja 2", "interesse liste",
// "kulturbot hjelp") is not a question for the working group. The bot
// does not run it: a line in a channel that happens to start with a
// command word is a conversation more often than an order, and a write
// (an answer to a gathering, a registration, a cancellation) should come
// from a deliberate command. It answers "Mente du /rsvp 1 ja 2?" with a
// button that runs the command in one click, and files nothing.

// slashless recognises a command typed without its slash and offers it.
func (h *Handlers) slashless(req *bot.Request, q string) (bot.Reply, bool) {
	cmd, slashed, ok := h.slashlessCommand(q)
	if !ok {
		return bot.Reply{}, false
	}
	// The console has no buttons to press: its buttons are numbered
	// choices, and this reply's only one is 1.
	key := "slashless.didyoumean"
	if slashed {
		key = "slashless.sent"
	}
	if req.Platform == bot.Console {
		key += ".console"
	}
	lang := req.Lang
	if slashlessEnglish(h, q) {
		lang = bot.EN
	}
	return bot.Reply{
		// The line as typed is the user's text: shown, never acted on
		// ("rsvp 1 ja <!channel>"). The button carries it to run.
		Text:    messages.T(lang, key, bot.Esc(cmd)),
		Private: true,
		Buttons: []bot.Button{{Label: bot.Cut(cmd, 70), Command: cmd}},
	}, true
}

// slashlessCommand is the command q would be with its slash ("rsvp 1 ja
// 2" → "/rsvp 1 ja 2"), or false when q is a question. slashed: q has its
// slash, asked as a question all the same ("/faq /rsvp 1 ja 2").
func (h *Handlers) slashlessCommand(q string) (cmd string, slashed, ok bool) {
	if h.router == nil || strings.HasSuffix(q, "?") || strings.Contains(q, "\n") || asksAboutCommand(q) {
		return "", false, false
	}
	// The first two words, as strings.Fields would split them, without
	// the slice of every word (asked for every question).
	var f [2]string
	nf := 0
	for w := range strings.FieldsSeq(q) {
		f[nf] = w
		if nf++; nf == len(f) {
			break
		}
	}
	if nf < 2 {
		return "", false, false // "rsvp" alone is a fine question for the FAQ
	}
	slashed = strings.HasPrefix(f[0], "/")
	name := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(f[0], "!"), "/"))
	rt, ok := h.router.Lookup(name)
	if !ok || rt.Name == "" || rt.Name == "faq" {
		return "", false, false
	}
	// The second word must be what the command takes: one of its verbs
	// (route metadata), an id or a key=value, so "region nord har mange
	// kommuner" stays a question.
	second := f[1]
	_, isVerb := rt.Verb(second)
	if !isVerb && !isKeyValue(second) && !isID(second) {
		return "", false, false
	}
	return "/" + name + " " + strings.TrimSpace(strings.TrimSpace(q)[len(f[0]):]), slashed, true
}

// asksAboutCommand: a line that starts like a command but asks for one
// ("samling 5 må avlyses pga. vær, hva er kommandoen"): a question. Only
// the words before the first key=value count: a value is the user's own
// text (`rsvp 1 nei kommentar="syk, hva nå"` is a command).
func asksAboutCommand(q string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(q)) {
		if strings.Contains(w, "=") {
			return false
		}
		switch strings.Trim(w, ".,;:!") {
		case "hva", "kva", "hvordan", "korleis", "what", "what's", "how", "which", "hvilken", "kommandoen", "kommando", "command":
			return true
		}
	}
	return false
}

// isKeyValue is "kommune=Bodø": a key before the "=" ("region = kor
// mange kom. minst" is a question written as a definition).
func isKeyValue(s string) bool {
	i := strings.IndexByte(s, '=')
	return i > 0
}

// slashlessEnglish: the command is typed the English way — an English
// verb name ("interesse list", "samling list") or an English answer word
// ("rsvp 1 yes 3") — so "Did you mean" is English too.
func slashlessEnglish(h *Handlers, q string) bool {
	f := strings.Fields(strings.ToLower(q))
	if len(f) < 2 || h.router == nil {
		return false
	}
	rt, ok := h.router.Lookup(strings.TrimPrefix(strings.TrimPrefix(f[0], "!"), "/"))
	if !ok {
		return false
	}
	if v, ok := rt.Verb(f[1]); ok && v.EN != "" && bot.Fold(v.EN) == bot.Fold(f[1]) && bot.Fold(v.Name) != bot.Fold(f[1]) {
		return true
	}
	for _, w := range f[1:] {
		k, _, _ := strings.Cut(w, "=") // "count=3" is its key
		switch k {
		case "yes", "no", "maybe", "count", "headcount", "overnight", "municipality", "gathering":
			return true
		}
	}
	return false
}

// isID is "3" or "#3".
func isID(s string) bool {
	_, ok := bot.ParseID(s)
	return ok
}

var slashlessMessages = bot.Messages{
	"slashless.didyoumean":         {"Mente du %s? Kommandoer starter med skråstrek – trykk på knappen for å kjøre den.", "Did you mean %s? Commands start with a slash – press the button to run it."},
	"slashless.didyoumean.console": {"Mente du %s? Kommandoer starter med skråstrek – skriv 1 for å kjøre den.", "Did you mean %s? Commands start with a slash – type 1 to run it."},
	// `kulturbot ask` prints the answer alone: no button, no choice.
	"slashless.didyoumean.plain": {"Mente du %s? Kommandoer starter med skråstrek.", "Did you mean %s? Commands start with a slash."},
	// The slash was typed, inside a question ("/faq /rsvp 1 ja 2", `kulturbot
	// ask`): the command is offered as it is, without "commands start with
	// a slash" (and never as "//rsvp").
	"slashless.sent":         {"%s er en kommando, ikke et spørsmål – trykk på knappen for å kjøre den.", "%s is a command, not a question – press the button to run it."},
	"slashless.sent.console": {"%s er en kommando, ikke et spørsmål – skriv 1 for å kjøre den.", "%s is a command, not a question – type 1 to run it."},
	"slashless.sent.plain":   {"%s er en kommando, ikke et spørsmål.", "%s is a command, not a question."},
}

// withoutFAQWord is q without a leading "faq" typed as the command's name
// without its slash ("faq hva er fristen?"): the rest is the question. Only
// when a question word follows, so "FAQ-en sier …" and "faq for
// programmet?" are left as typed.
func withoutFAQWord(q string) string {
	first, rest, ok := strings.Cut(q, " ")
	if !ok || !strings.EqualFold(strings.TrimRight(first, ":,."), "faq") {
		return q
	}
	rest = strings.TrimSpace(rest)
	next, _, _ := strings.Cut(rest, " ")
	if !faqQuestionWords[strings.ToLower(next)] {
		return q
	}
	return rest
}

var faqQuestionWords = wordSet("hva hvem hvor når hvordan hvorfor hvilke hvilken hvilket kva kven kvar kor korleis kvifor kva når " +
	"what who where when how why which kan can er is are må do does har has blir will")
