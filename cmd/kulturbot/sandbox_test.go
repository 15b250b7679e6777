package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
)

// TestMain lets this test binary be the PDF sandbox: the App re-executes
// os.Executable() (here the test binary) with docs.SandboxCommand.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == docs.SandboxCommand {
		os.Exit(Main(context.Background(), os.Args[1:], noEnv, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestIngestHostilePDFWhileAnswering uploads each crafted PDF from
// faq/docs/testdata/hostile through /kulturbot dokument while others keep
// asking: every upload ends within 10 s with the limit named in Norwegian,
// and every question meanwhile is answered within 2 s (both times
// raceSlowdown under the race detector).
func TestIngestHostilePDFWhileAnswering(t *testing.T) {
	a := newTestApp(t, &Config{})
	lib := a.docsLibrary()
	defer lib.Close()
	ctx := context.Background()
	admin := bot.User{ID: "console", Admin: true}
	for name, want := range map[string]string{
		"cycle.pdf": "sidetreet i PDF-en peker tilbake på seg selv",
		"count.pdf": "PDF-en har eller oppgir 50000000 sider; grensen er 2000",
		"bomb.pdf":  "pakkes ut til mer enn grensen på 64 MB",
	} {
		t.Run(strings.TrimSuffix(name, ".pdf"), func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join("..", "..", "faq", "docs", "testdata", "hostile", name))
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan bot.Reply, 1)
			start := time.Now()
			go func() {
				done <- a.Router.Handle(ctx, &bot.Request{Platform: bot.Console, User: admin, Command: "kulturbot", Text: "dokument",
					Files: []bot.File{{Name: name, Content: content}}})
			}()
			answered := 0
			for {
				select {
				case rep := <-done:
					el := time.Since(start)
					if el > raceSlowdown*10*time.Second {
						t.Fatalf("ingest took %s", el)
					}
					if !strings.Contains(rep.Text, want) || !strings.Contains(rep.Text, "kunne ikke leses inn") {
						t.Fatalf("reply %q, want it to name the limit (%q)", rep.Text, want)
					}
					t.Logf("%s refused after %s, %d questions answered meanwhile", name, el.Round(time.Millisecond), answered)
					return
				default:
				}
				q := time.Now()
				rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Console, User: bot.User{ID: "kari"}, Command: "faq", Text: "Hva er en region?"})
				if rep.Text == "" || rep.Error != nil {
					t.Fatalf("question while ingesting: %+v", rep)
				}
				if el := time.Since(q); el > raceSlowdown*2*time.Second {
					t.Fatalf("question took %s while ingesting", el)
				}
				answered++
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}
