package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
)

func TestPurgeQuestions(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	now := time.Date(2025, 9, 1, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	at := func(d time.Duration) string { return now.Add(-d).Format("2006-01-02T15:04:05.000000Z") }
	day := 24 * time.Hour
	w := db.Writer()
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := w.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	q := `INSERT INTO questions (question, lang, asked_by, asked_name, channel, thread, platform, created_at, answered_at) VALUES (?, 'nb', 'slack:U1', 'Kari', 'D1', '17.1', 'slack', ?, ?)`
	mustExec(q, "old open", at(200*day), nil)
	mustExec(q, "old answered", at(200*day), at(150*day))
	mustExec(q, "new open", at(10*day), nil)
	a := `INSERT INTO answers (question, lang, answered, asked_by, platform, created_at) VALUES (?, 'nb', 1, 'slack:U1', 'slack', ?)`
	mustExec(a, "old", at(200*day))
	mustExec(a, "new", at(1*day))
	e := `INSERT INTO events (platform, event_id, created_at) VALUES ('slack', ?, ?)`
	mustExec(e, "Ev-old", at(8*day))
	mustExec(e, "Ev-new", at(time.Hour))

	p, err := db.PurgeQuestions(ctx, 180*day)
	if err != nil {
		t.Fatal(err)
	}
	if p != (store.Purged{Questions: 1, Anonymous: 1, Answers: 1, Events: 1}) {
		t.Fatalf("purged %+v", p)
	}
	rows, err := db.Reader().QueryContext(ctx, `SELECT question FROM questions ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		left = append(left, s)
	}
	rows.Close()
	if len(left) != 2 || left[0] != "old answered" || left[1] != "new open" {
		t.Fatalf("questions left: %v", left)
	}
	// The answered question stays, but no longer says who asked or where.
	var by, name, ch, th any
	db.Reader().QueryRowContext(ctx, `SELECT asked_by, asked_name, channel, thread FROM questions WHERE question = 'old answered'`).Scan(&by, &name, &ch, &th)
	if by != nil || name != "" || ch != "" || th != "" {
		t.Fatalf("answered question keeps its asker: %v %v %v %v", by, name, ch, th)
	}
	var anon int
	db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM answers WHERE asked_by IS NULL`).Scan(&anon)
	if anon != 1 {
		t.Fatalf("anonymised answers %d, want 1", anon)
	}
	// The forgotten event is new again; the recent one is still known.
	if first, _ := db.FirstSeen(ctx, "slack", "Ev-old"); !first {
		t.Fatal("old event not purged")
	}
	if first, _ := db.FirstSeen(ctx, "slack", "Ev-new"); first {
		t.Fatal("recent event purged")
	}
	// Running again removes nothing more; 0 keeps questions forever.
	if p, err := db.PurgeQuestions(ctx, 0); err != nil || p.Questions != 0 || p.Answers != 0 {
		t.Fatalf("second pass %+v %v", p, err)
	}
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	if _, err := db.FirstSeen(ctx, "slack", "Ev1"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("backup file: %v", err)
	}
	cp, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if first, _ := cp.FirstSeen(ctx, "slack", "Ev1"); first {
		t.Fatal("backup lacks the event written before it")
	}
}
