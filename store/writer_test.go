package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// The replay guard through the real router middleware and the real store.
// A new router is a restart as far as Dedup's memory goes, so the store
// alone must recognise the replay.

var claimNow = time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)

func claimDB(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return claimNow }
	return db
}

// rsvpRouter answers "/rsvp" by storing an answer for municipality
// req.Text, and "/les" by writing nothing.
func rsvpRouter(db *DB, gathering int64) *bot.Router {
	r := bot.NewRouter(nil)
	r.Use(bot.Dedup(db))
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		_, err := db.SetRSVP(ctx, AuthorOf(req), RSVPInput{GatheringID: gathering, Municipality: req.Text, Answer: AnswerYes, Headcount: 2, At: claimNow})
		if err != nil {
			return bot.Reply{}, err
		}
		return bot.Reply{Text: "ok"}, nil
	})})
	r.Add(bot.Route{Name: "les", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "read"}, nil
	})})
	return r
}

func count(t *testing.T, db *DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.r.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func slackReq(cmd, text, ev string) *bot.Request {
	return &bot.Request{Platform: bot.Slack, Command: cmd, Text: text, EventID: ev, User: bot.User{ID: "U1", Name: "Kari"}}
}

func TestReplayAfterRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ctx := context.Background()
	g, err := db.CreateGathering(ctx, Author{Key: "slack:U1", Platform: bot.Slack}, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	r := rsvpRouter(db, g.ID)
	if rep := r.Handle(ctx, slackReq("rsvp", "Bodø", "Ev1")); rep.Error != nil {
		t.Fatal(rep.Text)
	}
	if rep := r.Handle(ctx, slackReq("les", "", "Ev2")); rep.Error != nil {
		t.Fatal(rep.Text)
	}
	// The claim went in with the answer: one row each.
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id IN ('Ev1', 'Ev2')`); n != 2 {
		t.Fatalf("events = %d, want 2", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = claimDB(t, path)
	defer db.Close()
	r = rsvpRouter(db, g.ID) // Dedup's memory is empty, as after a restart
	for _, req := range []*bot.Request{slackReq("rsvp", "Bodø", "Ev1"), slackReq("rsvp", "Fauske", "Ev1"), slackReq("les", "", "Ev2")} {
		if rep := r.Handle(ctx, req); !bot.IsDuplicate(rep) {
			t.Fatalf("replay of %s after a restart answered %+v, want a duplicate", req.EventID, rep)
		}
	}
	if n := count(t, db, `SELECT COUNT(*) FROM rsvp_history`); n != 1 {
		t.Fatalf("history rows = %d, want 1 (the replays wrote nothing)", n)
	}
	// A new event is still served.
	if rep := r.Handle(ctx, slackReq("rsvp", "Fauske", "Ev3")); rep.Error != nil {
		t.Fatal(rep.Text)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM rsvp_history`); n != 2 {
		t.Fatalf("history rows = %d, want 2", n)
	}
}

