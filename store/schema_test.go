package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateSchema = flag.Bool("update", false, "rewrite store/schema.sql from store/migrations")

// TestSchemaSnapshot: a new database given schema.sql has exactly the
// schema (every table, index, trigger and view, as SQLite stores them)
// and the schema_migrations rows of one that replayed every migration;
// and schema.sql covers every migration. After adding or changing a
// migration: go test ./store -run TestSchemaSnapshot -update
func TestSchemaSnapshot(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	replayed, err := Open(ctx, filepath.Join(dir, "replayed.db"), func(db *DB) { db.replay = true })
	if err != nil {
		t.Fatal(err)
	}
	defer replayed.Close()
	if replayed.fromSnapshot {
		t.Fatal("replay asked for, snapshot used")
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	if *updateSchema {
		snap, err := generateSnapshot(ctx, replayed.w, names)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("schema.sql", []byte(snap), 0o644); err != nil {
			t.Fatal(err)
		}
		old := schemaSnapshot
		schemaSnapshot = snap
		defer func() { schemaSnapshot = old }()
	}
	covered, ok := snapshotCovers(schemaSnapshot)
	if !ok || strings.Join(covered, " ") != strings.Join(names, " ") {
		t.Fatalf("store/schema.sql covers %v (usable: %v), the migrations are %v: run go test ./store -run TestSchemaSnapshot -update", covered, ok, names)
	}

	fresh, err := Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if !fresh.fromSnapshot {
		t.Fatal("a new database did not get the snapshot")
	}
	want, got := schemaOf(t, replayed.w), schemaOf(t, fresh.w)
	if want != got {
		t.Errorf("schema differs.\nreplayed:\n%s\nsnapshot:\n%s", want, got)
	}
	// The snapshot carries the schema, not rows: a migration that seeds a
	// table would be lost on new databases.
	if want, got := rowCounts(t, replayed.w), rowCounts(t, fresh.w); want != got {
		t.Errorf("rows differ (a migration inserts rows, which the snapshot does not carry).\nreplayed: %s\nsnapshot: %s", want, got)
	}
	for _, db := range []*DB{replayed, fresh} {
		var check string
		if err := db.w.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
			t.Errorf("integrity_check: %q, %v", check, err)
		}
	}

	// Reopening a database made from the snapshot applies nothing, and a
	// database that is not new never gets the snapshot.
	fresh.Close()
	again, err := Open(ctx, filepath.Join(dir, "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.fromSnapshot {
		t.Error("an existing database got the snapshot")
	}
	if s := schemaOf(t, again.w); s != want {
		t.Errorf("schema changed on reopening:\n%s", s)
	}
}

// A snapshot whose migrations changed or disappeared is not used.
func TestSnapshotCoversChecksContent(t *testing.T) {
	buf, err := migrations.ReadFile("migrations/001_core.sql")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(buf)
	good := "-- migration migrations/001_core.sql sha256:" + hex.EncodeToString(h[:]) + "\nCREATE TABLE x (a);\n"
	if names, ok := snapshotCovers(good); !ok || len(names) != 1 {
		t.Errorf("matching header: %v %v", names, ok)
	}
	for _, bad := range []string{
		"-- migration migrations/001_core.sql sha256:00\nCREATE TABLE x (a);\n",
		"-- migration migrations/999_none.sql sha256:" + hex.EncodeToString(h[:]) + "\n",
		"CREATE TABLE x (a);\n",
	} {
		if names, ok := snapshotCovers(bad); ok {
			t.Errorf("%q: usable (%v)", bad, names)
		}
	}
}

// schemaOf lists sqlite_master (and the applied migrations) in a fixed order.
func schemaOf(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	rows, err := db.Query(`SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ, name, tbl, sqlText string
		if err := rows.Scan(&typ, &name, &tbl, &sqlText); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s %s: %s\n", typ, name, tbl, sqlText)
	}
	mig, err := db.Query(`SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer mig.Close()
	for mig.Next() {
		var n string
		if err := mig.Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "applied %s\n", n)
	}
	return b.String()
}

// rowCounts lists each ordinary table's row count.
func rowCounts(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM pragma_table_list WHERE type = 'table' AND schema = 'main' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	var b strings.Builder
	for _, n := range names {
		var c int
		if err := db.QueryRow(`SELECT COUNT(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(n, err)
		}
		fmt.Fprintf(&b, "%s=%d ", n, c)
	}
	return b.String()
}

// generateSnapshot writes the schema of a database that replayed names as
// one script: tables (in creation order, without the ones SQLite makes by
// itself: its own, and the shadow tables of full-text indexes), then
// indexes, views and triggers.
func generateSnapshot(ctx context.Context, db *sql.DB, names []string) (string, error) {
	var b strings.Builder
	b.WriteString("-- The schema store/migrations leave on a new database, applied in one\n")
	b.WriteString("-- transaction instead of replaying them (store/schema.go). Generated by\n")
	b.WriteString("-- `go test ./store -run TestSchemaSnapshot -update`; do not edit.\n")
	for _, n := range names {
		buf, err := migrations.ReadFile(n)
		if err != nil {
			return "", err
		}
		h := sha256.Sum256(buf)
		fmt.Fprintf(&b, "-- migration %s sha256:%s\n", n, hex.EncodeToString(h[:]))
	}
	b.WriteString("\n")
	for _, typ := range []string{"table", "index", "view", "trigger"} {
		rows, err := db.QueryContext(ctx, `SELECT sql FROM sqlite_master
			WHERE type = ? AND sql IS NOT NULL AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
			AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')
			ORDER BY rowid`, typ)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return "", err
			}
			b.WriteString(s)
			b.WriteString(";\n")
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
