package faq

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
	_ "modernc.org/sqlite" // FTS5 is compiled into modernc.org/sqlite
)

// NewEngine builds an engine over entries (the corpus plus learned ones),
// deciding with the shipped gate (gate.json).
func NewEngine(ctx context.Context, entries []Entry) (*Engine, error) {
	g, err := loadGate(gateJSON)
	if err != nil {
		return nil, err
	}
	return newEngine(ctx, entries, g)
}

// newEngine returns an engine that decides with gate; nil falls back to
// the legacy hand-set rules (what refitting the gate starts from). The
// index comes from the build-time snapshot when entries are the ones it
// was made of (snapshot.go), else it is built.
func newEngine(ctx context.Context, entries []Entry, gate *Gate) (*Engine, error) {
	e, why := loadEngine(entries, gate)
	if e != nil {
		e.source = "snapshot"
		return e, nil
	}
	e, err := buildEngine(ctx, entries, gate)
	if err != nil {
		return nil, err
	}
	e.source = "built: " + why
	return e, nil
}

// classifierFor is the embedded classifier when entries hold every entry
// it knows (the shipped corpus, with or without learned entries and
// configured facts), else nil: another corpus's ids name other answers.
func classifierFor(entries map[string]*indexed) *classifier {
	c := defaultClassifier()
	if c == nil {
		return nil
	}
	for _, id := range c.classes {
		if _, ok := entries[id]; !ok && id != outClass {
			return nil
		}
	}
	return c
}

// IndexSource says where the engine's index came from: "snapshot" (the
// build-time snapshot, faq/index.snap) or "built: " and why the snapshot
// could not be used.
func (e *Engine) IndexSource() string { return e.source }

// analyzerTexts are the texts the analyser learns its vocabulary from:
// the Norwegian phrasings and answers, and the English ones.
func analyzerTexts(entries []Entry) (texts, enTexts []string) {
	for _, e := range entries {
		for i, q := range e.Questions {
			if englishPhrasing(e, i) {
				enTexts = append(enTexts, q)
			} else {
				texts = append(texts, q)
			}
		}
		texts = append(texts, e.Answer.NB)
		enTexts = append(enTexts, e.Answer.EN)
	}
	return texts, enTexts
}

// buildEngine builds the index of entries (what the snapshot holds).
func buildEngine(ctx context.Context, entries []Entry, gate *Gate) (*Engine, error) {
	texts, enTexts := analyzerTexts(entries)
	e := &Engine{P: DefaultParams, gate: gate, an: newAnalyzer(map[string]string{}, texts, enTexts), entries: map[string]*indexed{}, df: map[string]int{}, mem: newMemIndex(), common: map[string]bool{}, exact: map[string]string{}}
	e.memScratch.New, e.scoreScratch.New = newMemScratch, newScoreScratch
	for _, w := range lexiconWords("common.txt") {
		// Everyday words, however an English question stems them too
		// ("only" → "onli").
		for _, t := range append(e.an.base(bot.Fold(w)), e.an.baseEN(bot.Fold(w), true)...) {
			e.common[t.Text] = true
		}
	}
	// The vocabulary is complete: words' terms can be remembered while the
	// entries are added (and forgotten before anyone else uses it).
	e.an.memo, e.an.memoEN = map[string][]Term{}, map[string][]Term{}
	for _, en := range entries {
		e.add(en)
	}
	e.an.folded, e.an.memo, e.an.memoEN, e.an.split, e.an.stemmed, e.an.stemmedEN = nil, nil, nil, nil, nil, nil
	e.refreshDens()
	e.clf = classifierFor(e.entries)
	return e, nil
}

// Close releases the documents' index, if passages were added.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.db == nil {
		return nil
	}
	return e.db.Close()
}

// openFTS creates the FTS5 table of the document passages (engine lock
// held), on the first AddPassages: the entries are ranked in memory, so an
// engine without documents never opens SQLite. The entries' rows go in
// too, as before the memory index, so a passage's bm25 is what it was.
func (e *Engine) openFTS(ctx context.Context) error {
	if e.db != nil {
		return nil
	}
	// A named shared in-memory database: private to this engine (a random
	// name, so no counter is shared between engines), alive as long as the
	// pool holds a connection.
	name := "file:faqidx" + rand.Text() + "?mode=memory&cache=shared"
	db, err := sql.Open("sqlite", name)
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE idx USING fts5(q, a, d, kind UNINDEXED, ref UNINDEXED, tokenize = 'unicode61')`); err != nil {
		db.Close()
		return fmt.Errorf("faq: create index: %w", err)
	}
	if err := store.InTx(ctx, db, func(tx *sql.Tx) error {
		for _, r := range e.mem.rows {
			if r.ref == "" {
				continue // replaced by Learn
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO idx (q, a, d, kind, ref) VALUES (?, ?, '', 'e', ?)`, r.qtext, r.atext, r.ref); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return err
	}
	e.db = db
	return nil
}

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
	return e.LearnAll(ctx, []Entry{en})
}

