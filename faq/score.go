package faq

import (
	"cmp"
	"context"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
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
	// RawTieGap: candidates this close to the best in similarity are
	// tied, and ordered by how close a phrasing of theirs is to the
	// question word for word (tiebreak.go).
	RawTieGap float64
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
	// The word classifier's second opinion (classifier.go), chosen on the
	// training sets out of fold, never on a validation split: a sure
	// answer moves to one of the first ClfSwitchRank candidates the
	// classifier gives at least ClfSwitchMin when it gives the gate's
	// choice less than ClfSwitchMaxOld, and is not sure after all when it
	// gives that choice less than ClfDemoteBelow and no candidate to move
	// to (an unsure one is answered by the lift model, lift.json). Zero
	// ClfSwitchRank turns all three off.
	ClfSwitchRank                                 int
	ClfSwitchMin, ClfSwitchMaxOld, ClfDemoteBelow float64
}

// DefaultParams are the calibrated defaults.
var DefaultParams = Params{
	UnknownWeight: 2.0, WeakFactor: 0.3, AnswerMatch: 0.7, GenericCap: 2.0, MinTermWeight: 0.2, CommonWeak: true,
	NameWeight: 1.0, Candidates: 30, BM25AnswerColumn: 0.4, CoverageShare: 0.7, FitGap: 0.1, TieGap: 0.03, TiePrecision: 0.7, TieRivalCoverage: 0.95, TieRivalPrecision: 0.5, TieCoverageLead: 0.1, RawTieGap: 0.05,

	SimWeight: 0.75, MarginWeight: 0.15, BM25Weight: 0.10, MarginScale: 0.3, BM25Half: 4,
	LegacyThreshold: 0.57, MinCoverage: 0.45, NamePenalty: 0.85,
	ScopeKnownShare: 0.5, ScopeCoverage: 0.34, RelatedMinSim: 0.2,

	ClfSwitchRank: 3, ClfSwitchMin: 0.6, ClfSwitchMaxOld: 0.1, ClfDemoteBelow: 0.01,
}

// candidate is an entry scored for one question.
type candidate struct {
	x    *indexed
	bm25 float64 // best (most negative) bm25 of its rows
	cov  float64 // weighted share of the question's terms the entry has
	prec float64 // weighted share of the best phrasing the question covers
	sim  float64
	// dice is how closely one phrasing matches the question as a whole:
	// the best phrasing's shared term weight over the mean of its own and
	// the question's (Dice's coefficient). cov and prec may come from
	// different phrasings and the answer; dice from one.
	dice float64
}

// Kinds of name (nameTerms).
const (
	nameOther  = 1 // a capitalised word inside a sentence
	nameCounty = 2 // one of Norway's counties, however typed
)

// nameTerms returns the terms of the words of q that look like names: a
// capital letter not at the start of a sentence, or a county.
func (e *Engine) nameTerms(q string) map[string]int {
	return e.nameTermsInto(map[string]int{}, q)
}

// nameTermsInto is nameTerms written into out (empty; judgeWords hands
// it a pooled map, judgeScratch).
func (e *Engine) nameTermsInto(out map[string]int, q string) map[string]int {
	start, lang := true, ""
	for f := range strings.FieldsSeq(q) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		kind := 0
		switch {
		case w == "":
		case counties[bot.Fold(w)]:
			kind = nameCounty
		case !start && unicode.IsUpper(r):
			kind = nameOther
		}
		if kind != 0 {
			if lang == "" {
				lang = DetectLang(q)
			}
			for _, t := range e.an.AnalyzeIn(w, lang == "en") {
				out[t.Text] = kind
			}
		}
		if w != "" {
			start = strings.ContainsAny(f[len(f)-1:], ".!?:")
		}
	}
	return out
}

// counties (lexicon/counties.txt) are Norway's counties, names people give as context.
var counties = foldedSet("counties.txt")

// alternativeRE splits a question at "eller"/"or".
var alternativeRE = relit.MustCompile(`(?i)\s(eller|or|el\.|vs\.?|versus)\s`)

// clauseRE: the side after "eller"/"or" is a clause of its own, a modal
// or auxiliary verb and its subject ("kan vi velge helse", "or can we pick
// health", "eller er det bare å møte opp").
var clauseRE = regexp.MustCompile(`(?i)^\s*(kan|ma|må|skal|bor|bør|er|blir|far|får|holder|can|could|do|does|must|should|is|are|will|would)\s+(vi|me|de|dei|man|ein|en|dere|dokker|det|dette|we|they|you|i|it|this|there)\b`)

