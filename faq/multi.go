package faq

import (
	"context"
	"math"
	"slices"
	"strings"

	"regexp"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// questionSplitRE finds where one question ends and another begins: after
// a question mark, at a new line or semicolon, and at "og"/"and"/"samt"
// (after an optional comma) when a question word follows — or a yes/no
// question's verb and its subject ("… and is there a new round in
// autumn?", "… og får vi reisestøtte?", "… og kan du anbefale et
// hotell?").
var questionSplitRE = relit.MustCompile(`(?i)\?+\s+|\n+|;\s*|,?\s+(?:og|and|samt|også|plus)\s+(?:(?:så|so|also|også)\s+)?(hva|hvem|hvor|når|naar|hvordan|hvorfor|hvilke|hvilken|hvilket|kva|kven|kor|korleis|kvifor|kva tid|what|who|where|when|how|why|which|is there|are there|will there|is it|do we|does it|can we|can i|should we|must we|do i|(?:er|blir|får|far|kan|må|ma|skal|har|vet|veit|vil|bør|kunne|skulle|dekker|dekkjer|betaler|trenger|treng|gjelder|gjeld|koster|kostar|fins|finnes|gjør|gjer|kommer|kjem|går|holder|held|starter|startar|varer|fikk|fekk)\s+(?:vi|me|det|de|dere|du|jeg|eg|man|dei)|(?:do|does|is|are|can|will|did|have|has|should|could|would|may|must)\s+(?:we|there|it|they|you|i))\b`)

// partLeadRE is a joining word left at the start of a part split after a
// question mark ("… programmet? og hva …", "…? also, what …").
var partLeadRE = relit.MustCompile(`(?i)^(?:og|and|also|også|ogso|samt|plus|men|but)(?:\s+(?:så|so|also|også))?[,:]?\s+`)

// asksRE opens a question: a question word, or a yes/no question's verb
// and its subject ("trenger vi …?"; "trenger tittelen til …" is not one).
var asksRE = regexp.MustCompile(`(?i)^(?:(?:hva|hvem|hvor|når|naar|hvordan|hvorfor|hvilke|hvilken|hvilket|kva|kven|kor|korleis|kvifor|what|whats|what's|who|whos|who's|where|when|whens|how|hows|why|which|any)\b|(?:er|blir|får|kan|må|skal|har|vet|veit|vil|bør|finnes|fins|gjelder|går|trenger|treng|dekker|dekkjer|koster|kostar|kommer|kjem|starter|startar|varer|is|are|do|does|can|will|did|have|has|should|could|would|may|must)\s+(?:vi|me|det|de|dere|du|jeg|eg|man|dei|han|ho|den|kommunen|fylket|programmet|we|there|it|they|you|i|the|a|an|our|my|admins|mentors)\b)`)

// leansRE finds a word that points back at what an earlier part named
// ("… og når skjer det?", "and what are they for", "Når i så fall?").
var leansRE = regexp.MustCompile(`(?i)\b(?:det|den|dem|dei|de|han|ho|henne|it|its|they|them|their|that|this|those|these|fall)\b`)

// PartUnanswered is how part i of a question asking several (whole) is
// named when no answer was sure of it (outOfScope: declined when asked
// alone), or false when it asks nothing of its own: context ("vi blir 3
// stk", "need an example") or the tail of the question before ("bærekraft
// og sånt?", "when" in "when and where …"). The first part asks when it
// ends with a question mark, the others only when they open like a
// question. A part pointing back at an earlier one ("… og når skjer
// det?", "and how often does it meet?") is not understood alone: it is
// never called outside on its own words, and the whole question is passed
// on. (Leaving out the short ones, as following up on an answered part,
// silenced real questions too: "… og hvor har de kontor?") The FAQ's
// two-part answers (unansweredParts) and the live step's
// (handlers/live_multi.go) name their parts by it alike.
func PartUnanswered(i int, part, whole string, outOfScope bool) (Unanswered, bool) {
	p := strings.TrimSpace(part)
	asks := asksRE.MatchString(p) || (i == 0 && strings.HasSuffix(p, "?"))
	switch {
	case !asks || wordCount(p) < 3:
		return Unanswered{}, false
	case i > 0 && leansRE.MatchString(p):
		return Unanswered{Question: p, Ask: whole}, true
	case outOfScope:
		return Unanswered{Question: p, OutOfScope: true}, true
	}
	return Unanswered{Question: p, Ask: p}, true
}

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
		if p := trimPart(q[last:m[0]]); p != "" {
			parts = append(parts, p)
		}
		last = end
	}
	if p := trimPart(q[last:]); p != "" {
		parts = append(parts, p)
	}
	return parts
}

