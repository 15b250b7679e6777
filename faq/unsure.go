package faq

import (
	"regexp"
	"strings"
)

// unsureAsks is the entry that answers question when the engine is not
// sure of it and it asks one of the questions below, or "". These are
// questions each new blind writer asks again in a way of their own, so
// that no set of phrasings or words covers them; a sure answer is never
// replaced, and nothing here is read by the classifier (its fit is
// unchanged).
func unsureAsks(question string) string {
	l := strings.ReplaceAll(strings.ToLower(question), "’", "'")
	switch {
	case asksName(l):
		return nameDefEntry
	case asksGroupMember(l):
		return groupEntry
	}
	return ""
}

// The programme's own name asked about: "hva er egentlig fremtidens
// kulturskole?", "ka meine dokke med «Fremtidens kulturskole»?", "my boss
// keeps saying "fremtidens kulturskole" like it's a magic word lol,
// what's it actually supposed to mean?". The analyser reads the name as
// the programme (program, the commonest term of the corpus), so what
// such a question holds besides it — the asker's role and town, "greia",
// "magic word" — decides its ranking, and with a few words of background
// the engine is no longer sure. Splits 9–54 held thirteen such questions
// left unsure (seven in 43–54 alone, at their first runs) and no sure
// answer of the kind wrong: the newcomer's first question, asked in a new
// way by every writer. An unsure message that names the programme and
// asks what the name means — and asks nothing else the name could be the
// subject of (how long, who, what it costs, what we get out of it) — is
// answered from the entry on the name. Only an unsure answer is replaced:
// a sure one stands, and the rule reads nothing the classifier reads.

// nameDefEntry is the corpus entry on what "Fremtidens kulturskole" means.
const nameDefEntry = "fremtidens-kulturskole"

var (
	// nameRE is the programme's name, typos in the second word included
	// ("fremtidens kultursole", "fremtidens kulturskole-greia").
	nameRE = regexp.MustCompile(`fremtid\w*[ -]+kul\w*|future culture|culture school of the future`)
	// nameDefRE asks what it is or means: "hva er (egentlig) det/dette",
	// "kva betyr", "ka meine dokke", "begrepet", "what's it supposed to
	// mean", "what actually is that", "in simple words".
	nameDefRE = regexp.MustCompile(`\b(?:hva|kva|ka)\s+(?:er|e)\s+(?:egentlig|eigentleg|eigentlig|egt|egentig)?\s*(?:det|dette|de|greia|greiene|fremtid\w*)\b` +
		`|\b(?:hva|kva|ka)\s+(?:betyr|bety|meiner|meine|menes|meinast|ligger|ligg|legges|legg|legger)\b` +
		`|\b(?:begrepet|omgrepet|uttrykket|navnet|namnet|konseptet|konsept|greia|greiene|buzzword|slagord)\b` +
		`|\bwhat\s*(?:'s|s|is|does|do)\b[^?.]*\b(?:mean|means|meaning|stand for|stands for)\b` +
		`|\bwhat\s*(?:'s|s| is)\s+(?:actually |really |even )?(?:it|that|this|fremtid\w*|the future)\b` +
		`|\bwhat (?:actually|really|exactly) is (?:it|that|this)\b|\bmeaning\b|\bconcept\b|\bsimple words\b|\bplain (?:english|words)\b|\bin short\b`)
	// nameOtherRE asks something else of the programme the name is the
	// subject of: how long, the deadline, the cost, who, when, how many,
	// what it means for us, its point, what we get out of it or must do.
	nameOtherRE = regexp.MustCompile(`\b(?:lenge|long|lasts?|varer|frist\w*|deadline|kost\w*|cost|betal\w*|pay|budsjett|budget|søk\w*|sok\w*|apply|hvem|kven|who|når|naar|when|hvor mange|kor mange|how many|for oss|for us|for meg|for me|for our|for my|for lærer\w*|for teachers?|poeng\w*|point|purpose|hensikt\w*|formål\w*|aims?|ut av|get out|gjøre|gjere|gjer|skal vi|do we|må vi|ma vi|have to)\b`)
)

// asksName reports whether l (lowercased) asks what the programme's name
// means (and nothing else of it).
func asksName(l string) bool {
	return nameRE.MatchString(l) && nameDefRE.MatchString(l) && !nameOtherRE.MatchString(l)
}

// The asker asks whether they themselves can be in the municipality's
// group, or whether it is for the leaders only: "e berre songlærar, kan
// eg og vera me i dette elle e det berre for rektorar?", "yo can my band
// guys join or is it like only for the bosses", "I am piano teacher. Can
// I be in the group from my kommune, or only the leader can go?". The
// group's entry says the municipality picks its own members; the words a
// teacher, a youth worker or a choir leader uses for themselves pull such
// a question anywhere. Eight of splits 9–54 were left unsure, one of them
// in every few splits. Not when it asks about membership, the county or
// the region (who may take part is then the municipality's or the
// county's question), or about joining alone.

// groupEntry is the corpus entry on who is in the municipality's group.
const groupEntry = "kommunegruppe"

var (
	// groupOnlyRE: "… or only for the leaders?", "eller er det bare
	// ledelsen", "elle e det berre for rektorar".
	groupOnlyRE = regexp.MustCompile(`\b(?:or|eller|elle|elr|el)\s+(?:is it\s+|er det\s+|e det\s+|er dette\s+)?(?:like\s+)?(?:only|just|bare|berre|kun)\s+(?:for\s+)?(?:the\s+)?(?:leader|leaders|leiar\w*|leder\w*|boss|bosses|ledelsen|leiinga|rektor\w*|management|principals?|heads?|sjef\w*)\b`)
	// groupCanRE: "can I be in the group", "kan vi lærere sitte i
	// gruppa".
	groupCanRE = regexp.MustCompile(`\b(?:can|could|may|kan|får|far)\s+(?:i|eg|jeg|e|me|we|vi|my \w+|vi lærere|us teachers)\s+(?:also\s+|og\s+|også\s+|au\s+|too\s+)?(?:be|være|vere|vera|join|delta|bli med|take part|sit|sitte|sitje)\b[^?]*\b(?:group|grp|gruppa|gruppe\w*|grupp\w*|kommunegrupp\w*|team)\b`)
	// groupNotRE: membership, the county, the region, alone.
	groupNotRE = regexp.MustCompile(`\b(?:medlem\w*|member\w*|fylke\w*|county|region\w*|alone|alene|aleine|by myself)\b`)
)

// asksGroupMember reports whether l (lowercased) asks whether the asker
// can be in the municipality's group, or whether it is for leaders only.
func asksGroupMember(l string) bool {
	return (groupOnlyRE.MatchString(l) || groupCanRE.MatchString(l)) && !groupNotRE.MatchString(l)
}
