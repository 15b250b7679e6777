package faq

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// withoutReported is the question someone else asked the asker, when the
// message is only that report and "what do I answer?": "Politikarane kjem
// garantert til å spørja 'kva får vi ut av dette'. Kva skal eg svara?",
// "sjefen min spør kva kommunen faktisk får ut av dette, kva svarar eg".
// Read whole, the reporter (the politicians, the boss) pulled the
// question to their own entry and "svare" to the bot's answers; the
// question is theirs, the asker wants its answer. Six blind writers of
// the ninth session's and earlier rounds wrote it.
//
// Two forms: a quoted question after a verb of asking ("spør «…»",
// "asks 'what …'"), which is kept alone; and a sentence opening with a
// few words and a verb of asking before a question word ("rektor spør
// kva …"), whose lead-in is left out. Either way a closing "kva svarar
// eg (dei)?" / "what do I tell them?" goes too. Anything else in the
// message keeps it whole.
func withoutReported(q string) string {
	if !reportVerbRE.MatchString(strings.ToLower(q)) {
		return q
	}
	body := strings.TrimSpace(q)
	// The closing "what do I answer" first: it may follow either form.
	ms := replyTailRE.FindAllStringIndex(strings.ToLower(body), 1)
	if len(ms) == 0 || ms[0][0] == 0 {
		return q
	}
	body = strings.TrimRight(strings.TrimSpace(body[:ms[0][0]]), " ,;:–-")
	if qt, ok := quotedAsk(body); ok {
		return qt
	}
	low := strings.ToLower(body)
	if ms := reportLeadRE.FindAllStringSubmatchIndex(low, 1); len(ms) == 1 {
		rest := strings.TrimSpace(body[ms[0][2]:])
		if wordCount(rest) >= 3 {
			if !strings.HasSuffix(rest, "?") {
				rest = strings.TrimRight(rest, " .!") + "?"
			}
			return rest
		}
	}
	return q
}

// quotedAsk is the quoted question in s when s is "<lead-in with a verb
// of asking> «question»" and nothing after the quote but punctuation or
// a filler ("liksom").
func quotedAsk(s string) (string, bool) {
	for _, p := range [...][2]string{{"«", "»"}, {"“", "”"}, {"\"", "\""}, {"'", "'"}, {"‘", "’"}, {"'", "’"}} {
		i := strings.Index(s, p[0])
		if i <= 0 {
			continue
		}
		j := closingQuote(s[i+len(p[0]):], p[1])
		if j < 0 {
			continue
		}
		inner := strings.TrimSpace(s[i+len(p[0]) : i+len(p[0])+j])
		after := strings.ToLower(strings.Trim(s[i+len(p[0])+j+len(p[1]):], " .,!?;:–-"))
		if after != "" && !quoteFillerRE.MatchString(after) && !quoteCommentRE.MatchString(after) {
			continue
		}
		lead := strings.ToLower(s[:i])
		if !reportVerbRE.MatchString(lead) || wordCount(inner) < 3 {
			continue
		}
		if !strings.HasSuffix(inner, "?") && !embeddedAskRE.MatchString(strings.ToLower(inner)) {
			continue
		}
		if !strings.HasSuffix(inner, "?") {
			inner += "?"
		}
		return inner, true
	}
	return "", false
}

// reportVerbRE: someone asks, will ask, wonders.
// (Go's \b is ASCII: after "ø" a space or a quote closes the word.)
var reportVerbRE = relit.MustCompile(`(?:^|\s)(?:spør|spor|spørje|spørja|spørre|spurde|spurte|spurt|asks|asked|ask|asking|lurer på|lurar på|wonders|wondering|vil vite|vil vete|wants to know|want to know)(?:$|[\s.,:;!?«'"“‘])`)

// replyTailRE is the asker asking what to answer, at the message's end:
// "Kva skal eg svara?", "kva svarar eg dei", "hva sier jeg til dem?",
// "what do I tell them?"; or whether the programme has an answer: "Does
// the programme say anything about that?", "har de ei god formulering om
// nytteverdien?" (blind183, blind185, blind162, blind166).
var replyTailRE = relit.MustCompile(`(?:^|[.!?,;–-]\s*|\s)(?:og |and |so |så )?(?:hva|kva|ka|what|how|hvordan|korleis)\s+(?:(?:skal|bør|burde|kan|do|should|shall|can|would)\s+(?:jeg|eg|je|e|i|vi|me|we)\s+(?:svare|svara|svarar|svarer|seie|seia|si|seier|sier|answer|reply|respond|tell|say)|(?:svarar|svarer|seier|sier)\s+(?:jeg|eg|je|vi|me))(?:\s+(?:dei|dem|han|ho|henne|ham|them|him|her|til dei|til dem|til han|til ho|to them|to him|to her|on this|på dette|på det))?(?:\s+(?:då|da|then|now|nå|no))?\s*[?!.]*\s*$|(?:^|[.!?,;–-]\s*|\s)(?:og |and |so |så |but |men )?(?:does (?:the )?(?:programme|program|material|document|framework|it) (?:say|have) (?:anything|something|an answer) (?:about|on|to) (?:that|this|it)|(?:is there|do you have|does (?:the )?(?:programme|program) have) (?:an |a |any )?(?:good |clear |official |decent )?(?:answer|formulation|wording|line) (?:to|for|on|about) (?:that|this|it)(?: in (?:the )?(?:programme|program) material)?|(?:har|finst|finnes|fins|står) (?:de|dere|dei|programmet|det) (?:ei |en |et |eit |noko |noe )?(?:god |godt |grei |greit )?(?:formulering|svar|noko om|noe om)(?: (?:om|på|til) \S+)?)(?:,? (?:or|eller) [^?]*)?\s*[?!.]*\s*$`)

// reportLeadRE is a few words and a verb of asking opening the message
// before the question word of the question reported: "rektor spør kva
// …", "sjefen min spør kva …", "my boss asks what …".
var reportLeadRE = relit.MustCompile(`^(?:\S+\s+){1,6}?(?:spør|spor|spørje|spørja|spørre|spurte|spurde|ask|asks|asked|is asking|wonders|lurer på|lurar på|vil vite|wants to know)(?:\s+(?:meg|me|oss|us))?(?:\s+om)?\s+((?:hva|kva|ka|hvordan|korleis|hvorfor|kvifor|what|how|why)\b.*)$`)

// quoteCommentRE is the asker's own comment after a reported quote
// ("… 'what's in it for us?' and I'd love to have a decent answer", "…
// «…» - I'm not kidding, those exact words"): a sentence about
// themselves, not more of the question (blind183, blind162).
var quoteCommentRE = relit.MustCompile(`^(?:and |og |but |men )?(?:i|i'd|i'm|im|i am|jeg|eg|je)\s[^?]*$`)

// quoteFillerRE is what may follow a reported quote: a chat filler.
var quoteFillerRE = relit.MustCompile(`^(liksom|lissom|typ|sånn|sant|altså|lol|haha|ish)$`)

// closingQuote is the index in s of the quote mark q closing a quote, or
// -1. A straight apostrophe inside a word ("'what's in it for us?'") is
// no closing quote: one followed by a letter is skipped (blind183).
func closingQuote(s, q string) int {
	if q != "'" && q != "’" {
		return strings.Index(s, q)
	}
	for k := 0; k < len(s); {
		j := strings.Index(s[k:], q)
		if j < 0 {
			return -1
		}
		j += k
		end := j + len(q)
		if r, _ := utf8.DecodeRuneInString(s[end:]); end >= len(s) || !unicode.IsLetter(r) {
			return j
		}
		k = end
	}
	return -1
}
