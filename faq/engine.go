package faq

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	_ "modernc.org/sqlite" // FTS5 is compiled into modernc.org/sqlite
)

// Params tune how a ranking becomes a confidence. The defaults are
// calibrated on faq/testdata/eval.tsv (see docs/faq.md); change them only
// with the evaluation test in hand.
type Params struct {
	// Threshold is the confidence an answer needs; below it the engine
	// says it has no sure answer.
	Threshold float64
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
	// SingleTopicCap: a question matching one programme word beside an
	// unknown common word is not answered.
	SingleTopicCap bool
	// CommonWeak: an everyday word the corpus never uses ("ny", "gang")
	// weighs like a question word, not like an unknown topic.
	CommonWeak bool
	// MinCoverage is the least share of the question's weighted terms the
	// best entry must hold to be answered.
	MinCoverage float64
	// NameWeight is the weight of an unknown capitalised word inside a
	// sentence (a town, a product).
	NameWeight float64
}

// DefaultParams are the calibrated defaults.
var DefaultParams = Params{Threshold: 0.57, UnknownWeight: 2.0, WeakFactor: 0.3, AnswerMatch: 0.7, GenericCap: 2.0, SingleTopicCap: true, CommonWeak: true, MinCoverage: 0.45, NameWeight: 1.0}

