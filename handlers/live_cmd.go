package handlers

import (
	"os"
	"strings"
	"sync"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// The general command recogniser: a question about using one of the
// bot's own commands, in any wording, gets that command's help text.
//
// howTo (live_howto.go) knows the wordings earlier rounds saw, one
// pattern each; on questions written by people who never saw them it
// abstained or picked the wrong entry. This recogniser reads the
// question's words through the lexicon (live_lex.go) instead and asks
// three things:
//
//   - a command named outright: "/veiledning syntax", "/samling ny",
//     "hvordan bruker jeg rsvp-kommandoen" — the names, English names and
//     aliases of the routes and their verbs in commands.go (the same
//     metadata the help, the Slack manifest and the Discord tree are
//     built from);
//   - an action (create, add, change/move, delete/remove, list/see,
//     export, log, answer, cancel, subscribe, set, withdraw — bokmål,
//     nynorsk and English, with their inflections) on one of the bot's
//     objects (region, gathering, answer/RSVP, mentoring log, interest
//     registration, the question queue, calendar, CSV, one's own
//     municipality, personal data, the commands);
//   - asked as a request for the tool: an imperative ("fjern svaret til
//     Bodø på samling 2"), a how-word or "hvor ser jeg" with only filler
//     words before the action ("korleis registrerer eg rettleiing"), or
//     "kan jeg / can you …" (not "kan vi …", which asks what the
//     programme allows).
//
// It runs after howTo, so every wording howTo answers keeps its answer,
// and abstains on questions about the programme: amounts and durations
// ("hvor mange samlinger er det?"), "når …", "hvem …", and any question
// with a word about the programme's rules (programmet, oppstart,
// søknad, hvorfor, kommunegruppa, …). The answer is the command's help
// text (liveMsgs, with the configured facts), never the user's words.

// cmdKeys: the help text of each route, and of the verbs whose help is
// another text ("rsvp slett", "samling avlys"). Keys are the routes'
// Norwegian names.
var cmdKeys = map[string]string{
	"faq":                          "live.how.faq",
	"interesse":                    "live.how.interesse",
	"rsvp":                         "live.how.rsvp",
	"rsvp slett":                   "live.how.rsvpslett",
	"veiledning":                   "live.how.veiledning",
	"region":                       "live.how.region",
	"samling":                      "faq:samling-admin",
	"samling avlys":                "live.how.avlys",
	"samling gjenåpne":             "live.how.avlys",
	"samling endre":                "live.how.avlys",
	"samling deltakere":            "live.how.deltakere",
	"kulturbot":                    "live.can",
	"kulturbot kommune":            "live.how.kommune",
	"kulturbot mine-data":          "live.how.data",
	"kulturbot slett-meg":          "live.how.data",
	"kulturbot digest":             "faq:ukesoppsummering",
	"kulturbot eksport":            "live.how.eksport",
	"kulturbot spørsmål":           "live.how.sporsmal",
	"kulturbot svar":               "live.how.sporsmal",
	"kulturbot dashbord":           "faq:arbeidsgruppens-verktoy",
	"kulturbot kalender":           "faq:kalender",
	"kulturbot stemme":             "live.can",
	"kulturbot dokument":           "live.can",
	"kulturbot kommune-slå-sammen": "live.how.kommune",
}

// cmdRoutes and cmdVerbs map every name a command or verb is typed by
// (liveNorm-folded: the Norwegian name, the English one, the aliases) to
// its route and verb, built once from the routes.
var (
	cmdOnce   sync.Once
	cmdRoutes map[string]string            // route word → route name
	cmdVerbs  map[string]map[string]string // route name → verb word → verb name
)

func cmdTables() {
	cmdOnce.Do(func() {
		cmdRoutes = map[string]string{}
		cmdVerbs = map[string]map[string]string{}
		for _, r := range (&Handlers{Deps: &Deps{}}).routes(false) {
			if !r.Listed() {
				continue
			}
			for _, w := range append([]string{r.Name, r.EN}, r.Aliases...) {
				if w = strings.TrimSpace(liveNorm(w)); w != "" {
					cmdRoutes[w] = r.Name
				}
			}
			vs := map[string]string{}
			for _, v := range r.Verbs {
				for _, w := range append([]string{v.Name, v.EN}, v.Aliases...) {
					if w = strings.TrimSpace(liveNorm(w)); w != "" {
						vs[w] = v.Name
					}
				}
			}
			cmdVerbs[r.Name] = vs
		}
	})
}

// cmdKey is the help text for a route and (maybe empty) verb.
func cmdKey(route, verb string) string {
	if k, ok := cmdKeys[route+" "+verb]; ok && verb != "" {
		return k
	}
	return cmdKeys[route]
}

// slashCommand finds "/name [verb]" in the question as typed.
func slashCommand(text string) (route, verb string, ok bool) {
	i := strings.IndexByte(text, '/')
	if i < 0 {
		return "", "", false
	}
	cmdTables()
	for i >= 0 {
		if i == 0 || text[i-1] == ' ' || text[i-1] == '(' || text[i-1] == '"' || text[i-1] == '«' {
			rest := strings.Fields(liveNorm(text[i+1:]))
			if len(rest) > 0 {
				if r, found := cmdRoutes[rest[0]]; found {
					if len(rest) > 1 {
						verb = cmdVerbs[r][rest[1]]
					}
					return r, verb, true
				}
			}
		}
		j := strings.IndexByte(text[i+1:], '/')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return "", "", false
}

// Words the recogniser reads beyond the lexicon's bits.
var (
	cmdAboutWords = wordSet("syntaks syntax kommando kommandoen kommandoane kommandoene command usage bruk bruke bruker brukar use using hjelp help format formatet")
	cmdAnsNouns   = wordSet("rsvp rsvpen rsvpene rsvps svar svaret svara svarene svarane answer answers reply replies response responses pamelding pameldingen pameldinga pameldinger pameldingene pameldingar pameldingane " +
		"headcount antall antallet antal overnatting overnattinga overnattingen")
	cmdIntNouns = wordSet("interesse interessen interessemelding interessemeldingen interessemeldinga interessemeldinger interessemeldingene interessemeldingar interessemeldingane " +
		"registrering registreringen registreringa registreringer registreringene registration registrations interest")
	cmdOpenWords     = wordSet("ubesvarte ubesvart ubesvara apne opne open unanswered ingen nobody noone")
	cmdWhoWords      = wordSet("hvem kven who hvilke kva which")
	cmdMoveWords     = wordSet("flytte flytter flytta flyttar flytt move moving utsette utsetter utsett postpone")
	cmdAnsWeak       = wordSet("svar svaret svara svarene svarane answer answers reply replies response responses")
	cmdYesNo         = wordSet("ja nei kanskje yes no maybe")
	cmdSignedUpTo    = wordSet("meldt meldte")
	cmdSignedUp      = wordSet("pameldt pamelde pameldte signed coming kommer kjem attending deltakere deltakarar")
	cmdLogArticle    = wordSet("en ein ei a the min mi mitt my one dobbel duplicate siste last forrige")
	cmdRegisterVerbs = wordSet("registrere registrera registrerer registrerar registrerte registrert registered registering")
	cmdRegionNouns   = wordSet("region regionen regioner regionar regionene regionane regions")
	// cmdMentNouns: mentoring and its log as a thing (not "logge inn").
	cmdMentNouns = []string{"veiled", "veiler", "rettlei", "mentor", "okt", "session", "guidance", "coaching", "oppforing", "entries", "entry", "loggen", "loggane", "loggene", "logs",
		// the log's minutes: "logget feil antall minutter igår, kan jeg
		// rette det?" (validation40) is a mentoring entry, not a headcount
		"minutt", "minute"}
	// cmdArticles may stand between "lag" and the gathering it makes.
	cmdArticles = wordSet("en ei et eit ein a an the ny nye new nasjonal nasjonale national regional regionale digital digitale fysisk fysiske")
	// cmdPron: the askers a tool question has; "kan vi …" asks the
	// programme's rules.
	cmdPron = wordSet("jeg eg je i du you man")
)

// cmdAsker: a pronoun of the asker or the askers ("få vi opp", "gi jeg
// beskjed", "ser me samlingane"), cmdPron and the plural.
func cmdAsker(w string) bool { return cmdPron[w] || w == "vi" || w == "me" || w == "we" }

// cmdHelp recognises a question about using one of the commands and
// names its help text (a liveMsgs key, or "faq:<id>").
func cmdHelp(text, n string, f feat) (string, bool) {
	ws := strings.Fields(n)
	if len(ws) == 0 || len(ws) > 20 {
		return "", false
	}
	// "kva skjer om eg berre skriv /rsvp utan noko meir?": the FAQ's
	// entry on commands typed bare.
	bare, without := false, false
	for _, w := range ws {
		switch w {
		case "bare", "berre", "just", "only":
			bare = true
		case "uten", "utan", "without", "alene", "aleine", "alone":
			without = true
		}
	}
	// "/samling ny uten argumenter", "just type /samling ny with no
	// arguments": without its arguments is bare too.
	for i, w := range ws[:len(ws)-1] {
		switch w {
		case "uten", "utan", "without", "no", "ingen", "inga":
			if cmdArgWord(ws[i+1]) {
				bare, without = true, true
			}
		}
	}
	bare = bare && without
	// "eg skreiv Herøy i /rsvp og no spør boten kva for ein": the bot
	// asked back about a name, whatever command it was typed in.
	if askedBack(ws) {
		return "faq:kommunenavn", true
	}
	if route, verb, ok := slashCommand(text); ok {
		if bare && f&fName != 0 {
			// "hva skjer om jeg bare skriver /samling ny uten noe mer":
			// a command alone opens a form or a list (live.how.form).
			return "live.how.form", true
		}
		return cmdKey(route, verb), true
	}
	// ("sei ja te samlinga" answers, though "sei" alone is no action.)
	if f&wRule != 0 || f&actionMask == 0 && f&(fCal|fExp) == 0 && !getsUp(ws) && !(f&fAtt != 0 && cmdAskedAtEnd(n)) && !saysYesNo(ws) {
		return "", false
	}
	if notHowRE.MatchString(n) && !fieldAmountRE.MatchString(n) && !inBotAmountRE.MatchString(n) || whenFirstRE.MatchString(n) {
		return "", false
	}
	switch ws[0] {
	case "hvem", "kven", "who", "hva", "kva", "what", "hvorfor", "kvifor", "why", "nar", "when", "er", "is", "are", "har", "has", "have":
		// (Unless a later "kan jeg <gjøre>" asks for the tool: "har
		// allerede svart ja men …, kan jeg endre?")
		if !laterToolAsk(ws) {
			return "", false
		}
	}
	// A command named by its word and a word about using it: "hvordan
	// bruker jeg rsvp-kommandoen", "veiledning syntaks".
	cmdTables()
	for i, w := range ws {
		r, ok := cmdRoutes[w]
		if !ok || r == "faq" {
			continue
		}
		near := false
		for _, x := range ws[max(0, i-3):min(len(ws), i+3)] {
			near = near || cmdAboutWords[x]
		}
		if near {
			verb := ""
			if i+1 < len(ws) {
				verb = cmdVerbs[r][ws[i+1]]
			}
			return cmdKey(r, verb), true
		}
	}
	// Another tool's how-to ("hvordan logger jeg inn på Teams",
	// "pivottabell i excel", "signatur i outlook"), feedback on an
	// answer of the bot's (the 👍/👎 buttons): not a command of ours.
	for i, w := range ws {
		if cmdOtherTool(w) || (w == "logge" || w == "logger" || w == "loggar" || w == "log" || w == "logg") && i+1 < len(ws) && (ws[i+1] == "inn" || ws[i+1] == "in" || ws[i+1] == "on" || ws[i+1] == "pa") {
			return "", false
		}
		if (w == "svar" || w == "svaret" || w == "answer" || w == "answers" || w == "svara") && i+2 < len(ws) && (ws[i+1] == "fra" || ws[i+1] == "fraa" || ws[i+1] == "from") &&
			(ws[i+2] == "boten" || ws[i+2] == "deg" || ws[i+2] == "you" || ws[i+2] == "the" || ws[i+2] == "kulturbot") {
			return "", false
		}
	}
	// The action and how it is asked ("legge inn en ny samling" makes
	// one).
	// "finner ikke svar på det jeg lurer på – hvem kan jeg kontakte?":
	// no answer found to a question, not the answers to a gathering.
	if f&fGath == 0 && noAnswerFoundRE.MatchString(n) {
		return "", false
	}
	act, at := cmdAction(ws)
	// "I already answered yes for our kommune but now only 2 people can
	// come. how to change it?": after an answer already given, the action
	// the how-frame asks about, not the answering the background names.
	// Otherwise only when the message ends by asking how to do it to what
	// it told ("… men Askvoll har trekt seg. korleis endrar eg det?", "…
	// is cancelled due to weather - how does the admin cancel it in the
	// bot?", "skrev feil antall minutter på forrige logg. hvordan retter
	// jeg det?"): "eg ser ingen samlingar … kor finn eg dei som kjem" asks
	// about other things than it told.
	if at >= 0 && !cmdFramed(ws, at) {
		yes := answeredYesNo(ws)
		for k := at + 1; k < len(ws); k++ {
			if a := wordFeats(ws[k]) & actionMask; a != 0 && cmdFramed(ws, k) && (yes || onlyItAfter(ws[k+1:])) {
				act, at = a, k
				break
			}
		}
	}
	for i, w := range ws {
		if (w == "ny" || w == "nye" || w == "new") && !newAsRole(ws, i) {
			act |= aCreate
		}
	}
	var actAll feat
	for _, w := range ws {
		actAll |= wordFeats(w) & actionMask
	}
	if at < 0 {
		// "hvordan får jeg samlingene inn i outlook", "kan eg få svara
		// som rekneark": the object says the tool.
		// "ut fra hva" (based on what) holds "ut" and is no export.
		if (f&(fCal|fExp) == 0 || f&fCal == 0 && onlyExportUtFra(ws) || !cmdFramedStart(ws)) && !(cmdAskedAtEnd(n) && f&fAtt != 0) {
			return "", false
		}
	} else if !cmdFramed(ws, at) && !yesNoAsked(ws, at) && !cmdAskedAtEnd(n) {
		return "", false
	}
	has := func(set map[string]bool) bool {
		for _, w := range ws {
			if set[w] {
				return true
			}
		}
		return false
	}
	csv := false
	for _, w := range ws {
		switch {
		case w == "csv" || w == "excel" || strings.HasPrefix(w, "regneark") || strings.HasPrefix(w, "rekneark") || strings.HasPrefix(w, "spreadsheet"):
			csv = true
		}
	}
	intr, who := has(cmdIntNouns), has(cmdWhoWords)
	// "Jeg kom i skade for å registrere Vestby i stedet for Enebakk.
	// Hvordan retter jeg det?": registering municipalities (named, or
	// "kommunene"), with no gathering and no mentoring named, is the
	// county's interest (split 58) — not "registrere en ny elev".
	// (Not who comes: "hvordan registrerer jeg at vi kommer 4 stk".)
	if !intr && f&(fGath|fMent) == 0 && !comesAfter(ws) && !headcountRE.MatchString(n) {
		intr = registersNamed(text, f&fMun != 0)
	}
	// "kommunene vi meldte inn": the municipalities registered, the
	// county's interest (not an answer to a gathering, which names one).
	// ("det vi allerede har meldt inn": what we registered, named or not.)
	// ("vi meldte på sunnfjord-kommunane men …": municipalities signed
	// up with no gathering named are the interest too.)
	intr = intr || f&fGath == 0 && f&fMun != 0 && (strings.Contains(n, " meldte inn ") || strings.Contains(n, " meldt inn ") || strings.Contains(n, " melde inn ")) ||
		f&fGath == 0 && (weRegisteredRE.MatchString(n) || munSignedUpRE.MatchString(n))
	gath := f&fGath != 0
	// "svar"/"answer" is an answer to a gathering when the question says
	// which (a gathering, yes/no, a municipality); "rsvp", "påmelding",
	// headcount and beds always are.
	// "vi har meldt 2 til samlingen men blir 3": signed up for a
	// gathering is an answer to it (not "vi meldte feil kommune", which
	// may be the interest).
	// "we are 3 persons from hamar not 2", "i already answered that we
	// are 3 people coming but now we are 5", "og hvis vi blir færre?":
	// a headcount told is an answer to a gathering (asked in splits 55,
	// 56, 57, 59 and 60 and never read as one).
	ans := has(cmdAnsNouns) || has(cmdAnsWeak) && (gath || has(cmdYesNo) || f&fMun != 0) || has(cmdSignedUpTo) && gath || answeredYesNo(ws) || headcountRE.MatchString(n)
	ment := false
	for i, w := range ws {
		ment = ment || hasAnyPrefix(w, cmdMentNouns) ||
			// "sletter jeg en logg som ble lagt inn dobbelt", "fix a log":
			// the log as a noun, after an article (split 59).
			(w == "logg" || w == "log") && i > 0 && cmdLogArticle[ws[i-1]]
	}
	obj := ans || intr || ment || gath || f&fAtt != 0
	cal := false
	for _, w := range ws {
		switch {
		case w == "ics" || w == "ical" || strings.HasPrefix(w, "kalenderlenk") || strings.HasPrefix(w, "kalenderlink"):
			cal = true
		case f&fCal != 0 && (gath || strings.HasPrefix(w, "dato") || w == "dates" || w == "boten" || w == "bot" || cmdRegionNouns[w]):
			cal = true
		}
	}
	switch {
	case (csv || act&aExport != 0) && obj:
		return "live.how.eksport", true
	case cal || act&aSubscribe != 0 && gath:
		return "faq:kalender", true
	case f&fData != 0 && (strings.Contains(n, " om meg ") || strings.Contains(n, " about me ") || strings.Contains(n, " mine data ") ||
		strings.Contains(n, " dataene mine ") || strings.Contains(n, " my data ") || strings.Contains(n, " personopplys")):
		return "live.how.data", true
	case f&fMun != 0 && act&(aSet|aChange) != 0 && ownMunicipality(n):
		return "live.how.kommune", true
	case f&fQst != 0 && (has(cmdOpenWords) || ansVerb(ws, at)):
		// "hvor svarer admin på spørsmål boten ikke kunne svare på":
		// answering the questions is the working group's queue.
		return "live.how.sporsmal", true
	case has(cmdRegionNouns) && !gath && !(regionIsPlace(ws) && (ans || ment || intr || ansVerb(ws, at))):
		// "kan eg svare på rsvp for nabokommunen i same region": the
		// region says where, the answer is the object.
		return "live.how.region", true
	case ment && act&(aLog|aList|aChange|aDelete|aCreate|aAdd|aExport|aSet) != 0 && !reflexiveAfter(ws, at):
		return "live.how.veiledning", true
	case ans && act&aDelete != 0, ans && !gath && act&(aCancel|aWithdraw) != 0 && !intr:
		// "how do I cancel our rsvp": take the answer back.
		return "live.how.rsvpslett", true
	// "og svarfrist for samlingen, hvordan setter jeg den?": the admin's
	// frist= on /samling ny or endre.
	case gath && f&fDead != 0 && act&(aSet|aCreate|aAdd|aChange) != 0 && at >= 0 && !cmdTellWords[ws[at]]:
		return "faq:samling-admin", true
	case gath && act&aList != 0 && actAll&aAnswer != 0 && !who && !has(cmdAnsPlural):
		// "how do I see upcoming gatherings and answer"
		return "live.how.rsvp", true
	case gath && act&aList != 0 && f&fAtt == 0 && (upcomingGatherings(ws) || gatheringsAfter(ws, at)) && !has(cmdWhoPerson):
		// "hvordan ser jeg hvilke samlinger som kommer?", "how i see the
		// list of gatherings coming": the gatherings ahead, which /rsvp
		// lists with its buttons; "kommer" says upcoming here, not who
		// comes (that is "hvem kommer på samlingen").
		return "live.how.rsvp", true
	case (ans || gath) && act&aList != 0 && (who || f&fAtt != 0 || has(cmdSignedUp)):
		return "live.how.deltakere", true
	case f&fAtt != 0 && act&aList != 0:
		return "live.how.deltakere", true
	// "Trenger deltakerlista for samling #2 … Kommando?"
	case f&fAtt != 0 && at < 0 && cmdAskedAtEnd(n):
		return "live.how.deltakere", true
	case ans && act&(aAnswer|aChange|aAdd|aSet|aCreate) != 0:
		return "live.how.rsvp", true
	// "hvordan ser jeg påmeldingene til samling 1": the attendee list.
	case ans && gath && act&aList != 0:
		return "live.how.deltakere", true
	// "vi blir 5 fra Nord-Fron, hvordan svarer jeg for kommunen": to
	// answer, for a municipality, is /rsvp.
	case ansVerb(ws, at) && !intr && f&fQst == 0 && answersFor(ws) && !answersThat(ws, at):
		return "live.how.rsvp", true
	// "vet ikke om vi kommer enda, kan man svare kanskje?": an answer's
	// word after the verb is an answer to a gathering.
	case yesNoAsked(ws, at) && !intr && f&fQst == 0:
		return "live.how.rsvp", true
	case intr && act != 0:
		return "live.how.interesse", true
	case gath && act&(aCancel|aDelete) != 0, gath && has(cmdMoveWords):
		return "live.how.avlys", true
	case gath && act&aCreate != 0 && createsGathering(ws):
		return "faq:samling-admin", true
	case gath && act&aAnswer != 0:
		return "live.how.rsvp", true
	case gath && act&aChange != 0:
		return "live.how.avlys", true
	case f&fCmd != 0 && act&aList != 0 && (strings.Contains(n, " kommando") || strings.Contains(n, " command")):
		return "live.can", true
	}
	return "", false
}

// registersNamed: text registers municipalities — a registering verb
// with a municipality word (mun) or a name typed with a capital within
// three words after it ("registrere Vestby i stedet for Enebakk").
func registersNamed(text string, mun bool) bool {
	fs := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range fs {
		if !cmdRegisterVerbs[strings.TrimSpace(liveNorm(w))] {
			continue
		}
		if mun {
			return true
		}
		for _, x := range fs[i+1 : min(len(fs), i+4)] {
			if startsUpper(x) {
				return true
			}
		}
	}
	return false
}

// headcountRE: a number of people coming told (liveNorm text).
var headcountRE = relit.MustCompile(` (we|vi|me|jeg|eg) (are|er|e|blir|bli|vert|will be|ll be|re) (actually |now |no |na |naa |bare |berre |only |just |heller |rather )?([0-9]+|two|three|four|five|six|seven|eight|tre|fire|fem|seks|sju|atte|atta|ni|ti)( |$)` +
	`| [0-9]+ (people|persons|personer|stk|folk|deltakere|deltakarar|participants)( |$)| (not|ikke|ikkje|istedenfor|instead of) [0-9]+( |$)` +
	`| (wrong|feil) (number|antall|tal|talet|headcount)( |$)| (blir|vert|are|will be) (faerre|farre|flere|fleire|fewer|more)( |$)`)

// onlyExportUtFra: the only export word of ws is "ut" of "ut fra" /
// "ut ifrå" (on the basis of), a preposition, not getting data out.
func onlyExportUtFra(ws []string) bool {
	found := false
	for i, w := range ws {
		if wordFeats(w)&fExp == 0 {
			continue
		}
		if w == "ut" && i+1 < len(ws) && (ws[i+1] == "fra" || ws[i+1] == "ifra" || ws[i+1] == "i") {
			found = true
			continue
		}
		return false
	}
	return found
}

// cmdArgWord: a word for what a command is typed with.
func cmdArgWord(w string) bool {
	for _, p := range []string{"argument", "arg", "parameter", "parametr", "felt", "field", "verdi", "value"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// getsUpAt: ws[i] opens "få (jeg) opp", "pull up", "get up" — to have
// something shown.
func getsUpAt(ws []string, i int) bool {
	switch ws[i] {
	case "fa", "far", "faa", "faar", "get", "pull", "bring":
	default:
		return false
	}
	k := i + 1
	if k < len(ws) && cmdAsker(ws[k]) {
		k++
	}
	return k < len(ws) && (ws[k] == "opp" || ws[k] == "up")
}

// getsUp: ws holds getsUpAt somewhere.
func getsUp(ws []string) bool {
	for i := range ws {
		if getsUpAt(ws, i) {
			return true
		}
	}
	return false
}

// yesNoAsked: "kan man/jeg svare kanskje/nei …", "can I answer maybe":
// whether an answer's word may be given, asked after any context ("vet
// ikke om vi kommer enda, …").
func yesNoAsked(ws []string, at int) bool {
	return ansVerb(ws, at) && at >= 2 && at+1 < len(ws) && cmdYesNo[ws[at+1]] && ws[at+1] != "no" &&
		wordFeats(ws[at-2])&wModal != 0 && cmdPron[ws[at-1]]
}

// cmdAskedAtEnd: the message ends by asking for the command ("…,
// hvilken kommando?", "Kommando?", "what's the command?"): what comes
// before it is the task.
func cmdAskedAtEnd(n string) bool { return cmdAtEndRE.MatchString(n) }

var cmdAtEndRE = relit.MustCompile(` (hvilken|hvilke|kva|kva for|which|what|what s the|whats the|hva er|kva er)? ?(kommando|kommandoen|command|cmd)( (do i use|skal jeg bruke|bruker jeg|brukar eg|er det|is it|is that))? $` +
	// "Vi vil melde inn Gjøvik og Hamar. hvordan gjør jeg det i boten?":
	// the action said before, asked of the bot at the end.
	// ("ska me sei ja te samlinga, koss gjer eg de?": the task says the
	// bot's own action, so the bot need not be named.)
	`| (hvordan|korleis|koss|kossen|how) (gjor|gjer|do|can) (jeg|eg|e|vi|me|i|we) (gjore |gjere |do )?(det|de|that|this|it)( i boten| in the bot| med boten| with the bot| her i boten| here in the bot)? $`)

// answeredYesNo: "svart ja", "answered yes", "sagt nei": an answer
// already given to a gathering.
func answeredYesNo(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		switch ws[i] {
		// ("eg trykte ja på feil samling": the button pressed is the answer.)
		// ("i say yes for samling 4 but now i cannot come": the present
		// tense of English typed as a second language, splits 95, 98.)
		case "svart", "svara", "svarte", "answered", "said", "sagt", "sa", "replied", "say", "says", "sayed", "answer", "answerd",
			"trykte", "trykket", "trykka", "trykt", "klikket", "klikka", "klikte", "clicked", "pressed", "tapped", "hit":
			if cmdYesNo[ws[i+1]] && ws[i+1] != "no" || ws[i+1] == "no" && ws[i] != "sa" {
				return true
			}
		}
	}
	return false
}

// laterToolAsk: past the first word, a modal, a pronoun of the asker and
// an action word ("kan jeg endre", "can I change") ask for a tool.
func laterToolAsk(ws []string) bool {
	for i := 1; i+2 < len(ws); i++ {
		if wordFeats(ws[i])&wModal != 0 && cmdPron[ws[i+1]] && wordFeats(ws[i+2])&actionMask != 0 {
			return true
		}
	}
	return false
}

// comesAfter: ws says someone comes or not ("at vi kommer", "om me kjem").
func comesAfter(ws []string) bool {
	for _, w := range ws[:min(len(ws), 8)] {
		switch w {
		case "kommer", "kjem", "komme", "kome", "deltar", "deltek", "delta":
			return true
		}
	}
	return false
}

// noAnswerFoundRE: the asker found no answer (in the FAQ, from the bot).
var noAnswerFoundRE = relit.MustCompile(` (finner|finn|finne|fant|fann|far|faar|fa|fikk|fekk|find|found|get|got|cant find|can t find|couldn t find|didn t find|didnt find) (ikke|ikkje|ikkje noko|inga|ingen|not|no|any)?( noe| noko| an| a| any| the)? ?(svar|svaret|svara|answer|answers)( |$)`)

// cmdWhoPerson asks who (a person or a municipality), not which thing.
var cmdWhoPerson = wordSet("hvem kven who")

// cmdUpcoming says a gathering is ahead, next to the gathering word.
var cmdUpcoming = wordSet("kommende komande upcoming coming framover fremover planlagte planlagde planned neste next")

// upcomingGatherings: ws names the gatherings ahead — "(hvilke) samlinger
// (som) kommer", "samlingar som er planlagde framover", "the upcoming
// gatherings", "gatherings coming" — rather than who comes to one. A
// gathering word holds a word of cmdUpcoming, or "kommer"/"kjem" after
// "som" or "that/which are", within three words.
func upcomingGatherings(ws []string) bool {
	for i, w := range ws {
		// "hvilke kommuner som kommer på neste samling": who comes to it.
		if (w == "kommer" || w == "kjem" || w == "coming" || w == "komme" || w == "kome") && i+1 < len(ws) &&
			(ws[i+1] == "pa" || ws[i+1] == "til" || ws[i+1] == "to") {
			return false
		}
	}
	for i, w := range ws {
		if !isGatheringWord(w) {
			continue
		}
		for j := max(0, i-2); j < min(len(ws), i+5); j++ {
			x := ws[j]
			switch {
			case j != i && cmdUpcoming[x]:
				return true
			case j > i && (x == "kommer" || x == "kjem") && j-i <= 3 && ws[j-1] == "som":
				return true
			}
		}
	}
	return false
}

// gatheringsAfter: the gatherings themselves are what ws asks to see
// ("hvordan ser jeg samlingene", "how do I see the gatherings"): the
// words after the action at are a pronoun or an article at most, then a
// gathering word in the plural, and the question ends there.
func gatheringsAfter(ws []string, at int) bool {
	if at < 0 {
		return false
	}
	rest := ws[at+1:]
	for len(rest) > 1 && (cmdAsker(rest[0]) || rest[0] == "the" || rest[0] == "alle" || rest[0] == "all" || rest[0] == "de" || rest[0] == "dei") {
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return false
	}
	switch rest[0] {
	case "samlingene", "samlingane", "samlinger", "samlingar", "gatherings":
	default:
		return false
	}
	// "… samlingane vi er inviterte til", "the gatherings we're invited
	// to": whose they are, nothing more.
	for _, w := range rest[1:] {
		if !gatheringsOfOurs[w] {
			return false
		}
	}
	return true
}

var gatheringsOfOurs = wordSet("vi me we er are re invitert inviterte invited til to for oss us var vare vart vaare our som that kommer kjem coming")

// isGatheringWord: a word of the lexicon's gathering topic.
func isGatheringWord(w string) bool { return wordFeats(w)&fGath != 0 }

// cmdAction is the first action word of ws (its bits and index, -1 for
// none). "ta/tar … ut/bort" is removing, "ta/tar … med/inn" adding; "si
// ja" answering.
func cmdAction(ws []string) (feat, int) {
	for i, w := range ws {
		// "kan jeg få opp kommunene vi meldte inn", "pull up my logs":
		// to have them shown.
		if getsUpAt(ws, i) {
			return aList, i
		}
		if w == "ta" || w == "tar" || w == "take" {
			for _, x := range ws[i+1 : min(len(ws), i+5)] {
				switch x {
				case "ut", "bort", "out", "away", "vekk":
					return aDelete, i
				case "med", "inn", "in":
					return aAdd, i
				}
			}
			continue
		}
		// "kvar si fylkesavdeling", "hver sin kommune": a possessive,
		// not "si" (say) — it made "kan vi vere ein region saman sjølv
		// om vi høyrer til kvar si fylkesavdeling?" a command (blind90).
		if (w == "si" || w == "sin" || w == "sitt" || w == "sine") && i > 0 && (ws[i-1] == "kvar" || ws[i-1] == "hver" || ws[i-1] == "kvart" || ws[i-1] == "hvert") {
			continue
		}
		// "hvordan gir jeg beskjed om at kommunen vår kommer på en
		// samling": to tell the bot who comes is to answer, not "gi" (give)
		// a gathering a change.
		if w == "gi" || w == "gir" || w == "gje" || w == "gjer" {
			k := i + 1
			if k < len(ws) && cmdAsker(ws[k]) {
				k++
			}
			if k < len(ws) && (ws[k] == "beskjed" || ws[k] == "melding") && comesAfter(ws[k+1:]) {
				return aAnswer, i
			}
		}
		if saysYesNoAt(ws, i) {
			return aAnswer, i
		}
		// "registered interest last week": "last" is Norwegian "laste"
		// (download) only when no time word follows.
		if w == "last" && i+1 < len(ws) && lastTimeWords[ws[i+1]] {
			continue
		}
		// "ny som veileder her": new in a role, nothing to make.
		if newAsRole(ws, i) {
			continue
		}
		if a := wordFeats(w) & actionMask; a != 0 {
			return a, i
		}
	}
	return 0, -1
}

// newAsRole: ws[i] is "ny"/"new" of "ny som veileder", "new as a
// mentor" — the asker new in a role, not a new thing to make.
func newAsRole(ws []string, i int) bool {
	switch ws[i] {
	case "ny", "nye", "new":
		return i+1 < len(ws) && (ws[i+1] == "som" || ws[i+1] == "as")
	}
	return false
}

// onlyItAfter: ws is a pronoun for the thing told before, perhaps with
// where ("det", "it in the bot").
func onlyItAfter(ws []string) bool {
	// ("korleis endrar eg det": the subject after the verb.)
	if len(ws) > 1 && cmdAsker(ws[0]) {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "det", "de", "den", "dei", "dem", "it", "that", "this", "them":
	default:
		return false
	}
	return len(ws) == 1 || onlyWords(" "+strings.Join(ws[1:], " ")+" ", howTailWords)
}

// saysYesNoAt: ws[i] says an answer's word ("si ja", "sei nei", "say
// maybe").
func saysYesNoAt(ws []string, i int) bool {
	if w := ws[i]; (w == "say" || w == "si" || w == "sei") && i+1 < len(ws) {
		switch ws[i+1] {
		case "ja", "nei", "kanskje", "yes", "no", "maybe":
			return true
		}
	}
	return false
}

// saysYesNo: some word of ws says an answer's word.
func saysYesNo(ws []string) bool {
	for i := range ws {
		if saysYesNoAt(ws, i) {
			return true
		}
	}
	return false
}

var lastTimeWords = wordSet("week weeks year month time night day monday tuesday wednesday thursday friday autumn spring summer winter round meeting gathering samling")

// cmdFramed: the words before ws[at] ask for a tool — nothing (an
// imperative), or a how-word, "hvor", "kan jeg/du" with only filler words
// between it and the action.
//
// Read backwards from the action, so what comes before the how-word is
// context, not part of the frame: "vi blir 5 fra Nord-Fron, hvordan
// svarer jeg for kommunen", "og overnatting, kor legg eg inn det?".
func cmdFramed(ws []string, at int) bool {
	if at == 0 {
		// An action first is an imperative ("slett samling 3"), but
		// not with "you" after it: "Bruker dere noe annet dokument enn
		// rammeverket …?" asks what the programme does (split 121).
		return len(ws) < 2 || !youAfterVerb[ws[1]]
	}
	pron, modal := false, false
	for i := at - 1; i >= 0; i-- {
		w := ws[i]
		b := wordFeats(w)
		switch {
		case b&(wHow|wWhere) != 0 || howWords[w]:
			// Context before a how-word, but not another question
			// ("hvem bør jeg spørre, og hvordan …" asks who).
			for _, x := range ws[:i] {
				if cmdQuestionWords[x] {
					return false
				}
			}
			return true
		case b&wModal != 0:
			// "kan jeg …": framed when nothing but filler comes before —
			// or only context ("har allerede svart ja men nå kan vi ikke
			// likevel, kan jeg endre?"), unless another question asks.
			modal = modal || pron
			if pron && i+1 == at-1 {
				for _, x := range ws[:i] {
					if cmdQuestionWords[x] {
						return false
					}
				}
				return true
			}
		case cmdPron[w]:
			pron = true
		case w == "please" || w == "pls" || w == "vennligst" || w == "gjerne" || greetingFirst[w]:
		case b&wFiller != 0 || howFillers[w]:
		default:
			return false
		}
	}
	return modal
}

// fieldAmountRE: "må jeg oppgi hvor lenge veiledningen varte" asks
// about a command's field (minutter=), not an amount of the programme's.
var fieldAmountRE = relit.MustCompile(` (oppgi|oppgje|angi|skrive inn|skriva inn|fylle inn|fylle ut|enter|specify|state|include|registrere|record|log|logge) (hvor|kor|how) (mange|many|lenge|long|mye|much)( |$)`)

// weRegisteredRE: what "we" have registered ("det vi allerede har meldt
// inn", nynorsk "vi melde inn Sunnfjord"), the county's interest when no
// gathering is named.
var weRegisteredRE = relit.MustCompile(` (vi|me|we)( har| hadde| have| had)?( allerede| alt| already)?( har| hadde| have| had)? (meldt|meldte|melde) inn `)

// munSignedUpRE: municipalities in the plural signed up ("meldte på
// sunnfjord-kommunane", "meldt inn tre kommuner").
var munSignedUpRE = relit.MustCompile(` (meldte|meldt|melde|melder) (pa|inn) (\S+ ){0,2}?(kommunene|kommunane|kommuner|kommunar)( |$)`)

// inBotAmountRE is an amount looked up in the bot ("kan jeg se i boten
// hvor mye veiledning Skien har fått"): the list that shows it, not the
// programme's figure.
var inBotAmountRE = relit.MustCompile(` (se|sja|sjaa|sjekke|sjekka|finne|see|check|find|look up) (i boten|in the bot|i kulturbot|in kulturbot|med boten|with the bot) (hvor|kor|how) (mange|mykje|mye|many|much|lenge|long) `)

// cmdTellWords ask to be told, not to set: "can you tell me the deadline".
var cmdTellWords = wordSet("tell tells si sier seie seier fortell fortel forteller")

// cmdAnsPlural: the answers given, as a thing to see ("the answers for
// gathering 2"), not the act of answering.
var cmdAnsPlural = wordSet("answers replies responses rsvps svarene svarane pameldingene pameldingane pameldinger pameldingar")

// cmdQuestionWords open a question that is not a how-to.
var cmdQuestionWords = wordSet("hvem kven who hva kva what hvorfor kvifor why nar when hvilken hvilke hvilket which")

// answersFor: the answer is given for a municipality ("for kommunen",
// "on behalf of Bodø") or says who comes ("vi blir 5"), not "hvordan
// svarer kommunen på hva den vil jobbe med".
func answersFor(ws []string) bool {
	for i, w := range ws {
		if w != "" && w[0] >= '0' && w[0] <= '9' || cmdYesNo[w] {
			return true
		}
		if (w == "for" || w == "vegne" || w == "behalf") && i+1 < len(ws) {
			for _, x := range ws[i+1 : min(len(ws), i+3)] {
				if wordFeats(x)&fMun != 0 {
					return true
				}
			}
		}
	}
	return false
}

// answersThat: the answer's object is "det", "dette", "that", "this" or
// "it" — answering something said before ("Kommunestyret kommer til å
// spørre «hva får kommunen igjen?». Hvordan bør jeg svare på det, og
// hvilken verdi har det for fylket?", split 84), not a gathering.
func answersThat(ws []string, at int) bool {
	for i := at + 1; i < len(ws) && i <= at+2; i++ {
		switch ws[i] {
		case "pa", "paa", "to", "on":
			continue
		case "det", "dette", "that", "this", "it":
			return true
		}
		return false
	}
	return false
}

// ansVerbs: answering a gathering, as a verb.
var ansVerbs = wordSet("svare svarer svara svarar svar answer answering reply respond rsvp")

// ansVerb: the action at ws[at] is answering.
func ansVerb(ws []string, at int) bool {
	return at >= 0 && ansVerbs[ws[at]]
}

// regionIsPlace: every region noun of ws follows "i/in/fra/from/innen/
// within/samme/same" — where, not what.
func regionIsPlace(ws []string) bool {
	found := false
	for i, w := range ws {
		if !cmdRegionNouns[w] {
			continue
		}
		found = true
		place := false
		for _, x := range ws[max(0, i-3):i] {
			switch x {
			case "i", "in", "fra", "fraa", "from", "innen", "innan", "within", "samme", "same", "var", "vaar", "our", "inside":
				place = true
			}
		}
		if !place {
			return false
		}
	}
	return found
}

// rsvpMeant: "hvordan sletter jeg en påmelding (til samlingen)". With no
// word of the interest registration (interesse, fylke, programmet, the
// municipalities in the plural), deleting or withdrawing a påmelding is
// taking back a municipality's answer to a gathering, not the county's
// registration.
func rsvpMeant(n string) bool {
	if !strings.Contains(n, " pamelding") {
		return false
	}
	for _, s := range []string{"interess", "fylke", "program", " kommunene ", " kommunane ", " kommuner ", " kommunar ", "county", "counties"} {
		if strings.Contains(n, s) {
			return false
		}
	}
	// Named with its gathering, it is an answer; otherwise only deleting
	// one ("slette en påmelding som er feil") is — withdrawing "our"
	// påmelding ("trekke påmeldinga vår") is the county's registration
	// (/interesse trekk).
	gath := strings.Contains(n, " samling") || strings.Contains(n, " gathering") || strings.Contains(n, " treff")
	ours := strings.Contains(n, " var ") || strings.Contains(n, " vart ") || strings.Contains(n, " vaar ") || strings.Contains(n, " our ")
	for _, w := range strings.Fields(n) {
		b := wordFeats(w)
		if b&aDelete != 0 && (gath || !ours) || b&aWithdraw != 0 && gath {
			return true
		}
	}
	return false
}

// askedBack: the bot asked back about something typed ("jeg skrev Herøy
// og boten spør tilbake", "fekk eit spørsmål tilbake", "it asked which
// one").
func askedBack(ws []string) bool {
	typed, ask, back := false, false, false
	for i, w := range ws {
		switch w {
		case "skrev", "skreiv", "skriv", "skriver", "typed", "type", "wrote", "write", "provde", "prove", "tried", "brukte", "used":
			typed = true
		case "spor", "spurte", "spurde", "sporsmal", "question", "asks", "asked", "asking", "ask":
			ask = true
		case "tilbake", "back", "hvilken", "hvilke", "which":
			back = back || ask
		case "kva", "kven":
			back = back || ask && i+1 < len(ws) && (ws[i+1] == "for" || ws[i+1] == "av")
		}
	}
	return typed && ask && back
}

// youAfterVerb: "you" as the subject of a question opening with its verb.
var youAfterVerb = wordSet("dere du dokker dykk you")

// cmdFramedStart: the question opens with a how-word, "hvor", or "kan
// jeg/du" ("korleis får eg …", "kan eg få …").
func cmdFramedStart(ws []string) bool {
	if len(ws) < 2 {
		return false
	}
	if b := wordFeats(ws[0]); b&(wHow|wWhere) != 0 || howWords[ws[0]] {
		return true
	}
	return wordFeats(ws[0])&wModal != 0 && cmdPron[ws[1]]
}

// ownMunicipality: "kommunen min", "which municipality I'm in": the
// asker's own municipality (/kulturbot kommune).
func ownMunicipality(n string) bool {
	for _, s := range []string{" kommunen min ", " min kommune ", " kommuna mi ", " my municipality ", " my kommune ",
		" hvilken kommune ", " kva kommune ", " which kommune ", " which municipality ", " what municipality ", " kva for kommune ", " egen kommune ", " eigen kommune ", " own municipality ",
		// "boten har feil kommune på meg": the municipality the bot has for me.
		" kommune pa meg ", " kommune for meg ", " municipality for me ", " municipality on me ", " kommune on me "} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// reflexiveAfter: "registrere oss for veiledning" is signing up for
// mentoring (the programme's), not logging it.
func reflexiveAfter(ws []string, at int) bool {
	if at < 0 {
		return false
	}
	for _, w := range ws[at+1 : min(len(ws), at+4)] {
		switch w {
		case "oss", "meg", "us", "ourselves", "seg":
			return true
		}
	}
	return false
}

// cmdOtherTool: a word naming another tool or its things.
func cmdOtherTool(w string) bool {
	return hasAnyPrefix(w, cmdOtherTools)
}

var cmdOtherTools = []string{"teams", "zoom", "visma", "webex", "sharepoint", "onedrive", "powerpoint", "signatur", "signature", "autosvar",
	"autoreply", "fravaersmeld", "pivot", "budsjett", "budget", "passord", "password", "innlogg", "login", "tilbakemeld", "feedback",
	// booking rooms and travel is done elsewhere ("book a meeting room in outlook")
	"book", "reserv", "moterom", "motesal"}

func hasAnyPrefix(w string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// createsGathering: the making verb's object is the gathering ("lag en
// ny samling"), not something for it ("lag en plan for samlinga").
func createsGathering(ws []string) bool {
	for i, w := range ws {
		if wordFeats(w)&(aCreate|aAdd) == 0 || cmdArticles[w] {
			continue
		}
		for _, x := range ws[i+1:] {
			if wordFeats(x)&fGath != 0 {
				return true
			}
			if !cmdArticles[x] && !howFillers[x] && x != "inn" && x != "opp" && x != "up" {
				break
			}
		}
	}
	return false
}

// cmdHelpOff turns the general recogniser off (KULTURBOT_LIVE_CMD=off),
// so its effect on a question set can be measured against the same tree.
var cmdHelpOff = os.Getenv("KULTURBOT_LIVE_CMD") == "off"

// regionExample is "/region ny navn=<navn> kommuner=\"A, B, C\"" for a
// question naming three or more municipalities of the register ("lag
// region med Bodø, Fauske og Saltdal"), the names as the register spells
// them and escaped; "" otherwise.
func (h *Handlers) regionExample(text string) string {
	if h.DB == nil {
		return ""
	}
	var names []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if r := []rune(w); len(r) < 2 || !unicode.IsUpper(r[0]) {
			continue
		}
		e, err := h.DB.ResolveMunicipality(w)
		if err != nil || seen[e.Name] {
			continue
		}
		seen[e.Name] = true
		names = append(names, e.Name)
	}
	if len(names) < 3 || len(names) > 30 {
		return ""
	}
	return `/region ny navn=<navn> kommuner="` + bot.Esc(strings.Join(names, ", ")) + `"`
}
