package faq

import (
	"context"
	"math"
	"strings"
	"sync"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// judgement is what the engine found out about one question: its
// candidates, the one it would answer with, and the signals the gate
// weighs to decide whether that answer is right.
type judgement struct {
	// noTopic: no programme word at all; declined before ranking.
	// offTopic: declined because it steers the bot or names a subject
	// outside the programme (scope.go) — the whole question, whatever its
	// parts ask.
	noTopic, offTopic bool
	// otherObject: the question asks about something outside the
	// programme that best never speaks of (scope.go); neither the whole
	// nor any of its parts is answered.
	otherObject bool
	// settingOnly: best meets the question only in the field's actors and
	// arenas (the culture school, pupils, the municipality) while the
	// question asks about something best never speaks of (scope.go).
	settingOnly bool
	// otherOwner: the question ties a deadline, an application or a
	// sign-up to something the corpus never names ("søknadsfristen for
	// Kulturrom", scope.go): another scheme's.
	otherOwner bool
	// howToUnknown: a how-to question whose verb or its object the
	// corpus never names ("hvordan fører vi mva", scope.go).
	howToUnknown bool
	// definesUnknown: "hva er X" of an X the corpus never uses
	// ("hva er UKM", scope.go).
	definesUnknown bool
	// otherDocument: what a text the corpus never names says
	// ("hva sier rammeplanen om …", scope.go).
	otherDocument bool
	// otherActor: a body or product the corpus never names, not as a
	// place ("Har Udir en veileder …", scope.go).
	otherActor bool
	// detail: the question asks for a detail best's answer does not give
	// (scope_detail.go); detailKnown: best was sure before that veto, so
	// the reply may say what the document does say.
	detail      detailKind
	detailKnown bool
	cands       []candidate
	// best is the candidate the engine would answer with (nil: none).
	best *candidate
	// rival is the best other candidate; second its similarity.
	rival  *candidate
	second float64
	// knownShare is the weighted share of the question's terms the corpus
	// knows; anchored: it holds a word only the programme uses.
	knownShare float64
	anchored   bool
	// typeFit: best's answer holds the kind of fact the question asks for
	// (answertype.go), knows both sides of a choice and speaks of what is
	// counted; notTop: a better-ranked candidate failed that check.
	typeFit, notTop bool
	// veto: the question asks for a fact only data holds (dataTypes) and
	// best's answer does not hold it, or for a choice or a count best
	// cannot give; never answered.
	veto     bool
	asksType bool
	// misfitPlain: best's answer does not hold the kind of fact asked
	// for, and the question is one plain question — no choice ("X eller
	// Y"), no second question or clause joined by og/and, where the
	// misfit is often one half's and the entry right for the other.
	misfitPlain bool
	// twoPart: the question asks two things (splitQuestions): the best
	// entry's coverage falls short by the other half's words, right or
	// wrong, so the gate learns how much of that shortfall to forgive.
	twoPart bool
	// Question words matched by best, and unknown words beside them:
	// names (a town, a product) and common words (a topic the FAQ lacks).
	matched, unknownNames, unknownCommon int
	terms                                int
	// tied: the top two candidates were within RawTieGap, and the words
	// (tiebreak.go) put the first ahead by tieLead.
	tied      bool
	tieLead   float64
	ambiguous bool
	// legacy is the hand-set rules' verdict: the capped confidence of the
	// engine before the gate was fit (a signal like any other).
	legacy float64
	lang   string
	// p is the gate's probability that answering best is right.
	p float64
	// switched: the classifier moved a sure answer to best; liftable:
	// the lift model vouches for an unsure best (classifier.go), which
	// Answer gives as its last resort.
	// demoted: the classifier all but ruled out a sure best and offered
	// no other.
	switched, liftable, demoted bool
	// scratch is the pooled memory cands and the weights live in
	// (judgeScratch); nil once released.
	scratch *judgeScratch
}

// judgeScratch is one judgement's memory, pooled so a question allocates
// no judgement, candidate slice or weights map (issue 16: bytes per /faq
// request drive the collector). A judgement from judgeWords lives in its
// scratch; release hands it back, and nothing may hold the judgement, its
// cands or best/rival after that. One not released is simply collected.
type judgeScratch struct {
	j     judgement
	cands []candidate
	qw    map[string]float64
	names map[string]int // nameTerms
	// words and terms are the question's words (Answer's split) and
	// their terms (judgeWords).
	words []string
	terms []Term
	// key is Answer's exact key (the words joined by spaces).
	key []byte
	// clf is the classifier's memory (classifier.go).
	clf clfScratch
}

var judgePool = sync.Pool{New: func() any { return &judgeScratch{qw: map[string]float64{}, names: map[string]int{}} }}

// release returns j's memory to the pool (j must not be used after; nil
// and an already released judgement are fine). Answer releases every
// judgement it made before it returns: the Answer it returns holds only
// the entries' own strings, never the judgement's memory.
func (j *judgement) release() {
	if j == nil || j.scratch == nil {
		return
	}
	s := j.scratch
	// The candidates point at entries: cleared, a pooled slice keeps no
	// engine's entries alive after a rebuild.
	clear(s.cands[:cap(s.cands)])
	s.cands = s.cands[:0]
	if len(s.qw) > 256 {
		s.qw = map[string]float64{} // a pasted essay's map is not kept
	} else {
		clear(s.qw)
	}
	if len(s.names) > 64 {
		s.names = map[string]int{}
	} else {
		clear(s.names)
	}
	s.j = judgement{}
	s.put()
}

// put hands s back to the pool, its words and terms cleared (they point
// into the question's text) and not kept when a pasted essay grew them.
func (s *judgeScratch) put() {
	clear(s.words[:cap(s.words)])
	clear(s.terms[:cap(s.terms)])
	s.words, s.terms = s.words[:0], s.terms[:0]
	if cap(s.words) > 256 {
		s.words = nil
	}
	if cap(s.terms) > 512 {
		s.terms = nil
	}
	if cap(s.key) > 4096 {
		s.key = nil
	}
	judgePool.Put(s)
}

// judge ranks the entries for q and gathers the gate's signals.
func (e *Engine) judge(ctx context.Context, q, lang string) (*judgement, error) {
	return e.judgeWords(ctx, nil, q, nil, lang)
}

// judgeWords is judge of q already split into its words (words(q); nil:
// split here): Answer splits a question once for its exact key and this.
// s is the scratch the judgement is to live in (nil: one from the pool);
// Answer hands over the one its words are in (s.words).
func (e *Engine) judgeWords(ctx context.Context, s *judgeScratch, q string, ws []string, lang string) (*judgement, error) {
	if s == nil {
		s = judgePool.Get().(*judgeScratch)
	}
	s.j = judgement{lang: lang, scratch: s}
	j := &s.j
	// Prompt injection, subjects outside the programme, small talk
	// (scope.go): declined before anything is ranked.
	off, objects := scanScope(q)
	if q == "" || injection(q) || off || chitchat(q) {
		j.noTopic = true
		j.offTopic = q != "" && !chitchat(q)
		return j, nil
	}
	if ws == nil {
		ws = splitWordsInto(s.words, q, nil)
		s.words = ws
	}
	ts := e.an.analyzeWordsInto(s.terms, ws, lang == "en")
	s.terms = ts
	qw := e.weightsInto(s.qw, ts)
	// A county ("vi er fra Troms") is where the asker is, never what the
	// programme text is about: it weighs like a question word.
	names := e.nameTermsInto(s.names, q)
	for t, kind := range names {
		if _, ok := qw[t]; ok && kind == nameCounty && e.df[t] == 0 {
			qw[t] = e.P.WeakFactor
		}
		if w, ok := qw[t]; ok && kind == nameOther && e.df[t] == 0 && w > e.P.NameWeight {
			qw[t] = e.P.NameWeight
		}
	}
	known, total := 0.0, 0.0
	for t, w := range qw {
		total += w
		if e.df[t] > 0 {
			known += w
		}
	}
	if total > 0 {
		j.knownShare = roundScore(known / total)
	}
	strong := false
	for _, t := range ts {
		if !t.Weak && e.df[t.Text] > 0 && !isNumber(t.Text) {
			strong = true
		}
		if !t.Weak {
			j.terms++
		}
		j.anchored = j.anchored || anchors[t.Text]
	}
	// Nothing the programme talks about: chit-chat, general knowledge.
	if !strong {
		j.noTopic = true
		return j, nil
	}
	cands, err := e.candidatesInto(ctx, s.cands, ts, qw)
	if err != nil {
		j.release()
		return nil, err
	}
	if cap(cands) > cap(s.cands) {
		s.cands = cands // a grown slice is kept for the next question
	}
	if len(cands) == 0 {
		j.cands = cands
		return j, nil
	}
	// A tie at the top is ordered word for word (tiebreak.go); the word
	// index is built by the first question that needs it.
	if len(cands) > 1 && cands[0].sim-cands[1].sim <= e.P.RawTieGap {
		raw := e.raw()
		var qbuf [32]int32
		j.tied = true
		j.tieLead = raw.breakTopTie(raw.wordIDs(ws, qbuf[:]), cands, e.P.RawTieGap)
	}
	j.cands = cands
	// A question asking for a kind of fact (a date, a number, a link, an
	// amount) is best answered by an entry whose answer holds one; a
	// choice between two things ("digitale eller fysiske?") by an entry
	// that knows both. A close runner-up that fits is preferred to a top
	// candidate that does not; whether a misfit is still right is the
	// gate's call.
	fq := bot.FoldText(q) // folded once for the answer types and asksHowTo
	qt := questionTypesFolded(fq)
	j.asksType = qt != 0
	counted, counts := e.countedTerm(q) // once, not per candidate
	fits := func(c candidate) bool {
		return qt&^c.x.types() == 0 && e.coversAlternatives(q, c.x) && coversCountedTerm(counted, counts, c.x) && countVouchedTerm(counted, counts, c.x)
	}
	best := 0
	j.typeFit = fits(cands[0])
	if !j.typeFit {
		for i, c := range cands {
			if cands[0].sim-c.sim > e.P.FitGap {
				break
			}
			if fits(c) {
				best, j.typeFit, j.notTop = i, true, true
				break
			}
		}
	}
	// "How do I ...": a candidate about as close whose answer gives the
	// command to type answers it rather than one that describes the
	// programme's side of it ("hvordan sier jeg fra at 2 av oss trenger
	// overnatting" is /rsvp ... overnatting=2, not how regions are made).
	if cands[best].x.types()&atCommand == 0 && asksHowToFolded(fq) {
		for i, c := range cands {
			if cands[best].sim-c.sim > e.P.FitGap {
				break
			}
			if c.x.types()&atCommand != 0 && (!j.typeFit || fits(c)) {
				best, j.notTop = i, true
				break
			}
		}
	}
	j.best = &cands[best]
	j.misfitPlain = !j.typeFit && plainQuestion(q)
	var parts [4]string // on the stack: the usual question has one part
	j.twoPart = len(splitQuestionsInto(parts[:0], q)) >= 2
	// Facts the FAQ can only hold if its answer states them — a named
	// person, an amount, contact details, a link, a venue, a clock time,
	// a name, how things stand so far — are never guessed: an answer that
	// does not hold the one asked for is not given, however close.
	// Nor is a count of something it never speaks of ("hvor mange
	// dager" answered with six gatherings), or a choice between two
	// named tools the answer folds into one concept ("Teams eller
	// Zoom?" when it knows only "digital"). Any other choice whose two
	// sides fold to one concept is the gate's call, through the type
	// fit, like a side the answer does not know: two words for one thing
	// ("oppfølging eller mentorordning", "a coach or mentor", "long term
	// or a one-off") ask whether, not which — as a veto it declined 20
	// right answers of the training sets for the one Teams-or-Zoom.
	_, folds := e.choiceCover(q, j.best.x)
	j.veto = qt&dataTypes&^j.best.x.types() != 0 || (folds && toolChoiceRE.MatchString(strings.ToLower(q))) || !coversCountedTerm(counted, counts, j.best.x)
	// Nor is a question about something else that shares the programme's
	// words ("fristen for talentprogrammet", scope.go) answered from an
	// entry that never speaks of it.
	j.otherObject = len(objects) > 0 && e.asksOtherObject(j.best.x, objects)
	// Nor a detail the document does not give (the hotel, the exact
	// day, the working group's names; scope_detail.go).
	j.detail = missingDetail(q, j.best.x)
	// Nor a question best meets only in the field's actors and arenas
	// ("kan elevene få karakter i kulturskolen?", scope.go).
	j.settingOnly = e.settingOnly(ts, names, j.best.x)
	// Nor another scheme's deadline or sign-up ("fristen for Kulturrom").
	j.otherOwner = e.otherOwner(ws, names, lang == "en")
	// Nor how to do a thing the programme never names ("hvordan fører vi
	// mva").
	j.howToUnknown = e.howToUnknown(ws, names, lang == "en")
	// Nor what a thing the programme never names is ("hva er UKM").
	j.definesUnknown = e.definesUnknown(q, ws, names, lang == "en")
	// Nor what another text says ("hva sier rammeplanen om …").
	j.otherDocument = e.otherDocument(ws, names, lang == "en")
	// Nor what another body has or does ("Har Udir en veileder …").
	j.otherActor = e.otherActor(q, names, lang == "en")
	// Each of these asks about something best never speaks of, as an
	// object of the lists does: the whole is not answered, nor a part
	// after the one naming it ("hva er UKM og hvordan melder vi på?",
	// multi.go).
	j.otherObject = j.otherObject || j.settingOnly || j.otherOwner || j.howToUnknown || j.definesUnknown || j.otherDocument || j.otherActor
	j.veto = j.veto || j.otherObject || j.detail != noDetail
	// The margin is to the best other candidate, fitting or not: removing
	// a rival by its answer type does not make the choice any clearer.
	for i := range cands {
		if i != best && cands[i].sim > j.second {
			j.second = cands[i].sim
			j.rival = &cands[i]
		}
	}
	b := j.best
	// An unknown word that is a name (Troms, Bodø) says where the asker
	// is from; an unknown common word ("lapskaus", "rekruttere") is what
	// the question is about, and the FAQ does not know it.
	for _, t := range ts {
		switch {
		case t.Weak || isNumber(t.Text):
		case b.x.qvocab[t.Text] || b.x.avocab[t.Text]:
			j.matched++
		case e.df[t.Text] == 0 && len(t.Text) >= 3 && !e.common[t.Text]:
			switch names[t.Text] {
			case nameCounty: // context, not topic
			case nameOther: // a place, or a product ("Visma")
				j.unknownNames++
			default:
				j.unknownCommon++
			}
		}
	}
	// Two entries fitting equally, neither of them closely ("hva er Norsk
	// kulturskoleråd" is in many answers, asked by none): a coin toss.
	// Also a coin toss: a runner-up just as close that covers clearly more
	// of the question ("for mange søkere").
	// Also one: a runner-up just as close that has the question's
	// heaviest word — what it is most about — when best does not ("er
	// det rettleiing mellom samlingane?": the work between gatherings
	// covers "mellom samlingane", mentoring covers "rettleiing").
	r := j.rival
	j.ambiguous = r != nil && b.sim-j.second < e.P.TieGap &&
		(b.prec < e.P.TiePrecision || (r.cov >= e.P.TieRivalCoverage && r.prec >= e.P.TieRivalPrecision && r.cov > b.cov+e.P.TieCoverageLead) ||
			e.heaviestOnlyIn(ts, qw, r.x, b.x))
	j.legacy = e.legacyConfidence(j)
	j.p = j.legacy
	if e.gate != nil {
		var fb [32]float64 // more than featureNames: stays on the stack
		j.p = e.gate.Prob(j.appendFeatures(fb[:0], e.P))
	}
	j.detailKnown = j.detail != noDetail && j.p >= e.threshold() && j.best.x.saysAbout(j.detail)
	if j.veto {
		j.p = math.Min(j.p, math.Nextafter(e.threshold(), 0))
	}
	// A second opinion from the words of the training sets' questions:
	// another of the first candidates may be moved to only when it
	// passes every check best did.
	e.secondOpinion(j, ts, func(c *candidate) bool {
		return fits(*c) && qt&dataTypes&^c.x.types() == 0 && missingDetail(q, c.x) == noDetail &&
			!(len(objects) > 0 && e.asksOtherObject(c.x, objects)) && !e.settingOnly(ts, names, c.x)
	})
	return j, nil
}

// toolChoiceRE is a choice between two named chat or video tools
// ("Teams eller Zoom", "zoom or google meet"): which one, a fact the FAQ
// does not give when its answer says only "digital".
var toolChoiceRE = relit.MustCompile(`\b(teams|zoom|google meet|meet|webex|skype|slack|discord|whereby|messenger)\s+(eller|or|el\.|vs\.?|versus)\s+(teams|zoom|google meet|meet|webex|skype|slack|discord|whereby|messenger)\b`)

// plainQuestion: q asks one thing — no "eller/or" choice, no second
// question, no "og/and" joining two.
func plainQuestion(q string) bool {
	l := " " + strings.ToLower(q) + " "
	for _, w := range []string{" og ", " and ", " samt ", " eller ", " or ", " el. ", " vs"} {
		if strings.Contains(l, w) {
			return false
		}
	}
	return len(splitQuestions(q)) < 2
}

// legacyConfidence is the engine's hand-set confidence before the gate:
// similarity, margin and bm25 blended, then capped by the rules (one topic
// word beside an unknown one, too little coverage, a coin toss, a misfit
// answer type). The gate takes it as one signal among the others.
func (e *Engine) legacyConfidence(j *judgement) float64 {
	b := j.best
	conf := confidence(*b, j.second, e.P)
	capped := math.Nextafter(e.P.LegacyThreshold, 0) // just below
	if j.matched == 1 && j.unknownNames > 0 {
		conf *= e.P.NamePenalty
	}
	if (j.matched == 1 && j.unknownCommon > 0) || b.cov < e.P.MinCoverage || j.ambiguous || !j.typeFit {
		conf = math.Min(conf, capped)
	}
	return conf
}

// heaviestOnlyIn reports whether the question's heaviest term (ties: the
// first) is in a's phrasings and in neither b's phrasings nor its answer.
func (e *Engine) heaviestOnlyIn(ts []Term, qw map[string]float64, a, b *indexed) bool {
	heavy, hw := "", 0.0
	for _, t := range ts {
		if w := qw[t.Text]; !t.Weak && !isNumber(t.Text) && w > hw {
			heavy, hw = t.Text, w
		}
	}
	return heavy != "" && a.qvocab[heavy] && !b.qvocab[heavy] && !b.avocab[heavy]
}
