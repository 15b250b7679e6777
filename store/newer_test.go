package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	_ "modernc.org/sqlite"
)

// TestOpenRefusesNewerSchema: a database migrated by a newer build (a
// migration this one does not embed) is refused with what to do, and
// nothing in it changes — an older build would read the newer rows its own
// way (since 095/096 the replay guard's ids: a replay taken again).
func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES ('migrations/999_future.sql', '2027-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	count := func() (n int) {
		if err := raw.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM schema_migrations) + (SELECT COUNT(*) FROM sqlite_master)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	_, err = Open(ctx, path)
	var newer *NewerSchemaError
	if !errors.As(err, &newer) || !slices.Equal(newer.Migrations, []string{"migrations/999_future.sql"}) {
		t.Fatalf("Open: %v, want a NewerSchemaError naming migrations/999_future.sql", err)
	}
	if after := count(); after != before {
		t.Errorf("the refused file changed: %d -> %d schema objects and migrations", before, after)
	}
	raw.Close()
}
