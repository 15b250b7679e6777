package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/internal/edit"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Answer paths of the questions the bot answers itself (faq.Answer.Path).
const (
	// PathData: answered from the bot's own data (gatherings, answers, its
	// commands). Answered, never a question for the working group.
	PathData = "data"
	// PathSmallTalk: a greeting or thanks, answered with a friendly word.
	// Not an answer about the programme (Answered is false) and not a
	// question for the working group either.
	PathSmallTalk = "smalltalk"
	// PathCommand: a command typed without its slash ("rsvp 1 ja 2"); the
	// reply asks "Mente du /rsvp 1 ja 2?" (Answered is false, nothing is
	// filed), as in chat.
	PathCommand = "command"
)

// Query is a free-text question with what answering it depends on.
type Query struct {
	Text  string
	Lang  string // the platform's language ("nb", "en"); the question's own wins
	Now   time.Time
	Admin bool // admins also see what a municipality answered
	User  string
}

// Answer answers a free-text question the way /faq does, without logging
// anything: the bot's own data and small talk first, then the FAQ (and the
// documents behind it). `kulturbot ask` probes this.
func (h *Handlers) Answer(ctx context.Context, q Query) (faq.Answer, error) {
	q.Text = withoutFAQWord(strings.TrimSpace(q.Text))
	// "rsvp 1 ja 2" is a command that lost its slash, as in chat (faq.go).
	if cmd, slashed, ok := h.slashlessCommand(strings.TrimSpace(q.Text)); ok {
		lang := bot.NB
		if q.Lang == "en" || slashlessEnglish(h, q.Text) {
			lang = bot.EN
		}
		key := "slashless.didyoumean.plain"
		if slashed {
			key = "slashless.sent.plain"
		}
		return faq.Answer{Question: q.Text, Lang: string(lang), Path: PathCommand, Text: messages.T(lang, key, bot.Esc(cmd))}, nil
	}
	a, ok, err := h.live(ctx, q)
	switch {
	case err != nil:
		return a, err
	case ok:
	case h.FAQ == nil:
		return faq.Answer{Question: q.Text, Lang: q.Lang}, nil
	default:
		if a, err = h.FAQ.Answer(ctx, q.Text, q.Lang); err != nil {
			return a, err
		}
	}
	// A part left unanswered is said, as /faq says it (faq_parts.go);
	// nothing is passed on from here.
	a.Text = partsText(a, nil)
	return a, nil
}

// The intent recogniser below runs before the FAQ. It is deliberately
// narrow: it takes a question only when the question is plainly about the
// bot itself (greetings, "hva kan du?", "hvordan svarer jeg på en
// samling?") or about a gathering or a municipality the database knows
// ("hvor er neste samling?", "svarfristen for samling 2", "har Fauske
// svart?"). Questions about the programme's facts ("hvor mange samlinger
// er det?", "hvor lenge varer en samling?") are the FAQ's, and the guard
// words below hand them over.

// live answers q from the bot's own data, or reports false to let the FAQ
// answer.
// The question's lexicon bits go to *feats (when not nil) once they are
// known: live() reads them to skip the split of a question that is not
// the bot's.
func (h *Handlers) liveOne(ctx context.Context, q Query, feats *feat) (faq.Answer, bool, error) {
	n := liveNorm(q.Text)
	a := faq.Answer{Question: q.Text}
	if len(n) > 300 || faq.Injection(q.Text) {
		return a, false, nil
	}
	words := strings.Count(n, " ") - 1
	if words <= 0 {
		return a, false, nil
	}
	n = fixGatheringTypos(n)
	// "call off" a gathering is to cancel it: the lexicon reads one word
	// at a time, and "call" alone is to phone someone.
	if strings.Contains(n, " off ") {
		n = callOffRE.ReplaceAllString(n, " cancel ")
	}
	// "sent by mistake" says how it happened (accidentally), not that a
	// command was typed wrong. (Not "ved ein feil": "Vi melde inn Gulen
	// ved ein feil, korleis trekkjer eg den påmeldinga?" reads its
	// registration by the "feil".)
	if strings.Contains(n, " by mistake ") {
		n = byMistakeRE.ReplaceAllString(n, " accidentally ")
	}
	// "a last date for answers", "siste dato for å svare": the answer
	// deadline (frist= on /samling ny), one word in the lexicon.
	if strings.Contains(n, " last ") || strings.Contains(n, " final ") || strings.Contains(n, " siste ") {
		n = lastDateRE.ReplaceAllString(n, " svarfrist ")
	}
	// Most questions are the FAQ's: the cheap checks come first, and the
	// language is worked out only for a question the bot takes.
	lang := ""
	take := func() {
		lang = liveLang(q.Text, n, q.Lang)
		a.Lang = lang
	}
	first, _, _ := strings.Cut(n[1:], " ")
	if words <= 10 && smallTalkFirst[first] {
		key, ok := smallTalk(n)
		if !ok {
			key, ok = smallTalkLoose(n)
		}
		if ok {
			take()
			// "thanks" says nothing to DetectLang; it is English all the same.
			if lang != "en" && enSmallRE.MatchString(n) && !nbSmallRE.MatchString(n) {
				lang, a.Lang = "en", "en"
			}
			a.Path = PathSmallTalk
			a.Text = lt(lang, key)
			return a, true, nil
		}
	}
	// "hei, når er neste samling?": the greeting does not change the question.
	if greetingFirst[first] {
		n = greetingRE.ReplaceAllString(n, " ")
		first, _, _ = strings.Cut(n[1:], " ")
		// "hei! hvem er du?", "hi, who are you?": small talk after the
		// greeting too (split 123; declined as outside the programme).
		if words <= 10 && smallTalkFirst[first] {
			if key, ok := smallTalk(n); ok {
				take()
				a.Path = PathSmallTalk
				a.Text = lt(lang, key)
				return a, true, nil
			}
		}
	}
	// "ny her – hva kan kulturbot hjelpe meg med?": being new is no part
	// of the question.
	if newHereFirst[first] && newHereRE.MatchString(n) {
		n = newHereRE.ReplaceAllString(n, " ")
		first, _, _ = strings.Cut(n[1:], " ")
	}
	// "og hvem har meldt seg på 3 så langt?", "and where is it?": a
	// follow-up's opening word is not part of the question.
	// ("sa ja te samlinga men …" is "said yes", not "så": kept.)
	if followFirst[first] && words > 2 && !(first == "sa" && saidAnswerRE.MatchString(n)) {
		n = n[len(first)+1:]
		first, _, _ = strings.Cut(n[1:], " ")
	}
	data := func(text string) (faq.Answer, bool, error) {
		a.Answered, a.Path, a.Text, a.Score = true, PathData, text, 1
		a.Source = lt(lang, "live.source")
		return a, true, nil
	}
	if words <= 12 && capabilitiesFirst[first] && (capabilitiesLast[lastWord(n)] || liveGateOff) && capabilitiesRE.MatchString(n) ||
		words <= 18 && capabilitiesFirst[first] && capabilitiesAsideRE.MatchString(n) {
		take()
		a.EntryID = liveEntry["live.can"]
		return data(lt(lang, "live.can"))
	}
	// The questions below all hold a topic word of the lexicon
	// (live_lex.go): without one, the question is the FAQ's, and none of
	// the patterns need to look at it.
	f := liveFeats(n)
	if feats != nil {
		*feats = f
		// "wat can u do? 😅 new here": "what can you do" before a word
		// on the asker; live() asks its question sentence alone
		// (blind172).
		if rest := n[1+len(first):]; capabilitiesFirst[first] && (strings.HasPrefix(rest, " kan ") || strings.HasPrefix(rest, " can ")) {
			*feats |= wCan
		}
	}
	// (A headcount or beds told, "we are actually 5 not 4, how do i
	// change", "we need hotel one night. where i write this?", is an
	// answer to a gathering without a topic word: headcountRE,
	// bedsToldRE.)
	if f&topicMask == 0 && !liveGateOff && !mayAskCommands(n) && !headcountRE.MatchString(n) && !bedsToldRE.MatchString(n) {
		return a, false, nil
	}
	hf := f // the bits the speed-ups read
	if liveGateOff {
		hf = ^feat(0)
	}
	key, ok := howTo(n, hf)
	if ok && key == "live.how.interesse" && rsvpMeant(n) {
		key = "live.how.rsvpslett"
	}
	if !ok && enterItAskRE.MatchString(n) && (headcountRE.MatchString(n) || bedsToldRE.MatchString(n)) {
		// "vi blir 4 stk og to treng overnatting, kan eg skrive det inn
		// på eitt vis?", "we will be 5 at samling 2, how do i put the
		// number in?", "we need hotel one night. where i write this?":
		// how many come or need a bed, told, and how to enter it — an
		// answer to a gathering (four unsure in splits 111–117).
		key, ok = "live.how.rsvp", true
	}
	if !ok && !cmdHelpOff {
		key, ok = cmdHelp(q.Text, n, f)
	}
	if ok && key == "live.how.interesse" && bindingRE.MatchString(n) {
		// "Er det bindende å melde interesse innen fristen, eller kan vi
		// trekke oss senere?": whether registering binds, the FAQ's
		// (three wrong in splits 9–155), not the withdraw command.
		return a, false, nil
	}
	if ok && key == "live.how.interesse" && wgHelpRE.MatchString(n) {
		// "kan arbeidsgruppa hjelpe oss i fylkesstyret med å vurdere om
		// vi skal melde interesse, evt. korleis?": the working group's
		// support, the FAQ's (split 126), not the command.
		return a, false, nil
	}
	if ok && key == "live.how.interesse" && internalRE.MatchString(n) && (!hasHowWord(n) || handleRE.MatchString(n)) {
		// "Må jeg ta dette opp med noen internt før vi melder
		// interesse?": the county's own process before it registers,
		// the FAQ's (split 82), not the command; so is how to handle
		// it internally ("im fylkesleder, how should i handle this
		// internally before we register interest?", split 157).
		return a, false, nil
	}
	if ok && key == "live.how.rsvpslett" && withdrawVerbRE.MatchString(n) && signupNounRE.MatchString(n) && !gatheringRE.MatchString(n) && !rsvpWordRE.MatchString(n) {
		// "jeg la inn feil kommune i påmeldingen, hvordan trekker jeg
		// den?", "fylkesstyret har ombestemt seg, korleis trekkjer vi
		// påmeldinga?": a sign-up withdrawn with no gathering named is
		// the county's registration (/interesse trekk), as in every
		// such question of the training sets and splits 9–93 (three
		// were taken as an RSVP to delete).
		key = "live.how.interesse"
	}
	if ok && key == "live.how.veiledning" && mentoringOfferedRE.MatchString(n) && !mentoringToolRE.MatchString(n) {
		// "do we get any mentorng / veiledning in the programme or are
		// we on our own?", "får man veileder el må man finne ut alt
		// sjøl": whether mentoring is offered, the FAQ's (splits 76,
		// 88), not how mentors log it.
		return a, false, nil
	}
	if ok && otherThingRE.MatchString(n) {
		// "hvordan melder jeg interesse for en stilling?", "hvordan
		// sletter jeg påmeldingen til svømmekurset?": a registration for
		// something that is not the programme or its gatherings.
		return a, false, nil
	}
	if ok && key != "faq:kalender" && key != "live.how.eksport" && otherToolInRE.MatchString(n) {
		// "hvordan logger jeg veiledningstimer i visma?", "how do I rsvp
		// to a calendar invite in outlook?": done in another tool.
		return a, false, nil
	}
	if ok && (key == "live.how.rsvp" || key == "live.how.eksport") {
		switch {
		case key == "live.how.rsvp" && fileRE.MatchString(n):
			// "how do we get the rsvp data into excel": the export.
			key = "live.how.eksport"
		case key == "live.how.eksport" && f&(fAns|fInt|fMent|fGath|fAtt) == 0 && (f&fCal != 0 || otherExportRE.MatchString(n)):
			// "how do I export my outlook calendar to excel", "eksportere
			// en tabell fra excel til pdf": another tool's data.
			return a, false, nil
		}
	}
	if ok {
		take()
		if id, ok := strings.CutPrefix(key, "faq:"); ok {
			// A question about the bot that a corpus entry answers:
			// that entry, whatever the wording.
			if h.FAQ == nil {
				return a, false, nil
			}
			ans, err := h.FAQ.Answer(ctx, "#"+id, lang)
			if err != nil || !ans.Answered {
				return a, false, err
			}
			ans.Question, ans.Path = q.Text, PathData
			return ans, true, nil
		}
		text := lt(lang, key)
		switch key {
		case "live.how.interesse":
			text = fmt.Sprintf(text, factIn(faq.DefaultFacts.With(h.Config.Facts())["interessefrist"], lang))
		case "live.how.region":
			// "lag region med Bodø, Fauske og Saltdal": the command with
			// the municipalities named, as the register spells them.
			if ex := h.regionExample(q.Text); ex != "" {
				text += "\n" + lt(lang, "live.how.region.example", ex)
			}
		}
		a.EntryID = liveEntry[key]
		return data(text)
	}
	// "which commands do you support?": what the bot does, with its
	// commands (after the how-tos: "hvilke kommandoer virker i Discord?"
	// is the platforms' entry).
	if words <= 14 && mayAskCommands(n) && commandsRE.MatchString(n) {
		take()
		a.EntryID = liveEntry["live.can"]
		return data(lt(lang, "live.can"))
	}
	// "hvor mange kommuner kjenner boten til?": the register's size.
	if (strings.Contains(n, " mange ") || strings.Contains(n, " many ")) && muniCountRE.MatchString(n) {
		if text, ok := h.liveMunicipalityCount(liveLang(q.Text, n, q.Lang)); ok {
			take()
			a.EntryID = "kommunenavn"
			return data(text)
		}
	}
	// "hvem har meldt interesse?", "which counties have signed up so
	// far?": the registrations everyone can list with /interesse liste.
	// "er det noen som har meldt interesse enda?": the same list.
	// "har Nordland meldt interesse?": one county's or municipality's
	// registration (below).
	if (hf&(fInt|fAns) != 0 || hf&fMun != 0 && (first == "which" || first == "what" || first == "who")) && !gatheringRE.MatchString(n) && !strings.Contains(n, " rsvp") {
		if interestWhoRE.MatchString(n) || interestAnyRE.MatchString(n) || interestListFirst[first] && interestListRE.MatchString(n) ||
			(first == "which" || first == "what" || first == "who") && interestInRE.MatchString(n) {
			take()
			text, err := h.liveInterests(ctx, lang)
			if err != nil {
				return a, false, err
			}
			a.EntryID = "data:interesse"
			return data(text)
		}
		if m := interestHasRE.FindStringSubmatch(n); m != nil {
			take()
			text, ok, err := h.liveInterestOf(ctx, q, lang, m[2])
			if err != nil {
				return a, false, err
			}
			if ok {
				a.EntryID = "data:interesse"
				return data(text)
			}
		}
	}
	// Everything below is about a gathering or the answers to one.
	if hf&(fGath|fAns) == 0 {
		return a, false, nil
	}
	// "hva blir været i Bodø når vi har samling der?": not the bot's;
	// nor "the next staff meeting" or "har Bodø svart på høringen?".
	if weatherRE.MatchString(n) || strings.Contains(n, " meeting") && otherMeetingRE.MatchString(n) || otherAnswerMay(n) && otherAnswerRE.MatchString(n) {
		return a, false, nil
	}
	// "which hotel are we staying at for the samling in Trondheim?",
	// "which hotel do they usually book for the gatherings?": where to
	// sleep, which the bot does not know (hotelRE), asked with nothing
	// else — not a gathering's date and place.
	if hotelRE.MatchString(n) && stayRE.MatchString(n) && !strings.Contains(n, " og ") && !strings.Contains(n, " and ") && !whenRE.MatchString(n) {
		return a, false, nil
	}
	// "når er oppstartssamlingen?": a gathering called by its own name
	// is that gathering, by number.
	if named, err := h.namedGathering(ctx, n); err != nil {
		return a, false, err
	} else if named != "" {
		n = named
	}
	if answeredAllRE.MatchString(n) {
		take()
		text, err := h.liveAnsweredAll(ctx, q, lang, n)
		if err != nil {
			return a, false, err
		}
		a.EntryID = "data:har-svart"
		return data(text)
	}
	m := answeredRE.FindStringSubmatch(n)
	if m != nil && (strings.HasPrefix(m[7], "there ") || strings.HasPrefix(m[7], "det ") || strings.HasPrefix(m[7], "der ")) {
		// "are there any gatherings coming up …": not a municipality.
		m = nil
	}
	if m != nil && !answeredTailOurs(n[len(m[0]):]) {
		// "har Bodø meldt seg på UKM?", "har Fauske svart på invitasjonen
		// til julekonserten?", "has Bodø replied to the budget email?":
		// a sign-up or an answer to something that is not a gathering.
		return a, false, nil
	}
	if m == nil && !gatheringRE.MatchString(n) && strings.Contains(n, " rsvp") && whenAnswerRE.MatchString(n) {
		// "when do I have to RSVP by": an RSVP is to a gathering, and
		// "when" asks the next one's deadline.
		n += "samlingen "
	}
	if m == nil && !gatheringRE.MatchString(n) {
		// "hvem har meldt seg på 3?": a bare number after an
		// attendance question is the gathering's.
		if strings.IndexAny(n, "0123456789") < 0 {
			return a, false, nil
		}
		nn, ok := bareGathering(n)
		if !ok || !attendRE.MatchString(n) {
			return a, false, nil
		}
		n = nn
	}
	// "hvem har meldt seg på samlinga i mars?", "how many have signed up
	// for the first gathering?": before the guard, which leaves "hvor
	// mange …" to the FAQ.
	if m == nil && attendRE.MatchString(n) {
		take()
		text, ok, err := h.liveAttendance(ctx, q, lang, n)
		if err != nil {
			return a, false, err
		}
		if ok {
			a.EntryID = "data:har-svart"
			return data(text)
		}
	}
	// "når må vi svare på samlingen?" asks the deadline, whatever "må vi"
	// says elsewhere.
	if guardRE.MatchString(n) && !whenAnswerRE.MatchString(n) {
		return a, false, nil
	}
	take()
	if m != nil {
		name := m[2]
		if name == "" {
			name = m[7]
		}
		text, ok, err := h.liveAnswered(ctx, q, lang, n, name)
		if !ok || err != nil {
			return a, false, err
		}
		a.EntryID = "data:har-svart"
		return data(text)
	}
	text, ok, err := h.liveGathering(ctx, q, lang, n)
	if !ok || err != nil {
		return a, false, err
	}
	a.EntryID = liveEntry["gathering"]
	return data(text)
}

