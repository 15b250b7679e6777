// Package storetest helps tests build databases as older versions of
// kulturbot left them, to prove that the migrations carry them forward.
package storetest

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	_ "modernc.org/sqlite" // the driver store uses
)

// SeedOld is the seed of a database from before the municipality register:
// names as people typed them, good and bad, each with records pointing at
// it. See TestMigrateOldDatabase (store) for what each becomes.
const SeedOld = `
INSERT INTO municipalities (id, name, fold, created_by, platform, created_at) VALUES
	(1, 'Bodø', 'bodo', 'slack:U1', 'slack', '2024-11-01T10:00:00.000000Z'),
	(2, 'Fauskee', 'fauskee', 'slack:U1', 'slack', '2024-11-01T10:00:00.000000Z'),
	(3, 'Saltdal kommune', 'saltdalkommune', 'slack:U2', 'slack', '2024-11-01T10:00:00.000000Z'),
	(4, 'Saltdal', 'saltdal', 'slack:U2', 'slack', '2024-11-02T10:00:00.000000Z'),
	(5, 'Herøy', 'heroy', 'slack:U3', 'slack', '2024-11-02T10:00:00.000000Z'),
	(6, 'Atlantis', 'atlantis', 'slack:U3', 'slack', '2024-11-02T10:00:00.000000Z'),
	(7, 'Kárášjohka', 'karašjohka', 'slack:U3', 'slack', '2024-11-02T10:00:00.000000Z');
INSERT INTO users (key, platform, user_id, name, municipality_id, updated_at) VALUES
	('slack:U1', 'slack', 'U1', 'Kari', 2, '2024-11-01T10:00:00.000000Z');
INSERT INTO regions (id, name, fold, created_by, platform, created_at) VALUES (1, 'Salten', 'salten', 'slack:A', 'slack', '2024-11-01T09:00:00.000000Z');
INSERT INTO region_municipalities (region_id, municipality_id, position) VALUES (1, 1, 0), (1, 2, 1), (1, 3, 2);
INSERT INTO gatherings (id, name, date, place, region_id, deadline, created_by, platform, created_at) VALUES
	(1, 'Samling 1', '2025-02-06', 'Bodø', 1, NULL, 'slack:A', 'slack', '2024-11-01T09:00:00.000000Z');
INSERT INTO rsvps (gathering_id, municipality_id, answer, headcount, overnight, answered_by, answered_name, platform, created_at, updated_at) VALUES
	(1, 1, 'ja', 3, 1, 'slack:U1', 'Kari', 'slack', '2024-11-03T10:00:00.000000Z', '2024-11-03T10:00:00.000000Z'),
	(1, 2, 'ja', 2, 0, 'slack:U1', 'Kari', 'slack', '2024-11-03T11:00:00.000000Z', '2024-11-03T11:00:00.000000Z'),
	(1, 3, 'ja', 4, NULL, 'slack:U2', 'Per', 'slack', '2024-11-03T12:00:00.000000Z', '2024-11-03T12:00:00.000000Z'),
	(1, 4, 'nei', 0, NULL, 'slack:U2', 'Per', 'slack', '2024-11-04T12:00:00.000000Z', '2024-11-04T12:00:00.000000Z');
INSERT INTO rsvp_history (gathering_id, municipality_id, answer, headcount, overnight, answered_by, platform, created_at) VALUES
	(1, 1, 'ja', 3, 1, 'slack:U1', 'slack', '2024-11-03T10:00:00.000000Z'),
	(1, 2, 'ja', 2, 0, 'slack:U1', 'slack', '2024-11-03T11:00:00.000000Z'),
	(1, 3, 'ja', 4, NULL, 'slack:U2', 'slack', '2024-11-03T12:00:00.000000Z'),
	(1, 4, 'nei', 0, NULL, 'slack:U2', 'slack', '2024-11-04T12:00:00.000000Z');
INSERT INTO interests (id, county, contact, created_by, created_name, platform, created_at, updated_at) VALUES
	(1, 'Nordland', 'kari@example.no', 'slack:U1', 'Kari', 'slack', '2024-09-01T10:00:00.000000Z', '2024-09-01T10:00:00.000000Z');
INSERT INTO interest_municipalities (interest_id, municipality_id, position) VALUES (1, 3, 0), (1, 4, 1), (1, 5, 2);
INSERT INTO mentoring (municipality_id, date, minutes, topic, created_by, created_name, platform, created_at) VALUES
	(6, '2024-11-05', 60, 'Oppstart', 'slack:U3', 'Mia', 'slack', '2024-11-05T10:00:00.000000Z'),
	(7, '2024-11-06', 90, 'Plan', 'slack:U3', 'Mia', 'slack', '2024-11-06T10:00:00.000000Z');
`

// OldDatabase creates a database at path with the schema as it was before
// the municipality register (the migrations numbered below 010, recorded
// as applied) and runs seed in it.
func OldDatabase(t testing.TB, path, seed string) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	files, err := filepath.Glob(filepath.Join(filepath.Dir(file), "..", "migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("migrations: %v", err)
	}
	sort.Strings(files)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if name >= "010" {
			break
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, '2024-10-01T00:00:00.000000Z')`, "migrations/"+name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(seed); err != nil {
		t.Fatalf("seed: %v", err)
	}
}
