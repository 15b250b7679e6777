package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// TestFAQIndexFromSnapshot: started with the default configuration (no
// KULTURBOT_FAQ, nothing learned), the bot loads the FAQ index from the
// build-time snapshot (faq/index.snap) instead of building it. Once the
// working group has taught it an answer, or with another interest
// deadline, it still starts from the snapshot and learns what differs
// (building the whole index was ~50 ms of a cold start): the learned
// answer and the configured deadline are in it.
func TestFAQIndexFromSnapshot(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	cfg, _, err := LoadConfig(flag.NewFlagSet("k", flag.ContinueOnError), []string{"--db", db}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, cfg)
	if got := a.faqEngine.IndexSource(); got != "snapshot" {
		t.Fatalf("default start: FAQ index %q, want snapshot (is faq/index.snap stale? go generate ./faq)", got)
	}
	ctx := context.Background()
	asker := store.Author{Key: "slack:U1", Name: "Kari", Platform: bot.Slack}
	id, err := a.DB.AddQuestion(ctx, store.Question{Question: "hvor står kaffemaskinen?", Lang: "nb", Asker: asker})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB.AnswerQuestion(ctx, id, "På kjøkkenet.", asker, &store.FAQEntry{ID: "kaffe", Question: "hvor står kaffemaskinen?", AnswerNB: "På kjøkkenet.", Lang: "nb"}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b := newTestApp(t, cfg)
	if got := b.faqEngine.IndexSource(); got != "snapshot" {
		t.Fatalf("with a learned entry: FAQ index %q, want snapshot", got)
	}
	if ans, err := b.faqEngine.Answer(ctx, "hvor står kaffemaskinen?", ""); err != nil || ans.EntryID != "kaffe" {
		t.Fatalf("the learned entry is not answered: %+v %v", ans, err)
	}
	b.Close()
	// Another interest deadline changes answer texts: the entries quoting
	// it are learned on top of the snapshot.
	cfg.InterestDeadline = "01.10"
	os.Remove(db)
	c := newTestApp(t, cfg)
	if got := c.faqEngine.IndexSource(); got != "snapshot" {
		t.Fatalf("another interest deadline: FAQ index %q, want snapshot", got)
	}
	if ans, err := c.faqEngine.Answer(ctx, "Når er fristen for å melde interesse?", ""); err != nil || !ans.Answered ||
		!strings.Contains(ans.Text, "1. oktober") || strings.Contains(ans.Text, "15. september") {
		t.Fatalf("the configured deadline is not the answer: %+v %v", ans, err)
	}
	c.Close()
	// A corpus of one's own (KULTURBOT_FAQ) is not the snapshot's: built.
	yaml := filepath.Join(t.TempDir(), "faq.yaml")
	if err := os.WriteFile(yaml, []byte("section: Egen\nsource: Egen FAQ\nentries:\n  - id: kaffe\n    questions:\n      - Hvor står kaffemaskinen?\n    answer:\n      nb: På kjøkkenet.\n      en: In the kitchen.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.FAQPath = yaml
	os.Remove(db)
	d := newTestApp(t, cfg)
	if got := d.faqEngine.IndexSource(); !strings.HasPrefix(got, "built: ") {
		t.Fatalf("KULTURBOT_FAQ: FAQ index %q, want built", got)
	}
}