// withdrawVerbRE is withdrawing (trekke); signupNounRE a sign-up
// (påmelding); rsvpWordRE an answer to a gathering by its own words.
var (
	withdrawVerbRE = relit.MustCompile(` (trekk\w*|trekt|trakk|withdraw\w*) `)
	signupNounRE   = relit.MustCompile(` (pameld\w*|paamelding\w*) `)
	rsvpWordRE     = relit.MustCompile(` (rsvp\w*|svar|svaret|svara|svarene|svarane|answer|answers|overnatting\w*|ja|nei|kanskje|yes|no|maybe) `)
)

// mentoringOfferedRE asks whether mentoring is given at all;
// mentoringToolRE names what is done with it in the bot (logging,
// listing, changing, exporting, the command).
var (
	mentoringOfferedRE = relit.MustCompile(` (do|will|would|can|could) (we|i|they|the municipalities|municipalities|all municipalities|each municipality|every municipality|the kommuner|kommuner) (get|have|receive|be offered|be given)| (is|are) there | (far|fa|faar) (vi|me|man|ein|en|kommunen|kommunene|kommunane|alle|kvar|hver|dei|de) | (fins|finnes|finst|blir|vert|gis|gjevast|tilbys|tilbydes) (det )?(noe |noko |nokon |noen )?(veiled|rettleiing|mentor)| on our own | finne ut alt | (offered|provided|included)( |$)`)
	mentoringToolRE    = relit.MustCompile(` (logg\w*|log|logs|logged|logging|registrer\w*|record\w*|fore|forer|fort|liste|list|lists|listing|slett\w*|delete|endre|endrer|change|edit|rette|fix|eksport\w*|export|kommando\w*|command\w*|syntaks|syntax|bot|boten|se|see|show|vis|oversikt|overview) `)
)

// liveEntry labels a data answer (faq.Answer.EntryID) with the corpus
// entry on the same subject, so logs, votes and `ask --json` say what was
// asked; the answer itself comes from the data. Subjects the corpus does
// not cover are "data:…".
var liveEntry = map[string]string{
	"live.can":            "hjelp",
	"gathering":           "neste-samling",
	"live.how.rsvp":       "neste-samling",
	"live.how.interesse":  "interesse-i-boten",
	"live.how.veiledning": "logge-veiledning",
	"live.how.kommune":    "data:kommune",
	"live.how.region":     "data:region-ny",
	"live.how.sporsmal":   "data:sporsmal",
	"live.how.data":       "mine-data",
	"live.how.deltakere":  "data:deltakere",
	"live.how.faq":        "hjelp",
	"live.how.eksport":    "data:eksport",
	"live.how.rsvpslett":  "data:rsvp-slett",
	"live.how.avlys":      "data:samling-avlys",
	"live.how.id":         "data:samling-nummer",
	"live.how.tz":         "data:tidssone",
	"live.how.dato":       "data:datoformat",
	"live.how.form":       "data:skjema",
}

