package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

func (db *DB) reads() int {
	db.seenMu.Lock()
	defer db.seenMu.Unlock()
	return db.seenReads
}

// stampedID is a signed request's guard id stamped at unix second sec.
func stampedID(sec int64, sig string) string {
	return bot.SignedEventID(strconv.FormatInt(sec, 10), "v0="+sig)
}

// TestRecentClaimsSkipsTheRead: a question whose signed stamp is later
// than anything recorded before is logged without the events-table read;
// its replay is still refused — while pending, after it was written,
// after a restart — and logged once.
func TestRecentClaimsSkipsTheRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ctx := context.Background()
	a := AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq"}
	const t0 = 1_780_000_000
	release := make(chan struct{})
	holdWriter(t, db, release)
	for i := range 10 {
		if _, err := db.LogAnswerLater(faqClaim(stampedID(t0+int64(i), fmt.Sprint(i))), a); err != nil {
			t.Fatal(err)
		}
	}
	if n := db.reads(); n != 0 {
		t.Fatalf("%d events-table reads for 10 new questions, want 0", n)
	}
	// While pending: refused (the fingerprint matches, the batch has it).
	if _, err := db.LogAnswerLater(faqClaim(stampedID(t0+3, "3")), a); !errors.Is(err, bot.ErrDuplicate) {
		t.Fatalf("replay while pending: %v", err)
	}
	close(release)
	if err := db.AnswersWritten(ctx); err != nil {
		t.Fatal(err)
	}
	// Written: refused (the fingerprint matches, the table has it).
	if _, err := db.LogAnswerLater(faqClaim(stampedID(t0+4, "4")), a); !errors.Is(err, bot.ErrDuplicate) {
		t.Fatalf("replay after it was written: %v", err)
	}
	// An id another write recorded (Record: a request that wrote
	// nothing) is refused too.
	rec := &bot.Claim{Platform: "slack", ID: stampedID(t0+20, "rec")}
	if first, err := db.Record(ctx, rec); err != nil || !first {
		t.Fatalf("Record: %v %v", first, err)
	}
	if _, err := db.LogAnswerLater(faqClaim(rec.ID), a); !errors.Is(err, bot.ErrDuplicate) {
		t.Fatalf("replay of a recorded id: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// A restart: the ids recorded before are stamped at or before the
	// highest in the file, so they are read, and refused.
	db = claimDB(t, path)
	defer db.Close()
	for _, id := range []string{stampedID(t0, "0"), stampedID(t0+9, "9"), rec.ID} {
		if _, err := db.LogAnswerLater(faqClaim(id), a); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay of %s after a restart: %v", id, err)
		}
	}
	before := db.reads()
	if before != 3 {
		t.Fatalf("%d reads after a restart, want 3", before)
	}
	// Stamped later than anything in the file: new, without a read.
	if _, err := db.LogAnswerLater(faqClaim(stampedID(t0+21, "new")), a); err != nil {
		t.Fatal(err)
	}
	// Not stamped (another form of id): read.
	if _, err := db.LogAnswerLater(faqClaim("Ev123"), a); err != nil {
		t.Fatal(err)
	}
	if n := db.reads() - before; n != 1 {
		t.Fatalf("%d reads for a new stamped id and an unstamped one, want 1", n)
	}
	db.AnswersWritten(ctx)
	if got := count(t, db, `SELECT COUNT(*) FROM answers`); got != 12 {
		t.Fatalf("%d rows, want 12 (no replay logged)", got)
	}
}

// TestRecentClaimsForget: past its size the set forgets its oldest
// fingerprints; an id stamped at or before the forgotten ones is read
// again, so its replay is still refused.
func TestRecentClaimsForget(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	a := AnswerLog{Question: "q", Lang: "nb", Answered: true, Path: "faq"}
	const t0 = 1_780_000_000
	if _, err := db.LogAnswerLater(faqClaim(stampedID(t0, "first")), a); err != nil {
		t.Fatal(err)
	}
	// Two tables' worth of other ids (noted directly: the writer's rows
	// are not the point here), stamped later.
	for i := range 2*claimFill + 1 {
		db.claims.note(db, "slack", stampedID(t0+1+int64(i/1000), fmt.Sprint(i)))
	}
	if db.claims.dropped < t0 {
		t.Fatalf("dropped %d: the first table was not forgotten", db.claims.dropped)
	}
	db.AnswersWritten(context.Background())
	mergeGuard(t, db) // in events, not pending (the pending ids are found in memory)
	before := db.reads()
	if _, err := db.LogAnswerLater(faqClaim(stampedID(t0, "first")), a); !errors.Is(err, bot.ErrDuplicate) {
		t.Fatalf("replay of a forgotten id: %v", err)
	}
	if db.reads() != before+1 {
		t.Fatal("a forgotten id was not read")
	}
}

// TestHighOf: the highest ten-digit stamp is found among ids of other
// forms that sort above it; too many of those and every id is read.
func TestHighOf(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	for _, id := range []string{"sig:1780000000:v0=a", "sig:1780000005:v0=b", "sig:1700000000:v0=c",
		"sig:9:v0=d", "sig:99999999999:v0=e", "sig:2:x", "Ev1"} {
		if ok, err := db.FirstSeen(ctx, "slack", id); err != nil || !ok {
			t.Fatal(id, ok, err)
		}
	}
	mergeGuard(t, db) // highOf reads events (Open merges what is pending)
	if got, err := highOf(db, "slack"); err != nil || got != 1780000005 {
		t.Fatalf("highOf = %d, %v; want 1780000005", got, err)
	}
	if got, err := highOf(db, "discord"); err != nil || got != 0 {
		t.Fatalf("highOf(discord) = %d, %v; want 0", got, err)
	}
	for i := range highScan {
		if _, err := db.FirstSeen(ctx, "slack", fmt.Sprintf("sig:9%02d:x", i)); err != nil {
			t.Fatal(err)
		}
	}
	mergeGuard(t, db)
	if got, err := highOf(db, "slack"); err != nil || got != 1<<63-1 {
		t.Fatalf("highOf past %d other ids = %d, %v; want everything", highScan, got, err)
	}
}
