package handlers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

const uploadMD = "# Rammeverk\n\n## Regioner\n\nEn region består av minst tre kommuner som samarbeider om utviklingsarbeidet.\n"

func TestDocumentUpload(t *testing.T) {
	e := newEnv(t)
	file := []bot.File{{Name: "rammeverk.md", Type: "text/markdown", Content: []byte(uploadMD)}}

	// Admins only.
	rep := e.run(&bot.Request{User: bot.User{ID: "anna"}, Files: file}, "/kulturbot dokument")
	if rep.Error == nil || rep.Error.Code != bot.EForbidden || e.count("documents") != 0 {
		t.Fatalf("non-admin upload: %+v", rep)
	}
	// No file: how to upload.
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}}, "/kulturbot dokument")
	if rep.Error != nil || !strings.Contains(rep.Text, "Legg ved en fil") {
		t.Fatalf("bare: %+v", rep)
	}
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}, Files: file}, "/kulturbot dokument")
	if rep.Error != nil || !strings.Contains(rep.Text, "«Rammeverk» er lest inn") || !rep.Private || e.count("chunks") == 0 {
		t.Fatalf("upload: %+v", rep)
	}
	var by string
	e.db.Reader().QueryRow(`SELECT ingested_by FROM documents`).Scan(&by)
	if by != "slack:admin" {
		t.Errorf("ingested_by %q", by)
	}
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}, Files: file}, "/kulturbot dokument")
	if !strings.Contains(rep.Text, "uendret") {
		t.Errorf("re-upload: %+v", rep)
	}
	bad := []bot.File{{Name: "bilde.png", Content: []byte{0x89, 'P', 'N', 'G', 0, 0}}}
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}, Files: bad}, "/kulturbot dokument")
	if !strings.Contains(rep.Text, "bilde.png: kunne ikke leses inn") {
		t.Errorf("bad file: %+v", rep)
	}
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}}, "/kulturbot dokument liste")
	if !strings.Contains(rep.Text, "#1 Rammeverk (rammeverk.md)") {
		t.Errorf("list: %+v", rep)
	}
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}}, "/kulturbot dokument fjern finnesikke")
	if rep.Error == nil || rep.Error.Code != bot.ENotFound {
		t.Errorf("remove unknown: %+v", rep)
	}
	// The console reads a local file; chat platforms never do.
	path := filepath.Join(t.TempDir(), "lokal.md")
	os.WriteFile(path, []byte("# Lokal\n\nTekst om kulturskolen.\n"), 0o644)
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}}, "/kulturbot dokument fil="+path)
	if e.count("documents") != 1 {
		t.Errorf("slack read a server path: %+v", rep)
	}
	rep = e.run(&bot.Request{Platform: bot.Console, User: bot.User{ID: "admin"}}, "/kulturbot dokument fil="+path)
	if e.count("documents") != 2 || !strings.Contains(rep.Text, "«Lokal» er lest inn") {
		t.Errorf("console file: %+v", rep)
	}
	rep = e.run(&bot.Request{User: bot.User{ID: "admin"}}, "/kulturbot dokument fjern rammeverk.md")
	if rep.Error != nil || e.count("documents") != 1 {
		t.Errorf("remove: %+v", rep)
	}
}