// trimPart is a part without the spaces around it and a joining word
// before it.
func trimPart(p string) string {
	p = strings.TrimSpace(p)
	if ms := partLeadRE.FindAllStringIndex(p, 1); len(ms) == 1 && ms[0][1] < len(p) {
		p = p[ms[0][1]:]
	}
	return p
}

// withoutPurpose is q without the parts before or after its question that
// only say why the asker asks ("finnes det en tidsplan? må planlegge
// budsjett og vikarer", "kva er føremålet? må forklare det for
// kommunestyret neste veke", "dekkes hotell og mat? skal sette opp
// budsjett for neste år"). Read as part of the question they pulled it
// to another entry (the politicians', the next gathering's) or named
// something the programme does not (vikarer), which declined the whole;
// they ask nothing. A part is such a purpose when it is a statement that
// the asker must, will or needs to do something with the answer — plan,
// explain, present, budget, decide; "må vi planlegge …?" (the modal
// before its subject) asks, and stays.
func withoutPurpose(q string) string {
	// "…, for an international partner audience?", "…, for our Danish
	// colleagues": who the answer is for, at the question's end.
	if strings.Contains(q, ", for ") {
		if ms := forAudienceRE.FindAllStringSubmatchIndex(q, 1); len(ms) == 1 {
			q = q[:ms[0][0]] + q[ms[0][2]:ms[0][3]]
		}
	}
	// "…føremålet med utviklingsprogrammet, skal inn i ei sak til
	// politisk utval": a purpose after the question's last comma, where
	// the question has no mark to split it at (blind117).
	if i := strings.LastIndex(q, ", "); i > 0 && !strings.Contains(q[i:], "?") {
		if tail := strings.TrimRight(q[i+2:], " .!"); purposeRE.MatchString(strings.ToLower(tail)) && wordCount(q[:i]) >= 3 {
			q = q[:i]
		}
	}
	var pb [4]string
	parts := splitQuestionsInto(pb[:0], q)
	if len(parts) < 2 {
		return q
	}
	keep := parts
	for len(keep) > 1 && asksNothing(keep[len(keep)-1]) {
		keep = keep[:len(keep)-1]
	}
	for len(keep) > 1 && asksNothing(keep[0]) {
		keep = keep[1:]
	}
	if len(keep) == len(parts) {
		return q
	}
	// The parts are substrings of q (splitQuestionsInto), so both are
	// found; the checks keep a slip in that from ever cutting wrongly.
	start := strings.Index(q, keep[0])
	if start < 0 {
		return q
	}
	last := keep[len(keep)-1]
	end := strings.Index(q[start:], last)
	if end < 0 {
		return q
	}
	end += start + len(last)
	// The question's own mark stays: "…tidsplan for hele programmet et
	// sted?"
	if end < len(q) && q[end] == '?' {
		end++
	}
	return q[start:end]
}

// asksNothing reports whether part p of a question only says why the
// asker asks (purposeRE) or that they do not understand ("skjønnner ikke
// hva det ER liksom", blind176: read as a question of its own, "skjønner
// ikke" found the entry on names the bot does not understand).
func asksNothing(p string) bool {
	l := strings.ToLower(p)
	return purposeRE.MatchString(l) || confusedRE.MatchString(l)
}

// confusedRE is the asker saying they do not understand, and what.
var confusedRE = relit.MustCompile(`^(?:(?:jeg|eg|je|i|i just|i really|vi|me|we)\s+)?(?:skjønner|skjønnner|skjonner|skjønar|skjønnar|forstår|forstar|don't|dont|do not)\s+(?:ikke|ikkje|ikkje heilt|ikke helt|get|understand|quite get|really get)\b[^?]*$`)

// forAudienceRE is ", for <whom>" closing a question: the audience the
// asker will pass the answer to (blind91).
var forAudienceRE = relit.MustCompile(`, for (?:a |an |our |the |my )?(?:\S+ ){0,3}(?:audience|partners?|colleagues?|delegation|visitors|guests|board|network|consortium)([?.!]*)\s*$`)

