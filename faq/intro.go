package faq

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// withoutIntro is q without the sentences before or after its question in
// which the asker only says who they are ("hei, ny rådgiver i
// kulturavdelinga her i østfold. hvem er programmet ment for?", "Good
// morning! I'm over from a council in Fife on a study visit. How long
// does …?", "… lasts? I am new in the municipality and nobody could tell
// me."). Read with the question, a role, a place and "new" pulled it to
// other entries (the county branch's, the deadline's) or thinned its
// coverage below the gate; they ask nothing. Only a whole sentence
// (ending in ".", "!" or "?" and a space, or the message's end) that is a
// greeting or opens with the asker's own role — "jeg er", "I'm", "ny
// rådgiver", "ble nettopp …", "teaterlærer … her," — or the text they
// are writing is left out, and only when what remains asks. Context
// about the municipality ("vi er en liten kommune …") stays: it often is
// the question's subject. So does a sentence saying what was asked ("Jeg
// har fått spørsmål fra en rektor om …"); only a short "<who> asks me:"
// before the question itself is left out (withoutReporter).
func withoutIntro(q string) string {
	q = withoutReporter(withoutReported(withoutWritingFrame(withoutExcept(withoutApologyAside(q)))))
	var sb [6]string
	ss := sentencesInto(sb[:0], q)
	if len(ss) == 0 {
		return q
	}
	keep := ss
	for len(keep) > 1 && isIntro(keep[0]) {
		keep = keep[1:]
	}
	for len(keep) > 1 && isIntro(keep[len(keep)-1]) {
		keep = keep[:len(keep)-1]
	}
	if len(keep) == len(ss) {
		return q
	}
	rest := strings.Join(keep, " ")
	if !strings.Contains(rest, "?") && !asksRE.MatchString(rest) {
		return q
	}
	// "… and loose its art. what do they say about this ?": the
	// question asks about what would be left out.
	if aboutBackRE.MatchString(strings.ToLower(rest)) {
		return q
	}
	// A set-aside clause that ended the question before the left-out
	// sentence ("…, utover at de er medlem? spør for styret") ends it
	// now (blind163).
	return withoutExcept(rest)
}

// withoutApologyAside is q without a closing bracketed apology: "… can
// that be combined with the programme funding somehow? (sorry if that's a
// daft question)" read "question" and found the working group (blind198).
func withoutApologyAside(q string) string {
	t := strings.TrimRight(q, " .!")
	if !strings.HasSuffix(t, ")") {
		return q
	}
	i := strings.LastIndex(t, "(")
	if i <= 0 {
		return q
	}
	inner := strings.TrimSpace(t[i+1 : len(t)-1])
	if !apologyAsideRE.MatchString(strings.ToLower(inner)) {
		return q
	}
	return strings.TrimSpace(t[:i])
}

// apologyAsideRE is an apology for the question itself: "sorry if that's
// a daft question", "beklager dumt spørsmål".
var apologyAsideRE = relit.MustCompile(`^(?:so |very )?(?:sorry|sry|beklager|unnskyld|orsak|apologies)\b[^?()]*$`)

