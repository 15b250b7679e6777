package faq

import (
	"strings"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// withoutWritingFrame is q without the words that shape the answer the
// asker will write from it, inside the question's own sentence: how long
// ("treng 1-2 setningar om formålet …", "ideally in two or three
// points", "in a sentence or two"), how plainly ("kort forklart", "short
// version pls"), from where ("sett fra kommunens ståsted") and "stated"
// before the aims. They ask nothing, and as unknown words ("setning",
// "point", "state") they thinned the coverage of the entry the question
// is about below the gate (blind106, blind107, blind110, blind119,
// blind23). The document the answer is for ("… til
// saksframlegget") was tried too: two training questions more, one split
// question wrong, not kept. A preface of its own before a colon
// is withoutReporter's; a purpose after the question, withoutPurpose's.
// What is left must still be a question of a few words, or q stays.
func withoutWritingFrame(q string) string {
	r := q
	for _, f := range writingFrames {
		if f.re.MatchString(r) {
			r = f.re.ReplaceAllString(r, f.repl)
		}
	}
	if r == q {
		return q
	}
	r = strings.Join(strings.Fields(r), " ")
	r = strings.TrimLeft(r, ":,;–- ")
	r = strings.ReplaceAll(r, " ,", ",")
	r = strings.ReplaceAll(r, " ?", "?")
	r = strings.ReplaceAll(r, " .", ".")
	if wordCount(r) < 3 {
		return q
	}
	return r
}

// writingFrames are the frames withoutWritingFrame leaves out, in order,
// each replaced by repl.
var writingFrames = []struct {
	re   *relit.Regexp
	repl string
}{
	// "1-2 setningar om", "a couple of sentences on", "tre punkt om"
	{relit.MustCompile(`(?i)\b(?:\d+\s?[-–]\s?\d+|\d+|en|ei|ett|eit|ein|one|two|three|a|a couple of|a few|et par|eit par|nokre|noen|to|tre)\s+(?:(?:eller|or|til|to)\s+\S+\s+)?(?:korte?\s+|short\s+|brief\s+|enkle?\s+|simple\s+)?(?:setning\w*|sentences?|punkt\w*|points?|bullet\s?points?|kulepunkt\w*|linjer?|lines?|paragraphs?|forklaring|forklaringa|oppsummering|formulering|begrunnelse|grunngjeving|explanation|summary)\s+(?:om|on|about|describing|på|of)\s+`), " "},
	// ", ideally in two or three points", "i ei setning", "in plain words"
	{relit.MustCompile(`(?i),?\s*\b(?:ideally\s+|preferably\s+|helst\s+|gjerne\s+|gjerna\s+)?(?:in|i|på)\s+(?:(?:\d+|one|two|three|a|a couple of|a few|en|ei|ett|eit|ein|to|tre|et par|eit par|nokre|noen)\s+(?:(?:or|eller)\s+\S+\s+)?)?(?:short\s+|korte?\s+|brief\s+|plain\s+|enkle?\s+|simple\s+)?(?:sentences?|points?|bullet\s?points?|setning(?:er|ar)?|punkt(?:er)?|words|ord|lines|linjer)\b(?:\s+(?:or|eller)\s+(?:two|three|so|to|tre|så))?`), " "},
	// "sett fra kommunens ståsted", "from the municipality's point of
	// view" (blind119)
	{relit.MustCompile(`(?i),?\s*\b(?:sett (?:fra|frå) (?:\S+ ){0,2}?(?:ståsted|ståstad|synspunkt|perspektiv|side)|from (?:the |a |our )?(?:\S+ ){0,2}?(?:point of view|perspective|standpoint))\b`), " "},
	// "kort forklart", "in simple terms", "short version pls", "in broad
	// terms" (blind162: "terms" read as semesters), "i grove trekk"
	{relit.MustCompile(`(?i),?\s*\b(?:(?:kort|enkelt|greit|stutt)\s+(?:forklart|fortalt|sagt)|in (?:short|(?:simple|plain|layman's|broad|general|rough|formal|overall|strict) terms)|concisely|succinctly|(?:broadly|roughly|generally) speaking|(?:i|in) (?:grove|store|korte) trekk|briefly explained|(?:the )?(?:short|kort|kortversjon) (?:version|versjon|answer|svar)(?: (?:please|pls|plz|takk))?)\b,?`), " "},
	// "the programme's stated aims"
	{relit.MustCompile(`(?i)\b(?:stated|declared|official)\s+(aims?|objectives?|goals?|purposes?)\b`), " $1"},
}

// withoutExcept is q without a closing clause that sets aside what the
// asker already knows: "Er det noen krav til kommunene som skal delta,
// utover at de er medlemmer?", "kva er det forventa at me i styret gjer,
// utover å melde på kommunane?", "what does the money pay for apart from
// the gatherings?". Read as part of the question, what is set aside (the
// membership, the registration) pulled it to that entry (blind105,
// blind115, blind116). Only at the question's end, after words of the
// question, and only with "at"/"å" after "utover" ("utover høsten" is a
// time). Not "besides"/"i tillegg til": what is added to is the
// question's ("what is it based on besides the framework?").
func withoutExcept(q string) string {
	if !exceptRE.MatchString(q) {
		return q
	}
	m := exceptRE.FindAllStringSubmatchIndex(q, 1)
	if len(m) != 1 {
		return q
	}
	// Not a clause opening its sentence ("Utover å stille med ei gruppe
	// – kva forventar dei …?" asks in it).
	before := strings.TrimSpace(q[:m[0][0]])
	if before == "" || strings.ContainsAny(before[len(before)-1:], ".?!:") {
		return q
	}
	r := before + q[m[0][2]:m[0][3]]
	if wordCount(r) < 3 {
		return q
	}
	return r
}

// exceptRE is the set-aside clause to the end of its sentence, keeping
// the sentence's mark.
var exceptRE = relit.MustCompile(`(?i),?\s+\b(?:ut ?over (?:det )?(?:at|å|a)|utenom (?:det )?(?:at|å|a)|utanom (?:det )?(?:at|å|a)|bortsett fra|bortsett frå|apart from|other than|except for)\s+[^,.?!;]+([?.!]?)\s*$`)
