package faq

import (
	"context"
	"database/sql"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/kulturskoleradet/kulturbot/bot"
	_ "modernc.org/sqlite" // FTS5 is compiled into modernc.org/sqlite
)

// Params are the constants of scoring (score.go) and of the hand-set
// rules whose verdict the gate weighs (legacyConfidence). Each was chosen
// with the evaluation sets in hand (faq/testdata, see docs/faq.md); whether
// to answer is decided by the gate (gate.go), fit on data, not by these.
type Params struct {
	// UnknownWeight is the weight of a question word the corpus has never
	// seen (a place name, a topic we do not cover).
	UnknownWeight float64
	// WeakFactor scales question words (hvem, når, hvorfor).
	WeakFactor float64
	// AnswerMatch is the credit for a word found only in an entry's answer
	// text rather than in one of its phrasings.
	AnswerMatch float64
	// GenericCap caps the weight of a known word that is not programme
	// vocabulary (not a concept of the synonym lists): "run", "held",
	// "bruke" are rare in the corpus, so their rarity would otherwise make
	// them weigh more than "frist" or "samling".
	GenericCap float64
	// MinTermWeight is the least weight of a known word, however many
	// entries use it ("program" is everywhere yet still a topic).
	MinTermWeight float64
	// CommonWeak: an everyday word the corpus never uses ("ny", "gang")
	// weighs like a question word, not like an unknown topic.
	CommonWeak bool
	// NameWeight is the most an unknown capitalised word inside a sentence
	// (a town, a product) weighs.
	NameWeight float64
	// Candidates is how many rows bm25 hands to the scoring;
	// BM25AnswerColumn the weight of the answer column against the
	// phrasings' 1.0 in that ranking.
	Candidates       int
	BM25AnswerColumn float64
	// CoverageShare is the share of coverage in a candidate's similarity;
	// the rest is its precision (how much of its best phrasing the
	// question covers).
	CoverageShare float64
	// FitGap: a candidate whose answer fits the question's type may
	// answer instead of the top one if it is at most this far behind.
	FitGap float64
	// TieGap and TiePrecision: two candidates closer than TieGap, the best
	// of them phrased less like the question than TiePrecision, are a coin
	// toss; so are two that close where the rival covers at least
	// TieRivalCoverage of the question (phrased at least TieRivalPrecision
	// like it), TieCoverageLead more than the best.
	TieGap, TiePrecision, TieRivalCoverage, TieRivalPrecision, TieCoverageLead float64
	// The legacy confidence (a gate signal): SimWeight·similarity +
	// MarginWeight·margin + BM25Weight·bm25, the margin to the runner-up
	// counted in units of MarginScale and bm25 saturating at BM25Half.
	SimWeight, MarginWeight, BM25Weight, MarginScale, BM25Half float64
	// LegacyThreshold is the hand-set threshold the legacy rules capped
	// a doubtful answer just below; MinCoverage the least coverage they
	// accepted; NamePenalty the factor for one topic word beside a name.
	LegacyThreshold, MinCoverage, NamePenalty float64
	// An unsure question is declined as out of scope (not passed to the
	// working group) when it holds no programme-only word, the corpus knows
	// less than ScopeKnownShare of its weight and the best entry covers
	// less than ScopeCoverage of it.
	ScopeKnownShare, ScopeCoverage float64
	// RelatedMinSim is the least similarity of a related-topic button.
	RelatedMinSim float64
}

// DefaultParams are the calibrated defaults.
var DefaultParams = Params{
	UnknownWeight: 2.0, WeakFactor: 0.3, AnswerMatch: 0.7, GenericCap: 2.0, MinTermWeight: 0.2, CommonWeak: true,
	NameWeight: 1.0, Candidates: 30, BM25AnswerColumn: 0.4, CoverageShare: 0.7, FitGap: 0.1, TieGap: 0.03, TiePrecision: 0.7, TieRivalCoverage: 0.95, TieRivalPrecision: 0.5, TieCoverageLead: 0.1,

	SimWeight: 0.75, MarginWeight: 0.15, BM25Weight: 0.10, MarginScale: 0.3, BM25Half: 4,
	LegacyThreshold: 0.57, MinCoverage: 0.45, NamePenalty: 0.85,
	ScopeKnownShare: 0.5, ScopeCoverage: 0.34, RelatedMinSim: 0.2,
}

// Engine answers questions from FAQ entries. It keeps an SQLite FTS5 index
// (in memory, built at start-up) of the analysed phrasings and answers;
// bm25() finds the candidates and a term-coverage score turns the best of
// them into a 0..1 confidence. Safe for concurrent use.
type Engine struct {
	P Params
	// gate decides whether the best candidate is answered (gate.go).
	gate *Gate

	mu      sync.RWMutex
	db      *sql.DB
	an      *Analyzer
	entries map[string]*indexed
	df      map[string]int // entries whose vocabulary holds a term
	// common holds the terms of everyday words (lexicon/common.txt).
	common map[string]bool
	// exact maps a phrasing's exactKey to its entry ("" when two entries
	// share it): a question typed as the corpus phrases it is answered
	// with that entry, whatever its words weigh.
	exact map[string]string
	// rows maps the FTS rowid of an entry's row to the entry, so a search reads
	// only the index, never the stored columns.
	rows map[int64]string
}

