package faq

import (
	"context"
	"crypto/rand"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/store"
)

// ftsCandidates is the ranking the memory index replaced: the FTS5 query
// on the engine's table (openFTS: the entries' rows, and the passages if
// any), its rows scored as candidates does.
func (e *Engine) ftsCandidates(ctx context.Context, ts []Term, qw map[string]float64) ([]candidate, error) {
	expr := matchExpr(ts, "q a")
	if expr == "" {
		return nil, nil
	}
	rows, err := e.db.QueryContext(ctx, `SELECT ref, bm25(idx, 1.0, ?, 0) FROM idx WHERE idx MATCH ? ORDER BY 2 LIMIT ?`, e.P.BM25AnswerColumn, expr, e.P.Candidates)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[string]*candidate{}
	var order []*candidate
	for rows.Next() {
		var ref string
		var s float64
		if err := rows.Scan(&ref, &s); err != nil {
			return nil, err
		}
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
	out := make([]candidate, len(order))
	for i, c := range order {
		out[i] = *c
	}
	return e.scoreCandidates(out, qw), nil
}

// trainingQuestions are the questions of every training set (never the
// validation split) and every phrasing of the corpus.
func trainingQuestions(t *testing.T, e *Engine) []string {
	files, err := filepath.Glob("testdata/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatal("no training sets", err)
	}
	var qs []string
	for _, f := range files {
		for _, c := range loadEval(t, f) {
			qs = append(qs, c.question)
		}
	}
	for _, x := range e.entries {
		qs = append(qs, x.Questions...)
	}
	return qs
}

// checkSameRanking asks every question both ways and wants the same
// candidates in the same order with the same bm25, bit for bit.
func checkSameRanking(t *testing.T, e *Engine, qs []string) {
	t.Helper()
	ctx := context.Background()
	compared, diffs := 0, 0
	seen := map[string]bool{}
	for _, q := range qs {
		pq, _ := e.prepare(q, "")
		for _, text := range []string{q, pq} {
			if seen[text] {
				continue
			}
			seen[text] = true
			ts := e.an.Analyze(text)
			qw := e.weights(ts)
			want, err := e.ftsCandidates(ctx, ts, qw)
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			got, err := e.candidates(ctx, ts, qw)
			if err != nil {
				t.Fatal(err)
			}
			compared++
			if len(got) != len(want) {
				diffs++
				t.Errorf("%q: %d candidates, FTS5 %d", text, len(got), len(want))
				continue
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.x.ID != w.x.ID || g.bm25 != w.bm25 || g.sim != w.sim || g.cov != w.cov || g.prec != w.prec {
					diffs++
					t.Errorf("%q #%d: %s bm25 %.17g sim %v, FTS5 %s bm25 %.17g sim %v", text, i, g.x.ID, g.bm25, g.sim, w.x.ID, w.bm25, w.sim)
					break
				}
			}
		}
	}
	t.Logf("%d questions ranked the same way by FTS5 and in memory (%d differ)", compared, diffs)
}

func TestMemIndexSameAsFTS5(t *testing.T) {
	e := newTestEngine(t)
	if e.db != nil {
		t.Fatal("an engine without documents opened SQLite")
	}
	qs := trainingQuestions(t, e)
	// The table the entries were ranked on before, as AddPassages opens it.
	if err := e.openFTS(context.Background()); err != nil {
		t.Fatal(err)
	}
	checkSameRanking(t, e, qs)

	// Learning replaces an entry's row (a new rowid at the end); the
	// document passages are rows of the same table and count in bm25's
	// N and average length.
	id := ""
	for k := range e.entries {
		if id == "" || k < id {
			id = k
		}
	}
	x, _ := e.Entry(id)
	x.Questions = append(append([]string{}, x.Questions...), "Hvor finner jeg programmets nettside med frister og kontaktpersoner?")
	if err := e.Learn(context.Background(), x); err != nil {
		t.Fatal(err)
	}
	if err := e.AddPassages(context.Background(), syntheticChunks(300)); err != nil {
		t.Fatal(err)
	}
	checkSameRanking(t, e, qs[:len(qs)/3])

	// An entry learned before the documents' table exists is in it once,
	// as its latest version.
	f := newTestEngine(t)
	if refs, err := f.SearchPassages(context.Background(), "frist", 5); err != nil || refs != nil {
		t.Fatalf("no documents: %v, %v", refs, err)
	}
	if err := f.Learn(context.Background(), x); err != nil {
		t.Fatal(err)
	}
	if err := f.AddPassages(context.Background(), syntheticChunks(50)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.db.QueryRow(`SELECT count(*) FROM idx WHERE kind = 'e'`).Scan(&n); err != nil || n != f.Len() {
		t.Fatalf("%d entry rows for %d entries (%v)", n, f.Len(), err)
	}
	checkSameRanking(t, f, qs[len(qs)/3:len(qs)/2])
}

// TestFTSTokens: the tokens of text with letters beyond ASCII, as the
// unicode61 tokenizer of the FTS5 table reads them.
func TestFTSTokens(t *testing.T) {
	for in, want := range map[string]string{
		"frist":   "frist",
		"naïve":   "naive",
		"café":    "cafe",
		"Ærø":     "ærø",
		"ǻ":       "ǻ",
		"a·b":     "a b",
		"søknad2": "søknad2",
		"":        "",
	} {
		if got := strings.Join(ftsTokens(in, nil), " "); got != want {
			t.Errorf("ftsTokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAnswerStartsNoGoroutine: answering runs no SQL, so nothing starts
// a goroutine per question (database/sql's Rows.awaitDone and the
// driver's interrupt watcher did, for every FTS5 query under a request's
// context).
func TestAnswerStartsNoGoroutine(t *testing.T) {
	e := newTestEngine(t)
	qs := trainingQuestions(t, e)[:300]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, q := range qs[:20] { // warm up: lazily built answer types, pools
		if _, err := e.Answer(ctx, q, ""); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	created := func() uint64 {
		s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	before := created()
	for _, q := range qs {
		if _, err := e.Answer(ctx, q, ""); err != nil {
			t.Fatal(err)
		}
	}
	if n := created() - before; n != 0 {
		t.Errorf("%d goroutines started answering %d questions", n, len(qs))
	}
	// The FTS5 query it replaced, for comparison.
	if err := e.openFTS(ctx); err != nil {
		t.Fatal(err)
	}
	before = created()
	for _, q := range qs {
		ts := e.an.Analyze(q)
		if _, err := e.ftsCandidates(ctx, ts, e.weights(ts)); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("the FTS5 query started %d goroutines for %d questions", created()-before, len(qs))
}

// TestFTSTokensAsSQLite: ftsTokens reads every letter and digit of the
// Latin, Greek and Cyrillic blocks (what people type beyond æøå) as
// SQLite's unicode61 tokenizer does; FTS_ALL_RUNES=1 checks every rune Go
// counts as a letter or digit.
func TestFTSTokensAsSQLite(t *testing.T) {
	ranges := [][2]rune{{0x30, 0x24F}, {0x370, 0x52F}, {0x1E00, 0x1FFF}}
	if os.Getenv("FTS_ALL_RUNES") != "" {
		ranges = [][2]rune{{0x30, unicode.MaxRune}}
	}
	var words []string
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				// As terms have them: lower-cased by words().
				words = append(words, "x"+strings.ToLower(string(r))+"x")
			}
		}
	}
	db, err := sql.Open("sqlite", "file:ftstok"+rand.Text()+"?mode=memory&cache=shared")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE VIRTUAL TABLE w USING fts5(t, tokenize = 'unicode61')`,
		`CREATE VIRTUAL TABLE v USING fts5vocab(w, 'instance')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.InTx(ctx, db, func(tx *sql.Tx) error {
		for i, w := range words {
			if _, err := tx.ExecContext(ctx, `INSERT INTO w (rowid, t) VALUES (?, ?)`, i+1, w); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got := make([][]string, len(words)+1)
	rows, err := db.QueryContext(ctx, `SELECT doc, term FROM v ORDER BY doc, offset`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var doc int
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		got[doc] = append(got[doc], term)
	}
	bad := 0
	for i, w := range words {
		want := strings.Join(got[i+1], " ")
		if mine := strings.Join(ftsTokens(w, nil), " "); mine != want {
			if bad++; bad <= 60 {
				t.Errorf("%q (U+%04X): ftsTokens %q, SQLite %q", w, []rune(w)[1], mine, want)
			}
		}
	}
	t.Logf("%d of %d runes tokenized differently", bad, len(words))
}

var (
	ftsFuzzOnce   sync.Once
	ftsFuzzEngine *Engine
)

// FuzzMemIndexSameAsFTS5: whatever is typed, the memory index ranks as
// the FTS5 query did (terms SQLite splits in several tokens included).
func FuzzMemIndexSameAsFTS5(f *testing.F) {
	for _, s := range []string{"Når er fristen?", "naïve café ſtøtte", "xᦰy ı ς", "hvor mange dager varer en samling", "µ ϐ Ærø 2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ftsFuzzOnce.Do(func() {
			es, err := DefaultCorpus()
			if err != nil {
				t.Fatal(err)
			}
			if ftsFuzzEngine, err = NewEngine(context.Background(), es); err != nil {
				t.Fatal(err)
			}
			if err := ftsFuzzEngine.openFTS(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
		checkSameRanking(t, ftsFuzzEngine, []string{q})
	})
}