// coversAlternatives reports whether x knows both sides of every choice in
// q: the nearest programme word before and after each "eller"/"or".
func (e *Engine) coversAlternatives(q string, x *indexed) bool {
	ok, folds := e.choiceCover(q, x)
	return ok && !folds
}

// choiceCover reports whether x knows both sides of every choice in q
// (covered), and whether some choice's two sides fold to one concept
// ("Teams eller Zoom?" are both "digital"): a choice the FAQ cannot make
// whatever entry answers. An uncovered side lowers the answer's type fit
// (a gate feature), but is no veto: in the training sets every choice
// vetoed for an uncovered side had been answered right ("do
// municipalities apply themselves or does the county branch do it": the
// side before "or" ends in a word no entry uses).
func (e *Engine) choiceCover(q string, x *indexed) (covered, folds bool) {
	// No "eller"/"or": nothing to cover (asked first, so the common case
	// — every candidate of most questions — allocates no parts).
	if !alternativeRE.MatchString(q) {
		return true, false
	}
	parts := alternativeRE.Split(q, -1)
	if len(parts) < 2 {
		return true, false
	}
	en := DetectLang(q) == "en"
	has := func(ts []Term) bool {
		for _, t := range ts {
			if !t.Weak && e.df[t.Text] > 0 && !isNumber(t.Text) && !e.common[t.Text] {
				return x.qvocab[t.Text] || x.avocab[t.Text]
			}
		}
		return true // nothing the corpus knows on that side
	}
	first := func(ts []Term) string {
		for _, t := range ts {
			if !t.Weak && e.df[t.Text] > 0 && !isNumber(t.Text) && !e.common[t.Text] {
				return t.Text
			}
		}
		return ""
	}
	// any: a side that is a clause of its own ("eller kan vi velge
	// helse", "or can we pick health") starts with its verb, not with the
	// thing chosen: any programme word of it the entry knows will do.
	any := func(ts []Term) bool {
		found := false
		for _, t := range ts {
			if !t.Weak && e.df[t.Text] > 0 && !isNumber(t.Text) && !e.common[t.Text] {
				if x.qvocab[t.Text] || x.avocab[t.Text] {
					return true
				}
				found = true
			}
		}
		return !found
	}
	for i := 0; i+1 < len(parts); i++ {
		left := e.an.AnalyzeIn(parts[i], en)
		for l, r := 0, len(left)-1; l < r; l, r = l+1, r-1 {
			left[l], left[r] = left[r], left[l]
		}
		right := e.an.AnalyzeIn(parts[i+1], en)
		rightOK := has(right)
		if !rightOK && clauseRE.MatchString(parts[i+1]) {
			rightOK = any(right)
		}
		if !has(left) || !rightOK {
			return false, false
		}
		// Both sides fold to one concept ("Teams eller Zoom?" are both
		// "digital"): the question tells apart what the FAQ does not.
		if l := first(left); l != "" && l == first(right) {
			return false, true
		}
	}
	return true, false
}

// countedRE finds the noun a count question counts ("hvor mange dager").
var countedRE = relit.MustCompile(`(?i)\b(hvor mange|kor mange|how many|number of|antall)\s+([\p{L}-]+)`)

// mayCount reports whether q holds a word countedRE needs: most text has
// none, and the regexp (case-insensitive alternatives, no literal prefix)
// is tried at every position otherwise — 10 % of building the index on
// every phrasing. strings.ToLower folds all that (?i) does for these
// letters: none of them has a non-ASCII case fold (as k and s have).
//
// It runs for every candidate (coversCounted, countVouched), so it folds
// ASCII case as it compares instead of lowering a copy of q each time:
// the same verdict, since no other letter lowers to one of these words'
// letters (only K and İ lower into ASCII, to k and i).
func mayCount(q string) bool {
	return containsLowerASCII(q, "mange") || containsLowerASCII(q, "many") || containsLowerASCII(q, "number") || containsLowerASCII(q, "antall")
}

// containsLowerASCII is strings.Contains(strings.ToLower(s), sub) for a
// lower-case ASCII sub with no k or i, without a copy.
func containsLowerASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// coversCounted reports whether x's answer speaks of the thing the
// question counts: "hvor mange dager varer en samling?" is not answered by
// "six gatherings over three semesters", which holds numbers of other
// things. A counted word the analyser drops (a verb, "får") asks nothing
// in particular and passes.
func (e *Engine) coversCounted(q string, x *indexed) bool {
	c, ok := e.countedTerm(q)
	return coversCountedTerm(c, ok, x)
}

