package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
	"github.com/kulturskoleradet/kulturbot/store/storetest"
)

// TestMigrateOldDatabase opens a database written before the register:
// names that mean one register entry are linked (two spellings of one
// municipality become one row, answers and history kept), the rest are
// listed for the working group and merged by an admin, nothing dropped.
func TestMigrateOldDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	storetest.OldDatabase(t, path, storetest.SeedOld)
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return fixedNow }
	r := db.Reader()
	name := func(id int64) (n, num string) {
		t.Helper()
		var number *string
		if err := r.QueryRow(`SELECT name, number FROM municipalities WHERE id = ?`, id).Scan(&n, &number); err != nil {
			return "", "gone"
		}
		if number != nil {
			num = *number
		}
		return n, num
	}
	for id, want := range map[int64][2]string{
		1: {"Bodø", "1804"},
		2: {"Fauskee", ""},
		3: {"", "gone"}, // merged into Saltdal
		4: {"Saltdal", "1840"},
		5: {"Herøy", ""},
		6: {"Atlantis", ""},
		7: {"Karasjok", "5610"},
	} {
		if n, num := name(id); n != want[0] || num != want[1] {
			t.Errorf("row %d = %q %q, want %q %q", id, n, num, want[0], want[1])
		}
	}
	var total int
	r.QueryRow(`SELECT COUNT(*) FROM municipalities`).Scan(&total)
	if total != 357+3 {
		t.Errorf("municipalities = %d, want the register's 357 and 3 outside it", total)
	}
	// Saltdal's newer answer (nei) is current; "Saltdal kommune"'s ja
	// stays in the history, now under Saltdal.
	at, err := db.Attendance(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var answers []string
	for _, a := range at.RSVPs {
		answers = append(answers, a.Municipality.Name+"="+a.Answer)
	}
	if got := strings.Join(answers, " "); got != "Bodø=ja Fauskee=ja Saltdal=nei" {
		t.Errorf("answers = %s", got)
	}
	if h, _ := db.RSVPHistory(ctx, 1, 4); len(h) != 2 {
		t.Errorf("Saltdal history = %+v, want both answers", h)
	}
	// The registration named Saltdal twice: once now.
	in, err := db.Interest(ctx, 1)
	if err != nil || store.MunicipalityNames(in.Municipalities) != "Saltdal, Herøy" {
		t.Errorf("interest = %+v %v", in.Municipalities, err)
	}
	ms, _ := db.Merges(ctx)
	if len(ms) != 1 || ms[0].From != "Saltdal kommune" || ms[0].To != "Saltdal" || ms[0].Reason != "register" || !strings.Contains(ms[0].Dropped, "samling #1") {
		t.Errorf("merges = %+v", ms)
	}

	un, err := db.UnlinkedMunicipalities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(un) != 3 || un[0].Name != "Fauskee" || un[1].Name != "Herøy" || un[2].Name != "Atlantis" {
		t.Fatalf("unlinked = %+v", un)
	}
	if f := un[0]; len(f.Candidates) != 1 || f.Candidates[0].Name != "Fauske" || f.RSVPs != 1 || f.Regions != 1 || f.Users != 1 {
		t.Errorf("Fauskee = %+v", f)
	}
	if h := un[1]; !h.Ambiguous || len(h.Candidates) != 2 || h.Interests != 1 {
		t.Errorf("Herøy = %+v", h)
	}
	if a := un[2]; len(a.Candidates) != 0 || a.Mentoring != 1 {
		t.Errorf("Atlantis = %+v", a)
	}

	t.Run("MergeByAdmin", func(t *testing.T) {
		mg, err := db.MergeMunicipality(ctx, kari, "fauskee", "Fauske kommune")
		if err != nil {
			t.Fatal(err)
		}
		if mg.To != "Fauske" || mg.ToNumber != "1841" || mg.RSVPs != 1 || mg.History != 1 || mg.Regions != 1 || mg.Users != 1 || mg.MergedBy != kari.Key {
			t.Errorf("merge = %+v", mg)
		}
		reg, _ := db.RegionByName(ctx, "Salten")
		if store.MunicipalityNames(reg.Municipalities) != "Bodø, Fauske, Saltdal" {
			t.Errorf("Salten = %s", store.MunicipalityNames(reg.Municipalities))
		}
		if m, ok, _ := db.UserMunicipality(ctx, "slack:U1"); !ok || m.Name != "Fauske" {
			t.Errorf("Kari's municipality = %+v", m)
		}
		var nu *store.NotUnlinkedError
		if _, err := db.MergeMunicipality(ctx, kari, "Bodø", "Fauske"); !errors.As(err, &nu) {
			t.Errorf("merging a register municipality: %v", err)
		}
		var amb *store.AmbiguousMunicipalityError
		if _, err := db.MergeMunicipality(ctx, kari, "Herøy", "Herøy"); !errors.As(err, &amb) {
			t.Errorf("merging into a shared name: %v", err)
		}
		if _, err := db.MergeMunicipality(ctx, kari, "Herøy", "Herøy (Nordland)"); err != nil {
			t.Fatal(err)
		}
		if in, _ := db.Interest(ctx, 1); store.MunicipalityNames(in.Municipalities) != "Saltdal, Herøy (Nordland)" {
			t.Errorf("interest after merge = %s", store.MunicipalityNames(in.Municipalities))
		}
		un, _ := db.UnlinkedMunicipalities(ctx)
		if len(un) != 1 || un[0].Name != "Atlantis" {
			t.Errorf("unlinked after merges = %+v", un)
		}
		if ms, _ := db.Merges(ctx); len(ms) != 3 || ms[1].MergedBy != kari.Key || ms[1].Reason != "admin" {
			t.Errorf("merges = %+v", ms)
		}
	})

	t.Run("ReopenChangesNothing", func(t *testing.T) {
		db.Close()
		db2, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		var n int
		db2.Reader().QueryRow(`SELECT COUNT(*) FROM municipalities`).Scan(&n)
		if n != 357+1 {
			t.Errorf("municipalities after reopen = %d", n)
		}
		if ms, _ := db2.Merges(ctx); len(ms) != 3 {
			t.Errorf("merges after reopen = %d", len(ms))
		}
	})
}