// liveNorm lower-cases, folds æøå the way people type them without a
// Norwegian keyboard and turns punctuation into spaces, padded with a
// space each side so " word " matches whole words.
func liveNorm(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s) + 2) // æ→ae may grow it once more
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		switch r {
		case 'æ':
			b.WriteString("ae")
			space = false
			continue
		case 'ø', 'ö':
			r = 'o'
		case 'å', 'á', 'à':
			r = 'a'
		case 'é', 'è', 'ê':
			r = 'e'
		case 'ô', 'ò', 'ó':
			r = 'o'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// bedsToldRE: beds or a stay told ("to av oss treng overnatting", "we
// need hotel one night"), or a headcount in words ("tre stk frå oss").
var bedsToldRE = relit.MustCompile(` (treng|trenger|trengs|need|needs) (\S+ )?(overnatting|overnatte|overnatta|a bed|beds|hotel|hotell|a room|rooms|rom)( |$)| (to|tre|fire|fem|seks|two|three|four|five|six) (stk|stykker|personer|personar|people|persons|of us|av oss)( |$)`)

// enterItAskRE: the message ends by asking how or where to enter what it
// told ("kan eg skrive det inn på eitt vis?", "korleis får eg med det?",
// "how do i put the number in?", "where i write this?").
var enterItAskRE = relit.MustCompile(` (hvordan|korleis|koss|how|hvor|kvar|kor|where|kan|can)( do| can| should| skal| kan| ma)?( jeg| eg| je| i| vi| me| we)? (skrive|skriv|skriver|skriva|write|legge|legg|legger|leggje|registrere|registrerer|register|fa|far|faa|get|put|enter|add|include|fore|melde|meld|si|tell)( (jeg|eg|je|vi|me|i|we))?( (det|dette|den|dei|dem|it|this|that|the number|the numbers|antallet|talet|tallet|inn|in|med|with|opp|ifra|fra))*( pa (eitt|ett|et|eit|noe|noko|nokon|nokre) (vis|mate|maate))?( i boten| in the bot| her| here)? $`)

// newHereRE: "ny her", "jeg er ny", "new here", "I'm new here" opening a
// message.
var newHereRE = relit.MustCompile(`^ (ny her|nye her|new here|(jeg er|eg er|i m|im|i am)( helt| heilt| ganske| quite| completely| totally| brand)? (ny|new)( her| here)?)( (i|in) (the )?(arbeidsgruppa|arbeidsgruppen|arbeidsgruppe|working group|kommunegruppa|kommunegruppen|municipal group|programmet|the programme|the program))? |^ (ny|new) (i|in) (the )?(arbeidsgruppa|arbeidsgruppen|arbeidsgruppe|working group|kommunegruppa|kommunegruppen|municipal group|programmet|programme|program) `)

var byMistakeRE = relit.MustCompile(` by mistake `)

// lastDateRE is the last day to answer a gathering, said in words.
var lastDateRE = relit.MustCompile(` (a |the )?(last|final|siste) (date|day|dato|dag|frist) (for|to|til|a|å)( a)? (answers?|answering|answer it|replies|reply|respond|responses?|rsvps?|rsvping|sign up|signing up|svar|svare|svara|melde pa|pamelding\w*) `)

// callOffRE is "call off" and its forms (liveNorm text).
var callOffRE = regexp.MustCompile(` (call|calls|called|calling) off `)

// liveLang is the question's language: English when it reads English,
// nynorsk when it uses nynorsk words, bokmål otherwise.
func liveLang(text, n, platform string) string {
	switch faq.DetectLang(text) {
	case "en":
		return "en"
	case "":
		if platform == "en" && !faq.Nynorsk(text) {
			return "en"
		}
	}
	// The FAQ's own test ("samlinga" is bokmål too; "kva", "eg", "-ane"
	// are nynorsk), so a question gets the same language on either path.
	// A part of a nynorsk message (live() passes the whole message's
	// language) stays nynorsk unless it reads as bokmål by itself.
	if faq.Nynorsk(text) || platform == "nn" && !faq.Bokmal(text) {
		return "nn"
	}
	return "nb"
}

var (
	greetingRE = relit.MustCompile(`^ (hei hei|hei|hallo|heisann|hey|hi|hiya|howdy|hello|god morgen|god dag|good morning|morn|halla|hoi|kia ora|yo)( (kulturbot|bot|der|alle|everyone|there|folks|all))?( (whats up|what s up|sup))? `)
	// Small talk is the whole message, never a question with a greeting.
	smallTalkRE = map[string]*relit.Regexp{
		"live.hello":  relit.MustCompile(`^ (hei hei|hei|hallo|heisann|hey|hi|hello|god morgen|god dag|good morning|good afternoon|morn|halla|hoi|yo)( (kulturbot|bot|der|alle|everyone|there|you))? $`),
		"live.thanks": relit.MustCompile(`^ ((tusen|mange|takk) )?(takk|thanks|thank you|thx|ty|takker)( (skal du ha|for hjelpen|for hjelpa|for svaret|for svar|so much|a lot|very much|for the help|for your help|kulturbot|bot))?( (det|that) (hjalp|var nyttig|helped))? $|^ (flott|supert|perfekt|great|perfect|super|nice|ok|okei|fint|kjempebra|bra) (takk|thanks|thank you)( (skal du ha|for hjelpen|for hjelpa|so much))? $`),
		"live.bye":    relit.MustCompile(`^ (ha det( bra| godt)?|hade|snakkes|bye|goodbye|see you|vi snakkes) $`),
		"live.howare": relit.MustCompile(`^ (hvordan har du det|hvordan gar det|korleis har du det|korleis gar det|how are you|how are you doing|how s it going|hows it going|alt vel) $`),
		// "Who are you?" is small talk: the bot introduces itself.
		"live.who": relit.MustCompile(`^ (hvem|kven|who) (er|are) (du|dere|you)( egentlig| eigentleg| really)? $`),
		"live.ok":  relit.MustCompile(`^ (ok|okei|okay|greit|skjonner|forstar|fint|supert|flott|great|perfect|got it|i see|aha|ja|yes|nei|no) $`),
	}
	smallTalkOrder = []string{"live.hello", "live.thanks", "live.bye", "live.howare", "live.who", "live.ok"}
)

var (
	enSmallRE = relit.MustCompile(` (thanks|thank|thx|ty|hello|hi|hey|morning|afternoon|evening|goodbye|bye|you|great|perfect|welcome|got it|i see|okay|yes|there|everyone|nice|today|cheers) `)
	nbSmallRE = relit.MustCompile(` (takk|hei|hallo|heisann|morn|god|ha det|snakkes|hvordan|korleis|greit|ja|nei|flott|supert|fint|okei) `)
)

// The first words small talk and "what can you do" start with: the
// regular expressions run only behind them.
var (
	smallTalkFirst    = wordSet("hvem kven who hei hallo heisann hey hi hello god good morn halla hoi yo tusen mange takk thanks thank thx ty takker flott supert perfekt great perfect super nice ok okei fint kjempebra bra ha hade snakkes bye goodbye see vi hvordan korleis how hows alt okay greit skjonner forstar got i aha ja yes nei no er are cheers heia hiya howdy koss dear")
	greetingFirst     = wordSet("hei hallo heisann hey hi hiya howdy hello god good morn halla hoi kia yo")
	newHereFirst      = wordSet("ny nye new jeg eg i im")
	capabilitiesFirst = wordSet("hva kva ka what wat wot hvem kven who hjelp help meny menu kommandoer commands hvordan korleis how kan can hvor kvar where " +
		// a preface before "hva kan du" (capabilitiesRE)
		"sann generelt in general generally basically altsa so ok okay btw")
)

// capabilitiesLast are the words capabilitiesRE's questions end with
// (every alternative is anchored at the end): the pattern runs only on a
// question ending with one of them, not on every "hva …" question.
var capabilitiesLast = wordSet("du boten kulturbot bot you egentlig eigentleg really actually gjore gjere gjer gjor do med with pa answer mae " +
	"sporre sporja deg sporje spor ask om about skrive type hjelp help meny menu kommandoer commands hjelpemeny helpmenu kommandoliste list " +
	"for til i hjelpe hjelpa meg oss me us noe noko something here her kan can lol haha hehe participant participants deltaker deltakar ny fersk new")

// lastWord is the last word of n (liveNorm text).
func lastWord(n string) string {
	n = strings.TrimSuffix(n, " ")
	return n[strings.LastIndexByte(n, ' ')+1:]
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func smallTalk(n string) (string, bool) {
	for _, k := range smallTalkOrder {
		if smallTalkRE[k].MatchString(n) {
			return k, true
		}
	}
	return "", false
}

// capabilitiesAsideRE is "what can you do" with an aside after it: "what
// can ya do for a poor drama teacher lost in the fjords?", "so what can
// you actually do, apart from looking clever?", "hva kan du hjelpe meg
// med, bortsett fra …". Only asides that say for whom or besides what:
// "what can you do if we miss the deadline" asks something else.
var capabilitiesAsideRE = relit.MustCompile(`^ (so |and |ok |okay |og |sa )?(hva|kva|ka|what|wat) (kan|can) (du|you|u|ya|boten|the bot|kulturbot|this bot|denne boten)( (actually|really|egentlig|eigentleg|eigentle|egentli))? (do|gjore|gjere|gjer|gjor|hjelpe|hjelpa|help)( (me|meg|oss|us))?( (med|me|with))? ((for|til) (a|an|en|ei|et|me|meg|us|oss|my|mine|poor|new|stakkars)|apart from|besides|bortsett fra|except|utenom|utanom)( \S+){0,8} $`)

// capabilitiesRE is "what can you do / who are you", about the bot itself
// (after "sånn generelt", "in general": split 154).
var capabilitiesRE = relit.MustCompile(`^( (sann generelt|generelt|in general|generally|basically|altsa|so|ok|okay|btw))? (hva|kva|ka|what|wat|wot)( (anna|annet|mer|meir|else|more))? (kan|can)( egentlig| eigentleg| egentleg| really| actually)? (du|boten|kulturbot|denne boten|you|u|ye|ya|the bot|this bot|kulturbot)( (egentlig|egentli|egentlg|egentle|eigentleg|eigentle|eigentlig|really|actually|actualy|acutally|actully))?( (gjore|gjere|gjer|gjor|do|hjelpe meg med|hjelpe oss med|hjelpe me med|hjelpe meg me|hjelpe oss me|hjelpa meg me|hjelpa oss me|hjelpe me me|hjelpa me me|hjelpe mae me|hjelpe mae med|hjelpa mae me|hjelpe mae|hjelpe med|hjelpe til med|hjelpe meg|hjelpe oss|hjelpe me|hjelpa me|hjelpa oss|hjelpa meg|help me with|help us with|help with|svare pa|answer))?( (for meg|for mae|for oss|for me|for us))?( (egentlig|eigentleg|really|actually|da|na|no|now))?( (lol|haha|hehe))?( (bot|boten|kulturbot))?` +
	// "… er helt fersk her", "… I'm new here": being new, said after.
	`( (er|jeg er|eg er|i m|im|i am)( helt| heilt| ganske| quite| completely| brand)? (ny|fersk|new)( her| here| i boten| to this| to the bot)?)? $` +
	`|^ (hva|kva|ka|what) (kan|can) (jeg|eg|vi|me|i|we) (sporre|sporja|sporre deg|sporje|spor|ask|ask you)( om| about)? $` +
	// "what can i actually do with you as a participant?"
	`|^ (hva|kva|ka|what|wat) (kan|can) (jeg|eg|vi|me|i|we)( (egentlig|eigentleg|egentleg|really|actually))? (gjore|gjere|do|bruke deg til|use you for) (med deg|with you)( (som deltaker|som deltakar|as a participant|as participants))? $` +
	`|^ (hva|kva|ka|what) (gjor|gjer|does|do) (du|boten|kulturbot|you|u|the bot|this bot|kulturbot)( do| egentlig| eigentleg| actually do)? $` +
	`|^ (hva|kva|what) er (kulturbot|boten|denne boten) $|^ what is (kulturbot|this bot|the bot) $` +
	// "what you can do for me?": the order of a learner (split 122)
	`|^ (what|wat) (you|u) (can|could) (do|help)( (for|with) (me|us))? $` +
	`|^ (hjelp|help|meny|menu|kommandoer|commands|hva kan jeg skrive|what can i type) $` +
	`|^ (hjelp|help|hjelpemeny|helpmenu|meny|menu|kommandoer|kommandoliste|commands|command list)( (meg|me|oss|us))?( (hjelp|help|meny|menu|kommandoer|commands))?( for| til| i)?( (boten|kulturbot|bot|the bot))?( (please|pls|takk))? $` +
	`|^ (kan|can) (du|you) (hjelpe|hjelpa|help)( meg| oss| me| us)?( med noe| med noko| with something)? $` +
	// "how do I get help?", "hvor får jeg hjelp?"
	`|^ (how|hvordan|korleis|hvor|kvar|where) (do|can|kan|far|faar|skal) (i|we|jeg|eg|vi|me) (get |fa |faa |find |finne |finn )?(help|hjelp)( (here|her|with the bot|med boten|i boten|in the bot))? $` +
	`|^ (hvordan|korleis|how) (bruker|brukar|do i use|can i use|to use) (jeg |eg |vi |me )?(deg|boten|kulturbot|you|the bot|this bot) $` +
	// "how do i see everything this bot can do", "hvor ser jeg alt du kan"
	`|^ ((how|where) (do|can) (i|we) |(hvordan|korleis|hvor|kvar) (ser|finner|finn|far|faar) (jeg|eg|vi|me) )?(see|find|get|view|ser|se|finne|finn)?( a list of| an overview of| en oversikt over| ei oversikt over| oversikt over| lista over| listen over)? ?(everything|all|alt|alle tingene|what|hva|kva)( that| som)? (this bot|the bot|you|u|boten|du|kulturbot|denne boten) (can|kan)( do| gjore| gjere)? $`)

// guardRE are questions about the programme's facts that mention a
// gathering: the FAQ answers them (how many, how long, what happens, who
// pays ...).
var guardRE = relit.MustCompile(` (hvor|kor|how) (mange|mye|mykje|many|much|lenge|lang|long|ofte|often)| (hva|kva|what) (skjer|skal|happens|is the purpose|er hensikten|er formalet|er innholdet|inneholder)| (hvem|kven|who) | (hvorfor|kvifor|why) | (betaler|betale|koster|kostar|pay|cost|reise|reisestotte|travel|innhold|content|tema|agenda|program for|hensikt|purpose|fysisk|fysiske|digital|digitale|obligatorisk|must we|ma vi|ma alle)` +
	// What kind of gathering, and whether one must come: the FAQ's.
	`| (nasjonal|nasjonale|nasjonalt|regionale|regionalt|national|nationally|regional|landsbasis|online|nett|skjerm|oppmote|oppmoteplikt|plikt|pliktig|every single|alle samlingene|alle samlingane|all the gatherings|all gatherings|mellom|between) ` +
	// Meals at a gathering: the FAQ's (it says what the document does
	// not give), not the gathering's date and place.
	`| (middag|middagen|lunsj|lunsjen|lunch|dinner|frokost|frokosten|breakfast|mat|maten|food|meal|meals|maltid|maltider|maltida|maltidene|servering|bevertning|catering|allergi|allergier|allergies|dietary) `)

// otherMeetingRE is another body's meeting ("the next staff meeting",
// "county council meeting", "info meetings" — the last the FAQ's): a
// word before "meeting" that says whose or what kind. The programme's
// gatherings are "the next meeting", "the gathering in Bodø".
var otherMeetingRE = relit.MustCompile(` (council|councils|staff|board|team|teams|department|faculty|union|parents|parent|pta|management|leadership|budget|project|zoom|committee|school|info|information|annual|general|agm|weekly|monthly|breakfast|lunch|christmas|principals|principal|teachers|teacher) (meeting|meetings|meetup|meetups)( |$)`)

// otherAnswerRE: an answer to something that is not a gathering ("har
// Bodø kommune svart på høringen?", "has the county replied to our
// application?"): the bot only knows the answers to its gatherings.
var otherAnswerRE = relit.MustCompile(` (svart|svara|svarat|answered|replied|responded) (pa|til|to|on) (var |vart |min |mitt |mi |mine |den |det |our |my |the |her |his |hennes |hans |their |deres |dykkar )?(horing\w*|hoyring\w*|e post\w*|epost\w*|mail\w*|email\w*|e mail\w*|soknad\w*|soknaden|brev\w*|henvendels\w*|sporreundersokels\w*|undersokels\w*|sms\w*|melding\w*|meldinga|consultation|letter|application|message|messages|survey|invoice|faktura\w*|tilbud\w*|tilbod\w*|offer)( |$)`)

// answeredTailOurs: the words after "har Fauske svart på …" name one
// of the bot's gatherings (a gathering, a number, "neste", a month) or
// nothing but filler ("ennå", "the invitation", "yet"). Anything else is
// another thing answered or signed up for: UKM, a hearing, an email.
func answeredTailOurs(tail string) bool {
	tail = " " + strings.TrimSpace(tail) + " "
	if tail == "  " || gatheringRE.MatchString(tail) || strings.IndexAny(tail, "0123456789") >= 0 || nextRE.MatchString(tail) || monthRE.MatchString(tail) {
		return true
	}
	for _, w := range strings.Fields(tail) {
		if !answeredTailFiller[w] {
			return false
		}
	}
	return true
}

var answeredTailFiller = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`enna enno enda ennu yet still allerede alt already na no now egentlig eigentleg really
		i ar this year pa til to for on it det den dei de the our var vart its their sin si sitt a an en ei et
		invitasjonen invitasjonane invitasjon invitasjonene invitation invitations invite innbydelsen innbydinga innkallinga innkallingen
		rsvp rsvpen rsvp en ja nei kanskje yes no maybe or eller og and sa langt so far`) {
		answeredTailFiller[w] = true
	}
}

// internalRE: a county's internal process — discussed or taken up with
// someone within the county before it decides.
// wgHelpRE: the working group helping or sparring with the asker.
var wgHelpRE = relit.MustCompile(` (arbeidsgruppa|arbeidsgruppen|arbeidsgruppe|working group)( \S+){0,2}? (hjelpe|hjelpa|hjelper|hjelp|help|helps|bista|bistar|sparre|sparrer|sparra|support|assist|advise|rad|gi rad|gje rad) `)

// bindingRE: whether something binds ("bindende", "binding").
var bindingRE = relit.MustCompile(` (bindende|bindande|binding|forpliktende|forpliktande) `)

// handleRE: handling or anchoring a matter, the how of an internal
// process.
var handleRE = relit.MustCompile(` (handle|behandle|deal with|proceed|ga fram|ga frem|forankre|forankrar|forankrer) `)

var internalRE = relit.MustCompile(` (internt|internally|internal|innad|innanfor fylket|innenfor fylket|(ta|tar|ta opp|tek|taka) (dette|det|this|it|saken|saka) opp med|discuss|discussed|drofte|drofta|drofter|droftar|forankre\w*|forankr\w*) `)

// otherThingRE: an interest registration, a sign-up or an answer for
// something else — a job, a course, a concert, a newsletter, a grant,
// another programme or event.
var otherThingRE = relit.MustCompile(` (interesse|interest|pamelding\w*|paamelding\w*|registrering\w*|registration|rsvp\w*|svaret|answer|melde meg|melde oss|melder meg|melder oss|sign up|signe) (for|til|to|pa|on) (a |an |the |en |ei |et |den |det |var |vart |our |my |mitt |min )?(stilling\w*|jobb\w*|job|jobs|position|kurs\w*|course\w*|svommekurs\w*|konsert\w*|concert\w*|sommerskol\w*|sommarskul\w*|summer school|nyhetsbrev\w*|nyhendebrev\w*|newsletter\w*|stipend\w*|scholarship\w*|grant|grants|talentprogram\w*|korps\w*|ukm|kantine\w*|bryllup\w*|wedding|party|fest|festen|julebord\w*|webinar\w*|konferans\w*|conference\w*|seminar\w*|turnering\w*|tournament)( |$)`)

// otherToolInRE: the question says it is done in another tool (the
// calendar and the export name theirs as the target, so they are not
// asked this).
var otherToolInRE = relit.MustCompile(` (i|in|pa|on|via|gjennom|through|med|with|fra|from|using) (teams|zoom|visma|webex|sharepoint|onedrive|speedadmin|outlook|gmail|google\w*|forms|microsoft forms|dropbox|vigilo|itslearning|p360|ephorte|elements)( |$)`)

// otherAnswerMay: n holds one of otherAnswerRE's verbs (most questions
// do not, and skip the pattern).
func otherAnswerMay(n string) bool {
	return strings.Contains(n, " svar") || strings.Contains(n, " answered") || strings.Contains(n, " replied") || strings.Contains(n, " responded")
}

// samlesOther: "samles" with a subject that is not the programme's
// (samlesWho).
func samlesOther(n string) bool {
	for _, v := range []string{" samles ", " samlast ", " samlas "} {
		if i := strings.Index(n, v); i >= 0 {
			w, _, _ := strings.Cut(n[i+len(v):], " ")
			return w != "" && !samlesWho[w]
		}
	}
	return false
}

// fileRE: a spreadsheet or a file format, the export's.
var fileRE = relit.MustCompile(` (csv|excel|regneark\w*|rekneark\w*|spreadsheet\w*)( |$)`)

// otherExportRE: an export of another tool's data ("kontaktlista i
// teams", "en tabell fra excel til pdf").
var otherExportRE = relit.MustCompile(` (kontakt\w*|contact\w*|tabell\w*|table|tables|pdf|word|teams|e post\w*|epost\w*|email\w*|mail\w*|google|sheets|pivot\w*|budsjett\w*|budget\w*)( |$)`)

// gatheringRE: a gathering is mentioned.
var gatheringRE = relit.MustCompile(` (samling|samlingen|samlinga|samlinger|samlingene|samlingar|samlingane|fellessamling\w*|(var|host|haust|sommer|sommar|vinter)samling\w*|treff|treffet|treffa|treffene|gathering|gatherings|meeting|meetings|meetup|meetups|motes|treffes|samles|samlast|samlas|meet|get together|get togethers) `)