// purposeRE is a part saying what the asker must or will do with the
// answer (withoutPurpose): an optional subject, a modal, a verb of
// planning, explaining or deciding; or that they need the answer for
// something.
var purposeRE = relit.MustCompile(`^(jeg |eg |je |vi |me |i |we |i'm |im |we're |were )?(må|ma|skal|trenger å|trenger a|treng å|treng a|need to|have to|must|got to|gotta|har tenkt å|har tenkt a|prøver å|prover a|held på å|holder på å|trying to|going to|intend to|plan to|are planning to|am planning to|aim to)\s+` +
	`(planlegge|planleggje|planlegga|plan|forklare|forklara|explain|presentere|presentera|present|legge fram|leggje fram|legge frem|sette opp|setje opp|set up|budsjettere|budget|forberede|førebu|forebu|prepare|informere|orientere|brief|inform|selge|selje|sell|overbevise|convince|ta stilling|decide|avgjøre|avgjere|bestemme|report|rapportere|booke|booker|bestille|bestiller|book|reservere|ordne|ordna|skaffe|skaffa|arrange|organise|organize|describe|beskrive|beskriva|skildre|skildra|omtale|omtala|document|dokumentere|warn|varsle|tell|map|compare|align|sammenligne|samanlikne)\b` +
	// "trenger det til saksfremlegget", "need it for the board memo"
	`|^(jeg |eg |vi |me |i |we )?(trenger|treng|need|needs|skal bruke|will use) (det|dette|dem|dei|desse|svaret|infoen|it|this|them|these|the answer|the info) (til|i|for|in)\s` +
	// "Vi trenger en kort begrunnelse til saksframlegget" (blind190)
	`|^(jeg |eg |vi |me |i |we )?(trenger|treng|need|needs) (en |ei |et |eit |ein |a |an )?(kort |short |brief |god |good )?(quotable |siterbar |sitérbar )?(begrunnelse|grunngjeving|formulering|tekst|setning|forklaring|justification|line|sentence|text|wording|quote|sitat)((til|for|i|in)\s|[.!]*$)` +
	// "skal ha det inn i et notat til rådmannen", "vil ha det inn i
	// årshjulet", "want to put it in our plan"
	`|^(jeg |eg |vi |me |i |we )?(skal|vil|må|ma|want to|need to|have to|will|would like to) (ha|få|fa|legge|leggje|sette|setje|put|add|get) (det|dette|den|svaret|it|this|that) (inn i|inn|i|into|in|på|pa)\s` +
	// "we need to know before our board meeting", "må vite det før
	// styremøtet", "want to get it right before I open my mouth"
	// (blind63)
	`|^(jeg |eg |vi |me |i |we )?(need to know|needs to know|need know|must know|have to know|må vite|ma vite|trenger å vite|trenger a vite|treng å vite|treng a vite|må vete)( det| dette| svaret| this| it| that| the answer)? (before|by|for|innen|før|for|til|i forhold til|ift\.?|med tanke på|mtp\.?|pga\.?|om|whether|if)\s` +
	// "…, så jeg kan planlegge vikarer" (blind199): what the answer
	// lets the asker do
	`|^(så|sa|so) (jeg|eg|je|vi|me|i|we) (kan|can|could|får|far) (planlegge|planleggje|plan|budsjettere|budget|booke|book|skaffe|skaffa|find|finne|ordne|organise|organize|prepare|forberede|førebu)\b` +
	`|^(jeg |eg |vi |me |i |we )?(want to|wanna|vil|would like to) (get it right|get this right|have it right|be sure|være sikker|vere sikker|ha det riktig|ha rett)\b` +
	// "Jeg trenger en kort begrunnelse til et politisk saksfremlegg",
	// "må ha ei kort forklaring i saksutgreiinga" (blind84, blind88)
	`|^(jeg |eg |je |vi |me |i |we )?(trenger|treng|må ha|ma ha|skal ha|need|needs|love|would love|like|would like|want) (en |ei |et |eit |a |an |some )?(kort |short |brief |god |good |crisp |snappy |catchy |quick )?(begrunnelse|grunngjeving|grunngiving|forklaring|formulering|tekst|setning|oppsummering|explanation|justification|summary|line|sentence)( \S+){0,3} (til|i|for|in)\s` +
	// "My kommune is going to ask what we get out of this", "rektor kjem
	// til å spørje om det": who will ask the same (blind87)
	`|^(my|our|min|mi|mitt|vår|vårt|våre|the|a|an|en|ei|et)?\s?\S+ (is going to|are going to|will|kommer til å|kommer til a|kjem til å|kjem til a|vil) (ask|spørre|spørje|spørja|sporre|want to know|wonder|lure på)` + wordEnd +
	// "skal inn i ei sak til politisk utval" (blind117)
	`|^(det |dette |den |svaret |it |this )?(skal|må|ma|should|will go|goes) (inn |med )?(i|på|into|in) (en |ei |et |eit |a |an |the |our )?(sak|saka|saken|notat|notatet|saksframlegg\S*|saksfremlegg\S*|rapport|rapporten|presentasjon|søknad|case|memo|report|paper)\b` +
	// "vi vurderer å henge oss på", "we're thinking about joining"
	`|^(jeg |eg |vi |me |i |we |we're |were |i'm |im )?(vurderer|vurderar|considering|are considering|am considering|tenker på|tenkjer på|thinking about|thinking of|planning to|planlegger|planlegg) (å |a |to )?(henge|hengje|bli|vere|være|delta|melde|join|take part|sign up|apply|søke|søkje)\b`)

