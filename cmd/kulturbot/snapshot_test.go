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
// build-time snapshot (faq/index.snap) instead of building it; once the
// working group has taught it an answer, or with another interest
// deadline, it builds the index (and says so), the learned answer in it.
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
	if got := b.faqEngine.IndexSource(); !strings.HasPrefix(got, "built: ") {
		t.Fatalf("with a learned entry: FAQ index %q, want built", got)
	}
	if ans, err := b.faqEngine.Answer(ctx, "hvor står kaffemaskinen?", ""); err != nil || ans.EntryID != "kaffe" {
		t.Fatalf("the learned entry is not answered: %+v %v", ans, err)
	}
	b.Close()
	// Another interest deadline changes answer texts: built too.
	cfg.InterestDeadline = "01.10"
	os.Remove(db)
	c := newTestApp(t, cfg)
	if got := c.faqEngine.IndexSource(); !strings.HasPrefix(got, "built: ") {
		t.Fatalf("another interest deadline: FAQ index %q, want built", got)
	}
}