// Engine answers questions from FAQ entries. It keeps an SQLite FTS5 index
// (in memory, built at start-up) of the analysed phrasings and answers;
// bm25() finds the candidates and a term-coverage score turns the best of
// them into a 0..1 confidence. Safe for concurrent use.
type Engine struct {
	P Params

	mu      sync.RWMutex
	db      *sql.DB
	an      *Analyzer
	entries map[string]*indexed
	df      map[string]int // entries whose vocabulary holds a term
	// common holds the terms of everyday words (commonRaw).
	common map[string]bool
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

var memSeq atomic.Int64

// NewEngine builds an engine over entries (the corpus plus learned ones).
func NewEngine(ctx context.Context, entries []Entry) (*Engine, error) {
	// A named shared in-memory database: private to this engine, alive as
	// long as the pool holds a connection.
	name := fmt.Sprintf("file:faqidx%d?mode=memory&cache=shared", memSeq.Add(1))
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE idx USING fts5(q, a, d, kind UNINDEXED, ref UNINDEXED, tokenize = 'unicode61')`); err != nil {
		db.Close()
		return nil, fmt.Errorf("faq: create index: %w", err)
	}
	var texts []string
	for _, e := range entries {
		texts = append(texts, e.Questions...)
		texts = append(texts, e.Answer.NB, e.Answer.EN)
	}
	e := &Engine{P: DefaultParams, db: db, an: NewAnalyzer(texts...), entries: map[string]*indexed{}, df: map[string]int{}, rows: map[int64]string{}, common: map[string]bool{}}
	for _, w := range commonRaw {
		for _, t := range e.an.base(bot.Fold(w)) {
			e.common[t.Text] = true
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		db.Close()
		return nil, err
	}
	defer tx.Rollback()
	for _, en := range entries {
		if err := e.add(ctx, tx, en); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		db.Close()
		return nil, err
	}
	return e, nil
}

// Close releases the index.
func (e *Engine) Close() error { return e.db.Close() }

// Len is the number of entries.
func (e *Engine) Len() int {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return len(e.entries)
}

// Entry returns the entry with id.
func (e *Engine) Entry(id string) (Entry, bool) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	x, ok := e.entries[id]
	if !ok {
		return Entry{}, false
	}
	return x.Entry, true
}

// Learn adds (or replaces) an entry and indexes it at once, so the next
// question in other words finds it.
func (e *Engine) Learn(ctx context.Context, en Entry) error {
	if err := validate([]Entry{en}); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.an.learn(append(append([]string{}, en.Questions...), en.Answer.NB, en.Answer.EN)...)
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if old, ok := e.entries[en.ID]; ok {
		if _, err := tx.ExecContext(ctx, `DELETE FROM idx WHERE ref = ? AND kind = 'e'`, en.ID); err != nil {
			return err
		}
		for rowid, id := range e.rows {
			if id == en.ID {
				delete(e.rows, rowid)
			}
		}
		for t := range union(old.qvocab, old.avocab) {
			e.df[t]--
		}
		delete(e.entries, en.ID)
	}
	if err := e.add(ctx, tx, en); err != nil {
		return err
	}
	return tx.Commit()
}

func (e *Engine) add(ctx context.Context, tx *sql.Tx, en Entry) error {
	x := &indexed{Entry: en, qvocab: map[string]bool{}, avocab: map[string]bool{}, atypes: answerTypes(en)}
	// One row per entry: its phrasings in column q, its answers in a.
	// Few rows keep bm25 cheap; which phrasing matched best is scored in
	// Go from the per-phrasing vocabularies.
	var qwords []string
	for _, q := range en.Questions {
		p := map[string]float64{}
		for _, t := range e.an.Analyze(q) {
			w := 1.0
			if t.Weak {
				w = e.P.WeakFactor
			}
			if p[t.Text] < w {
				p[t.Text] = w
			}
			x.qvocab[t.Text] = true
			qwords = append(qwords, t.Text)
		}
		x.phrasings = append(x.phrasings, p)
		if DetectLang(q) == "en" {
			if x.titleEN == "" {
				x.titleEN = q
			}
		} else if x.titleNB == "" {
			x.titleNB = q
		}
	}
	var awords []string
	for _, t := range e.an.Analyze(en.Section + " " + en.Answer.NB + " " + en.Answer.EN) {
		x.avocab[t.Text] = true
		awords = append(awords, t.Text)
	}
	if err := e.insertRow(ctx, tx, strings.Join(qwords, " "), strings.Join(awords, " "), en.ID); err != nil {
		return err
	}
	for t := range union(x.qvocab, x.avocab) {
		e.df[t]++
	}
	if x.titleNB == "" {
		x.titleNB = en.Questions[0]
	}
	if x.titleEN == "" {
		x.titleEN = x.titleNB
	}
	e.entries[en.ID] = x
	return nil
}

func (e *Engine) insertRow(ctx context.Context, tx *sql.Tx, q, a, id string) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO idx (q, a, d, kind, ref) VALUES (?, ?, '', 'e', ?)`, q, a, id)
	if err != nil {
		return err
	}
	rowid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	e.rows[rowid] = id
	return nil
}

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// learn adds words to the analyzer's vocabulary (engine lock held).
func (a *Analyzer) learn(texts ...string) {
	for _, t := range texts {
		for _, w := range words(t) {
			if _, ok := a.surface[w]; !ok {
				n := len([]rune(w))
				a.byLen[n] = append(a.byLen[n], w)
			}
			a.surface[w]++
			for _, term := range a.base(w) {
				if !term.Weak {
					a.stems[term.Text] = true
				}
			}
		}
	}
}

// Passage is a document chunk indexed beside the FAQ (faq/docs, benchmarks).
type Passage struct {
	Ref  string
	Text string
}

