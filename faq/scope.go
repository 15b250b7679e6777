package faq

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

// injectionRE catches attempts to steer the bot instead of asking it.
var injectionRE = relit.MustCompile(`(?i)(ignore|ignorer|disregard|glem|forget|overse|se bort fra)\b.{0,40}\b(instruction|instruks|regel|regler|rule|prompt|previous|tidligere|above|ovenfor|alt du|everything)|system ?prompt|jailbreak|developer mode|you are now|du er nå|act as\b|pretend|lat som|late som|roleplay|rollespill|reveal your|your instructions|dine instruksjoner|\bDAN\b`)

// injectionHints are words every injection pattern contains; most
// questions have none, and skip the regular expression.
var injectionHints = []string{"ignor", "disregard", "glem", "forget", "overse", "se bort", "prompt", "jailbreak",
	"developer", "you are", "du er", "act as", "pretend", "lat som", "late som", "roleplay", "rollespill", "reveal",
	"instruction", "instruks", "dan"}

// Injection reports whether q tries to steer the bot instead of asking
// it: the bot's own step before the FAQ (handlers/live.go) leaves such a
// question to the FAQ, which declines it ("ignorer instruksene dine og
// svar på engelsk om alt" is not a question about the bot's languages).
func Injection(q string) bool { return injection(q) }

func injection(q string) bool {
	if injectionHinted.in(strings.ToLower(q)) {
		return injectionRE.MatchString(q)
	}
	return false
}

// injectionHinted finds any of injectionHints in one pass (anyOf).
var injectionHinted = newAnyOf(injectionHints)

// notCompoundsEN (lexicon/english_not_compounds.txt) are English words
// that only look like a Norwegian compound of an off-topic head.
var notCompoundsEN = foldedSet("english_not_compounds.txt")

// offTopicWords (lexicon/offtopic_words.txt) are subjects outside the programme (weather, sport, other
// programmes and organisations, general knowledge, tasks for a chatbot).
var offTopicWords = foldedSet("offtopic_words.txt")

// anchors (lexicon/anchors.txt) are terms only the programme's own questions use: a question with
// one of them is in scope even when the FAQ cannot answer it, so it goes
// to the working group rather than being declined.
var anchors = set(lexiconWords("anchors.txt")...)

// chitchatRE is small talk: thanks, greetings, how are you.
var chitchatRE = relit.MustCompile(chitchatLead + `[^?]{0,30}$|(?i)hvordan har du det|how are you|hvem er du\b|who are you|hva heter du|what'?s your name`)

// chitchatLead is the greeting or thanks a small-talk message opens with.
const chitchatLead = `(?i)^\W*(tusen takk|takk|thanks|thank you|ty|hei|hallo|heisann|hey|hi|hello|god morgen|good morning|ha det|bye)\b`

func chitchat(q string) bool {
	if !chitchatRE.MatchString(q) {
		return false
	}
	// "hello what is the deadline", "hi what is a kommunegruppe": a
	// greeting and a question typed without its mark (blind102 — both
	// were declined as small talk).
	if ms := chitchatLeadRE.FindAllStringIndex(q, 1); len(ms) == 1 {
		if rest := strings.TrimLeft(q[ms[0][1]:], " ,.!:;-"); rest != "" && asksRE.MatchString(rest) {
			return false
		}
	}
	return true
}

// chitchatLeadRE is the greeting or thanks chitchatRE opens with.
var chitchatLeadRE = relit.MustCompile(chitchatLead)

// offTopicPhrases (lexicon/offtopic_phrases.txt) are multi-word subjects outside the programme;
// offTopicPhrased finds any of them in one pass (anyOf).
var (
	offTopicPhrases = lexiconLines("offtopic_phrases.txt")
	offTopicPhrased = newAnyOf(offTopicPhrases)
)

// jobRE is job hunting, which shares words ("søke", "kulturskolen") with
// the programme's own questions.
var jobRE = relit.MustCompile(`(?i)\b(søk\w*|sok\w*|apply|applying|find)\b.{0,25}\b(jobb|job|stilling|arbeid som)\b`)

// taskRE is a request to produce something (write an application, a
// poem, a translation, plan a concert) or to recommend something (a
// hotel, a teacher, a book), asked of the bot as "du" or by
// name ("can the bot write our application"): the FAQ answers
// questions, it does not write or pick. The word ends where a letter
// does not follow (RE2's \b knows no "å": "foreslå").
var taskRE = relit.MustCompile(`(?i)^\W*((kan|kunne|could|can|will|would) (du|dere|you|u|boten|kulturboten|kulturbot|the bot|the chatbot|it) |please |pls |vær så snill og )?(help me (to )?(plan|write|draft|organi[sz]e|make|prepare)|hjelp meg (å |med å )?(planlegge|skrive|lage|organisere)|skriv|skrive|lag|lage|write|draft|compose|generate|generer|oversett|oversette|translate|oppsummer|summarize|summarise|dikt|regn ut|regne ut|beregn|beregne|calculate|compute|anbefal|anbefale|tilrå|recommend|suggest|foreslå|føreslå)([^\pL\d]|$)`)

// summaryOfProgrammeRE is a summary asked of the programme itself ("could
// you summarise the overall aims of the regional programmes"): the FAQ's
// answer, not a writing task (blind85, blind91).
var summaryOfProgrammeRE = relit.MustCompile(`^\W*((kan|kunne|could|can|will|would) (du|dere|you|u) |please |pls )?(oppsummer|summarize|summarise)\b.{0,60}\b(programme|programmes|program|programs|programmet|programma|programmene|fremtidens kulturskole|regionale|regional|aims?|purposes?|formålet|hensikten|målet|conditions|requirements|commitments|expectations|krav|kravene|vilkår|vilkåra|vilkårene)\b`)

// loginRE is IT support (logging in, passwords), which shares "logge"
// with logging a mentoring session.
var loginRE = relit.MustCompile(`(?i)\b(logg\w*|log)\s+(\w+\s+)?(inn|in)\b|\b(innlogging|passord|password|login)\b`)