// answeredAllRE is "har alle svart?" / "hvem har ikke svart?": the state of
// answers to the upcoming gatherings.
var answeredAllRE = relit.MustCompile(`^ ((har|has|have) (alle|all|everyone|everybody|alle sammen|alle saman)( kommunene| kommunane| kommuner| municipalities| the municipalities)?( (i|in) (region |regionen |the region )?[\p{L}\d]+)? (svart|svara|answered|replied|responded)( enna| enno| enda| ennu| yet| still| na| no| now)?|(hvem|kven|who|hvilke kommuner|kva kommunar|kva for kommunar|which municipalities) (har|has|have|hasn t|haven t|hasnt|havent) (ikke |ikkje |not )?(svart|svara|answered|replied|responded|rsvpd|rsvped)( enna| enno| enda| ennu| fortsatt| framleis| yet| still)?` +
	// "hvilke kommuner mangler svar?"
	`|(hvem|kven|who|hvilke kommuner|kva kommunar|kva for kommunar|which municipalities|hvilke|kva for nokre|which) (mangler|manglar|are missing|is missing|haven t|have not) (svar|svaret|svara|answers?|an answer|answered)( enna| enno| enda| ennu| fortsatt| framleis| yet| still)?)( pa| til| to)?( (neste |samlingen|samlinga|the gathering|the next gathering)\w*)* $`)

var (
	nextRE     = relit.MustCompile(` (neste|nestkommende|forstkommende|kommende|komande|kommande|neste gang|next|upcoming|coming|forthcoming|framover|fremover|ahead|planlagt|planlagde|planlagte|planned|scheduled) `)
	whereRE    = relit.MustCompile(` (hvor|kvar|kor|where|sted|stad|stedet|staden|place|venue|location) `)
	whenRE     = relit.MustCompile(` (nar|kva tid|kor tid|when|dato|datoen|date|dag|day) `)
	deadlineRE = relit.MustCompile(` (svarfrist|svarfristen|frist|fristen|deadline|rsvp by|svare innen|svara innan|svar innen|reply by|answer by) `)
	listRE     = relit.MustCompile(` (hvilke|kva for|which|list|liste|oversikt|overview|alle|all|show|vis|vise|view) | (hva|kva|what) (samlinger|samlingar|gatherings) `)
	// samlesRE: "når samles vi?" (the gatherings' verb).
	samlesRE = relit.MustCompile(` (samles|samlast|samlas) `)
	// whenAnswerRE: "når må vi svare på samlingen?" asks the deadline.
	whenAnswerRE = relit.MustCompile(` (nar|when|innen nar|innan nar|by when|kor tid|kva tid) (ma|must|skal|should|do|need to|have to|bor) (vi|we|man|i|jeg|eg|me|kommunen|kommunene|kommunane) (\S+ ){0,2}(svare|svara|answer|reply|rsvp|respond|melde|gi beskjed|sende svar)`)
	// signUpRE: "samlinger vi kan melde oss på", "gatherings we can sign
	// up for": the list of gatherings open for answers.
	signUpRE = relit.MustCompile(` (melde oss pa|melde meg pa|melde oss til|melde seg pa|meldast pa|svare pa|svara pa|sign up|sign up for|register for|rsvp to|rsvp for|answer) `)
	// anyRE: "er det noen samlinger …", "are there any gatherings".
	anyRE = relit.MustCompile(` (noen|nokon|nokre|any|finnes|fins|finst) `)
	// monthRE: "samlinga i mai", "the gathering in May".
	monthRE = relit.MustCompile(` (i|in|pa|on|during|for) (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|january|february|march|may|june|july|october|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|des|dec) `)
	idRE    = relit.MustCompile(` (samling|samlingen|samlinga|gathering|nr|nummer|number|no) (nr |nummer |number |no )?(\d{1,6}) `)
	// placeRE is "samlingen i Bodø" / "gathering in Bodø": the words after.
	placeRE = relit.MustCompile(` (samling|samlingen|samlinga|samlinger|samlingene|samlingar|samlingane|gathering|gatherings|meeting) (i|pa|in|at|for) ((?:[\p{L}\d]+ ?){1,3})`)
	// assemblyRE: "samling i fylkestinget" is a session of another body,
	// not one of the programme's gatherings.
	assemblyRE = relit.MustCompile(` (samling|samlingen|samlinga|gathering) (i|pa|in|at|for|til) (fylkestinget|kommunestyret|bystyret|stortinget|styret|landsmotet|arsmotet|fylkesarsmotet|the county council|the council|` +
		// another programme's or body's gathering
		`talentprogram\w*|talentutvikling\w*|the talent programme|ukm|korpset|koret|orkesteret|dks|den kulturelle skolesekken|kulturtanken|utdanningsforbundet|fagforeningen|forbundet|ks|nettverket|lederforum\w*|rektorforum\w*|rektormotet|rektormøtet) `)
	// otherGroupRE: a gathering of another group ("neste samling for
	// dirigentene", "treff i nettverket for kulturskolerektorer", "the
	// choir's next gathering"): the programme's gatherings are the
	// municipalities', named by number, time or place.
	otherGroupRE = relit.MustCompile(` (samling|samlingen|samlinga|samlinger|samlingene|samlingar|samlingane|treff|treffet|treffa|gathering|gatherings|meeting|meetings|meetup) (i|pa|in|at|for|til|of) (de |dei |the |vart |var |our )?(dirigent\w*|korps\w*|kor|koret|kora|korene|korsanger\w*|orkester\w*|orkestr\w*|musikkrad\w*|elev\w*|larer\w*|laerar\w*|rektor\w*|ungdom\w*|nettverk\w*|forbund\w*|forening\w*|foreining\w*|band|bandet|dans\w*|teater\w*|biblio\w*|frivillig\w*|idrett\w*|speider\w*|ukm|fylkesstyre\w*|klubb\w*|bokklubb\w*|museum\w*|museet|arkiv\w*|barnehage\w*|utstilling\w*|choir\w*|orchestra\w*|teachers|pupils|students|principals|network\w*|union|association|club|clubs)( |$)` +
		`| (choir|choirs|band|bands|orchestra|orchestras|union|club|clubs|association|network|teachers|students|pupils|principals|council|board|school|schools) s? (next |upcoming |first |last )?(gathering|gatherings|meeting|meetings|meetup)( |$)`)
	// samlesWho are the words after "samles" that keep it the
	// programme's: "når samles vi (neste gang)?", "samles kommunene i
	// Bodø?". Another subject ("når samles kommunestyret?", "hvor samles
	// korpset?") is another body meeting.
	samlesWho = map[string]bool{"vi": true, "me": true, "we": true, "kommunene": true, "kommunane": true, "kommunegruppa": true,
		"kommunegruppene": true, "regionen": true, "regionene": true, "regionane": true, "gruppa": true,
		"gruppene": true, "alle": true, "dere": true, "de": true, "dei": true, "det": true, "neste": true, "igjen": true, "i": true,
		"pa": true, "til": true, "for": true, "da": true, "na": true, "no": true, "forst": true, "forste": true, "fyrste": true,
		"egentlig": true, "eigentleg": true, "fysisk": true, "digitalt": true, "nasjonalt": true, "regionalt": true, "hvor": true,
		"kvar": true, "nar": true, "vel": true, "fylket": true, "fylka": true, "fylkene": true, "deltakerne": true, "deltakarane": true}
	// notPlace are words after "samlingen i" that are not a place.
	notPlace = map[string]bool{"regionen": true, "regionen var": true, "var region": true, "programmet": true, "kommunen": true,
		"fylket": true, "the region": true, "our region": true, "the programme": true, "the program": true, "region": true,
		"var": true, "var kommune": true, "januar": true, "februar": true, "mars": true, "april": true, "mai": true,
		"juni": true, "august": true, "september": true, "oktober": true, "november": true, "desember": true, "hostsemesteret": true,
		"varsemesteret": true}
	// answeredRE is "har Fauske svart?" / "has Fauske answered?".
	answeredRE = relit.MustCompile(`^ (har|has|did|have) ((?:[\p{L}\d]+ ){1,3}?)(kommune |municipality )?(svart|svara|svarat|answered|replied|responded|rsvpd|rsvped|rsvp d|rsvp|meldt seg|meldt seg pa|meldt pa|signed up|sagt ja|sagt nei|sagt kanskje|said yes|said no|takka ja|takket ja|takka nei|takket nei)( pa | til | to | for |$| )` +
		// "er Bodø påmeldt samlinga?", "is Alta signed up for the gathering?"
		`|^ (er|is|are) ((?:[\p{L}\d]+ ){1,3}?)(kommune |municipality )?(pameldt|pamelde|pameldte|meldt pa|signed up|rsvpd|rsvped|coming|attending|going)( pa | til | to | for |$| )`)
)

// weAnsweredRE is "har vi svart?" with nothing after it but "yet": the
// gatherings are what "we" answer in the bot.
var weAnsweredRE = relit.MustCompile(`^ (har|have|did) (vi|me|we) (svart|svara|answered|replied|responded|rsvpd|rsvped|rsvp d)( (enna|enno|enda|ennu|allerede|alt|already|yet|no|na|now))* $`)

// hotelRE: "hvilket hotell er samlinga på?", "which hotel is the
// gathering at?": where it is held. Where to sleep ("hvilket hotell skal
// vi bo på?", "hvilket hotell bor vi på under samlingen?", stayRE) the
// bot does not know: the place of a gathering is not always its hotel.
// The verbs in every tense people ask in ("bor", "bur", "sover" were
// missing: the place was answered to where we sleep).
var (
	hotelRE = relit.MustCompile(` (hotell|hotellet|hotel|adresse|adressa|adressen|address|lokale|lokalet|venue) `)
	stayRE  = relit.MustCompile(` (bo|bor|bu|bur|budd|bodd|sove|sover|sov|sova|sev|overnatte|overnatter|overnatta|overnattar|overnatting|overnattinga|overnattingen|stay|stays|staying|stayed|sleep|sleeps|sleeping|slept|booke|booker|booka|booket|bookar|booking|book|booked|bestille|bestiller|bestilt|bestilla|reservere|reserverer|reservert|reserve|reserved|dekke|dekker|dekket|dekkes|dekka|dekkast|betale|betaler|betalar|betalt|pay|pays|paying|paid|covered|covers|cover) `)
)

var (
	// "the samling": the Norwegian word in English chat is the
	// gathering too (splits 86, 89: "when is the samling in stavanger?").
	definiteRE = relit.MustCompile(` ((var|host|haust|sommer|sommar|vinter)?samlingen|(var|host|haust|sommer|sommar|vinter)?samlinga|the gathering|the samling|the samlinga|the samlingen) `)
	pluralRE   = relit.MustCompile(` (samlingene|samlingane|samlinger|samlingar|gatherings) `)
)

// atPlace is the gatherings of gs held at place (matchesPlace; none for
// no place).
func atPlace(gs []store.Gathering, place string) []store.Gathering {
	var hit []store.Gathering
	for _, g := range gs {
		if place != "" && matchesPlace(g, place) {
			hit = append(hit, g)
		}
	}
	return hit
}