// AddPassages indexes document chunks in the same FTS table, in their own
// column, so FAQ questions never rank a chunk as an FAQ entry.
func (e *Engine) AddPassages(ctx context.Context, ps []Passage) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO idx (q, a, d, kind, ref) VALUES ('', '', ?, 'd', ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, p := range ps {
		var words []string
		for _, t := range e.an.Analyze(p.Text) {
			words = append(words, t.Text)
		}
		if _, err := st.ExecContext(ctx, strings.Join(words, " "), p.Ref); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SearchPassages returns the refs of the best-matching passages (bm25).
func (e *Engine) SearchPassages(ctx context.Context, question string, k int) ([]string, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	expr := matchExpr(e.an.Analyze(question), "d")
	if expr == "" {
		return nil, nil
	}
	rows, err := e.db.QueryContext(ctx, `SELECT ref FROM idx WHERE idx MATCH ? ORDER BY bm25(idx, 0, 0, 1) LIMIT ?`, expr, k)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// matchExpr builds an FTS5 query: any of the terms, in the given columns.
// Terms are quoted, so nothing a user types is FTS syntax.
func matchExpr(ts []Term, cols string) string {
	seen := map[string]bool{}
	var parts []string
	for _, t := range ts {
		if seen[t.Text] || t.Text == "" {
			continue
		}
		seen[t.Text] = true
		parts = append(parts, `"`+strings.ReplaceAll(t.Text, `"`, `""`)+`"`)
	}
	if len(parts) == 0 {
		return ""
	}
	return "{" + cols + "} : (" + strings.Join(parts, " OR ") + ")"
}

// candidate is an entry scored for one question.
type candidate struct {
	x    *indexed
	bm25 float64 // best (most negative) bm25 of its rows
	cov  float64 // weighted share of the question's terms the entry has
	prec float64 // weighted share of the best phrasing the question covers
	sim  float64
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
	q := strings.TrimSpace(question)
	if len([]rune(q)) > 1000 {
		q = string([]rune(q)[:1000])
	}
	lang = answerLang(q, lang)
	ans := Answer{Question: question, Lang: lang}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if id, ok := strings.CutPrefix(q, "#"); ok {
		if x, ok := e.entries[strings.TrimSpace(id)]; ok {
			return e.answerWith(ans, x, 1), nil
		}
	}
	if q == "" || injection(q) || offTopic(q) || chitchat(q) {
		return decline(ans), nil
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
	// Nothing the programme talks about: chit-chat, general knowledge.
	known := 0.0
	total := 0.0
	for t, w := range qw {
		total += w
		if e.df[t] > 0 {
			known += w
		}
	}
	strong, anchored := false, false
	for _, t := range ts {
		if !t.Weak && e.df[t.Text] > 0 && !isNumber(t.Text) {
			strong = true
		}
		anchored = anchored || anchors[t.Text]
	}
	if !strong {
		return decline(ans), nil
	}
	cands, err := e.candidates(ctx, ts, qw)
	if err != nil {
		return ans, err
	}
	if len(cands) == 0 {
		return e.unsure(ans, nil, known/total, anchored), nil
	}
	// A question asking for a kind of fact (a date, a number, a link, an
	// amount) is answered only by an entry whose answer holds one; a choice
	// between two things ("digitale eller fysiske?") only by an entry that
	// knows both. The others are not candidates: a close runner-up that
	// fits may still answer.
	qt := questionTypes(q)
	fit := cands[:0:0]
	for _, c := range cands {
		if qt&^c.x.atypes == 0 && e.coversAlternatives(q, c.x) && e.coversCounted(q, c.x) {
			fit = append(fit, c)
		}
	}
	// The check breaks near ties; it does not promote an entry far behind
	// ("hvor mange medlemskommuner ..." is not answered by the region
	// definition because it names a number).
	if len(fit) == 0 || cands[0].sim-fit[0].sim > 0.1 {
		return e.unsure(ans, cands, known/total, anchored), nil
	}
	// The margin is to the best other candidate, fitting or not: removing
	// a rival by its answer type does not make the choice any clearer.
	best := fit[0]
	second := 0.0
	var rival candidate
	for _, c := range cands {
		if c.x != best.x && c.sim > second {
			second = c.sim
			rival = c
		}
	}
	conf := confidence(best, second)
	// An unknown word that is a name (Troms, Bodø) says where the asker
	// is from; an unknown common word ("lapskaus", "rekruttere") is what
	// the question is about, and the FAQ does not know it. One matched
	// topic word beside either is most likely a question about something
	// else.
	matched, unknownNames, unknownCommon := 0, 0, 0
	for _, t := range ts {
		switch {
		case t.Weak || isNumber(t.Text):
		case best.x.qvocab[t.Text] || best.x.avocab[t.Text]:
			matched++
		case e.df[t.Text] == 0 && len(t.Text) >= 3 && !e.common[t.Text]:
			switch names[t.Text] {
			case nameCounty: // context, not topic
			case nameOther: // a place, or a product ("Visma")
				unknownNames++
			default:
				unknownCommon++
			}
		}
	}
	if matched == 1 && unknownNames > 0 {
		conf *= 0.85
	}
	if matched == 1 && unknownCommon > 0 && e.P.SingleTopicCap {
		conf = math.Min(conf, e.P.Threshold-0.01)
	}
	// An entry that accounts for less than MinCoverage of what the question
	// asks leaves most of it unanswered, however well its phrasing fits.
	// Two entries fitting equally, neither of them closely ("hva er Norsk
	// kulturskoleråd" is in many answers, asked by none): a coin toss.
	// Also a coin toss: a runner-up just as close that covers clearly more
	// of the question ("for mange søkere": the application entry is
	// phrased like it, the places entry covers "for mange" too).
	ambiguous := len(cands) > 1 && best.sim-second < 0.03 && (best.prec < 0.7 || (rival.cov >= 0.95 && rival.prec >= 0.5 && rival.cov > best.cov+0.1))
	if best.cov < e.P.MinCoverage || ambiguous {
		conf = math.Min(conf, e.P.Threshold-0.01)
	}
	if conf >= e.P.Threshold {
		a := e.answerWith(ans, best.x, conf)
		return a, nil
	}
	return e.unsure(ans, cands, known/total, anchored), nil
}

// Kinds of name (nameTerms).
const (
	nameOther  = 1 // a capitalised word inside a sentence
	nameCounty = 2 // one of Norway's counties, however typed
)

// nameTerms returns the terms of the words of q that look like names: a
// capital letter not at the start of a sentence, or a county.
func (e *Engine) nameTerms(q string) map[string]int {
	out := map[string]int{}
	start := true
	for _, f := range strings.Fields(q) {
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
			for _, t := range e.an.Analyze(w) {
				out[t.Text] = kind
			}
		}
		if w != "" {
			start = strings.ContainsAny(f[len(f)-1:], ".!?:")
		}
	}
	return out
}

// counties are Norway's counties, names people give as context.
var counties = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range []string{"agder", "akershus", "buskerud", "finnmark", "innlandet", "møre", "romsdal", "nordland",
		"oslo", "rogaland", "telemark", "troms", "trøndelag", "vestfold", "vestland", "østfold", "viken", "hordaland",
		"sogn", "fjordane", "hedmark", "oppland", "sørlandet", "vestlandet", "nord-norge", "finnmárku"} {
		m[bot.Fold(c)] = true
	}
	return m
}()

// alternativeRE splits a question at "eller"/"or".
var alternativeRE = regexp.MustCompile(`(?i)\s(eller|or|el\.|vs\.?|versus)\s`)

// coversAlternatives reports whether x knows both sides of every choice in
// q: the nearest programme word before and after each "eller"/"or".
func (e *Engine) coversAlternatives(q string, x *indexed) bool {
	parts := alternativeRE.Split(q, -1)
	if len(parts) < 2 {
		return true
	}
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
	for i := 0; i+1 < len(parts); i++ {
		left := e.an.Analyze(parts[i])
		for l, r := 0, len(left)-1; l < r; l, r = l+1, r-1 {
			left[l], left[r] = left[r], left[l]
		}
		right := e.an.Analyze(parts[i+1])
		if !has(left) || !has(right) {
			return false
		}
		// Both sides fold to one concept ("Teams eller Zoom?" are both
		// "digital"): the question tells apart what the FAQ does not.
		if l := first(left); l != "" && l == first(right) {
			return false
		}
	}
	return true
}

// countedRE finds the noun a count question counts ("hvor mange dager").
var countedRE = regexp.MustCompile(`(?i)\b(hvor mange|kor mange|how many|number of|antall)\s+([\p{L}-]+)`)

// coversCounted reports whether x's answer speaks of the thing the
// question counts: "hvor mange dager varer en samling?" is not answered by
// "six gatherings over three semesters", which holds numbers of other
// things. A counted word the analyser drops (a verb, "får") asks nothing
// in particular and passes.
func (e *Engine) coversCounted(q string, x *indexed) bool {
	m := countedRE.FindStringSubmatch(q)
	if m == nil {
		return true
	}
	// "ganger"/"times" analyse to the count concept itself: they count
	// occasions, not a thing, and pass.
	self := map[string]bool{}
	for _, t := range e.an.Analyze(m[1]) {
		self[t.Text] = true
	}
	// An everyday word is still what is counted ("dager"): it is not
	// skipped like a weak filler.
	for _, t := range e.an.Analyze(m[2]) {
		if isNumber(t.Text) || self[t.Text] || (t.Weak && !e.common[t.Text]) {
			continue
		}
		return x.avocab[t.Text]
	}
	return true
}

// confidence turns the best candidate's similarity, the margin to the
// runner-up and bm25 into 0..1. Coverage dominates: an answer is only sure
// when the entry accounts for (nearly) all the question asks about.
func confidence(best candidate, second float64) float64 {
	margin := math.Max(0, math.Min(1, (best.sim-second)/0.3))
	b := -best.bm25 / (-best.bm25 + 4) // 0..1, saturating
	c := 0.75*best.sim + 0.15*margin + 0.10*b
	return math.Max(0, math.Min(1, c))
}

// weights gives each distinct question term its weight: inverse entry
// frequency, damped for question words, fixed for unknown words.
func (e *Engine) weights(ts []Term) map[string]float64 {
	n := float64(len(e.entries))
	out := map[string]float64{}
	for _, t := range ts {
		w := e.P.UnknownWeight
		if e.common[t.Text] && e.P.CommonWeak {
			w *= e.P.WeakFactor
		}
		if df := e.df[t.Text]; df > 0 {
			w = math.Log((n + 1) / (float64(df) + 0.5))
			if w < 0.2 {
				w = 0.2
			}
			if !concepts[t.Text] && w > e.P.GenericCap {
				w = e.P.GenericCap
			}
		}
		if t.Weak {
			w *= e.P.WeakFactor
		}
		if out[t.Text] < w {
			out[t.Text] = w
		}
	}
	return out
}

func (e *Engine) termWeight(t string, phr float64) float64 {
	n := float64(len(e.entries))
	w := math.Log((n + 1) / (float64(e.df[t]) + 0.5))
	if w < 0.2 {
		w = 0.2
	}
	if !concepts[t] && w > e.P.GenericCap {
		w = e.P.GenericCap
	}
	return w * phr
}

// candidates asks FTS5 for the best rows and scores their entries.
func (e *Engine) candidates(ctx context.Context, ts []Term, qw map[string]float64) ([]candidate, error) {
	expr := matchExpr(ts, "q a")
	if expr == "" {
		return nil, nil
	}
	rows, err := e.db.QueryContext(ctx, `SELECT rowid, bm25(idx, 1.0, 0.4, 0) FROM idx WHERE idx MATCH ? ORDER BY 2 LIMIT 30`, expr)
	if err != nil {
		return nil, fmt.Errorf("faq: search: %w", err)
	}
	defer rows.Close()
	byID := map[string]*candidate{}
	var order []*candidate
	for rows.Next() {
		var rowid int64
		var s float64
		if err := rows.Scan(&rowid, &s); err != nil {
			return nil, err
		}
		ref := e.rows[rowid]
		if c, ok := byID[ref]; ok {
			c.bm25 = math.Min(c.bm25, s)
			continue
		}
		x, ok := e.entries[ref]
		if !ok {
			continue
		}
		c := &candidate{x: x, bm25: s}
		byID[ref] = c
		order = append(order, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	total := 0.0
	for _, w := range qw {
		total += w
	}
	out := make([]candidate, 0, len(order))
	for _, c := range order {
		got := 0.0
		for t, w := range qw {
			switch {
			case c.x.qvocab[t]:
				got += w
			case c.x.avocab[t]:
				got += w * e.P.AnswerMatch
			}
		}
		c.cov = got / total
		for _, p := range c.x.phrasings {
			num, den := 0.0, 0.0
			for t, f := range p {
				w := e.termWeight(t, f)
				den += w
				if _, ok := qw[t]; ok {
					num += w
				}
			}
			if den > 0 && num/den > c.prec {
				c.prec = num / den
			}
		}
		c.sim = 0.7*c.cov + 0.3*c.prec
		out = append(out, *c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].sim != out[j].sim {
			return out[i].sim > out[j].sim
		}
		return out[i].bm25 < out[j].bm25
	})
	return out, nil
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
func (e *Engine) unsure(ans Answer, cands []candidate, knownShare float64, anchored bool) Answer {
	ans.Answered = false
	if !anchored && knownShare < 0.5 && (len(cands) == 0 || cands[0].cov < 0.34) {
		return decline(ans)
	}
	ans.Text = bot.T(bot.Lang(ans.Lang), "faq.engine.unsure")
	if len(cands) > 0 {
		ans.Score = round2(confidence(cands[0], 0))
	}
	for _, c := range cands {
		if len(ans.Related) == 3 || c.sim < 0.2 {
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

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// injectionRE catches attempts to steer the bot instead of asking it.
var injectionRE = regexp.MustCompile(`(?i)(ignore|ignorer|disregard|glem|forget|overse|se bort fra)\b.{0,40}\b(instruction|instruks|regel|regler|rule|prompt|previous|tidligere|above|ovenfor|alt du|everything)|system ?prompt|jailbreak|developer mode|you are now|du er nå|act as\b|pretend|lat som|late som|roleplay|rollespill|reveal your|your instructions|dine instruksjoner|\bDAN\b`)

// injectionHints are words every injection pattern contains; most
// questions have none, and skip the regular expression.
var injectionHints = []string{"ignor", "disregard", "glem", "forget", "overse", "se bort", "prompt", "jailbreak",
	"developer", "you are", "du er", "act as", "pretend", "lat som", "late som", "roleplay", "rollespill", "reveal",
	"instruction", "instruks", "dan"}

func injection(q string) bool {
	l := strings.ToLower(q)
	for _, h := range injectionHints {
		if strings.Contains(l, h) {
			return injectionRE.MatchString(q)
		}
	}
	return false
}

// offTopicWords are subjects outside the programme (weather, sport, other
// programmes and organisations, general knowledge, tasks for a chatbot).
var offTopicWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
været vaeret værmelding værvarsel weather forecast regn regner rain snø snow temperatur temperature yr.no
fotball football soccer håndball handball hockey eliteserien premier league vm-finalen champions sjakk chess tabellen
skolesekken dks erasmus erasmus+ kulturtanken ukm kulturmønstring spaserstokken kulturrådet kulturradet fritidskortet
kulturløftet lotteri lotto tipping
bitcoin krypto crypto aksje aksjer stock stocks skatt skatten tax taxes renta renten mortgage boliglån
recipe pizza middag dinner lunsj kake cake vits joke jokes dikt poem lyrics
hovedstad hovedstaden capital president statsminister minister stortinget election valget
film movie movies netflix spotify serie tv-serie
matte matematikk math maths lekser leksene mattelekser matteleksene leksehjelp
python javascript programmering programming kode code sql
kjæreste dating horoskop horoscope lønn lønna lønnsøkning lønnstillegg lønnsoppgjør tariff salary stillingsannonse skoleåret skolestart
undervisning spilletime spilletimer elevplass elevplassen kulturskoleplass kulturskoleplassen venteliste semesteravgift gitar gitaren piano fiolin trommer korps instrument instrumenter instrumentene instruments
`) {
		m[bot.Fold(w)] = true
	}
	return m
}()

// anchors are terms only the programme's own questions use: a question with
// one of them is in scope even when the FAQ cannot answer it, so it goes
// to the working group rather than being declined.
var anchors = set("program", "kulturskole", "kulturskolerad", "samling", "pamelding", "frist", "veiledning", "region",
	"regional", "arbeidsgruppe", "utviklingsomrade", "rammeverk", "fremtid", "semester", "tidsplan", "dialoghefte",
	"kunnskapsgrunnlag", "samskaping", "pilot", "egenart", "delta", "styre", "kommune", "fylke")

// chitchatRE is small talk: thanks, greetings, how are you.
var chitchatRE = regexp.MustCompile(`(?i)^\W*(tusen takk|takk|thanks|thank you|ty|hei|hallo|heisann|hey|hi|hello|god morgen|good morning|ha det|bye)\b[^?]{0,30}$|(?i)hvordan har du det|how are you|hvem er du\b|who are you|hva heter du|what'?s your name`)

func chitchat(q string) bool { return chitchatRE.MatchString(q) }

// offTopicPhrases are multi-word subjects outside the programme.
var offTopicPhrases = []string{"søke jobb", "søker jobb", "søke på jobb", "ledig stilling", "apply for a job", "job opening",
	"school year", "skoleår", "what time is it", "hva er klokka", "hvor mye tjener",
	"gå på kulturskolen", "går på kulturskolen", "begynne på kulturskolen", "begynne i kulturskolen",
	"plass på kulturskolen", "plass i kulturskolen", "pris på kulturskolen", "koster kulturskolen",
	"barnet mitt", "barna mine", "sønnen min", "datteren min", "ungen min", "my child", "my kid", "my son", "my daughter"}

// jobRE is job hunting, which shares words ("søke", "kulturskolen") with
// the programme's own questions.
var jobRE = regexp.MustCompile(`(?i)\b(søk\w*|sok\w*|apply|applying|find)\b.{0,25}\b(jobb|job|stilling|arbeid som)\b`)

// taskRE is a request to produce something (write an application, a
// poem, a translation): the FAQ answers questions, it does not write.
var taskRE = regexp.MustCompile(`(?i)^\W*(kan du |could you |can you |please |vær så snill og )?(skriv|skrive|lag|lage|write|draft|compose|generate|generer|oversett|oversette|translate|oppsummer|summarize|summarise|dikt|regn ut|regne ut|beregn|beregne|calculate|compute)\b`)

// loginRE is IT support (logging in, passwords), which shares "logge"
// with logging a mentoring session.
var loginRE = regexp.MustCompile(`(?i)\b(logg\w*|log)\s+(\w+\s+)?(inn|in)\b|\b(innlogging|passord|password|login)\b`)

func offTopic(q string) bool {
	l := strings.ToLower(q)
	if jobRE.MatchString(l) || taskRE.MatchString(l) || loginRE.MatchString(l) {
		return true
	}
	for _, p := range offTopicPhrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r == '+' || r == '.' || r == '-' || strings.ContainsRune("abcdefghijklmnopqrstuvwxyzæøåäöé0123456789", r))
	}) {
		f = strings.Trim(f, ".-")
		w := bot.Fold(f)
		if offTopicWords[w] {
			return true
		}
		// Norwegian compounds end in their head: "gitarundervisning".
		for i := 3; i+6 <= len(w); i++ {
			if offTopicWords[w[i:]] {
				return true
			}
		}
	}
	return false
}

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