// sentencesInto splits q into sentences, appended to dst: after ".", "!"
// or "?" followed by a space, but not after a number ("6. februar") or a
// one-letter word ("f. eks."). The sentences are substrings of q, trimmed.
func sentencesInto(dst []string, q string) []string {
	last := 0
	for i := 0; i+1 < len(q); i++ {
		c := q[i]
		if c >= utf8.RuneSelf {
			// An emoji ends a sentence in chat: "ny rektor i salten
			// her 👋 hvor lenge varer …".
			r, n := utf8.DecodeRuneInString(q[i:])
			if unicode.Is(unicode.So, r) && i+n < len(q) && q[i+n] == ' ' {
				if s := strings.TrimSpace(q[last : i+n]); s != "" {
					dst = append(dst, s)
				}
				last = i + n
			}
			i += n - 1
			continue
		}
		if c == ' ' {
			// "… is the fremtidens kulturskole program lol my boss wants
			// me to make a poster": a laugh ends a sentence in chat, like
			// a smiley.
			if n := laughAt(q, i+1); n > 0 {
				if s := strings.TrimSpace(q[last : i+1+n]); s != "" {
					dst = append(dst, s)
				}
				last = i + 1 + n
				i += n
				continue
			}
		}
		if c == ':' {
			// "new in the arbeidsgruppe: how do I …", "writing in
			// english for our colleague: how many …": a colon and a
			// space end a sentence too (not "kl. 10:30").
			if q[i+1] != ' ' {
				continue
			}
		} else if c == ')' || c == 'D' {
			// A smiley ends a sentence in chat: "… for this :) Is
			// there …".
			if i == 0 || (q[i-1] != ':' && q[i-1] != ';' && q[i-1] != '-') || q[i+1] != ' ' {
				continue
			}
		} else if c != '.' && c != '!' && c != '?' {
			continue
		}
		if q[i+1] != ' ' && q[i+1] != '\n' {
			continue
		}
		if c == '.' && (i == 0 || (q[i-1] < 'A' && !closesAside(q[i-1])) || (i >= 2 && q[i-2] == ' ')) {
			// After a digit or a one-letter word: a date or an
			// abbreviation, not a sentence's end. After a closing
			// bracket or quote it is one: "… for this round (blame the
			// snow). Is there …" (blind112).
			continue
		}
		if s := strings.TrimSpace(q[last : i+1]); s != "" {
			dst = append(dst, s)
		}
		last = i + 1
	}
	if s := strings.TrimSpace(q[last:]); s != "" {
		dst = append(dst, s)
	}
	return dst
}

// closesAside reports whether c closes a bracket or a quote.
func closesAside(c byte) bool { return c == ')' || c == '"' || c == '\'' }

// laughAt is the length of a chat laugh ("lol", "haha") at q[i] followed
// by a space, or 0.
func laughAt(q string, i int) int {
	for _, w := range [...]string{"lol", "haha", "hehe", "lmao"} {
		if len(q) > i+len(w) && q[i+len(w)] == ' ' && strings.EqualFold(q[i:i+len(w)], w) {
			return len(w)
		}
	}
	return 0
}

// isIntro reports whether sentence s only greets or says who the asker is.
func isIntro(s string) bool {
	if strings.Contains(s, "?") {
		return false
	}
	l := strings.ToLower(s)
	if greetingRE.MatchString(l) {
		return true
	}
	if apologyRE.MatchString(l) {
		return true
	}
	if askingForRE.MatchString(l) {
		return true
	}
	return introRE.MatchString(l) && !introAsksRE.MatchString(l)
}

// apologyRE is a sentence that only apologises for the asker's language
// or writing ("sorry for my english", "beklager skrivefeil"): read with
// the question, "english" asked for the language entry (blind56).
var apologyRE = relit.MustCompile(`^(?:(?:and|og|also|også|ps:?) )?(?:(?:so|very) )?(?:sorry|sry|sorri|beklager|unnskyld|orsak|apologies|excuse)(?: for| about| om| for the| på)?(?: (?:my|mi|min|mitt|mine|the|bad|poor|dårlig|dårleg|dårlige|dårlege|all|alle|eventuelle|evt\.?|any))* (?:english|engelsk|engelsken|norwegian|norsk|norsken|nynorsk|nynorsken|typos?|skrivefeil|spelling|grammar|grammatikk|language|språk|språket|writing|(?:simple|stupid|dumb|silly|basic|naive|obvious|long|dumme|dumt|enkle|enkelt|lange|lang|mange|many) (?:question|questions|spørsmål|spørsmålet|message|melding|meldinga))\b[^?]*$` +
	`|^(?:my|mi|min) (?:english|engelsk|norsk|norwegian|nynorsk)(?: \S+){0,2} (?:is|er|e) (?:not|ikke|ikkje|bad|poor|dårlig|dårleg|weak|svak)\b[^?]*$`)

