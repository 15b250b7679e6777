package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

func TestExportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "k.db")
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	a := store.Author{Key: "console:console", Name: "Konsoll", Platform: bot.Console}
	if _, err := db.LogMentoring(ctx, a, store.NewMentoring{Municipality: "Bodø", Date: bot.DayIn(db.Now()), Minutes: 90, Topic: "Oppstart; «plan»"}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	run := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := Main(ctx, append([]string{"--db", dbPath}, args...), noEnv, strings.NewReader(""), &out, &errOut)
		return out.String(), errOut.String(), code
	}
	out, errOut, code := run("export", "veiledning")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "\uFEFFid;kommune;dato;minutter;tema;notat;veileder;registrert\r\n1;Bodø;") || !strings.Contains(out, `;90;"Oppstart; «plan»";;Konsoll;`) {
		t.Errorf("stdout = %q", out)
	}
	file := filepath.Join(dir, "rsvp.csv")
	if _, errOut, code := run("export", "--out", file, "rsvp"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil || string(b) != "\uFEFFsamling_id;samling;dato;kommune;svar;antall;overnatting;svart_av;oppdatert;avlyst\r\n" {
		t.Fatalf("file = %q, %v", b, err)
	}
	if _, errOut, code := run("export", "interesse", "--out="+filepath.Join(dir, "i.csv")); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "i.csv")); !strings.HasPrefix(string(b), "\uFEFFid;fylke;kommuner;kontakt;kommentar;sen;trukket;registrert_av;registrert\r\n") {
		t.Errorf("interesse = %q", b)
	}
	if _, errOut, code := run("export", "alt"); code == 0 || !strings.Contains(errOut, "rsvp, interesse or veiledning") {
		t.Errorf("unknown kind: exit %d, %q", code, errOut)
	}
}