// SplitQuestions is splitQuestions for the bot's own step before the FAQ
// (handlers/live_multi.go), so both read "two questions in one" alike.
func SplitQuestions(q string) []string { return splitQuestions(q) }

// partKind is what the engine makes of one part of a question asking two
// (or more) in one.
type partKind uint8

const (
	// partSure: the gate would answer it (a judgement kept).
	partSure partKind = iota
	// partSame: sure, with an entry an earlier part already gets.
	partSame
	// partUnsure: the programme's, but no sure answer; the working
	// group's to answer.
	partUnsure
	// partOut: not about the programme (declined on its own).
	partOut
	// partFiller: nothing to answer ("takk", "ok").
	partFiller
)

// partVerdict is one part's judgement: kind, and for a sure part the
// judgement (released by Answer), for an unsure one its best entry (nil:
// none).
type partVerdict struct {
	kind partKind
	j    *judgement
	best *indexed
	// off: the part names a subject outside the programme itself (the
	// off-topic guard or another body's object), so a later part may be
	// about that subject too ("hva er UKM, og hvordan melder vi på?").
	off bool
	// detail: the part asks for a detail the document does not give.
	detail bool
	// short: the part has fewer than three words ("navn?"): likely the
	// end of the one before, not a question of its own.
	short bool
	// p is the gate's probability for best.
	p float64
	// asks: the part asks something of its own (PartUnanswered), not
	// context ("vi samarbeider mest med kulturhuset").
	asks bool
	// context: the part neither opens like a question nor ends with a
	// question mark ("vi er 9 som vil vere med frå Strand").
	context bool
	// kroner: the part names a sum in kroner ("et beløp i kroner").
	kroner bool
	// brief: the part has five words or fewer ("how many kroner?", "kor
	// mange kroner i eigendel?").
	brief bool
	// money: the part names a fee or a cost ("Er det egenandel?").
	money bool
}

// judgeParts judges each part on its own, appending the verdicts to dst
// (Answer: an array on its stack). Every verdict holding a judgement must
// be released (releaseParts).
func (e *Engine) judgeParts(ctx context.Context, dst []partVerdict, parts []string, lang string) ([]partVerdict, error) {
	vs := dst
	// seen: whether an earlier sure part has entry id (a handful of
	// parts: a look through them, no map).
	seen := func(id string) bool {
		for _, v := range vs {
			if v.kind == partSure && v.j.best.x.ID == id {
				return true
			}
		}
		return false
	}
	for i, p := range parts {
		j, err := e.judge(ctx, p, lang)
		if err != nil {
			releaseParts(vs)
			return nil, err
		}
		_, asks := PartUnanswered(i, p, "", false)
		fp, n := bot.FoldText(p), wordCount(p)
		v := partVerdict{kind: partUnsure, detail: j.detail != noDetail, short: n < 3,
			off: j.offTopic || j.otherObject, asks: asks, context: !asks && !strings.HasSuffix(strings.TrimSpace(p), "?"),
			kroner: kronerRE.MatchString(fp) || (n <= 5 && howMuchRE.MatchString(fp)), brief: n <= 5,
			money: moneyRE.MatchString(fp)}
		sure := j.best != nil && j.p >= e.threshold()
		switch {
		case sure && seen(j.best.x.ID):
			v.kind = partSame
		case sure:
			v.kind, v.j = partSure, j
			vs = append(vs, v)
			continue
		case j.noTopic && !j.offTopic && chitchat(p):
			v.kind = partFiller
		case j.noTopic || j.otherObject || e.outOfScope(j):
			v.kind = partOut
		}
		if j.best != nil {
			v.best, v.p = j.best.x, j.p
		}
		j.release()
		vs = append(vs, v)
	}
	return vs, nil
}