// indexed is an entry with its analysed vocabulary.
type indexed struct {
	Entry
	phrasings []map[string]float64 // term -> 1 (or WeakFactor) per phrasing
	qvocab    map[string]bool      // terms of all phrasings
	avocab    map[string]bool      // terms of the answers and section
	titleNB   string
	titleEN   string
	atypes    answerType // kinds of fact the answer holds
}

// prepare trims question to what the engine reads, spells out its
// abbreviations and short-word typos (lexicon.go) and picks the answer
// language (engine lock held).
func (e *Engine) prepare(question, lang string) (string, string) {
	q := strings.TrimSpace(question)
	if len([]rune(q)) > 1000 {
		q = string([]rune(q)[:1000])
	}
	if !strings.HasPrefix(q, "#") {
		q = e.normalize(q, true)
	}
	return q, answerLang(q, lang)
}

// answerLang is the language to answer q in: the question's own when it
// shows one (nynorsk when its Norwegian is), otherwise lang ("nb", "nn",
// "en"; anything else is bokmål).
func answerLang(q, lang string) string {
	switch DetectLang(q) {
	case "en":
		return "en"
	case "nb":
		if Nynorsk(q) {
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
	ans := Answer{Question: question, Lang: lang}
	if id, ok := strings.CutPrefix(q, "#"); ok {
		if x, ok := e.entries[strings.TrimSpace(id)]; ok {
			return e.answerWith(ans, x, 1), nil
		}
	}
	if id := e.exact[exactKey(q)]; id != "" {
		if x, ok := e.entries[id]; ok {
			return e.answerWith(ans, x, 1), nil
		}
	}
	j, err := e.judge(ctx, q, lang)
	if err != nil {
		return ans, err
	}
	// Two questions in one ("når er fristen, og hva koster det?") get
	// both answers; one sure half is answered when the whole is not.
	if parts := splitQuestions(q); len(parts) > 1 {
		sure, err := e.sureParts(ctx, parts, lang)
		if err != nil {
			return ans, err
		}
		switch {
		case len(sure) > 1:
			return e.answerBoth(ans, sure), nil
		case len(sure) == 1 && !(j.best != nil && j.p >= e.threshold()):
			return e.answerWith(ans, sure[0].best.x, sure[0].p), nil
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
	return e.unsure(ans, j), nil
}

// questionSplitRE finds where one question ends and another begins: after
// a question mark, at a new line or semicolon, and at "og"/"and"/"samt"
// (after an optional comma) when a question word follows.
var questionSplitRE = regexp.MustCompile(`(?i)\?+\s+|\n+|;\s*|,?\s+(?:og|and|samt|også|plus)\s+(?:(?:så|so|also|også)\s+)?(hva|hvem|hvor|når|naar|hvordan|hvorfor|hvilke|hvilken|hvilket|kva|kven|kor|korleis|kvifor|kva tid|what|who|where|when|how|why|which)\b`)

// splitQuestions splits q into the questions it asks; one question is one
// part.
func splitQuestions(q string) []string {
	var parts []string
	last := 0
	for _, m := range questionSplitRE.FindAllStringSubmatchIndex(q, -1) {
		end := m[1]
		if m[2] >= 0 {
			end = m[2] // the question word starts the next question
		}
		if p := strings.TrimSpace(q[last:m[0]]); p != "" {
			parts = append(parts, p)
		}
		last = end
	}
	if p := strings.TrimSpace(q[last:]); p != "" {
		parts = append(parts, p)
	}
	return parts
}

// sureParts judges each part on its own and returns those the gate would
// answer, each entry once, in the order asked.
func (e *Engine) sureParts(ctx context.Context, parts []string, lang string) ([]*judgement, error) {
	var sure []*judgement
	seen := map[string]bool{}
	for _, p := range parts {
		j, err := e.judge(ctx, p, lang)
		if err != nil {
			return nil, err
		}
		if j.best == nil || j.noTopic || j.p < e.threshold() || seen[j.best.x.ID] {
			continue
		}
		seen[j.best.x.ID] = true
		sure = append(sure, j)
	}
	return sure, nil
}

// answerBoth answers two (or more) questions asked in one: the answers
// one after the other, the first entry as the answer's entry, every
// different source named, the confidence of the least sure.
func (e *Engine) answerBoth(ans Answer, js []*judgement) Answer {
	ans = e.answerWith(ans, js[0].best.x, js[0].p)
	texts := []string{ans.Text}
	sources := []string{ans.Source}
	for _, j := range js[1:] {
		texts = append(texts, j.best.x.Answer.In(ans.Lang))
		if src := j.best.x.Source; src != "" && !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
		ans.Score = math.Min(ans.Score, round2(j.p))
	}
	ans.Text = strings.Join(texts, "\n\n")
	ans.Source = strings.Join(sources, "; ")
	return ans
}

// threshold is the probability (without a gate: the legacy confidence) an
// answer needs.
func (e *Engine) threshold() float64 {
	if e.gate != nil {
		return e.gate.Threshold
	}
	return e.P.LegacyThreshold
}

// judgement is what the engine found out about one question: its
// candidates, the one it would answer with, and the signals the gate
// weighs to decide whether that answer is right.
type judgement struct {
	// noTopic: no programme word at all; declined before ranking.
	noTopic bool
	cands   []candidate
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
	asksType        bool
	// Question words matched by best, and unknown words beside them:
	// names (a town, a product) and common words (a topic the FAQ lacks).
	matched, unknownNames, unknownCommon int
	terms                                int
	ambiguous                            bool
	// legacy is the hand-set rules' verdict: the capped confidence of the
	// engine before the gate was fit (a signal like any other).
	legacy float64
	lang   string
	// p is the gate's probability that answering best is right.
	p float64
}

// judge ranks the entries for q and gathers the gate's signals.
func (e *Engine) judge(ctx context.Context, q, lang string) (*judgement, error) {
	j := &judgement{lang: lang}
	// Prompt injection, subjects outside the programme, small talk
	// (scope.go): declined before anything is ranked.
	if q == "" || injection(q) || offTopic(q) || chitchat(q) {
		j.noTopic = true
		return j, nil
	}
	ts := e.an.Analyze(q)
	qw := e.weights(ts)
	// A county ("vi er fra Troms") is where the asker is, never what the
	// programme text is about: it weighs like a question word.
	names := e.nameTerms(q)
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
		j.knownShare = known / total
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
	cands, err := e.candidates(ctx, ts, qw)
	if err != nil {
		return nil, err
	}
	j.cands = cands
	if len(cands) == 0 {
		return j, nil
	}
	// A question asking for a kind of fact (a date, a number, a link, an
	// amount) is best answered by an entry whose answer holds one; a
	// choice between two things ("digitale eller fysiske?") by an entry
	// that knows both. A close runner-up that fits is preferred to a top
	// candidate that does not; whether a misfit is still right is the
	// gate's call.
	qt := questionTypes(q)
	j.asksType = qt != 0
	fits := func(c candidate) bool {
		return qt&^c.x.atypes == 0 && e.coversAlternatives(q, c.x) && e.coversCounted(q, c.x)
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
	j.best = &cands[best]
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
	r := j.rival
	j.ambiguous = r != nil && b.sim-j.second < e.P.TieGap &&
		(b.prec < e.P.TiePrecision || (r.cov >= e.P.TieRivalCoverage && r.prec >= e.P.TieRivalPrecision && r.cov > b.cov+e.P.TieCoverageLead))
	j.legacy = e.legacyConfidence(j)
	j.p = j.legacy
	if e.gate != nil {
		j.p = e.gate.Prob(j.features(e.P))
	}
	return j, nil
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
	if !j.anchored && j.knownShare < e.P.ScopeKnownShare && (len(cands) == 0 || cands[0].cov < e.P.ScopeCoverage) {
		return decline(ans)
	}
	ans.Text = bot.T(bot.Lang(ans.Lang), "faq.engine.unsure")
	ans.Score = round2(j.p)
	for _, c := range cands {
		if len(ans.Related) == 3 || c.sim < e.P.RelatedMinSim {
			break
		}
		t := c.x.titleNB
		if ans.Lang == "en" {
			t = c.x.titleEN
		}
		ans.Related = append(ans.Related, Related{ID: c.x.ID, Question: t})
	}
	return ans
}

func decline(ans Answer) Answer {
	ans.Answered = false
	ans.OutOfScope = true
	ans.Text = bot.T(bot.Lang(ans.Lang), "faq.engine.outofscope")
	return ans
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func init() {
	bot.Register(map[string][2]string{
		"faq.engine.unsure": {
			"Jeg har ikke noe sikkert svar på det.",
			"I don't have a sure answer to that.",
		},
		"faq.engine.outofscope": {
			"Det kan jeg dessverre ikke svare på – jeg svarer bare på spørsmål om Fremtidens kulturskole og de regionale programmene (for eksempel «Når er fristen for å melde interesse?»). /kulturbot hjelp viser hva jeg kan.",
			"Sorry, I can't help with that – I only answer questions about Fremtidens kulturskole and its regional programmes (for example “When is the deadline to register interest?”). /kulturbot hjelp shows what I can do.",
		},
	})
}
