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
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// holdWriter makes the writer wait inside a transaction of its own until
// release is closed; it returns when the writer is holding.
func holdWriter(t *testing.T, db *DB, release chan struct{}) {
	t.Helper()
	holding := make(chan struct{})
	go db.hot(context.Background(), func(*wtx) error {
		close(holding)
		<-release
		return nil
	})
	<-holding
}

func faqClaim(ev string) context.Context {
	return bot.WithClaim(context.Background(), &bot.Claim{Platform: "slack", ID: ev})
}

// TestAnswerLogBehindTheAnswer: ids come back at once and in order, the
// rows are written by the writer (not in the call), and Close writes
// every row handed in before it.
func TestAnswerLogBehindTheAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	ctx := context.Background()
	// One row the old way: the sequence starts after it.
	first, err := db.LogAnswer(ctx, AnswerLog{Question: "før", Lang: "nb", Answered: true, Path: "faq", Author: Author{Key: "slack:U1", Platform: bot.Slack}})
	if err != nil || first != 1 {
		t.Fatalf("LogAnswer: %d, %v", first, err)
	}
	release := make(chan struct{})
	holdWriter(t, db, release)
	const n = 300
	ids := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := db.LogAnswerLater(faqClaim(fmt.Sprintf("sig:1:%d", i)), AnswerLog{Question: fmt.Sprintf("q%d", i), Lang: "nb", Answered: i%2 == 0, Path: "faq", Author: Author{Key: "slack:U2", Platform: bot.Slack}})
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		}()
	}
	wg.Wait() // all answered while the writer is held: none waited for it
	if got := count(t, db, `SELECT COUNT(*) FROM answers`); got != 1 {
		t.Fatalf("%d rows while the writer was held, want 1 (the rows are written behind)", got)
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if id <= first || id > first+n || seen[id] {
			t.Fatalf("ids %v: want %d distinct ids after %d", ids, n, first)
		}
		seen[id] = true
	}
	close(release)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = claimDB(t, path)
	defer db.Close()
	if got := count(t, db, `SELECT COUNT(*) FROM answers`); got != n+1 {
		t.Fatalf("after Close: %d rows, want %d", got, n+1)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id LIKE 'sig:1:%'`); got != n {
		t.Fatalf("after Close: %d guard ids, want %d", got, n)
	}
	for i, id := range ids {
		a, err := db.Answer(ctx, id)
		if err != nil || a.Question != fmt.Sprintf("q%d", i) || a.Answered != (i%2 == 0) || a.Author.Key != "slack:U2" {
			t.Fatalf("answer %d: %+v, %v", id, a, err)
		}
	}
	// The sequence goes on after a restart.
	id, err := db.LogAnswer(ctx, AnswerLog{Question: "etter", Lang: "nb", Path: "faq"})
	if err != nil || id != first+n+1 {
		t.Fatalf("after restart: id %d, %v; want %d", id, err, first+n+1)
	}
	// A vote on an id that was never written is "not found", not an error.
	var nf *NotFoundError
	if _, err := db.Vote(ctx, id+1000, true, Author{Key: "slack:U3", Platform: bot.Slack}); !errors.As(err, &nf) || nf.What != WhatAnswer {
		t.Fatalf("vote on an unknown answer: %v", err)
	}
}

// TestAnswerLogReplay: a replay is refused while its first is still
// waiting for the writer (checked in memory) and after it was written
// (the events table); it is logged once.
func TestAnswerLogReplay(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	release := make(chan struct{})
	holdWriter(t, db, release)
	a := AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq"}
	c1 := &bot.Claim{Platform: "slack", ID: "sig:1:a"}
	if _, err := db.LogAnswerLater(bot.WithClaim(context.Background(), c1), a); err != nil || c1.State() != bot.ClaimRecorded {
		t.Fatalf("first: %v, claim %v", err, c1.State())
	}
	c2 := &bot.Claim{Platform: "slack", ID: "sig:1:a"}
	if _, err := db.LogAnswerLater(bot.WithClaim(context.Background(), c2), a); !errors.Is(err, bot.ErrDuplicate) || c2.State() != bot.ClaimDuplicate {
		t.Fatalf("replay while pending: %v, claim %v", err, c2.State())
	}
	close(release)
	if err := db.AnswersWritten(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogAnswerLater(faqClaim("sig:1:a"), a); !errors.Is(err, bot.ErrDuplicate) {
		t.Fatalf("replay after it was written: %v", err)
	}
	if db.seenRaw == nil {
		t.Fatal("the events read does not go through SQLite's handle (rawstmt.go): the driver changed?")
	}
	// Another request is not a replay.
	if _, err := db.LogAnswerLater(faqClaim("sig:1:b"), a); err != nil {
		t.Fatal(err)
	}
	db.AnswersWritten(context.Background())
	if got := count(t, db, `SELECT COUNT(*) FROM answers`); got != 2 {
		t.Fatalf("%d rows, want 2 (the replays not logged)", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM events`); got != 2 {
		t.Fatalf("%d guard ids, want 2", got)
	}
}