// askingForRE is a sentence, or a preface before a colon
// (withoutReporter), that only says whom or why the asker asks for: "spør for styret" (blind163), "Asking before my colleagues start a
// group chat …" (blind162), "asking on behalf of our rektor". After the
// question it pulled the answer to the board's entry.
var askingForRE = relit.MustCompile(`^(?:(?:jeg|eg|je|i'm|i am|im|we're|we are|vi)\s+)?(?:spør|spor|spørsmålet kommer|asking|ask|i ask)\s+(?:for|på vegne av|pa vegne av|on behalf of|before|because|fordi|før|sidan|siden|since)\b[^?]*$`)

// greeting is a greeting and whom it greets, as a sentence of its own
// or before an introduction ("hei, ny rådgiver …", "hi all, writing in
// english …").
const greeting = `(?:hei hei|hei|hallo|heisann|halla|hallå|heia|morn|morna|hi|hello|hey|hiya|howdy|hola|ciao|salut|bonjour|hej|moi|namaste|god morgen|god dag|good morning|good afternoon|good day|good evening|greetings|dear|kjære|kjaere)(?: (?:there|alle|all|everyone|folkens|folk|du|dere|kulturbot|bot|boten|team|colleagues|kollegaer|kolleger))?`

// greetingRE is a sentence that only greets.
var greetingRE = relit.MustCompile(`^` + greeting + `(?:[.!, ]|:-?[)(dDpP]|;-?\))*$`)

// introRE opens a sentence in which the asker says who they are: an
// optional greeting, then "I am / I work / I just started", or a role
// with no subject ("ny rådgiver …", "ble nettopp dratt inn i …").
var introRE = relit.MustCompile(`^(?:` + greeting + `(?:[,!.]|:-?[)(dDpP]|;-?\))*\s+)?` +
	`(?:(?:jeg|eg|i)\s+(?:er|e|am|the|a|an|new|over from|here from|over here|from|jobber|jobbar|arbeider|arbeidar|work|har nettopp|har akkurat|have just|just|nettopp|akkurat|startet|starta|begynte|byrja|started|began|sitter|sit|represent|representerer|kommer fra|kjem frå|kjem fra|come from)` + wordEnd +
	`|(?:i'm|im|i've just|ive just)\s` +
	`|(?:(?:er|e|am|is) )?(?:(?:helt|heilt|ganske|brand|quite|very|fairly) )?(?:ny|nytilsatt|nyansatt|nytilsett|new|newly)\s` +
	`|(?:ble|vart|blei|blitt) (?:nettopp|akkurat)\s` +
	`|(?:just|recently) (?:got|started|joined|been)\s` +
	`|over (?:here )?from\s` +
	// "har fått beskjed av sjefen om å finne ut av dette", "my boss asked
	// me to look into this"
	`|(?:(?:jeg|eg|i|vi|me|we) )?(?:har |have |has |'ve )?(?:fått beskjed|fått i oppdrag|fått oppgaven|fekk beskjed|been asked|was asked|been told|was told|got asked)\s` +
	`|(?:my|our|min|mi|vår|sjefen|rektor|rådmannen)\s(?:\S+\s)?(?:asked|told|wants|ba|bad|vil at)\s(?:me|us|meg|oss)\s` +
	// "teaterlærer i bergen kulturskole her, …", "culture school head here:"
	`|(?:\S+ ){1,6}(?:her|here)[,:]` +
	// "skriver nyhetssak om at …", "I'm writing the board memo"
	`|(?:(?:jeg|eg|i|vi|me|we) )?(?:skriver|skriv|writing|holder på med|held på med|lager|lagar|working on|preparing) (?:en |ei |eit |et |a |an |the |på |pa )?(?:nyhetssak|sak|artikkel|saksfremlegg|saksframlegg|notat|rapport|presentasjon|article|memo|report|news|presentation)` +
	// "writing in english for our colleague from abroad:"
	`|(?:(?:jeg|eg|i|vi|me|we) )?(?:skriver|skriv|writing|write) (?:this )?(?:på|pa|in) (?:engelsk|english|norsk|norwegian)` +
	`)`)