// liveGathering answers where/when/deadline questions about gatherings.
func (h *Handlers) liveGathering(ctx context.Context, q Query, lang, n string) (string, bool, error) {
	if !gatheringRE.MatchString(n) || assemblyRE.MatchString(n) || otherGroupRE.MatchString(n) || samlesOther(n) {
		return "", false, nil
	}
	var id int64
	if m := idRE.FindStringSubmatch(n); m != nil {
		id, _ = strconv.ParseInt(m[3], 10, 64)
	}
	next := nextRE.MatchString(n)
	where, when, deadline, list := whereRE.MatchString(n), whenRE.MatchString(n), deadlineRE.MatchString(n) || whenAnswerRE.MatchString(n), listRE.MatchString(n)
	place := ""
	registered := "" // the register's spelling of the place, when it names a municipality
	if m := placeRE.FindStringSubmatch(n); m != nil && id == 0 {
		place = strings.TrimSpace(m[3])
		if notPlace[place] {
			place = ""
		}
		// "when is the samling in saltdal? which date": placeRE takes up
		// to three words; a municipality the register spells exactly in
		// the first of them ends the place (the words after it are not
		// part of it), in either case.
		if place != "" {
			if registered = h.municipalityWords(place); registered != "" {
				place = strings.TrimSpace(liveNorm(registered))
			}
		}
	}
	words := len(strings.Fields(n))
	definite := definiteRE.MatchString(n)
	plural := pluralRE.MatchString(n)
	asks := where || when || deadline
	month := time.Month(0)
	if mm := monthRE.FindStringSubmatch(n); mm != nil && id == 0 {
		month = monthOf(mm[2])
		place = ""
	}
	now := q.Now
	if now.IsZero() {
		now = h.DB.Now()
	}
	// "samlingen i vår", "neste samling i haust", "gatherings next month".
	var win *whenWindow
	if id == 0 && month == 0 {
		if win = whenIn(n, now); win != nil {
			place = ""
			month = -1 // filtered by win below, like a month
		}
	}
	// "Er alle samlingene regionale?", "må vi delta på alle samlingene?":
	// a yes/no question that asks neither where, when nor which is about
	// the programme's rules.
	first, _, _ := strings.Cut(n[1:], " ")
	if yesNoFirst[first] && !asks && !next && id == 0 && month == 0 && !signUpRE.MatchString(n) {
		// "er det en samling i Bodø?", "is there a gathering in
		// Fauske?": a place typed as a name asks for its gatherings.
		// Only "is there": "kan vi ta med ordføreren på samlingen i
		// Svolvær?" asks what is allowed.
		if place == "" || !startsUpper(titleWords(q.Text, place)) || !isThereRE.MatchString(n) {
			return "", false, nil
		}
		list = true
	}
	// "kommande samlingar?", "upcoming gatherings": the list.
	if next && plural && !definite && (asks || words <= 6) {
		list = true
	}
	// Without the place, is it still a question about gatherings?
	general := func() bool {
		switch {
		case next && (asks || list || words <= 6):
		// "Hvor er samlingen?" with nothing else: the next one.
		case definite && asks && words <= 5:
			next = true
		// "kva hotell skal vi bu på under samlinga?": its place.
		case definite && hotelRE.MatchString(n) && !stayRE.MatchString(n) && words <= 9:
			next, list = true, false
		// "Når er samlingene?", "Hvilke samlinger kommer?": the list.
		case plural && (asks || list) && words <= 6:
			list = true
		// "Hvilke samlinger kan vi melde oss på?", "Are there any
		// gatherings coming up we can sign up for?": the list.
		case signUpRE.MatchString(n) && (plural || next) && (list || next || anyRE.MatchString(n)):
			list, next = true, false
		// "når samles vi?", "hvor samlast vi?": the next one.
		case asks && samlesRE.MatchString(n) && words <= 8:
			next = true
		// "når må vi svare på samlingen?": the next one's deadline.
		case deadline && definite:
			next = true
		// "Hvor er samlinga i mai?", "er det noen samlinger i mars?":
		// that month's.
		case month != 0 && (asks || list || words <= 5 || anyRE.MatchString(n) || isThereRE.MatchString(n)):
			list = true
		default:
			return false
		}
		return true
	}
	// "når er første samling?", "when is the first gathering?": the
	// programme's first, held or not (in a place, when one is named).
	if id == 0 && month == 0 && win == nil && (asks || words <= 5) && firstRE.MatchString(n) {
		gs, err := h.DB.Gatherings(ctx, store.GatheringFilter{})
		if err != nil {
			return "", false, err
		}
		if hit := atPlace(gs, place); len(hit) > 0 {
			gs = hit
		}
		if len(gs) == 0 {
			return lt(lang, "live.g.none"), true, nil
		}
		return h.describeGathering(lang, gs[0], now, deadline), true, nil
	}
	switch {
	case id > 0 && (asks || words <= 3 || stateRE.MatchString(n)):
	case place != "" && (asks || list):
	case month != 0 && general():
	case general():
	default:
		return "", false, nil
	}
	if id > 0 {
		g, err := h.DB.Gathering(ctx, id)
		if err != nil {
			if bot.ErrorCode(err) == bot.ENotFound {
				return lt(lang, "live.g.noid", id), true, nil
			}
			return "", false, err
		}
		return h.describeGathering(lang, g, now, deadline), true, nil
	}
	gs, err := h.DB.UpcomingGatherings(ctx, now)
	if err != nil {
		return "", false, err
	}
	if place != "" {
		hit := atPlace(gs, place)
		if len(hit) == 0 {
			// A region's municipality names the region's gatherings too.
			if m, err := h.DB.FindMunicipality(ctx, place); err == nil {
				regions, err := h.DB.Regions(ctx)
				if err != nil {
					return "", false, err
				}
				for _, g := range gs {
					if inRegion(regions, g.RegionID, m.ID) {
						hit = append(hit, g)
					}
				}
			}
		}
		typed := titleWords(q.Text, place)
		if registered != "" {
			// A name typed in lower case is still a place when the
			// register knows it: said as the register spells it.
			typed = registered
		}
		switch {
		case len(hit) == 1:
			return h.describeGathering(lang, hit[0], now, deadline), true, nil
		case len(hit) > 1:
			return h.listGatherings(lang, hit, 5), true, nil
		case startsUpper(typed):
			// A name we have no gathering for ("i Tromsø").
			if len(gs) == 0 {
				return lt(lang, "live.g.none"), true, nil
			}
			return lt(lang, "live.g.noplace", bot.Esc(typed)) + "\n" + h.listGatherings(lang, gs, 5), true, nil
		case !general():
			// "samlingene for kommunene": not a place, and nothing else
			// makes it a question about the calendar.
			return "", false, nil
		}
	}
	if len(gs) == 0 {
		return lt(lang, "live.g.none"), true, nil
	}
	if month != 0 {
		var hit []store.Gathering
		none := ""
		if win != nil {
			var w *whenWindow
			hit, w = win.within(gs)
			none = lt(lang, "live.g.nowhen", w.in(lang))
		} else {
			for _, g := range gs {
				if g.Date.Month() == month {
					hit = append(hit, g)
				}
			}
			none = lt(lang, "live.g.noplace", monthName(month, lang))
		}
		switch {
		case len(hit) == 0:
			return none + "\n" + h.listGatherings(lang, gs, 5), true, nil
		case len(hit) == 1:
			return h.describeGathering(lang, hit[0], now, deadline), true, nil
		case next && !list:
			return h.describeGathering(lang, hit[0], now, deadline) + "\n" + lt(lang, "live.g.more", len(hit)-1), true, nil
		}
		return h.listGatherings(lang, hit, 8), true, nil
	}
	// The asker's own region first, when they told the bot their
	// municipality (/kulturbot kommune).
	if mine, region := h.userRegionGatherings(ctx, q.User, gs); len(mine) > 0 {
		gs = mine
		if next && !list {
			text := lt(lang, "live.g.next.region", bot.Esc(region)) + " " + h.describeGathering(lang, gs[0], now, deadline)
			if len(gs) > 1 {
				text += "\n" + lt(lang, "live.g.more", len(gs)-1)
			}
			return text, true, nil
		}
	}
	if next && !list {
		text := lt(lang, "live.g.next") + " " + h.describeGathering(lang, gs[0], now, deadline)
		if len(gs) > 1 {
			text += "\n" + lt(lang, "live.g.more", len(gs)-1)
		}
		return text, true, nil
	}
	return h.listGatherings(lang, gs, 8), true, nil
}