func releaseParts(vs []partVerdict) {
	for _, v := range vs {
		v.j.release()
	}
}

// wordCount is len(strings.Fields(s)) without the slice.
func wordCount(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// surePartsOf lists the sure parts' judgements, in the order asked.
func surePartsOf(vs []partVerdict) []*judgement {
	var sure []*judgement
	for _, v := range vs {
		if v.kind == partSure {
			sure = append(sure, v.j)
		}
	}
	return sure
}

// answerParts answers a question that asks several (parts, shown as
// the asker typed them) from its parts' verdicts, or reports false to
// leave it to the whole question's judgement j: the sure parts' answers
// one after the other, and every other part that asks something named in
// Unanswered, so the asker is told (never left to think the answer
// covers it all).
func (e *Engine) answerParts(ans Answer, j *judgement, vs []partVerdict, shown []string) (Answer, bool) {
	sure := surePartsOf(vs)
	if len(sure) == 0 {
		return ans, false
	}
	wholeSure := j.best != nil && j.p >= e.threshold()
	switch {
	case j.offTopic || j.otherObject || j.detail != noDetail:
		// The whole is declined as it stands: it names a subject
		// outside the programme, or asks a detail the document does not
		// give. Its sure parts are answered only when a part of its own
		// carries that (a part not sure on its own that asks something:
		// in "hvorfor er oppvekst så sentralt? vi samarbeider mest med
		// kulturhuset" the context changes the question), every sure part is
		// a question of its own (three words or more: "hvem sitter i
		// arbeidsgruppen? navn?" asks the names; and opening like a
		// question or ending with a question mark: "… maks vere i
		// kommunegruppa? vi er 9 som vil vere med frå Strand" was
		// answered by its context), and, for a subject
		// outside, they all come before the part naming it — a later
		// part may be about it ("is there a conference …? how do we sign
		// up").
		carrier := -1
		for i, v := range vs {
			if (v.off || v.detail) && v.asks && v.kind != partSure && v.kind != partSame {
				carrier = i
				break
			}
		}
		if carrier < 0 {
			// No part carries it: a detail read only in the whole, from
			// words of different parts ("hvor lenge varer programmet, og
			// hvor mange ganger må vi reise på samling?" was "how often
			// do we travel"; blind115), when every part is a sure
			// question of its own.
			if j.detail == noDetail || j.offTopic || j.otherObject || !allSureQuestions(vs, shown) {
				return ans, false
			}
		}
		for i, v := range vs {
			if (v.kind == partSure || v.kind == partSame) && (v.short || v.context || (carrier >= 0 && i > carrier && vs[carrier].off)) {
				return ans, false
			}
			// A short part after the detail's own part asks more of the
			// same thing: "kva dato er det digitale infomøtet i oktober og
			// kva tid på dagen?" was answered with the digest's hour by
			// "kva tid på dagen" (blind191).
			if (v.kind == partSure || v.kind == partSame) && carrier >= 0 && i > carrier && vs[carrier].detail && i < len(shown) && wordCount(shown[i]) <= 5 {
				return ans, false
			}
		}
	case j.veto:
		// The whole asks for a kind of fact its best entry does not
		// give (an amount in kroner, a name): a sure part of fewer than
		// three words is that question's tail, not one of its own ("kor
		// mykje kostar det i kroner for kvar kommune? eigenandel?" was
		// answered with the funding by "eigenandel?"; blind49).
		// A sure part that asks nothing of its own is context after
		// the question ("… the phone number for whoever is running the
		// program? honestly I'd rather just call someone lol" answered
		// what the programme is called by "call"; blind56).
		// A statement after the question naming a sum in kroner is the
		// request, not context: "Hva må kommunen betale i
		// deltakeravgift? Trenger et beløp i kroner til budsjettet" asks
		// the amount, and the funding answer without one does not answer
		// it (blind86). Only the currency's own words: "budsjettet er
		// nesten lukket" or "hvor mye reising" after a question are its
		// context (all the amount words cost four right answers).
		for _, v := range vs {
			// A brief sure part naming a fee after the vetoed sum is
			// the same question: "Hva koster det i kroner per deltaker
			// …? Er det egenandel?" (blind147).
			if (v.kind == partSure || v.kind == partSame) && (v.short || v.context || (v.brief && v.money && j.detail == noDetail)) {
				return ans, false
			}
			// So is a brief question after it naming the currency: "how
			// much it cost to participate for one kommune? how many
			// kroner?" asks the sum (blind121).
			if v.kind != partSure && v.kind != partSame && (v.context || v.brief) && v.kroner {
				return ans, false
			}
		}
	case len(sure) == 1 && wholeSure:
		// The whole is sure too: its answer stands (as it always has).
		// When it is the sure part's entry, the other parts are not
		// answered by it; when another, the whole's answer may well
		// cover them, and nothing is claimed.
		if j.best.x != sure[0].best.x {
			return ans, false
		}
		ans = e.answerWith(ans, j.best.x, j.p)
		ans.Parts = shown
		ans.Unanswered = unansweredParts(vs, shown, ans.Question, j.best.x)
		return ans, true
	}
	if len(sure) > 1 {
		ans = e.answerBoth(ans, sure)
	} else {
		ans = e.answerWith(ans, sure[0].best.x, sure[0].p)
	}
	ans.Parts = shown
	ans.Unanswered = unansweredParts(vs, shown, ans.Question, nil)
	return ans, true
}

// allSureQuestions reports whether every part is sure of an entry of its
// own and a question of its own (three words or more, asking like a
// question, no detail): not a tail of the one before ("who's the leader
// of the working group? like the actual name?" is one question).
//
// Nor when a part asks "how often" in so many words: "what does the
// county board do in the programme and how often does it meet?" asks
// how often the board meets, which the gatherings' entry does not answer
// (multi10b).
func allSureQuestions(vs []partVerdict, parts []string) bool {
	for i, v := range vs {
		if v.kind != partSure || !v.asks || v.short || v.context || v.detail || v.off {
			return false
		}
		if i < len(parts) && howOftenRE.MatchString(strings.ToLower(parts[i])) {
			return false
		}
	}
	return true
}

// howOftenRE asks how often in so many words (dFrequencyRE's first
// half).
var howOftenRE = relit.MustCompile(howOftenExpr)

// coveredP is how sure an unsure part must be of the entry the whole
// question is answered with to be taken as answered by it ("hvor lenge
// varer programmet, og når er det ferdig?"); below it, the entry only
// shares a word with the part ("how many students took part in the
// pilot?" after "what do the students get out of it").
const coveredP = 0.3

// unansweredParts are the parts neither answered nor filler (nor asking
// nothing of their own: PartUnanswered); an unsure part fairly sure of
// the entry answered (answered, when not nil) is taken as covered by it.
func unansweredParts(vs []partVerdict, shown []string, whole string, answered *indexed) []Unanswered {
	var out []Unanswered
	for i, v := range vs {
		if v.kind != partOut && !(v.kind == partUnsure && (answered == nil || v.best != answered || v.p < coveredP)) {
			continue
		}
		if u, ok := PartUnanswered(i, shown[i], whole, v.kind == partOut); ok {
			out = append(out, u)
		}
	}
	return out
}

// shownParts are the parts as the asker typed them: the question split
// before the engine spelled out its shorthand (prepare), when that gives
// as many parts; otherwise the engine's own.
func shownParts(question string, parts []string) []string {
	var b [4]string
	raw := splitQuestionsInto(b[:0], strings.TrimSpace(question))
	if len(raw) != len(parts) {
		raw = parts
	}
	return slices.Clone(raw)
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

// moneyRE names a fee or a cost, on folded text.
var moneyRE = relit.MustCompile(`\b(egenandel\w*|eigendel\w*|eigenandel\w*|avgift\w*|fee|fees|kostnad\w*|koster|kostar|cost|costs|pris|prisen|price)\b`)

// howMuchRE opens a brief part asking an amount of what the part before
// named: "er det en deltakeravgift for kommunene, og hvor mye er den
// evt.?" (blind139) asks the fee's sum like "how many kroner?".
var howMuchRE = relit.MustCompile(`^(og |and )?(hvor mye|hvor mykje|kor mykje|kor mye|how much)\b`)

// kronerRE names a sum in kroner, on folded text (the explicit part of
// qAmountRE: no "how much", no budget).
var kronerRE = relit.MustCompile(kronerExpr)

// kronerExpr is a sum in kroner named, on folded text: the currency, an
// amount ("nok" is also "enough": only beside a number, or in English
// after "in": "the total allocation, in NOK"; blind129).
const kronerExpr = `\b(kroner|kr|belop|belopet|amount|summen)\b|\d\s*nok\b|\bnok\s*\d|\bin nok\b`
