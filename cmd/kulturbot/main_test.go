package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ty is next year: the tests' gatherings fall in it (a gathering more
// than three years ahead is refused, so a fixed far year would not do).
var ty = strconv.Itoa(time.Now().Year() + 1)

// noEnv is an empty environment: no tokens from the machine's.
func noEnv(string) string { return "" }

// run boots the real program (as `kulturbot args...` with stdin) against db.
func run(t *testing.T, db, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := noEnv // no tokens from the machine's environment
	code := Main(context.Background(), append([]string{"--db", db, "--log-level", "error"}, args...), env, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q\n--- output ---\n%s", w, got)
		}
	}
}

// TestConsoleSession is issue 2's acceptance script: a piped console session
// creates a region and a gathering, RSVPs twice for one municipality and once
// for another, registers interest, logs mentoring and lists everything; the
// data is still there after a restart and in the CSV exports.
func TestConsoleSession(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "k.db")
	script := strings.Join([]string{
		`/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`,
		`/samling ny navn="Oppstartssamling" dato=` + ty + `-02-04 sted="Bodø" region=Salten frist=` + ty + `-01-20`,
		`/rsvp 1 ja 3 kommune=bodo overnatting=ja`,
		`/rsvp 1 kanskje 2 kommune=BODØ`,
		`/rsvp 1 nei kommune=Fauske`,
		`/interesse fylke=nordland kommuner="Bodø, Fauske, Saltdal" kontakt="Kari Nordmann"`,
		`/veiledning logg kommune=Saltdal dato=2.1.2025 minutter=90 tema="Lokal forankring"`,
		`/samling deltakere 1`,
		`/interesse liste`,
		`/veiledning liste`,
		`/region liste`,
	}, "\n") + "\n"
	out, errOut, code := run(t, db, script)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	mustContain(t, out, "Salten", "Oppstartssamling", "Bodø", "Fauske", "Saltdal", "Lokal forankring", "Nordland")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "> ") {
			continue // the echoed input has the spellings as typed
		}
		if strings.Contains(line, "bodo") || strings.Contains(line, "BODØ") {
			t.Errorf("a municipality typed two ways must show as one name: %q", line)
		}
	}

	// After a restart the same data is listed.
	out2, _, code := run(t, db, "/samling deltakere 1\n/interesse liste\n/veiledning liste\n")
	if code != 0 {
		t.Fatalf("restart exit %d", code)
	}
	mustContain(t, out2, "Bodø", "kanskje", "Fauske", "nei", "Nordland", "Lokal forankring")

	csv, _, code := run(t, db, "", "export", "rsvp")
	if code != 0 {
		t.Fatalf("export exit %d", code)
	}
	if !strings.HasPrefix(csv, "\ufeffsamling_id;samling;dato;kommune;svar;antall;overnatting;svart_av;oppdatert") {
		t.Fatalf("rsvp export header: %q", strings.SplitN(csv, "\n", 2)[0])
	}
	// Two municipalities answered: one row each, Bodø's answer the later one.
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 3 {
		t.Fatalf("want header + 2 rows, got %d:\n%s", len(lines), csv)
	}
	mustContain(t, csv, ";Bodø;kanskje;2;", ";Fauske;nei;")

	csv, _, _ = run(t, db, "", "export", "interesse")
	mustContain(t, csv, "id;fylke;kommuner;kontakt;kommentar;sen;trukket;registrert_av;registrert", "Nordland", "Kari Nordmann")
	csv, _, _ = run(t, db, "", "export", "veiledning")
	mustContain(t, csv, "id;kommune;dato;minutter;tema;notat;veileder;registrert", "Saltdal;2025-01-02;90;Lokal forankring")
}