// LearnAll is Learn for several entries, with the corpus-wide weights
// worked out once at the end (refreshDens walks every entry): the
// program starts from the build-time snapshot and learns what differs
// from it — the entries the configured facts change, the working group's
// answers — instead of building the whole index (~50 ms of a cold start).
func (e *Engine) LearnAll(ctx context.Context, ens []Entry) error {
	if len(ens) == 0 {
		return nil
	}
	if err := validate(ens); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.an.learn(analyzerTexts(ens))
	for _, en := range ens {
		if old, ok := e.entries[en.ID]; ok {
			e.mem.remove(en.ID)
			for t := range union(old.qvocab, old.avocab) {
				e.df[t]--
			}
			for k, id := range e.exact {
				if id == en.ID {
					delete(e.exact, k)
				}
			}
			delete(e.entries, en.ID)
		}
		e.add(en)
		if e.db != nil {
			// The documents' table holds the entries' rows too (openFTS).
			r := e.mem.rows[len(e.mem.rows)-1]
			if err := store.InTx(ctx, e.db, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, `DELETE FROM idx WHERE ref = ? AND kind = 'e'`, en.ID); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, `INSERT INTO idx (q, a, d, kind, ref) VALUES (?, ?, '', 'e', ?)`, r.qtext, r.atext, en.ID)
				return err
			}); err != nil {
				return err
			}
		}
	}
	// Term weights move with the document frequencies.
	e.refreshDens()
	return nil
}

func (e *Engine) add(en Entry) {
	x := &indexed{Entry: en, qvocab: map[string]bool{}, avocab: map[string]bool{}}
	// One row per entry: its phrasings in column q, its answers in a.
	// Few rows keep bm25 cheap; which phrasing matched best is scored in
	// Go from the per-phrasing vocabularies.
	var qwords []string
	for i, q := range en.Questions {
		isEN := englishPhrasing(en, i)
		// Phrasings are read like questions: "ca", "evt", "fk" spelled out
		// (once: the exact key and the analysis read the same text).
		nq := e.normalize(q, false)
		ws := e.an.splitOnce(nq) // split once for the exact key and the analysis
		if k := strings.Join(ws, " "); k != "" {
			if id, taken := e.exact[k]; taken && id != en.ID {
				e.exact[k] = "" // two entries claim it: no shortcut
			} else {
				e.exact[k] = en.ID
			}
		}
		if c, ok := e.countedTermIn(nq, isEN); ok {
			if x.counted == nil {
				x.counted = map[string]bool{}
			}
			x.counted[c] = true
		}
		p := map[string]float64{}
		for _, t := range e.an.analyzeWordsIn(ws, isEN) {
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
		if x.titleEN != "" && x.titleNB != "" {
			continue // both titles found: no language to detect
		}
		if DetectLang(q) == "en" {
			if x.titleEN == "" {
				x.titleEN = q
			}
		} else if x.titleNB == "" {
			x.titleNB = q
		}
	}
	var awords []string
	for _, t := range append(e.an.Analyze(en.Section+" "+en.Answer.NB), e.an.AnalyzeIn(en.Answer.EN, true)...) {
		x.avocab[t.Text] = true
		awords = append(awords, t.Text)
	}
	e.mem.add(en.ID, strings.Join(qwords, " "), strings.Join(awords, " "))
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

// learn adds the words of Norwegian texts and English enTexts to the
// analyzer's vocabulary (engine lock held).
func (a *Analyzer) learn(texts, enTexts []string) {
	for i, ts := range [][]string{texts, enTexts} {
		for _, t := range ts {
			for _, w := range words(t) {
				if _, ok := a.surface[w]; !ok {
					n := utf8.RuneCountInString(w)
					a.byLen[n] = append(a.byLen[n], w)
				}
				a.surface[w]++
				// As newAnalyzer reads them: every word's Norwegian reading
				// into stems, an English text's English stems into stemsEN
				// only. English stems among the Norwegian ones ("mark")
				// split words they never meet in a built index
				// ("Hedmarken": blind109, TestSnapshotPlusLearnedMatchesBuilt).
				for _, term := range a.base(w) {
					if !term.Weak {
						a.stems[term.Text] = true
					}
				}
				if i == 1 {
					for _, term := range a.baseEN(w, true) {
						if !term.Weak {
							a.stemsEN[term.Text] = true
						}
					}
				}
			}
		}
	}
	a.indexLong()
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
	if err := e.openFTS(ctx); err != nil {
		return err
	}
	n := 0
	err := store.InTx(ctx, e.db, func(tx *sql.Tx) error {
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
			d := strings.Join(words, " ")
			if _, err := st.ExecContext(ctx, d, p.Ref); err != nil {
				return err
			}
			n += len(ftsTokens(d, nil))
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The passages are rows of the FTS5 table the entries' bm25 was
	// computed over; the memory index counts them the same way.
	e.mem.passageRows += len(ps)
	e.mem.passageTokens += n
	return nil
}

// SearchPassages returns the refs of the best-matching passages (bm25).
func (e *Engine) SearchPassages(ctx context.Context, question string, k int) ([]string, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	expr := matchExpr(e.an.Analyze(question), "d")
	if expr == "" || e.db == nil {
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

// phrasingTypes are the kinds of fact an entry's own phrasings can vouch
// for; dataTypes the others, which its answer must state itself.
const (
	phrasingTypes = atTime | atCount | atMoney | atWho | atDeadline | atEventLen
	dataTypes     = atPerson | atAmount | atContact | atLink | atPlace | atClock | atName | atStatus
)

// exactKey is how a phrasing is looked up word for word: its folded words
// (exactly as words() gives them), joined.
func exactKey(q string) string { return strings.Join(words(q), " ") }