// accessRE is IT support put as a complaint ("kjem ikkje inn på Teams",
// "can't get into Slack", "Outlook syncer ikke"), which shares the tools'
// names with the programme's digital meetings and calendar.
var accessRE = relit.MustCompile(`\b(kommer|kjem|kjæm|får|fær|kan)( \w+)? (ikke|ikkje|ikkje|ik|itj|ente) (inn på|inn i|logget|logga|tilgang til)|\b(can'?t|cannot|can not|unable to|won'?t let me) (get into|get in to|log ?in|sign ?in|access)\b|\b(isn'?t|not|won'?t) (syncing|sync|loading|working on my)\b|\b(synker|synkroniserer|synkar) (ikke|ikkje)\b`)

// personalRE is a parent asking about their own child ("plass i
// kulturskulen for dottera mi", "my kid"): the culture school's pupils,
// not the programme.
var personalRE = relit.MustCompile(`\b(datter|datteren|dotter|dottera|dotra|sønn|sønnen|son|sonen|gutten|guten|jenta|jenten|ungen|barnet|bornet|barna|borna|ungane|ungene)\s+(min|mi|mitt|mine)\b|\b(min|mi|mitt|mine)\s+(datter|dotter|sønn|son|gutt|jente|unge|barn|born)\b|\bmy (child|children|kid|kids|son|daughter|boy|girl)\b`)

// payRE is what a person in a job earns ("kva tener ein kulturskulelærar",
// "hvor mye tjener en fylkesrådgiver"); "hva tjener kommunen på å delta"
// (what it gains) is the programme's own question.
var payRE = relit.MustCompile(`\b(tjener|tener|tjente|tente|earns?|earning)\b[^?.]{0,30}(lærer|lærar|rektor|teacher|principal|rådgiver|rådgjevar|konsulent)`)

// mathRE is arithmetic ("hva er 17 ganger 23", "2+2"); "15-20
// kommuner" is a range, not a sum.
var mathRE = relit.MustCompile(`\d\s*(\+|\*|×|ganger|gonger|times|multiplied by|delt på|divided by|pluss|plus|minus)\s*\d`)

// guestRE is bringing someone besides the municipality's participants to
// a gathering (pupils, the mayor, a partner, a dog): the FAQ does not say,
// and the entry about who takes part answers a different question. Only
// with a gathering or meeting named (gatheringRE): "hvem bør vi ta med i
// gruppa" is the programme's own question.
var guestRE = relit.MustCompile(`\b(ta|tek|tar|bring|bringe|take)\s+(med\s+)?(oss\s+|meg\s+|our\s+|my\s+|some\s+|the\s+|along\s+)?(elev\w*|pupils?|students?|barn\w*|born\w*|ungar\w*|kids?|children|ordfør\w*|mayor|rådm\w*|kjærast\w*|kjærest\w*|partner\w*|famil\w*|hund\w*|dogs?|gjest\w*|guests?|ektefelle\w*|spouse)|\b(pupils?|students?|kids|children|elev\w*|barn\w*)\s+(come|komme|kome|være|vere|bli)\s+(along|med)\b`)

var gatheringRE = relit.MustCompile(`samling|gathering|\bmøte|meeting`)

// guests is the object a guestRE question asks about; two words, so no
// entry speaks of it (speaksOf).
const guests = "guests along"

// ownAdminRE is the asker's own paperwork as an employee — "refusjon for
// reiseregninga mi", "lønnsslippen min", "my expense claim": the
// municipality's routines, not the programme's travel support.
var ownAdminRE = relit.MustCompile(`\b(reiseregning\w*|reiserekning\w*|reiseutlegg\w*|utlegg\w*|refusjon\w*|lønnsslipp\w*|lønsslipp\w*|timeliste\w*|timelista|feriepeng\w*|feriepengar\w*|arbeidsavtale\w*|arbeidskontrakt\w*|stillingsprosent\w*)\s+(mi|min|mitt|mine)\b|\b(mi|min|mitt|mine)\s+(reiseregning\w*|reiserekning\w*|lønnsslipp\w*|lønsslipp\w*|timeliste\w*|arbeidsavtale\w*)|\bmy (own )?(expense|travel|mileage) (claims?|reports?|forms?)\b|\bmy (payslip|pay slip|timesheet|holiday pay|employment contract|contract)\b`)

// muniAdminRE is an expense claim in the asker's own municipality's
// system ("hvordan fører jeg kjøregodtgjørelse i kommunens reiseregning",
// "we use Visma", "a travel expense claim in our council's system"): how
// the employer's routine works, not whether the programme pays the
// travel ("kan vi sende reiseregning", the programme's own question).
var muniAdminRE = relit.MustCompile(`\b(reiseregning\w*|reiserekning\w*|reiseutlegg\w*|kjøregodtgjør\w*|køyregodtgjer\w*)\b.{0,40}\b(i kommunen|i kommunens|i fylkeskommunen|i fylkeskommunens|i systemet|visma|lønnssystem\w*|lønssystem\w*|personalsystem\w*)\b|\b(kommunens|kommunen sin|fylkeskommunens|arbeidsgiverens|arbeidsgjevaren sin)\s+(reiseregning\w*|reiserekning\w*|system\w*)|\bvisma\b|\b(expense|travel|mileage)\s+(claims?|reports?|forms?)\b.{0,40}\b(municipality'?s?|council'?s?|county'?s?|employer'?s?|our|the municipal)\s+(own\s+)?(system|portal|software|payroll|app)\b`)

// joinCouncilRE is how to become a member of Norsk kulturskoleråd
// itself ("korleis blir kommunen medlem av Norsk kulturskoleråd"): the
// council's membership, which the FAQ only names as no condition.
var joinCouncilRE = relit.MustCompile(`\b(hvordan|korleis|how)\b.{0,40}\b(bli|blir|verte|vert|become|join|melde \w+ inn|meld \w+ inn)\b.{0,30}\b(medlem\w*|members?|membership)\b.{0,25}\b(kulturskoleråd\w*|kulturskuleråd\w*|nkr|nk|the council|council|organisasjonen)\b`)

