package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestRawEmptyText: an empty string is stored as ” and not NULL, also as
// the first text a fresh raw handle binds (before its C buffer exists a
// pointer into it was NULL, and sqlite3_bind_text binds NULL for that).
func TestRawEmptyText(t *testing.T) {
	ctx := context.Background()
	sdb, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "raw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	c, err := sdb.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "CREATE TABLE t (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	r := rawOf(c)
	if r == nil {
		t.Fatal("no SQLite handle: modernc.org/sqlite's connection is not laid out as rawOf expects")
	}
	defer r.close()
	for _, s := range []string{"", "Bodø", ""} {
		if _, _, err := r.exec("INSERT INTO t (x) VALUES (?)", []arg{aText(s)}); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := c.QueryContext(ctx, "SELECT x IS NULL, coalesce(x, '') FROM t ORDER BY rowid")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var null bool
		var x string
		if err := rows.Scan(&null, &x); err != nil {
			t.Fatal(err)
		}
		if null {
			x = "NULL"
		}
		got = append(got, x)
	}
	if want := []string{"", "Bodø", ""}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("stored %q, want %q", got, want)
	}
}
