package handlers

import "strings"

// The live step's word lexicon: every word of a question (liveNorm text)
// is looked up once, and the question gets a set of feature bits — what
// it talks about (a gathering, an answer, mentoring, a region, …), what it
// asks to do (create, change, delete, list, …) and how it asks (a
// how-word, "kan jeg"). Two jobs:
//
//   - speed: a question with no topic word at all leaves live() after
//     the small-talk checks, and each how-to pattern runs only on
//     questions holding one of its topics (howIntent.topics), so the
//     patterns stay off the ordinary programme question (most /faq
//     traffic). TestLiveTopics checks on every training question and
//     every test wording that a pattern never matches a question its
//     topics rule out.
//   - the general command recogniser (live_cmd.go), which reads the same
//     bits instead of one pattern per wording.
//
// Words are lower case with æøå folded (æ→ae, ø→o, å→a), as liveNorm
// writes them. "word*" matches every word starting with "word".

type feat uint64

// Topics: what a question talks about.
const (
	fGath feat = 1 << iota // a gathering: samling, treff, gathering, meeting
	fAns                   // an answer to a gathering: rsvp, svar, påmelding, headcount, beds
	fMent                  // mentoring and its log
	fInt                   // registration of interest
	fReg                   // a region
	fMun                   // a municipality or county
	fQst                   // questions (the working group's queue)
	fData                  // personal data, "about me"
	fExp                   // export, CSV, Excel, download
	fCal                   // calendar
	fDig                   // the weekly digest
	fBot                   // the bot itself, asking it, DM, @mention
	fCmd                   // commands, parameters, forms, typos
	fTime                  // time zone
	fDash                  // dashboard, a page with everything
	fLang                  // languages
	fSrc                   // the source of an answer
	fPlat                  // Slack, Discord
	fDead                  // a deadline
	fName                  // typing a name: municipality names, "skrev …"
	fMany                  // "hvor mange (vi er)"
	fAtt                   // attendees, participant lists
	fHelp                  // help, the list of commands

	// Actions: what the asker wants to do (the general recogniser's verbs).
	aCreate    // create, make, set up
	aAdd       // add to, put in
	aChange    // change, edit, move, rename, fix
	aDelete    // delete, remove, take away
	aList      // list, see, show, find
	aExport    // export, download, get out
	aLog       // log, record
	aAnswer    // answer, sign up, register for
	aCancel    // cancel, reopen, postpone
	aSubscribe // subscribe, sync, import
	aSet       // set, save, tell the bot
	aWithdraw  // withdraw
	aUse       // use, syntax, usage

	// Frames.
	wHow    // a how-word: hvordan, korleis, how, åssen
	wWhere  // hvor, kvar, where
	wModal  // kan, can, could, må
	wRule   // a word about the programme's rules, not the bot's tools
	wFiller // a filler word (pronoun, modal, particle)
	wCan    // opens "hva kan …", "what can …": maybe "what can you do" before more
)

// topicMask is every topic bit: a question with none of them is not the
// live step's (after small talk and "what can you do").
const topicMask = fGath | fAns | fMent | fInt | fReg | fMun | fQst | fData | fExp | fCal | fDig | fBot | fCmd |
	fTime | fDash | fLang | fSrc | fPlat | fDead | fName | fMany | fAtt | fHelp

// actionMask is every action bit.
const actionMask = aCreate | aAdd | aChange | aDelete | aList | aExport | aLog | aAnswer | aCancel | aSubscribe | aSet | aWithdraw | aUse