// introAsksRE keeps a sentence that says the asker wonders: "jeg lurer
// på …", "I am wondering whether …" ask, whatever follows.
var introAsksRE = relit.MustCompile(`lurer|lure på|undrar|wonder|want to know|would like to know|like to ask|vil vite|ville vite|spør|spør om|asking|curious|usikker|unsure|not sure|afraid|worried|concerned|bekymret|bekymra|redd|skeptisk|skeptical|sceptical`)

// embeddedAskRE is a question word inside a statement ("skal forklare
// rådmannen kva programmet skal bidra til"): the statement asks.
var embeddedAskRE = relit.MustCompile(`\b(hva|kva|hvordan|korleis|hvorfor|kvifor|hvilke|hvilken|kva for|hvorvidt|what|how|why|which|whether)\b`)

// withoutReporter is q without a short "<who> asks (me):" before the
// question it reports ("Hi! My rådmann asks me: what do we get out of
// this?", "rektor lurer på: …"): the asker's boss is not the question's
// subject.
func withoutReporter(q string) string {
	i := strings.Index(q, ": ")
	if i < 0 || i > 80 {
		return q
	}
	start := 0
	for j := i - 1; j > 0; j-- {
		if (q[j] == '.' || q[j] == '!' || q[j] == '?') && q[j+1] == ' ' {
			start = j + 2
			break
		}
	}
	if lead := strings.ToLower(q[start:i]); !reporterRE.MatchString(lead) && (!prefaceRE.MatchString(lead) || prefaceSubjectRE.MatchString(lead)) && !docPrefaceRE.MatchString(lead) && !askingForRE.MatchString(lead) {
		return q
	}
	return q[:start] + q[i+2:]
}

// prefaceRE is a preface that only says a question follows: "Honest
// question, no snark intended (ok maybe a little):", "kjapt spørsmål:"
// (blind87), "To ting fra meg:" (blind115) — not one that names its
// subject ("spørsmål om fristen:").
var prefaceRE = relit.MustCompile(`^(?:\S+ ){0,3}(?:question|questions|q|spørsmål|sporsmal|spm|ting|things)\b[^?]*$|^(?:a )?(?:quick|short|small|practical|kjapp|kjapt) one\b[^?]*$` +
	// "Ærlig talt:", "Real talk:", "Could you clarify eligibility:" (blind150, blind151)
	`|^(?:ærlig talt|ærleg talt|helt ærlig|heilt ærleg|honestly|real talk|seriously)$|^(?:could you |can you |please )*(?:clarify|explain|confirm)(?: \S+){0,2}$`)

// docPrefaceRE is the text the answer is for, before a colon: "Til
// saksutgreiinga om deltaking:", "For a briefing to our partner
// network:" (blind90, blind69), "treng ei setning til saka:" (blind137).
var docPrefaceRE = relit.MustCompile(`^(?:(?:treng|trenger|need|needs)\s+(?:ei\s+|en\s+|et\s+|eit\s+|a\s+|an\s+)?(?:\S+\s+)?(?:setning|setningar|setninger|sentence|sentences|line|lines|formulering|tekst|text)\s+)?(?:til|for|i|to|in) (?:a |an |the |our |my |et |ei |en |eit )?(?:\S+ ){0,2}?(?:saksutgreiing\w*|saksfremlegg\w*|saksframlegg\w*|saksutredning\w*|saka|saken|notat\w*|referat\w*|rapport\w*|memo|report|briefing|abstract|application|søknad\w*|presentasjon\w*|article|proposal|newsletter|nyhetsbrev\w*|section|seksjon\w*|kapittel\w*|chapter)(?: \S+){0,5}$` +
	// "Førebur spørsmål til infomøtet:" (blind200)
	`|^(?:jeg |eg |je |i'm |im |i am )?(?:forbereder|førebur|forebur|preparing|prepping) (?:noen |nokre |some )?(?:spørsmål|spm|questions) (?:til|for)\b[^?]*$`)

// prefaceSubjectRE names the subject in a preface.
var prefaceSubjectRE = relit.MustCompile(`\b(om|about|on|regarding|re|ang|angående|vedrørende|til|for|om)\b`)

