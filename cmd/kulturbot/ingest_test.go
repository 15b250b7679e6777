package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(filepath.Join(docs, "sub"), 0o755)
	os.WriteFile(filepath.Join(docs, "rammeverk.md"), []byte("# Rammeverk\n\n## Regioner\n\nEn region består av minst tre kommuner.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "sub", "veiledning.txt"), []byte("Veiledning\n\nHver kommune får veiledning fire ganger i året.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "bilde.png"), []byte{0x89, 'P', 'N', 'G'}, 0o644) // skipped by extension

	out, errOut, code := run(t, db, "", "ingest", docs)
	if code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	mustContain(t, out, `added      rammeverk.md  "Rammeverk"`, `added      veiledning.txt  "Veiledning"`, "pages/s")

	out, _, _ = run(t, db, "", "ingest", docs)
	mustContain(t, out, "unchanged  rammeverk.md", "unchanged  veiledning.txt")

	out, _, _ = run(t, db, "", "ingest", "--list")
	mustContain(t, out, "ID  NAME", "rammeverk.md", "Veiledning", "cli")

	out, errOut, code = run(t, db, "", "ingest", "--remove", "rammeverk")
	if code != 0 {
		t.Fatalf("remove: %s", errOut)
	}
	mustContain(t, out, `removed  rammeverk.md  "Rammeverk"`)
	if _, errOut, code := run(t, db, "", "ingest", "--remove", "rammeverk"); code == 0 {
		t.Fatalf("second remove succeeded: %s", errOut)
	}
	if _, _, code := run(t, db, "", "ingest", filepath.Join(docs, "bilde.png")); code == 0 {
		t.Fatal("png ingested")
	}
}

func TestSetupDocsAlwaysReturnsLibrary(t *testing.T) {
	cfg := &Config{DB: filepath.Join(t.TempDir(), "k.db")}
	a, err := NewApp(context.Background(), cfg, nil, os.Stdout, newLogger(os.Stderr, "error"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ans, err := a.setupDocs(context.Background())
	if err != nil || ans == nil {
		t.Fatalf("setupDocs: %v %v", ans, err)
	}
	if got, _ := ans.Answer(context.Background(), "Hva er en region?", ""); got.Answered {
		t.Fatalf("answered from an empty library: %+v", got)
	}
}
