package faq

import (
	"strings"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// unsureAsks is the entry that answers question when it asks one of the
// questions below, or "". These are questions each new blind writer asks
// again in a way of their own, so that no set of phrasings or words
// covers them (the misses of splits 9–54 came back in split after split).
// Written for the engine's unsure answers, each rule was then read
// against every question of the training sets and splits 9–54 it
// matches: of 1,490 the engine answered surely, 30 answered wrong became
// right and 4 right became wrong (among them the value entry's "ser ikke
// helt hva de får ut av det" for the pupils, and "Tromsø isn't Oslo"
// asked of tailoring); of 111 unsure, 110 are the rule's entry; the ten
// declined as outside the programme are all in it and the rule's. So a
// rule answers an unsure question, one declined as outside the
// programme, and also replaces a sure answer from another entry
// (Engine.Answer) — not an exact phrasing's, and not a two-part answer's.
// Nothing here is read by the classifier (its fit is unchanged).
func unsureAsks(question string) string {
	l := strings.ReplaceAll(strings.ToLower(question), "’", "'")
next:
	for _, r := range unsureRules {
		for _, m := range r.all {
			if !m.MatchString(l) {
				continue next
			}
		}
		if !r.not.MatchString(l) {
			return r.entry
		}
	}
	return ""
}

type matcher interface{ MatchString(string) bool }

// wordEnd ends a group of words whose alternatives may end in a letter
// outside ASCII: Go's \b is an ASCII word boundary, so "(må|også)\b"
// never matches "må" or "også" (no boundary between "å" and a space).
const wordEnd = `(?:\b|[^\pL\pN]|$)`

// never is the not of a rule with no exceptions.
type never struct{}

func (never) MatchString(string) bool { return false }

var nothing matcher = never{}

// unsureRule: a question every pattern of all matches, and not not, is
// the entry's. Lowercased text; the first rule that matches wins.
type unsureRule struct {
	entry string
	all   []matcher
	not   matcher
}

var unsureRules = []unsureRule{
	{nameDefEntry, []matcher{nameRE, nameDefRE}, nameOtherRE},
	{groupEntry, []matcher{groupAsksRE}, groupNotRE},
	{groupEntry, []matcher{groupOnlyRE}, groupNotRE},
	{groupEntry, []matcher{groupNounRE, groupDutyRE}, groupDutyNotRE},
	{groupEntry, []matcher{partnerSelfRE, partnerWhatRE, partnerDutyRE}, partnerDutyNotRE},
	// Before the gatherings far away: "will we get travel money for going
	// to the samlinger? we are far away from everything lol" (split 148).
	{travelEntry, []matcher{travelPaidRE}, travelPaidNotRE},
	{gatheringsEntry, []matcher{nationalRE, gatheringRE}, nationalNotRE},
	{gatheringsEntry, []matcher{countRE, gatheringCountRE}, countNotRE},
	{gatheringsEntry, []matcher{gatheringWhatRE, gatheringRE}, gatheringWhatNotRE},
	{valueEntry, []matcher{valueRE}, valueNotRE},
	{partnersEntry, []matcher{partnersCanRE, partnersWhoRE, partnersJoinRE}, partnersNotRE},
	{partnersEntry, []matcher{whyRE, centralRE, oppvekstRE}, nothing},
	{partnersEntry, []matcher{whyRE, sectorRE, whyJoinRE}, whyJoinNotRE},
	{basisEntry, []matcher{basisRE}, basisNotRE},
	{longTermEntry, []matcher{longTermRE}, longTermNotRE},
	{mentoringEntry, []matcher{mentoringRE, mentoringEachRE}, mentoringNotRE},
	{boardEntry, []matcher{boardRE, boardDutyRE}, boardNotRE},
	{eligibleEntry, []matcher{eligibleRE}, eligibleNotRE},
	// Before the foreign asker: "Hello from Finland! … How do you choose
	// which municipalities can join if very many want to participate?"
	{placesEntry, []matcher{manyWantRE}, manyWantNotRE},
	{eligibleEntry, []matcher{foreignRE, joinRE}, foreignNotRE},
	{purposeEntry, []matcher{pointRE}, pointNotRE},
	{dutiesEntry, []matcher{everyGatheringRE}, nothing},
	{fundingEntry, []matcher{fundedRE}, fundedNotRE},
	{whoAppliesEntry, []matcher{selfApplyRE}, selfApplyNotRE},
	{regionEntry, []matcher{regionDefRE}, nothing},
	{infoMeetingsEntry, []matcher{infoMeetingRE, infoMeetingAskRE}, infoMeetingNotRE},
	{regionEntry, []matcher{aloneRE, withOthersRE}, aloneNotRE},
	{workingGroupEntry, []matcher{runsRE}, runsNotRE},
	{groupEntry, []matcher{whoInGroupRE}, groupNotRE},
	{countyDecisionEntry, []matcher{discussFirstRE}, nothing},
	{countyDecisionEntry, []matcher{doFirstRE, countyRE}, nothing},
	{gatheringsEntry, []matcher{gatheringRE, physicalOrRE}, infoMeetingRE},
	{oneModelEntry, []matcher{schoolRoleRE}, schoolRoleNotRE},
	{whoAppliesEntry, []matcher{whoSignsUpRE}, whoSignsUpNotRE},
	{groupEntry, []matcher{groupNounRE, composedRE}, composedNotRE},
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
// answered from the entry on the name.

// nameDefEntry is the corpus entry on what "Fremtidens kulturskole" means.
const nameDefEntry = "fremtidens-kulturskole"

var (
	// nameRE is the programme's name, typos in the second word included
	// ("fremtidens kultursole", "fremtidens kulturskole-greia").
	nameRE = relit.MustCompile(`fremtid\w*[ -]+kul\w*|future culture|culture school of the future`)
	// nameDefRE asks what it is or means: "hva er (egentlig) det/dette",
	// "kva betyr", "ka meine dokke", "begrepet", "what's it supposed to
	// mean", "what actually is that", "in simple words".
	nameDefRE = relit.MustCompile(`\b(?:hva|kva|ka)\s+(?:er|e)\s+(?:egentlig|eigentleg|eigentlig|egt|egentig)?\s*(?:det|dette|de|greia|greiene|fremtid\w*)\b` +
		`|\b(?:hva|kva|ka)\s+(?:betyr|bety|meiner|meine|menes|meinast|ligger|ligg|legges|legg|legger)\b` +
		`|\b(?:begrepet|omgrepet|uttrykket|navnet|namnet|konseptet|konsept|greia|greiene|buzzword|slagord)\b` +
		`|\bwhat\s*(?:'s|s|is|does|do)\b[^?.]*\b(?:mean|means|meaning|stand for|stands for)\b` +
		`|\bwhat\s*(?:'s|s| is)\s+(?:actually |really |even )?(?:it|that|this|fremtid\w*|the future)\b` +
		`|\bwhat (?:actually|really|exactly) is (?:it|that|this)\b|\bmeaning\b|\bconcept\b|\bsimple words\b|\bplain (?:english|words)\b|\bin short\b`)
	// nameOtherRE asks something else of the programme the name is the
	// subject of: how long, the deadline, the cost, who, when, how many,
	// what it means for us, its point, what we get out of it or must do.
	nameOtherRE = relit.MustCompile(`\b(?:lenge|long|lasts?|varer|frist\w*|deadline|kost\w*|cost|betal\w*|pay|budsjett|budget|søk\w*|sok\w*|apply|hvem|kven|who|når|naar|when|hvor mange|kor mange|how many|for oss|for us|for meg|for me|for our|for my|for lærer\w*|for teachers?|poeng\w*|point|purpose|hensikt\w*|formål\w*|aims?|achieve\w*|intend\w*|objective\w*|goals?|oppnå\w*|forvent\w*|expect\w*|krav\w*|require\w*|forplikt\w*|commit\w*|binding|bindande|bindende|formelt|formally|ut av|get out|gjøre|gjere|gjer|skal vi|do we|må vi|ma vi|have to)` + wordEnd)
)

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
	// groupAsksRE: "… or only for the leaders?", "eller er det bare
	// ledelsen", "elle e det berre for rektorar"; "can I be in the
	// group", "kan vi lærere sitte i gruppa".
	groupAsksRE = relit.MustCompile(`\b(?:or|eller|elle|elr|el|eler|ellr)\s+(?:is it\s+|er det\s+|e det\s+|er dette\s+|e d\s+|er d\s+|e de\s+|e dæ\s+)?(?:like\s+)?(?:only|just|bare|berre|kun)\s+(?:for\s+)?(?:the\s+)?(?:leader|leaders|leiar\w*|leder\w*|boss|bosses|ledelsen|leiinga|rektor\w*|management|principals?|heads?|sjef\w*)\b` +
		`|\b(?:can|could|may|kan|får|far)\s+(?:i|eg|jeg|e|me|we|vi|my \w+|vi lærere|us teachers)\s+(?:also\s+|og\s+|også\s+|au\s+|too\s+)?(?:be|være|vere|vera|join|delta|bli med|take part|sit|sitte|sitje)\b[^?]*\b(?:group|grp|gruppa|gruppe\w*|grupp\w*|kommunegrupp\w*|team)\b`)
	// The same the other way round: "er det bare rektorene som skal på
	// disse samlingene eller vi lærere også".
	groupOnlyRE = relit.MustCompile(`\b(?:bare|berre|only|just|kun)\s+(?:for\s+)?(?:the\s+)?(?:leaders?|leiarar\w*|leiar|ledere\w*|leder|rektor\w*|ledelsen|leiinga|sjef\w*|bosses|principals?|heads?)\b.{0,50}\b(?:eller|elle|elr|eler|or)\s+(?:kan\s+|can\s+|får\s+)?(?:vanlige\s+|vanlege\s+|ordinary\s+|regular\s+|normal\s+)?(?:også\s+|og\s+|au\s+|also\s+)?(?:vi|me|oss|us|we|lærer\w*|lærar\w*|teachers?|the teachers|assistent\w*)\b`)
	// groupNotRE: membership, the county, the region, alone.
	groupNotRE = relit.MustCompile(`\b(?:medlem\w*|member\w*|fylke\w*|county|region\w*|alone|alene|aleine|by myself)\b`)
)

// What the group commits to, asked by someone asked to sit in it: "eg
// er styrar i ein barnehage … kulturskulen har spurt om me vil vere med
// i kommunegruppa. kva er det eigentleg forventa av oss?", "rektor på
// en barneskole … hva innebærer det for oss i praksis?". The asker's
// kindergarten, SFO or school pulls such a message to the entry on
// cooperation with the childhood sector (four of splits 55–72's wrong
// answers, the largest class left), yet the answer is the group's: who
// sits in it and that it commits to the gatherings and the work at home.
// A message that names the group and asks what is expected, committed
// to or involved is the group's entry — not the work between gatherings
// (its own entry), how long or how many, mentoring, the county's part,
// the working group, nor "beyond setting up a group" (the municipality's
// duties). Read against splits 9–72 and the training sets before
// landing: 5 wrong answers and 1 unsure became right, none right became
// wrong; 37 right answers moved from the duties' or the work's entry to
// this one, whose answer holds both facts.
var (
	groupNounRE = relit.MustCompile(`\b(?:kommunegrupp\w*|kom\.\s?grupp\w*|kom\.gruppa|gruppa|gruppe\w*|group|kommunens gruppe)\b`)
	groupDutyRE = relit.MustCompile(`\b(?:forvent\w*|forplikt\w*|expected|expect|commit\w*|innebærer|inneber|involves?|i praksis|in practice)\b` +
		// "my boss say i am in the kommunegruppe now. what i must do?" (split 146)
		`|\b(?:what|hva|kva|ka)\s+(?:\S+\s+){0,2}?(?:must|må|skal|should|have to|need to)\s+(?:\S+\s+)?(?:do|gjøre|gjere)\b`)
	groupDutyNotRE = relit.MustCompile(`\b(?:mellom|between|heime|hjemme|homework|periodene|hvor lenge|kor lenge|how long|semest\w*|hvor mange|kor mange|how many|veiled\w*|rettleiing|mentor\w*|fylke\w*|county|region\w*|working group|arbeidsgrupp\w*)\b` +
		`|\b(?:stille|sette ned|sette saman|sette sammen|set up|setting up)\s+(?:med\s+)?(?:ei|en|a)\s+grupp`)
)

// The same asked by the school, the SFO or the kindergarten without
// naming the group: "Eg er SFO-leiar i Ulstein. Kulturskulen vil ha oss
// med i programmet. Kva er det venta at vi i SFO skal gjere?", "hva må
// skolen vår bidra med, rent praktisk?". The partner's word pulls the
// message to the entry on the childhood sector (the themes it works on),
// but what a partner must contribute is the group's answer: it sits in
// the group, which commits to the gatherings and the work at home. Not
// why the sector is in it, the themes or the development area, the
// culture school's own role or character, other partners (health,
// library, the voluntary sector), the work between gatherings, their
// point, nor an answer to one. Read on the training sets and splits 9–92
// before landing: four wrong and one unsure became right, none right
// became wrong (six right stay right: the group's answer names the
// partners and the duties both).
var (
	partnerSelfRE    = relit.MustCompile(`\b(?:skole\w*|skule\w*|sfo|barnehag\w*|bhg|school\w*|kindergarten\w*|after-school)\b`)
	partnerWhatRE    = relit.MustCompile(`\b(?:hva|kva|ka|what)\b`)
	partnerDutyRE    = relit.MustCompile(`\b(?:forvent\w*|venta|vente|expected|expect|bidra|contribut\w*|(?:skal|må|ma)\s+(?:[\pL\pN]+\s+){0,2}(?:gjere|gjøre|gjer|do)|i praksis|in practice|innebærer|inneber)` + wordEnd)
	partnerDutyNotRE = relit.MustCompile(`\b(?:hvorfor|kvifor|korfor|why|helse\w*|health|bibliotek\w*|library|frivillig\w*|hvilke|kva for|which|kulturskolen skal|kulturskulen skal|tema\w*|theme|utviklingsområd\w*|bærekraft|berekraft|medvirkning|medverknad|samskap\w*|egenart|eigenart|rolle|role|svar\w*|rsvp|slett\w*|mellom|between|poeng\w*|point|leverandør\w*|kunstfag\w*|weather|været|vêret|innstilling\w*|holdning\w*|attitude\w*|mindset|motivation|tankesett\w*)` + wordEnd)
)

// The gatherings' entry (six regional gatherings, something national,
// three semesters) for three questions asked again and again:
//   - only in our region, or also national / to Oslo? ("r the samlinger
//     only in our region or we need to go oslo also", "blir alle
//     samlingane i regionen vår elle må vi reise lenger?"); not the
//     information meetings (digital), the cost or a date, nor the level
//     the development areas are adopted at ("nationally, by the county
//     branches at their annual meetings …?", split 77);
//   - how many gatherings or times we meet, in all ("how many samling we
//     have in whole program?", "hvor mange ganger må vi reise på
//     samling"); not how many people, places, municipalities, kroner,
//     hours or days, nor how many of us come (an RSVP);
//   - what happens at them, lectures or what ("ka skal ein gjer på dei
//     samlingane egentli, e det foredrag?"); not between or after them,
//     not who speaks, not the digital meetings, not a command or an
//     answer.
// Ten, fourteen and four unsure questions of the training sets and splits
// 9–54 (gatheringRE, scope.go: a gathering or meeting named); the
// gathering's date and place are the bot's data step's, asked
// before the FAQ.

// gatheringsEntry is the corpus entry on the programme's gatherings.
const gatheringsEntry = "samlinger"

var (
	nationalRE    = relit.MustCompile(`\b(?:nasjonal\w*|national\w*|oslo|all norway|whole country|hele landet|heile landet|hele lande|heile lande|south|sørover|lenger|further|far away|langt)\b`)
	nationalNotRE = relit.MustCompile(`\b(?:kost\w*|cost|betal\w*|pays?|reisestøtte|dekk\w*|dekt|cover\w*|hotel\w*|when|når|dato|date|neste|next|info\w*|digital\w*|online|teams|svar\w*|answer\w*|rsvp|årsmøt\w*|annual|utviklingsområd\w*|development areas?)\b`)

	// The count word and, at most two words on, the gatherings counted
	// ("hvor mange samlinger må skolen sende folk på" counts
	// gatherings, "hvor mange folk kan vi sende til samlingene" people).
	countRE          = relit.MustCompile(`\b(?:hvor|kor|how)\s+(?:mange|mangne|mnage|mang|manga|many|mny|often|ofte)\s+(?:\S+\s+){0,2}(?:samling\w*|samlng\w*|samlig\w*|gathering\w*|gatherng\w*|meet\w*|møte\w*|ganger|gonger|times|time)\b`)
	gatheringCountRE = countRE
	countNotRE       = relit.MustCompile(`\b(?:hvor|kor|how)\s+(?:mange|many)\s+(?:folk|personer|people|persons|deltaker\w*|deltakar\w*|participant\w*|plasser|plassar|kommun\w*|municipal\w*|fylke\w*|count\w*)\b|\b(?:kroner|kr|nok|hotel\w*|representant\w*|hours|timer|timar|dager|dagar|days|år|years|months|måneder|semest\w*|info\w*|digital\w*|online|vi blir|me blir|we are|we'll be|svar\w*|answer\w*|rsvp|overnatting|overnight|påmeld\w*|signed|said yes)\b`)

	gatheringWhatRE    = relit.MustCompile(`\b(?:hva skjer|kva skjer|ka skjer|what happens|what do we (?:actually )?do|ka skal ein gjer|kva skal vi gjere|hva gjør vi|what are they like|foredrag|lectures?|workshops?|what (?:is|are) (?:it|they|these|those|the samlinger|the gatherings|the meetings) (?:actually |really |exactly )?for|why (?:do )?we (?:need to |have to |must )?meet|hvorfor (?:skal vi )?(?:møtes|samles)|kvifor (?:skal vi )?(?:møtast|samlast)|(?:hva|kva|ka|what) (?:skal|skjer|do|will|should) (?:vi|me|we|ein|man|dei|they|de) (?:egentlig |eigentleg |actually |really )?(?:gjøre|gjere|gjer|do) (?:på|at|pa) (?:de |dei |disse |desse |the )?(?:samling\w*|gathering\w*))\b`)
	gatheringWhatNotRE = relit.MustCompile(`/|\b(?:mellom|between|etter|after|før|before|when|når|neste|next|hvem|kven|who|digital\w*|info\w*|online|teams|zoom|nett|høst\w*|haust\w*|autumn|oktober|october|november|svar\w*|answer\w*|rsvp|twice|to ganger|dialoghefte\w*|hefte\w*|booklet\w*|called|heter|kalt)\b`)
)

// What the municipality gets out of it ("what's in it for us?", "hva får
// vi egentlig igjen", "merverdien for kommunen"): the entry on the value
// for the municipality; not what it costs or pays for. Nineteen unsure
// questions of the training sets and splits 9–54.

// valueEntry is the corpus entry on what the municipality gets.
const valueEntry = "hva-far-vi"

var (
	valueRE    = relit.MustCompile(`in it for (?:us|me|the|our)|what do (?:we|i|they) (?:actually |really )?get\b|hva (?:får (?:vi|jeg|de)|(?:vi|jeg|de) får) (?:egentlig )?(?:ut av|igjen)|kva (?:får (?:vi|eg|me|dei)|(?:vi|eg|me|dei) får) (?:eigentleg )?(?:ut av|att|igjen)|merverdi|what'?s the value|value for (?:us|the|our)`)
	valueNotRE = relit.MustCompile(`\b(?:kost\w*|cost|betal\w*|pay|money|penger|pengar|reisestøtte|travel)\b`)
)

// Others than the school and the kindergarten in the group: "can youth
// club people be part of this program?", "kan vi ta med folk frå helse i
// gruppa?", "Can our kommunegruppe include somebody from NAV or from
// health?" — the entry on the partners (health, the voluntary sector and
// others are not excluded). Seventeen of the training sets and splits
// 9–54 answered wrong or left unsure; not who may apply, membership, money
// or a fixed model.

// partnersEntry is the corpus entry on cooperation beyond the school.
const partnersEntry = "oppvekstfeltet"

var (
	partnersCanRE  = relit.MustCompile(`\b(?:can|could|may|kan|får|far|is it ok|er det ok|går det an)\b`)
	partnersWhoRE  = relit.MustCompile(`\b(?:youth ?clubs?|fritidsklubb\w*|ungdomsklubb\w*|ungdomsarbeid\w*|youth work\w*|nav|helse\w*|health\w*|helsesykepleier\w*|helsestasjon\w*|frivillig\w*|volunteer\w*|bibliotek\w*|librar\w*|korps\w*|idrett\w*|sports? clubs?)\b`)
	partnersJoinRE = relit.MustCompile(`\b(?:samarbeid\w*|cooperat\w*|collaborat\w*|partner\w*|join|be part|part of|være med|vere med|vera med|delta\w*|include\w*|inkluder\w*|med i|in the group|gruppa|group|team|involve\w*|with us|og|også)` + wordEnd)
	partnersNotRE  = relit.MustCompile(`\b(?:medlem\w*|member\w*|betal\w*|pay|kost\w*|cost|penger|money|søk\w*|sokj\w*|apply|who exactly|hvem kan|kven kan|who can|modell\w*|model|midl\w*|frifond)\b`)
)

// Why the childhood sector is so central ("hvorfor så mye fokus på
// oppvekst? koret mitt er jo mest voksne", "Hvorfor står oppvekstfeltet
// så sentralt i dette programmet?"): the same entry, which says why and
// that others are not excluded. The purpose's entry answered four such
// questions wrong in splits 9–72 and the training sets (fourteen more
// right, its answer naming the sector too) and left one unsure.
var (
	whyRE      = relit.MustCompile(`\b(?:hvorfor|kvifor|korfor|koffor|why)\b`)
	centralRE  = relit.MustCompile(`\b(?:sentral\w*|fokus\w*|focus\w*|viktig\w*|important)\b`)
	oppvekstRE = relit.MustCompile(`\boppvekst\w*`)
)

// Why the school, the SFO, the kindergarten or the childhood sector
// should take part or spend time on it ("hvorfor skal oppvekst bruke tid
// på dette, er ikke dette kulturskolens greie?", "why is barnehage part
// of this?"): the same entry, which says why the sector is the culture
// school's partner. The value's entry answered two such wrong in splits
// 47 and 94 and one was left unsure; not what they get out of it (the
// value's), nor what they must contribute (the group's, above).
var (
	sectorRE     = relit.MustCompile(`\b(?:oppvekst\w*|sfo|skole|skolen|skule|skulen|barnehage\w*|barnehagar\w*|bhg|kindergarten\w*|schools?)\b`)
	whyJoinRE    = relit.MustCompile(`\b(?:være med|vere med|vera med|bruke tid|bruka tid|bry seg|bry oss|delta|be part|be involved|involved|take part|med i|part of)\b`)
	whyJoinNotRE = relit.MustCompile(`\b(?:kulturskolen skal|kulturskulen skal|bidra|forvent\w*|venta|ut av|igjen|get out|in it for|value|verdi\w*)\b`)
)

// The dialogue booklet by its names ("dialoghefte-greia", "what's that
// 'kommunal samskaping' thing … is it a book??", "kulturskolen som
// døråpner"): the entry on the documents the programme builds on. Nine
// unsure or wrong in the training sets and splits 9–54; not whether it is
// translated.

// basisEntry is the corpus entry on the framework and the booklet.
const basisEntry = "grunnlag"

var (
	basisRE    = relit.MustCompile(`dialoghefte\w*|dialogue ?booklet|dialog ?booklet|dialoghäfte\w*|kommunal samskaping|municipal co-?creation|døråpner\w*|døropnar\w*|door[- ]?opener`)
	basisNotRE = relit.MustCompile(`\b(?:tigrinya|arabic|arabisk|translat\w*|oversett\w*|english version|engelsk versjon)\b`)
)

// A one-off or lasting work: "is this a one-and-done project or more of a
// long game thing?", "can we just run one project with the money and be
// done with it?" — the entry on the long term. Seven unsure or wrong in
// the training sets and splits 9–54; not how long it lasts (the duration's
// entry), not certificates or reports after it, not a command.

// longTermEntry is the corpus entry on the programme as lasting work.
const longTermEntry = "langsiktig"

var (
	longTermRE    = relit.MustCompile(`one[- ]time (?:project|prosjekt|thing|initiative|deal|intervention|effort)|longer[- ]term|one[- ]off|one and done|one-and-done|engangs\w*|eingongs\w*|long game|long[- ]term|langsiktig\w*|stick around|be done with it|kortsiktig\w*`)
	longTermNotRE = relit.MustCompile(`\b(?:hvor lenge|kor lenge|how long|varer|lasts?|semest\w*|oppstart|start\w*|certificat\w*|studiepoeng|rapport\w*|report\w*|bot|boten|kommando\w*|command\w*|call|cancel\w*|avlys\w*)\b`)
)

// Mentoring for each municipality or for the region ("Is mentoring given
// to the region as a whole or to each kommune separately?", "får alle
// kommunene veiledning eller bare noen utvalgte?"): the mentoring entry
// (each participating municipality is offered it). Sixteen unsure in the
// training sets and splits 9–54 (one older training label names the
// regions' entries instead); not logging or seeing sessions in the bot,
// not hours, pay or who the mentor is.

// mentoringEntry is the corpus entry on the programme's mentoring.
const mentoringEntry = "veiledning"

var (
	mentoringRE     = relit.MustCompile(`\bveil\.|veiledning\w*|veileder\w*|rettleiing\w*|rettleiar\w*|mentoring|mentors?\b|guidance|handledning`)
	mentoringEachRE = relit.MustCompile(`\b(?:every|each|all|hver|kvar|alle|per|separately|separate|egen|eiga|eigen|own|whole region|hele regionen|heile regionen|felles|only some|bare noen|berre nokre|some of them|individual\w*|enkelt\w*|dei store|de store|the big|the large|small ones|små kommun\w*)\b`)
	mentoringNotRE  = relit.MustCompile(`\b(?:logg\w*|log|logs|logged|logging|bot|boten|kommando\w*|command\w*|kroner|kr|nok|betal\w*|paid|pay|lønn\w*|hvem er|kven er|who is|name|navn|namn|hvor ofte|kor ofte|how often|eksport\w*|export|list\w*|slett\w*|delete|endre|change|edit|timar|timer|hours?|timen|time|tjen\w*|tener|earn\w*|honorar\w*|rate|salary|opp|se|see|show|vis|theme|tema|push|lenge|long)\b`)
)

// The county board's part during the programme, asked by a board member
// in a way of their own: "what should the fylkesstyre actually do in the
// program, besides sending the påmelding?", "jeg sitter i fylkesstyret.
// hva slags rolle har vi i programmet?", "eg sit i fylkesstyret. kva er
// forventa av oss i styret gjennom programperioden?". The sending, the
// programme period or the role word pull such a question to the
// deadline's, the duration's or the politicians' entry (six wrong and
// seven unsure in splits 9–72 and the training sets, against 313 of the
// kind answered right). A message that names the county board and asks
// its role, what it does or what is expected of it is the board's entry
// — not how to register or apply (the bot's command, who applies), what
// is expected of the municipalities, how the county decides internally,
// how it ties in with the board's usual work, the development areas or
// the working group's help.

// boardEntry is the corpus entry on the county boards' part.
const boardEntry = "fylkesstyrets-rolle"

var (
	boardRE     = relit.MustCompile(`\b(?:fylkesstyre\w*|county boards?|styret i (?:\w+ )?fylkesavd\w*|styret i fylkeslaget|fylke board|fylkesstyra|fylkesstyrene)\b`)
	boardDutyRE = relit.MustCompile(`\b(?:rolle|role|gjøre|gjere|gjer|do|doing|forvent\w*|expected|supposed|oppgåve\w*|oppgave\w*|tasks?|ansvar\w*|responsib\w*|bidra|contribut\w*)\b`)
	boardNotRE  = relit.MustCompile(`\b(?:hvordan|korleis|how do|how does|how is|command|kommando|syntax|av kommun\w+|of the municipalities|avgjer|avgjøre|avgjør|decides?|heng\w*|development areas?|utviklingsområ\w*|internt|internal\w*|prepar\w*|forbered\w*|kommunane sjølve|kommunene selv|themselves|sjølve|selv som|assistant|bot|boten|consult|discuss|drøft\w*|kommunegrupp\w*|working group|arbeidsgrupp\w*|alone|alene|aleine|on behalf|på vegne|på vegner|register\w*|registrere|melde interesse|ekstra lag|extra layer|satsing\w*)\b` +
		`|\b(?:søke|søker|søkje|søkjer|apply|applies)\s+(?:selv|sjølv|sjølve|themselves|alone|by themselves|directly|direkte)\b|\bdo it for us\b|\bgjøre det for oss\b|\bgjere det for oss\b|\bsign (?:\w+ )?up\b|\bfor them\b|\bfor dem\b|\bfor dei\b|\bmelde på\b|\bmelde dei på\b`)
)

// Who may take part, asked as eligibility ("is participation open to any
// Norwegian municipality, or are there conditions?", "right, so who is
// actually allowed in on this?", "who can join this program?"): the
// entry on who the programme is for (the council's member municipalities
// and county boards). The duties', the deadline's or the partners' entry
// answered four such wrong in splits 9–75 and one unsure in the
// training sets. Not the partners, the group, a person asking for
// themselves, who applies or how, the region, what is required or
// expected, funding or another scheme.

// eligibleEntry is the corpus entry on who may take part.
const eligibleEntry = "hvem-kan-delta"

var (
	eligibleRE = relit.MustCompile(`\bwho (?:can|may|is allowed to|is eligible to) (?:join|take part|participate|be part|get in)\b|\bwho is (?:it|this|the program\w*) for\b|\bopen to (?:any|all)\b|\beligib\w*|\ballowed in\b|\bhvem kan (?:være med|delta|bli med)\b|\bkven kan (?:vere med|delta|bli med)\b|\bhvem er (?:programmet|dette) for\b|\bkven er (?:programmet|dette) for\b|\b(?:hvem|kven|who) (?:er|is) (?:programmet|dette|det|it|this|the program\w*) (?:egentlig |eigentleg |eigentlig |actually |really )?(?:ment|meint|tenkt|meant|intended|designed) for\b` +
		// "Who exactly is this programme meant for?", "who is the
		// target group?" (splits 93, 96, 97: partners abroad).
		`|\bwho (?:exactly |actually |really )?is (?:it|this|the program\w*|this program\w*) (?:(?:actually|really|exactly|meant|intended|designed|aimed)\s+)*for\b|\btarget group\b|\bmålgrupp\w*`)
	eligibleNotRE = relit.MustCompile(`partner|fritidsklubb|youth club|librar|bibliotek|helse|health|\bmax|decided|avgj|attitud|holdning|expectation|commitment|motivation|fund|cost|søk|apply|applic|submit|region|group|gruppe|gruppa|\bdks\b|skolesekk|frifond|prerequisit|requirement|krav|\b(?:jeg|eg|i'm|i am|ansatt|employee|teacher|lærer|lærar)\b`)
)

// The programme's purpose asked as "the point of the whole thing": "what's
// the point of the whole thing, in 2 sentences?", "hva er formålet med
// programmet, maks to setninger", "kva er eigentleg hensikta med heile
// opplegget?". A short ask with the whole as its object, and the
// classifier's pull of words like "society" or "culture school" decides
// the answer: the childhood sector's entry answered three such wrong in
// splits 9–78 and seventeen more were unsure or wrong elsewhere. The
// purpose of the gatherings, the meetings or the framework is theirs, and
// one asking whether it is a project that ends is the long-term entry's.

// purposeEntry is the corpus entry on the programme's purpose.
const purposeEntry = "hensikt"

var (
	pointRE    = relit.MustCompile(`\b(?:the (?:actual |real |whole )?point|the purpose|the aim|the goal|poenget|formålet|hensikten|hensikta|målet)\s+(?:(?:of|with|med)\s+)?(?:the whole thing|the whole programme|the whole program|the whole|it all|all this|this|it|the programme|the program|programmet|det heile|det hele|heile greia|hele greia|hele opplegget|heile opplegget|opplegget|fremtidens|dette|denne)\b`)
	pointNotRE = relit.MustCompile(`samling|gathering|møte|meeting|rammeverk|framework|digital|prosjekt|project|varig|lasting|sluttdato|stopp|døyr|dør ut|dabba`)
)

// Whether we must attend every gathering: "må vi fra sfo delta på alle
// samlingene?", "må vi frå SFO stille på kvar einaste samling, eller held
// det at kulturskulen møter?", "do i have to come to all the samlings??".
// The asker's SFO or group pulls it to the childhood sector's or the
// gatherings' entry, or leaves it unsure (four wrong and six unsure in
// splits 9–78 and the training sets, none of the kind answered wrong by
// the rule's entry): the duties' entry says the group commits to the
// gatherings.

// dutiesEntry is the corpus entry on what participants commit to.
const dutiesEntry = "krav"

var everyGatheringRE = relit.MustCompile(`\b(?:må|ma|must|have to|has to|need to|skal)\s.{0,40}\b(?:delta|stille|attend|be at|come to|come|komme|kome|vere med|være med|møte|mote|go to|show up)\b.{0,25}\b(?:alle|all|every|each|kvar einaste|kvar|hver eneste|hver|heile|hele)\b.{0,15}\b(?:samling\w*|gathering\w*|meeting\w*|time|times|gang|gong|gongen|gangen)\b`)

// A school abroad or outside the council asking whether it may join:
// "I run a music school in Tornio, Finland … Can foreign or non-member
// schools take part in the programme?", "I work at a kulturskola in
// Sweden near the border. could our municipality join one of your
// regional programs?" — the entry on who the programme is for.
var (
	foreignRE    = relit.MustCompile(`\b(?:foreign|abroad|non-?members?|outside norway|sweden|swedish|finland|finnish|denmark|danish|utlandet|utenlandsk\w*|utanlandsk\w*|ikke-?medlem\w*|ikkje-?medlem\w*|sverige|svensk\w*|finland|finsk\w*|danmark|dansk\w*|iceland\w*|latvia\w*|estonia\w*|lithuania\w*|lapland|faroe\w*|island)\b`)
	joinRE       = relit.MustCompile(`\b(?:join|take part|participate|be part|delta|være med|vere med|bli med)\b`)
	foreignNotRE = relit.MustCompile(`\b(?:translat\w*|oversett\w*|english version|language|språk|versjon|version|observ\w*|visit\w*|guests?|gjest\w*|erasmus|eea|grants?|project)\b`)
)

// How the programme is financed, asked formally or with background ("I
// should be obliged if you could inform me how the programme is
// financed.", "Må vi søke KS eller noen andre om midler til dette, eller
// hvordan finansieres det?"): the funding entry. Three unsure and one
// wrong in splits 9–98; not travel, the stay, mentoring or what the
// municipality pays itself, nor another programme or scheme.

// fundingEntry is the corpus entry on how the programme is funded.
const fundingEntry = "finansiering"

var (
	fundedRE    = relit.MustCompile(`\bhow (?:is |are )?(?:the |this )?(?:programme|program|it)?\s*(?:is |are )?(?:financed|funded|paid for)\b|\bhvordan (?:blir |er )?(?:programmet |det )?(?:finansiert|finansieres)\b|\bkorleis (?:blir |er )?(?:programmet |det )?(?:finansiert|finansierast)\b`)
	fundedNotRE = relit.MustCompile(`travel|reise|hotel|opphold|mentor|veiled|kommunen betal|municipality pay|our own|\begne?\b|\beigen?\b|\beget\b|sistema|talent|kulturskoleløft|\bdks\b|skolesekk|other program|andre program|anna program`)
)

// Whether a municipality (or a school, a library) can apply or sign up
// by itself ("kan vi i Kongsberg melde oss på selv, eller hvordan funker
// det?", "can Harstad kommune just apply on its own?", "must each
// kommune apply by itself?"): who applies — the county board, on the
// municipalities' behalf. Nineteen unsure and one wrong in the training
// sets and splits 9–116, four in this session's first six splits alone;
// of the questions the rule matches and the engine answered surely from
// another entry, one (the board deciding "alone") is not this, and is
// left out with every question of deciding, help, a gathering or the
// bot's own commands.

// whoAppliesEntry is the corpus entry on who applies.
const whoAppliesEntry = "hvem-soker"

var (
	selfApplyRE    = relit.MustCompile(`\b(?:melde\w*|meld|søk\w*|sok\w*|apply\w*|applies|sign\w* up|registrer\w*|register\w*|påmeld\w*)\b[^?]{0,40}?\b(?:selv|sjøl|sjølv|sjol|sjolv|on (?:its|our|their) own|by (?:itself|ourselves|themselves)|directly|direkte|alone|aleine|alene|på eiga hand|på egen hånd|på eigen hand)` + wordEnd)
	selfApplyNotRE = relit.MustCompile(`samling|gathering|rsvp|\bbot\b|boten|kommando|command|finne ut|find out|figure out|hjelp|help|bistand|region|fylkesgrens|\bdecid\w*|bestemme\w*|beslut\w*|avgj\w*|(?:board|styret|styre|leder|leiar|leader) (?:alone|alene|aleine)`)
)

// What a region is, asked alone: "hva er egentlig en "region" i denne
// sammenhengen?", "def. of region?" (three unsure in splits 77 and 118;
// the name of the programme or nothing pulled them away). Only the bare
// question: anything after it asks more than the definition.

// regionEntry is the corpus entry on what a region is.
const regionEntry = "region"

var regionDefRE = relit.MustCompile(`\b(?:hva|kva|ka|what)\s*(?:er|e|is|'s|s)\s+(?:egentlig|eigentleg|actually|really|exactly)?\s*(?:en|ein|ei|a|an|the)?\s*["«']?regions?["»']?\s*(?:i denne sammenhengen|i denne samanhengen|in this context|here|her|i dette programmet|i programmet|in the programme)?\s*\??$|\bdef(?:inition|inisjon|\.)?\s+(?:of|av|på|pa)\s+(?:a\s+|en\s+|ein\s+)?["«']?region`)

// The information meetings asked about — how many, whether they are
// physical or on Teams, whether there will be any: "hvor mange infomøter
// blir det ifm. programmet, og er de fysiske eller på teams?", "how many
// information meetings are there and are they physical ones?" The
// choice "physical or digital" pulled them to the gatherings' entry
// (three wrong and two unsure in splits 57–124 and the training sets;
// two of the wrong in this session's fresh splits). Not a meeting's
// date, time or link (the document gives none), nor which of two tools
// ("on zoom or teams", which it does not say either), and not the asker
// preparing for one.

// infoMeetingsEntry is the corpus entry on the digital information
// meetings.
const infoMeetingsEntry = "digitale-moter"

var (
	infoMeetingRE    = relit.MustCompile(`\binfo(?:rmasjons|rmation|rmational)?\s*-?\s*(?:m(?:øte|ote|eeting)\w*|sessions?)|\binfomøt\w*|\binfo-møt\w*`)
	infoMeetingAskRE = relit.MustCompile(`(?:hvor mange|kor mange|how many|fysisk\w*|physical\w*|digital\w*|online|blir det|will there be|are there|is there|format)`)
	infoMeetingNotRE = relit.MustCompile(`førebu|forbered|prepar|dato|date|exact|når|naar|when|kva tid|what time|link|lenk|url|påmeld|register|sign up|melde`)
)

// Whether a municipality can join alone or needs others with it: "can
// my kommune join alone? or we need other kommuner with us?", "kan vi
// være med alene eller må vi gå sammen med andre?" — a region is three
// or more municipalities (six unsure or wrong in the training sets and
// splits 42–128, two in split 128 alone). Not coming alone to a
// gathering or a meeting, nor mentoring.
var (
	aloneRE      = relit.MustCompile(`\b(?:alene|aleine|åleine|alone|on (?:our|its|their) own|by (?:ourselves|itself))\b`)
	withOthersRE = relit.MustCompile(`\b(?:sammen med|saman med|together with|with other|med andre|andre kommun|other kommun|other municipal|nabokommun|neighbou?r)`)
	aloneNotRE   = relit.MustCompile(`samling|gathering|møte|meeting|mentor|veiled`)
)

// Who runs the programme, with "styrer" or "which organisation": "kven
// er det som styrer programmet, og kven kan eg spørje om ting du ikkje
// veit?", "ok. og kven er det som styrer det heile då?", "which
// organisation runs this programme actually". The corpus asks it with
// "driver", "leder" and "står bak"; "styrer" and the organisation asked
// for left the part unsure, and the bot's own step took the other half
// (what happens to a question it cannot answer) and answered it alone —
// fourteen unsure or wrong in the training sets and splits 9–140, four
// wrong in 111–140. Not who decides how many take part (its own
// entry), the programme in a county or at the national level, nor
// running a plan by someone.

// workingGroupEntry is the corpus entry on the working group that runs
// the programme.
const workingGroupEntry = "arbeidsgruppen"

var (
	runsRE = relit.MustCompile(`(?:\b(?:hvem|kven|kem|who)\b(?:\s+\S+){0,4}?\s+|\bwhich (?:body|organi[sz]ation)\s+(?:\S+\s+){0,3}?)` +
		`(?:styrer|styrar|styre|driver|driv|leder|leier|leiar|står bak|stend bak|runs|run|running|leads|lead|manages|administers|organiserer|is behind)\s+` +
		`(?:(?:egentlig|eigentleg|eigentlig|egentli|actually|really)\s+)?` +
		`(?:det\s+(?:hele|heile)|(?:hele|heile)\s+(?:programmet|greia|opplegget|prosjektet)|programmet|programmene|programma|prosjektet|opplegget|satsinga|satsingen|fk|fremtid\w*|dette|det|this|it|the (?:regional )?(?:programmes?|programs?|project|whole thing)|this (?:programme|program|project|thing))` + wordEnd)
	runsNotRE = relit.MustCompile(`(?:hvor|kor|how) many|(?:programmet|programme|program|programma) (?:i|in|på|for) |run (?:this|it) by|nasjonal|national`)
)

// Who is meant to be in the municipality's group, asked by someone put
// in it: "nobody's actually told me who's meant to be in it – is it just
// us kulturskole folk or do we drag in the barnehage and SFO lot too?",
// "Kven må vere med i gruppa frå kommunen vår – er det berre
// kulturskulen?". The kindergarten or the school named after it pulls
// the message to the entry on the childhood sector, whose answer does
// not say who sits in the group (three wrong in splits 9–140, two in
// 111–140). Not membership, the county, the region or alone (groupNotRE).
var whoInGroupRE = relit.MustCompile(`(?:who(?:'s| is| are)?\s+(?:actually\s+|really\s+)?(?:supposed|meant|going|expected)?\s*(?:to be\s+|to sit\s+)?in (?:it|that group|the group|this group|our group|the kommunegruppe|kommunegruppe\w*)` +
	`|(?:hvem|kven|kem) (?:skal|kan|bør|må|ska) (?:\S+ )?(?:sitte|sitje|være med|vere med) i (?:gruppa|gruppen|kommunegruppa|kommunegruppen))` + wordEnd)

// What happens when more want to join than there is room for: "kva om
// alle fylka vil vere med, kjem alle med då?", "How do you choose which
// municipalities can join if very many want to participate?", "kva skjer
// om det er stor interesse? blir småkommunar som oss sila ut?". The
// answer (the working group weighs the interest against funding,
// geography and other factors) is the entry on the places; who may
// apply, the deadline or the regions pulled such questions away — eight
// wrong and six unsure in the training sets and splits 9–140. Not how
// many want something ("hvor mange som vil"), nor a gathering's
// numbers.

// placesEntry is the corpus entry on how many can take part.
const placesEntry = "antall-plasser"

var (
	manyWantRE = relit.MustCompile(`\b(?:stor interesse|kjempestor interesse|høy interesse|large interest|high interest|great interest` +
		// many who want in, or many applications
		`|(?:mange|many|loads of|lots of|a lot of|masse|mengder)\s+(?:\S+\s+){0,2}?(?:som\s+|who\s+)?(?:vil|ønsker|ønskjer|søker|søkjer|melder|want|wants|apply|sign|are interested|pile|piles|interessemelding\w*|søkere|søkjarar|søknader|søknadar|applicants|applications|påmeldinger|påmeldingar|registrations)` +
		`|alle (?:fylka|fylkene|fylkesavdelingene|fylkesavdelingane|kommunene|kommunane)\s+(?:\S+\s+)?(?:vil|ønsker|ønskjer|melder|søker|søkjer)` +
		`|(?:half|all) (?:of )?the country|everyone (?:wants|applies)|all (?:the )?(?:counties|kommuner|municipalities) (?:want|apply)` +
		`|sila ut|siles ut|sortert ut|sortert bort` +
		// more than the capacity
		`|(?:større|høgare|høyere|more|greater|bigger|larger) (?:enn|than) (?:the )?(?:kapasitet\w*|capacity|plassene|the places|room)|exceed\w* (?:the )?capacity|overstig\w* kapasitet\w*` +
		// how the places are chosen
		`|(?:hvordan|korleis|koss|how)\s+(?:velger|vel|velj\w*|plukker|prioriterer|do you (?:choose|select|pick|prioriti[sz]e|decide)|will you (?:choose|select|pick|decide))\s+(?:dere\s+|de\s+|dykk\s+)?(?:ut\s+)?(?:hvem|kven|who|which))` + wordEnd)
	manyWantNotRE = relit.MustCompile(`\b(?:kor|hvor|how) (?:mange|many)\b|samling\w*|gathering\w*|overnatting|rsvp`)
)

// Whom a county leader talks to before the county registers interest,
// and what to do first: "im fylkesleder. who should I discuss this with
// before we melder interesse?", "I'm new as fylkesleder. what should i
// do first if our fylke is thinking about joining the regionale
// program?". The answer (the leader takes it to the executive committee
// and the county adviser) is the county's decision; the interest
// registration and the regional programmes pulled these away (one wrong
// and one unsure in splits 9–140, two more in 144–145). Only a talk
// before or first, and doing something first in a county.

// countyDecisionEntry is the corpus entry on how a county decides.
const countyDecisionEntry = "fylkets-beslutning"

var (
	discussFirstRE = relit.MustCompile(`\b(?:who|hvem|kven|kem)\s+(?:\S+\s+){0,5}?(?:discuss|loop in|talk to|talk with|speak to|speak with|consult|drøfte|drøft|diskutere|snakke med|prate med|ta (?:det|dette|saka|saken) opp med|run (?:it|this) by|check with)\b.*\b(?:before|før|først|fyrst|first|internally|internt)` + wordEnd +
		// "im fylkesleder, how should i handle this internally before we register interest?" (split 157)
		`|\b(?:handle|behandle|deal with|proceed|gå fram|gå frem|forankre)\b.{0,30}\b(?:internally|internt)` + wordEnd)
	doFirstRE = relit.MustCompile(`\b(?:what|hva|kva|ka)\s+(?:should|skal|bør|må|do)\s+(?:i|jeg|eg|we|vi|me)\s+(?:do|gjøre|gjere|gjer)\s+(?:first|først|fyrst)` + wordEnd)
	countyRE  = relit.MustCompile(`\b(?:fylke\w*|county|counties)\b`)
)

// Whether the gatherings are physical or digital: "Kva form har
// samlingane i programmet – er dei fysiske eller digitale?", "er
// samlingane fysiske eller på nett?", "samling online or real". The
// digital information meetings' entry took some (its answer says
// "digital"), and more were left unsure: one wrong and three unsure in
// splits 9–142. The choice asked, of the gatherings, not of the
// information meetings.
var physicalOrRE = relit.MustCompile(`\b(?:fysisk\w*|physical\w*|in person|in-person|real|actual|ekte)\b.{0,30}\b(?:eller|elle|or)\b.{0,30}\b(?:digital\w*|online|nett|teams|zoom|remote|from home|hjemme|heime)` +
	`|\b(?:digital\w*|online|nett|teams|zoom|remote)\b.{0,30}\b(?:eller|elle|or)\b.{0,30}\b(?:fysisk\w*|physical\w*|in person|in-person|real|ekte|treff)` + wordEnd)

// Whether travel to the gatherings is paid for: "will we get travel
// money for going to the samlinger?", "Dekkjer de reiseutgifter for dei
// som skal på samlingane?", "Will the participating municipality be
// reimbursed for the travel expenses of its representatives?". The
// gatherings' or a partner's entry took some, and "reiseutgifter" left
// more unsure (two wrong and eight unsure in splits 9–148). Not an
// amount asked first or in kroner (kronerExpr: "nok" only beside a
// number, else it is "enough"; a detail the document does not give;
// "…, evt. kor mykje?" after the question is still the question), a
// claim in one's own system, or guests from abroad.

// travelEntry is the corpus entry on travel support.
const travelEntry = "reisestotte"

var (
	travelPaidRE    = relit.MustCompile(`\btravel (?:money|costs?|expenses?|grant|allowance)|\breisepeng\w*|\breiseutgift\w*|\breisekostnad\w*|\b(?:dekk\w*|cover\w*|reimburs\w*|refunder\w*|betal\w*|pay\w*) (?:\S+ ){0,2}?(?:reis[ae]\w*|travel\w*)|\b(?:reis[ae]\w*|travel\w*) (?:\S+ ){0,2}?(?:dekt|dekket|dekka|covered|paid|reimbursed)` + wordEnd)
	travelPaidNotRE = relit.MustCompile(kronerExpr + `|\bbeløp\w*|^(?:\S+\s+){0,3}(?:hvor|kor|how) (?:mye|mykje|much)\b|claim|refusjon|mva|regne ut|calculate|observer\w*|gjest\w*|guest\w*|begrunn\w*|justify\w*|hensikt\w*|purpose`)
)

// The culture school's role or roles in the municipality: "what role can
// the culture school have in the municipality in this programme? only
// teaching?", "kven avgjer kva rolle kulturskulen skal ha hjå oss –
// programmet eller kommunen sjølv?". The roles (a development actor, a
// meeting place, a partner of the childhood sector, health and the
// community, balanced on local political ambitions) are the one-model
// entry's; the childhood sector's and the pupils' entries took eight of
// them in splits 9–151 and a dozen were left unsure. Not the county's,
// the board's, KS's or another school's role, nor the attitude to it
// expected of participants (the duties' entry), why the programme
// speaks of it, ownership of it, or a person's role.

// oneModelEntry is the corpus entry on one model not fitting all.
const oneModelEntry = "en-modell"

var (
	schoolRoleRE    = relit.MustCompile(`\b(?:rolle\w*|roles?)\b.{0,40}\b(?:kulturskole\w*|kulturskule\w*|culture school|music school|arts school)|\b(?:kulturskole\w*|kulturskule\w*|culture school|music school|arts school)\S*\s+(?:\S+\s+){0,4}?(?:rolle\w*|roles?)` + wordEnd)
	schoolRoleNotRE = relit.MustCompile(`fylkes|county|board|styre|\bks\b|sfo|grunnskul|grunnskol|barneskul|barneskol|barnehag|ungdomsskul|skulen har|skolen har|skulen min|skolen min` +
		// what is expected of the participants' attitude to it (the duties),
		// why the programme frames it so, ownership, the concept, a
		// person's role
		`|holdning|haldning|attitude|innstilling|forvent|expect|krav|requir|open to|åpen for|open for|\bwhy\b|hvorfor|kvifor|korfor|rationale|frame|eierskap|eigarskap|ownership|concept|begrep|omgrep|tankesett|mindset|the role of|rollen som|rolla som`)
)

// Who signs the municipalities up, asked so: "eidsvoll her igjen – hvem
// melder oss på, kommunen eller fylket?", "hvem er det som melder inn?"
// (one wrong in splits 9–152 and the deadline's entry answering the
// rest, now with this one's after it). Not a gathering's sign-up or the
// bot's command.
var (
	whoSignsUpRE    = relit.MustCompile(`\b(?:hvem|kven|who)\s+(?:er det som\s+|e det som\s+|is it that\s+)?(?:melder|meld\w*|søker|søkjer|applies|signs? up|registers?|sends? in|sender inn)\s+(?:oss|us|kommunen\w*|kommunane|kommunene|the municipalit\w*|the kommune\w*)?\s*(?:på|pa|inn|up|in)?` + wordEnd)
	whoSignsUpNotRE = relit.MustCompile(`samling|gathering|rsvp|\bbot\b|boten|kommando|command|get a place|get in|får plass`)
)

// How the municipality's group is composed: "Could you kindly clarify
// how the municipal group (kommunegruppe) is expected to be composed?"
// (the duties' entry took it, split 153).
var (
	composedRE = relit.MustCompile(`\b(?:composed|composition|sammensatt|samansett|sammensetning|samansetjing|consists? of|består av|bestå av)` + wordEnd)
	// composedNotRE: a region's or a county's make-up.
	composedNotRE = relit.MustCompile(`\b(?:regionen|regions?|en region|ein region|fylke\w*|county|counties)\s+(?:\S+\s+){0,2}?(?:bestå|består|consists?|composed|sammensatt|samansett)`)
)
