package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// mergeGuard merges every pending guard id into events, in a writer
// transaction of its own.
func mergeGuard(t testing.TB, db *DB) {
	t.Helper()
	if err := db.hot(context.Background(), func(tx *wtx) error {
		return db.guard.mergeAll(guardExec{w: tx.w})
	}); err != nil {
		t.Fatal(err)
	}
}

// recorded counts the recorded event ids matching where (on platform and
// event_id), in events and pending in the guard's ring.
func recorded(t *testing.T, db *DB, where string, args ...any) int {
	t.Helper()
	return count(t, db, `SELECT COUNT(*) FROM (SELECT platform, event_id FROM events
		UNION ALL SELECT platform, event_id FROM events_pending WHERE seq > (SELECT merged FROM events_merged)) WHERE `+where, args...)
}

// guardIDs returns n signed ids stamped from sec on, perSec to a second,
// with signatures in no order.
func guardIDs(sec int64, n, perSec int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = stampedID(sec+int64(i/perSec), fmt.Sprintf("%016x%d", uint64(i+1)*0x9E3779B97F4A7C15, i))
	}
	return ids
}

// onWriter runs fn on the writer goroutine, between its transactions.
func onWriter(t *testing.T, db *DB, fn func(w *writer)) {
	t.Helper()
	if err := db.hot(context.Background(), func(tx *wtx) error { fn(tx.w); return nil }); err != nil {
		t.Fatal(err)
	}
}