// TestAnswerLogReplayThroughDedup: the router's replay guard with the
// log behind the answer: the first request is answered, its replay (a
// restart in between, so Dedup's memory does not know it) is refused.
func TestAnswerLogReplayThroughDedup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := claimDB(t, path)
	router := func() *bot.Router {
		r := bot.NewRouter(nil)
		r.Use(bot.Dedup(db))
		r.Add(bot.Route{Name: "faq", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
			id, err := db.LogAnswerLater(ctx, AnswerLog{Question: req.Text, Lang: "nb", Answered: true, Path: "faq", Author: AuthorOf(req)})
			if err != nil {
				return bot.Reply{Text: "svar"}, nil // answered without buttons, as handlers/faq.go does
			}
			return bot.Reply{Text: fmt.Sprintf("svar %d", id)}, nil
		})})
		return r
	}
	rep := router().Handle(context.Background(), slackReq("faq", "frist?", "sig:1:x"))
	if rep.Error != nil || rep.Text != "svar 1" {
		t.Fatalf("first: %+v", rep)
	}
	rep = router().Handle(context.Background(), slackReq("faq", "frist?", "sig:1:x"))
	if rep.Error == nil || bot.ErrorCode(rep.Error) != bot.EConflict {
		t.Fatalf("replay: %+v, want a duplicate", rep)
	}
	db.Close()
	db = claimDB(t, path)
	defer db.Close()
	if got := count(t, db, `SELECT COUNT(*) FROM answers`); got != 1 {
		t.Fatalf("%d rows, want 1", got)
	}
}

