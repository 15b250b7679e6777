package kommuner

import (
	"strings"
	"testing"
)

func TestEmbeddedRegister(t *testing.T) {
	r := Default()
	if r.Len() != 357 {
		t.Fatalf("municipalities = %d, want 357", r.Len())
	}
	if n := len(r.Counties()); n != 15 {
		t.Fatalf("counties = %d, want 15: %v", n, r.Counties())
	}
	if c := r.Counties(); c[0] != "Agder" || c[len(c)-1] != "Østfold" {
		t.Fatalf("counties not in Norwegian order: %v", c)
	}
	// Every register name resolves to itself: no two names fold together
	// by accident.
	for _, e := range r.Entries() {
		m := r.Resolve(e.Name)
		if m.Kind != Found || m.Entry.Number != e.Number {
			t.Errorf("%s resolves to %+v", e.Name, m)
		}
		if m := r.Resolve(e.Number); m.Kind != Found || m.Entry.Number != e.Number {
			t.Errorf("%s (number) resolves to %+v", e.Number, m)
		}
	}
}

func TestResolve(t *testing.T) {
	r := Default()
	found := []struct{ in, want string }{
		{"Bodø", "1804"},
		{"bodo", "1804"},
		{"BODØ", "1804"},
		{"Bodoe", "1804"},
		{"Bodø kommune", "1804"},
		{"bodø  Kommune", "1804"},
		{"Saltdal kommune", "1840"},
		{"1804", "1804"},
		{"301", "0301"},
		{"Oslo", "0301"},
		{"Kárášjohka", "5610"},
		{"Karasjohka", "5610"},
		{"Guovdageaidnu", "5612"},
		{"Kaivuono", "5540"},
		{"Herøy (Nordland)", "1818"},
		{"Herøy Nordland", "1818"},
		{"heroy nordland", "1818"},
		{"Herøy i Nordland", "1818"},
		{"Herøy (Møre og Romsdal)", "1515"},
		{"Våler (Innlandet)", "3419"},
		{"Valer Østfold", "3114"},
		{"Nord-Aurdal", "3451"},
		{"nord aurdal", "3451"},
		{"Ås", "3218"},
	}
	for _, c := range found {
		m := r.Resolve(c.in)
		if m.Kind != Found || m.Entry.Number != c.want {
			t.Errorf("Resolve(%q) = %+v, want %s", c.in, m, c.want)
		}
	}
	for _, in := range []string{"Herøy", "heroy", "Våler", "Valer kommune"} {
		m := r.Resolve(in)
		if m.Kind != Ambiguous || len(m.Candidates) != 2 {
			t.Errorf("Resolve(%q) = %+v, want two candidates", in, m)
		}
	}
	near := []struct{ in, want string }{
		{"Fauskee", "Fauske"},
		{"Fauskee kommune", "Fauske"},
		{"Saltdla", "Saltdal"},
		{"Tronsø", "Tromsø"},
		{"Vefns", "Vefsn"},
	}
	for _, c := range near {
		m := r.Resolve(c.in)
		if m.Kind != Near || m.Candidates[0].Name != c.want {
			t.Errorf("Resolve(%q) = %+v, want near %s", c.in, m, c.want)
		}
	}
	for _, in := range []string{"Atlantis", "9999", "", "xyz"} {
		if m := r.Resolve(in); m.Kind != Unknown {
			t.Errorf("Resolve(%q) = %+v, want unknown", in, m)
		}
	}
}

func TestParseRefusesBadFiles(t *testing.T) {
	for name, in := range map[string]string{
		"empty":     "",
		"header":    "nr;navn\n1804;Bodø;18;Nordland;\n",
		"number":    "kommunenummer;kommune;fylkesnummer;fylke;andre_navn\n18x4;Bodø;18;Nordland;\n",
		"duplicate": "kommunenummer;kommune;fylkesnummer;fylke;andre_navn\n1804;Bodø;18;Nordland;\n1804;Bodø;18;Nordland;\n",
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	r, err := Parse(strings.NewReader("\uFEFFkommunenummer;kommune;fylkesnummer;fylke;andre_navn\n1804;Bodø;18;Nordland;Bådåddjo\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m := r.Resolve("Bådåddjo"); m.Kind != Found {
		t.Fatalf("other name: %+v", m)
	}
}

// TestExact: a name spelled as the register does (case and æøå folded)
// is found; a near miss, a suffix or a number is not (Resolve's job).
func TestExact(t *testing.T) {
	r := Default()
	for _, s := range []string{"Bodø", "bodo", "BERGEN", "tromsø"} {
		if _, ok := r.Exact(s); !ok {
			t.Errorf("Exact(%q) not found", s)
		}
	}
	for _, s := range []string{"Bod", "Bergn", "Bodø kommune", "1804", "which", "the", ""} {
		if e, ok := r.Exact(s); ok {
			t.Errorf("Exact(%q) = %s", s, e.Name)
		}
	}
}
