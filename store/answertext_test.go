package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// preTextsDB makes a database as the migrations before 094 left it (the
// answer's text in answers.answer), with rows in it, and returns its path.
func preTextsDB(t *testing.T, rows func(exec func(q string, args ...any))) string {
	t.Helper()
	return preDB(t, "migrations/094", rows)
}

// preDB makes a database with the migrations before the one named before
// applied, and rows written into it.
func preDB(t *testing.T, before string, rows func(exec func(q string, args ...any))) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	raw, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`)
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for _, n := range names {
		if n >= before {
			break
		}
		buf, err := migrations.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		exec(string(buf))
		exec(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, n, ts(claimNow))
	}
	rows(exec)
	return path
}

// oldReads reads rows with the queries the readers ran before 094, on the
// database before it is migrated.
func oldReads(t *testing.T, path string, q string, args ...any) []map[string]any {
	t.Helper()
	raw, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := scanMaps(rows)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// Migration 094 moves every text out of the answer log into answer_texts,
// once per distinct text, and every reader gives what it gave before:
// db.Answer, the digest's downvotes, mine-data's answers, FAQStats.
func TestMigration094IdenticalReads(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("Et svar fra språkmodellen som er langt. ", 200) // past a page: overflow
	texts := []string{"Fristen er 15. september.", "The deadline is 15 September.", "Fristen er 15. september.", "",
		long, "Fristen er 15. september. ", "Deltakelse er gratis – også for små kommuner 🎻", "", "Fristen er 15. september."}
	at := func(i int) string { return ts(claimNow.Add(time.Duration(i-40) * time.Hour)) }
	path := preTextsDB(t, func(exec func(string, ...any)) {
		for i := 1; i <= 30; i++ {
			text := texts[i%len(texts)]
			var by any
			if i%3 == 0 {
				by = fmt.Sprintf("slack:U%d", i%2)
			}
			exec(`INSERT INTO answers (id, question, lang, answered, path, entry_id, score, answer, asked_by, platform, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				i, fmt.Sprintf("spørsmål %d", i), []string{"nb", "nn", "en"}[i%3], text != "", "faq", fmt.Sprintf("e%d", i%4), 0.5+float64(i)/100, text, by, "slack", at(i))
		}
		for i := 1; i <= 12; i++ {
			exec(`INSERT INTO feedback (answer_id, entry_id, question, vote, voted_by, platform, created_at) VALUES (?, ?, ?, ?, ?, 'slack', ?)`,
				i*2, fmt.Sprintf("e%d", i*2%4), fmt.Sprintf("spørsmål %d", i*2), []int{-1, 1}[i%2], fmt.Sprintf("slack:V%d", i), at(i*2+1))
		}
		// A vote whose answer row is gone (ON DELETE SET NULL).
		exec(`DELETE FROM answers WHERE id = 4`)
	})
	const oldAnswer = `SELECT id, question, lang, answered, path, entry_id, score, answer, asked_by, platform, created_at FROM answers ORDER BY id`
	const oldDownvotes = `SELECT COALESCE(f.answer_id, 0) AS id,
			COALESCE(a.question, f.question) AS q, COALESCE(a.answer, '') AS a, COALESCE(NULLIF(a.entry_id, ''), f.entry_id) AS e,
			COUNT(*) AS n, MAX(f.created_at) AS at
		FROM feedback f LEFT JOIN answers a ON a.id = f.answer_id
		WHERE f.vote = -1 AND f.created_at >= ? AND f.created_at < ?
		GROUP BY COALESCE(f.answer_id, 0), COALESCE(a.question, f.question)
		ORDER BY MAX(f.created_at), 1`
	since, until := claimNow.Add(-100*time.Hour), claimNow.Add(100*time.Hour)
	wantRows := oldReads(t, path, oldAnswer)
	wantDown := oldReads(t, path, oldDownvotes, ts(since), ts(until))
	wantMine := map[string][]map[string]any{}
	for _, k := range []string{"slack:U0", "slack:U1"} {
		wantMine[k] = oldReads(t, path, `SELECT * FROM answers WHERE asked_by = ?`, k)
	}
	wantStats := oldReads(t, path, `SELECT COUNT(*) AS n, SUM(answered) AS a, COUNT(DISTINCT answer) AS texts FROM answers`)[0]
	if len(wantRows) != 29 || len(wantDown) == 0 || len(wantMine["slack:U1"]) == 0 {
		t.Fatalf("fixture: %d rows, %d downvotes, %d of U1's", len(wantRows), len(wantDown), len(wantMine["slack:U1"]))
	}

	db := claimDB(t, path) // applies 094
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM pragma_table_info('answers') WHERE name = 'answer'`); n != 0 {
		t.Fatal("answers.answer is still there")
	}
	// Each distinct non-empty text once; "" is no text.
	if got, want := count(t, db, `SELECT COUNT(*) FROM answer_texts`), int(wantStats["texts"].(int64))-1; got != want {
		t.Errorf("%d texts, want %d", got, want)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers WHERE text_id IS NULL AND answered = 1`); n != 0 {
		t.Errorf("%d answered rows without a text", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts WHERE hash <> kulturbot_text_hash(text)`); n != 0 {
		t.Errorf("%d texts whose hash is not theirs", n)
	}
	for _, w := range wantRows {
		a, err := db.Answer(ctx, w["id"].(int64))
		if err != nil {
			t.Fatal(err)
		}
		by, _ := w["asked_by"].(string)
		got := map[string]any{"id": a.ID, "question": a.Question, "lang": a.Lang, "answered": boolInt(a.Answered), "path": a.Path,
			"entry_id": a.EntryID, "score": a.Score, "answer": a.Answer, "asked_by": by, "platform": string(a.Author.Platform), "created_at": ts(a.Created)}
		w["asked_by"], w["answered"] = by, int(w["answered"].(int64))
		if !reflect.DeepEqual(got, w) {
			t.Errorf("Answer(%v):\n got %v\nwant %v", w["id"], got, w)
		}
	}
	d, err := db.DigestData(ctx, since, until)
	if err != nil {
		t.Fatal(err)
	}
	var gotDown []map[string]any
	for _, v := range d.Downvotes {
		gotDown = append(gotDown, map[string]any{"id": v.AnswerID, "q": v.Question, "a": v.Answer, "e": v.EntryID, "n": int64(v.Votes), "at": ts(v.At)})
	}
	if !reflect.DeepEqual(gotDown, wantDown) {
		t.Errorf("downvotes:\n got %v\nwant %v", gotDown, wantDown)
	}
	for k, want := range wantMine {
		pd, err := db.MyData(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if got := pd.Tables["answers"]; !reflect.DeepEqual(got, want) {
			t.Errorf("mine-data of %s:\n got %v\nwant %v", k, got, want)
		}
	}
	s, err := db.FAQStats(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if int64(s.Asked) != wantStats["n"] || int64(s.Answered) != wantStats["a"] {
		t.Errorf("FAQStats %d/%d, want %v", s.Asked, s.Answered, wantStats)
	}
	// The writer finds a migrated text (its hash is the SQL function's).
	before := count(t, db, `SELECT COUNT(*) FROM answer_texts`)
	id, err := db.LogAnswer(ctx, AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq", Answer: long})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := db.Answer(ctx, id); err != nil || a.Answer != long {
		t.Fatalf("new row with a migrated text: %q…, %v", a.Answer[:min(20, len(a.Answer))], err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts`); n != before {
		t.Errorf("a migrated text was stored again: %d texts, was %d", n, before)
	}
	var check string
	if err := db.r.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
}