// A write that fails on our side leaves no event id: the platform's retry
// is processed.
func TestFailedWriteLeavesNoClaim(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	fail := true
	r := bot.NewRouter(nil)
	r.Use(bot.Dedup(db))
	r.Add(bot.Route{Name: "logg", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		err := db.hot(ctx, func(t *wtx) error {
			if _, err := t.ExecContext(ctx, qAnswerInsert, "q", "nb", true, "faq", "e1", 1.0, nil, nil, "slack", ts(claimNow)); err != nil {
				return err
			}
			if fail {
				return bot.Internal(errors.New("disk on fire"))
			}
			return nil
		})
		return bot.Reply{Text: "ok"}, err
	})})
	if rep := r.Handle(ctx, slackReq("logg", "", "Ev9")); rep.Error == nil || rep.Error.Code != bot.EInternal {
		t.Fatalf("first try: %+v, want an internal error", rep)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != 0 {
		t.Fatalf("events = %d after a failed write, want 0", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers`); n != 0 {
		t.Fatalf("answers = %d after a failed write, want 0", n)
	}
	fail = false
	if rep := r.Handle(ctx, slackReq("logg", "", "Ev9")); rep.Error != nil {
		t.Fatalf("the retry: %+v, want it processed", rep)
	}
	if rep := r.Handle(ctx, slackReq("logg", "", "Ev9")); !bot.IsDuplicate(rep) {
		t.Fatalf("second retry: %+v, want a duplicate", rep)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers`); n != 1 {
		t.Fatalf("answers = %d, want 1", n)
	}
}

// The same event arriving many times at once (on as many "restarted"
// routers, so only the store can tell): one write, the rest duplicates;
// other requests in the same transactions are not affected.
func TestConcurrentReplaysWriteOnce(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	g, err := db.CreateGathering(ctx, Author{Key: "slack:U1", Platform: bot.Slack}, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	reps := make([]bot.Reply, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev, kommune := "Ev-same", "Bodø"
			if i%2 == 1 {
				ev, kommune = fmt.Sprintf("Ev-%d", i), []string{"Fauske", "Saltdal", "Rana", "Vefsn"}[i%4]
			}
			reps[i] = rsvpRouter(db, g.ID).Handle(ctx, slackReq("rsvp", kommune, ev))
		}()
	}
	wg.Wait()
	served := 0
	for i, rep := range reps {
		switch {
		case i%2 == 1 && rep.Error != nil:
			t.Fatalf("request %d: %+v", i, rep)
		case i%2 == 0 && rep.Error == nil:
			served++
		case i%2 == 0 && !bot.IsDuplicate(rep):
			t.Fatalf("replay %d: %+v, want a duplicate", i, rep)
		}
	}
	if served != 1 {
		t.Fatalf("the replayed event was served %d times, want once", served)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM rsvp_history WHERE municipality_id = (SELECT id FROM municipalities WHERE name = 'Bodø')`); got != 1 {
		t.Fatalf("Bodø's history rows = %d, want 1", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM rsvp_history`); got != 1+n/2 {
		t.Fatalf("history rows = %d, want %d", got, 1+n/2)
	}
}

// The writer's cache follows changes made by the other writes: a
// gathering cancelled through update (own job) and one changed by another
// connection are seen by the next answer.
func TestWriteCacheFollowsOtherWrites(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	a := Author{Key: "slack:U1", Platform: bot.Slack}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	in := RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: AnswerYes, At: claimNow}
	if _, err := db.SetRSVP(ctx, a, in); err != nil {
		t.Fatal(err)
	}
	// Another connection (the pool's second) closes the deadline.
	if _, err := db.w.ExecContext(ctx, `UPDATE gatherings SET deadline = '2025-01-01' WHERE id = ?`, g.ID); err != nil {
		t.Fatal(err)
	}
	var ce *ClosedError
	if _, err := db.SetRSVP(ctx, a, in); !errors.As(err, &ce) {
		t.Fatalf("after the deadline moved: %v, want closed", err)
	}
	if _, err := db.w.ExecContext(ctx, `UPDATE gatherings SET deadline = NULL WHERE id = ?`, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetRSVP(ctx, a, in); err != nil {
		t.Fatal(err)
	}
	// An own job on the writer's connection.
	if err := db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE gatherings SET cancelled_at = ? WHERE id = ?`, ts(claimNow), g.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetRSVP(ctx, a, in); !errors.As(err, &ce) || ce.Reason != ClosedCancelled {
		t.Fatalf("after cancelling: %v, want cancelled", err)
	}
	// The current answer, deleted by another connection, is not resurrected
	// as "previous" from the cache.
	if _, err := db.w.ExecContext(ctx, `UPDATE gatherings SET cancelled_at = NULL WHERE id = ?`, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.ExecContext(ctx, `DELETE FROM rsvps WHERE gathering_id = ?`, g.ID); err != nil {
		t.Fatal(err)
	}
	res, err := db.SetRSVP(ctx, a, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous != nil {
		t.Fatalf("previous = %+v after the answer was deleted, want none", res.Previous)
	}
}

// The writer's own commits keep its cache: a second answer for the same
// gathering reads nothing it read before.
func TestWriteCacheKeptAcrossOwnCommits(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	a := Author{Key: "slack:U1", Platform: bot.Slack}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range []string{"Bodø", "Fauske", "Bodø"} {
		if _, err := db.SetRSVP(ctx, a, RSVPInput{GatheringID: g.ID, Municipality: m, Answer: AnswerYes, At: claimNow}); err != nil {
			t.Fatal(err)
		}
		// SetRSVP returned after the writer was done with it.
		c := &db.writer().cache
		if _, ok := c.gatherings[g.ID]; !ok || len(c.rsvps) != min(i+1, 2) {
			t.Fatalf("after answer %d the cache holds %d gatherings, %d answers", i+1, len(c.gatherings), len(c.rsvps))
		}
	}
}

// What one answer costs the writer at steady state, alone in its
// transaction: BEGIN, the replay guard's insert, the upsert, the history
// row, COMMIT. (The gathering, the municipality, whether it may answer
// and its current answer come from the cache.)
func TestStatementsPerRSVP(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	a := Author{Key: "slack:U1", Platform: bot.Slack}
	r, err := db.CreateRegion(ctx, a, "Salten", []string{"Bodø", "Fauske", "Saltdal"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø", RegionID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	answer := func(ev string) int {
		w := db.writer()
		before := w.statements
		ctx := bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: ev})
		if _, err := db.SetRSVP(ctx, a, RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: AnswerYes, Headcount: 3, At: claimNow}); err != nil {
			t.Fatal(err)
		}
		return w.statements - before
	}
	if n := answer("Ev1"); n > 9 {
		t.Errorf("first answer: %d statements, want at most 9", n)
	}
	if n := answer("Ev2"); n != 5 {
		t.Errorf("next answer: %d statements, want 5", n)
	}
}

// Migration 060 rebuilds events and rsvps as WITHOUT ROWID tables and
// keeps every row: the tables are put back the way they were before it
// (rowid tables), 060 is run again on reopening, and the rows are there.
func TestMigrationWithoutRowidKeepsRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ctx := context.Background()
	a := Author{Key: "slack:U1", Platform: bot.Slack}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	over := true
	cctx := bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: "Ev1"})
	if _, err := db.SetRSVP(cctx, a, RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: AnswerYes, Headcount: 4, Overnight: &over, OvernightPeople: 2, At: claimNow}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE old_events AS SELECT * FROM events`, `DROP TABLE events`,
		`CREATE TABLE events (platform TEXT NOT NULL, event_id TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (platform, event_id))`,
		`INSERT INTO events SELECT * FROM old_events`, `DROP TABLE old_events`,
		`CREATE TABLE old_rsvps AS SELECT * FROM rsvps`, `DROP TABLE rsvps`,
		`CREATE TABLE rsvps (gathering_id INTEGER NOT NULL REFERENCES gatherings(id), municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
			answer TEXT NOT NULL, headcount INTEGER NOT NULL, overnight INTEGER, answered_by TEXT, answered_name TEXT NOT NULL DEFAULT '',
			platform TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, overnight_people INTEGER, late INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (gathering_id, municipality_id))`,
		`INSERT INTO rsvps SELECT * FROM old_rsvps`, `DROP TABLE old_rsvps`,
		`DELETE FROM schema_migrations WHERE name = 'migrations/060_without_rowid.sql'`,
	} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db = claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('events', 'rsvps') AND sql LIKE '%WITHOUT ROWID'`); n != 2 {
		t.Fatalf("%d of events, rsvps are WITHOUT ROWID, want 2", n)
	}
	at, err := db.Attendance(ctx, g.ID)
	if err != nil || len(at.RSVPs) != 1 || at.RSVPs[0].Headcount != 4 || at.RSVPs[0].Beds() != 2 {
		t.Fatalf("attendance after the migration: %+v, %v", at.RSVPs, err)
	}
	if rep := rsvpRouter(db, g.ID).Handle(ctx, slackReq("rsvp", "Bodø", "Ev1")); !bot.IsDuplicate(rep) {
		t.Fatalf("the event recorded before the migration: %+v, want a duplicate", rep)
	}
}

// An own write (db.update) whose caller gives up while another connection
// holds the write lock is not done later behind its back, and the writer
// goes on with the next one.
func TestUpdateGivenUpWhileLocked(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	bg := context.Background()
	tx, err := db.Writer().BeginTx(bg, nil) // the pool's other connection takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(bg)
	errc := make(chan error, 1)
	go func() {
		errc <- db.update(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(bg, `INSERT INTO events (platform, event_id, created_at) VALUES ('slack', 'given-up', '')`)
			return err
		})
	}()
	time.Sleep(50 * time.Millisecond) // the writer waits for the lock with the job queued
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := db.update(bg, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(bg, `INSERT INTO events (platform, event_id, created_at) VALUES ('slack', 'next', '')`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = 'given-up'`); n != 0 {
		t.Fatalf("the given-up write was done (%d rows)", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = 'next'`); n != 1 {
		t.Fatalf("the next write: %d rows, want 1", n)
	}
}

// A shared transaction runs without savepoints; when one write fails, it
// is done again with a savepoint per write, and only the failing one is
// left out.
func TestSharedTransactionRetriesWithSavepoints(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	w := db.writer()
	job := func(q string, fail bool) *writeJob {
		return &writeJob{ctx: context.Background(), done: make(chan struct{}), hot: func(t *wtx) error {
			if _, err := t.ExecContext(bg, qAnswerInsert, q, "nb", true, "faq", "e", 1.0, nil, nil, "slack", ts(claimNow)); err != nil {
				return err
			}
			if fail {
				return bot.Internal(errors.New("no"))
			}
			return nil
		}}
	}
	// The writer goroutine is idle (nothing submitted yet): run a batch
	// the way it would.
	ok := []*writeJob{job("a", false), job("b", false), job("c", false)}
	before := w.statements
	w.run(ok)
	if n := w.statements - before; n != 5 {
		t.Errorf("three writes that succeed: %d statements, want 5 (BEGIN, 3 inserts, COMMIT)", n)
	}
	mixed := []*writeJob{job("d", false), job("e", true), job("f", false)}
	w.run(mixed)
	for i, j := range append(ok, mixed...) {
		<-j.done
		if (j.err != nil) != (i == 4) {
			t.Fatalf("job %d: err %v", i, j.err)
		}
	}
	got := count(t, db, `SELECT COUNT(*) FROM answers WHERE question IN ('a', 'b', 'c', 'd', 'f')`)
	if bad := count(t, db, `SELECT COUNT(*) FROM answers WHERE question = 'e'`); got != 5 || bad != 0 {
		t.Fatalf("stored %d of the 5 good writes and %d of the failed one", got, bad)
	}
}

// Migration 061 rebuilds rsvps with the answer rule written without an IN
// list and drops rsvp_history(answered_by): the table is put back the way
// 060 left it, 061 runs again on reopening, and the rows and the rule are
// still there.
func TestMigration061KeepsRowsAndRule(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ctx := context.Background()
	a := Author{Key: "slack:U1", Platform: bot.Slack}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	over := true
	if _, err := db.SetRSVP(ctx, a, RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: AnswerMaybe, Headcount: 4, Overnight: &over, OvernightPeople: 2, At: claimNow}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE old_rsvps AS SELECT * FROM rsvps`, `DROP TABLE rsvps`,
		`CREATE TABLE rsvps (gathering_id INTEGER NOT NULL REFERENCES gatherings(id), municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
			answer TEXT NOT NULL CHECK (answer IN ('ja', 'nei', 'kanskje')), headcount INTEGER NOT NULL CHECK (headcount BETWEEN 0 AND 50),
			overnight INTEGER CHECK (overnight IN (0, 1)), answered_by TEXT, answered_name TEXT NOT NULL DEFAULT '',
			platform TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
			overnight_people INTEGER CHECK (overnight_people BETWEEN 0 AND 50), late INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (gathering_id, municipality_id)) WITHOUT ROWID`,
		`INSERT INTO rsvps SELECT * FROM old_rsvps`, `DROP TABLE old_rsvps`,
		`CREATE INDEX rsvp_history_by ON rsvp_history(answered_by)`,
		`DELETE FROM schema_migrations WHERE name = 'migrations/061_rsvp_write_path.sql'`,
	} {
		if _, err := db.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db = claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_schema WHERE name = 'rsvps' AND sql LIKE '%WITHOUT ROWID' AND sql NOT LIKE '%answer IN%'`); n != 1 {
		t.Fatal("rsvps is not the table 061 makes")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_schema WHERE name = 'rsvp_history_by'`); n != 0 {
		t.Fatal("rsvp_history_by is still there")
	}
	at, err := db.Attendance(ctx, g.ID)
	if err != nil || len(at.RSVPs) != 1 || at.RSVPs[0].Answer != AnswerMaybe || at.RSVPs[0].Headcount != 4 || at.RSVPs[0].Beds() != 2 {
		t.Fatalf("attendance after the migration: %+v, %v", at.RSVPs, err)
	}
	for _, answer := range []string{"ja", "nei", "kanskje", "JA", "jo", ""} {
		_, err := db.w.ExecContext(ctx, `UPDATE rsvps SET answer = ? WHERE gathering_id = ?`, answer, g.ID)
		if ok := answer == "ja" || answer == "nei" || answer == "kanskje"; ok != (err == nil) {
			t.Errorf("answer %q: %v", answer, err)
		}
	}
}

