package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
)

// TestForgetUserBlanksWhereAndHow: slett-meg empties not only the keys and
// names but where the person asked (channel, thread) and how to reach them
// (contact, comment in their own registrations); someone else's
// registration they only withdrew keeps its contact. With secure_delete
// the old values are gone from the file too.
func TestForgetUserBlanksWhereAndHow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	w := db.Writer()
	for _, q := range []string{
		`INSERT INTO questions (question, lang, asked_by, asked_name, platform, channel, thread, created_at, answered_at) VALUES ('Kan vi?', 'nb', 'slack:U1', 'Kari Hemmelig', 'slack', 'D0SECRETDM', '1700000000.1', '2099-01-01T10:00:00.000000Z', '2099-01-02T10:00:00.000000Z')`,
		`INSERT INTO interests (county, contact, comment, created_by, created_name, platform, created_at, updated_at) VALUES ('Nordland', 'kari.hemmelig@example.no 99887766', 'ring meg på kveldstid', 'slack:U1', 'Kari Hemmelig', 'slack', '2025-01-01T10:00:00.000000Z', '2025-01-01T10:00:00.000000Z')`,
		`INSERT INTO interests (county, contact, comment, withdrawn_by, created_by, created_name, platform, created_at, updated_at) VALUES ('Troms', 'ola@example.no', 'fra Ola', 'slack:U1', 'slack:U2', 'Ola', 'slack', '2025-01-01T10:00:00.000000Z', '2025-01-01T10:00:00.000000Z')`,
		`INSERT INTO questions (question, lang, asked_by, platform, created_at) VALUES ('Gammelt spørsmål fra Per Purgesen', 'nb', 'slack:U3', 'slack', '2020-01-01T10:00:00.000000Z')`,
		`INSERT INTO municipalities (name, fold, platform, created_at) VALUES ('Bodø', 'bodo-test', 'slack', '2025-01-01T10:00:00.000000Z')`,
		`INSERT INTO mentoring (municipality_id, date, minutes, topic, note, created_by, created_name, platform, created_at) VALUES ((SELECT id FROM municipalities WHERE fold = 'bodo-test'), '2025-01-02', 60, 'Oppstart', 'god samtale', 'slack:U1', 'Kari Hemmelig', 'slack', '2025-01-02T10:00:00.000000Z')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.ForgetUser(ctx, "slack:U1"); err != nil {
		t.Fatal(err)
	}
	// Retention deletes the old unanswered question: a deleted row is what
	// SQLite would otherwise leave readable in a free block.
	if p, err := db.PurgeQuestions(ctx, 24*time.Hour); err != nil || p.Questions != 1 {
		t.Fatalf("purge %+v %v", p, err)
	}
	r := db.Reader()
	var by, name, ch, th any
	r.QueryRowContext(ctx, `SELECT asked_by, asked_name, channel, thread FROM questions`).Scan(&by, &name, &ch, &th)
	if by != nil || name != "" || ch != "" || th != "" {
		t.Errorf("question keeps %v %v %v %v", by, name, ch, th)
	}
	var contact, comment string
	r.QueryRowContext(ctx, `SELECT contact, comment FROM interests WHERE county = 'Nordland'`).Scan(&contact, &comment)
	if contact != "" || comment != "" {
		t.Errorf("own interest keeps contact %q comment %q", contact, comment)
	}
	r.QueryRowContext(ctx, `SELECT contact, comment FROM interests WHERE county = 'Troms'`).Scan(&contact, &comment)
	if contact != "ola@example.no" || comment != "fra Ola" {
		t.Errorf("someone else's interest lost its contact: %q %q", contact, comment)
	}
	var mby any
	var mname, note string
	r.QueryRowContext(ctx, `SELECT created_by, created_name, note FROM mentoring`).Scan(&mby, &mname, &note)
	if mby != nil || mname != "" || note != "god samtale" {
		t.Errorf("mentoring author %v %q note %q", mby, mname, note)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Per Purgesen", "Kari Hemmelig", "kari.hemmelig@example.no", "D0SECRETDM", "ring meg på kveldstid"} {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("%q still readable in the database file", s)
		}
	}
}

// TestFilesAreOwnerOnly: the database, its WAL and a backup are 0600, and
// a database created 0644 by an older version is tightened at open.
func TestFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.FirstSeen(ctx, "slack", "Ev1"); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", backup} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want -rw-------", filepath.Base(p), fi.Mode().Perm())
		}
	}
}