// coversCountedTerm is coversCounted given countedTerm(q) (judgeWords
// works it out once, not for every candidate).
func coversCountedTerm(c string, ok bool, x *indexed) bool {
	return !ok || c == "" || x.avocab[c]
}

// countedTerm is the term of the thing a count question counts
// ("hvor mange dager" → dag); ok is false when q asks no count, and the
// term "" when it names nothing in particular ("hvor mange kan være
// med?": a counted word the analyser drops — a verb, "får" — or "ganger"/
// "times", which analyse to the count concept itself).
func (e *Engine) countedTerm(q string) (string, bool) {
	if !mayCount(q) {
		return "", false
	}
	return e.countedTermIn(q, DetectLang(q) == "en")
}

// countedTermIn is countedTerm of q read as English when en is set.
func (e *Engine) countedTermIn(q string, en bool) (string, bool) {
	if !mayCount(q) {
		return "", false
	}
	m := countedRE.FindStringSubmatch(q)
	if m == nil {
		return "", false
	}
	self := map[string]bool{}
	for _, t := range e.an.AnalyzeIn(m[1], en) {
		self[t.Text] = true
	}
	// An everyday word is still what is counted ("dager"): it is not
	// skipped like a weak filler.
	// "hvor mange per region", "antall totalt": a preposition or an
	// adverb names no thing counted.
	if notCounted[strings.ToLower(m[2])] {
		return "", true
	}
	for _, t := range e.an.AnalyzeIn(m[2], en) {
		if isNumber(t.Text) || self[t.Text] || (t.Weak && !e.common[t.Text]) {
			continue
		}
		// "how many months does it last", "hvor mange år": a count of
		// months or years asks how long, which an answer in semesters
		// gives; the unit is not a thing the answer must name (split 112).
		if lengthUnits[t.Text] {
			return "", true
		}
		return t.Text, true
	}
	return "", true
}

// lengthUnits are the analysed units a length is counted in: months,
// years, weeks. Days and hours are left out: "hvor mange dager varer
// samlingen" asks of one gathering (atEventLen), not of the programme.
var lengthUnits = set("maned", "mnd", "month", "ar", "year", "uke", "uker", "week")

// notCounted are the words after "hvor mange" that are not what is
// counted: prepositions, adverbs and modal verbs.
var notCounted = set("per", "pr", "i", "in", "pa", "på", "av", "of", "til", "totalt", "total", "altogether", "alt", "samla", "samlet", "sammen", "ca", "omtrent", "about", "roughly",
	// "kor mange må ein minst vere for å telje som ein region?": a verb
	// straight after names nothing counted either (blind182).
	"må", "ma", "skal", "kan", "bør", "trenger", "treng", "must", "should", "do", "does", "need")

// countVouched reports whether x can answer the count q asks for: its
// answer holds a count, or one of its own phrasings asks for a count of
// the same thing. "Hvor mange kan være med i gruppa?", written for the
// municipal group entry (whose answer names no number), vouches for a
// count of people in the group, not for "hvor mange samlinger skal
// kommunegruppa på?".
func (e *Engine) countVouched(q string, x *indexed) bool {
	c, ok := e.countedTerm(q)
	return countVouchedTerm(c, ok, x)
}

// countVouchedTerm is countVouched given countedTerm(q).
func countVouchedTerm(c string, ok bool, x *indexed) bool {
	if !ok || c == "" || x.types()&atCount == 0 {
		return true // no count asked, or the type check already says no
	}
	return x.answerCounts || x.counted[c]
}

// confidence turns the best candidate's similarity, the margin to the
// runner-up and bm25 into 0..1. Coverage dominates: an answer is only sure
// when the entry accounts for (nearly) all the question asks about.
func confidence(best candidate, second float64, p Params) float64 {
	margin := math.Max(0, math.Min(1, (best.sim-second)/p.MarginScale))
	b := -best.bm25 / (-best.bm25 + p.BM25Half) // 0..1, saturating
	c := p.SimWeight*best.sim + p.MarginWeight*margin + p.BM25Weight*b
	return math.Max(0, math.Min(1, c))
}

