package faq

import (
	"regexp"
	"strings"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// Details the programme document does not give. People ask the FAQ for
// the hotel, the exact day of a meeting it dates only by month, the
// deadline of a later round, the names of the working group, which
// municipalities were in the pilot, a maximum number. The entry closest
// to such a question is about the right subject and its gate probability
// is high, but its answer does not hold the detail: answering it is a
// confident wrong answer. So it is not answered; the reply says what the
// document does not give and, when the entry clearly is the subject, what
// it does say ("Programdokumentet sier ikke hvilket hotell …; dette står
// om det: …"), and the question goes to the working group, who may know.
// These are detail kinds, not words: each is a question pattern (how
// people ask for that detail, bokmål, nynorsk, English) and a test of
// whether an answer gives it.
type detailKind uint8

const (
	noDetail         detailKind = iota
	detailHotel                 // which hotel, its name or address
	detailExactDate             // the day or date, when the answer dates by month or season
	detailLaterRound            // the deadline or date of a later round
	detailMembers               // who sits in a fixed group, by name
	detailList                  // which municipalities or counties took part, or rank first
	detailMax                   // a maximum number
	detailQuota                 // how many each municipality (county, group) may send
	detailReplyTime             // how long until an answer comes
	detailPublished             // when a report or evaluation is published
	detailClock                 // the time of day, when the answer gives none
	detailBooking               // how to book the journey or the hotel
	detailLength                // how long one gathering lasts (hours, days)
	detailFrequency             // how often something happens
	detailMeals                 // the meals at a gathering
	detailHours                 // how many hours a week (or a job share) the work takes
	detailPay                   // what someone is paid: a mentor's hourly rate, a board fee
	detailCount                 // how many took part (a round, the pilot): a count the document lacks
)

// atGathering reports whether a question for detail k is about the
// programme's gatherings by its own pattern (each names one): such a
// question is the working group's to answer, never declined as out of
// scope however few of its words the corpus knows ("Er det middag på
// samlingen?" was told the bot only answers questions about the
// programme: "middag" is in no entry).
func (k detailKind) atGathering() bool { return k == detailLength || k == detailMeals }

// howOftenExpr asks how often in so many words: "hvor ofte", "how
// often".
const howOftenExpr = `\b(hvor|kor|how)\s+(ofte|often|frequently)\b`

// The question side, matched on the lower-cased question.
var (
	dHotelRE = relit.MustCompile(`\b(hvilket|hvilke|kva|kva for eit|which|what)\s+(hotell|hotellet|hotel)\s+((chain|kjede|hotellkjede)\s+)?(bor|bur|sover|søv|skal|blir|er|har|bruker|brukar|brukes|pleier|pleiar|are|is|will|would|do|does|did|usually|normally|typically|på|pa|for|i|in|at|we)` + wordEnd + `|\b(navnet på|namnet på|name of|adressa til|adressen til|address of|address for)\s+(the\s+)?(hotell\w*|hotel)|\b(hvor|kvar|where)\s+(skal|blir|are|will|do)\s+(vi|me|we)\s+(\w+\s+)?(bo|bu|stay|staying|sleep|overnatte)\b` +
		// "do they use a particular hotel for the samlinger?" (blind129)
		`|\b(a|one|the same|et|eit|eitt|ett|det samme|det same)\s+(particular|specific|fixed|regular|bestemt|spesielt|fast|fast avtale)\s+(hotell|hotel)\b`)
	// A day or a date, not a time of year: "hvilken dato", "what day in
	// november", "når er det, nøyaktig?", "…, dato?".
	dDateRE = relit.MustCompile(`\b(hvilken|hvilke|kva|kva for ein|which|what)\s+(dato|datoen|dag|dagen|ukedag|vekedag|date|day|weekday)\b|\b(eksakt|eksakte|nøyaktig|nøyaktige|presis|presise|konkret|konkrete|exact|precise|specific)\s+((?:start|slutt|end|closing|opening|final|siste|første|first|last)\s+)?(dato|datoen|dag|dagen|date|day)\b|\b(exactly when|when exactly|nøyaktig når|akkurat når|når nøyaktig|når eksakt|kva tid nøyaktig)\b|[,?]\s*(dato|date)\s*\??\s*$`)
	// A later round ("andre runde", "runden høsten 2025", "the autumn
	// 2025 round") and its deadline or date.
	dLaterRoundRE = relit.MustCompile(`\b(andre|neste|ny|nye|seinare|senere|second|next|later|new|2\.)\s+(runde\w*|round\w*|opptak\w*|intake)\b|\b(runde\w*|round)\s+(2|to|two|i 2025|in 2025)\b|\b(høsten|hausten|autumn|fall)\s+(2025|25)\b|\b(høst|haust|h)\s*-?'?25\b|\b2025[- ](runde\w*|round)\b`)
	dDeadlineRE   = relit.MustCompile(`\b(\w*frist\w*|deadlines?|dato\w*|dates?|exact|nøyaktig\w*|eksakt\w*)\b`)
	// The people of a group with fixed members (not the municipality's
	// own group, which the FAQ describes by role).
	dMembersRE = relit.MustCompile(`\b(hvem|kven|who)('s|'re|s)?\s+(sitter|sit|er med|er|is|are|on)?\s*(\w+\s+){0,2}(i|in|on)\s+(the\s+)?(arbeidsgrupp\w*|styret|fylkesstyret|landsstyret|styringsgrupp\w*|referansegrupp\w*|prosjektgrupp\w*|working group|board|steering group|reference group|project group)\b|\b(navn|namn|names?)\s+(på|til|of)\s+(\w+\s+)?(medlem\w*|members|folka|folkene|people)\b|\b(medlemmene|members)\s+(i|of|in)\s+(the\s+)?(arbeidsgrupp\w*|styret|working group|board)\b` +
		// "Who chairs the working group, and who are its members?" (blind138)
		`|\bwho\s+(chairs|leads|heads|runs|sits on|is on|are on)\s+(the\s+)?(working group|board|steering group)\b|\bwho are (its|their) members\b` +
		// "Hvem er veilederen som blir tildelt kommunene i Buskerud? Hva
		// heter hun/han?" (blind190): the mentor's name.
		`|\b(hvem|kven|who)\s+(er|blir|vert|will be|is|'s)\s+(veilederen|veiledaren|rettleiaren|rettlederen|mentoren|the mentor|our mentor|vår veileder|vår rettleiar)\b|\b(hva|kva|what)\s+(heter|heiter|is the name of|'s the name of)\s+(hun|han|ho|hun/han|han/hun|ho/han|han/ho|veilederen|rettleiaren|mentoren|the mentor)\b` +
		// "kven er det som leiar arbeidsgruppa, namnet?": the name asked for.
		`|\b(hvem|kven|who)\b.{0,50}\b(arbeidsgrupp\w*|styret|fylkesstyret|working group|board|leder\w*|leiar\w*|leads?|heads?|chairs?)\b.{0,30}\b(navnet|namnet|navn|namn|names?)\b`)
	// "kva kommunar i Møre og Romsdal har …", "which counties and
	// municipalities were …", "kven er plukka ut" (blind170), "kven av kommunane vart tekne opp", "could
	// you name the municipalities that have been selected" (blind133).
	dListRE = relit.MustCompile(`\b(hvem|kven|who)\s+(er|ble|blei|vart|har blitt|har vorte|were|was|have been|has been|got)\s+(plukka|plukket|valgt|vald|valt|tatt opp|teke opp|tekne opp|picked|selected|chosen|accepted|admitted)\b|\b(name|list|navngi|nevne|nemne|ramse opp)\s+(the\s+|de\s+|dei\s+)?(kommuner|kommunar|kommunene|kommunane|fylker|fylka|fylkene|municipalities|counties)\b|\b(hvilke|hvilken|kva for( nokre)?|kva|which|what|hvem av|kven av|which of|which of the)\s+(kommuner|kommunar|kommunene|kommunane|fylker|fylke|fylka|fylkene|kulturskoler|kulturskular|municipalities|counties|schools|fylkesavdelinger|fylkesavdelingar|fylkesavdelingene|fylkesavdelingane|county branches)\s+((og|and|eller|or)\s+(kommuner|kommunar|kommunene|kommunane|fylker|fylke|fylka|fylkene|municipalities|counties|schools)\s+)?((i|in|fra|frå|from|på|pa|on)\s+\p{L}+(\s+(og|and)\s+\p{L}+)?\s+)?((actually|really|finally|eventually|egentlig|eigentleg|egentleg|faktisk|endelig|endeleg)\s+)?(var|vart|ble|blei|er|is|are|deltok|deltek|har vært|har vore|fikk|fekk|got|kom|kam|were|was|took|participated|have been|har|has|have)\b`)
	// Who got in: "kva kommunar i Vestland har fått plass", "which
	// municipalities were admitted".
	dListKindRE = relit.MustCompile(`\b(pilot\w*|flest|most|størst|størst|biggest|largest|first round|første runde\w*|plukka|plukket|valgt|vald|valt|chosen|selected|picked|fått plass|fått plassar|fått plasser|fatt plass|fekk plass|fikk plass|got accepted|were accepted|was accepted|kommet med|komme med|kome med|kom med|came in|tatt opp|teke opp|tekne opp|admitted|accepted|got in|got a place|got places)\b`)
	// dCountPastRE asks how many took part, joined or were accepted
	// ("how many municipalities joined the first round in total?",
	// "hvor mange kommuner deltok i piloten?"): a count of what
	// happened, which the document does not give; the entry on the
	// number of places ("no fixed number, the working group decides")
	// answered six such in splits 9–106, all labelled out.
	dCountPastRE = relit.MustCompile(`\b(hvor|kor|how)\s+(mange|many)\s+(\S+\s+){0,3}?(took part|have taken part|joined|have joined|participated|have participated|were selected|were chosen|were accepted|got in|got a place|deltok|ble med|blei med|vart med|kom med|fikk plass|fekk plass|var med|har vært med|har vore med|ble valgt|blei valt|vart valt|ble tatt opp)\b`)
	dMaxRE       = relit.MustCompile(`\b(maks|maksimalt|maksimum|max|maximum|øvre grense|upper limit|grense for (hvor|kor) mange|grense på antal\w*|limit to|limit for|a limit|any limit|noen grense|nokon grense|høyst|høgst|at most|cap on|limit on)\b`)
	// A quota per unit: "hvor mange kan hver kommune sende", "maks antall
	// fra hver kommune", "how many people can each kommune send" — not a
	// count per unit ("hvor mange samlinger per region").
	dQuotaRE     = relit.MustCompile(`(\b(maks|maksimalt|max|maximum|limit|grense)\b|\b(hvor mange|kor mange|how many)\b.{0,30}\b(kan|can|får|may|allowed|lov)\b).{0,40}\b(hver|kvar|each|per)\s+(kommune|kommunar|kommuner|municipality|fylke|county|region|gruppe|gruppa|group|skole|skule|school)\b`)
	dReplyTimeRE = relit.MustCompile(`\b(hvor|kor|how)\s+(lang|long)\s+(tid|time)?\s*(tar|tek|does|will|until|before|til|før)\b.{0,50}\b(svar\w*|answer\w*|reply|replies|hear back|beskjed|tilbakemelding\w*)\b` +
		// "når får vi beskjed om kommunen vår er tatt opp?" (blind141)
		`|\b(når|naar|when)\s+(får|faar|fær|will|do|shall)\s+(vi|me|we)\s+(beskjed|svar|vite|veta|know|hear|an answer|notice)\b.{0,40}\b(tatt opp|teke opp|tekne opp|accepted|selected|admitted|får plass|fått plass|get a place|got in|kommet med|kome med)\b`)
	dPublishedRE = relit.MustCompile(`\b(når|kva tid|when)\b.{0,40}\b(rapport\w*|reports?|evaluering\w*|evaluation|sluttrapport\w*)\b`)
	// A unit a maximum is per: a group, a region, a gathering.
	dUnitRE = relit.MustCompile(`\b(kommunegrupp\w*|gruppe|gruppa|gruppen|group|groups|region|regionen|regions|one region|each region|samling\w*|gathering\w*)\b`)
	// The time of day ("når på dagen", "hvilket klokkeslett", "what time").
	dClockRE = relit.MustCompile(`\b(når på dagen|kor tid på dagen|kva tid på dagen|når på døgnet|klokkeslett\w*|what time|which time|at what time|start time|starttidspunkt\w*|tidspunkt)\b`)
	// How long one gathering lasts: "hvor lang tid tar hver samling",
	// "er samlingene over en eller to dager", "how many days is a
	// gathering", "todagerssamling". Not "hvor lenge varer samlingene"
	// (the series: the programme's three semesters) — one gathering, by
	// hver/en/each/a or by its days.
	dLengthRE = relit.MustCompile(`\b(hvor|kor|how)\s+(lenge|lang tid|lang|lange|long)\s+(\w+\s+){0,3}(hver|kvar|each|en|ein|ei|one|a|every|per|én)\s+(samling\w*|gathering\w*|treff\w*)\b` +
		`|\b(hvor|kor|how)\s+(mange|many)\s+(dager|dagar|days|døgn|timer|timar|hours)\s+(\w+\s+){0,4}(samling\w*|gathering\w*|treff\w*)` +
		`|\b(samling\w*|gathering\w*|treff\w*)\s+(\w+\s+){0,3}(en|ein|ei|én|to|tre|one|two|three|1|2|3)\s+(eller|or)\s+(to|tre|fire|two|three|four|2|3|4)\s+(dager|dagar|days|døgn)\b` +
		`|\b(en|ein|to|tre|one|two|three|1|2|3)[- ]?(dags|dagars|dagers|day)[- ]?(samling\w*|gathering\w*|treff\w*)`)
	// How often: "hvor ofte får vi veiledning", "how often do we meet the
	// mentor". The document gives the gatherings' rhythm (six over three
	// semesters) and nothing else's.
	dFrequencyRE = relit.MustCompile(howOftenExpr + `|\b(hvor|kor|how)\s+(mange|many)\s+(ganger|gonger|times)\b`)
	// The hours the work takes, per week or per employee: "hvor mange
	// timer i uka må vi sette av per ansatt til mellomarbeidet" (blind45),
	// "how many hours per week", "stillingsprosent". The document says
	// what the municipal group commits to, never how long it takes.
	dHoursRE = relit.MustCompile(`\b(hvor|kor|how)\s+(mange|many|mykje|mye|much)\s+(timer|timar|hours|arbeidstimer|arbeidstid|stillingsprosent|prosent|percent)\b.{0,50}\b(uke|uka|uken|veke|veka|week|weeks|måned|måneden|månad|månaden|month|months|ansatt|tilsett|employee|staff|per|each)\b` +
		`|\b(stillingsprosent\w*|stillingsressurs\w*|hours per week|hours a week|timer i uka|timer i uken|timar i veka|timer per uke|timar per veke|timer i måneden)\b`)
	// The meals at a gathering: a meal word and a gathering near each
	// other, either way round ("er det middag på samlingen", "får vi
	// lunsj på samlingane", "is dinner included at the gatherings").
	// A meal word alone ("hva skal vi ha til middag") is not the
	// programme's.
	dMealsRE = relit.MustCompile(`\b(middag\w*|lunsj\w*|lunch\w*|frokost\w*|breakfast\w*|dinners?|suppers?|kveldsmat\w*|måltid\w*|meals?|food|mat|maten|servering\w*|bevertning\w*|catering|kost og losji|full board|allergi\w*|allerg\w*|dietary|diett\w*)\b.{0,40}\b(samling\w*|gathering\w*|treff\w*|seminar\w*)` +
		`|\b(samling\w*|gathering\w*|treff\w*|seminar\w*)\b.{0,40}\b(middag\w*|lunsj\w*|lunch\w*|frokost\w*|breakfast\w*|dinners?|suppers?|kveldsmat\w*|måltid\w*|meals?|food|mat|maten|servering\w*|bevertning\w*|catering|kost og losji|full board|allergi\w*|allerg\w*|dietary|diett\w*)\b`)
	// What someone is paid: "kor mykje får ein rettleiar betalt i
	// timen?", "what's the hourly rate for the mentors", "hva får vi i
	// styrehonorar?" — asked in split after split (43, 46, 55, 56, 57)
	// and answered from the mentoring entry, which names no sum. Not
	// whether someone is paid ("får mentorene betalt for dette?").
	dPayRE = relit.MustCompile(`\b(hvor|kor|how)\s+(mye|mykje|much)\b[^?]{0,40}\b(betalt|paid|lønn\w*|løn|honorar\w*|salary|fee|fees|godtgjør\w*|tjener|tener|earn\w*)\b` +
		`|\b(timelønn\w*|timeløn\w*|timepris\w*|timesats\w*|hourly (rate|pay|wage|fee)|styrehonorar\w*|honoraret|honorar for|salary|salaries|lønna|lønnen|lønnsnivå\w*)` + wordEnd +
		`|\b(betalt|paid)\s+(per|pr|i|an|a)\s+(time|timen|hour)\b`)
	// Booking the journey or the hotel oneself.
	dBookingRE = relit.MustCompile(`\b(bestill\w*|book|booke|booker|booking\w*|reserver\w*|reserve)\b.{0,30}\b(fly\w*|hotell\w*|hotel\w*|reise\w*|reisa|tog\w*|billett\w*|flights?|tickets?|travel|trip|rom|rommet|room|rooms|overnatting\w*)\b`)
)

// detailAsked returns the detail q (lower-cased) asks for, noDetail for
// most questions.
func detailAsked(l string) detailKind {
	switch {
	case dHotelRE.MatchString(l):
		return detailHotel
	case dPayRE.MatchString(l):
		return detailPay
	case dLengthRE.MatchString(l):
		return detailLength
	case dFrequencyRE.MatchString(l):
		return detailFrequency
	case dHoursRE.MatchString(l):
		return detailHours
	case dLaterRoundRE.MatchString(l) && dDeadlineRE.MatchString(l) && laterRoundDeadline(l):
		// "glemte fristen.. blir det nye runder seinere?": the missed
		// deadline is this round's, the later round asked about whole.
		return detailLaterRound
	case dMembersRE.MatchString(l):
		return detailMembers
	case dCountPastRE.MatchString(l):
		return detailCount
	case dListRE.MatchString(l) && dListKindRE.MatchString(l):
		return detailList
	case dDateRE.MatchString(l):
		return detailExactDate
	case dQuotaRE.MatchString(l):
		return detailQuota
	case dMaxRE.MatchString(l) && dUnitRE.MatchString(l):
		// "maks i kommunegruppa", "maximum … in one region": per unit.
		return detailQuota
	case dMaxRE.MatchString(l):
		return detailMax
	case dReplyTimeRE.MatchString(l):
		return detailReplyTime
	case dBookingRE.MatchString(l):
		return detailBooking
	case dMealsRE.MatchString(l):
		return detailMeals
	case dClockRE.MatchString(l):
		return detailClock
	case dPublishedRE.MatchString(l):
		return detailPublished
	}
	return noDetail
}

// The answer side, on the entry's raw answers (bokmål and English), built
// on first use.
var (
	// A day of the month ("15. september", "September 15", "15.09."), a
	// configured date ({{interessefrist}}), a command that lists dates
	// (/rsvp), or a date said to be not fixed yet.
	aDayRE = lazyRE(`(?i)\b\d{1,2}\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)|\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b|\b\d{1,2}\.\d{1,2}\.|\{\{|(^|[\s(])/[a-z]{3,}\b|\b(ikke bestemt|ikkje bestemt|ikke fastsatt|avklares senere|publiseres|not decided|not yet decided|not fixed|will be published|to be announced)\b`)
	// A later round's own date: a day with a year from 2025.
	aLaterDayRE  = lazyRE(`\b\d{1,2}\.\s*\p{L}+\s+20(2[5-9]|[3-9]\d)\b`)
	aHotelNameRE = lazyRE(`(?i)\bhotel\w*\s+\p{Lu}|\p{Lu}\p{L}+ [Hh]otel\b`)
	// Three or more names in a row: a list.
	aListRE = lazyRE(`\p{Lu}\p{L}+, \p{Lu}\p{L}+(,| og| and) \p{Lu}`)
	aMaxRE  = lazyRE(`(?i)\b(maks\w*|høyst|høgst|inntil|opptil|up to|at most|maximum|max|hvor mange|kor mange|how many)\b`)
	// A quota is given only as one: "maks to per kommune", "up to three".
	aQuotaRE = lazyRE(`(?i)\b(maks\w*|høyst|høgst|inntil|opptil|up to|at most|maximum|max)\s+\S+`)
	// Booking explained: "bestiller selv", "book through".
	aBookRE = lazyRE(`(?i)\b(bestill\w*|book\w*|reserv\w*)\b`)
	// The gatherings' number and rhythm: "seks fysiske samlinger".
	aGatheringsRE = lazyRE(`(?i)\b(seks|six|6)\s+(fysiske\s+|physical\s+|regionale\s+|regional\s+)*(samlinger|samlingar|gatherings)\b`)
	// A rhythm: a number of gatherings or times ("seks fysiske samlinger"
	// over "tre semestre"), every week or month, a weekday.
	aFrequencyRE = lazyRE(`(?i)\b(seks|six|6|tre|three|3|to|two|2)\s+(\S+\s+){0,2}(samlinger|samlingar|gatherings|ganger|gonger|times)\b|\b(hver|kvar|every|each|per|annenhver|annakvar)\s+(uke|veke|måned|månad|month|week|semester|term)\b|\b(ukentlig|vekentleg|weekly|monthly|månedlig|månadleg)\b|\b(mandag|tirsdag|onsdag|torsdag|fredag|monday|tuesday|wednesday|thursday|friday)\w*`)
	// A gathering's length: "to dager", "a two-day gathering", "heldag".
	aLengthRE   = lazyRE(`(?i)\b(en|ein|to|tre|one|two|three|\d)[- ](dag|dags|dagers|dagars|dager|dagar|days?)\b|\bheldag\w*|\bfull[- ]day\b|\bdøgn\w*|\bovernight\b`)
	aDurationRE = lazyRE(`(?i)\b\d+\s*(dager|dagar|uker|veker|virkedager|days|weeks|working days)\b|\b(innen en uke|innan ei veke|within a week)\b`)
	// Meals: the answer names them, or the stay at the gatherings, which
	// in Norwegian conference usage is room and board ("opphold på
	// samlingene dekkes" answers "hvem betaler hotell og mat").
	aMealsRE = lazyRE(`(?i)\b(måltid\w*|middag\w*|lunsj\w*|frokost\w*|meals?|food|dinner|lunch|breakfast|servering|bevertning|catering|opphold\w*|stay|accommodation)\b`)
	aYearRE  = lazyRE(`\b20\d\d\b|\b(januar|februar|mars|april|juni|juli|august|september|oktober|november|desember|january|february|march|june|july|october|december|høsten|våren|autumn|spring)\b`)
)

// gives reports whether x's answer holds the detail of kind k.
func (x *indexed) gives(k detailKind) bool {
	// The working group's own answers (/kulturbot svar) answer the
	// question they were written for, details and all.
	if strings.HasPrefix(x.ID, "svar-") {
		return true
	}
	a := x.Answer.NB + "\n" + x.Answer.EN
	var re *regexp.Regexp
	switch k {
	case detailHotel:
		re = aHotelNameRE()
	case detailExactDate:
		re = aDayRE()
	case detailLaterRound:
		re = aLaterDayRE()
	case detailMembers:
		return false // the FAQ names no one
	case detailHours:
		return false // nor any hours
	case detailPay:
		return false // nor any pay
	case detailCount:
		return false // nor how many took part
	case detailList:
		re = aListRE()
	case detailMax:
		re = aMaxRE()
	case detailQuota:
		re = aQuotaRE()
	case detailReplyTime:
		re = aDurationRE()
	case detailClock:
		re = aClockRE()
	case detailBooking:
		re = aBookRE()
	case detailLength:
		re = aLengthRE()
	case detailFrequency:
		re = aFrequencyRE()
	case detailPublished:
		re = aYearRE()
	case detailMeals:
		re = aMealsRE()
	default:
		return true
	}
	return re.MatchString(a)
}

// missingDetail returns the detail q asks for that x's answer does not
// give (noDetail: none asked, or x gives it).
func missingDetail(q string, x *indexed) detailKind {
	k := detailAsked(strings.ToLower(q))
	if k == noDetail || x.gives(k) {
		return noDetail
	}
	return k
}

// saysAbout reports whether x's answer, when it is sure, may follow the
// frame of a detail of kind k as what the document does say. For a
// gathering's length only an answer about the gatherings' number and
// rhythm does: "er samlingene over en eller to dager?" was sure of the
// weekly digest (its days), which says nothing about a gathering.
//
// For how often, none: the entry nearest "hvor ofte får vi veiledning"
// was how mentors log their sessions.
func (x *indexed) saysAbout(k detailKind) bool {
	switch k {
	case detailLength:
		return aGatheringsRE().MatchString(x.Answer.NB + "\n" + x.Answer.EN)
	case detailFrequency:
		return false
	case detailMeals:
		// An answer about the stay gives the meals (gives); any other
		// entry's text is not about them ("dekkes hotell og mat på
		// samlingene? … neste år" was sure of when the gatherings are).
		return false
	}
	return true
}

// detailNotGiven says which detail the document does not give, in the
// answer's language (nb, nn, en).
var detailNotGiven = map[detailKind][3]string{
	detailHotel:      {"hvilket hotell dere skal bo på", "kva hotell de skal bu på", "which hotel you will stay at"},
	detailExactDate:  {"den nøyaktige datoen", "den nøyaktige datoen", "the exact date"},
	detailLaterRound: {"fristen eller datoen for senere runder", "fristen eller datoen for seinare rundar", "the deadline or date of later rounds"},
	detailMembers:    {"hvem som sitter i gruppen, med navn", "kven som sit i gruppa, med namn", "who is in the group by name"},
	detailList:       {"hvilke kommuner eller fylker det gjelder", "kva kommunar eller fylke det gjeld", "which municipalities or counties"},
	detailCount:      {"hvor mange som ble med", "kor mange som vart med", "how many took part"},
	detailMax:        {"noe øvre antall", "noko øvre tal", "a maximum number"},
	detailQuota:      {"hvor mange hver kommune kan sende", "kor mange kvar kommune kan sende", "how many each municipality may send"},
	detailReplyTime:  {"hvor lang tid det tar før dere får svar", "kor lang tid det tek før de får svar", "how long it takes before you hear back"},
	detailPublished:  {"når den kommer", "når han kjem", "when it will be published"},
	detailClock:      {"klokkeslettet", "klokkeslettet", "the time of day"},
	detailBooking:    {"hvordan dere bestiller reise eller overnatting", "korleis de bestiller reise eller overnatting", "how to book the journey or the accommodation"},
	detailLength:     {"hvor lenge hver samling varer", "kor lenge kvar samling varer", "how long each gathering lasts"},
	detailFrequency:  {"hvor ofte det skjer", "kor ofte det skjer", "how often that happens"},
	detailMeals:      {"noe om måltidene på samlingene", "noko om måltida på samlingane", "anything about meals at the gatherings"},
	detailHours:      {"hvor mange timer arbeidet tar", "kor mange timar arbeidet tek", "how many hours the work takes"},
	detailPay:        {"hva noen får betalt", "kva nokon får betalt", "what anyone is paid"},
}

// detailFrame is the reply to a question for a detail the document does
// not give: what it does not say, then (known: the entry is clearly the
// question's subject) what it does say.
func detailFrame(k detailKind, lang string, x *indexed, known bool) string {
	i := 0
	switch lang {
	case "nn":
		i = 1
	case "en":
		i = 2
	}
	var b strings.Builder
	b.WriteString([3]string{"Programdokumentet sier ikke ", "Programdokumentet seier ikkje ", "The programme document doesn't say "}[i])
	b.WriteString(detailNotGiven[k][i])
	b.WriteString(".")
	if known && x != nil {
		b.WriteString([3]string{" Dette står det om saken: ", " Dette står det om saka: ", " What it does say: "}[i])
		b.WriteString(x.Answer.In(lang))
	}
	return b.String()
}

// laterRoundDeadline: l asks the deadline or date of a later round, in
// one sentence — not this round's deadline missed or not made in the same
// sentence ("vi rekker nok ikke fristen denne gangen – kommer det nye
// runder seinere?", "missed the deadline :( any later rounds?": whether
// there are later rounds, which the FAQ answers; asked in six of splits
// 53–68 and declined each time).
func laterRoundDeadline(l string) bool {
	if missedDeadlineRE.MatchString(l) {
		l = missedDeadlineRE.ReplaceAllString(l, " ")
		if !dDeadlineRE.MatchString(l) {
			return false
		}
	}
	return inOneSentence(l, dLaterRoundRE, dDeadlineRE)
}

// missedDeadlineRE is this round's deadline missed or not made.
var missedDeadlineRE = relit.MustCompile(`\b(?:rekker|rakk|rekke|rekk|når|nådde|klarer|klarte|greier|miss|missed|misses|missing|mista|mister|miste|make|made|makes)\s+(?:nok\s+|vel\s+|probably\s+)?(?:ikke\s+|ikkje\s+|not\s+)?(?:the\s+|this\s+|denne\s+|årets\s+)?(?:frist\w*|deadline\w*|søknadsfrist\w*)`)

// inOneSentence reports whether one sentence of l (sentenceEnd) matches
// both a and b.
func inOneSentence(l string, a, b interface{ MatchString(string) bool }) bool {
	for l != "" {
		end := sentenceEnd(l)
		if s := l[:end]; a.MatchString(s) && b.MatchString(s) {
			return true
		}
		l = l[end:]
	}
	return false
}