var lexicon = []struct {
	bits  feat
	words string
}{
	{fGath, "samling* treff* gathering* meet* motes invit* samles samlast samlas fellessamling* gjest* guest* oppstartssamling* together togethers"},
	{fAns, "rsvp* svar* answer* repl* respon* pamel* meld* sign* attend* kommer kjem coming come komme kome deltar deltek " +
		"overnatt* hotell* hotel* seng* bed beds accommodation overnight antall* talet tal headcount number said sagt " +
		"registrert registrerte registered oppgitt oppga oppgav put entered gave levert sendt sent shown lagret lagra saved stored mottatt motteke received"},
	{fMent, "veiled* veiler* rettlei* mentor* okt okta okter oktene session* guidance coaching logg* log logs logged logging oppforing* entries entry"},
	{fInt, "interess* registr* register* trekk* withdraw* pull back drop kontakt* contact* sendt sent shown levert"},
	{fReg, "region*"},
	{fMun, "kommun* municipal* muni fylke* county counties"},
	{fQst, "sporsmal* question*"},
	{fData, "data* personopplys* meg me"},
	{fExp, "eksport* export* csv excel regneark* rekneark* spreadsheet* laste last lastar download* hente henter hentar ut out get pull tallene tala numbers"},
	{fCal, "kalend* calendar* calender* outlook ics ical"},
	{fDig, "digest* ukesoppsummering* vekeoppsummering* ukeoppsummering* ukesrapport* vekerapport* oppsummering* samandrag* rapport* weekly ukentl* vekentl*"},
	{fBot, "faq* deg bot boten kulturbot you it du dm dms direktemelding* privat* private direct direkte tag tagge tagg mention* nevn* message"},
	{fCmd, "kommando* command* parameter* parametr* argument* syntaks* syntax options klikk* trykk* click tap skjema* form forms modal popup pop vindu " +
		"huske hugse remember memorise memorize mellomrom space spaces tema* topic felt* field* glem* gloym* forg* missing mangl* lack* ufullstendig incomplete " +
		"feil wrong galt typo skrivefeil mistake incorrectly wrongly error feilmelding format* datoformat* dateformat*"},
	{fTime, "tidssone* tidsone* timezone* zone"},
	{fDash, "dashbord* dashboard* side sida nettside page oversikt overview"},
	{fLang, "engelsk* english nynorsk bokmal norsk norwegian sprak* language* malform*"},
	{fSrc, "kilde* kjelde* source* info infoen informasjon* information"},
	{fPlat, "discord slack"},
	{fDead, "frist* svarfrist* deadline*"},
	{fName, "skrev skreiv skriv skriver type types typed typer wrote write writes spell spells spelled staver stavar sendte uten utan without samisk* sami nordsamisk* lulesamisk* sorsamisk*"},
	{fMany, "mange many"},
	{fAtt, "deltak* deltag* attendee* attendance participant* pameldingsliste*"},
	{fHelp, "hjelp help meny menu"},

	// (Not "defineres", "definert": "hvordan defineres en region" asks
	// what a region is, not how to make one in the bot.)
	{aCreate, "lag lage lager lagar opprett* create* make making set setup definer definere definerer define defines defining ny nye new"},
	{aAdd, "legg legge legger leggje add adding"},
	{aChange, "endr* change* edit* oppdater* update* rett rette retter retta rettar fiks* fix* korriger* correct* bytt* swap* snu switch rename* flytt* move* gi gir give"},
	{aDelete, "slett* delete* fjern* remove* erase* bort"},
	{aList, "se ser sja sjaa vis vise viser show* list liste lista listen view see sjekk* check finn finne finner find oversikt overview"},
	{aExport, "eksport* export* laste last lastar download* hente henter hentar"},
	{aLog, "logg logge logger loggar logga loggfor* log logging record* registrer registrere registrerer registrera registrerar forer fore note"},
	{aAnswer, "svar svare svarer svara svarar answer* reply respond* melde meld melder sign attend* pamelde"},
	{aCancel, "avlys* cancel* gjenapn* gjenopn* reopen* utsett* postpone*"},
	{aSubscribe, "abonner* subscribe* importer* import sync synk* synce"},
	{aSet, "sett sette setter lagre lagrer save velg velge velger tell tells fortel* si sier seie seier oppgi oppgir oppgje angi angir specify"},
	{aWithdraw, "trekk trekke trekker trekkje trekkjer withdraw* angre angrer angrar undo"},
	{aUse, "bruk bruke bruker brukar use usage using syntaks* syntax"},

	{wHow, "hvordan korleis koss kossen korsen assen hossen hvorda hvordn hordan hvoran hvorden how hw"},
	{wWhere, "hvor kvar kor where"},
	{wModal, "kan can could ma must bor skal ska should"},
	{wRule, "programmet programme program underveis oppstart etter after fortsatt framleis still lov allowed tillatt " +
		"soknad* soke soker sok apply application krav requirement* pris koster kostar cost betale pay hvorfor kvifor why " +
		"kommunegruppa kommunegruppe kommunegruppen"},
	{wFiller, "jeg eg je e ae i vi me man en ein ei et eit a an du dere dykk dokker we you one us oss meg " +
		"kan skal ma bor gjor gjer do does did can could should shall must will would may might vil " +
		"to for egentlig eigentleg eigentlig da sa na no best beste enklest easiest lettest go about get " +
		"far fa faar just bare berre the then now please gjerne"},
}

var (
	lexExact  = map[string]feat{}
	lexPrefix = map[string]feat{}
	// lexPrefixLens are the lengths of the prefixes, shortest first.
	lexPrefixLens []int
)

func init() {
	lens := map[int]bool{}
	for _, e := range lexicon {
		for _, w := range strings.Fields(e.words) {
			if p, ok := strings.CutSuffix(w, "*"); ok {
				lexPrefix[p] |= e.bits
				lens[len(p)] = true
			} else {
				lexExact[w] |= e.bits
			}
		}
	}
	for l := 1; l <= 32; l++ {
		if lens[l] {
			lexPrefixLens = append(lexPrefixLens, l)
		}
	}
}

// wordFeats are the bits of one word.
func wordFeats(w string) feat {
	f := lexExact[w]
	for _, l := range lexPrefixLens {
		if l > len(w) {
			break
		}
		f |= lexPrefix[w[:l]]
	}
	// "fellessamling", "vårsamlinga", "oppstartssamlingen": a gathering
	// at the end of a compound.
	if len(w) > 7 && strings.Contains(w, "samling") {
		f |= fGath
	}
	return f
}

// liveFeats are the bits of every word of n (liveNorm text).
func liveFeats(n string) feat {
	var f feat
	for i := 1; i < len(n); {
		j := strings.IndexByte(n[i:], ' ')
		if j < 0 {
			break
		}
		if j > 0 {
			f |= wordFeats(n[i : i+j])
		}
		i += j + 1
	}
	return f
}

// liveGateOff turns the lexicon's speed-ups off (every pattern runs on
// every question), for the test that checks they change no answer.
var liveGateOff bool