func record(t *testing.T, db *DB, id string) bool {
	t.Helper()
	first, err := db.Record(context.Background(), &bot.Claim{Platform: "slack", ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return first
}

var guardAnswer = AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq"}

// TestGuardArrivalOrder: a batch's signed guard ids go into the ring in
// the order they came, not into events; their replays are refused while
// pending (from memory, without reading events) and after the merge
// (from events), and each question is logged once.
func TestGuardArrivalOrder(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	const t0 = 1_780_000_000
	release := make(chan struct{})
	holdWriter(t, db, release)
	var ids []string
	for _, sig := range []string{"f", "a", "d", "b", "e", "c"} {
		id := stampedID(t0, sig)
		ids = append(ids, id)
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); err != nil {
			t.Fatal(err)
		}
	}
	close(release)
	if err := db.AnswersWritten(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	rows, err := db.r.Query(`SELECT event_id FROM events_pending WHERE seq > (SELECT merged FROM events_merged) ORDER BY slot`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		got = append(got, id)
	}
	rows.Close()
	if !slices.Equal(got, ids) {
		t.Fatalf("ring: %q, want the arrival order %q", got, ids)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != 0 {
		t.Fatalf("%d ids in events before a merge, want 0", n)
	}
	before := db.reads()
	for _, id := range ids {
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay of pending %s: %v", id, err)
		}
		if record(t, db, id) {
			t.Fatalf("Record of pending %s: first", id)
		}
	}
	if n := db.reads() - before; n != 0 {
		t.Fatalf("%d events reads for pending ids, want 0 (they are in memory)", n)
	}
	db.seenMu.Lock()
	ring := db.seenRingReads
	db.seenMu.Unlock()
	if ring != len(ids) {
		t.Fatalf("%d ring reads for %d replays of pending ids, want one each (the hash hit confirmed)", ring, len(ids))
	}
	mergeGuard(t, db)
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != len(ids) {
		t.Fatalf("%d ids in events after the merge, want %d", n, len(ids))
	}
	if n := recorded(t, db, `1`); n != len(ids) {
		t.Fatalf("%d recorded, want %d", n, len(ids))
	}
	for _, id := range ids {
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay of merged %s: %v", id, err)
		}
		if record(t, db, id) {
			t.Fatalf("Record of merged %s: first", id)
		}
	}
	db.AnswersWritten(ctx)
	if n := count(t, db, `SELECT COUNT(*) FROM answers`); n != len(ids) {
		t.Fatalf("%d answers, want %d (no replay logged)", n, len(ids))
	}
}

// TestGuardMergeTurns: past guardMergeRows pending ids the writer merges
// them in turns of its own; the ring wraps; every id stays recorded once
// and every replay is refused, wherever its id is.
func TestGuardMergeTurns(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	ids := guardIDs(1_780_000_000, max(3*guardMergeRows, guardRing+guardMergeRows)+300, 3000)
	for i, id := range ids {
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); err != nil {
			t.Fatal(err)
		}
		if i%answerQueueRows == 0 {
			db.AnswersWritten(ctx)
		}
	}
	db.AnswersWritten(ctx)
	var merges int
	var merged, next int64
	onWriter(t, db, func(w *writer) { merges, merged, next = w.guardMerges, db.guard.merged, db.guard.next })
	if merges < 3 || merged < 3*guardMergeRows {
		t.Fatalf("%d merge turns, merged up to %d: want at least 3 turns and %d", merges, merged, 3*guardMergeRows)
	}
	if next-1-merged >= guardMergeRows {
		t.Fatalf("%d pending after the turns", next-1-merged)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events_pending`); n != guardRing {
		t.Fatalf("ring rows %d, want %d (wrapped, rewritten in place)", n, guardRing)
	}
	if n := recorded(t, db, `1`); n != len(ids) {
		t.Fatalf("%d recorded, want %d", n, len(ids))
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != int(merged) {
		t.Fatalf("%d in events, want the %d merged", n, merged)
	}
	for i := 0; i < len(ids); i += 97 {
		if _, err := db.LogAnswerLater(faqClaim(ids[i]), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay %d: %v", i, err)
		}
		if record(t, db, ids[i]) {
			t.Fatalf("Record %d: first", i)
		}
	}
	db.AnswersWritten(ctx)
	if n := count(t, db, `SELECT COUNT(*) FROM answers`); n != len(ids) {
		t.Fatalf("%d answers, want %d", n, len(ids))
	}
}

// TestGuardFullRing: more new ids in one transaction than the ring holds:
// the transaction merges before it writes over a pending row.
func TestGuardFullRing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ids := guardIDs(1_780_000_000, guardRing+500, 10000)
	if err := db.hot(context.Background(), func(tx *wtx) error {
		x := guardExec{w: tx.w}
		for _, id := range ids {
			if first, err := tx.w.claimID(x, "slack", id, ts(claimNow)); err != nil || !first {
				return fmt.Errorf("%s: %v %v", id, first, err)
			}
		}
		for _, id := range []string{ids[0], ids[guardRing-1], ids[guardRing+499]} {
			if first, err := tx.w.claimID(x, "slack", id, ts(claimNow)); err != nil || first {
				return fmt.Errorf("again in the transaction %s: %v %v", id, first, err)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := recorded(t, db, `1`); n != len(ids) {
		t.Fatalf("%d recorded, want %d", n, len(ids))
	}
	for _, id := range []string{ids[0], ids[guardRing], ids[len(ids)-1]} {
		if record(t, db, id) {
			t.Fatalf("Record %s: first", id)
		}
	}
	db.Close()
	db = claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != len(ids) {
		t.Fatalf("%d in events after Close, want %d (Close merges)", n, len(ids))
	}
}

// TestGuardReplayWithinOneBatch: the same id twice in one batch (the
// writer's own check, not the request side's) is logged once, signed or
// not.
func TestGuardReplayWithinOneBatch(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	x, y := stampedID(1_780_000_000, "x"), stampedID(1_780_000_000, "y")
	b := &answerBatch{}
	for i, ev := range []string{x, y, x, "Ev1", "Ev1"} {
		b.rows = append(b.rows, pendingAnswer{id: int64(i + 1), a: AnswerLog{Question: fmt.Sprint(i), Lang: "nb", Path: "faq"}, at: ts(claimNow), platform: "slack", event: ev})
	}
	if err := db.hot(context.Background(), func(tx *wtx) error { return db.writeAnswers(tx, b) }); err != nil {
		t.Fatal(err)
	}
	var got []int
	rows, _ := db.r.Query(`SELECT id FROM answers ORDER BY id`)
	for rows.Next() {
		var id int
		rows.Scan(&id)
		got = append(got, id)
	}
	rows.Close()
	if !slices.Equal(got, []int{1, 2, 4}) {
		t.Fatalf("answers %v, want [1 2 4] (the second x and Ev1 are replays)", got)
	}
	if n := recorded(t, db, `1`); n != 3 {
		t.Fatalf("%d recorded, want 3", n)
	}
}

// TestGuardConcurrentReplays: the same ids arriving many times at once,
// through the answer log and through Record, while other ids keep the
// merge turns going: each id is taken exactly once — a Record that says
// first, or one answer-log row (the writer decides: a LogAnswer is told
// ok when its row was dropped as a replay the request side could not see,
// as before).
func TestGuardConcurrentReplays(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	same := guardIDs(1_780_000_000, 64, 16)
	filler := guardIDs(1_780_000_100, 2*guardMergeRows, 4000)
	var taken [64]atomic.Int32
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range same {
				k := (i + g*5) % len(same)
				if g%2 == 0 {
					_, err := db.LogAnswer(faqClaim(same[k]), AnswerLog{Question: same[k], Lang: "nb", Path: "faq"})
					if err != nil && !errors.Is(err, bot.ErrDuplicate) {
						t.Error(err)
					}
				} else {
					first, err := db.Record(ctx, &bot.Claim{Platform: "slack", ID: same[k]})
					if err != nil {
						t.Error(err)
					}
					if first {
						taken[k].Add(1)
					}
				}
				for _, id := range filler[(g*len(same)+i)*len(filler)/(16*len(same)) : (g*len(same)+i+1)*len(filler)/(16*len(same))] {
					if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	db.AnswersWritten(ctx)
	for k := range taken {
		if n := int(taken[k].Load()) + count(t, db, `SELECT COUNT(*) FROM answers WHERE question = ?`, same[k]); n != 1 {
			t.Fatalf("id %d taken %d times, want once", k, n)
		}
	}
	if n := recorded(t, db, `1`); n != len(same)+len(filler) {
		t.Fatalf("%d recorded, want %d", n, len(same)+len(filler))
	}
	var merges int
	onWriter(t, db, func(w *writer) { merges = w.guardMerges })
	if merges == 0 {
		t.Fatal("no merge turn: the replays were not checked across merges")
	}
}

// TestGuardRestart: after Close nothing is pending (Close merges), and a
// replay of any id recorded before is refused.
func TestGuardRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ids := guardIDs(1_780_000_000, guardMergeRows+100, 1000)
	for _, id := range ids {
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != len(ids) {
		t.Fatalf("%d in events after Close, want %d", n, len(ids))
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events_pending WHERE seq > (SELECT merged FROM events_merged)`); n != 0 {
		t.Fatalf("%d pending after Close, want 0", n)
	}
	for i := 0; i < len(ids); i += 101 {
		if _, err := db.LogAnswerLater(faqClaim(ids[i]), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay %d after a restart: %v", i, err)
		}
		if record(t, db, ids[i]) {
			t.Fatalf("Record %d after a restart: first", i)
		}
	}
	if !record(t, db, stampedID(1_780_000_000, "new")) {
		t.Fatal("a new id after a restart is not first")
	}
}