// schoolFeeRE is what the culture school itself charges its pupils, asked
// in English ("what fees do culture schools in oslo charge", "culture
// school fees"): the programme's own cost ("is there a fee to take
// part") names no culture school charging.
var schoolFeeRE = relit.MustCompile(`\b(fees?|prices?|tuition|how much)\b.{0,40}\bculture schools?\b.{0,30}\b(charges?|charging|cost|students?|pupils?|parents?|lessons?|per (term|semester|year|month))\b|\bculture schools?'? (fees?|prices?|tuition)\b|\bculture schools? charges?\b`)

// memberCostRE is what membership of Norsk kulturskoleråd costs ("hva
// koster det å bli medlem", "how much does membership … cost"): the
// council's fee, not the programme's cost; not when the question asks
// about non-members ("koster det noe hvis vi ikke er medlem").
var memberCostRE = relit.MustCompile(`\b(koste\w*|kostar|cost\w*|pris\w*|price|how much|hvor mye|kor mykje)\b.{0,40}\b(bli medlem|blir medlem|vere medlem|være medlem|verte medlem|medlemskap\w*|membership|become a member|be a member)\b|\b(medlemskap\w*|membership)\b.{0,30}\b(koste\w*|kostar|cost\w*|pris\w*|price)\b`)
var notMemberRE = relit.MustCompile(`\b(ikke|ikkje|ikkje-|ikke-|non-?members?|not (a )?members?|uten|utan|without)\b`)

// otherOfferRE asks about Norsk kulturskoleråd's other programmes,
// courses or offers ("does kulturskolerådet have other programmes, like for
// talent development", "har kulturskulerådet eit eige kurs for …", "any
// other courses for band teachers"): another offer, whose content and
// application the document does not give. Writers of every blind split
// ask it; five of splits 9–90 were answered from an entry. Not when the
// question relates this programme to the others ("how does this relate to
// NK's other programmes", fylkenes-arbeid), combines their money
// (samordne-midler), compares with programmes the asker has led, or asks
// whether this is a programme of its own (notOtherOfferRE).
var otherOfferRE = relit.MustCompile(`\b(other|another|andre|anna|annan|annet|egne|eget|eigne|eige)\s+(\w+\s+)?(programmes?|programs?|programmer|programma|programmene|courses?|kurs|tilbud|tilbod)\b`)
var notOtherOfferRE = relit.MustCompile(`relat|connect|tie in|\btie\b|link|heng|sammen|saman|kobl|kopl|positioned|forhold|temasats|thematic|satsing|midl|money|fund|combin|kombin|meet|møte|travel|slik som|som i |in other|i andre|har vært|har vore|ledet|leia|strengthen|styrk|same time|samstundes|mange andre|many other|e det eit|er det et|er det eit|is it a|is this a|trenger`)

// opinionRE asks the bot's opinion ("hva synes du om politikk", "kva
// meiner du om …", "what do you think about …"): it has none. "Hva
// mener dere med …" asks what a word means.
var opinionRE = relit.MustCompile(`^\W*(hva|kva)\s+(synes|synest|syns|mener|meiner|tenker|tenkjer)\s+du\s+om\b|\bwhat do you think (of|about)\b|\bwhat'?s your (opinion|view|take)\b|\b(your|din|di) (opinion|mening|meining)\b`)

// setUpForMeRE asks the bot to set something up for the asker ("kan du
// sette opp en timeplan for …", "can you set up …"): it answers, it does
// not plan (taskRE has the other verbs).
var setUpForMeRE = relit.MustCompile(`^\W*(kan|kunne|could|can|will|would) (du|dere|you|boten|kulturboten|kulturbot|the bot) (sette|sett|set) (opp|up)\b`)

// howToDoRE asks how to do something; taskVerbRE is a task done in a
// chat or video tool (make, set up, delete, change, add, invite, mute,
// turn off …), and botThingRE names the bot or something it keeps: with
// one of those, "how do I" is about the bot's own commands.
var (
	howToDoRE  = relit.MustCompile(`\b(hvordan|korleis|koss|korsn|how)\b`)
	taskVerbRE = relit.MustCompile(`\b(lag|lage|lager|lagar|laga|opprett\w*|set\w*( \w+)? opp|sett\w*( \w+)? opp|set(ting)? up|setup|start\w*|slett\w*|fjern\w*|delete|remove|endr\w*|change|bytt\w*|byt|byter|skift\w*|legg\w*( \w+)? til|add|invit\w*|demp\w*|mute|slå\w*( \w+)? av|skru\w*( \w+)? av|turn\w*( \w+)? off|disable|reset|tilbakestill\w*|fest\w*|pin|arkiv\w*|archive|installer\w*|install|avinstaller\w*|uninstall|last\w* ned|download|oppdater\w*|update|del\w*( \w+)? skjerm\w*|share|ta opp|tek opp|record|book\w*|schedule|planlegg\w*|create|make|edit|redig\w*|rename|forlat\w*|leave|bli med i|join|meld\w* av|unsubscribe)\b`)
	botThingRE = relit.MustCompile(`\b(bot|boten|kulturbot\w*|chatbot\w*|kommando\w*|commands?|påmeld\w*|interesse\w*|rsvp|samling\w*|gathering\w*|svar\w*|region\w*|ukesoppsummering\w*|digest\w*|kalender\w*|calendar\w*|ics|eksport\w*|export\w*)\b|(^|\s)/[a-z]`)
)

// offTopicHeads are off topic only as a compound's head: lessons in
// something ("gitarundervisning", "pianoundervisning") are a pupil's
// question; "undervisning" alone is the culture school's own work, which
// the programme speaks of ("skal vi slutte med vanlig undervisning?").
var offTopicHeads = map[string]bool{"undervisning": true, "undervisninga": true, "undervisningen": true}