// The answer path runs on the driver connection's SQLite handle
// (rawstmt.go), and gives the same results and the same typed errors as
// through database/sql, the path taken when the handle cannot be read.
func TestWriterUsesSQLiteHandle(t *testing.T) {
	for _, raw := range []bool{true, false} {
		t.Run(fmt.Sprintf("raw=%v", raw), func(t *testing.T) {
			db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
			defer db.Close()
			ctx := context.Background()
			a := Author{Key: "slack:U1", Name: "Kari", Platform: bot.Slack}
			g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø"})
			if err != nil {
				t.Fatal(err)
			}
			var had bool
			if err := db.hot(ctx, func(t *wtx) error { had, t.w.noRaw = t.w.raw != nil, !raw; return nil }); err != nil {
				t.Fatal(err)
			}
			if !had {
				t.Fatal("the writer has no SQLite handle: modernc.org/sqlite's connection is not laid out as rawOf expects")
			}
			over := true
			for i, in := range []RSVPInput{
				{Answer: AnswerYes, Headcount: 4, Overnight: &over, OvernightPeople: 2},
				{Answer: AnswerYes, Headcount: 4, Overnight: &over, OvernightPeople: 2}, // unchanged
				{Answer: AnswerNo},
			} {
				in.GatheringID, in.Municipality, in.At = g.ID, "Bodø", claimNow
				cctx := bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: fmt.Sprintf("Ev%d", i)})
				res, err := db.SetRSVP(cctx, a, in)
				if err != nil {
					t.Fatal(err)
				}
				if res.RSVP.Answer != in.Answer || res.Unchanged != (i == 1) || res.RSVP.AnsweredBy != "slack:U1" {
					t.Fatalf("answer %d: %+v", i, res)
				}
			}
			// A replayed event is refused by the guard's insert.
			if _, err := db.SetRSVP(bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: "Ev0"}), a,
				RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: AnswerYes, At: claimNow}); !errors.Is(err, bot.ErrDuplicate) {
				t.Fatalf("replay: %v", err)
			}
			// The table's rule refuses 60 people: a typed constraint error.
			_, err = db.SetRSVP(ctx, a, RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: AnswerYes, Headcount: 60, At: claimNow})
			var ce *ConstraintError
			if !errors.As(err, &ce) || ce.Duplicate {
				t.Fatalf("60 people: %v, want a constraint error", err)
			}
			hist, err := db.RSVPHistory(ctx, g.ID, 0)
			if err != nil || len(hist) != 3 || hist[2].Answer != AnswerNo || hist[0].Overnight == nil || !*hist[0].Overnight || hist[0].AnsweredBy != "slack:U1" {
				t.Fatalf("history: %+v, %v", hist, err)
			}
			at, err := db.Attendance(ctx, g.ID)
			if err != nil || len(at.RSVPs) != 1 || at.RSVPs[0].Answer != AnswerNo || at.RSVPs[0].Overnight != nil {
				t.Fatalf("attendance: %+v, %v", at.RSVPs, err)
			}
			id, err := db.LogAnswer(ctx, AnswerLog{Question: "når er samlingen?", Lang: "nb", Answered: true, Score: 1.5, Answer: "svar", Author: a})
			if err != nil || id == 0 {
				t.Fatalf("LogAnswer: %d, %v", id, err)
			}
			if got, err := db.Answer(ctx, id); err != nil || got.Question != "når er samlingen?" || got.Score != 1.5 || !got.Answered || got.Author.Key != "slack:U1" {
				t.Fatalf("logged answer: %+v, %v", got, err)
			}
		})
	}
}