// weights gives each distinct question term its weight: inverse entry
// frequency, damped for question words, fixed for unknown words.
func (e *Engine) weights(ts []Term) map[string]float64 {
	return e.weightsInto(map[string]float64{}, ts)
}

// weightsInto is weights written into out (empty; judgeWords hands it a
// pooled map, cleared, so a question allocates none).
func (e *Engine) weightsInto(out map[string]float64, ts []Term) map[string]float64 {
	n := float64(len(e.entries))
	for _, t := range ts {
		w := e.P.UnknownWeight
		if e.common[t.Text] && e.P.CommonWeak {
			w *= e.P.WeakFactor
		}
		if df := e.df[t.Text]; df > 0 {
			w = math.Log((n + 1) / (float64(df) + 0.5))
			if w < e.P.MinTermWeight {
				w = e.P.MinTermWeight
			}
			if !concepts[t.Text] && w > e.P.GenericCap {
				w = e.P.GenericCap
			}
		}
		// A bare number ("2 av oss", "24/25") is rarely what a question
		// is about, and a digit shared with a phrasing says little: it
		// weighs like a question word.
		if t.Weak || isNumber(t.Text) {
			w *= e.P.WeakFactor
		}
		if out[t.Text] < w {
			out[t.Text] = w
		}
	}
	return out
}

// refreshDens sums every phrasing's term weights (the denominator of
// precision) after the index changed (engine lock held for writing).
func (e *Engine) refreshDens() {
	e.restorePhrasings()
	for _, x := range e.entries {
		x.dens = make([]float64, len(x.phrasings))
		for i, p := range x.phrasings {
			for t, f := range p {
				x.dens[i] += e.termWeight(t, f)
			}
		}
	}
	e.sx = buildScoreIndex(e.entries)
	e.raw = e.newRawIndex(e.entries)
	e.dropPhrasings()
}

// dropPhrasings leaves the entries' phrasings to the score index (see
// indexed.phrasings) once it holds them.
func (e *Engine) dropPhrasings() {
	for _, x := range e.entries {
		x.nphr, x.phrasings = int32(len(x.phrasings)), nil
	}
}

// restorePhrasings gives every entry whose phrasings the score index holds
// (nphr of them from x.base, see indexed.phrasings) its per-phrasing maps
// back, for rebuilding the index. An entry added since (add) has its own.
func (e *Engine) restorePhrasings() {
	if e.sx == nil {
		return
	}
	var owner []*indexed // by phrasing number
	for _, x := range e.entries {
		if x.phrasings != nil || x.nphr == 0 {
			continue
		}
		if owner == nil {
			owner = make([]*indexed, e.sx.phrasings)
		}
		x.phrasings = make([]map[string]float64, x.nphr)
		for j := range x.phrasings {
			x.phrasings[j] = map[string]float64{}
			owner[int(x.base)+j] = x
		}
	}
	if owner == nil {
		return
	}
	for t, id := range e.sx.ids {
		for _, h := range e.sx.phr[id] {
			if x := owner[h.at]; x != nil {
				x.phrasings[h.at-x.base][t] = h.f
			}
		}
	}
}

func (e *Engine) termWeight(t string, phr float64) float64 {
	n := float64(len(e.entries))
	w := math.Log((n + 1) / (float64(e.df[t]) + 0.5))
	if w < e.P.MinTermWeight {
		w = e.P.MinTermWeight
	}
	if !concepts[t] && w > e.P.GenericCap {
		w = e.P.GenericCap
	}
	return w * phr
}

// candidates ranks the entries with bm25 in memory (memindex.go) and
// scores the best of them. It runs no SQL and starts no goroutine.
func (e *Engine) candidates(ctx context.Context, ts []Term, qw map[string]float64) ([]candidate, error) {
	return e.candidatesInto(ctx, nil, ts, qw)
}

// candidatesInto is candidates appended to buf[:0] (judgeWords hands it
// a pooled slice, judgeScratch, so a question allocates none).
func (e *Engine) candidatesInto(ctx context.Context, buf []candidate, ts []Term, qw map[string]float64) ([]candidate, error) {
	s := e.memScratch.Get().(*memScratch)
	defer e.memScratch.Put(s)
	hits := e.mem.search(ts, e.P.BM25AnswerColumn, e.P.Candidates, s)
	if len(hits) == 0 {
		return nil, nil
	}
	// One row per entry (add, Learn), so each hit is a candidate.
	out := buf[:0]
	if cap(out) < len(hits) {
		out = make([]candidate, 0, len(hits))
	}
	for _, h := range hits {
		if x, ok := e.entries[e.mem.rows[h.row].ref]; ok {
			out = append(out, candidate{x: x, bm25: h.score})
		}
	}
	return e.scoreCandidates(out, qw), nil
}

