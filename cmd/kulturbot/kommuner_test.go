package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/store/storetest"
)

// TestKommunerSjekk: a database from before the register is opened by the
// real program; `kulturbot kommuner sjekk` lists the names that did not
// match with what points at them and the command that merges each, and
// `kulturbot kommuner slå-sammen` merges one.
func TestKommunerSjekk(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "old.db")
	storetest.OldDatabase(t, dbPath, storetest.SeedOld)
	run := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := Main(ctx, append([]string{"--db", dbPath}, args...), noEnv, strings.NewReader(""), &out, &errOut)
		return out.String(), errOut.String(), code
	}
	out, errOut, code := run("kommuner", "sjekk")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Kommuneregister: innebygd (357 kommuner, 15 fylker)",
		"Navn utenfor registeret: 3.",
		"#2 «Fauskee» – 1 svar, 1 i svarhistorikken, 1 region, 1 profil",
		"    mente kanskje: Fauske (1841, Nordland)",
		"    slå sammen: /kulturbot kommune-slå-sammen Fauskee Fauske",
		"#5 «Herøy» – 1 interesseregistrering",
		"    deles av: Herøy (Møre og Romsdal) (1515, Møre og Romsdal), Herøy (Nordland) (1818, Nordland)",
		"#6 «Atlantis» – 1 veiledningsøkt",
		"    ingen kommune i registeret ligner",
		"Slått sammen hittil: 1",
		"«Saltdal kommune» → Saltdal (1840), ved oppstart (samme kommune)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("sjekk lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Kárášjohka") || strings.Contains(out, "«Bodø»") {
		t.Errorf("linked names listed:\n%s", out)
	}

	out, errOut, code = run("kommuner", "slå-sammen", "Fauskee", "Fauske")
	if code != 0 || !strings.Contains(out, "«Fauskee» er slått sammen med Fauske (1841): 1 svar, 1 i historikken") {
		t.Fatalf("slå-sammen: exit %d: %s %s", code, out, errOut)
	}
	if _, errOut, code := run("kommuner", "slå-sammen", "Bodø", "Fauske"); code == 0 || !strings.Contains(errOut, "Bodø er i registeret") {
		t.Errorf("merging a register name: exit %d: %s", code, errOut)
	}
	out, _, _ = run("kommuner", "sjekk")
	if strings.Contains(out, "Fauskee» –") || !strings.Contains(out, "Navn utenfor registeret: 2.") || !strings.Contains(out, "«Fauskee» → Fauske (1841), cli") {
		t.Errorf("after merge:\n%s", out)
	}
	if _, errOut, code := run("kommuner"); code == 0 || !strings.Contains(errOut, "kommuner sjekk") {
		t.Errorf("bare: exit %d: %s", code, errOut)
	}
}