// A question the FAQ could not answer is logged and handed to the working
// group in one write (LogUnsure): when adding the question fails, the log
// row and the request's event id are not kept either, so the retry of the
// same event is served and the question is added then.
func TestLogUnsureAllOrNothing(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	a := Author{Key: "slack:U1", Name: "Kari", Platform: bot.Slack}
	logged := AnswerLog{Question: "hvem betaler reisen?", Lang: "nb", Path: "unsure", Author: a}
	q := Question{Question: "hvem betaler reisen?", Lang: "nb", Asker: a, Channel: "C1"}
	if _, err := db.w.ExecContext(ctx, `CREATE TRIGGER no_questions BEFORE INSERT ON questions BEGIN SELECT RAISE(ABORT, 'no questions today'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogUnsure(bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: "Ev1"}), logged, q); err == nil {
		t.Fatal("LogUnsure with the question refused: no error")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers`) + count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = 'Ev1'`); n != 0 {
		t.Fatalf("after the failed write: %d answer log rows and event ids kept, want 0", n)
	}
	if _, err := db.w.ExecContext(ctx, `DROP TRIGGER no_questions`); err != nil {
		t.Fatal(err)
	}
	id, err := db.LogUnsure(bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: "Ev1"}), logged, q)
	if err != nil || id == 0 {
		t.Fatalf("the retry: %d, %v", id, err)
	}
	if got, err := db.Question(ctx, id); err != nil || got.Question != q.Question || got.Asker.Key != "slack:U1" {
		t.Fatalf("question %d: %+v, %v", id, got, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM answers WHERE question = ? AND answered = 0`, q.Question); n != 1 {
		t.Fatalf("%d answer log rows, want 1", n)
	}
	if _, err := db.LogUnsure(bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: "Ev1"}), logged, q); !errors.Is(err, bot.ErrDuplicate) {
		t.Fatalf("a replay after it was stored: %v, want a duplicate", err)
	}
}