// reporterRE is "<someone> asks (me)" in a few words.
var reporterRE = relit.MustCompile(`^(?:\S+ ){0,4}(?:spør|spor|spurte|asks|asked|is asking|will ask|is going to ask|kommer til å spørre|kjem til å spørje|lurer på|lurer pa|lurer|wonders|wondered|vil vite|ville vite|wants to know|want to know)(?: me| meg| us| oss| deg| you)?(?: rett ut| direkte| straight out| bluntly| directly)?(?: (?:the|a|det|et|eit|sitt|sitt faste)(?: \S+)? (?:question|spørsmålet|spørsmål|spm))?$`)

// questionSentences is q's sentences that ask — ending in "?" or opening
// like a question — without the ones before them and the asker's own
// comments after them, and whether any were left out (Engine.Answer asks
// them alone when the whole is unsure).
// QuestionSentences is questionSentences for the bot's own step
// (handlers), which asks a message's question alone when the whole was
// not its own: "eg melde interesse for feil kommune i går. korleis
// fjernar eg den registreringa??".
func QuestionSentences(q string) (string, bool) { return questionSentences(q) }

func questionSentences(q string) (string, bool) {
	var sb [6]string
	ss := sentencesInto(sb[:0], q)
	if len(ss) < 2 {
		return "", false
	}
	var kb [6]string
	keep := kb[:0]
	asked := false
	for _, s := range ss {
		switch {
		case strings.HasSuffix(s, "?") || asksRE.MatchString(s):
			keep = append(keep, s)
			asked = true
		case asked && !mineRE.MatchString(strings.ToLower(s)) && !isIntro(s):
			// After the question, a statement may be its condition
			// ("hvorfor er oppvekst så sentralt? vi samarbeider mest
			// med kulturhuset"); only the asker's own comment on
			// themselves is left out ("I learn much better when …"), and
			// a word on who they are ("er ny som sekretær for
			// kommunegruppa", blind172).
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 || len(keep) == len(ss) {
		return "", false
	}
	qs := strings.Join(keep, " ")
	// Not a question pointing back, nor a fragment ("kort versjon?"
	// after "skal forklare rådmannen kva programmet skal bidra til"),
	// nor one whose left-out sentences ask themselves (an embedded
	// question word: the real question is there).
	if backRE.MatchString(strings.ToLower(qs)) || wordCount(qs) < 3 {
		return "", false
	}
	for _, s := range ss {
		if !slices.Contains(keep, s) && embeddedAskRE.MatchString(strings.ToLower(s)) {
			return "", false
		}
	}
	return qs, true
}

// aboutBackRE asks about what was said before: "what do they say about
// this?", "hva sier programmet om det?".
var aboutBackRE = relit.MustCompile(`\b(om det|om dette|om dei|om dem|about it|about that|about this|about them)\b`)

// backRE is a question pointing back at a sentence before it: "Hva sier
// programmet om det?", "does anyone see that?", "is it a specific
// model?" — without that sentence it asks about nothing.
var backRE = relit.MustCompile(`\b(om det|om dette|om dei|om dem|med det|med dette|til det|for det|av det|about it|about that|about this|about them|with it|with that|of it|for it|see that|see it|that\?|this\?|it\?|det\?|dette\?|dem\?)|\b(is it|was it|will it|does it|can it|er det eit|er det et|er det en|er det ein|er dette|is this|is that)\s+(a|an|one|the|eit|et|en|ein|ei|noko|noe|something|more|mer|meir|bare|berre|just|only)\b`)

// mineRE opens a sentence about the asker themselves: "I learn much
// better when …", "I'd hate for us to …", "jeg skal ha det i et notat",
// "Our European partners will inevitably ask about …".
var mineRE = relit.MustCompile(`^(i|i'd|i'm|i've|im|jeg|eg|je|my|our|min|mi|mitt|mine|vår|vårt|våre)\b` +
	// the asker's purpose, its subject left out: "tenker mtp. budsjett og
	// permisjoner" (split 157)
	`|^(?:tenker|tenkjer|tenkte|thinking|spør fordi|spør mtp|asking because|trenger det|treng det|need (?:it|this) for|skal bruke det)\b`)