// TestGuardCrash: a process that dies with ids pending (and one merge
// behind it) and a transaction in progress: Open merges what was
// committed, every committed id's replay is refused, the uncommitted
// ones are new.
func TestGuardCrash(t *testing.T) {
	const committed, lost = guardMergeRows + 300, 50
	ids := guardIDs(1_780_000_000, committed+lost, 1000)
	if dir := os.Getenv("KB_GUARD_CRASH"); dir != "" {
		db := claimDB(t, filepath.Join(dir, "k.db"))
		for _, id := range ids[:committed] {
			if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); err != nil {
				t.Fatal(err)
			}
		}
		db.AnswersWritten(context.Background())
		var merged int64
		onWriter(t, db, func(*writer) { merged = db.guard.merged })
		if merged == 0 || merged >= committed {
			t.Fatalf("merged up to %d: want a merge turn and ids pending", merged)
		}
		// The lost ones: in a transaction the process dies inside.
		inside := make(chan struct{})
		go db.hot(context.Background(), func(tx *wtx) error {
			for _, id := range ids[committed:] {
				if _, err := tx.w.claimID(guardExec{w: tx.w}, "slack", id, ts(claimNow)); err != nil {
					t.Error(err)
				}
			}
			close(inside)
			select {}
		})
		<-inside
		os.Exit(3)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestGuardCrash$")
	cmd.Env = append(os.Environ(), "KB_GUARD_CRASH="+dir)
	out, err := cmd.CombinedOutput()
	if ee := (*exec.ExitError)(nil); !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	db := claimDB(t, filepath.Join(dir, "k.db"))
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != committed {
		t.Fatalf("%d in events after the crash, want the %d committed (Open merges)", n, committed)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers`); n != committed {
		t.Fatalf("%d answers after the crash, want %d", n, committed)
	}
	for i := 0; i < committed; i += 37 {
		if _, err := db.LogAnswerLater(faqClaim(ids[i]), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay %d after the crash: %v", i, err)
		}
	}
	for _, id := range ids[committed:] {
		if !record(t, db, id) {
			t.Fatalf("%s was never committed, but is not first", id)
		}
	}
}

// TestGuardRollover: past the fingerprint sets' size (both the request
// side's and the writer's) the oldest are forgotten; replays of ids
// recorded before, pending or merged, are still refused.
func TestGuardRollover(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	const t0 = 1_780_000_000
	merged, pending := stampedID(t0, "merged"), stampedID(t0, "pending")
	if !record(t, db, merged) {
		t.Fatal("first")
	}
	mergeGuard(t, db)
	if !record(t, db, pending) {
		t.Fatal("first")
	}
	onWriter(t, db, func(*writer) {
		for i := range 2*claimFill + 1 {
			db.guard.filter.note(db, "slack", stampedID(t0+1+int64(i/1000), fmt.Sprint(i)))
			db.claims.note(db, "slack", stampedID(t0+1+int64(i/1000), fmt.Sprint(i)))
		}
	})
	var dropped int64
	onWriter(t, db, func(*writer) { dropped = db.guard.filter.dropped })
	if dropped < t0 || db.claims.dropped < t0 {
		t.Fatalf("dropped %d, %d: the first tables were not forgotten", dropped, db.claims.dropped)
	}
	for _, id := range []string{merged, pending} {
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay of %s: %v", id, err)
		}
		if record(t, db, id) {
			t.Fatalf("Record of %s: first", id)
		}
	}
	if !record(t, db, stampedID(t0, "new")) {
		t.Fatal("a new id stamped with the forgotten ones is not first")
	}
}

// TestGuardForgetAndPurge: Forget and PurgeEvents forget pending ids as
// they forget merged ones, for the writer and for the request side.
func TestGuardForgetAndPurge(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	// Stamped at the store's clock, as the Slack adapter's MaxSkew
	// makes every signed id: a signed id's age is its stamp (guard.go).
	t0 := claimNow.Unix()
	a, b, c, d := stampedID(t0, "a"), stampedID(t0, "b"), stampedID(t0, "c"), stampedID(t0, "d")
	record(t, db, b)
	mergeGuard(t, db)
	record(t, db, a) // pending
	for _, id := range []string{a, b} {
		if err := db.Forget(ctx, "slack", id); err != nil {
			t.Fatal(err)
		}
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); err != nil {
			t.Fatalf("%s after Forget: %v, want it taken", id, err)
		}
	}
	db.AnswersWritten(ctx)
	if record(t, db, a) || record(t, db, b) {
		t.Fatal("taken again after Forget, then replayed: first")
	}
	record(t, db, c)
	mergeGuard(t, db)
	record(t, db, d) // pending
	n, err := db.PurgeEvents(ctx, -time.Second)
	if err != nil || n != 4 {
		t.Fatalf("PurgeEvents: %d, %v; want 4", n, err)
	}
	if n := recorded(t, db, `1`) + count(t, db, `SELECT COUNT(*) FROM events_pending`); n != 0 {
		t.Fatalf("%d ids left after the purge", n)
	}
	if _, err := db.LogAnswerLater(faqClaim(d), guardAnswer); err != nil {
		t.Fatalf("pending id after PurgeEvents: %v, want it taken", err)
	}
	if !record(t, db, c) {
		t.Fatal("merged id after PurgeEvents: not first")
	}
	// The retention pass: a week later everything recorded is forgotten.
	e := stampedID(t0, "e")
	record(t, db, e)
	db.Now = func() time.Time { return claimNow.Add(EventRetention + time.Hour) }
	p, err := db.PurgeQuestions(ctx, 0)
	if err != nil || p.Events != 3 {
		t.Fatalf("retention: %+v, %v; want 3 events (c, d, e)", p, err)
	}
	if !record(t, db, e) {
		t.Fatal("pending id after retention: not first")
	}
}

// TestGuardSavepoints: in a shared transaction where one write fails,
// its id is not recorded (its retry is taken), the others' are, and an
// id claimed twice in one transaction is taken once.
func TestGuardSavepoints(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	w := db.writer()
	if err := db.AnswersWritten(context.Background()); err != nil { // readHigh before the batch
		t.Fatal(err)
	}
	const t0 = 1_780_000_000
	job := func(id string, fail bool) *writeJob {
		return &writeJob{ctx: context.Background(), done: make(chan struct{}), claim: &bot.Claim{Platform: "slack", ID: id},
			hot: func(*wtx) error {
				if fail {
					return bot.Internal(errors.New("no"))
				}
				return nil
			}}
	}
	a, b, c := stampedID(t0, "a"), stampedID(t0, "b"), stampedID(t0, "c")
	jobs := []*writeJob{job(a, false), job(b, true), job(c, false), job(a, false)}
	// The writer goroutine is idle (nothing submitted yet): run the
	// batch the way it would.
	w.run(jobs)
	for i, j := range jobs {
		<-j.done
		if want := i == 1 || i == 3; (j.err != nil) != want {
			t.Fatalf("job %d: err %v", i, j.err)
		}
	}
	if !jobs[3].dup {
		t.Fatal("the second claim of a in one transaction is not a duplicate")
	}
	if record(t, db, a) || record(t, db, c) {
		t.Fatal("a committed id is first again")
	}
	if !record(t, db, b) {
		t.Fatal("the failed write's id is not first")
	}
}

// TestGuardHashCollision: the pending ids are held by a hash, confirmed
// against their ring row; an id whose hash names another id's row is not
// that id's replay, and a pending id whose hash is taken is held by its
// key (extra) — both found exactly, by the writer and the request side.
func TestGuardHashCollision(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	const t0 = 1_780_000_000
	a, b, c := stampedID(t0, "a"), stampedID(t0, "b"), stampedID(t0, "c")
	if !record(t, db, a) {
		t.Fatal("a: not first")
	}
	onWriter(t, db, func(*writer) { // b's and c's hashes now name a's row, as if they collided
		g := &db.guard
		g.mu.Lock()
		sa := g.ids[g.hash(guardKey{"slack", a})]
		g.ids[g.hash(guardKey{"slack", b})] = sa
		g.ids[g.hash(guardKey{"slack", c})] = sa
		g.mu.Unlock()
	})
	if _, err := db.LogAnswerLater(faqClaim(c), guardAnswer); err != nil {
		t.Fatalf("c (its hash names a's row): %v, want it taken", err)
	}
	if !record(t, db, b) {
		t.Fatal("b (its hash names a's row): not first")
	}
	db.AnswersWritten(ctx)
	var extra int
	onWriter(t, db, func(*writer) { extra = len(db.guard.extra) })
	if extra != 2 {
		t.Fatalf("%d ids held by key, want 2 (b and c: their hashes were taken)", extra)
	}
	for _, id := range []string{a, b, c} {
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay of pending %s: %v", id, err)
		}
		if record(t, db, id) {
			t.Fatalf("Record of pending %s: first", id)
		}
	}
	mergeGuard(t, db)
	onWriter(t, db, func(*writer) { extra = len(db.guard.extra) + len(db.guard.ids) })
	if extra != 0 {
		t.Fatalf("%d pending ids held after the merge, want 0", extra)
	}
	for _, id := range []string{a, b, c} {
		if record(t, db, id) {
			t.Fatalf("Record of merged %s: first", id)
		}
	}
}

// TestGuardMergeInKeyOrder: a merge inserts its ids into events in key
// order, so each leaf of a second's range is written once per merge. Four
// merges of 2,047 ids of one second: the last ones touch more of the
// range's leaves than the writer's cache holds, ~190 WAL pages a merge in
// key order; in arrival order (as if SQLite dropped the ORDER BY, which it
// does when the subquery is flattened) the cache spills, ~1,000.
func TestGuardMergeInKeyOrder(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	all := guardIDs(1_780_000_000, 4*(guardMergeRows-1), 1<<30)
	for round := range 4 {
		ids := all[round*(guardMergeRows-1) : (round+1)*(guardMergeRows-1)]
		if err := db.hot(ctx, func(tx *wtx) error {
			for _, id := range ids {
				if _, err := tx.w.claimID(guardExec{w: tx.w}, "slack", id, ts(claimNow)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		f0 := db.WriteStats().WALFrames
		mergeGuard(t, db)
		if n := db.WriteStats().WALFrames - f0; n > 400 {
			t.Fatalf("merge %d: %d WAL pages for %d ids, want ~190 (in key order)", round, n, len(ids))
		}
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != len(all) {
		t.Fatalf("%d in events, want %d", n, len(all))
	}
}

// TestGuardSignedAgeIsStamp: a signed id is stored without a created_at,
// in the ring and in events, and retention forgets it by its stamp: an
// id stamped before the cut goes, one stamped after stays (whenever
// each was recorded), in the 12-byte form (storedID) and as text; rows
// an older version stored with a created_at go by it.
func TestGuardSignedAgeIsStamp(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	now := claimNow.Unix()
	hex := func(seed uint64) string { return fmt.Sprintf("%016x", seed*0x9E3779B97F4A7C15) }
	// Packed (a Slack signature's hex digits) and text (any other form).
	old, fresh := stampedID(now-3600, hex(1)), stampedID(now, hex(2))
	oldText, freshText := stampedID(now-3600, "old"), stampedID(now, "fresh")
	for _, id := range []string{old, fresh, oldText, freshText} {
		record(t, db, id)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events_pending WHERE created_at <> ''`); n != 0 {
		t.Fatalf("%d ring rows with a created_at", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events_pending WHERE typeof(event_id) = 'blob' AND length(event_id) = 12`); n != 2 {
		t.Fatalf("%d 12-byte ids in the ring, want 2", n)
	}
	mergeGuard(t, db)
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE created_at = ''`); n != 4 {
		t.Fatalf("%d events rows without a created_at, want 4", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE typeof(event_id) = 'blob'`); n != 2 {
		t.Fatalf("%d 12-byte ids in events, want 2", n)
	}
	// An older version's rows: a signed id with its created_at, stamped
	// after the cut but recorded before it, and an unsigned id.
	if _, err := db.w.ExecContext(ctx, `INSERT INTO events (platform, event_id, created_at) VALUES ('slack', ?, ?), ('slack', 'Ev123', ?)`,
		stampedID(now, "legacy"), ts(claimNow.Add(-2*time.Hour)), ts(claimNow.Add(-2*time.Hour))); err != nil {
		t.Fatal(err)
	}
	n, err := db.PurgeEvents(ctx, 30*time.Minute)
	if err != nil || n != 4 {
		t.Fatalf("PurgeEvents: %d, %v; want 4 (old, oldText, legacy, Ev123)", n, err)
	}
	for _, id := range []string{fresh, freshText} {
		if record(t, db, id) {
			t.Fatalf("%s, stamped after the cut, was forgotten", id)
		}
	}
	for _, id := range []string{old, oldText} {
		if !record(t, db, id) {
			t.Fatalf("%s, stamped before the cut, was kept", id)
		}
	}
}