// The writer wakes the checkpointer every checkpointPages pages it wrote
// to the WAL (every checkpointEvery commits when it cannot count them),
// and a new connection's count starting again at 0 does not silence it.
func TestCheckpointEveryPages(t *testing.T) {
	w := &writer{ckpt: make(chan struct{}, 1)}
	woken := func() bool {
		select {
		case <-w.ckpt:
			return true
		default:
			return false
		}
	}
	for _, step := range []struct {
		pages int64
		want  bool
	}{
		{5, false}, {checkpointPages - 1, false}, {checkpointPages, true}, {checkpointPages + 10, false},
		{2*checkpointPages - 1, false}, {2 * checkpointPages, true},
		{3, false}, {checkpointPages + 2, false}, {checkpointPages + 3, true}, // reconnected
	} {
		if w.committed(step.pages); woken() != step.want {
			t.Errorf("at %d pages: woken %v, want %v", step.pages, !step.want, step.want)
		}
	}
	n := 0
	for range 3 * checkpointEvery {
		if w.committed(-1); woken() {
			n++
		}
	}
	if n != 3 {
		t.Errorf("without a page count: %d checkpoints in %d commits, want 3", n, 3*checkpointEvery)
	}
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	if err := db.hot(context.Background(), func(t *wtx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	var pages int64
	if err := db.hot(context.Background(), func(t *wtx) error { pages = t.w.walPages(); return nil }); err != nil || pages <= 0 {
		t.Fatalf("the writer's WAL page count: %d, %v", pages, err)
	}
}

// The checkpointer's tick checkpoints what the page count has not reached
// once the writer has gone quiet, or after checkpointMaxAge of commits
// that never stop; a busy writer's WAL is left to the page count.
func TestTickCheckpoint(t *testing.T) {
	pending := false
	for i, step := range []struct {
		commits int64
		since   time.Duration
		due     bool
	}{
		{0, time.Second, false},          // nothing written
		{40, time.Second, false},         // busy: the page count decides
		{90, 2 * time.Second, false},     // still busy
		{0, 3 * time.Second, true},       // quiet after commits: checkpoint
		{0, time.Second, false},          // nothing new since
		{3, time.Second, false},          // a trickle
		{2, checkpointMaxAge, true},      // that never stops: by age
		{0, time.Second, false},          // nothing since that checkpoint
		{5, checkpointMaxAge - 1, false}, // busy again, not yet old
		{0, checkpointMaxAge + time.Second, true},
	} {
		var due bool
		due, pending = tickCheckpoint(step.commits, pending, step.since)
		if due {
			pending = false // as the checkpointer does after checkpointing
		}
		if due != step.due {
			t.Errorf("tick %d (%d commits, %v since the last): due %v, want %v", i, step.commits, step.since, due, step.due)
		}
	}
}

// A background checkpoint runs inside the function WithCheckpointAround
// gives, once per checkpoint.
func TestCheckpointAround(t *testing.T) {
	var calls atomic.Int32 // the background checkpointer may call it too
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(context.Background(), path, WithCheckpointAround(func(run func()) {
		calls.Add(1)
		run()
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.WriteProbe(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := db.hot(context.Background(), func(t *wtx) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	before := calls.Load()
	db.wr.checkpoint()
	if n := calls.Load() - before; n < 1 {
		t.Fatalf("the around function ran %d times for a checkpoint", n)
	}
}

// qAnswerInsert is an answer-log insert without an id, for the writer's
// tests that need some hot write (the bot takes ids from answerLog).
const qAnswerInsert = `INSERT INTO answers (question, lang, answered, path, entry_id, score, text_id, asked_by, platform, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// A WAL that checkpoints beside the writer never got to start over is
// started over after the writer's own pass (resetWAL), before the safety
// net would: the frames after it count from the start of the file.
func TestResetWAL(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	write := func(from, n int) {
		t.Helper()
		for i := from; i < from+n; i++ {
			if err := db.hot(ctx, func(t *wtx) error {
				_, _, err := t.hotExec(qClaim, aText("test"), aText(fmt.Sprintf("e%06d", i)), aText("2025-02-06T10:00:00Z"))
				return err
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	walFrames := func() int64 {
		t.Helper()
		var busy, frames, done int64
		if err := db.w.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &done); err != nil {
			t.Fatal(err)
		}
		return frames
	}
	// No checkpoint runs between these commits (the background
	// checkpointer waits for 4,096 pages or a quiet second), as under
	// load, when a commit lands while each checkpoint syncs.
	write(0, 100)
	before := int64(100)
	db.wr.resetWanted.Store(true)
	db.wr.signal()
	write(120, 1) // the pass runs in the writer's turn, before or after this
	write(121, 3)
	if n := walFrames(); n >= before {
		t.Fatalf("after the writer's pass the WAL holds %d frames (%d before it); want it started over", n, before)
	}
}