// The writer stores each distinct text once, through its cache and
// without it (after an own write emptied it), and LogUnsure's own
// transaction finds the same texts; a declined question has no text.
func TestAnswerTextsOnce(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	texts := []string{"Fristen er 15. september.", "Deltakelse er gratis.", "The deadline is 15 September.", ""}
	ids := map[int64]string{}
	log := func(n int, ev string) {
		t.Helper()
		for i := range n {
			text := texts[i%len(texts)]
			id, err := db.LogAnswerLater(faqClaim(fmt.Sprintf("sig:1:%s%d", ev, i)), AnswerLog{Question: "q", Lang: "nb", Answered: text != "", Path: "faq", Answer: text})
			if err != nil {
				t.Fatal(err)
			}
			ids[id] = text
		}
		if err := db.AnswersWritten(ctx); err != nil {
			t.Fatal(err)
		}
	}
	log(300, "a")
	if got := len(db.writer().cache.texts); got != 3 {
		t.Errorf("writer caches %d texts, want 3", got)
	}
	// An own write empties the writer's cache: the texts are looked up again, not stored again.
	if _, err := db.Vote(ctx, 1, true, Author{Key: "slack:U3", Platform: bot.Slack}); err != nil {
		t.Fatal(err)
	}
	log(50, "b")
	if _, err := db.LogUnsure(ctx, AnswerLog{Question: "usikker", Lang: "nb", Path: "faq", Answer: texts[1]}, Question{Question: "usikker", Lang: "nb"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogUnsure(ctx, AnswerLog{Question: "ingen", Lang: "nb"}, Question{Question: "ingen", Lang: "nb"}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts`); n != 3 {
		t.Errorf("%d texts stored, want 3", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers WHERE text_id IS NULL`); n != 300/4+50/4+1 {
		t.Errorf("%d rows without a text, want the declined ones (%d)", n, 300/4+50/4+1)
	}
	for id, want := range ids {
		a, err := db.Answer(ctx, id)
		if err != nil || a.Answer != want {
			t.Fatalf("Answer(%d) = %q, %v; want %q", id, a.Answer, err, want)
		}
	}
}

// textHash is FNV-1a 64 (stored: it must never change).
func TestTextHash(t *testing.T) {
	for _, s := range []string{"", "a", "Fristen er 15. september.", "Deltakelse er gratis – også for små kommuner 🎻"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := textHash(s), int64(h.Sum64()); got != want {
			t.Errorf("textHash(%q) = %d, want %d", s, got, want)
		}
	}
	// A value stored by migration 094 (SQL) and by the writer (Go) alike.
	if got := textHash("Fristen er 15. september."); got != -4513952849151483182 {
		t.Errorf("textHash changed: %d", got)
	}
}

// Two texts with the same hash are told apart by the text (a stored row
// is given another text's hash here, as a collision would).
func TestAnswerTextSameHash(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	if _, err := db.w.ExecContext(ctx, `INSERT INTO answer_texts (id, hash, text) VALUES (7, ?, 'ikke dette')`, textHash("dette")); err != nil {
		t.Fatal(err)
	}
	id, err := db.LogAnswer(ctx, AnswerLog{Question: "q", Lang: "nb", Answered: true, Answer: "dette"})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := db.Answer(ctx, id); err != nil || a.Answer != "dette" {
		t.Fatalf("Answer = %q, %v", a.Answer, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts WHERE hash = ?`, textHash("dette")); n != 2 {
		t.Fatalf("%d texts with the hash, want 2", n)
	}
}

// The retention pass deletes texts no row names (rows deleted by hand
// here: the store deletes none) and keeps the others; a deleted text
// logged again is stored again and read back, though the writer had it
// cached before the pass.
func TestRetentionDeletesOrphanTexts(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	logText := func(ev, text string) int64 {
		t.Helper()
		id, err := db.LogAnswer(faqClaim(ev), AnswerLog{Question: "q", Lang: "nb", Answered: true, Answer: text})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	logText("sig:1:a", "bli")
	gone := logText("sig:1:b", "gå")
	logText("sig:1:c", "gå")
	if _, err := db.w.ExecContext(ctx, `DELETE FROM answers WHERE text_id = (SELECT text_id FROM answers WHERE id = ?)`, gone); err != nil {
		t.Fatal(err)
	}
	p, err := db.PurgeQuestions(ctx, 0)
	if err != nil || p.Texts != 1 {
		t.Fatalf("purged %+v, %v; want 1 text", p, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts WHERE text = 'bli'`); n != 1 {
		t.Fatal("a text still named was deleted")
	}
	if p, err := db.PurgeQuestions(ctx, 0); err != nil || p.Texts != 0 {
		t.Fatalf("second pass: %+v, %v", p, err)
	}
	id := logText("sig:1:d", "gå")
	if a, err := db.Answer(ctx, id); err != nil || a.Answer != "gå" {
		t.Fatalf("after the pass: %q, %v", a.Answer, err)
	}
}

// Forgetting a user keeps their answers' texts; mine-data shows the text
// under "answer" as before, and nothing of theirs after slett-meg.
func TestForgetUserKeepsAnswerTexts(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	me := Author{Key: "slack:U9", Platform: bot.Slack}
	id, err := db.LogAnswer(faqClaim("sig:1:me"), AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq", EntryID: "frist", Answer: "15. september.", Author: me})
	if err != nil {
		t.Fatal(err)
	}
	pd, err := db.MyData(ctx, me.Key)
	if err != nil {
		t.Fatal(err)
	}
	rows := pd.Tables["answers"]
	if len(rows) != 1 || rows[0]["answer"] != "15. september." || rows[0]["asked_by"] != me.Key || rows[0]["text_id"] != nil {
		t.Fatalf("mine-data: %v", rows)
	}
	if _, err := db.ForgetUser(ctx, me.Key); err != nil {
		t.Fatal(err)
	}
	if pd, err := db.MyData(ctx, me.Key); err != nil || len(pd.Tables) != 0 {
		t.Fatalf("after slett-meg: %v, %v", pd.Tables, err)
	}
	if a, err := db.Answer(ctx, id); err != nil || a.Answer != "15. september." || a.Author.Key != "" {
		t.Fatalf("answer after slett-meg: %+v, %v", a, err)
	}
}

// A batch of answerQueueRows /faq answers whose texts the file has
// already writes ~5 pages of the answer log into the WAL; with each text
// in its row it was ~14 (docs/operations.md "Round 10: answer texts once").
func TestAnswerTextPagesPerBatch(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	texts := make([]string, 3)
	for i := range texts {
		texts[i] = fmt.Sprintf("Svar %d: ", i) + strings.Repeat("Fristen for å melde interesse er 15. september. ", 5)
	}
	batch := func(n int) {
		t.Helper()
		for i := range answerQueueRows {
			a := AnswerLog{Question: fmt.Sprintf("Når er fristen for å melde interesse %d?", i%30), Lang: "nb", Answered: true, Path: "faq",
				EntryID: "interessefrist", Score: 0.82, Answer: texts[(n+i)%len(texts)], Author: Author{Key: "slack:U042ABCDE", Platform: bot.Slack}}
			if _, err := db.LogAnswerLater(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AnswersWritten(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for n := range 20 { // a log of some size, its texts stored
		batch(n)
	}
	var frames []int64
	for n := range 9 {
		s0 := db.WriteStats()
		batch(n)
		frames = append(frames, db.WriteStats().WALFrames-s0.WALFrames)
	}
	slices.Sort(frames)
	if med := frames[len(frames)/2]; med > 8 {
		t.Errorf("a batch of %d answers: median %d WAL pages (%v), want at most 8", answerQueueRows, med, frames)
	}
}

// A text a batch stored in a shared transaction that is then rolled back
// (another write in it failed, and it is done again with savepoints) is
// stored again, not named by an id the rollback took away.
func TestAnswerTextRolledBack(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	release := make(chan struct{})
	holdWriter(t, db, release)
	id, err := db.LogAnswerLater(faqClaim("sig:1:a"), AnswerLog{Question: "q", Lang: "nb", Answered: true, Answer: "ny tekst"})
	if err != nil {
		t.Fatal(err)
	}
	db.queueOpenAnswers()
	failed := make(chan error, 1)
	go func() {
		failed <- db.hot(ctx, func(t *wtx) error { return fmt.Errorf("disk on fire") })
	}()
	db.writer().mu.Lock()
	for len(db.writer().queue) < 2 { // the batch and the failing write, one transaction
		db.writer().mu.Unlock()
		time.Sleep(time.Millisecond)
		db.writer().mu.Lock()
	}
	db.writer().mu.Unlock()
	close(release)
	if err := <-failed; err == nil {
		t.Fatal("the failing write did not fail")
	}
	if err := db.AnswersWritten(ctx); err != nil {
		t.Fatal(err)
	}
	if a, err := db.Answer(ctx, id); err != nil || a.Answer != "ny tekst" {
		t.Fatalf("Answer = %q, %v", a.Answer, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts`); n != 1 {
		t.Fatalf("%d texts, want 1", n)
	}
}

// The writer's text cache stays within its bounds when every answer has
// a text of its own (live data, the LLM), and the ids stay right.
func TestAnswerTextCacheBounded(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	n := maxCachedTexts + 300
	ids := make([]int64, n)
	for i := range n {
		id, err := db.LogAnswerLater(ctx, AnswerLog{Question: "q", Lang: "nb", Answered: true, Answer: fmt.Sprintf("svar nummer %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	if err := db.AnswersWritten(ctx); err != nil {
		t.Fatal(err)
	}
	c := &db.writer().cache
	if len(c.texts) > maxCachedTexts || c.textBytes > maxCachedTextBytes || len(c.texts) == 0 {
		t.Fatalf("cache holds %d texts, %d bytes", len(c.texts), c.textBytes)
	}
	for _, i := range []int{0, 1, maxCachedTexts - 1, maxCachedTexts, n - 1} {
		if a, err := db.Answer(ctx, ids[i]); err != nil || a.Answer != fmt.Sprintf("svar nummer %d", i) {
			t.Fatalf("Answer(%d) = %q, %v", ids[i], a.Answer, err)
		}
	}
	if got := count(t, db, `SELECT COUNT(*) FROM answer_texts`); got != n {
		t.Fatalf("%d texts, want %d", got, n)
	}
}

// The migration's hash (the SQL function) is the writer's for every text,
// one with a NUL byte in it too (SQLite's text is counted, not
// NUL-terminated): the writer finds the migrated text and stores it once.
func TestMigration094TextWithNUL(t *testing.T) {
	ctx := context.Background()
	text := "Fristen er\x00 15. september."
	path := preTextsDB(t, func(exec func(string, ...any)) {
		exec(`INSERT INTO answers (id, question, lang, answered, path, answer, platform, created_at) VALUES (1, 'frist?', 'nb', 1, 'faq', ?, 'slack', ?)`, text, ts(claimNow))
	})
	db := claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts WHERE hash = ?`, textHash(text)); n != 1 {
		t.Errorf("%d texts with the text's hash, want 1", n)
	}
	id, err := db.LogAnswer(ctx, AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq", Answer: text})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := db.Answer(ctx, id); err != nil || a.Answer != text {
		t.Fatalf("Answer = %q, %v", a.Answer, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answer_texts`); n != 1 {
		t.Errorf("%d texts, want 1 (the migrated one found)", n)
	}
}