// userRegionGatherings are the gatherings of the asker's region (and the
// national ones), when the asker has set a municipality that is in one.
func (h *Handlers) userRegionGatherings(ctx context.Context, user string, gs []store.Gathering) ([]store.Gathering, string) {
	if user == "" {
		return nil, ""
	}
	m, ok, err := h.DB.UserMunicipality(ctx, user)
	if err != nil || !ok {
		return nil, ""
	}
	regions, err := h.DB.Regions(ctx)
	if err != nil {
		return nil, ""
	}
	for _, r := range regions {
		if !inRegion(regions, r.ID, m.ID) {
			continue
		}
		var out []store.Gathering
		for _, g := range gs {
			if g.National() || g.RegionID == r.ID {
				out = append(out, g)
			}
		}
		return out, r.Name
	}
	return nil, ""
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// municipalityWords is the register's name of the municipality the first
// one to three words of place name exactly ("bergen which date" →
// "Bergen"), or "" when they name none: a place typed in lower case.
func (h *Handlers) municipalityWords(place string) string {
	fs := strings.Fields(place)
	for k := min(len(fs), 3); k >= 1; k-- {
		if e, ok := h.DB.ExactMunicipality(strings.Join(fs[:k], " ")); ok {
			return e.Name
		}
	}
	return ""
}

// describeGathering is one gathering in a sentence: what, when, where,
// the answer deadline and how to answer.
func (h *Handlers) describeGathering(lang string, g store.Gathering, now time.Time, deadlineAsked bool) string {
	bl := bot.Lang(lang)
	if lang == "nn" {
		bl = bot.NB
	}
	region := lt(lang, "live.g.national")
	if !g.National() {
		region = lt(lang, "live.g.region", bot.Esc(g.RegionName))
	}
	s := lt(lang, "live.g.one", g.ID, bot.Esc(g.Name), bot.FormatDate(g.Date, bl), bot.Esc(g.Place), region)
	switch {
	case g.Cancelled():
		return s + " " + lt(lang, "live.g.cancelled")
	case bot.DayIn(now).Equal(g.Date):
		// On the day it "er i dag", not "var" (issue 12).
		return s + " " + lt(lang, "live.g.today")
	case !bot.DayIn(now).Before(g.Date):
		return s + " " + lt(lang, "live.g.past")
	}
	switch {
	case !g.Deadline.IsZero() && bot.DayIn(now).After(g.Deadline):
		s += " " + lt(lang, "live.g.deadline.passed", bot.FormatDate(g.Deadline, bl))
	case !g.Deadline.IsZero():
		s += " " + lt(lang, "live.g.deadline", bot.FormatDate(g.Deadline, bl), g.ID)
	default:
		s += " " + lt(lang, "live.g.nodeadline", g.ID)
	}
	_ = deadlineAsked // the deadline is always part of the sentence
	return s
}

func (h *Handlers) listGatherings(lang string, gs []store.Gathering, max int) string {
	bl := bot.Lang(lang)
	if lang == "nn" {
		bl = bot.NB
	}
	lines := []string{lt(lang, "live.g.list", len(gs))}
	for i, g := range gs {
		if i == max {
			lines = append(lines, lt(lang, "live.g.more", len(gs)-max))
			break
		}
		region := lt(lang, "live.g.national")
		if !g.National() {
			region = lt(lang, "live.g.region", bot.Esc(g.RegionName))
		}
		line := fmt.Sprintf("• #%d %s – %s, %s (%s)", g.ID, bot.Esc(g.Name), bot.FormatDate(g.Date, bl), bot.Esc(g.Place), region)
		if !g.Deadline.IsZero() {
			line += " – " + lt(lang, "live.g.short.deadline", bot.FormatDate(g.Deadline, bl))
		}
		lines = append(lines, line)
	}
	lines = append(lines, lt(lang, "live.g.howto"))
	return strings.Join(lines, "\n")
}

// matchesPlace: the place, the region or the gathering's name holds the
// words ("Bodø", "bodo", "Salten").
func matchesPlace(g store.Gathering, place string) bool {
	p := bot.Fold(place)
	if p == "" {
		return false
	}
	for _, s := range []string{g.Place, g.RegionName} {
		f := bot.Fold(s)
		if f != "" && (f == p || strings.HasPrefix(f, p) || strings.Contains(f, p) && len(p) >= 4) {
			return true
		}
	}
	return false
}

func inRegion(rs []store.Region, regionID, municipalityID int64) bool {
	for _, r := range rs {
		if r.ID != regionID {
			continue
		}
		for _, m := range r.Municipalities {
			if m.ID == municipalityID {
				return true
			}
		}
	}
	return false
}

// titleWords returns the words of the original text that normalised to
// n, as typed ("Bodø" rather than "bodo").
func titleWords(text, n string) string {
	want := len(strings.Fields(n))
	fs := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i := 0; i+want <= len(fs); i++ {
		if strings.TrimSpace(liveNorm(strings.Join(fs[i:i+want], " "))) == n {
			return strings.Join(fs[i:i+want], " ")
		}
	}
	return n
}

// liveAnswered answers "har Fauske svart?": the municipality's answers to
// its region's (and national) upcoming gatherings. Everyone sees whether
// it answered; admins also see what.
func (h *Handlers) liveAnswered(ctx context.Context, q Query, lang, n, name string) (string, bool, error) {
	name = strings.TrimSpace(name)
	// "has our municipality replied", "har kommunen vår svart": we.
	own := ownMuniNames[name]
	if own {
		name = "vi"
	}
	if (name == "vi" || name == "me" || name == "we") && (own || gatheringRE.MatchString(n) || strings.Contains(n, " rsvp") || weAnsweredRE.MatchString(n)) {
		// "har vi svart på samlinga?": the asker's own municipality, when
		// they have told the bot (/kulturbot kommune).
		var m store.Municipality
		ok := false
		if q.User != "" {
			var err error
			if m, ok, err = h.DB.UserMunicipality(ctx, q.User); err != nil {
				return "", false, err
			}
		}
		if ok {
			name = bot.Fold(m.Name)
		} else {
			text, err := h.liveAnsweredAll(ctx, q, lang, "")
			if err != nil {
				return "", false, err
			}
			if text != lt(lang, "live.g.none") {
				// `kulturbot ask` and the web have no user to set a
				// municipality for: say what to ask instead.
				we := "live.a.we"
				if q.User == "" {
					we = "live.a.we.nouser"
				}
				text = lt(lang, we) + "\n" + text
			}
			return text, true, nil
		}
	}
	switch name {
	case "du", "dere", "dokker", "dykk", "de", "vi", "me", "jeg", "eg", "you", "they", "we", "i", "noen", "nokon", "alle",
		"someone", "anyone", "everyone", "arbeidsgruppen", "arbeidsgruppa", "the working group", "fylket", "kommunen":
		return "", false, nil
	}
	m, err := h.DB.FindMunicipality(ctx, name)
	shown := titleWords(q.Text, name)
	if err != nil {
		if bot.ErrorCode(err) != bot.ENotFound {
			return "", false, err
		}
		// Only a name typed as a name: "har dere svart" is not about data.
		if r := []rune(shown); len(r) == 0 || !unicode.IsUpper(r[0]) {
			return "", false, nil
		}
		return lt(lang, "live.a.unknown", bot.Esc(shown)), true, nil
	}
	now := q.Now
	if now.IsZero() {
		now = h.DB.Now()
	}
	gs, err := h.DB.UpcomingGatherings(ctx, now)
	if err != nil {
		return "", false, err
	}
	regions, err := h.DB.Regions(ctx)
	if err != nil {
		return "", false, err
	}
	var id int64
	if mm := idRE.FindStringSubmatch(n); mm != nil {
		id, _ = strconv.ParseInt(mm[3], 10, 64)
	}
	answers, err := h.DB.AnswersFor(ctx, m.ID)
	if err != nil {
		return "", false, err
	}
	// The gatherings it may answer: its region's, the national ones, and
	// those it was let in to as a guest (or has answered anyway).
	var mine []store.Gathering
	for _, g := range gs {
		if id != 0 && g.ID != id {
			continue
		}
		_, answered := answers[g.ID]
		ok := g.National() || inRegion(regions, g.RegionID, m.ID) || answered
		if !ok {
			guests, err := h.DB.Guests(ctx, g.ID)
			if err != nil {
				return "", false, err
			}
			for _, x := range guests {
				ok = ok || x.Municipality.ID == m.ID
			}
		}
		if ok {
			mine = append(mine, g)
		}
	}
	// "er Alta påmeldt samlinga i mars?", "har Bodø svart på samlinga i vår?"
	if id == 0 {
		month := time.Month(0)
		if mm := monthRE.FindStringSubmatch(n); mm != nil {
			month = monthOf(mm[2])
		}
		var hit []store.Gathering
		none := ""
		switch win := whenIn(n, now); {
		case month != 0:
			for _, g := range mine {
				if g.Date.Month() == month {
					hit = append(hit, g)
				}
			}
			none = lt(lang, "live.g.noplace", monthName(month, lang))
		case win != nil:
			var w *whenWindow
			hit, w = win.within(mine)
			none = lt(lang, "live.g.nowhen", w.in(lang))
		default:
			hit = mine
		}
		if len(hit) == 0 && len(mine) > 0 {
			return none, true, nil
		}
		mine = hit
	}
	if id > 0 && len(mine) == 0 {
		g, err := h.DB.Gathering(ctx, id)
		if err == nil {
			mine = []store.Gathering{g}
		} else if bot.ErrorCode(err) == bot.ENotFound {
			return lt(lang, "live.g.noid", id), true, nil
		} else {
			return "", false, err
		}
	}
	if len(mine) == 0 {
		return lt(lang, "live.a.nogatherings", bot.Esc(m.Name)), true, nil
	}
	bl := bot.Lang(lang)
	if lang == "nn" {
		bl = bot.NB
	}
	lines := []string{}
	for _, g := range mine {
		r, ok := answers[g.ID]
		head := fmt.Sprintf("#%d %s (%s)", g.ID, bot.Esc(g.Name), bot.FormatDate(g.Date, bl))
		switch {
		case !ok:
			lines = append(lines, "• "+lt(lang, "live.a.no", bot.Esc(m.Name), head))
		case q.Admin:
			lines = append(lines, "• "+lt(lang, "live.a.yes.admin", bot.Esc(m.Name), head, answerWord(lang, r.Answer), r.Headcount, bot.FormatDate(r.UpdatedAt, bl)))
		default:
			lines = append(lines, "• "+lt(lang, "live.a.yes", bot.Esc(m.Name), head, bot.FormatDate(r.UpdatedAt, bl)))
		}
	}
	if !q.Admin {
		lines = append(lines, lt(lang, "live.a.private"))
	}
	return strings.Join(lines, "\n"), true, nil
}

// liveAnsweredAll says, for the next upcoming gatherings, how many of the
// region's municipalities have answered and which have not (national
// gatherings: how many answered).
func (h *Handlers) liveAnsweredAll(ctx context.Context, q Query, lang, n string) (string, error) {
	now := q.Now
	if now.IsZero() {
		now = h.DB.Now()
	}
	gs, err := h.DB.UpcomingGatherings(ctx, now)
	if err != nil {
		return "", err
	}
	if len(gs) == 0 {
		return lt(lang, "live.g.none"), nil
	}
	// "kven manglar svar på oppstartssamlinga" (samling nr 1): that one.
	if m := idRE.FindStringSubmatch(n); m != nil {
		id, _ := strconv.ParseInt(m[3], 10, 64)
		g, err := h.DB.Gathering(ctx, id)
		if err != nil {
			if bot.ErrorCode(err) == bot.ENotFound {
				return lt(lang, "live.g.noid", id), nil
			}
			return "", err
		}
		gs = []store.Gathering{g}
	}
	// "har alle kommunene i Salten svart?": that region's gatherings.
	if m := allInRegionRE.FindStringSubmatch(n); m != nil {
		regions, err := h.DB.Regions(ctx)
		if err != nil {
			return "", err
		}
		found := false
		for _, r := range regions {
			if bot.Fold(r.Name) != bot.Fold(m[3]) {
				continue
			}
			found = true
			var mine []store.Gathering
			for _, g := range gs {
				if g.RegionID == r.ID {
					mine = append(mine, g)
				}
			}
			if len(mine) == 0 {
				return lt(lang, "live.a.noregion", bot.Esc(r.Name)), nil
			}
			gs = mine
		}
		// A name typed as one that is no region: say so, then all.
		if typed := titleWords(q.Text, m[3]); !found && startsUpper(typed) {
			text, err := h.answerState(ctx, q, lang, gs, false)
			return lt(lang, "live.a.noregionname", bot.Esc(typed)) + "\n" + text, err
		}
	}
	return h.answerState(ctx, q, lang, gs, false)
}

// namedGathering rewrites a word that is a gathering's own name as a
// compound of "samling" ("oppstartssamlingen" for "Oppstartssamling",
// "vårsamlinga" for "Vårsamling", "oppstartssamlinga" for "Oppstart") to
// "samling nr <id>", or returns "" when there is none. Only questions with
// such a word ask the database.
func (h *Handlers) namedGathering(ctx context.Context, n string) (string, error) {
	if !strings.Contains(n, "samling") {
		return "", nil
	}
	var cands []string
	for _, w := range strings.Fields(n) {
		stem := strings.TrimSuffix(strings.TrimSuffix(w, "en"), "a")
		if len(stem) > len("samling") && strings.HasSuffix(stem, "samling") && !isGatheringForm(w) {
			cands = append(cands, w)
		}
	}
	if len(cands) == 0 {
		return "", nil
	}
	gs, err := h.DB.Gatherings(ctx, store.GatheringFilter{})
	if err != nil {
		return "", err
	}
	for _, w := range cands {
		stem := strings.TrimSuffix(strings.TrimSuffix(w, "en"), "a")
		head := strings.TrimSuffix(stem, "samling")
		for _, g := range gs {
			name := strings.ReplaceAll(strings.TrimSpace(liveNorm(g.Name)), " ", "")
			if name == stem || name == head || name+"s" == head {
				return strings.Replace(n, " "+w+" ", fmt.Sprintf(" samling nr %d ", g.ID), 1), nil
			}
		}
	}
	return "", nil
}

// allInRegionRE: the region named in "har alle i Salten svart?".
var allInRegionRE = relit.MustCompile(` (i|in) (region |regionen |the region )?([\p{L}\d]+) (svart|svara|answered|replied|responded) `)

// answerState is, per gathering (at most three), how many of its region's
// municipalities have answered and which have not; with names, also which
// have. Whether a municipality answered is everyone's to see; what it
// answered (yes/no, headcount) only the working group's, so admins get the
// sums too.
func (h *Handlers) answerState(ctx context.Context, q Query, lang string, gs []store.Gathering, names bool) (string, error) {
	regions, err := h.DB.Regions(ctx)
	if err != nil {
		return "", err
	}
	bl := bot.Lang(lang)
	if lang == "nn" {
		bl = bot.NB
	}
	var lines []string
	for i, g := range gs {
		if i == 3 {
			lines = append(lines, lt(lang, "live.g.more", len(gs)-3))
			break
		}
		// The store's Attendance is the one place a gathering's answers
		// are summed (attendee list, gathering list, digest), so this
		// reply cannot disagree with them.
		at, err := h.DB.Attendance(ctx, g.ID)
		if err != nil {
			return "", err
		}
		head := fmt.Sprintf("#%d %s (%s)", g.ID, bot.Esc(g.Name), bot.FormatDate(g.Date, bl))
		var who []string
		for _, r := range at.RSVPs {
			who = append(who, bot.Esc(r.Municipality.Name))
		}
		members := 0
		for _, r := range regions {
			if r.ID == g.RegionID {
				members = len(r.Municipalities)
			}
		}
		var line string
		if g.National() || members == 0 {
			line = "• " + lt(lang, "live.all.national", head, len(at.RSVPs))
			if names && len(who) > 0 {
				line += " " + lt(lang, "live.all.who", strings.Join(who, ", "))
			}
		} else {
			line = "• " + lt(lang, "live.all.count", head, members-len(at.Missing), members)
			if names && len(who) > 0 {
				line += " " + lt(lang, "live.all.who", strings.Join(who, ", "))
			}
			if len(at.Missing) > 0 {
				var missing []string
				for _, m := range at.Missing {
					missing = append(missing, bot.Esc(m.Name))
				}
				line += " " + lt(lang, "live.all.missing", strings.Join(missing, ", "))
			}
		}
		if names && q.Admin && len(at.RSVPs) > 0 {
			t := at.Totals
			line += " " + lt(lang, "live.all.sums", t.Yes, t.People, t.No, t.Maybe)
		}
		lines = append(lines, line)
	}
	if names && !q.Admin {
		lines = append(lines, lt(lang, "live.a.private"))
	}
	return strings.Join(lines, "\n"), nil
}

// interestWhoRE: who has registered interest (or "signed up" with no
// gathering named: the programme's sign-up is the interest registration).
var interestWhoRE = relit.MustCompile(`^( (kan|can|could) (jeg|eg|je|vi|me|i|we) (se|sja|see|fa se|fa vite|find out|get))?( en| ei| an)?( (oversikt|liste|list|overview) (over|of))? (hvem|kven|who|hvilke|hvilken|kva|which|hvor mange|kor mange|how many)( fylker| fylke| fylkesavdelinger| fylkesavdelingar| fylkeslag| kommuner| kommunar| counties| county branches| municipalities)?( som)? (har |has |have |s |er |is |are )?(allerede |alt |already )?(meldt interesse|meldt seg pa|meldt seg|meldt pa|pameldt|pamelde|signed up|registered|registered interest|shown interest|sendt inn interesse\w*|sent in)( (sa langt|so langt|hittil|til na|til no|enna|enno|so far|yet|til programmet|for the programme|for programmet|i ar|this year))* $`)

// liveInterests lists the registrations of interest that are not
// withdrawn, as /interesse liste does for everyone (contact details are
// left out: they are the author's and the admins').
func (h *Handlers) liveInterests(ctx context.Context, lang string) (string, error) {
	is, err := h.DB.Interests(ctx, store.InterestFilter{})
	if err != nil {
		return "", err
	}
	if len(is) == 0 {
		return lt(lang, "live.i.none", factIn(faq.DefaultFacts.With(h.Config.Facts())["interessefrist"], lang)), nil
	}
	municipalities := map[int64]bool{}
	for _, i := range is {
		for _, m := range i.Municipalities {
			municipalities[m.ID] = true
		}
	}
	bl := bot.Lang(lang)
	if lang == "nn" {
		bl = bot.NB
	}
	lines := []string{lt(lang, "live.i.list", len(is), len(municipalities))}
	for k, i := range is {
		if k == 8 {
			lines = append(lines, lt(lang, "live.i.more", len(is)-8))
			break
		}
		lines = append(lines, fmt.Sprintf("• #%d %s – %s (%s)", i.ID, bot.Esc(i.County), bot.Esc(store.MunicipalityNames(i.Municipalities)), bot.FormatDate(i.CreatedAt, bl)))
	}
	lines = append(lines, lt(lang, "live.i.howto"))
	return strings.Join(lines, "\n"), nil
}

// attendRE is "hvem har meldt seg på …", "hvor mange har sagt ja til …",
// "who has signed up for …": the answers to a gathering.
var attendRE = relit.MustCompile(`^` +
	// "trenger oversikt over hvem som kommer …", "give me a list of who …"
	`( (trenger|treng|jeg trenger|eg treng|vi trenger|me treng|vil ha|kan jeg fa|kan eg fa|kan vi fa|need|i need|we need|want|gi meg|give me|vis|vis meg|vise|show|show me|send|send meg|send me))?( meg| me| oss| us)?( en| ei| eit| et| an| a| the)?( (oversikt|oversikten|liste|lista|listen|list|overview) (over|of|med))?` +
	` (hvem|kven|who|hvilke kommuner|kva kommunar|kva for kommunar|which municipalities|hvor mange|kor mange|how many)( kommuner| kommunar| municipalities| personer| personar| folk| people| ppl| deltakere| deltakarar| participants| stk)?( som)? (har |has |have |er |is |are |s )?(ikke |ikkje |not |n t )?(meldt seg pa|meldt seg|meldt pa|pameldt|pamelde|signed up|registered|svart|svara|answered|replied|responded|rsvpd|rsvp d|sagt ja|sagt nei|said yes|said no|kommer|kjem|coming|attending|going|mangler svar|manglar svar|mangler svaret|is missing an answer|are missing answers)( |$)`)

// firstRE: "første samling", "the first gathering".
var firstRE = relit.MustCompile(` (forste|fyrste|first|1st) (samling|samlinga|samlingen|gathering|meeting) `)

// liveAttendance answers attendRE for the gatherings the question names
// (number, first, month, season, place, the next one) — a question about
// one, not "hvem kommer på samlingene?" in general (the FAQ's).
func (h *Handlers) liveAttendance(ctx context.Context, q Query, lang, n string) (string, bool, error) {
	now := q.Now
	if now.IsZero() {
		now = h.DB.Now()
	}
	var id int64
	if m := idRE.FindStringSubmatch(n); m != nil {
		id, _ = strconv.ParseInt(m[3], 10, 64)
	}
	first := firstRE.MatchString(n)
	month := time.Month(0)
	if mm := monthRE.FindStringSubmatch(n); mm != nil {
		month = monthOf(mm[2])
	}
	win := whenIn(n, now)
	place := ""
	if m := placeRE.FindStringSubmatch(n); m != nil && month == 0 && win == nil {
		if p := strings.TrimSpace(m[3]); !notPlace[p] {
			place = p
		}
	}
	next, definite := nextRE.MatchString(n), definiteRE.MatchString(n)
	if id == 0 && !first && month == 0 && win == nil && place == "" && !next && !definite {
		return "", false, nil
	}
	var gs []store.Gathering
	var err error
	switch {
	case id > 0:
		g, err := h.DB.Gathering(ctx, id)
		if err != nil {
			if bot.ErrorCode(err) == bot.ENotFound {
				return lt(lang, "live.g.noid", id) + "\n" + lt(lang, "live.a.private"), true, nil
			}
			return "", false, err
		}
		gs = []store.Gathering{g}
	case first:
		// The programme's first gathering, held or not.
		if gs, err = h.DB.Gatherings(ctx, store.GatheringFilter{}); err != nil {
			return "", false, err
		}
		if len(gs) > 0 {
			gs = gs[:1]
		}
	default:
		if gs, err = h.DB.UpcomingGatherings(ctx, now); err != nil {
			return "", false, err
		}
	}
	if len(gs) == 0 {
		return lt(lang, "live.g.none"), true, nil
	}
	all := gs
	switch {
	case month != 0:
		var hit []store.Gathering
		for _, g := range gs {
			if g.Date.Month() == month {
				hit = append(hit, g)
			}
		}
		if len(hit) == 0 {
			return lt(lang, "live.g.noplace", monthName(month, lang)) + "\n" + h.listGatherings(lang, all, 5), true, nil
		}
		gs = hit
	case win != nil:
		hit, w := win.within(gs)
		if len(hit) == 0 {
			return lt(lang, "live.g.nowhen", w.in(lang)) + "\n" + h.listGatherings(lang, all, 5), true, nil
		}
		gs = hit
	case place != "":
		hit := atPlace(gs, place)
		if len(hit) == 0 {
			return lt(lang, "live.g.noplace", bot.Esc(titleWords(q.Text, place))) + "\n" + h.listGatherings(lang, all, 5), true, nil
		}
		gs = hit
	case id == 0 && !first:
		gs = gs[:1] // "samlingen", "neste samling": the next one
	}
	text, err := h.answerState(ctx, q, lang, gs, true)
	return text, err == nil, err
}

func answerWord(lang, a string) string {
	if lang != "en" {
		return a
	}
	switch a {
	case store.AnswerYes:
		return "yes"
	case store.AnswerNo:
		return "no"
	case store.AnswerMaybe:
		return "maybe"
	}
	return a
}

// factIn returns the fact in lang (nynorsk falls back to bokmål).
func factIn(f faq.Fact, lang string) string {
	switch {
	case lang == "en" && f.EN != "":
		return f.EN
	case lang == "nn" && f.NN != "":
		return f.NN
	}
	return f.NB
}

// lt is a live message in bokmål, nynorsk or English.
func lt(lang, key string, args ...any) string {
	m, ok := liveMsgs[key]
	if !ok {
		return key
	}
	s := m[0]
	switch lang {
	case "nn":
		if m[1] != "" {
			s = m[1]
		}
	case "en":
		s = m[2]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// liveMsgs: bokmål, nynorsk, English.
var liveMsgs = map[string][3]string{
	"live.source": {"kulturbots egne data", "kulturbot sine eigne data", "kulturbot's own data"},
	"live.hello": {
		"Hei! 👋 Jeg er kulturbot for Fremtidens kulturskole. Spør meg om programmet, eller skriv «Hva kan du?».",
		"Hei! 👋 Eg er kulturbot for Fremtidens kulturskole. Spør meg om programmet, eller skriv «Kva kan du?».",
		"Hi! 👋 I'm kulturbot for Fremtidens kulturskole. Ask me about the programme, or type “What can you do?”."},
	"live.thanks": {"Bare hyggelig! 😊 Spør gjerne igjen.", "Berre hyggeleg! 😊 Spør gjerne igjen.", "You're welcome! 😊 Ask any time."},
	"live.bye":    {"Ha det bra! 👋", "Ha det bra! 👋", "Goodbye! 👋"},
	"live.howare": {
		"Takk, bare bra! Hva lurer du på om Fremtidens kulturskole?",
		"Takk, berre bra! Kva lurer du på om Fremtidens kulturskole?",
		"Fine, thanks! What would you like to know about Fremtidens kulturskole?"},
	"live.ok": {"👍 Si ifra hvis du lurer på noe mer.", "👍 Sei ifrå om du lurer på noko meir.", "👍 Just ask if there is anything else."},
	"live.can": {
		"Jeg er kulturbot for Fremtidens kulturskole. Jeg kan:\n" +
			"• svare på spørsmål om programmet – skriv spørsmålet, /faq eller @kulturbot (det jeg ikke vet, sender jeg til arbeidsgruppen)\n" +
			"• fortelle når og hvor neste samling er og når svarfristen går («Hvor er neste samling?»)\n" +
			"• ta imot interessemeldinger fra fylkene: /interesse\n" +
			"• ta imot svar på samlinger, med antall og overnatting: /rsvp\n" +
			"• føre veiledning: /veiledning logg\n" +
			"• for arbeidsgruppen: regioner (/region), samlinger (/samling), ubesvarte spørsmål, eksport og ukentlig oppsummering (/kulturbot)\n" +
			"/kulturbot hjelp viser alle kommandoene med eksempler.",
		"Eg er kulturbot for Fremtidens kulturskole. Eg kan:\n" +
			"• svare på spørsmål om programmet – skriv spørsmålet, /faq eller @kulturbot (det eg ikkje veit, sender eg til arbeidsgruppa)\n" +
			"• fortelje når og kvar neste samling er og når svarfristen går («Kvar er neste samling?»)\n" +
			"• ta imot interessemeldingar frå fylka: /interesse\n" +
			"• ta imot svar på samlingar, med tal på deltakarar og overnatting: /rsvp\n" +
			"• føre rettleiing: /veiledning logg\n" +
			"• for arbeidsgruppa: regionar (/region), samlingar (/samling), ubesvarte spørsmål, eksport og vekeleg oppsummering (/kulturbot)\n" +
			"/kulturbot hjelp viser alle kommandoane med døme.",
		"I'm kulturbot for Fremtidens kulturskole. I can:\n" +
			"• answer questions about the programme – type your question, /faq or @kulturbot (what I don't know goes to the working group)\n" +
			"• tell you when and where the next gathering is and its answer deadline (“Where is the next gathering?”)\n" +
			"• take registrations of interest from the county branches: /interesse\n" +
			"• take answers to gatherings, with headcount and overnight stay: /rsvp\n" +
			"• log mentoring: /veiledning logg\n" +
			"• for the working group: regions (/region), gatherings (/samling), unanswered questions, exports and the weekly digest (/kulturbot)\n" +
			"/kulturbot hjelp lists every command with examples."},
	"live.how.rsvp": {
		"Skriv /rsvp for å se kommende samlinger med svarknapper, eller svar direkte: /rsvp <nr> ja|nei|kanskje [antall] kommune=<navn> overnatting=ja|nei – for eksempel /rsvp 3 ja 4 kommune=Bodø overnatting=ja (overnatting=2: to av dem trenger seng). Et nytt svar for samme kommune erstatter det forrige, så det blir aldri dobbelt – svar på nytt når noe endrer seg. Hvert lagrede svar bekreftes («✅ Lagret …»).",
		"Skriv /rsvp for å sjå komande samlingar med svarknappar, eller svar direkte: /rsvp <nr> ja|nei|kanskje [tal] kommune=<namn> overnatting=ja|nei – til dømes /rsvp 3 ja 4 kommune=Bodø overnatting=ja (overnatting=2: to av dei treng seng). Eit nytt svar for same kommune erstattar det førre, så det blir aldri dobbelt – svar på nytt når noko endrar seg. Kvart lagra svar blir stadfesta («✅ Lagret …»).",
		"Type /rsvp to see upcoming gatherings with answer buttons, or answer directly: /rsvp <no> ja|nei|kanskje [count] kommune=<name> overnatting=ja|nei – for example /rsvp 3 ja 4 kommune=Bodø overnatting=ja (overnatting=2: two of them need a bed). A new answer for the same municipality replaces the earlier one, so nothing is counted twice – just answer again when something changes. Every stored answer is confirmed (“✅ Lagret …”)."},
	"live.how.interesse": {
		"Fylkesavdelingen melder interesse på vegne av kommunene: /interesse fylke=<fylke> kommuner=\"<a>, <b>, <c>\" (kontakt= og kommentar= er valgfrie), eller bare /interesse for et skjema. Fristen er %s. /interesse liste viser registreringene, /interesse endre <nr> endrer og /interesse trekk <nr> trekker en.",
		"Fylkesavdelinga melder interesse på vegner av kommunane: /interesse fylke=<fylke> kommuner=\"<a>, <b>, <c>\" (kontakt= og kommentar= er valfrie), eller berre /interesse for eit skjema. Fristen er %s. /interesse liste viser registreringane, /interesse endre <nr> endrar og /interesse trekk <nr> trekkjer ei.",
		"The county branch registers interest on behalf of its municipalities: /interesse fylke=<county> kommuner=\"<a>, <b>, <c>\" (kontakt= and kommentar= are optional), or just /interesse for a form. The deadline is %s. /interesse liste lists registrations, /interesse endre <no> changes one and /interesse trekk <no> withdraws one."},
	"live.how.veiledning": {
		"Veilederne fører veiledningen: /veiledning logg kommune=<navn> dato=<ÅÅÅÅ-MM-DD> minutter=<n> tema=\"...\" [notat=\"...\"] (eller bare /veiledning logg for et skjema). /veiledning liste [kommune=<navn>] viser det som er ført; /veiledning endre <nr> og /veiledning slett <nr> retter egne oppføringer. Arbeidsgruppen (admin) henter ut alt som CSV med /kulturbot eksport veiledning.",
		"Rettleiarane fører rettleiinga: /veiledning logg kommune=<namn> dato=<ÅÅÅÅ-MM-DD> minutter=<n> tema=\"...\" [notat=\"...\"] (eller berre /veiledning logg for eit skjema). /veiledning liste [kommune=<namn>] viser det som er ført; /veiledning endre <nr> og /veiledning slett <nr> rettar eigne oppføringar. Arbeidsgruppa (admin) hentar ut alt som CSV med /kulturbot eksport veiledning.",
		"Mentors log their sessions: /veiledning logg kommune=<name> dato=<YYYY-MM-DD> minutter=<n> tema=\"...\" [notat=\"...\"] (or just /veiledning logg for a form). /veiledning liste [kommune=<name>] lists what is logged; /veiledning endre <no> and /veiledning slett <no> fix your own entries. The working group (admins) exports everything as CSV with /kulturbot eksport veiledning."},
	"live.how.kommune": {
		"Skriv /kulturbot kommune <navn>, for eksempel /kulturbot kommune Bodø. Da kan du droppe kommune= i /rsvp og /veiledning.",
		"Skriv /kulturbot kommune <namn>, til dømes /kulturbot kommune Bodø. Då kan du droppe kommune= i /rsvp og /veiledning.",
		"Type /kulturbot kommune <name>, for example /kulturbot kommune Bodø. Then you can leave out kommune= in /rsvp and /veiledning."},
	"live.how.region": {
		"Arbeidsgruppen (admin) lager en region med /region ny navn=<navn> kommuner=\"<a>, <b>, <c>\" (minst tre kommuner). /region liste viser regionene, /region endre <navn> kommuner=\"<a>, <b>, <c>\" gir en region nye kommuner og /region slett <navn> sletter den.",
		"Arbeidsgruppa (admin) lagar ein region med /region ny navn=<namn> kommuner=\"<a>, <b>, <c>\" (minst tre kommunar). /region liste viser regionane, /region endre <namn> kommuner=\"<a>, <b>, <c>\" gir ein region nye kommunar og /region slett <namn> slettar han.",
		"The working group (admins) creates a region with /region ny navn=<name> kommuner=\"<a>, <b>, <c>\" (three municipalities or more). /region liste lists them, /region endre <name> kommuner=\"<a>, <b>, <c>\" gives a region new municipalities and /region slett <name> deletes it."},
	"live.how.region.example": {
		"Med kommunene du nevnte: %s",
		"Med kommunane du nemnde: %s",
		"With the municipalities you named: %s"},
	"live.how.rsvpslett": {
		"Arbeidsgruppen (admin) sletter en kommunes svar med /rsvp <nr> slett kommune=<navn>. Har dere selv svart feil, svarer dere bare på nytt: /rsvp <nr> ja|nei|kanskje kommune=<navn> – det nye svaret erstatter det gamle.",
		"Arbeidsgruppa (admin) slettar svaret til ein kommune med /rsvp <nr> slett kommune=<namn>. Har de sjølve svart feil, svarar de berre på nytt: /rsvp <nr> ja|nei|kanskje kommune=<namn> – det nye svaret erstattar det gamle.",
		"The working group (admins) deletes a municipality's answer with /rsvp <no> slett kommune=<name>. If you answered wrongly yourselves, just answer again: /rsvp <no> ja|nei|kanskje kommune=<name> – the new answer replaces the old one."},
	"live.how.avlys": {
		"Arbeidsgruppen (admin) avlyser en samling med /samling avlys <nr> – boten ber deg bekrefte (eller legg til --bekreft). Svarene som er gitt, tas vare på. /samling gjenåpne <nr> gjenåpner den, og /samling endre <nr> dato=<ÅÅÅÅ-MM-DD> sted=\"...\" flytter den.",
		"Arbeidsgruppa (admin) avlyser ei samling med /samling avlys <nr> – boten ber deg stadfeste (eller legg til --bekreft). Svara som er gitt, blir tekne vare på. /samling gjenåpne <nr> opnar ho att, og /samling endre <nr> dato=<ÅÅÅÅ-MM-DD> sted=\"...\" flyttar ho.",
		"The working group (admins) cancels a gathering with /samling avlys <no> – the bot asks you to confirm (or add --bekreft). Answers already given are kept. /samling gjenåpne <no> reopens it, and /samling endre <no> dato=<YYYY-MM-DD> sted=\"...\" moves it."},
	"live.how.id": {
		"Hver samling har et kort nummer, vist som #3 i /rsvp og /samling liste. Det er nummeret du skriver i kommandoene, for eksempel /rsvp 3 ja.",
		"Kvar samling har eit kort nummer, vist som #3 i /rsvp og /samling liste. Det er nummeret du skriv i kommandoane, til dømes /rsvp 3 ja.",
		"Every gathering has a short number, shown as #3 in /rsvp and /samling liste. That is the number you type in the commands, for example /rsvp 3 ja."},
	"live.how.tz": {
		"Alle datoer og klokkeslett vises i norsk tid (Europe/Oslo).",
		"Alle datoar og klokkeslett blir viste i norsk tid (Europe/Oslo).",
		"All dates and times are shown in Norwegian time (Europe/Oslo)."},
	"live.how.dato": {
		"Datoer skriver du som ÅÅÅÅ-MM-DD, for eksempel 2025-02-06: /veiledning logg kommune=<navn> dato=<ÅÅÅÅ-MM-DD> minutter=<n>, /samling ny navn=\"…\" dato=<ÅÅÅÅ-MM-DD> sted=\"…\". 6.2.2025, 06.02.2025 og 6/2/2025 går også (med årstall). Boten viser datoene som «6. februar 2025», i norsk tid.",
		"Datoar skriv du som ÅÅÅÅ-MM-DD, til dømes 2025-02-06: /veiledning logg kommune=<namn> dato=<ÅÅÅÅ-MM-DD> minutter=<n>, /samling ny navn=\"…\" dato=<ÅÅÅÅ-MM-DD> sted=\"…\". 6.2.2025, 06.02.2025 og 6/2/2025 går òg (med årstal). Boten viser datoane som «6. februar 2025», i norsk tid.",
		"Write dates as YYYY-MM-DD, for example 2025-02-06: /veiledning logg kommune=<name> dato=<YYYY-MM-DD> minutter=<n>, /samling ny navn=\"…\" dato=<YYYY-MM-DD> sted=\"…\". 6.2.2025, 06.02.2025 and 6/2/2025 work too (with the year). The bot shows dates as “6 February 2025”, in Norwegian time."},
	"live.how.form": {
		"Du trenger ikke huske alt: /interesse og /veiledning logg uten noe mer åpner et skjema, /rsvp viser de kommende samlingene med svarknapper, og /kulturbot hjelp viser hver kommando med et eksempel. Skriver du noe feil, viser svaret et riktig eksempel.",
		"Du treng ikkje hugse alt: /interesse og /veiledning logg utan noko meir opnar eit skjema, /rsvp viser dei komande samlingane med svarknappar, og /kulturbot hjelp viser kvar kommando med eit døme. Skriv du noko feil, viser svaret eit rett døme.",
		"You don't need to remember it all: /interesse and /veiledning logg on their own open a form, /rsvp lists the upcoming gatherings with answer buttons, and /kulturbot hjelp shows every command with an example. If you type something wrong, the reply shows a correct example."},
	"live.how.sporsmal": {
		"Arbeidsgruppen (admin) ser ubesvarte spørsmål med /kulturbot spørsmål og svarer med /kulturbot svar <nr> <svar>. Alle som spurte får svaret, og det blir en del av FAQ-en (--ikke-faq for å la være).",
		"Arbeidsgruppa (admin) ser ubesvarte spørsmål med /kulturbot spørsmål og svarar med /kulturbot svar <nr> <svar>. Alle som spurde får svaret, og det blir ein del av FAQ-en (--ikke-faq for å la vere).",
		"The working group (admins) sees unanswered questions with /kulturbot spørsmål and answers with /kulturbot svar <no> <answer>. Everyone who asked gets the answer, and it joins the FAQ (--ikke-faq to skip that)."},
	"live.how.data": {
		"/kulturbot mine-data viser alt boten har lagret om deg, og /kulturbot slett-meg sletter det.",
		"/kulturbot mine-data viser alt boten har lagra om deg, og /kulturbot slett-meg slettar det.",
		"/kulturbot mine-data shows everything the bot holds about you, and /kulturbot slett-meg deletes it."},
	"live.how.deltakere": {
		"Arbeidsgruppen (admin) ser hvem som kommer med /samling deltakere <nr>: svaret, antall og overnatting per kommune, og hvem som ikke har svart. Alle kan spørre meg «har Bodø svart?» eller «har alle svart?». /kulturbot eksport rsvp gir alle svarene som CSV.",
		"Arbeidsgruppa (admin) ser kven som kjem med /samling deltakere <nr>: svaret, talet på deltakarar og overnatting per kommune, og kven som ikkje har svart. Alle kan spørje meg «har Bodø svart?» eller «har alle svart?». /kulturbot eksport rsvp gir alle svara som CSV.",
		"The working group (admins) sees who is coming with /samling deltakere <no>: each municipality's answer, headcount and overnight stays, and who has not answered. Anyone can ask me “has Bodø answered?” or “has everyone answered?”. /kulturbot eksport rsvp gives every answer as CSV (attendee list)."},
	"live.how.eksport": {
		"Arbeidsgruppen (admin) henter ut alt som CSV-fil (åpnes i Excel): /kulturbot eksport rsvp for svarene på samlingene, /kulturbot eksport interesse for interessemeldingene og /kulturbot eksport veiledning for veiledningen. Dashbordet (/kulturbot dashbord) har de samme filene.",
		"Arbeidsgruppa (admin) hentar ut alt som CSV-fil (kan opnast i Excel): /kulturbot eksport rsvp for svara på samlingane, /kulturbot eksport interesse for interessemeldingane og /kulturbot eksport veiledning for rettleiinga. Dashbordet (/kulturbot dashbord) har dei same filene.",
		"The working group (admins) exports everything as a CSV file (opens in Excel): /kulturbot eksport rsvp for the answers to gatherings, /kulturbot eksport interesse for interest registrations and /kulturbot eksport veiledning for mentoring. The dashboard (/kulturbot dashbord) has the same files."},
	"live.how.faq": {
		"Du trenger ikke /faq hver gang: send meg en direktemelding (DM), nevn @kulturbot i en kanal, eller skriv /faq <spørsmål> – jeg svarer på alle tre.",
		"Du treng ikkje /faq kvar gong: send meg ei direktemelding (DM), nemn @kulturbot i ein kanal, eller skriv /faq <spørsmål> – eg svarar på alle tre.",
		"You don't need /faq every time: send me a direct message (DM), mention @kulturbot in a channel, or type /faq <question> – I answer all three."},
	"live.who": {
		"Jeg er kulturbot, boten til Fremtidens kulturskole. Skriv «Hva kan du?» for å se hva jeg kan hjelpe med.",
		"Eg er kulturbot, boten til Fremtidens kulturskole. Skriv «Kva kan du?» for å sjå kva eg kan hjelpe med.",
		"I'm kulturbot, the bot of Fremtidens kulturskole. Type “What can you do?” to see what I can help with."},
	"live.g.none": {
		"Ingen kommende samlinger er publisert ennå. Når arbeidsgruppen har lagt dem inn, viser /rsvp dem med dato, sted og svarknapper.",
		"Ingen samlingar framover er publiserte enno. Når arbeidsgruppa har lagt dei inn, viser /rsvp dei med dato, stad og svarknappar.",
		"No upcoming gatherings have been published yet. Once the working group has added them, /rsvp shows them with date, place and answer buttons."},
	"live.g.noid": {
		"Jeg finner ingen samling nummer %d. /rsvp viser de kommende samlingene.",
		"Eg finn inga samling nummer %d. /rsvp viser dei komande samlingane.",
		"I can't find gathering number %d. /rsvp lists the upcoming gatherings."},
	"live.g.noplace":     {"Jeg finner ingen kommende samling i %s.", "Eg finn inga komande samling i %s.", "I can't find an upcoming gathering in %s."},
	"live.g.nowhen":      {"Jeg finner ingen kommende samling %s.", "Eg finn inga komande samling %s.", "I can't find an upcoming gathering %s."},
	"live.g.next":        {"Neste samling:", "Neste samling:", "Next gathering:"},
	"live.g.next.region": {"Neste samling for region %s:", "Neste samling for region %s:", "Next gathering for region %s:"},
	"live.g.one": {
		"#%d %s er %s i %s (%s).",
		"#%d %s er %s i %s (%s).",
		"#%d %s is on %s in %s (%s)."},
	"live.g.region":    {"region %s", "region %s", "region %s"},
	"live.g.national":  {"nasjonal samling", "nasjonal samling", "national gathering"},
	"live.g.cancelled": {"Den er avlyst.", "Ho er avlyst.", "It has been cancelled."},
	"live.g.past":      {"Den er allerede holdt.", "Ho er alt halden.", "It has already taken place."},
	"live.g.today":     {"Den er i dag.", "Ho er i dag.", "It is today."},
	"live.g.deadline": {
		"Svarfristen er %s – svar med /rsvp %d ja|nei|kanskje.",
		"Svarfristen er %s – svar med /rsvp %d ja|nei|kanskje.",
		"The answer deadline is %s – answer with /rsvp %d ja|nei|kanskje."},
	"live.g.deadline.passed": {"Svarfristen gikk ut %s.", "Svarfristen gjekk ut %s.", "The answer deadline passed on %s."},
	"live.g.nodeadline": {
		"Den har ingen egen svarfrist; svar tas imot fram til samlingsdagen – med /rsvp %d ja|nei|kanskje.",
		"Ho har ingen eigen svarfrist; svar blir tekne imot fram til samlingsdagen – med /rsvp %d ja|nei|kanskje.",
		"It has no separate answer deadline; answers are taken until the day of the gathering – with /rsvp %d ja|nei|kanskje."},
	"live.g.list":           {"Kommende samlinger (%d):", "Komande samlingar (%d):", "Upcoming gatherings (%d):"},
	"live.g.short.deadline": {"svarfrist %s", "svarfrist %s", "answer by %s"},
	"live.g.more":           {"…og %d til – /rsvp viser alle.", "…og %d til – /rsvp viser alle.", "…and %d more – /rsvp lists them all."},
	"live.g.howto":          {"Svar med /rsvp <nr> ja|nei|kanskje.", "Svar med /rsvp <nr> ja|nei|kanskje.", "Answer with /rsvp <no> ja|nei|kanskje."},
	"live.a.we": {
		"Jeg vet ikke hvilken kommune du svarer for – sett den med /kulturbot kommune <navn>, eller spør «har Bodø svart?». Slik står det nå:",
		"Eg veit ikkje kva kommune du svarar for – set han med /kulturbot kommune <namn>, eller spør «har Bodø svart?». Slik står det no:",
		"I don't know which municipality you answer for – set it with /kulturbot kommune <name>, or ask “has Bodø answered?”. This is where things stand:"},
	"live.a.we.nouser": {
		"Jeg vet ikke hvilken kommune «vi» er her – spør for eksempel «har Bodø svart?». Slik står det for de kommende samlingene:",
		"Eg veit ikkje kva kommune «vi» er her – spør til dømes «har Bodø svart?». Slik står det for dei komande samlingane:",
		"I don't know which municipality “we” is here – ask, for example, “has Bodø answered?”. This is where the upcoming gatherings stand:"},
	"live.a.unknown": {
		"Jeg finner ingen svar fra %s – kommunen er ikke med i noen region eller registrering her ennå.",
		"Eg finn ingen svar frå %s – kommunen er ikkje med i nokon region eller registrering her enno.",
		"I find no answers from %s – the municipality is not in any region or registration here yet."},
	"live.a.nogatherings": {
		"Det er ingen kommende samlinger for %s å svare på ennå.",
		"Det er ingen komande samlingar for %s å svare på enno.",
		"There are no upcoming gatherings for %s to answer yet."},
	"live.a.noregion": {
		"Det er ingen kommende samlinger for region %s ennå.",
		"Det er ingen komande samlingar for region %s enno.",
		"There are no upcoming gatherings for region %s yet."},
	"live.a.noregionname": {
		"Jeg finner ingen region %s. Slik står det for de kommende samlingene:",
		"Eg finn ingen region %s. Slik står det for dei komande samlingane:",
		"I can't find a region %s. This is where the upcoming gatherings stand:"},
	"live.all.count":    {"%s: %d av %d kommuner har svart.", "%s: %d av %d kommunar har svart.", "%s: %d of %d municipalities have answered."},
	"live.all.missing":  {"Ikke svart ennå: %s.", "Ikkje svart enno: %s.", "Not answered yet: %s."},
	"live.all.national": {"%s: %d kommuner har svart.", "%s: %d kommunar har svart.", "%s: %d municipalities have answered."},
	"live.all.who":      {"Svart: %s.", "Svart: %s.", "Answered: %s."},
	"live.all.sums":     {"Ja: %d (%d personer) · nei: %d · kanskje: %d.", "Ja: %d (%d personar) · nei: %d · kanskje: %d.", "Yes: %d (%d people) · no: %d · maybe: %d."},
	"live.i.none": {
		"Ingen fylkesavdelinger har meldt interesse ennå. /interesse liste viser registreringene når de kommer; fristen er %s.",
		"Ingen fylkesavdelingar har meldt interesse enno. /interesse liste viser registreringane når dei kjem; fristen er %s.",
		"No county branch has registered interest yet. /interesse liste shows the registrations as they come in; the deadline is %s."},
	"live.i.list":  {"Interessemeldinger (%d, %d kommuner):", "Interessemeldingar (%d, %d kommunar):", "Registrations of interest (%d, %d municipalities):"},
	"live.i.more":  {"…og %d til – /interesse liste viser alle.", "…og %d til – /interesse liste viser alle.", "…and %d more – /interesse liste lists them all."},
	"live.i.howto": {"/interesse liste viser dem med detaljer.", "/interesse liste viser dei med detaljar.", "/interesse liste shows them in full."},

	"live.a.no":        {"%s har ikke svart på %s ennå.", "%s har ikkje svart på %s enno.", "%s has not answered %s yet."},
	"live.a.yes":       {"%s har svart på %s – svarte %s.", "%s har svart på %s – svara %s.", "%s has answered %s – on %s."},
	"live.a.yes.admin": {"%s har svart på %s: %s, %d personer – svarte %s.", "%s har svart på %s: %s, %d personar – svara %s.", "%s has answered %s: %s, %d people – on %s."},
	"live.a.private": {
		"Selve svarene ser arbeidsgruppen med /samling deltakere <nr>.",
		"Sjølve svara ser arbeidsgruppa med /samling deltakere <nr>.",
		"The working group sees the answers themselves with /samling deltakere <no>."},
}

// followFirst open a follow-up question ("og …", "and …", "men …").
var followFirst = wordSet("og and men but sa so forresten btw also ogsa ok okei okay")

// saidAnswerRE: "sa ja/nei/kanskje" opens the message — "said yes", the
// answer already given, not the follow-up "så".
var saidAnswerRE = regexp.MustCompile(`^ sa (ja|nei|kanskje) `)

// bareIDRE: "på 3", "for #3", "til nr 2": a number after the preposition
// an attendance question names its gathering with.
var bareIDRE = relit.MustCompile(` (pa|til|for|to) (nr |nummer |no |number )?(\d{1,4})( |$)`)

// bareGathering rewrites "på 3" in n as "på samling nr 3".
func bareGathering(n string) (string, bool) {
	ms := bareIDRE.FindAllStringSubmatchIndex(n, 1)
	if len(ms) == 0 {
		return "", false
	}
	at := ms[0][6]
	return n[:at] + "samling nr " + n[at:], true
}

// stateRE: "is gathering 2 cancelled?", "er samling 3 avlyst?": the
// gathering's state, which describeGathering says.
var stateRE = relit.MustCompile(` (avlyst|avlyses|avlysast|cancelled|canceled|still on|fortsatt|framleis|utsatt|postponed|flyttet|flytta|moved|holdt|halden) `)

// ownMuniNames: the asker's own municipality, named as such.
var ownMuniNames = map[string]bool{"our municipality": true, "my municipality": true, "kommunen var": true, "kommunen min": true,
	"var kommune": true, "min kommune": true, "kommunen vaar": true, "kommuna vaar": true, "kommuna var": true, "our kommune": true,
	// "has our municipality …": answeredRE takes "municipality" apart
	"our": true, "my": true, "var": true, "vaar": true, "min": true}

// isThereRE: "er det (en) samling i …", "is there a gathering in …".
var isThereRE = relit.MustCompile(`^ (er det|er der|blir det|finnes det|fins det|finst det|kommer det|kjem det|is there|are there|will there be) `)

// yesNoFirst are the verbs a yes/no question starts with.
var yesNoFirst = wordSet("er blir ma skal kan bor vil gar far trenger treng is are will must do does should can could need")

// monthOf is the month a month word names (bokmål, nynorsk, English,
// short forms).
func monthOf(w string) time.Month {
	for i, names := range [12]string{"januar january jan", "februar february feb", "mars march mar", "april apr",
		"mai may", "juni june jun", "juli july jul", "august aug", "september sep sept", "oktober october okt oct",
		"november nov", "desember december des dec"} {
		for _, n := range strings.Fields(names) {
			if n == w {
				return time.Month(i + 1)
			}
		}
	}
	return 0
}

// monthName is the month as the answer's language writes it.
func monthName(m time.Month, lang string) string {
	if lang == "en" {
		return m.String()
	}
	return [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}[m-1]
}

// gatheringForms are the forms of "samling" a one-letter slip is read as
// ("samlnig", "samligen", "sammling", "samlinegr").
var gatheringForms = []string{"samling", "samlingen", "samlinga", "samlinger", "samlingene", "samlingar", "samlingane"}

// fixGatheringTypos spells a word one slip away from a form of "samling"
// (n as liveNorm writes it) as that form.
func fixGatheringTypos(n string) string {
	if !strings.Contains(n, " sa") {
		return n
	}
	fs := strings.Fields(n)
	changed := false
	for i, w := range fs {
		if len(w) < 6 || len(w) > 11 || !strings.HasPrefix(w, "sa") {
			continue
		}
		if isGatheringForm(w) {
			continue
		}
		for _, f := range gatheringForms {
			if edit.Within1([]rune(w), []rune(f)) { // w is not f (isGatheringForm)
				fs[i], changed = f, true
				break
			}
		}
	}
	if !changed {
		return n
	}
	return " " + strings.Join(fs, " ") + " "
}

func isGatheringForm(w string) bool {
	for _, f := range gatheringForms {
		if w == f {
			return true
		}
	}
	return false
}