// scoreCandidates works out the coverage, precision and similarity of the
// entries bm25 found (in place) and sorts them, best first.
func (e *Engine) scoreCandidates(out []candidate, qw map[string]float64) []candidate {
	total := 0.0
	for _, w := range qw {
		total += w
	}
	// Each question term's postings (scoreindex.go) add its weight to the
	// entries holding it — in full when one of its phrasings does, by
	// AnswerMatch when only its answer does — and its corpus weight
	// (termWeight of the whole term) to the phrasings holding it. A term
	// no entry holds adds nothing anywhere.
	sx := e.sx
	s := e.scoreScratch.Get().(*scoreScratch)
	defer e.scoreScratch.Put(s)
	s.reset(sx)
	k := int32(0)
	qtw := 0.0 // the question's weight in the phrasings' terms (dice)
	for t, w := range qw {
		id, ok := sx.ids[t]
		if !ok {
			qtw += w
			continue
		}
		// The term's corpus weight, worked out once (a logarithm and two
		// look-ups; it was asked up to three times).
		tw := e.termWeight(t, 1)
		if e.df[t] == 0 {
			qtw += w
		} else if w < tw {
			qtw += w // a question word, damped
		} else {
			qtw += tw
		}
		k++
		for _, pos := range sx.qv[id] {
			s.got[pos] += w
			s.seen[pos] = k
		}
		for _, pos := range sx.av[id] {
			if s.seen[pos] != k {
				s.got[pos] += w * e.P.AnswerMatch
			}
		}
		if hs := sx.phr[id]; len(hs) > 0 {
			for _, h := range hs {
				s.num[h.at] += tw * h.f
			}
		}
	}
	for i := range out {
		c := &out[i]
		c.cov = s.got[c.x.pos] / total
		// A phrasing's weight (den) does not depend on the question: it
		// is summed once per index change (refreshDens).
		// An entry none of whose phrasings holds a question term (bm25
		// found it by its answer) has no phrasing to read: its phrasings'
		// terms are its qvocab, so no posting marked it seen
		// (TestPhrasingTermsInQvocab).
		if s.seen[c.x.pos] != 0 {
			dens := c.x.dens
			num := s.num[c.x.base : c.x.base+int32(len(dens))] // nphr of them
			for j, n := range num {
				// Most phrasings share no term with the question: asked
				// first, their weight is not read (both tests are pure,
				// so the order changes nothing).
				if n == 0 {
					continue
				}
				den := dens[j]
				if den <= 0 {
					continue
				}
				if n/den > c.prec {
					c.prec = n / den
				}
				if d := 2 * n / (den + qtw); d > c.dice {
					c.dice = d
				}
			}
		}
		// The sums above run in map order, so two entries covering the
		// same terms can differ in the last bits from one call to the
		// next; rounded, a tie is a tie, and the order below breaks it
		// the same way every time.
		c.cov, c.prec, c.dice = roundScore(c.cov), roundScore(c.prec), roundScore(c.dice)
		c.sim = roundScore(e.P.CoverageShare*c.cov + (1-e.P.CoverageShare)*c.prec)
	}
	// Best similarity first; a tie goes to the better bm25, then to the
	// entry id, so the same question always gets the same entry.
	// An insertion sort: the candidates come in bm25 order, which the
	// similarity mostly follows, so few move; under a total order (one
	// candidate per entry) every sort gives the same result.
	for i := 1; i < len(out); i++ {
		for k := i; k > 0 && candidateBefore(&out[k], &out[k-1]); k-- {
			out[k], out[k-1] = out[k-1], out[k]
		}
	}
	return out
}

// candidateBefore is the candidates' order: a before b.
func candidateBefore(a, b *candidate) bool {
	if a.sim != b.sim {
		return cmp.Compare(b.sim, a.sim) < 0
	}
	if a.bm25 != b.bm25 {
		return cmp.Compare(a.bm25, b.bm25) < 0
	}
	return strings.Compare(a.x.ID, b.x.ID) < 0
}

// roundScore rounds a score to 1e-9: below any difference that means
// something, above the noise of summing in map order.
func roundScore(f float64) float64 { return math.Round(f*1e9) / 1e9 }

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
