package faq

import (
	"context"
	"database/sql"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// Engine answers questions from FAQ entries. It keeps an index in memory
// (built at start-up, memindex.go) of the analysed phrasings and answers;
// FTS5's bm25 finds the candidates, a term-coverage score ranks them, and a
// fitted gate turns the best one's signals into the probability that
// answering it is right. Safe for concurrent use.
//
// The engine by job: engine.go answers (the order of the steps);
// lexicon.go spells out shorthand; scope.go declines what is not about the
// programme; index.go builds and grows the index; score.go ranks (every
// constant a field of Params); judge.go gathers the signals; gate.go
// decides; multi.go splits two questions in one; answertype.go knows the
// kinds of fact; analyze.go, dict.go and lang.go read words and languages.
type Engine struct {
	P Params
	// gate decides whether the best candidate is answered (gate.go).
	gate *Gate

	mu sync.RWMutex
	// memScratch and scoreScratch keep the per-question working memory of
	// ranking (memindex.go) and scoring (scoreindex.go) between questions.
	memScratch, scoreScratch sync.Pool
	db                       *sql.DB
	an                       *Analyzer
	entries                  map[string]*indexed
	df                       map[string]int // entries whose vocabulary holds a term
	// common holds the terms of everyday words (lexicon/common.txt).
	common map[string]bool
	// exact maps a phrasing's exactKey to its entry ("" when two entries
	// share it): a question typed as the corpus phrases it is answered
	// with that entry, whatever its words weigh.
	exact map[string]string
	// mem is the entries' full-text index the questions are ranked on
	// (memindex.go); db the FTS5 table of document passages, opened by
	// the first AddPassages (openFTS), nil without documents.
	mem *memIndex
	// sx is the entries' vocabulary by term, for scoring (scoreindex.go).
	sx *scoreIndex
	// raw is the phrasings' words, word for word (tiebreak.go), built on
	// first use after each index change.
	raw func() *rawIndex
	// source is where the index came from (IndexSource, snapshot.go).
	source string
	// clf is the word classifier's second opinion (classifier.go); nil
	// when the entries are not the ones it was fit on.
	clf *classifier
}

// indexed is an entry with its analysed vocabulary.
type indexed struct {
	Entry
	// phrasings: term -> 1 (or WeakFactor) per phrasing, held only from
	// add to the next refreshDens. After it the score index holds the
	// same pairs (sx.phr, by phrasing number x.base+j) and nphr their
	// number; restorePhrasings puts them back when the index is rebuilt.
	// Held for good they were ~0.8 MB of the live heap in ~5,000 small
	// maps, which every collection marks (docs/operations.md "Round 8:
	// memory").
	phrasings []map[string]float64
	nphr      int32
	dens      []float64       // each phrasing's summed term weight (refreshDens)
	qvocab    map[string]bool // terms of all phrasings
	avocab    map[string]bool // terms of the answers and section
	titleNB   string
	titleEN   string
	// atypes are the kinds of fact the answer holds. Running the
	// answer-type patterns on ~1,000 phrasings was three quarters of cold
	// start, and most entries are never a candidate, so they are worked
	// out on first use (types).
	atypesOnce sync.Once
	atypes     answerType
	// answerCounts: the answer itself holds a count (a number, in digits
	// or words); counted: the things its count-asking phrasings count
	// ("" for "hvor mange kan være med?", which names none).
	answerCounts bool
	counted      map[string]bool
	// pos numbers the entry, and base its first phrasing, in the score
	// index (scoreindex.go; refreshDens).
	pos, base int32
}

// types returns the kinds of fact x's answer holds (or its phrasings ask
// for), computed once on first use.
func (x *indexed) types() answerType {
	x.atypesOnce.Do(func() {
		t := answerTypes(x.Entry)
		x.answerCounts = t&atCount != 0
		for _, q := range x.Questions {
			// The working group wrote this question for this entry: the
			// kinds of fact it asks for ("How many places are there?") are
			// ones the answer gives, in words or not. Only the broad kinds:
			// a named person, an amount, contact details, a link, a venue,
			// a clock time, a name or how things stand so far must be in
			// the answer itself ("who is our mentor?" written for the
			// mentoring entry does not make it name one).
			t |= questionTypes(q) & phrasingTypes
		}
		x.atypes = t
	})
	return x.atypes
}

// prepare trims question to what the engine reads, spells out its
// abbreviations and short-word typos (lexicon.go) and picks the answer
// language (engine lock held).
func (e *Engine) prepare(question, lang string) (string, string) {
	q := strings.TrimSpace(question)
	if utf8.RuneCountInString(q) > 1000 { // counted, not copied: the usual question is far shorter
		q = string([]rune(q)[:1000])
	}
	if strings.HasPrefix(q, "#") {
		// An entry id ("#samling-admin", a related-topic button) says
		// nothing of the asker's language: the one given is theirs.
		return q, answerLang("", lang)
	}
	q = withoutIntro(withoutPurpose(e.normalize(q, true)))
	l := answerLang(q, lang)
	if l == "en" {
		q = joinParticlesEN(q)
	}
	return q, l
}

// answerLang is the language to answer q in: the question's own when it
// shows one (nynorsk when its Norwegian is), otherwise lang ("nb", "nn",
// "en"; anything else is bokmål).
func answerLang(q, lang string) string {
	l := strings.ToLower(q) // lowered once for both tests
	switch detectLangLower(l) {
	case "en":
		return "en"
	case "nb":
		if nynorskLower(l) {
			return "nn"
		}
		return "nb"
	}
	if lang == "en" || lang == "nn" {
		return lang
	}
	return "nb"
}

// Answer answers question in lang ("nb", "nn", "en", or "" to detect).
// "#<entry-id>" answers that entry (related-topic buttons).
func (e *Engine) Answer(ctx context.Context, question, lang string) (Answer, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	q, lang := e.prepare(question, lang)
	var lifted Answer
	ans, err := e.answerMessage(ctx, question, q, lang, &lifted)
	// A question every new writer asks in a new way (unsure.go) is its
	// entry's, also when another entry answered it surely — but not an
	// exact phrasing of an entry (answered by the index's exact keys;
	// a score of 1 alone is no phrasing: "kva må eigentleg SFO gjere i
	// dette?" scored 1 for the childhood sector's entry, split 100) or
	// a two-part answer (a message of parts answered by one entry, the
	// rest context or left unanswered, is no two-part answer: oneEntry).
	if err == nil && ans.Answered && ans.Path == "faq" && !ans.exact && (len(ans.Parts) == 0 || e.oneEntry(ans)) {
		if a, ok := e.byRule(question, lang, ans.Score); ok && a.EntryID != ans.EntryID {
			// The rule asks one part, and another entry answered
			// another, a question of its own: both answers ("who
			// actually runs the program day to day, and what's the
			// funding source?" lost its funding to the rule).
			if both, ok := e.ruleAndAnswer(ans, a); ok {
				return both, nil
			}
			// A part left unanswered that the rule does not ask itself
			// is still unanswered ("… og hva tjener en veileder?").
			for _, u := range ans.Unanswered {
				if unsureAsks(u.Question) != a.EntryID {
					a.Parts, a.Unanswered = ans.Parts, append(a.Unanswered, u)
				}
			}
			return a, nil
		}
	}
	// Declined as outside the programme, though it asks one of them:
	// "… har hørt masse om «fremtidens kulturskole». hva er det
	// egentlig?" (nine such in the training sets and splits 9–54, every
	// one in scope and the rule's).
	// (Not one asking a detail the document does not give: "hvor mye
	// tjener en veileder per time?")
	if err == nil && ans.OutOfScope {
		if a, ok := e.byRule(question, lang, e.threshold()); ok && detailAsked(strings.ToLower(question)) == noDetail {
			return a, nil
		}
	}
	if err != nil || ans.Answered || ans.OutOfScope || ans.Partial {
		return ans, err
	}
	// Unsure of the message and of every reading of it, and it asks one
	// of the questions of unsure.go: its entry answers. Else the lift
	// model (classifier.go) may answer with the first candidate, as a
	// last resort — after the question sentences alone, whose own sure
	// answer is the better one. The first reading it vouched for
	// answers. The rule comes first: the lift model vouches for a
	// candidate's signals, the rule for what is asked ("is this a
	// one-and-done project or more of a long game thing?" was lifted to
	// the duration's entry: splits 9–75 through ask four wrong answers
	// right, one right wrong; the training sets unchanged).
	if a, ok := e.byRule(question, lang, e.threshold()); ok {
		return a, nil
	}
	if lifted.Answered {
		return lifted, nil
	}
	return ans, nil
}

// onePart reports whether ans, the answer to a message of parts, is one
// entry's answer alone with no part left unanswered: the other parts
// were context ("hvorfor så mye fokus på oppvekst? koret mitt er jo mest
// voksne"), not questions of their own. Two entries' answers are joined
// by a blank line (answerBoth); an entry's own answer has none.
func (e *Engine) onePart(ans Answer) bool {
	return len(ans.Unanswered) == 0 && !strings.Contains(ans.Text, "\n\n") && !strings.Contains(ans.Source, "; ")
}

// oneEntry reports whether ans, the answer to a message of parts, is one
// entry's answer alone, other parts left unanswered or not: "hvor mange
// infomøter blir det, og er de fysiske eller på teams?" answered its
// second part from the gatherings' entry and filed the first; the rule
// on the information meetings answers both (split 124).
func (e *Engine) oneEntry(ans Answer) bool {
	return !strings.Contains(ans.Text, "\n\n") && !strings.Contains(ans.Source, "; ")
}

// ruleAndAnswer is ans, the answer to a message of parts, with the
// rule's answer a after it, when the rule asks a part of the message and
// ans answered another, a question of its own that does not point back
// at the rule's ("… og er de fysiske eller på teams?" asks of the
// information meetings the rule answers, and the rule's answer alone
// stands).
func (e *Engine) ruleAndAnswer(ans, a Answer) (Answer, bool) {
	if len(ans.Parts) < 2 {
		return ans, false
	}
	ruled, others := 0, 0
	first := false // the rule's part asked before the others
	for _, p := range ans.Parts {
		switch {
		case unsureAsks(p) == a.EntryID:
			first = first || others == 0
			ruled++
		case slices.ContainsFunc(ans.Unanswered, func(u Unanswered) bool { return u.Question == p }):
		case backRefRE.MatchString(strings.ToLower(p)):
			return ans, false
		case wordCount(p) >= 3: // not "ok" before the question
			others++
		}
	}
	if ruled == 0 || others == 0 {
		return ans, false
	}
	var rest []Unanswered
	for _, u := range ans.Unanswered {
		if unsureAsks(u.Question) != a.EntryID {
			rest = append(rest, u)
		}
	}
	if first {
		ans.Text, ans.EntryID = a.Text+"\n\n"+ans.Text, a.EntryID
	} else {
		ans.Text += "\n\n" + a.Text
	}
	if a.Source != "" && !strings.Contains(ans.Source, a.Source) {
		ans.Source += "; " + a.Source
	}
	ans.Score = math.Min(ans.Score, a.Score)
	ans.Unanswered = rest
	return ans, true
}

// backRefRE is a part's pronoun pointing back at what an earlier part
// named ("er de fysiske", "are they", "kva kostar den").
var backRefRE = relit.MustCompile(`\b(?:de|dei|dem|den|they|them|it|its|their)\b`)

// byRule answers question from the entry of the unsure rule it matches
// (unsure.go), with confidence conf; false when none matches.
func (e *Engine) byRule(question, lang string, conf float64) (Answer, bool) {
	id := unsureAsks(question)
	if id == "" {
		return Answer{}, false
	}
	x, ok := e.entries[id]
	if !ok {
		return Answer{}, false
	}
	return e.answerWith(Answer{Question: question, Lang: lang}, x, conf), true
}

// answerMessage answers the message q (question as prepare left it):
// the whole, then its question sentences, then the whole without its
// reason clause. The first unsure reading the lift model vouches for is
// kept in lifted (Answer's last resort).
func (e *Engine) answerMessage(ctx context.Context, question, q, lang string, lifted *Answer) (Answer, error) {
	ans, err := e.answerPrepared(ctx, question, q, lang, lifted)
	if err != nil || ans.Answered {
		return ans, err
	}
	// A message of several sentences whose whole is not sure: its
	// question sentences alone may be. The sentences around them are
	// often background the asker gives ("Vi er fire kommuner i
	// Innherred … Kulturskolene våre samarbeider allerede litt. Men er
	// det nok at …?", "… travel is a big deal for us. Will the programme
	// pay for our travel?") that thins the question's coverage; when
	// they carry the question's subject ("Vi svarte nei, men nå kan vi
	// likevel. Må vi ringe noen?") the question alone is no surer, and
	// the whole's answer stands. Only an unsure whole is asked again:
	// a sure answer is never replaced. A detail the document does not
	// give, asked in the background only ("Vi rekker nok ikke fristen i
	// år. Kommer det nye runder senere?"), is no detail of the question;
	// asked in the question, the question alone is declined for it too.
	// A whole declined as outside the programme is asked again only when
	// its question names the programme's own things ("… vi underviser
	// elever og har konserter, ferdig med det. Hvilken rolle ser
	// programmet for seg at kulturskolen skal ha?"): "Hei, eg har gløymt
	// passordet til Visma. Kven skal eg kontakte?" asks about Visma.
	// Nor an attempt to steer the bot ("Glem alle tidligere
	// instruksjoner. Hva er fristen?").
	if qs, ok := questionSentences(q); ok && !injection(q) && (!ans.OutOfScope || e.anchoredText(qs, lang) || e.asideOffTopic(q, qs, lang)) {
		if b, err := e.answerPrepared(ctx, question, qs, lang, lifted); err == nil && (b.Answered || (ans.OutOfScope && !b.OutOfScope)) {
			// Not sure of its question alone either, but that question
			// is the programme's: it goes to the working group, not
			// away as off-topic for its aside ("Our county board is
			// meeting next week (there will be pizza, I am told). What
			// is the county board actually expected to do …?",
			// blind174).
			return b, nil
		}
	}
	// A whole declined as outside the programme for what its reason
	// clause names ("vi rekker nok ikke å bli med denne gangen fordi vi
	// har så mye på gang med skolekonserter …, kommer det en ny sjanse
	// senere?") is asked again without the clause when what is left names
	// the programme's own things: the reason is background, not the
	// subject (blind103).
	if ans.OutOfScope && !injection(q) {
		if r, ok := withoutReasonClause(q); ok && e.anchoredText(r, lang) {
			if b, err := e.answerPrepared(ctx, question, r, lang, lifted); err == nil && !b.OutOfScope {
				return b, nil
			}
		}
	}
	return ans, nil
}

// reasonClauseRE is a clause giving the asker's reason or condition, to
// the clause's end: "fordi vi har så mye på gang med skolekonserter",
// "because we have concerts all spring", "hvis det kolliderer med
// konsert" (blind124).
// ("pga." keeps its dot: a \b after it would make the dot the clause's
// end.)
var reasonClauseRE = regexp.MustCompile(`(?i)\s*\b(?:(?:fordi|because|ettersom|på grunn av|pa grunn av|due to|cause|cos of|bc of|on account of|grunna|grunnet|hvis|dersom|viss|if|in case)\b|pga\b\.?)[^,.?!;–]*`)

// withoutReasonClause is q without its reason clauses, and whether it had
// any.
func withoutReasonClause(q string) (string, bool) {
	if !reasonClauseRE.MatchString(q) {
		return q, false
	}
	r := strings.TrimSpace(reasonClauseRE.ReplaceAllString(q, ""))
	return r, r != "" && r != q
}

// asideOffTopic reports whether what declined q names a subject outside
// the programme only in a sentence left out of its question sentences
// qs, while the message speaks of the programme's own things and the
// question is one of its own, long enough to say what it asks: "Real
// talk: we're a tiny kommune with 2.5 teachers and a piano that's older
// than me. Is there one standard model everyone has to follow, or can we
// shape it around what our local politicians want?" (blind121). A short
// question ("Kven skal eg kontakte?" after a word about Visma) asks about
// the aside and stays declined.
func (e *Engine) asideOffTopic(q, qs, lang string) bool {
	return wordCount(qs) >= 10 && !offTopic(qs) && e.anchoredText(q, lang)
}

// anchoredText reports whether q holds a term only the programme's own
// questions use (anchors: kulturskole, program, samling, …).
func (e *Engine) anchoredText(q, lang string) bool {
	for _, t := range e.an.analyzeWordsIn(splitWords(q, nil), lang == "en") {
		if anchors[t.Text] {
			return true
		}
	}
	return false
}

// answerPrepared answers q, question as prepare left it (asked as
// question), in lang. An unsure best the lift model vouches for is
// written to lifted, unless an earlier reading's already is there (nil:
// not wanted).
func (e *Engine) answerPrepared(ctx context.Context, question, q, lang string, lifted *Answer) (Answer, error) {
	ans := Answer{Question: question, Lang: lang}
	if id, ok := strings.CutPrefix(q, "#"); ok {
		if x, ok := e.entries[strings.TrimSpace(id)]; ok {
			a := e.answerWith(ans, x, 1)
			a.exact = true
			return a, nil
		}
	}
	// Split once: the exact key, then the analysis (judgeWords), into
	// the pooled memory the judgement will live in.
	s := judgePool.Get().(*judgeScratch)
	ws := splitWordsInto(s.words, q, nil)
	s.words = ws
	s.key = appendJoined(s.key[:0], ws)
	if id := e.exact[string(s.key)]; id != "" { // no string allocated for the look-up
		if x, ok := e.entries[id]; ok {
			s.put()
			a := e.answerWith(ans, x, 1)
			a.exact = true
			return a, nil
		}
	}
	j, err := e.judgeWords(ctx, s, q, ws, lang)
	if err != nil {
		return ans, err
	}
	// The judgement's memory is pooled (judgeScratch): what is returned
	// below is built from the entries, never from it.
	defer j.release()
	// Two questions in one ("når er fristen, og hva koster det?") get
	// both answers; one sure half is answered when the whole is not, and
	// the half not answered — unsure, or outside the programme — is named
	// in the answer (Unanswered), never dropped without a word. A
	// question naming a subject outside the programme keeps its sure
	// parts only when they come before that subject: in "hva er UKM og
	// hvordan melder vi på?" the second half asks about UKM, in "is there
	// a conference …? how do we sign up" about the conference
	// (answerParts).
	var pb [4]string
	if parts := splitQuestionsInto(pb[:0], q); len(parts) > 1 {
		var vb [4]partVerdict
		vs, err := e.judgeParts(ctx, vb[:0], parts, lang)
		if err != nil {
			return ans, err
		}
		defer releaseParts(vs)
		if a, ok := e.answerParts(ans, j, vs, shownParts(question, parts)); ok {
			return a, nil
		}
	}
	switch {
	case j.noTopic:
		return decline(ans), nil
	case j.best == nil:
		return e.unsure(ans, j), nil
	}
	if j.p >= e.threshold() {
		return e.answerWith(ans, j.best.x, j.p), nil
	}
	if lifted != nil && j.liftable && !lifted.Answered {
		*lifted = e.answerWith(ans, j.best.x, e.threshold())
	}
	return e.unsure(ans, j), nil
}

// threshold is the probability (without a gate: the legacy confidence) an
// answer needs.
func (e *Engine) threshold() float64 {
	if e.gate != nil {
		return e.gate.Threshold
	}
	return e.P.LegacyThreshold
}

func (e *Engine) answerWith(ans Answer, x *indexed, conf float64) Answer {
	ans.Answered = true
	ans.Text = x.Answer.In(ans.Lang)
	ans.Source = x.Source
	ans.Score = round2(conf)
	ans.Path = "faq"
	ans.EntryID = x.ID
	return ans
}

// unsure is the honest "no sure answer", with up to three related topics.
// A question with too little in common with the programme is declined as
// out of scope instead (not logged for the working group).
func (e *Engine) unsure(ans Answer, j *judgement) Answer {
	ans.Answered = false
	cands := j.cands
	if e.outOfScope(j) {
		return decline(ans)
	}
	ans.Text = text(ans.Lang, "faq.engine.unsure")
	if j.detail != noDetail {
		// "The document doesn't say which hotel; what it does say: …"
		ans.Text, ans.Partial = detailFrame(j.detail, ans.Lang, j.best.x, j.detailKnown), true
	}
	ans.Score = round2(j.p)
	for _, c := range cands {
		if len(ans.Related) == 3 || c.sim < e.P.RelatedMinSim {
			break
		}
		ans.Related = append(ans.Related, Related{ID: c.x.ID, Question: c.x.title(ans.Lang)})
	}
	return ans
}

// outOfScope: a question with no sure answer has too little in common
// with the programme to be the working group's (declined, not queued).
func (e *Engine) outOfScope(j *judgement) bool {
	return !j.anchored && !j.detail.atGathering() && j.knownShare < e.P.ScopeKnownShare && (len(j.cands) == 0 || j.cands[0].cov < e.P.ScopeCoverage)
}

func decline(ans Answer) Answer {
	ans.Answered = false
	ans.OutOfScope = true
	ans.Text = text(ans.Lang, "faq.engine.outofscope")
	return ans
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// title is x's title in lang ("nb", "nn", "en"), as a related topic: the
// first nynorsk phrasing for nynorsk (as the corpus's facts filled it:
// Questions holds the bokmål, nynorsk and English phrasings in that
// order), the bokmål title when the entry has none.
func (x *indexed) title(lang string) string {
	switch lang {
	case "en":
		return x.titleEN
	case "nn":
		if i := len(x.Questions) - len(x.QuestionsEN) - len(x.QuestionsNN); len(x.QuestionsNN) > 0 && i >= 0 {
			return asTitle(x.Questions[i])
		}
	}
	return x.titleNB
}

// asTitle is a phrasing as a button's title: many nynorsk phrasings are
// written as people type them ("kva har boten lagra om meg"), and a
// button reads better capitalised and asked ("Kva har boten lagra om
// meg?").
func asTitle(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return q
	}
	if r, n := utf8.DecodeRuneInString(q); unicode.IsLower(r) {
		q = string(unicode.ToUpper(r)) + q[n:]
	}
	if !strings.ContainsAny(q[len(q)-1:], "?.!") {
		q += "?"
	}
	return q
}

// text is the engine's message key in lang ("nb", "nn", "en").
func text(lang, key string) string { return messagesNN.T(messages, bot.Lang(lang), key) }

// messagesNN are the nynorsk texts of messages, for a question asked in
// nynorsk.
var messagesNN = bot.Nynorsk{
	"faq.engine.unsure":     "Eg har ikkje noko sikkert svar på det.",
	"faq.engine.outofscope": "Det kan eg dessverre ikkje svare på – eg svarar berre på spørsmål om Fremtidens kulturskole og dei regionale programma (til dømes «Når er fristen for å melde interesse?»). /kulturbot hjelp viser kva eg kan.",
}

var messages = bot.Messages{
	"faq.engine.unsure": {
		"Jeg har ikke noe sikkert svar på det.",
		"I don't have a sure answer to that.",
	},
	"faq.engine.outofscope": {
		"Det kan jeg dessverre ikke svare på – jeg svarer bare på spørsmål om Fremtidens kulturskole og de regionale programmene (for eksempel «Når er fristen for å melde interesse?»). /kulturbot hjelp viser hva jeg kan.",
		"Sorry, I can't help with that – I only answer questions about Fremtidens kulturskole and its regional programmes (for example “When is the deadline to register interest?”). /kulturbot hjelp shows what I can do.",
	},
}

// appendJoined is strings.Join(ws, " ") appended to b.
func appendJoined(b []byte, ws []string) []byte {
	for i, w := range ws {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return b
}