// foldCollisions are words that fold onto an off-topic word: "måtte"
// (had to) is "matte" (maths) without its å (blind98: "sist måtte vi
// lage alt sjølve" was declined as a maths question). Found by folding
// every word with æøå of the corpus and the question sets.
var foldCollisions = map[string]bool{"måtte": true}

// metaphor are off-topic words after a word that makes them a figure of
// speech: "one set recipe we're all expected to follow" is a model to
// follow, not cooking (blind106, blind118).
var metaphor = map[string]bool{"set recipe": true, "standard recipe": true, "fixed recipe": true, "one recipe": true,
	"same recipe": true, "single recipe": true, "magic recipe": true, "universal recipe": true}

// contrastWords go past the word after them: "meir enn undervisning",
// "utover undervisninga", "more than teaching" (folded).
var contrastWords = map[string]bool{"enn": true, "than": true, "utover": true, "utenom": true, "utanom": true, "beyond": true, "besides": true}

// mealWords are the off-topic words (lexicon/offtopic_words.txt) that
// name a meal, folded: at a gathering they are the programme's.
var mealWords = map[string]bool{"middag": true, "dinner": true, "lunsj": true}

// scopeListsOff turns scanScope off, for tests only: TestOOSStudy
// measures how the rest of the engine declines out-of-scope questions
// whose subject no list knows (a new writer's).
var scopeListsOff bool

func offTopic(q string) bool {
	off, _ := scanScope(q)
	return off
}

// scanScope reports whether q names a subject outside the programme
// (offTopic) and, if not, the off-topic objects it asks about with the
// programme's own words (offTopicObjects, base forms): the caller decides
// whether the entry it would answer with speaks of them.
//
// The patterns below without (?i) are matched on the lower-cased text
// only, so their literal filters need no case folding (no copy of the
// question per pattern).
func scanScope(q string) (off bool, objects []string) {
	if scopeListsOff {
		return false, nil
	}
	l := strings.ToLower(q)
	if jobRE.MatchString(l) || (taskRE.MatchString(l) && !summaryOfProgrammeRE.MatchString(l)) || loginRE.MatchString(l) || accessRE.MatchString(l) ||
		personalRE.MatchString(l) || payRE.MatchString(l) || mathRE.MatchString(l) || ownAdminRE.MatchString(l) || muniAdminRE.MatchString(l) ||
		joinCouncilRE.MatchString(l) || schoolFeeRE.MatchString(l) || opinionRE.MatchString(l) || setUpForMeRE.MatchString(l) ||
		(memberCostRE.MatchString(l) && !notMemberRE.MatchString(l)) ||
		(otherOfferRE.MatchString(l) && !notOtherOfferRE.MatchString(l)) {
		return true, nil
	}
	if offTopicPhrased.in(l) {
		return true, nil
	}
	// A meal at a gathering is the programme's question
	// (scope_detail.go), though a meal alone is off topic.
	meals := dMealsRE.MatchString(l)
	objs, tasks := offTopicObjects(), offTopicTasks()
	task := false
	var pairBuf [64]byte
	pair := pairBuf[:0] // the previous word, a space, this word (on the stack)
	prev := ""
	contrastLeft := 0 // words still gone past after a contrast word
	for f := range strings.FieldsFuncSeq(l, func(r rune) bool { return !scopeWordRune(r) }) {
		f = strings.Trim(f, ".-")
		w := bot.Fold(f) // hyphens dropped: "slack-kanalen" is "slackkanalen"
		// "meir enn undervisning", "beyond teaching": a subject named
		// only to go past it is not the question's (blind89: "ka rolle e
		// kulturskulen tenkt å ha i kommunen, meir enn undervisning?").
		// up to two words on ("utover å gi undervisning").
		if contrastWords[prev] {
			contrastLeft = 3
		}
		contrast := contrastLeft > 0
		contrastLeft--
		if !contrast && !foldCollisions[f] && (offTopicWords[w] || (hasOffTopicPrefix(w) && !notCompoundsEN[w])) && !(meals && mealWords[w]) && !metaphor[prev+" "+w] {
			return true, nil
		}
		if o, ok := objs.get(w); ok {
			objects = append(objects, o)
		}
		task = task || tasks.named(w)
		// Two-word objects ("membership fee", "zoom meeting").
		if prev != "" {
			pair = append(append(append(pair[:0], prev...), ' '), w...)
			if i, ok := objs.idx[string(pair)]; ok {
				objects = append(objects, objs.bases[i])
			}
			if i, ok := tasks.idx[string(pair)]; ok && tasks.bases[i] != "" {
				task = true
			}
		}
		prev = w
		// A hyphenated compound names its object in any part:
		// "kulturskoletimen-midlene", "slack-kanalen", "teams-møte".
		if strings.Contains(f, "-") {
			for _, part := range strings.Split(f, "-") {
				p := bot.Fold(part)
				if o, ok := objs.get(p); ok {
					objects = append(objects, o)
				}
				task = task || tasks.named(p)
			}
		}
		// Norwegian compounds end in their head: "gitarundervisning",
		// "medlemskontingenten". Not an English word that only looks
		// like one ("colleague" is no "league").
		if notCompoundsEN[w] {
			continue
		}
		for i := 3; i+4 <= len(w); i++ {
			if i+6 <= len(w) && (offTopicWords[w[i:]] || offTopicHeads[w[i:]]) && !contrast {
				return true, nil
			}
			if o, ok := objs.get(w[i:]); ok && len(o) >= 5 {
				objects = append(objects, o)
				break
			}
		}
		// A long, specific object also begins a compound:
		// "talentutviklingsprogrammet", "landsmøtesaka".
		for i := minPrefixObject; i+3 <= len(w); i++ {
			if o, ok := objs.get(w[:i]); ok && len(o) >= minPrefixObject {
				objects = append(objects, o)
				break
			}
		}
	}
	// "Hvordan lager jeg en privat kanal i Slack": a task in another
	// tool, unless it is one of the bot's own (offtopic_tasks.txt).
	if task && howToDoRE.MatchString(l) && taskVerbRE.MatchString(l) && !botThingRE.MatchString(l) {
		return true, nil
	}
	if gatheringRE.MatchString(l) && guestRE.MatchString(l) {
		objects = append(objects, guests)
	}
	return false, objects
}

