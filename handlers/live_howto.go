package handlers

import (
	"strings"

	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// "How do I …" questions about the bot's own commands and behaviour.
//
// A question is a how-to when it names one of the bot's workflows (a verb
// phrase: "svare på en samling", "logge veiledning", "melde på kommunene")
// in a how-frame:
//
//   - a how-word, then only filler words, then the phrase: "hvordan kan
//     jeg melde på kommunene", "how do I log mentoring", "åssen svarer vi
//     på samlinga" — so "hvordan bestemmer fylket om vi skal melde
//     interesse" (the how-word belongs to "bestemmer") and "hvor mange
//     kommuner trengs for å lage en region" are not;
//   - the phrase with "hvordan?" at the end: "vi må endre til nei, hvordan?";
//   - "kan jeg / can I" with fillers, then the phrase, and nothing after it
//     but a place in the bot ("i boten", "her") or a clause about the
//     asker's own entry ("eg har logga feil"): "kan je logge veiledning i
//     boten". A rule qualifier after the phrase ("kan vi lage region
//     sammen med kommuner i nabofylket", "kan vi fortsatt melde
//     interesse") makes it a question about the programme's rules, the
//     FAQ's.
//
// Some phrases are about the bot alone and need no frame: the weekly
// digest, what happens to questions the bot cannot answer, which language
// it answers in, where an answer comes from, a command typed wrong,
// "vi svarte ja, men …".
//
// A key "faq:<id>" is answered with that corpus entry (faq/corpus/14_boten,
// 15_bruk: one text for the bot's behaviour, the FAQ's); the recogniser
// only catches the wordings the engine is unsure of. The others are
// answered with the live texts in live.go (the commands, with the
// configured interest deadline).
//
// The phrases are matched on liveNorm text (lower case, æøå folded to
// ae/o/a, punctuation as spaces), so "må"/"ma" and "får"/"far" are one.

type howIntent struct {
	key string
	re  *relit.Regexp
	// tail: the phrase must end the question (but for a place in the bot
	// or a clause about the asker's own entry), whatever the frame.
	tail bool
	// need, when set, are strings one of which every match of re holds,
	// rarer than the literals relit picks for it (a gathering or a
	// municipality word is in every other question): the cheap check
	// that keeps re off most questions. Only a speed-up: TestHowNeed
	// checks that every wording of the tests holds one.
	need []string
	// pre, when set, is a cheaper test every match of re passes, run
	// first (like need, only a speed-up).
	pre func(n string) bool
}

// freeTopics[i] and howTopics[i] are intentTopics of freeIntents[i] and
// howIntents[i]: every match of the intent's pattern is in a question
// with one of these lexicon bits (live_lex.go). Only a speed-up, checked
// by TestLiveTopics.
var freeTopics, howTopics []feat

// intentTopics are the lexicon bits one of which every question an
// intent's patterns match holds (the union over the intent's patterns).
var intentTopics = map[string]feat{
	"live.how.deltakere":          fAns | fAtt,
	"live.how.rsvp":               fAns | fGath | aChange | fMany,
	"live.how.interesse":          fInt | fMun | fAns,
	"live.how.veiledning":         fMent,
	"live.how.eksport":            fExp,
	"live.how.kommune":            fMun,
	"faq:samling-admin":           fGath | fDead | fMun,
	"live.how.region":             fReg,
	"live.how.sporsmal":           fQst | fAns,
	"live.how.data":               fData,
	"live.how.rsvpslett":          fAns | fMun,
	"live.how.avlys":              fGath,
	"live.how.id":                 fGath,
	"faq:kalender":                fCal,
	"live.how.faq":                fBot,
	"faq:kommunenavn":             fName | fBot,
	"faq:ukesoppsummering":        fDig,
	"faq:ubesvarte-sporsmal":      fBot,
	"faq:arbeidsgruppens-verktoy": fDash,
	"live.how.form":               fCmd,
	"live.how.tz":                 fTime,
	"live.how.dato":               fCmd | fBot | fName,
	"faq:plattformer":             fPlat,
	"faq:sprak":                   fLang,
	"faq:kilde":                   fSrc | fAns,
	"faq:kommandobruk":            fCmd | fName,
	"faq:egen-kommune":            fMun,
}

// mayMatch: the question (n, with lexicon bits f) holds one of h's
// topics and one of h.need (or h has none).
func (h *howIntent) mayMatch(n string, f, topics feat) bool {
	if f&topics == 0 {
		return false
	}
	if h.pre != nil && !h.pre(n) {
		return false
	}
	if len(h.need) == 0 {
		return true
	}
	for _, s := range h.need {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// howWords open a how-question, with the dialect and typo forms people
// type in chat.
var howWords = wordSet("hvordan korleis koss kossen korsen assen hossen hvorda hvordn hordan hvoran hvorden how hw hvor kvar kor where " +
	// asking for a command's form: "syntaks for å registrere interesse"
	"syntaks syntax kommando kommandoen command cmd format formatet oppskrift")

// howFillers may stand between the how-word (or "kan jeg") and the
// workflow's verb: pronouns, modal verbs, particles, articles.
var howFillers = wordSet("jeg eg je e ae i vi me man en ein ei et eit a an du dere dykk dokker we you one us oss meg me " +
	"kan skal ma bor gjor gjer do does did can could should shall must will would may might vil " +
	"to for egentlig eigentleg eigentlig da sa na no nå best beste enklest easiest lettest go about get ut out opp up " +
	"far fa faar henter hente hentar finne finn finner find se ser sja sjaa see the then now just bare berre " +
	// the subject: "how do municipalities respond", "korleis loggar rettleiaren"
	"kommunene kommunane kommunen kommuner kommunar municipalities municipality people folk de dei they " +
	"veilederen veileder rettleiaren rettleiar mentor mentoren mentors the mentor " +
	// "how does the county board register interest", "where can admins
	// see …": the county branch, its board, the working group.
	"fylkesstyret fylkesstyre styret fylket fylkesavdelingen fylkesavdelinga fylkesavdeling fylkeslaget county board branch its their our " +
	"admin admins adminer adminene adminane arbeidsgruppen arbeidsgruppa working group")

// howTailWords may follow the phrase in a "kan jeg …" question: a place
// in the bot, now, too.
var howTailWords = wordSet("i boten bot kulturbot in via med with the gjennom through her here pa on slack discord chatten chat " +
	"na no now ogsa og too also direkte directly sjol selv sjolv self myself ourselves the app appen telefonen phone mobil mobilen " +
	"etterpa etterpaa afterwards later seinare senere " +
	// "as admin", "som admin"
	"as an som admin an administrator " +
	// the asker's own: "trekke interessemeldingen vår"
	"var vart vare mi min mitt mine our my")

// relTailRE: a clause about the asker's own entry after the phrase ("eg
// har logga feil", "som er ført for Bodø", "I logged").
var relTailRE = relit.MustCompile(`^ (som )?(eg|jeg|je|vi|me|i|we|du|you)?( har| have| hadde| had)?( \S+)? ?(logga|logget|loggfort|fort|registrert|lagt inn|skrevet|skrive|skreiv|logged|entered|made|sendt|sent)( \S+){0,3} $|^ (som )?(er|vart|blei|ble|was|were|have been|has been) (fort|logget|logga|registrert|logged|entered)( \S+){0,3} $` +
	// whom it is for: "… out as a file for the working group" (blind180)
	`|^ (for|til) (the |our |var |vart )?(working group|arbeidsgruppa|arbeidsgruppen|arbeidsgruppe|styret|board|fylkesstyret|county board) $` +
	// a change of plans: "kan jeg trekke den hvis vi ombestemmer oss"
	`|^ (vi|we|me|jeg|eg|i) (har |have |ve )?(ombestemt oss|ombestemt meg|changed our minds?|changed my mind|angrer|angrar|angra|snudd)( \S+){0,2} $` +
	// "etter at vi har sendt den", "after sending it"
	`|^ (etter|after)( at)?( (vi|we|me|jeg|eg|i))?( har| have| ve)? (sendt|sent|sending|levert|submitted|submitting|registrert|registered)( \S+){0,2} $` +
	// "… as admin, which fields are needed": the command's form
	`|^( \S+){0,3} (which|what|hvilke|hvilken|kva|kva for) (fields?|felt|felter|feltene|felta|info|information|opplysninger|opplysningar|parameters|parametere|parametrar|arguments) (\S+ ){0,4}(needed|required|do i need|ma med|trengs|trenger jeg|treng eg|ma eg ha|ma jeg ha)( \S+){0,2} $` +
	`|^( \S+)? (hvis|dersom|om|viss|if) (vi|jeg|eg|me|we|i) (ombestemmer|ombestemmer oss|ombestemmer meg|angrer|angrar|snur|change (our|my) minds?|changes (our|my) minds?|can t come|cannot come|ikke kan komme|ikkje kan kome)( \S+){0,2} $`)

var (
	// howEndRE: "…, hvordan?" / "…, how do I do that?" at the end.
	howEndRE = relit.MustCompile(` (hvordan|korleis|koss|assen|how)( gjor| gjer| do| kan| can)?( jeg| eg| vi| me| i| we| man)?( det| that| it| this)?( da| then)?( her| here| i boten| in the bot)? $`)
	// cmdAskRE: the command or its syntax asked for, after the task:
	// "need to create the first gathering for the Nordmøre region,
	// what's the syntax" (blind118), "… - what's the command for that".
	cmdAskRE = relit.MustCompile(` (what s|what is|whats|hva er|kva er|hvilken|kva for) (the |a |en |ein |ei )?(syntax|syntaks|syntaksen|command|kommando|kommandoen|cmd)( for (that|this|it|det|dette))?( |$)` +
		// "which command shows who has signed up for a gathering?"
		// (blind180), "need a csv of all the rsvps …, which command do I
		// use" (blind204)
		`| (which|what|hvilken|hvilke|kva for ein|kva) (command|commands|kommando|kommandoer|kommandoar) (shows|lists|gives|gets|viser|lister|listar|gir|gjev|(do|should|shall|skal|må|ma|bruker|brukar) (i|we|jeg|eg|vi|me)( use| bruke| bruka)?)( |$)` +
		// "What do I actually type?", "kva skriv eg?" (blind123)
		`| (what|hva|kva|ka) (do|should|shall|must) (i|we) (actually |just |then )?(type|write|enter)( |$)| (hva|kva|ka) (skriver|skriv|skal|må|ma) (jeg|eg|je|vi|me) (egentlig |eigentleg |da |då )?(skrive|skriva)?( |$)` +
		// "need a csv of everyone who has rsvp'd … can the bot give me
		// that" (blind144)
		`| (can|could|kan) (you|the bot|boten|du) (give|send|get|make|gi|sende|lage|hente) (me|us|meg|oss) (that|this|it|one|det|dette|den)( |$)` +
		// "… the interest registration they sent last week, how do they
		// withdraw it?" (blind150): the task done to what was named
		`| (how|hvordan|korleis) (do|does|can|should|kan|skal|må|ma|gjer|gjør|gjor) (i|we|they|you|jeg|eg|vi|me|dei|de) (\S+ )?(it|that|this|det|dette|den)( |$)`)
	// kanFrameRE: "kan jeg / can I / må vi": a yes/no question about
	// doing something; "vi må …" only at the start ("hvem bør diskutere
	// om vi skal melde interesse" is not one).
	// "is there a way to get the rsvp data out into excel", "går det an å
	// få samlingsdatoane inn i outlook": asking whether one can (blind49,
	// blind50).
	kanFrameRE = relit.MustCompile(` (kan|can|could|ma|must|bor|skal|should) (jeg|eg|je|e|vi|me|i|we|man|ein|en|du|you|dere) |^ (jeg|eg|vi|me|i|we) (kan|can|ma|must|skal) ` +
		`| (is there a way to|is there any way to|is it possible to|gar det an a|gar det ann a|finnes det en mate a|fins det ein mate a|finst det ein mate a|er det mulig a|er det mogleg a) `)
	// whoFrameRE: "hvem kan lage nye regioner", "who can see the
	// answers": the answer names who may, and how.
	whoFrameRE = relit.MustCompile(` (hvem|kven|who) (kan|can|far|may|is allowed to|har lov til a|har lov a|skal|should) `)
	// askBotRE: "kan du sende meg deltakerlista?", "can you show me my
	// data": a request to the bot for what one of its tools gives.
	askBotRE = relit.MustCompile(` (kan|can|could|vil|will|would) (du|you|boten|the bot) (sende|send|vise|show|gi|give|finne|find|hente|get|lage|make|eksportere|export|liste|list) (meg|oss|me|us) `)
	// botRefRE: "via boten", "in the bot": the question is about doing
	// it in the bot.
	botRefRE = relit.MustCompile(` (i|via|med|gjennom|in|with|through|thru|using) (boten|kulturbot|the bot|this bot|slack|discord|chatten) `)
	// whenFirstRE: a question that opens with "når"/"when".
	whenFirstRE = relit.MustCompile(`^ (nar|when|innen nar|innan nar|by when|kor tid|kva tid|til nar|until when) `)
	// notHowRE: amount and duration questions are the FAQ's.
	notHowRE = relit.MustCompile(` (hvor|kor|how) (mange|mykje|mye|many|much|lenge|long|ofte|often|lang|stor|big) `)
)

// whereSayRE is rxWhereSay on the last words of a question alone.
var whereSayRE = relit.MustCompile(`^` + rxWhereSay)

// whereSayWords are the words rxWhereSay may have after its how-word.
var whereSayWords = wordSet("do can should shall kan skal ma bor jeg eg je vi me i we man sier seier si melder melde gir gi tell say " +
	"report put legger legge skriver skrive skriv registrerer registrere enter add gjor gjer ifra fra beskjed det de that it inn in this so you deg dykk")

// endsWhereSay: the question may end with rxWhereSay — a how-word
// followed by at most seven of its words — checked word by word from the
// end before the pattern runs (run on the whole question, the pattern
// tried every how-word in it, for most questions in vain).
func endsWhereSay(n string) bool {
	end := len(n) - 1 // n ends with a space
	for words := 0; words <= 8; words++ {
		start := strings.LastIndexByte(n[:end], ' ')
		if start < 0 {
			return false
		}
		w := n[start+1 : end]
		switch {
		case words > 0 && (w == "hvor" || w == "kvar" || w == "where" || w == "hvordan" || w == "korleis" || w == "koss" || w == "kossen" || w == "how"):
			return whereSayRE.MatchString(n[start:])
		case !whereSayWords[w]:
			return false
		}
		end = start
	}
	return false
}

// newOrBotRE: the phrase makes a new thing or names the bot.
var newOrBotRE = relit.MustCompile(` (ny|nye|new|i boten|in the bot) `)

// Word lists shared by the phrases.
const (
	rxPron      = `(vi |jeg |eg |je |me |we |i |du |you |man )?`
	rxGathering = `(samling|samlingen|samlinga|samlinger|samlingene|samlingar|samlingane|treff|treffet|treffa|treffene|fellessamling\w*|gathering|gatherings|meeting|meetup|invitasjonen|invitasjon|invitation|gathering invite|invite)`
	rxMentoring = `(veiledning\w*|rettleiing\w*|mentoring|mentorsamtale\w*|mentormote\w*|session|sessions|okt|okta|okter|oktene|guidance|guidance (meeting|session|visit)s?|mentor (meeting|session)s?|coaching( session)?)( (entry|entries|log|logs|okt|okta|okter|oppforing\w*|notat|note|notes))?`
	// rxWhereSay: "…, hvor sier jeg ifra?", "where do I say that?" at the
	// end of the question.
	rxWhereSay = ` (hvor|kvar|where|hvordan|korleis|koss|kossen|how)( (do|can|should|shall|kan|skal|ma|bor))?( (jeg|eg|je|vi|me|i|we|man))? (sier|seier|si|melder|melde|gir|gi|tell|say|report|put|legger|legge|skriver|skrive|skriv|registrerer|registrere|enter|do|add|gjor|gjer)( (jeg|eg|je|vi|me|i|we|man))?( (ifra|fra|beskjed|det|de|that|it|inn|in|this|so|you|deg|dykk))* $`
	// rxMunObj: a municipality as the object ("melde kommunen på …").
	rxMunObj = `(kommunen |kommunen min |kommunen mi |kommunen var |kommunen vaar |kommunen vor |min kommune |var kommune |our municipality |my municipality |the municipality |our kommune |the kommune |our muni |kommunene |kommunane |our municipalities |the municipalities )`
	// rxCounty: the county branch as the subject ("hvordan registrerer
	// fylkesstyret interesse").
	rxCounty = `(fylkesstyret |fylkesstyre |styret i fylket |styret i fylkesavdelingen |styret i fylkesavdelinga |styret |fylket |fylkesavdelingen |fylkesavdelinga |fylkeslaget |the county |the board |the county board |county board |the county branch |county branch )?`
)

// gatheringMoveRE is a gathering's date or place changed: the working
// group's /samling endre, not an answer changed.
var gatheringMoveRE = relit.MustCompile(` (endre|endrer|endra|endrar|change|changing|edit|oppdatere|oppdaterer|update|flytte|flytter|flytta|flyttar|move|justere|justerer|adjust) (\S+ ){0,2}?(dato|datoen|datoane|datoene|tidspunkt|tidspunktet|sted|stedet|stad|staden|lokale|lokalet|date|dates|venue|location)( \S+){0,3}? ` + rxGathering +
	`|` + rxGathering + `( \S+){0,12}? (endre|endrer|endra|endrar|change|edit|oppdatere|oppdaterer|update|flytte|flytter|flytta|flyttar|move|justere|adjust) (\S+ ){0,2}?(dato|datoen|tidspunkt|tidspunktet|sted|stedet|stad|staden|date|venue|location)( |$)`)

// gatheringTask is key, but for an RSVP read in a question about the
// gathering itself: "hvordan endrer jeg datoen for samlingen?" changes
// the gathering's date, not the asker's answer (split 114); "how do I
// publish a new samling in the bot and set a deadline for people to
// rsvp?" makes one, the RSVP its detail (split 128).
func gatheringTask(key, n string) string {
	if key != "live.how.rsvp" {
		return key
	}
	switch {
	case gatheringMoveRE.MatchString(n):
		return "live.how.avlys"
	case gatheringMakeRE.MatchString(n):
		return "faq:samling-admin"
	}
	return key
}

// gatheringMakeRE is a gathering created or published by the asker.
var gatheringMakeRE = relit.MustCompile(` (publish|publiserer|publisere|publisera|legge ut|legg ut|legger ut|leggje ut|create|oppretter|opprette|opprettar|set up|sette opp|setter opp) ` + rxPron + `(en |ei |et |a |an |the |our |var )*(ny |nye |new |next |neste |first |første |fyrste )?` + rxGathering + ` `)

var howIntents = []howIntent{
	// Who answered a gathering: /samling deltakere.
	{"live.how.deltakere", relit.MustCompile(` (se|ser|sja|sjaa|finne|finn|fa oversikt over|sjekke|sjekker|sjekka|see|find|check|view|get|vite|veit|vet|know|fa vite|fa greie pa|show|shows|list|lists|vise|viser|vis)( jeg| eg| je| vi| me| i| we| du| you| man)?( ut| out)?( en| ei| an| the)?( oversikt over| liste over| list of| overview of)? (hvem|kven|who|hvilke kommuner|kva kommunar|which municipalities)( som)? (har |has |have |is |are |s |er |blir |vil )?(svart|svara|meldt seg|meldt|kommer|kjem|coming|rsvp|rsvpd|rsvp d|answered|replied|signed up|attending|pameldt|pamelde|responded)|` +
		` (deltakerlist\w*|deltakarlist\w*|deltakeroversikt\w*|attendee list|attendees|attendance list|list of attendees|deltakere pa|deltakarar pa|pameldingsliste\w*|samling deltakere)`), false, nil, nil},
	// A gathering's date or place changed (the working group's /samling
	// endre), before changing one's answer: "hvordan endrer jeg datoen
	// for samlingen i Bodø?", "need to move the samling in Lillehammer
	// from the 12th to the 19th, how do i change the date?" (split 114)
	// were read as an RSVP's change or a gathering's date asked.
	{"live.how.avlys", gatheringMoveRE, false, []string{"dato", "tidspunkt", "sted", "stad", "lokale", "date", "venue", "location"}, nil},
	// "need to move the samling in Lillehammer from the 12th to the 19th,
	// how do i change the date?": the date changed ends the question, the
	// gathering named before it (split 114).
	{"live.how.avlys", relit.MustCompile(` (endre|endrer|endra|endrar|change|edit|oppdatere|oppdaterer|update|flytte|flytter|flytta|flyttar|move) (\S+ )?(dato|datoen|tidspunktet|stedet|staden|date|venue|location)`), true, []string{"dato", "tidspunkt", "sted", "stad", "date", "venue", "location"}, nil},
	// Answering a gathering, changing the answer, headcount, beds.
	{"live.how.rsvp", relit.MustCompile(` rsvp| (endrer|endre|endra|endrar|change|update|oppdatere|oppdaterer|rette|retter|korrigere) ` + rxPron + `(svaret|svar|svara|our answer|the answer|my answer|our reply|answer|reply|pameldingen|pamelding|antallet|antall|talet|registration|our registration|registreringen|registreringa|rsvp)( \S+){0,3}? (pa|til|to|for|on) ` + `(en |ei |et |neste |the |a |our |var |vart )?` + rxGathering +
		`| (endrer|endre|endra|endrar|change|update|snu|switch)( \S+){0,2} (til|to|from|fra) (ja|nei|kanskje|yes|no|maybe)` +
		`| (svarer|svare|svara|svarar|answer|reply|respond) ` + rxPron + `(pa |til |to |on )?(en |ei |et |neste |the |a |invitasjonen til |invitasjon til )?` + rxGathering +
		`| (melder|melde|meld|sign|signe|registrerer|registrere|register) ` + rxPron + `(oss |meg |us |up |ourselves )?(pa |til |for |up for |on )?((en|ei|et|neste|the|a|next|our|var|vart) )*` + rxGathering +
		`| (sier|si|seier|seie|gi|gir|gje|gjev|tell|let) ` + rxPron + `(fra|ifra|ifra|beskjed|know|you know|the bot)( \S+){0,5}? ` + rxGathering +
		`| (melde|melder|si|sier|seie|seier|gi beskjed|gir beskjed|oppgi|oppgir|tell|say|indicate|report|registrere|register)( \S+){0,8}? (overnatting\w*|hotellrom|hotell|overnight|accommodation|hotel|hotel room|senger|seng|beds?|antall personer|hvor mange vi er|kor mange vi er|how many (of us|we are|people))` +
		`| (attend|attending) (a |the |next |our )?(gathering|meeting)`), false, nil, nil},
	// "hvordan melder jeg kommunen på samlinga", "how do I sign our
	// municipality up for the gathering": an answer to a gathering, not
	// the interest registration (the municipality as the object).
	{"live.how.rsvp", relit.MustCompile(` (melder|melde|meld|sign|signe|registrerer|registrere|register|pamelde|pameld) ` + rxPron + `(pa )?` + rxMunObj + `(up )?(pa |til |for |up for |on |to )((en|ei|et|neste|the|a|next|our|var|vart) )*` + rxGathering), false, []string{"kommun", "muni"}, nil},
	// "hvordan sier jeg at vi kommer", "hvor legger jeg inn antall pers":
	// entries of their own, so each runs only on text with its own words
	// (in one alternation, " si" and " put" would let most questions in).
	{"live.how.rsvp", relit.MustCompile(` (sier|si|seier|seie|tell|say|gi beskjed om|melde fra om|melde ifra om|melder|melde|meld|svarer|svare|svarar|svara|answer|reply|respond) (jeg |eg |vi |me |i |we )?(fra |ifra |beskjed |til boten |the bot |you |pa om |på om |om |on whether |whether |if )?(at |that )?(vi|we|me|jeg|eg|i) (kommer|kjem|ikke kommer|ikkje kjem|are coming|re coming|come|can t come|cannot come|will come|deltar|attend)`), false, nil, nil},
	{"live.how.rsvp", relit.MustCompile(` (legger|legge|legg|leggje|skriver|skrive|skriv|fyller|fylle|oppgir|oppgi|put|enter|add) (jeg |eg |je |vi |me |i |we )?(inn |in )?(antall|antallet|talet|tal|headcount|number of people)( pers\w*| folk| deltak\w*| stk)?`), false, nil, nil},
	// "the syntax for answering yes to a gathering", "korleis svarar eg
	// nei til samlinga": the answer named, then the gathering.
	{"live.how.rsvp", relit.MustCompile(` (answer|answering|reply|replying|respond|responding|svare|svarer|svarar|svara|si|sier|seie|seier|say|saying) (ja|yes|nei|no) (til |to |pa |for |on )?((en|ei|et|neste|the|a|next|our|var|vart|this|that|denne|den) )*` + rxGathering), false, []string{" ja ", " yes ", " nei ", " no "}, nil},
	// "hvordan melder vi at vi blir tre stykker": the headcount, said.
	{"live.how.rsvp", relit.MustCompile(` (sier|si|seier|seie|melder|melde|meld|gi beskjed om|gir beskjed om|tell|say|let you know|report) (jeg |eg |vi |me |i |we )?(fra |ifra |beskjed |you )?(at |that )?(vi|we|me) (blir|er|kommer|kjem|are|will be|ll be) (\d+|to|tre|fire|fem|seks|sju|syv|atte|ni|ti|two|three|four|five|six|seven|eight|nine|ten)( stykker| stk| personer| personar| folk| people| of us)?( |$)`), false, []string{" vi blir ", " me blir ", " vi er ", " me er ", " we are ", " we ll ", " we will ", " vi kommer ", " me kjem ", " vi kjem "}, nil},
	// "how do I pull out the list of who's coming … as csv": a list
	// pulled out is an export, before "pull out" reads as withdrawing
	// (blind106).
	// "can I get the interest registrations out as a file" (blind180)
	{"live.how.eksport", relit.MustCompile(` (get|take|ta|fa|hente|pull) (\S+ ){1,4}?(out|ut) (as|som|in|i) (a |an |en |ei |et )?(file|fil|csv|csv file|csv-fil|excel|spreadsheet|regneark|rekneark)( |$)`), false, []string{" out ", " ut "}, nil},
	{"live.how.eksport", relit.MustCompile(` (pull|pulls|pulling|get|take|ta|fa|hente) (out|ut) (the |a |an |our |en |ei |et )?(list|lista|listen|data|names|csv|excel|spreadsheet|attendee\w*|rsvp\w*|answers|responses|numbers|deltakerlist\w*)( |$)`), false, []string{" out ", " ut "}, nil},
	// Registering interest.
	{"live.how.interesse", relit.MustCompile(` (melder|melde|meld|registrerer|registrere|registrera|registrerar|sign up|signe|register) ` + rxPron + rxCounty + `(pa )?(\d+ |en |ei |to |tre |fire |fem |seks |flere |fleire |noen |nokre |nokon |alle |var |vare |vaare |our |the |some |several |its |their |sine |\d+ )?(kommunen|kommunene|kommunane|kommuner|kommunar|kommune|fylket|municipalit\w*|county)( pa)?` +
		`| (melder|melde|meld|registrerer|registrere|registrera|registrerar|sende|sender|send|gi|gir) ` + rxPron + rxCounty + `(inn )?(en |ei |var |vart )?(interesse|interessa|interessen|interessemelding\w*)| interessemelding\w*| register (our |the )?(interest|municipalit)| sign up (our |the )?(municipalit|county)` +
		`| (endrer|endre|endra|endrar|change|update|edit|trekker|trekke|trekkje|trekk|angre|angrar|angrer|undo|fjerne|fjerner|fjernar|slette|sletter|slettar|remove|delete|pull|pulls|pulling|cancel|retract) ` + rxPron + `(pa |en |ei |var |vart |tilbake |our |the |my |a |their |its |deres |sin |sitt )*(interessemelding\w*|pamelding\w*|registrering\w*|registration|interest registration)| withdraw (our |a |the )?(registration|interest)` +
		// "we need to take back our registration", "retract our interest"
		`| (take back|taking back|retract|retracting|revoke|cancel|cancelling|canceling) (our |a |the |my |that )?(registration|interest registration|interest)` +
		// "korleis tek eg den registreringa tilbake", "how do I pull that
		// registration back": the object between the verb and "back"
		`| (tar|ta|tek|take|taking|pull|get|trekke|trekkje|trekker|trekk) ` + rxPron + `(den |denne |var |vart |vaar |the |that |our |this |it )?(interessemelding\w*|pamelding\w*|registrering\w*|registration|interest registration) (tilbake|back|bort att|bort igjen|vekk)( |$)` +
		`| (pull|back|drop) out( of (it|this|the programme|the program))?( |$)` +
		// "how do i pull back an interest registration" (blind143)
		`| (pull|take|get|trekke|trekkje|ta) (back|tilbake|attende) (an |a |our |the |my |that |this |en |ei |var |vaar )?(interessemelding\w*|pamelding\w*|registrering\w*|registration|interest registration)( |$)`), false, nil, nil},
	// "we put the wrong kom. on our interest registration, how do i pull
	// it back?", "korleis får eg trekt den attende?" (blind127, blind130):
	// the registration named before, then taken back
	{"live.how.interesse", relit.MustCompile(` (pull|take|get|trekke|trekkje|trekker|trekkjer|trekt|trukket|ta|tek|tar|fa|far|faa|faar)( eg| jeg| vi| me| i| we)? (it|that|them|den|det|dei|dem) (back|tilbake|attende|bort att|bort igjen)( |$)`), false, []string{"interess", "regist", "meld"}, nil},
	// "how do I tell it we can't make a gathering after all": a no to it.
	{"live.how.rsvp", relit.MustCompile(` (tell|inform|notify|let)( it| the bot| you| kulturbot| them| everyone)?( know)?( that)? (we|i|our \S+) (can t|cannot|cant|won t|will not|aren t|are not|re not|don t|do not) (make|come|attend|be coming|be able to come|join|go)( \S+){0,2}? (gathering|samling\w*|meeting)`), false, nil, nil},
	// "we need to pull back an interest registration we sent by mistake".
	{"live.how.interesse", relit.MustCompile(` (pull|pulling|take|taking|get) back (an |the |our |a |that |this |my )?(interest registration|registration of interest|expression of interest|registration|interest)( |$)`), false, []string{"back"}, nil},
	// "put in the interest for Steinkjer … through the bot" (blind123)
	{"live.how.interesse", relit.MustCompile(` (put|puts|putting|send|sende|sender|legge|legg|legger) (in|inn) (the |our |an |en |ei |var |vaar )?(interest|interessa|interessen|interessemelding\w*)( |$)`), false, nil, nil},
	// "put Molde, Aukra and Hustadvika forward through the bot"
	// (blind118): the municipalities named for the programme.
	{"live.how.interesse", relit.MustCompile(` (put|puts|putting) (\S+ ){1,6}?forward( |$)`), false, []string{" forward"}, nil},
	// "legge til en kommune i interessemeldingen": /interesse endre.
	{"live.how.interesse", relit.MustCompile(` ((legge|legg|legger|leggje|ta|tar) (jeg |eg |je |vi |me |man )?(til|inn|ut)|add|fjerne|fjerner|fjernar|remove|bytte|bytter|swap)( \S+){0,3}? (i|to|fra|from|in|pa|on) (var |vart |our |the |en |ei |a )?(interessemelding\w*|registreringen|registreringa|registration|interest registration)`), false, []string{"interessemelding", "registr"}, nil},
	// Seeing the registrations, naming a contact: entries of their own
	// (their own literal filters).
	{"live.how.interesse", relit.MustCompile(` (se|ser|sja|see|view|list|liste|finne|find|vise|show)( \S+){0,2}? (interessemelding\w*|interest registrations?|registrations of interest|our registrations?)` +
		// "hvor ser jeg hvilke kommuner vi har meldt inn"
		`| (se|ser|sja|see|view|finne|finn|find|vise|show|sjekke|sjekka|check)( \S+){0,2}? (hvilke|kva|kva for|which|what) (kommuner|kommunar|municipalities|fylker|fylke|counties) (vi|we|me|dere|you|fylket|fylkesavdelingen|fylkesavdelinga|styret|the county|our county|the board) (allerede |alt |already )?(har |have |has |hadde |had )?(allerede |alt |already |so far )?(meldt inn|meldt pa|meldt|registrert|registered|signed up|sendt inn|sent in|put in|fort opp|listed)` +
		// "Hvordan ser jeg hva fylket vårt allerede har meldt inn?" (blind151)
		`| (se|ser|sja|see|view|finne|finn|find|sjekke|sjekka|check) (jeg |eg |vi |me |i |we )?(hva|kva|what) (fylket|fylket vart|fylket vaart|fylkesavdelingen|fylkesavdelinga|vi|me|we|our county|the county) (allerede |alt |already )?(har |have |has )?(meldt inn|registrert|registered|sendt inn|sent in)( |$)`), false, nil, nil},
	// "i registered interesse last week, how can i see what we sent?":
	// what we sent, in a question about the registration.
	{"live.how.interesse", relit.MustCompile(` (se|ser|sja|see|view|check|sjekke|sjekka|finne|find)( \S+){0,2}? (what|hva|kva) (we|i|vi|jeg|eg|me) (sent|sendte|sendt|registered|registrerte|registrert|meldte|meldt|submitted)( |$)`), false, []string{"interess", "regist"}, nil},
	{"live.how.interesse", relit.MustCompile(` (oppgi|oppgir|legge inn|legg inn|skrive|skriv|add|include|gi|give|sette|set)( \S+){0,4}? (kontakt\w*|contact\w*)( \S+){0,5}? (melder|melde|registrerer|register|registering)`), false, nil, nil},
	// Logging, listing, fixing and exporting mentoring.
	{"live.how.veiledning", relit.MustCompile(` (logger|loggar|logge|logga|logg|loggfore|loggforer|log)( \S+){0,3}? ` + rxMentoring +
		`| (registrerer|registrerar|registrere|registrera|forer|fore|legge inn|legg inn|legger inn|log|record|enter|register|registering|logging|recording|add|note down|save|lagre|lagrer)( inn)? ` + rxPron + `(en |ei |et |a |an |the |var |vart |our )?(ny |new )?` + rxMentoring +
		`| (endre|endrer|endra|endrar|rette|retter|retta|rettar|slette|sletter|sletta|slettar|fjerne|fjerner|fjerna|fjernar|edit|delete|remove|fix|correct|change|update|angre)( \S+){0,4}? ` + rxMentoring +
		`| (opp|ut|out|up|fram|over|of|export|eksportere|eksporterer|eksportera|list|liste|se|ser|sja|see|view|find|finne|finn|vise|viser|show)( \S+){0,3}? (veiledningene|veiledninger|veiledningslogg\w*|veiledningsmotene|rettleiingane|rettleiingar|rettleiingslogg\w*|loggen|logg|log|mentoring log|sessions|mentoring sessions|okter|oktene)`), false, nil, nil},
	// "need all the rsvp answers in a spreadsheet …, how do I get them
	// out of the bot?" (blind127): what to export named before
	{"live.how.eksport", relit.MustCompile(` (get|fa|faa|hente|henter|ta|tar) (them|dem|dei|it|den|det|those|these) (out|ut)( |$)`), false, []string{"spreadsheet", "regneark", "rekneark", "excel", "csv"}, nil},
	// "can i get the rsvp list out to excel?" (split 150)
	{"live.how.eksport", relit.MustCompile(` (get|fa|faa|hente|henter|ta|tar|fa ut|export|eksportere)( \S+){0,3}? (out|ut)( (to|til|i|in|into|as|som))? (an |a |et |eit )?(excel|spreadsheet|regneark|rekneark|csv)( |$)`), false, []string{"spreadsheet", "regneark", "rekneark", "excel", "csv"}, nil},
	// Exports: /kulturbot eksport (admins), CSV.
	{"live.how.eksport", relit.MustCompile(
		// "få ut rsvp-ene som csv" first: the longest reading wins.
		` (fa ut|ta ut|hente ut|get|export|eksportere)( \S+){0,5}? (som|i|inn i|as|in|into|to) (csv|excel|regneark|rekneark|spreadsheet)|` +
			` (eksportere|eksporterer|eksportera|eksporter|eksport|export|exporting|laste ned|last ned|lastar ned|download|hente ut|henter ut|hentar ut|fa ut|ta ut|get out|pull)( \S+){0,3}? (svarene|svara|svar|rsvp\w*|data|dataene|interessemelding\w*|registrering\w*|paameldinger|pameldinger|pameldingane|answers|responses|registrations|csv|excel|regneark|spreadsheet|lista|listen|list|oversikt\w*|tallene|tala|numbers)( |$)| (csv|excel|regneark|spreadsheet)( fil| file| fila| filen)?( |$)`), false, nil, nil},
	// "how do we withdraw?", "korleis trekkjer vi oss?": nothing after it
	// but a change of plans.
	{"live.how.interesse", relit.MustCompile(` (withdraw|pull out|back out|trekke oss|trekkje oss|trekker oss|trekkjer oss|trekk oss)( (fra|from) (programmet|the programme|the program|it))?`), true, nil, nil},
	// The asker's own municipality: a pronoun or a possessive before it
	// ("setter jeg kommunen", "set my municipality"); "hvordan setter
	// kommunen sammen gruppa si" has the municipality as the subject.
	{"live.how.kommune", relit.MustCompile(` (stille inn|still inn|stiller inn|stilla inn|setter|sette|velger|velge|lagrer|lagre|endrer|endre|bytter|bytte|set|change|save) ((vi |jeg |eg |je |me |we |i |du |you |man )(min |mi |var |vart |my |our |hvilken |kva |which |what )?|(min |mi |var |vart |my |our |hvilken |kva |which |what ))(egen |eigen |own )?(kommune|kommunen|kommuna|municipality)`), false, nil, nil},
	// "Jeg vil registrere at jeg tilhører Melhus kommune i boten.
	// Hvordan gjør jeg det?" (split 126): one's own municipality
	// registered, not the county's interest.
	{"live.how.kommune", relit.MustCompile(` (registrere|registrerer|registrera|lagre|lagrer|lagra|register|save|record|set|legge inn|leggje inn) (at |that )?(jeg|eg|je|i) (tilhorer|tilhoyrer|horer til|hoyrer til|belong to|jobber i|jobbar i|work in|work for|er fra|er fraa|am from|m from)( \S+)?( kommune| municipality)?`), false, []string{"tilh", "horer til", "hoyrer til", "belong", "jobb", "work", "er fra", "am from", "m from"}, nil},
	// "how i tell the bot i am from tromsø kommune", "korleis seier eg
	// til boten at eg er frå Voss kommune" (blind102): one's own
	// municipality, told.
	{"live.how.kommune", relit.MustCompile(` (sier|si|seier|seie|forteller|fortelle|fortel|tell|tells|let) (jeg |eg |vi |me |i |we )?(til )?((boten |deg |kulturbot |the bot |you )(know )?(at |that )?(jeg er|eg er|vi er|me er|i am|i m|we are|we re) ((fra|fra|fraa|from|in|i) \S+( kommune| municipality)?|\S+ (kommune|municipality))|(it |den )(know )?(at |that )?(jeg er|eg er|vi er|me er|i am|i m|we are|we re) ((fra|fra|fraa|from|in|i) )?\S+ (kommune|municipality))( |$)`), false, []string{" tell", " si", " seie", " seier", " fortel", " let "}, nil},
	// "hvordan legger jeg inn hvilken kommune jeg hører til?" (blind109)
	{"live.how.kommune", relit.MustCompile(` (legger|legge|legg|leggje|skriver|skrive|skriv|oppgir|oppgi|registrerer|registrere|enter|add|put in|fill in)( inn)? (jeg |eg |je |vi |me |i |we )?(inn |in )?(hvilken|hvilke|kva|kva for|which|what) (kommune|municipality) (jeg|eg|je|vi|me|i|we) `), false, []string{" legg", " skriv", " oppgi", " registrer", " enter", " add", " put in", " fill in"}, nil},
	// "hvordan sier jeg til boten hvilken kommune jeg jobber i?"
	{"live.how.kommune", relit.MustCompile(` (sier|si|seier|seie|forteller|fortelle|fortel|tell|tells|let) (jeg |eg |vi |me |i |we )?(til )?(boten |deg |kulturbot |the bot |you )?(know )?(hvilken|hvilke|kva|kva for|which|what) (kommune|municipality)`), false, []string{" sier", " si ", " seie", " fortel", " tell", " let "}, nil},
	// "im setting up the next gathering …, how do i create it in the bot
	// with date and place?" (blind144): the gathering named before
	{"faq:samling-admin", relit.MustCompile(`(gathering|samling)\w*\b.{0,80} (create|oppretter|opprette|opprettar|set up) ` + rxPron + `(it|den)( in the bot| i boten)?( |$)`), false, []string{"gathering", "samling"}, nil},
	{"faq:samling-admin", relit.MustCompile(` (lager|lage|lagar|oppretter|opprette|opprettar|legger|legge|legg|create|add|set up|make)( inn)? ` + rxPron + `(inn )?(en |ei |et |a |an |the )*(ny |nye |new )?(first |next |første |neste |fyrste |fyrst )?(nasjonal |nasjonale |national |regional |regionale |digital |digitale )?(samling|samlinger|samlingar|gathering|gatherings)( i boten| in the bot)?`), true, nil, nil},
	{"live.how.region", relit.MustCompile(` (lager|lage|lagar|oppretter|opprette|definerer|definere|create|define|add|set up|make) ` + rxPron + `(en |ein |a |an |the |ny |nye |new )*(region|regions|regioner|regionar|regionen)( i boten| in the bot)?` +
		`| (legge til|leggje til|legg til|legger til|((legger|legge|legg|leggje|tar|ta) (\S+ )?(til|ut))|add|fjerne|fjerner|fjernar|ta ut|remove|move|flytte|flytter|flytta|flyttar)( \S+){0,3}? (i|to|fra|from|til|into) (en |ei |a |an |the |our |var |vart )?(eksisterende |eksisterande |existing |current |same )?(regionen|region|regionene|regionane|regions)( var| vart)?( i boten| in the bot)?` +
		`| (endre|endrer|endra|endrar|rename|renaming|slette|sletter|slettar|sletta|delete|deleting|remove|fjerne|fjerner|fjernar|edit|editing|oppdatere|update|gi nytt navn til|gi nytt namn til|endre navn pa|endre namn pa|bytte navn pa|change the name of)( \S+){0,2}? (i |in |pa |for |on )?(en |ei |ein |a |an |the |our |var |vart )?(region|regionen|regioner|regionar|regions)( i boten| in the bot)?` +
		`| (se|ser|sja|see|list|liste|vise|viser|show|view|finne|finn|find)( \S+){0,2}? (regionene|regionane|regions|regioner|regionar|the regions)( i boten| in the bot)?` +
		`| (gi|gir|give|sette|set) ` + rxPron + `(en |ei |a |the |var |our )?(region|regionen) (et |eit |a )?(nytt |new |anna |annet |another )(navn|namn|name)` +
		`| (sette opp|setter opp|set up|((setter|sette|set) (\S+ )?(opp|up))|organisere|registrere)( \S+){0,4}? (som|as) (en |ein |a )?region( i boten| in the bot)?`), true, nil, nil},
	{"live.how.sporsmal", relit.MustCompile(` (svarer|svare|svara) ` + rxPron + `(pa )?(de |dei )?(ubesvarte |apne |opne )?sporsmal(ene|a)?( som)?( \S+){0,3}? (ubesvart|apne|opne|i koen|kø)| (svarer|svare|svara) ` + rxPron + `(pa )?(ubesvarte |apne |opne )sporsmal| answer (open |unanswered )questions| (answer|reply to|respond to) (an |the |a )?(open|unanswered) question` +
		`| (svarer|svare|svara|svarar) ` + rxPron + `(pa )?(et |eit |eitt )(ubesvart|ubesvara|apent|ope|opent) sporsmal` +
		// A follow-up on those questions: "and how do I answer one of
		// them so the person who asked gets told?" (three of splits
		// 58–69, and "så den som spurte får beskjed").
		`| (svarer|svare|svara|svarar|answer|reply to|respond to|reply|respond) ` + rxPron + `(pa |to )?(en av dem |ett av dem |ein av dei |eitt av dei |one of them |them |dem |dei |it |det |the question |sporsmalet )?(so |sa |slik at |so that )(\S+ ){0,4}?(gets|get|is|are|far|faar|fer) (told|notified|informed|it|the answer|beskjed|svar|svaret|vite)( |$)` +
		`| (se|ser|sja|see|view|find|finne|finn|list|liste|vise|show)( \S+){0,2}? (apne|opne|open|unanswered|ubesvarte|ubesvara) (sporsmal\w*|questions)` +
		// "how do I get a list of the questions the bot couldn't answer?"
		// (blind108)
		`| (se|ser|sja|see|view|find|finne|finn|list|liste|lista|listen|vise|show|get|fa|oversikt over|overview of)( \S+){0,3}? (sporsmal\w*|questions)( \S+){0,2}? (couldn t|could not|can t|cannot|didn t|did not|wasn t able to|ikke kunne|ikkje kunne|ikke kan|ikkje kan|ikke klarte|ikkje klarte|ikke har|ikkje har|ikke fikk|ikkje fekk) (answer|svare|svara|svart)`), false, nil, nil},
	{"live.how.data", relit.MustCompile(` (sletter|slette|sletta|ser|se|sja|fa se|delete|see|view|erase) ` + rxPron + `(alle |all )?(mine data|mine eigne data|mine egne data|dataene mine|data om meg|dine data om meg|personopplysninger\w*|personopplysningar\w*|my data|my personal data|the data you (have|hold|store) about me|what you (store|know|have) about me|what (data|info|information) you (have|hold|store|keep) (about|on) me|det du (har lagret|har lagra|vet|veit) om meg|hva du har (lagret )?om meg|kva du har (lagra )?om meg|hvilke data du har om meg|kva data du har om meg)` +
		// "kan du vise meg dataene mine": the request frame names the verb.
		`| (mine data|mine eigne data|mine egne data|dataene mine|data om meg|my data|my personal data)`), false, nil, nil},
	{"live.how.rsvpslett", relit.MustCompile(` (slette|sletter|slettar|sletta|fjerne|fjerner|fjernar|remove|delete|ta bort|tar bort)( \S+){0,5}? (rsvp\w*|svaret|svar|svara|svaret til|answer|reply|response)( \S+)?( til| fra| for| of| from)? (en |ei |a |the )?(kommune|kommunen|kommunes|kommunens|municipality|municipality s)` +
		`| (slette|sletter|slettar|sletta|fjerne|fjerner|fjernar|remove|delete|ta bort|tar bort)( \S+){0,3}? (kommunes|kommunens|kommunen sitt|municipality s) (rsvp\w*|svar|svaret|answer|reply)`), false, []string{" slett", " fjern", " remove", " delete", " ta bort", " tar bort"}, nil},
	{"live.how.avlys", relit.MustCompile(` (avlyse|avlyser|avlys|avlyses|avlysast|avlyst|cancel|cancels|cancelled|canceled|gjenapne|gjenapner|gjenopne|gjenopnar|reopen|opne att|apne igjen|flytte|flytter|move|utsette|postpone)( \S+){0,3}? ` + rxGathering), false, nil, nil},
	{"live.how.avlys", relit.MustCompile(` ` + rxGathering + `( \S+){0,4}? (ma|must|skal|has to|have to|needs to|need to) (avlyses|avlysast|flyttes|flyttast|utsettes|utsetjast|be cancelled|be canceled|be moved|be postponed)`), false, []string{"avlys", "flytt", "utset", "cancel", "be moved", "postponed"}, nil},
	{"live.how.id", relit.MustCompile(` (id|iden|id en|nummer|nummeret|number|the id|the number|gathering id|samlings id|samlingsid|samlingsnummer\w*)( til| pa| for| of| to)? (en |ei |a |the |my |our )?` + rxGathering), false, []string{" id", "sid", "nummer", "number"}, nil},
	{"live.how.id", relit.MustCompile(` ` + rxGathering + `( \S+)? (id|iden|id en|nummer|nummeret|number|id number) `), false, []string{" id", "nummer", "number"}, nil},
	// "how do I let a municipality from another region come to our
	// gathering": /samling gjest (in faq:samling-admin).
	{"faq:samling-admin", relit.MustCompile(` (la|let|slippe inn|slipp inn|slepp inn|sleppe inn|invitere|inviterer|invite|add|legge til|legg til|allow|ta med|ta inn|get)( \S+){0,2}? (kommune|kommunen|kommunar|kommuner|municipality|municipalities|muni)( \S+){0,2} ((fra|from|i|in) (en |ei |a |an )?(annen|anna|another|other|different|nabo) ?(region|regionen|regions|fylke|county)|(utenfor|utanfor|outside) (the |our |var |vart )?(region|regionen|fylket|the county))( \S+){0,5}? ` + rxGathering +
		`| (legge til|legg til|add|registrere|register|sette opp|set up|la|let)( \S+){0,3}? (som gjest|as a guest|as guests|gjestekommune\w*|guest municipalit\w*)`), false, []string{"annen", "anna", "other", "different", "nabo", "utenfor", "utanfor", "outside", "gjest", "guest"}, nil},
	{"faq:kalender", relit.MustCompile(` (abonnere|abonnerer|subscribe|legge|legg|fa|get|add|importere|import|synke|synce|sync)( \S+){0,4}? (kalender|kalenderen|kalendaren|kalendar|calendar|outlook|google calendar|ics|ical)` +
		`| (en |ei |a |the )?(kalender|kalenderlenke\w*|kalenderlenkje\w*|calendar|calendar link|ics lenke|ics link)`), false, nil, nil},
}

// freeIntents are about the bot alone: no how-frame needed.
var freeIntents = []howIntent{
	// "hva skjer hvis boten ikke vet svaret": the unanswered-question
	// queue. Only the bot's not knowing or not being able to answer ("hvis
	// du ikke kan komme" is about a gathering). Before asking without
	// /faq: "what happens when I ask the bot something it doesn't know?"
	// is about the not knowing.
	{"faq:ubesvarte-sporsmal", relit.MustCompile(` (boten|bot|kulturbot|du|the bot) (visste|kunne) (ikke|ikkje)( svaret| svare| svara| noe| noko| det)?( |$)| (boten|bot|kulturbot|du|you|it|the bot|faq|faqen|faq en|the faq) (ikke|ikkje|not|does not|doesn t|doesnt|don t|dont|do not|did not|didn t|didnt) (vet|veit|visste|know|knows|har svar\w*|har noe svar|har noko svar|has an answer|have an answer|has the answer|have the answer|has answers|have answers|finner svar\w*|finn svar\w*|find an answer|finds an answer|dekker|dekkjer|covers|cover)` +
		// "hvis FAQ-en ikke har svaret", "when the faq has no answer"
		`| (faq|faqen|faq en|the faq|boten|the bot) (ikke |ikkje )?(har|has|have) (ikke|ikkje|no|not got an|not got the) (svar|svaret|answer|the answer|an answer)` +
		`| (boten|bot|kulturbot|du|you|it|the bot) ((ikke|ikkje|not) (kan|klarer|greier)|(kan|klarer|greier|can) (ikke|ikkje|not)|cannot|can t|cant|is unable to|fails to|can not)( a)? (svare|svara|answer|reply|help|hjelpe)`), false, nil, nil},
	// The wrong municipality in the registration, to be removed: "oi, vi
	// fekk med feil kommune i registreringa vår. kan vi fjerne ho?"
	// (split 156): /interesse endre or trekk.
	{"live.how.interesse", relit.MustCompile(` (feil|wrong) (kommune|kommunen|municipality|kommuner|kommunar)( \S+){0,2}? (i|in|on|pa) (the |our |var |vart )?(registreringa|registreringen|interessemelding\w*|registration|interest registration|pameldinga|pameldingen)( |$)`), false, []string{"feil", "wrong"}, nil},
	// A municipality forgotten in the interest registration: "vi meldte
	// interesse for bodø, saltdal og fauske men glemte meløy. hva gjør
	// jeg nå?", "vi glemte sunnfjord i påmeldinga, kan jeg endre den?"
	// (splits 135 and 143): /interesse endre.
	{"live.how.interesse", relit.MustCompile(` (meldte|meldt|meldet|registrerte|registrert|registered|signed up|sende inn|sendte inn|sent in)( \S+){0,2}? (interesse|interest)( \S+){0,8}? (glemte|glemt|gloymde|gloymt|forgot|forgotten|left out|missed)( |$)` +
		`| (glemte|glemt|gloymde|gloymt|forgot|forgotten|left out|missed)( \S+){1,3}? (i|fra|fraa|from|in|off|out of) (pameldinga|pameldingen|registreringen|registreringa|interessemelding\w*|the registration|our registration|the interest registration)( |$)`), false, []string{"glem", "gloym", "forgot", "left out", "missed"}, nil},
	// Asking without /faq: DM and @mention.
	{"live.how.faq", relit.MustCompile(` faq (hver gang|kvar gong|every time|hele tiden|heile tida|alltid|always|foran|forst|first)|` +
		// "korleis spør eg boten om noko?", "kan jeg spørre boten privat"
		` (spor|sporre|sporje|sporja|ask|asking|message|skrive til|skriv til|write to) (eg |jeg |je |i |we |vi |me )?(deg|boten|kulturbot|the bot|you|it)( \S+){0,2}? (privat|privately|in private|i dm|direkte|directly|om noko|om noe|om ting|om ting og tang|about things|about stuff|something|anything|a question|et sporsmal|eit sporsmal|noe|noko)( |$)|` +
		` (sporre|spor|sporje|ask) (jeg |eg |i |we |vi |me )?(boten|kulturbot|the bot|you|deg)? ?(just |bare |berre )?(with |med )?faq( |$)|` +
		` (tag|tagge|tagg) (it|the bot|boten|deg|you)( |$)| (sende|send|skrive|skriv|skriva|spor|sporre|sporje|ask|message|write)( \S+){0,3}? (dm|dms|direktemelding\w*|privat melding|private message|direct message|direkte til deg|deg direkte|you directly)( |$)| (tagge|tagg|nevne|nevn|mention|mentioning) (deg|boten|kulturbot|the bot|you)( |$)`), false, []string{"faq", "deg", "bot", "you", " it ", "dm", "direkt", "direct", "privat"}, nil},
	// "jeg skrev Herøy og boten spør tilbake", "det finst jo to": the
	// FAQ's entry on municipality names answers it.
	{"faq:kommunenavn", relit.MustCompile(` (skrev|skriv|skriver|type|typed|wrote|write) (\S+ ){1,3}(og |and )?(boten |bot |kulturbot |den |it |du |you )?(spor|spurte|asks|asked|asking)( \S+)? (tilbake|igjen|back|hvilken|kva for|which)| (skrev|skriv|skriver|type|typed|wrote|write) (\S+ ){1,3}(det |there )?(finst|finnes|fins|are)( jo)? (to|two|flere|fleire|several)( |$)`), false, []string{"skrev", "skriv", "type", "wrote", "write"}, nil},
	{"faq:ukesoppsummering", relit.MustCompile(` (digest\w*|ukesoppsummering\w*|vekeoppsummering\w*|ukeoppsummering\w*|ukesrapport\w*|vekerapport\w*|weekly (digest|summary|report|update)|(ukentlig|ukentlige|vekentleg|vekentlege|ukentleg|ukentlege) (oppsummering\w*|samandrag\w*|rapport\w*|e post|melding\w*)|(oppsummering\w*|samandrag\w*) (hver|kvar|kvar einaste|hver eneste) (uke|veke)|(hver|kvar) (uke|veke) (oppsummering\w*|samandrag\w*))( |$)`), false, []string{"digest", "oppsummering", "samandrag", "rapport", "weekly", "ukentl", "vekentl"}, nil},
	// "What happens if user types kommune name wrongly?"
	{"faq:kommunenavn", relit.MustCompile(` (types|typed|type|writes|wrote|write|skriver|skrev|skreiv|skriv|spells|spelled|staver)( \S+){0,2}? (kommune ?name\w*|kommunenavn\w*|kommunenamn\w*|municipality name\w*|the name|navnet|namnet|name of the (kommune|municipality))( \S+)? (wrongly|wrong|incorrectly|feil|galt|gale|with a typo|med skrivefeil)( |$)`), false, []string{"type", "writ", "wrot", "skriv", "skrev", "skreiv", "spell", "stav"}, nil},
	// "if someone types "bodo" or "Bodø kommune", does it find the
	// municipality?", "skreiv «forde» i staden for Førde, skjønar boten
	// det?": a name as typed, and whether the bot knows it.
	{"faq:kommunenavn", relit.MustCompile(` (skrev|skreiv|skriv|skriver|type|types|typed|wrote|write|writes|spell|spells|spelled|staver|stavar)( \S+){1,6}? (does it|will it|can it|would it|does the bot|will the bot|skjonner|skjonar|skjoner|forstar|finner|finn|kjenner|kjenner igjen|gjenkjenner)( den| boten| du| it| the bot| kulturbot| det)?( (find|finds|understand|recognise|recognize|get|match|know))?( the| det| den)? (kommune\w*|municipality|municipalities|navnet|namnet|name|names|det|it)( |$)`), false, []string{"skrev", "skreiv", "skriv", "type", "wrote", "write", "spell", "stav"}, nil},
	// "i typed 'bodo' instead of Bodø in the rsvp command, will it still
	// work?", "i write my kommune and bot say 'Mente du'?? what is this":
	// a name typed, and whether it goes through; the bot's own "mente
	// du" (splits 55 and 57).
	{"faq:kommunenavn", relit.MustCompile(` (skrev|skreiv|skriv|skriver|type|types|typed|wrote|write|writes|spelled|spelt)( \S+){1,8}? (will it|does it|would it|can it|will that|does that|vil det|vil den|gar det|gjekk det|funker det|fungerer det|virker det|verkar det)( still| fortsatt| likevel| framleis)? (work|works|go through|be ok|be okay|be accepted|ga|gaa|bli godtatt|funke|funka|fungere|virke|verke)( |$)| (boten|bot|the bot|kulturbot|it|du|you|den) (sier|seier|sa|say|says|said|spor|spurte|spurde|asks|asked|skriver|skriv|skreiv|skrev|writes|wrote|svarer|svarar|svarte|svara|answers|answered|replied|replies)( \S+){0,2}? (mente du|meinte du|did you mean)( |$)`), false, nil, nil},
	// "hva lagrer du om meg?", "what does the bot keep about us?": the
	// asker's own data (/kulturbot mine-data).
	{"live.how.data", relit.MustCompile(`^ (hva|kva|ka|what|which data|hvilke data|kva data|hvilke opplysninger|kva opplysningar)( slags| for)?( data| opplysninger| opplysningar| info)? (lagrer|lagrar|lagres|lagrast|store|stores|keep|keeps|save|saves|hold|holds|vet|veit|know|knows|har|has|registrerer|registrerar|collect|collects)( egentlig| eigentleg| actually| really)? (du|boten|kulturbot|you|the bot|it|dere|de)( egentlig| eigentleg| actually| really)?( lagret| lagra| stored| saved)? (om|about|on) (meg|oss|me|us)( |$)`), false, []string{"meg", " me", "oss", " us"}, nil},
	// "kalender lenke?", "calender for my phone?": the calendar link.
	{"faq:kalender", relit.MustCompile(`^ (kalender|kalenderen|kalendar|calendar|calender)( ?lenke| ?lenka| ?link| feed| url| abonnement| subscription| pa (mobilen|telefonen|mobil)| for (my|the|our) (phone|mobile|iphone|android|outlook)| i (outlook|google)| in (outlook|google))( \S+)? $`), false, []string{"kalend", "calend"}, nil},
	// "bodo uten ø", "Sami names": the FAQ's entry on municipality names
	// ("uten å" is "without": never the letter).
	{"faq:kommunenavn", relit.MustCompile(` (uten|utan|without) (o|aeoa|norske bokstaver|norske tegn|norske teikn|spesialtegn|norwegian letters|norwegian characters|special characters)( |$)| (samiske|samisk|sami|nordsamiske|lulesamiske|sorsamiske) (kommunenavn\w*|kommunenamn\w*|navn|navna|navnene|namn|namna|names|kommune names|municipality names|kommune)( |$)`), false, nil, nil},
	// "a page where we see everything": the working group's dashboard.
	{"faq:arbeidsgruppens-verktoy", relit.MustCompile(` (dashbord\w*|dashboard\w*)( |$)| (side|sida|nettside|page|web page|oversikt|overview) (der|hvor|kor|kvar|where|som) (vi|we|me|jeg|eg|i|man|ein|en|one) (ser|ser|sja|see|finner|finn|find|far|get) (alt|everything|all)( |$)`), false, nil, nil},
	// "må jeg huske alle parameterne", "åpner /rsvp et skjema": the forms.
	{"live.how.form", relit.MustCompile(` (huske|hugse|remember|kunne|memorise|memorize)( \S+){0,3}? (parameter\w*|parametr\w*|argument\w*|syntaks\w*|syntax|kommandoene|kommandoane|the commands|all the options)( |$)| (enklere|enklare|easier|simpler) (a |to )?(klikke|klikka|trykke|trykkje|click|tap)( |$)| (rsvp|interesse|veiledning|kommandoen|command)( \S+){0,6}? (skjema\w*|form|forms|modal|popup|pop up|vindu)( |$)`), false, nil, nil},
	// "who's supposed to use /veiledning": the mentors.
	{"live.how.veiledning", relit.MustCompile(` (hvem|kven|who)( \S+){0,3}? (bruke|bruker|brukar|use|uses|using|logge|logger|loggar|log|logs|fore|forer) (veiledning\w*|rettleiing\w*|mentoring)( |$)`), false, []string{" hvem", " kven", " who"}, nil},
	// "vise alle regioner?": the list, asked as a request.
	{"live.how.region", relit.MustCompile(`^ (vise|vis|se|list|liste|show|see) (alle |all )?(regioner|regionar|regionene|regionane|regions)( i boten| in the bot)? $`), false, nil, nil},
	// "hvilken tidssone viser boten datoene i", "what timezone are the dates in"
	{"live.how.tz", relit.MustCompile(` (tidssone\w*|tidsone\w*|timezone|time zone|timezones)( |$)`), false, nil, nil},
	// "what date format does it want?", "kva format vil du ha dato og
	// tid i?", "I wrote 12.03.2024 and it complained": the dates the
	// commands read (bot.ParseDate). Asked in splits 44, 52, 53, 55 and
	// 56 and never answered before.
	{"live.how.dato", relit.MustCompile(` (datoformat\w*|date ?format\w*|dateformat\w*)( |$)| format\w*( \S+){0,5}? (dato|datoen|datoene|datoane|datoer|datoar|date|dates)( |$)| (dato|datoen|datoene|datoane|datoer|datoar|date|dates)( \S+){0,5}? (format|formatet|formatted|formated)( |$)` +
		`| (skrev|skreiv|skriv|skriver|wrote|typed|type|entered|put) (\S+ )?[0-9]{1,2} [0-9]{1,2} [0-9]{2,4}( \S+){0,6}? (complain\w*|klag\w*|feil\w*|error|protest\w*|godtar|godtek|godtok|tok|accept\w*|work|works|worked|virker|fungerer|funker|funkar|funka|likte|liked|refused|rejected|avvist)( |$)`), false, nil, nil},
	// "fungerer dei same kommandoane på Discord?": the FAQ's entry on
	// the platforms.
	{"faq:plattformer", relit.MustCompile(` (kommando\w*|commands?|boten|bot|the bot|it|dei same|de samme|the same)( \S+){0,4}? (pa|i|in|on|via|with|med) (discord|slack)( |$)| (discord|slack)( \S+){0,4}? (kommando\w*|commands|same|samme|likt|likt|fungerer|virker|funker|works)( |$)`), false, nil, nil},
	// "vi meldte på feil kommune ved en feil, hvordan trekker jeg
	// registreringen?": the county's registration of interest is
	// withdrawn, not an answer to a gathering (blind179)
	{"live.how.interesse", relit.MustCompile(` (trekke|trekker|trekkje|trekkjer|trekk|withdraw|withdraws) (\S+ ){0,3}?(registreringen|registreringa|interessemeldingen|interessemeldinga|interessa|interessen|interest registration|registration of interest)( |$)`), false, []string{"trekk", "withdraw"}, nil},
	// "someone rsvp'd for the wrong municipality": an admin deletes it
	{"live.how.rsvpslett", relit.MustCompile(` (rsvp\w*|rsvp d|svarte|svara|svart|answered|replied|meldte pa|meldt pa)( \S+){0,3}? (feil|wrong|gal|galt) (kommune|kommunen|municipality|kommune)( |$)`), false, []string{"feil ", "wrong ", "gal ", "galt "}, nil},
	{"faq:sprak", relit.MustCompile(` (svare|svar|svarer|svarar|svara|answer|answers|reply|replies|respond|skrive|skriv|skriva|write|snakke|snakker|speak|speaks|forsta|forstar|understand|understands|accept|accepts|tar imot|ta imot|spor|sporre|sporje|sporja|ask)( \S+){0,4}? (pa|in) (engelsk|english|nynorsk|bokmal|norsk|norwegian)( |$)| (hvilket|hvilke|kva|what|which) (sprak|language|languages|malform)| (english|engelske) (words|ord)| (sprak|language|malform) (svarer|svarar|answers|does|do|bruker|brukar|uses|speaks)| (same|samme|sama) (language|sprak|malform)( |$)`), false, nil, nil},
	{"faq:kilde", relit.MustCompile(` (hvor|kvar|where) (kommer|kjem|comes|come|does|do|henter|hentar|gets|get|far|får)( \S+){0,2}? (svaret|svara|svarene|svaret ditt|svara dine|the answer|the answers|your answers|your answer|answers|informasjonen|infoen|info|information|the information)( \S+){0,2}? (fra|from)( |$)| (hvor|kvar|where) (svaret|svara|svarene|the answer|the answers|your answers|answers|informasjonen|infoen) (kommer|kjem|comes|come) (fra|from)| (kilde|kjelde|kilden|kjelda|kildene|kjeldene|source|sources) (til|for|of|pa|bak|behind) (svaret|svara|svarene|svar|answers|the answers|the answer|dine svar|your answers)`), false, nil, nil},
	{"faq:kommandobruk", relit.MustCompile(`(kommandoen|kommando|kommandoer|kommandoane|kommandoene|command|commands)( \S+){0,6}? (feil|wrong|galt|error|feilmelding|mellomrom|spaces|space|skrivefeil|typo|mistake|incorrectly|wrongly)|(feil|wrong|galt|skrivefeil|typo|mistake)( \S+){0,4}? (kommandoen|kommando|command)( |$)|(mellomrom|spaces|space)( \S+){0,8}? (kommandoen|kommando|command|feltet|field|tema|topic)( |$)|(kommandoen|kommando|command|tema|temaet|topic|feltet|field)( \S+){0,6}? (mellomrom|spaces|space)( |$)| (skrev|skriver|skriv|type|typed|typer|sendte|sent) (bare|berre|just|only) (\S+ ){1,2}(uten|utan|without)`), false, nil, nil},
	// "vi svarte ja, men …": changing an answer already given.
	{"live.how.rsvp", relit.MustCompile(`^( \S+)?( (vi|jeg|eg|me|we|i))? (svarte|svara|har svart|answered|replied|said|sa|har sagt|meldte|har meldt|clicked|pressed|picked|chose|selected|ticked|klikket|klikka|trykket|trykte|trykka|valgte|valde)( \S+)? (ja|nei|kanskje|yes|no|maybe)( \S+){0,6} (men|but) |` +
		// "æ trykka feil å sa nei te samlinga, kan æ endre svaret?"
		// (split 156): a wrong button, then changing the answer.
		` (trykka|trykket|trykte|klikka|klikket|clicked|pressed|tapped|svarte|svara|sa|said|answered) (feil|wrong|by mistake)( \S+){0,6}? (kan|can|how|hvordan|korleis|koss)( \S+){0,3}? (endre|endra|change|rette|fix|angre) (svaret|svar|svara|the answer|my answer|it|det)( |$)|` +
		// "endre svaret på rsvp", "change our RSVP": the answer to a gathering.
		` (endre|endrer|endra|endrar|change|update|oppdatere|rette|korrigere) ` + rxPron + `(svaret|svar|svara|answer|reply|our |my )?(\S+ )?(pa |til |to |for |on |i )?(rsvp\w*|samlingen|samlinga|gathering)( |$)|` +
		// "ble påmeldingen lagret?": every stored answer is confirmed.
		` (pameldingen|pamelding|svaret|rsvp\w*|my answer|our answer|the answer|the rsvp)( \S+){0,2} (lagret|lagra|registrert|registered|saved|stored|mottatt|motteke|received|gikk gjennom|went through)| (svarer|svare|svarar|svara|answer|rsvp) ` + rxPron + `(pa nytt|igjen|again|en gang til|ein gong til|one more time|twice|to ganger)`), false, nil, nil},
	// "which fields do I fill in when logging", "logget veiledning … feil".
	// "kan vi sette svarfrist når vi lager samlingen?": the admin's
	// frist= on /samling ny.
	{"faq:samling-admin", relit.MustCompile(` (sette|setter|set|setting|legge inn|legg inn|legger inn|add|adding|specify|angi|angir|gi|give|velge|choose|bestemme) (en |ei |a |an |the |egen |eigen |own )?(svarfrist|svarfristen|rsvp deadline|answer deadline|reply deadline|response deadline|deadline|frist|fristen)( \S+){0,5}? ` + rxGathering), false, []string{"frist", "deadline"}, nil},
	// "what happens if I type a command with missing arguments"
	{"faq:kommandobruk", relit.MustCompile(` (kommando\w*|commands?|rsvp|interesse|veiledning)( \S+){0,4}? (missing|mangler|manglar|without|uten|utan|lacks|lacking|incomplete|ufullstendig)( \S+){0,2}? (arguments?|argument\w*|parameters?|parametere|parametrar|felt|fields?|verdier|values)( |$)| (glemmer|glemme|glemte|gloymer|gloyme|gloymde|forget|forgot|forgets)( a| to)?( skrive| skriva| type| write| ta med| include)? (noe|noko|something|et felt|eit felt|a field|an argument|a parameter|argument\w*|parameter\w*)( |$)`), false, []string{"missing", "mangl", "without", "uten", "utan", "lack", "ufullst", "incompl", "glem", "gloym", "forg"}, nil},
	// "hva skjer om jeg glemmer kommune= i rsvp": the saved municipality.
	{"faq:egen-kommune", relit.MustCompile(` (glemmer|glemme|glemte|gloymer|gloyme|gloymde|forget|forgot|forgets|dropper|droppe|sloyfer|sloyfe|utelater|utelate|leave out|leaving out|skip|skipping|skipper)( a| to)?( skrive| skriva| type| write)? (kommune|kommunen|kommunenavnet|kommunenamnet|the municipality|municipality)( i| in| pa| fra| from)? (rsvp|veiledning|kommandoen|kommandoane|kommandoene|the command|commands)( |$)`), false, []string{"glem", "gloym", "forg", "drop", "sloyf", "utelat", "leav", "skip"}, nil},
	// "how do we tell you how many are coming", "korleis melde kor mange
	// vi kjem": the headcount of an answer (before notHowRE leaves
	// amounts to the FAQ).
	{"live.how.rsvp", relit.MustCompile(` (melde|melder|meld|si|sier|seie|seier|oppgi|oppgir|gi beskjed om|registrere|registrerer|tell|say|report|enter|register|indicate|let you know|legge inn|skrive|skriv|write|type|put)( \S+){0,3}? (hvor mange|kor mange|how many)( \S+)? (vi er|me er|vi kommer|me kjem|vi kjem|som kommer|som kjem|vi blir|me blir|we are|we ll be|of us are|of us|are coming|people are coming|will come|come|comes|deltar|deltek|are attending|will attend)( |$)`), false, []string{"mange", "many"}, nil},
	// "vi trenger overnatting til 2, hvor sier jeg ifra?": an answer's
	// detail stated, then where to say it.
	{"live.how.rsvp", relit.MustCompile(` (overnatting\w*|hotellrom\w*|hotell|overnight|accommodation|hotel|hotel rooms?|beds?|senger|seng|antall|headcount|kommer|kjem|coming|ikke komme|ikkje kome|can t come|cannot come)( \S+){0,6}?` + rxWhereSay), false, nil, endsWhereSay},
	// "vi har meldt på feil antall", "we put the wrong headcount".
	{"live.how.rsvp", relit.MustCompile(` (meldt|meldte|svart|svarte|svara|registrert|registrerte|oppgitt|oppga|oppgav|put|entered|gave|registered|answered)( pa| inn| in| down)? (feil|gal|galt|wrong|the wrong|a wrong) (antall|tal|talet|headcount|number|number of people)( |$)`), false, []string{"feil", "gal", "wrong"}, nil},
	// "can mentors delete other mentors' entries?": own entries only.
	{"live.how.veiledning", relit.MustCompile(` (kan|can|could|far|may|are) (mentors|mentorer|mentorane|veiledere|veilederne|veiledarar|rettleiarar|rettleiarane|i|jeg|eg|vi|we|me|one|man|ein|en|admins|adminer)( allowed to| lov til a| lov a)? (delete|edit|change|see|slette|endre|rette|se|sja|fix|remove|fjerne)( \S+){0,2}? (other|others|andres|andre|kvarandre|hverandres|each other s|another|someone else s|noen andres|nokon andre sine|other people s|alle|all|everyone s)( \S+){0,2}? (entries|entry|logs|log|sessions|oppforinger|oppforingar|oppforingane|okter|oktene|veiledning\w*|rettleiing\w*|logg\w*|mentoring)( |$)`), false, []string{"other", "andre", "all", "everyone", "else"}, nil},
	{"live.how.veiledning", relit.MustCompile(` (felt|felta|feltene|fields|field)( \S+){0,8}? (logg\w*|log|logging|veiledning\w*|rettleiing\w*|session|mentoring)( |$)| (logget|logga|logged|fort|registrert|fore|fort) (en |ei |a |the )?` + rxMentoring + `( \S+){0,6}? (feil|wrong|rette|endre|fikse|fix|edit|slette|delete|correct|change)|(feil|wrong)( \S+){0,3}? (pa|on|i|in) (en |ei |a |the )?((logget|logga|logged) )?` + rxMentoring), false, nil, nil},
}

// The phrases end at a word's end ("endre kommune" is not "endre
// kommunegruppa"): each is matched as (?:phrase)(?:\b|$), so the regexp
// tries the longer alternatives ("kalenderen") before giving up.
func init() {
	for i := range howIntents {
		howIntents[i].re = relit.MustCompile(`(?:` + howIntents[i].re.String() + `)(?:\b|$)`)
	}
	for _, l := range []struct {
		list   []howIntent
		topics *[]feat
	}{{freeIntents, &freeTopics}, {howIntents, &howTopics}} {
		for i := range l.list {
			t, ok := intentTopics[l.list[i].key]
			if !ok {
				panic("live_howto.go: no intentTopics for " + l.list[i].key)
			}
			*l.topics = append(*l.topics, t)
		}
	}
}

// whoIntents answer "who may …" too: the working group's tools ("hvem
// kan lage regioner?"). "Hvem kan delta på samlingene?" is the FAQ's.
var whoIntents = map[string]bool{"live.how.region": true, "faq:samling-admin": true, "live.how.sporsmal": true, "live.how.deltakere": true, "live.how.eksport": true,
	"live.how.rsvpslett": true, "live.how.avlys": true}

// askIntents are the tools a request to the bot ("kan du sende meg …")
// is answered with: the answer says which command gives it.
var askIntents = map[string]bool{"live.how.deltakere": true, "live.how.eksport": true, "live.how.data": true, "faq:kalender": true}

// howTo recognises a how-to question and names its answer (liveMsgs key).
func howTo(n string, f feat) (string, bool) {
	for i := range freeIntents {
		if h := &freeIntents[i]; h.mayMatch(n, f, freeTopics[i]) && h.re.MatchString(n) {
			// "I put a wrong number of minutes in a veiledning entry":
			// a log's minutes, not a gathering's headcount (cmdHelp
			// reads the log).
			if h.key == "live.how.rsvp" && strings.Contains(n, " minut") {
				continue
			}
			return gatheringTask(h.key, n), true
		}
	}
	// "når må vi svare på samlingen?" asks when (the deadline), not how.
	if notHowRE.MatchString(n) && !inBotAmountRE.MatchString(n) || whenFirstRE.MatchString(n) {
		return "", false
	}
	how := hasHowWord(n)
	end := howEndRE.MatchString(n)
	kan := kanFrameRE.MatchString(n)
	who := whoFrameRE.MatchString(n)
	ask := askBotRE.MatchString(n)
	cmd := cmdAskRE.MatchString(n)
	if !how && !end && !kan && !who && !ask && !cmd {
		return "", false
	}
	bot := botRefRE.MatchString(n)
	// A task qualified only by "in the bot" or the command asked for
	// (cmd) is the one named first ("what's the command to create a
	// gathering and put an rsvp deadline on it?" creates a gathering),
	// unless another qualifies by its own how-frame.
	weakKey, weakStart := "", len(n)
	for i := range howIntents {
		h := &howIntents[i]
		if !h.mayMatch(n, f, howTopics[i]) {
			continue
		}
		for _, m := range h.re.FindAllStringIndex(n, -1) {
			start, stop := m[0], m[1]
			tail := n[stop:]
			if !strings.HasPrefix(tail, " ") {
				tail = " " + tail
			}
			tailOK := onlyWords(tail, howTailWords) || relTailRE.MatchString(tail)
			// "hvordan lager jeg en ny region i boten, vi har fire
			// kommuner klare": a new one, or one in the bot, is the
			// command whatever follows.
			if h.tail && !tailOK && !(how && newOrBotRE.MatchString(n[start:stop]+" ")) && !cmd {
				continue
			}
			// "we can't make a gathering after all": to make it is to
			// get there, not to create one.
			if strings.HasPrefix(n[start:], " make ") && cantBefore(n[:start]) {
				continue
			}
			// "sign up our kommune for a samling": to a gathering, the
			// answer to it, not the county's interest.
			if h.key == "live.how.interesse" && toGatheringRE.MatchString(n[stop:]) {
				continue
			}
			prefix := n[:start+1]
			switch {
			case how && fillersAfter(prefix, howWords):
			case kan && tailOK && fillersAfterRE(prefix, kanFrameRE):
			case who && tailOK && whoIntents[h.key] && fillersAfterRE(prefix, whoFrameRE):
			case ask && tailOK && askIntents[h.key] && fillersAfterRE(prefix, askBotRE):
			case end && !strings.Contains(tail, ",") && howEndRE.MatchString(tail):
			case (bot && (how || kan)) || (cmd && !strings.Contains(n[:start], "?")):
				// In the bot, or with its command asked for: the task
				// named first ("how do I create a samling in the bot and
				// put an RSVP deadline on it" creates one; blind154); not
				// a task of an earlier question.
				if start < weakStart {
					weakKey, weakStart = h.key, start
				}
				continue
			default:
				continue
			}
			return gatheringTask(h.key, n), true
		}
	}
	return gatheringTask(weakKey, n), weakKey != ""
}

// toGatheringRE: a gathering named as where one signs up to.
var toGatheringRE = relit.MustCompile(`^ (up )?(for|til|to|pa|on) ((a|an|the|en|ei|et|neste|next|our|var|vart) )*(samling\w*|gathering\w*)( |$)`)

// cantBefore: s ends in a negated modal ("we can t", "cannot", "won t").
func cantBefore(s string) bool {
	for _, neg := range []string{" can t", " cant", " cannot", " couldn t", " won t", " not", " may not", " might not"} {
		if strings.HasSuffix(s, neg) {
			return true
		}
	}
	return false
}

func hasHowWord(n string) bool {
	for _, w := range strings.Fields(n) {
		if howWords[w] {
			return true
		}
	}
	return false
}

// fillersAfter: prefix holds one of words, and only filler words follow
// the last one.
func fillersAfter(prefix string, words map[string]bool) bool {
	fs := strings.Fields(prefix)
	for i := len(fs) - 1; i >= 0; i-- {
		if words[fs[i]] {
			return true
		}
		if !howFillers[fs[i]] {
			return false
		}
	}
	return false
}

// fillersAfterRE: prefix holds a match of re, and only filler words follow
// the last one.
func fillersAfterRE(prefix string, re *relit.Regexp) bool {
	ms := re.FindAllStringIndex(prefix+" ", -1)
	if len(ms) == 0 {
		return false
	}
	last := ms[len(ms)-1][1]
	if last > len(prefix) {
		return true
	}
	return onlyWords(prefix[last:], howFillers)
}

func onlyWords(s string, words map[string]bool) bool {
	for _, w := range strings.Fields(s) {
		if !words[w] {
			return false
		}
	}
	return true
}