// TestAnswerLogCrash: a process that dies without Close loses at most
// the rows not yet committed — here a batch whose transaction was in
// progress — and nothing else; no row is half there.
func TestAnswerLogCrash(t *testing.T) {
	if dir := os.Getenv("KB_ANSWERLOG_CRASH"); dir != "" {
		crashHelper(t, filepath.Join(dir, "k.db"))
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnswerLogCrash$")
	cmd.Env = append(os.Environ(), "KB_ANSWERLOG_CRASH="+dir)
	out, err := cmd.CombinedOutput()
	if ee := (*exec.ExitError)(nil); !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	db := claimDB(t, filepath.Join(dir, "k.db"))
	defer db.Close()
	if got := count(t, db, `SELECT COUNT(*) FROM answers`); got != 100 {
		t.Fatalf("%d rows after the crash, want the 100 committed", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM events`); got != 100 {
		t.Fatalf("%d guard ids after the crash, want 100", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM answers a JOIN answer_texts t ON t.id = a.text_id WHERE question = 'q' || (a.id - 1) AND lang = 'nb' AND answered = 1 AND path = 'faq'
		AND t.text = IIF((a.id - 1) % 10 = 0, 'svar ' || (a.id - 1), 'svar') AND platform = 'slack'`); got != 100 {
		t.Fatalf("%d whole rows, want 100", got)
	}
	// The lost batch's new texts went with it: every text is one a row names.
	if got := count(t, db, `SELECT COUNT(*) FROM answer_texts`); got != 11 {
		t.Fatalf("%d answer texts after the crash, want the 11 the committed rows name", got)
	}
	if r := db.r.QueryRow(`PRAGMA integrity_check`); r != nil {
		var s string
		if err := r.Scan(&s); err != nil || s != "ok" {
			t.Fatalf("integrity: %q, %v", s, err)
		}
	}
}

func crashHelper(t *testing.T, path string) {
	db := claimDB(t, path)
	log := func(i int) {
		// Texts new to the file too (stored once, answertext.go): in the
		// committed batch every tenth row's, in the lost one every row's.
		text := "svar"
		if i%10 == 0 {
			text = fmt.Sprintf("svar %d", i)
		}
		if i >= 100 {
			text = fmt.Sprintf("nytt svar %d", i)
		}
		if _, err := db.LogAnswerLater(faqClaim(fmt.Sprintf("sig:1:%d", i)), AnswerLog{Question: fmt.Sprintf("q%d", i), Lang: "nb", Answered: true, Path: "faq", Answer: text, Author: Author{Platform: bot.Slack}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 100 {
		log(i)
	}
	if err := db.AnswersWritten(context.Background()); err != nil {
		t.Fatal(err)
	}
	// 50 more: the writer takes them into a transaction that another
	// write then keeps open, and the process dies inside it.
	release := make(chan struct{})
	holdWriter(t, db, release)
	for i := 100; i < 150; i++ {
		log(i)
	}
	inside := make(chan struct{})
	go db.hot(context.Background(), func(*wtx) error {
		close(inside)
		select {}
	})
	db.writer().mu.Lock()
	for len(db.writer().queue) < 2 { // the batch and the blocker, one transaction
		db.writer().mu.Unlock()
		db.writer().mu.Lock()
	}
	db.writer().mu.Unlock()
	close(release)
	<-inside
	os.Exit(3)
}

// TestAnswerLogBeforeLaterWrites: a batch waiting for its delay goes to
// the writer ahead of any later write, so a vote right after the answer
// finds it, and the rows share that write's commit.
func TestAnswerLogBeforeLaterWrites(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	id, err := db.LogAnswerLater(faqClaim("sig:1:v"), AnswerLog{Question: "frist?", Lang: "nb", Answered: true, Path: "faq", EntryID: "frist"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.Vote(ctx, id, true, Author{Key: "slack:U3", Platform: bot.Slack})
	if err != nil || v.EntryID != "frist" {
		t.Fatalf("vote right after the answer: %+v, %v", v, err)
	}
}

// TestAnswerLogRecordedBeforeItsBatch: a row whose guard id was recorded
// before its batch ran (here by a write that committed while the batch
// waited) is the one left out, whatever its place in the batch; the
// others are logged in id order. For signed ids (the guard's ring) and
// ids of other forms (events).
func TestAnswerLogRecordedBeforeItsBatch(t *testing.T) {
	for _, form := range []func(string) string{
		func(sig string) string { return "sig:5:" + sig },
		func(sig string) string { return stampedID(1_780_000_005, sig) },
	} {
		db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
		db.AnswersWritten(context.Background()) // the writer's first claim is not inside the hold below
		release := make(chan struct{})
		holding := make(chan struct{})
		go db.hot(context.Background(), func(t *wtx) error {
			for _, ev := range []string{"d", "b"} {
				t.w.claimID(guardExec{w: t.w}, "slack", form(ev), ts(claimNow))
			}
			close(holding)
			<-release
			return nil
		})
		<-holding
		var ids []int64
		for _, ev := range []string{"f", "a", "d", "b", "e", "c"} {
			id, err := db.LogAnswerLater(faqClaim(form(ev)), AnswerLog{Question: ev, Lang: "nb", Answered: true, Path: "faq"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		close(release)
		if err := db.AnswersWritten(context.Background()); err != nil {
			t.Fatal(err)
		}
		rows, err := db.r.Query(`SELECT id, question FROM answers ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var id int64
			var q string
			rows.Scan(&id, &q)
			got = append(got, fmt.Sprintf("%d:%s", id, q))
		}
		rows.Close()
		want := []string{fmt.Sprintf("%d:f", ids[0]), fmt.Sprintf("%d:a", ids[1]), fmt.Sprintf("%d:e", ids[4]), fmt.Sprintf("%d:c", ids[5])}
		if !slices.Equal(got, want) {
			t.Errorf("%s: logged %v, want %v (d and b were recorded before their batch)", form("x"), got, want)
		}
		if n := recorded(t, db, `event_id LIKE ?`, form("%")); n != 6 {
			t.Errorf("%s: %d guard ids, want 6", form("x"), n)
		}
		db.Close()
	}
}
