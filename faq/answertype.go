package faq

import (
	"regexp"
	"strings"
	"sync"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// Expected answer types. Some questions ask for a kind of fact: a time
// ("når starter ..."), a count ("hvor mange ..."), money, a link or contact
// details. An entry whose answer holds no such fact cannot answer them,
// however many words it shares with the question ("hva er lenken til
// teams-møtet i oktober" is not answered by "there are two digital meetings,
// in October and November"). Checking the kind of fact is the classic
// answer-type test of question answering; it turns those near misses into
// an honest "not sure" that goes to the working group.
type answerType uint16

const (
	atTime answerType = 1 << iota
	atCount
	atMoney
	atAmount // a sum in kroner
	atLink
	atContact
	atWho      // an actor: a body, a group, a role
	atStatus   // how things stand now (who has signed up so far): never in the FAQ
	atPerson   // a named person ("hvem er fylkesleder i Troms"): never in the FAQ
	atPlace    // where an event is held ("hvor skal samlingen holdes")
	atDeadline // a deadline ("hva er fristen for neste runde"): a date to be met
	atClock    // a time of day ("what time does the gathering start")
	atEventLen // how long one gathering or meeting lasts, not the programme
	atName     // what something is called ("what's the name of the hotel")
	atCommand  // the answer tells which of the bot's commands to type
)

// The question side. Each pattern runs on the lower-cased question with
// letters folded by bot.FoldText (so "nar", "når" and "naar" are the same,
// and a pattern is written folded: "dator" for "datoer").
var (
	// "når" is also a conjunction ("hva skjer når programmet er slutt?"),
	// so it counts only at the start of the question or at its end.
	qTimeRE  = relit.MustCompile(`^\W*(nar|when)\b|\b(nar|when)\W*$|\b(kva tid|kor tid|hvilken dato|hvilke dator|what date|which date|which day|hvilken dag|hvilket tidspunkt|tidspunkt for|dato for|daton for|datone for|date of|dates of)\b`)
	qCountRE = relit.MustCompile(`\b(hvor mange|kor mange|how many|number of|antall)\b`)
	// A wrong number typed ("skrev feil antall minutter", "entered the
	// wrong number of hours") reports a mistake to correct: it asks no count.
	qWrongCountRE = relit.MustCompile(`\b(feil|gale|galt|rett|riktig|riktige|wrong|incorrect|right|correct)\s+(antall|number of)\b`)
	qMoneyRE      = relit.MustCompile(`\b(koster|kostar|kosta|cost|costs|pris|prisen|price|betale|betaler|betalar|pay|pays|paid|penger|pengar|money|tilskudd|grant|fee|fees|avgift\w*|kontingent\w*|egenandel\w*)\b`)
	// "nok" is also "enough", so the currency counts only beside a number.
	qAmountRE = relit.MustCompile(kronerExpr + `|\bsum\b|\b(hvor mye|kor mykje|how much)\b.*\b(penger|pengar|money|tilskudd\w*|midler|grant\w*|funding|fee|fees|avgift\w*|kontingent\w*|egenandel\w*|\w*stotte|support|refusjon\w*|godtgjor\w*)\b|\bper\s+(km|kilometer|mil|deltaker|person|natt|dogn|kommune|head|participant|night)\b`)
	// The budget is an amount asked for only in a sentence that asks
	// ("hva er budsjettet for programmet?"), not as the asker's worry
	// beside the question ("dekkes reisa? budsjettet er stramt", "a
	// line in the budget."), and not as the name of a report or a
	// meeting ("the budget report", "the budget people").
	qBudgetRE    = relit.MustCompile(`\b(budsjettet|totalbudsjett\w*|the budget|budget for|total budget)\b`)
	budgetThings = set("report", "reports", "meeting", "meetings", "line", "people", "folks", "team", "office", "rapport", "rapporten", "mote", "motet", "arbeid", "arbeidet", "prosess", "prosessen", "process")
	qLinkRE      = relit.MustCompile(`\b(lenke|lenken|lenka|lenker|link|linken|links|url|nettside|nettsiden|website|webside|nettadresse)\b`)
	// Contact details: an address, phone number or e-mail of someone.
	// "who" asks for an actor only as the question word itself.
	qWhoRE = relit.MustCompile(`^\W*(hvem|kven|who)\b|[,.:;!?]\s*(hvem|kven|who)\b`)
	// The state of things today is data the working group has, not a
	// fact of the programme text.
	qStatusRE = relit.MustCompile(`\b(deltar|deltek|participate|participating)\s+(totalt|til sammen|i alt|na|i dag|i ar|in total|altogether|now|today|this year)\b|\b(hvor mange|kor mange|hvilke|kva for|which|how many)\b.*\b(er med|har meldt|har sokt|har registrert|har blitt med|are in|have joined|have signed up|have applied|have registered)\b`)
	// "allerede", "so far" ask how things stand when they ask who or how
	// many have signed up or answered ("hvilke kommuner er allerede
	// med") — not when what stands is a decision of the programme ("er
	// det bestemt allerede?": the FAQ says it is not yet), what someone
	// does as a rule ("what the county branches already do") or what the
	// asker already has ("vi har allerede et prosjekt med barnehagene").
	// Where the asker belongs ("which region we are in", "hvilken region
	// vi er med i") is not how the sign-up stands.
	qOwnPlaceRE = relit.MustCompile(`\b(hvilken|hvilket|kva for|which)\s+\w+\s+(vi|me|we|i|jeg|eg)\s+(er med|are in|am in|belong)`)
	// Where or how to see who has signed up asks for the way to the
	// list (a command), not the list ("hvor ser jeg hvilke kommuner vi
	// har meldt inn", "where can I see who has signed up").
	qWhereToSeeRE = relit.MustCompile(`\b(hvor|hvordan|korleis|kor|where|how)\s+(\w+\s+){0,3}?(ser|se|sja|finn|finne|finner|see|view|find|check|get|export)\b|\b(kan jeg|kan eg|kan vi|kan me|can i|can we)\s+(se|sja|see|view|fa|get)\b`)
	qStatusWordRE = relit.MustCompile(`\b(allerede|hittil|sa langt|forelopig|per i dag|per na|already|so far|until now|to date|currently)\b`)
	qStatusAskRE  = relit.MustCompile(`\b(hvilke|hvilken|hvem|kven|hvor mange|kor mange|kva for|which|who|how many|meldt|pameldt|svart|sagt ja|signed|registered|joined|answered|replied|applied|sokt|er med|are in)\b`)
	qDecidedRE    = relit.MustCompile(`\b(bestemt|bestemd|avklart|avklara|klart|vedtatt|vedteke|fastsatt|fastsett|decided|determined|settled|fixed|finali[sz]ed|planned|planlagt|gjor|gjer|jobber|jobbar|arbeider|arbeidar|already do|already does|vanligvis|normalt|normally|usually)\b`)
	// A named person: who holds a one-person role, or what they are
	// called; also who took part in something past ("hvem var med i
	// pilotprosjektet", "who was in the group that wrote it"): names the
	// FAQ does not list (both such training questions are out of scope).
	qPersonRE = relit.MustCompile(`\b(hvem|kven|who)\s+(er|is|are|var|was|blir|leder|leiar|leads|heads|chairs)\s+(\w+\s+)?(veileder\w*|rettleiar\w*|mentors?|mentorene|\w*radgiver\w*|\w*radgjevar\w*|advis[eo]r|leder\w*|leiar\w*|fylkesleder\w*|styreleder\w*|fylkesleiar\w*|styreleiar\w*|kontaktperson\w*|rektor\w*|prosjektleder\w*|koordinator\w*|daglig|sjef\w*|chair\w*|head|leader|contact|coordinator|director)|\b(hva|kva|what)\s+(heter|is the name of)\s+(\w+\s+)?(leder\w*|leiar\w*|fylkesleder\w*|styreleder\w*|fylkesleiar\w*|styreleiar\w*|kontaktperson\w*|rektor\w*|prosjektleder\w*|koordinator\w*|sjef\w*|head|leader|chair\w*|coordinator)|\b(hvem|kven|who)\s+(leder|leiar|leads|heads|chairs)\b|\b(hvem|kven|who)\s+(er det som|er det|is it that|is it who)\s+(leder|leier|leiar|leads|heads|chairs|runs)\b|\b(hvem|kven|who)\s+(var|vart|was|were|deltok|took part|har vaert|har vore)\s+(med\s+)?(i|in|on)\s`)
	// Where an event is held: "hvor" as the question word (not "hvor
	// mange/lenge/mye") with a gathering or meeting in the question.
	qPlaceRE = relit.MustCompile(`^\W*(hvor|kor|where)\s+(skal|blir|er|holdes|holdast|arrangeres|foregar|avholdes|will|is|are|do|dos)\b|\b(hvilket sted|hvilken by|which city|which town|what venue|which venue|what location)\b`)
	qEventRE = relit.MustCompile(`\b(samling\w*|mote|motet|moter|motene|moteplass\w*|gathering\w*|meeting\w*|webinar\w*|seminar\w*|konferanse\w*|conference\w*|arrangement\w*)\b`)
	// A deadline asked for, not a deadline missed ("vi rakk ikke
	// fristen", "etter fristen", "før fristen" ask what then).
	qDeadlineRE = relit.MustCompile(`\b(\w*frist\w*|deadlines?)\b`)
	qMissedRE   = relit.MustCompile(`\b(rakk|rekk\w*|rokk\w*|miss\w*|glipp|etter|after|sent|late|passert|passed|dropp\w*|ute|gatt|for|fore|before|innen)\s+(\w+\s+)?(\w*frist\w*|deadlines?)\b|\b(\w*frist\w*|deadlines?)\s+(\w+\s+)?(rakk|rekk\w*|miss\w*|passert|passed|ute|gatt|gar ut|is over|expired)\b`)
	qClockRE    = relit.MustCompile(`\b(what time|at what time|klokkeslett\w*|klokka|klokken|tidspunkt pa dagen)\b`)
	qDurationRE = relit.MustCompile(`\b(hvor lenge|kor lenge|how long|varighet\w*)\b`)
	// "navn på" asks a name only as the question ("hva er navnet på"),
	// not in "sende inn navn på kommuner".
	qNameRE = relit.MustCompile(`\b(hva heter|kva heiter|hva het|what'?s the name|what is the name|name of the|(hva|kva) er (navnet|namnet|navn) (pa|til))\b`)
	// "address" is the noun only after a determiner or the kind of
	// address ("the address", "e-mail address", "address?"): the verb
	// ("does the programme address the wider challenges", blind38) asks
	// nothing of the kind.
	qContactRE = relit.MustCompile(`\b(telefon\w*|tlf|mobilnummer\w*|nummeret|e-?post\w*|e-?mail\w*|mailadresse\w*|phone|adressen|(the|an|your|their|his|her|its|our|my|what|which|whats|what's|postal|street|web|visiting|office|home|invoice|billing|delivery)\s+address(es)?|address\s*\?*\s*$)\b|\baddress\s*\?+`)
	// The phone as a device ("inn i kalenderen på telefonen", "on my
	// phone", "into my phone") is where something is shown, not a number
	// asked for; an e-mail one read something in ("I saw it in an
	// email") is not an address asked for.
	// "address" after a subject or a modal is the verb ("what will
	// they address?", "how does it address …").
	qAddressVerbRE = relit.MustCompile(`\b(they|we|you|it|i|will|shall|to|does|do|did|should|can|could|would|must|might|may)\s+address\b`)
	qDeviceRE      = relit.MustCompile(`\b(pa|i|on|in|into|onto|inn i|inn pa|til|to|fra|from|via|med|with)\s+(min|mi|mitt|my|the|a|an|en|ein|ei|et|eit|our|your|var|vart)?\s*(telefon|telefonen|mobil|mobilen|phone|mobile|e-?mail|e-?mailen|e-?post|e-?posten|mail|mailen|newsletter|nyhetsbrev\w*)\b`)
)

// The answer side, on the folded answer texts (both languages) and source.
// Compiled on first use (an entry's answer types are worked out when a
// question first reaches it), not in package initialisation: that was
// start-up time before /healthz answers.
var (
	aTimeRE = lazyRE(`\b(januar|februar|mars|april|juni|juli|august|september|oktober|november|desember|january|february|march|june|july|october|december|host|hosten|varen|autumn|spring|semest\w*|dato\w*|dates?|senere|later|uke|week|frist\w*|deadline)\b`)
	// Number words are looked for in their own language's text: "to" is
	// two in bokmål and a preposition in English.
	aCountNB    = lazyRE(`\b(\d{1,3}|to|tre|fire|fem|seks|sju|syv|atte|ni|ti|femten|hvor mange)\b`)
	aCountEN    = lazyRE(`\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|fifteen|how many)\b`)
	aMoneyRE    = lazyRE(`\b(\w*budsjett\w*|budget|midler|midlene|funds?|funding|funded|dekk\w*|cover\w*|betal\w*|pay\w*|gratis|free|kost\w*|cost\w*|penger|money|okonomi\w*|reisestotte|support|tilskudd)\b`)
	aAmountRE   = lazyRE(`\d[\d .]*\s*(kr|kroner|nok)\b|\bnok\s*\d`)
	aLinkRE     = lazyRE(`https?://|\b(lenke\w*|link\w*)\b`)
	aPlaceRE    = lazyRE(`\b(digital\w*|teams|zoom|online|nettbasert|sted|stedet|steder|places|venue|location|adresse\w*|address)\b`)
	aDeadlineRE = lazyRE(`\b(\w*frist\w*|deadlines?)\b|\b(innen|by)\s+\d`)
	aClockRE    = lazyRE(`\bkl\.?\s*\d|\b\d{1,2}[:.]\d{2}\b|o'?clock`)
	aEventLenRE = lazyRE(`\b\d+\s*(timer|dager|hours|days|dogn)\b|\b(to|tre|en|ett|two|three|one)[- ]?(dagers|dags|day)\b|\b(heldag\w*|halvdag\w*|dagsamling\w*|full-day|half-day|overnatting\w*)\b`)
	// A name is given as a quoted title («...», “...”).
	aNameRE    = lazyRE(`[«“"]`)
	aContactRE = lazyRE(`@|\+?\d[\d ]{7,}\d`)
	aWhoRE     = lazyRE(`(kommune|fylke|styre|arbeidsgrupp|arbeidsutvalg|kulturskoleradet|kulturskolerads|radgiver|leder|deltaker|representant|veileder|programledelse|aktor|partner|statsbudsjett|municipal|count|board|working group|committee|adviser|leader|participant|representative|mentor|management|actor|player|state budget)`)
)

// "How do I ..." about something one does ("hvordan sier jeg fra at vi
// kommer", "how do I register interest", "hvordan melde på via boten")
// asks for steps; when two entries fit it about as well, the one that
// says which command to type is the answer (answerHowTo).
var (
	qHowToRE   = relit.MustCompile(`^\W*(hvordan|korleis|korsn|koss|how)\s+(\w+\s+)?(jeg|vi|eg|me|i|we)\b|\b(hvordan|korleis|how)\b.*\b(via|i|in|with|through|gjennom|med)\s+(the\s+)?(boten|bot|kulturbot)\b`)
	aCommandRE = lazyRE(`(^|[\s(])/[a-z]{3,}\b`)
)

// qKnowRE: "hvordan vet jeg ...", "how do I know ..." ask how to tell,
// not what to do.
var qKnowRE = relit.MustCompile(`\b(vet|veit|vite|know|skjonner|skjonar|forstar|understand|tell)\b`)

// asksHowTo reports whether q asks how to do something itself.
func asksHowTo(q string) bool { return asksHowToFolded(bot.FoldText(q)) }

// asksHowToFolded is asksHowTo of bot.FoldText(q) (judgeWords folds the
// question once for this and questionTypesFolded).
func asksHowToFolded(f string) bool {
	return qHowToRE.MatchString(f) && !qKnowRE.MatchString(f)
}

// qHowMuchRE asks how much; it asks for an amount (a sum, a rate, a
// budget: "hvor mye tjener en rådgiver", "kor mykje har kulturskulen i
// budsjett", "hvor mye er kilometergodtgjørelsen") unless what is measured
// is the work or time the programme takes or what taking part costs
// (qHowMuchOursRE: "hvor mye jobb blir dette", "how much does it cost
// us"), which the FAQ answers without a figure.
var (
	qHowMuchRE     = relit.MustCompile(`\b(hvor mye|hvor mykje|kor mykje|kor mye|how much)\b`)
	qHowMuchOursRE = relit.MustCompile(`\b(hvor mye|hvor mykje|kor mykje|kor mye|how much)\s+(\S+\s+){0,3}?(tid|tida|tiden|time|jobb\w*|arbeid\w*|work\w*|effort|innsats\w*|koste\w*|kosta\w*|kostar|cost\w*|betal\w*|pay\w*)\b`)
)

// qPriceRE finds what a price question prices: "hvor mye koster en
// flybillett", "how much does a piano cost", "prisen på hotellet".
var qPriceRE = relit.MustCompile(`\b(?:(?:hvor mye|kor mykje|hva|kva)\s+(?:koster|kostar|kosta)|(?:prisen|prisen pa|price of|cost of)|how much (?:does|do|is|are|will|would))\s+(?:(?:en|ei|et|ein|eit|a|an|the|one)\s+)?(\p{L}+)`)

// notPriced are the words after "hvor mye koster" that ask what the
// programme costs ("hvor mye koster det", "how much does it cost us"),
// which the FAQ answers without an amount.
var notPriced = set("det", "dette", "programmet", "programme", "program", "a", "oss", "vi", "deltakelse", "deltaking", "deltakinga", "it", "this", "that", "participation", "joining", "we", "us", "taking", "being", "fremtidens")

// priceOfThing: the question asks the price of a named thing (a plane
// ticket, a piano, the hotel), an amount only an answer stating one
// gives — not what taking part costs.
func priceOfThing(q string) bool {
	m := qPriceRE.FindStringSubmatch(q)
	return m != nil && !notPriced[m[1]]
}

// asksBudget reports whether q asks for the budget (qBudgetRE): in a
// sentence that ends with a question mark (or the last, in a message
// without one), not naming a report or a meeting.
func asksBudget(q string) bool {
	for _, m := range qBudgetRE.FindAllStringIndex(q, -1) {
		rest := q[m[1]:]
		if next, _, _ := strings.Cut(strings.TrimLeft(rest, " "), " "); budgetThings[strings.TrimRight(next, ".,;:!?")] {
			continue
		}
		end := m[1] + sentenceEnd(rest)
		if strings.HasSuffix(strings.TrimSpace(q[:end]), "?") || (end == len(q) && !strings.Contains(q, "?")) {
			return true
		}
	}
	return false
}

// questionTypes returns the kinds of fact question asks for.
func questionTypes(question string) answerType {
	return questionTypesFolded(bot.FoldText(question))
}

// questionTypesFolded is questionTypes of q = bot.FoldText(question).
func questionTypesFolded(q string) answerType {
	var t answerType
	if qTimeRE.MatchString(q) {
		t |= atTime
	}
	if qCountRE.MatchString(q) && !(qWrongCountRE.MatchString(q) && !qCountRE.MatchString(qWrongCountRE.ReplaceAllString(q, " "))) {
		t |= atCount
	}
	if qMoneyRE.MatchString(q) {
		t |= atMoney
	}
	if qAmountRE.MatchString(q) || asksBudget(q) || priceOfThing(q) || (qHowMuchRE.MatchString(q) && !qHowMuchOursRE.MatchString(q)) {
		t |= atAmount
	}
	if qLinkRE.MatchString(q) {
		t |= atLink
	}
	if qWhoRE.MatchString(q) {
		t |= atWho
	}
	if ((qStatusRE.MatchString(q) && !qOwnPlaceRE.MatchString(q)) || (qStatusWordRE.MatchString(q) && qStatusAskRE.MatchString(q) && !qDecidedRE.MatchString(q))) && !qWhereToSeeRE.MatchString(q) {
		t |= atStatus
	}
	if qPersonRE.MatchString(q) {
		t |= atPerson
	}
	if qContactRE.MatchString(q) && !(qDeviceRE.MatchString(q) && !qContactRE.MatchString(qDeviceRE.ReplaceAllString(q, " "))) &&
		!(qAddressVerbRE.MatchString(q) && !qContactRE.MatchString(qAddressVerbRE.ReplaceAllString(q, " "))) {
		t |= atContact
	}
	if qDeadlineRE.MatchString(q) && !qMissedRE.MatchString(q) {
		t |= atDeadline
	}
	if qNameRE.MatchString(q) {
		t |= atName
	}
	if qClockRE.MatchString(q) {
		t |= atClock
	}
	// "hvor lenge varer hver samling?" asks about one gathering; the
	// programme's three semesters do not answer it.
	if qDurationRE.MatchString(q) && qEventRE.MatchString(q) {
		t |= atEventLen
	}
	if qPlaceRE.MatchString(q) && qEventRE.MatchString(q) {
		t |= atPlace
	}
	return t
}

// answerTypes returns the kinds of fact an entry's answer holds.
func answerTypes(en Entry) answerType {
	a := bot.FoldText(en.Answer.NB + "\n" + en.Answer.EN)
	var t answerType
	if aTimeRE().MatchString(a) {
		t |= atTime
	}
	if aCountNB().MatchString(bot.FoldText(en.Answer.NB)) || aCountEN().MatchString(bot.FoldText(en.Answer.EN)) {
		t |= atCount
	}
	if aMoneyRE().MatchString(a) {
		t |= atMoney
	}
	if aAmountRE().MatchString(a) {
		t |= atAmount
	}
	if aLinkRE().MatchString(a) || aLinkRE().MatchString(strings.ToLower(en.Source)) {
		t |= atLink
	}
	if aWhoRE().MatchString(a) {
		t |= atWho
	}
	if aContactRE().MatchString(a) {
		t |= atContact
	}
	if aDeadlineRE().MatchString(a) {
		t |= atDeadline
	}
	if aNameRE().MatchString(a) {
		t |= atName
	}
	if aClockRE().MatchString(a) {
		t |= atClock
	}
	if aEventLenRE().MatchString(a) {
		t |= atEventLen
	}
	if aPlaceRE().MatchString(a) {
		t |= atPlace
	}
	if aCommandRE().MatchString(a) {
		t |= atCommand
	}
	return t
}

// lazyRE is regexp.MustCompile on first call.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