// scopeWordRune: r belongs to a word scanScope reads (a-z, 0-9, æøåäöé,
// and + . - inside words), tested without searching a string of them.
func scopeWordRune(r rune) bool {
	if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
		return true
	}
	switch r {
	case '+', '.', '-':
		return true
	}
	// Every letter beyond ASCII: æøå, and "vêret", "fôr", "Dávvi"
	// (a word split at "ê" was two words the lists never hold).
	return r > unicode.MaxASCII && unicode.IsLetter(r)
}

// minPrefixObject is the length from which an off-topic object also
// names a compound it begins: long words are specific enough
// ("kulturskoletimen", "talentutvikling"); short ones begin unrelated
// words ("tono" and "tonometer").
const minPrefixObject = 9

// offTopicPrefixes are the words of lexicon/offtopic_words.txt written
// with a trailing "-": the first part of compounds that are all off topic
// ("lønns-": lønnstrinn, lønnsslipp, lønnsplassering).
var offTopicPrefixes = func() []string {
	var out []string
	for _, w := range lexiconWords("offtopic_words.txt") {
		if p, ok := strings.CutSuffix(w, "-"); ok {
			out = append(out, bot.Fold(p))
		}
	}
	return out
}()

// hasOffTopicPrefix reports whether w (folded) is a compound beginning
// with one of offTopicPrefixes.
func hasOffTopicPrefix(w string) bool {
	for _, p := range offTopicPrefixes {
		if len(w) >= len(p)+3 && strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// offTopicTasks maps every inflected form of the words in
// lexicon/offtopic_tasks.txt (folded) to its base form.
var offTopicTasks = sync.OnceValue(func() inflected { return inflectedSet("offtopic_tasks.txt") })

// offTopicObjects maps every inflected form of the words in
// lexicon/offtopic_objects.txt (folded) to its base form. Built on first
// use, not at start-up.
var offTopicObjects = sync.OnceValue(func() inflected { return inflectedSet("offtopic_objects.txt") })

// inflectedSet maps every inflected form of a lexicon file's words
// (folded; "membership_fee" is the two words "membership fee") to its
// base form.
func inflectedSet(name string) inflected {
	m := map[string]string{}
	var bases []string
	for _, w := range lexiconWords(name) {
		parts := strings.Split(w, "_")
		for i, p := range parts {
			parts[i] = bot.Fold(p)
		}
		b := strings.Join(parts, " ")
		bases = append(bases, b)
		for _, s := range inflections {
			if _, ok := m[b+s]; !ok {
				m[b+s] = b
			}
		}
	}
	return compactInflected(m, bases)
}

// inflected is a form -> base form map held compactly: the forms are
// cut out of one string and map to a base's number (the off-topic lists'
// ~20 forms per word were one small string and 32 bytes of map slot
// each, ~13,000 objects live for good and marked by every collection;
// docs/operations.md "Round 8: memory").
type inflected struct {
	idx   map[string]uint16 // form -> number in bases
	bases []string
}

// compactInflected is m (form -> base, every base in bases) as inflected.
func compactInflected(m map[string]string, bases []string) inflected {
	slices.Sort(bases)
	bases = slices.Compact(bases)
	num := make(map[string]uint16, len(bases))
	for i, b := range bases {
		num[b] = uint16(i)
	}
	forms := make([]string, 0, len(m))
	n := 0
	for f := range m {
		forms = append(forms, f)
		n += len(f)
	}
	slices.Sort(forms)
	var all strings.Builder
	all.Grow(n)
	for _, f := range forms {
		all.WriteString(f)
	}
	one := all.String()
	x := inflected{idx: make(map[string]uint16, len(forms)), bases: slices.Clip(bases)}
	for _, f := range forms {
		x.idx[one[:len(f)]] = num[m[f]]
		one = one[len(f):]
	}
	return x
}

// named reports whether w is a form of a (non-empty) base.
func (x inflected) named(w string) bool {
	b, _ := x.get(w)
	return b != ""
}

// get returns the base form of w.
func (x inflected) get(w string) (string, bool) {
	i, ok := x.idx[w]
	if !ok {
		return "", false
	}
	return x.bases[i], true
}

// inflections are the endings a base form takes in bokmål, nynorsk and
// English (definite, plural, genitive).
var inflections = []string{"", "e", "en", "et", "a", "er", "ar", "ene", "ane", "ers", "ens", "s", "n", "t", "ne", "r", "ing", "ed"}

// speaksOf reports whether x's phrasings or answer use the word w (an
// off-topic object's base form), as the analyser writes it: the whole
// word's term, never its parts ("elevavgift" is not spoken of by an entry
// about "elev").
func (e *Engine) speaksOf(x *indexed, w string) bool {
	if strings.Contains(w, " ") {
		// A two-word object is named by both words together, which no
		// term of an entry stands for: "membership fee" is not spoken of
		// by an entry about membership.
		return false
	}
	// The entry's vocabulary holds its Norwegian and its English terms:
	// the word read either way.
	for _, en := range []bool{false, true} {
		if ts := e.an.AnalyzeIn(w, en); len(ts) > 0 && (x.qvocab[ts[0].Text] || x.avocab[ts[0].Text]) {
			return true
		}
	}
	return false
}

// asksOtherObject reports whether the question asks about one of objects
// (scanScope) that x never speaks of: answering x would answer a
// different question that shares the programme's words.
func (e *Engine) asksOtherObject(x *indexed, objects []string) bool {
	for _, o := range objects {
		if !e.speaksOf(x, o) {
			return true
		}
	}
	return false
}

// settingTerms (lexicon/setting.txt) are the terms of the field's actors
// and arenas: the culture school, pupils, teachers, the municipality, the
// county, the state, Norsk kulturskoleråd, school, kindergarten.
var settingTerms = set(lexiconWords("setting.txt")...)

// settingOnly reports whether x's match with the question (terms ts,
// names its names) rests on setting terms alone while the question also
// asks about something x never speaks of: "kan elevene få karakter i
// kulturskolen?" meets the entry on what the programme means for pupils
// only in "elevene" and "kulturskolen"; "karakter" is what it asks. Such a
// question is about the field, not the programme (general culture-school
// matters, a teacher's pay, a pupil's transport), however high its
// similarity: the setting words are most of what it shares with any entry.
// A county is where the asker is, not what they ask.
func (e *Engine) settingOnly(ts []Term, names map[string]int, x *indexed) bool {
	matched, asks := false, false
	for _, t := range ts {
		if t.Weak || isNumber(t.Text) {
			continue
		}
		if x.qvocab[t.Text] || x.avocab[t.Text] {
			switch {
			case settingTerms[t.Text]:
				matched = true
			case x.qvocab[t.Text]:
				return false // the entry is asked about it
			}
			// A word only x's answer uses ("gratis" in a sentence on
			// funding) is not what x is about; nor what it lacks.
			continue
		}
		if settingTerms[t.Text] || (e.df[t.Text] == 0 && e.common[t.Text]) || names[t.Text] == nameCounty {
			continue
		}
		asks = true
	}
	return matched && asks
}

// schemeFrameRE is a word for what one does with a scheme or an event —
// its deadline, applying, signing up, membership, taking part — and
// ownerPreps the words that tie it to whose ("fristen for", "søkje om",
// "påmelding til", "medlem av", "deadline for").
var (
	schemeFrameRE = relit.MustCompile(`^(\w*frist\w*|sok|soke|soker|sokte|sokje|sokjer|soknad\w*|\w*soknad\w*|pamelding\w*|\w*pamelding\w*|deltak\w*|delta|deltar|deltek|medlem\w*|deadlines?|apply|applying|applications?|register|registering|registration)$`)
	ownerPreps    = set("for", "til", "om", "pa", "av", "to", "of", "i", "in")
)

// otherOwner reports whether the question (its words ws) ties a scheme
// word to something the corpus never names: "søknadsfristen for
// Kulturrom", "fristen for å søkje om spelemidlar", "påmeldingsfristen til
// kulturskuledagane", "deadline for Den kulturelle skolesekken
// applications". The programme's own deadline, application and sign-up
// are asked about without an owner or with one the corpus knows ("fristen
// for å melde interesse", "for kommunene"); an unknown owner is another
// scheme's, which no list need name. A county is where the asker is.
func (e *Engine) otherOwner(ws []string, names map[string]int, en bool) bool {
	for i, w := range ws {
		if !schemeFrameRE.MatchString(w) {
			continue
		}
		// The tie within the next three words ("fristen for å søkje om",
		// "deadline for"), then the owner within four after it.
		for k := i + 1; k < len(ws) && k <= i+3; k++ {
			if !ownerPreps[ws[k]] {
				continue
			}
			// The owner is the first word after it that says anything
			// ("for Den kulturelle skolesekken": "kulturelle"); a scheme
			// word there ("for å søkje om") is looked at in its turn.
			for m := k + 1; m < len(ws) && m <= k+4; m++ {
				if schemeFrameRE.MatchString(ws[m]) {
					break
				}
				if e.unknownContent(ws[m], names, en) {
					return true
				}
				if e.saysSomething(ws[m], en) {
					break
				}
			}
			break
		}
	}
	return false
}

// saysSomething reports whether w reads as a term that is not a
// question word or a function word ("den", "å", "the").
func (e *Engine) saysSomething(w string, en bool) bool {
	if stopwords[w] {
		return false
	}
	for _, t := range e.an.AnalyzeIn(w, en) {
		if !t.Weak {
			return true
		}
	}
	return false
}

// unknownContent reports whether the word w reads as a content term the
// corpus never uses (not a question word, a number, an everyday word or a
// county).
func (e *Engine) unknownContent(w string, names map[string]int, en bool) bool {
	// A word the corpus itself uses is known, without analysing it again
	// (which allocates).
	if _, ok := e.an.surface[w]; ok || counties[w] {
		return false
	}
	for _, t := range e.an.AnalyzeIn(w, en) {
		if !t.Weak && !isNumber(t.Text) && len(t.Text) >= 3 && e.df[t.Text] == 0 && !e.common[t.Text] && names[t.Text] != nameCounty {
			return true
		}
	}
	return false
}

// howWords begin a how-to question; howSkip are the words between it and
// the verb and its object that say nothing of what is done: pronouns,
// modal verbs, articles, particles ("hvordan setter jeg opp en …", "how
// do I …", "korleis kan me …").
var (
	howWords = set("hvordan", "korleis", "koss", "korsn", "how")
	howSkip  = set("do", "does", "did", "can", "could", "should", "would", "will", "to", "jeg", "eg", "vi", "me", "i",
		"we", "man", "ein", "en", "you", "u", "ei", "et", "eit", "a", "an", "the", "my", "mitt", "min", "mi", "our",
		"var", "vart", "vare", "ny", "nye", "new", "opp", "up", "til", "ut", "inn", "kan", "skal", "ma", "bor", "dette",
		"det", "dere", "de", "dokker", "best", "beste")
)

// howToUnknown reports whether a how-to question does, or does it to,
// something the corpus never names: "hvordan fører vi mva …", "how do I
// sync my Google calendar", "hvordan setter jeg opp breakout rooms i Zoom
// for samlingen". The FAQ tells how to do the programme's own things (sign
// up, answer, log a session, get the calendar), all in its own words; a
// how-to about a thing or an act it never names is another field's (the
// accounts, a chat tool's settings, the payroll), whatever else it names.
// The verb is the first word after the question word that says anything,
// its object the next.
func (e *Engine) howToUnknown(ws []string, names map[string]int, en bool) bool {
	if len(ws) < 3 || !howWords[ws[0]] {
		return false
	}
	// "How would you characterise …", "hvordan vil du beskrive …" ask
	// the bot to describe a thing, not how to do one.
	if (ws[1] == "would" || ws[1] == "could" || ws[1] == "vil" || ws[1] == "ville" || ws[1] == "kan") && (ws[2] == "you" || ws[2] == "du" || ws[2] == "dere" || ws[2] == "de") {
		return false
	}
	seen := 0
	for _, w := range ws[1:] {
		// A municipality or county says where, not what is done ("how do
		// I add Meløy to …").
		if howSkip[w] || counties[w] || municipalityNames()[kommuner.Key(w)] > 0 {
			continue
		}
		if e.unknownContent(w, names, en) {
			return true
		}
		if seen++; seen == 2 {
			break
		}
	}
	return false
}

// whatWords ask what something is ("hva er", "kva er", "what is", "hva
// betyr"); npEnds end the noun phrase after them (a preposition, "og").
var (
	whatWords = set("hva", "kva", "ka", "what", "whats")
	whatVerbs = set("er", "e", "is", "betyr", "tyder", "means", "s")
	npEnds    = set("pa", "i", "for", "til", "av", "med", "om", "fra", "fra", "hos", "ved", "under", "in", "of", "on",
		"at", "to", "from", "within", "about", "og", "and", "eller", "or", "som", "that", "which", "na", "no", "now")
)

// definesUnknown reports whether the question asks what something is and
// that something — the last word of the noun phrase after "hva er" — is a
// word the corpus never uses: "hva er UKM", "hva er forskjellen på bokmål
// og nynorsk", "what is Den kulturelle skolesekken". The FAQ can only say
// what the programme's own things are; "what is the formal process …"
// asks about a process, which it knows. A quoted phrase ("hva betyr «åpen
// tilnærming»") is quoted from somewhere, most likely the programme's own
// text: left to the rest of the engine.
func (e *Engine) definesUnknown(q string, ws []string, names map[string]int, en bool) bool {
	if strings.ContainsAny(q, "\"«“”'") {
		return false
	}
	for i := 0; i+1 < len(ws); i++ {
		if !whatWords[ws[i]] {
			continue
		}
		j := i + 1
		if ws[i] != "whats" {
			if !whatVerbs[ws[j]] {
				continue
			}
			j++
		}
		head, k := "", j
		for ; k < len(ws) && k < j+4 && !npEnds[ws[k]]; k++ {
			head = ws[k]
		}
		if head == "" || !e.unknownContent(head, names, en) {
			return false
		}
		// "What is the function of the gatherings", "the rationale behind
		// the framework", "the position on …": the head is a relation
		// and the question is about its object, when the corpus knows it.
		if k < len(ws) && (relationPreps[ws[k]] || (ws[k] == "pa" && strings.HasPrefix(head, "forskjell"))) {
			for m := k + 1; m < len(ws) && m < k+4; m++ {
				if w := ws[m]; !determiners[w] && !stopwords[w] && !e.unknownContent(w, names, en) && len(w) >= 3 {
					return false
				}
			}
		}
		return true
	}
	return false
}

// relationPreps tie a relational head to what it is of ("the function
// of", "the rationale behind", "formålet med"); "på" does only after
// "forskjellen" ("forskjellen på rammeverket og dialogheftet"): "momsen
// på hotellet" asks for a thing of its own.
var relationPreps = set("of", "behind", "on", "for", "av", "bak", "med", "til")

// sayWords ask what a text says ("hva sier rammeplanen", "kva seier
// lova", "hva står i …"); docSkip are the words between it and the text
// named.
var (
	sayWords = set("sier", "seier", "star", "stod", "sto", "skriv", "skriver") // not "sa": "så" folds to it
	docSkip  = set("det", "i", "der", "egentlig", "eigentleg", "the", "a", "an", "om", "no", "na")
)

// otherDocument reports whether the question asks what a text says and
// names a text the corpus never does — a word it never uses, or a
// compound of words it does that it never uses whole: "hva sier
// rammeplanen om fordypningsprogrammet", "kva seier opplæringslova", "what
// does the framework plan say". The FAQ knows what the programme's own
// texts say (the framework, the dialogue booklet), in their names.
func (e *Engine) otherDocument(ws []string, names map[string]int, en bool) bool {
	for i, w := range ws {
		var doc []string
		switch {
		case sayWords[w]:
			for _, d := range ws[i+1:] {
				if !docSkip[d] {
					doc = append(doc[:0], d)
					break
				}
			}
		case (w == "say" || w == "says") && i > 0:
			// "what does the framework plan say": the words after "does".
			for k := i - 1; k > 0 && ws[k] != "does" && ws[k] != "do" && i-k <= 4; k-- {
				if !docSkip[ws[k]] {
					doc = append(doc, ws[k])
				}
			}
		default:
			continue
		}
		for _, d := range doc {
			if e.unseenWord(d, names, en) || e.droppedPart(d, en) {
				return true
			}
		}
		return false
	}
	return false
}

// droppedPart reports whether w, a word the corpus never uses, reads as
// one known term that leaves a part of it out: "kulturlova" is read as
// "kultur", its "lova" dropped — a text the corpus never names (the
// eleventh session's phrasings on who takes responsibility for culture
// lifted "hva sier kulturlova om kommunens ansvar?" to an answer).
func (e *Engine) droppedPart(w string, en bool) bool {
	if _, ok := e.an.surface[w]; ok || stopwords[w] {
		return false
	}
	ts := e.an.AnalyzeIn(w, en)
	if len(ts) != 1 {
		return false
	}
	rest, ok := strings.CutPrefix(w, ts[0].Text)
	// What is left is a word of its own, not an ending ("-ene",
	// "-ets", "-enes").
	return ok && len(rest) >= 4 && !longEndings[rest]
}

// longEndings are the noun endings of four letters or more.
var longEndings = set("enes", "anes", "ende", "ande")

// unseenWord reports whether w is a content word the corpus never uses:
// unknown to it (unknownContent), or a compound of words it knows that it
// never uses whole (the analyser's backoff: the whole as a weak term the
// corpus lacks, then its parts).
func (e *Engine) unseenWord(w string, names map[string]int, en bool) bool {
	if _, ok := e.an.surface[w]; ok || stopwords[w] || counties[w] {
		return false
	}
	if e.unknownContent(w, names, en) {
		return true
	}
	ts := e.an.AnalyzeIn(w, en)
	return len(ts) > 1 && ts[0].Weak && e.df[ts[0].Text] == 0 && !e.common[ts[0].Text]
}

// contextPreps come before a name that says where or with whom ("i
// Sunnhordland", "from Sweden", "Oslo time or UTC"): context, not what
// the question is about.
var contextPreps = set("i", "pa", "fra", "med", "til", "for", "hos", "ved", "mot", "om", "av", "via", "from", "in", "at",
	"with", "to", "of", "or", "eller", "og", "and")

// otherActor reports whether the question names, other than as a place,
// a body or product the corpus never does — a capitalised word inside the
// sentence or an acronym, not a municipality or a county, not after a
// preposition: "Har Udir en veileder …", "hvilke tilskuddsordninger har
// Kulturdepartementet", "tilskudd gjennom DKS". The FAQ speaks for the
// programme; what another body has or does is that body's to say.
func (e *Engine) otherActor(q string, names map[string]int, en bool) bool {
	// A name in a statement beside the question ("Our Baltic colleagues
	// are rather pragmatic.", "I'm picturing a Black Friday stampede.")
	// is the asker's background, not what is asked; in a message with a
	// question mark only the sentences that ask are read.
	asks := strings.Contains(q, "?")
	for q != "" {
		end := sentenceEnd(q)
		s := q[:end]
		q = q[end:]
		if asks && !strings.HasSuffix(strings.TrimSpace(s), "?") && q != "" {
			continue
		}
		if e.actorIn(s, names, en) {
			return true
		}
	}
	return false
}

// sentenceEnd is the length of q's first sentence: through the first
// run of ".", "!" or "?" followed by a space, or all of q. It is not
// sentencesInto (intro.go), which reads a message for its question
// sentences and so keeps an ellipsis inside a sentence and ends one at a
// colon, a smiley or a laugh: the vetoes and answer types need only
// where a statement stops. One splitter for both was measured in the
// thirteenth session — sentencesInto as it is: splits 9–32 and the
// training sets one right answer fewer each (the ellipsis in "glemte
// fristen.. blir det nye runder?" unsplit); with ellipses ending its
// sentences: the question reading lost context ("… kommunegruppa.. hvem
// andre er med i den?"), training −1 right, +3 wrong.
func sentenceEnd(q string) int {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c == '.' || c == '!' || c == '?' {
			j := i + 1
			for j < len(q) && (q[j] == '.' || q[j] == '!' || q[j] == '?') {
				j++
			}
			if j == len(q) || q[j] == ' ' || q[j] == '\n' {
				return j
			}
			i = j - 1
		}
	}
	return len(q)
}

// actorIn is otherActor's reading of one sentence.
func (e *Engine) actorIn(q string, names map[string]int, en bool) bool {
	// context: the word is inside a phrase a preposition opened, past its
	// determiners and the words of a name ("for a UNESCO survey", "to a
	// European network", "with the Christmas panto", "in the Nordic
	// Council of Ministers"): where or for what the asker writes, not
	// what the question is about.
	start, context := true, false
	for f := range strings.FieldsSeq(q) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		capital := unicode.IsUpper(r)
		// A hyphenated compound ("NK-pengene", "FK-programmet") names
		// the programme's own things by their short names: left alone.
		if ((!start && capital) || acronym(w)) && lettersOnly(w) {
			k := bot.Fold(w)
			// A municipality whose name is also a word ("Moss", "Strand",
			// "Time") is the municipality when written with its capital.
			mk := kommuner.Key(w)
			if !context && !counties[k] && municipalityNames()[mk] == 0 && !nameWords[mk] && e.unknownContent(k, names, en) {
				return true
			}
		}
		start = strings.ContainsAny(f[len(f)-1:], ".!?:")
		switch {
		case start:
			context = false
		case inFoldedSet(contextPreps, w):
			context = true
		case context && (capital || inFoldedSet(determiners, w)):
		default:
			context = false
		}
	}
	return false
}

// inFoldedSet reports whether w, lower-cased and folded as bot.Fold
// folds a short word of the sets (å → a, ø → o, æ → ae), is in set,
// without allocating (the question's every word is looked up).
func inFoldedSet(set map[string]bool, w string) bool {
	var buf [12]byte
	if len(w) > len(buf) {
		return set[bot.Fold(w)]
	}
	b := buf[:0]
	for _, r := range w {
		switch r {
		case 'å', 'Å':
			r = 'a'
		case 'ø', 'Ø':
			r = 'o'
		case 'æ', 'Æ':
			b, r = append(b, 'a'), 'e'
		}
		if r >= utf8.RuneSelf {
			return set[bot.Fold(w)]
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b = append(b, byte(r))
	}
	return set[string(b)]
}

// determiners may stand between a preposition and the name it governs.
var determiners = set("a", "an", "the", "our", "my", "your", "their", "this", "that", "these", "its", "en", "et", "ei", "ein", "eit",
	"den", "det", "de", "var", "vart", "vare", "min", "mitt", "mine", "sin", "sitt", "sine", "dette", "denne")

// lettersOnly: w is a word of letters alone — not a hyphenated compound
// ("NK-pengene": the programme's own things by their short names), a user
// id or a link.
func lettersOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// acronym: two to six capital letters ("DKS", "UKM", "KS").
func acronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
