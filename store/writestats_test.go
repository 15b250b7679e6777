package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// WriteStats counts the writer's commits, the WAL pages they wrote (as
// SQLite counts them on the writer's connection) and the checkpoints.
func TestWriteStats(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	s0 := db.WriteStats()
	if _, err := db.CreateRegion(ctx, Author{Key: "slack:U1", Platform: bot.Slack}, "Salten", []string{"Bodø", "Fauske", "Saltdal"}); err != nil {
		t.Fatal(err) // an own job
	}
	if _, err := db.LogAnswer(ctx, AnswerLog{Question: "hva er en region?", Lang: "nb", Answered: true, Path: "faq"}); err != nil {
		t.Fatal(err) // a hot job
	}
	s1 := db.WriteStats()
	if got := s1.Commits - s0.Commits; got != 2 {
		t.Errorf("commits: %d, want 2", got)
	}
	var pages int64
	if err := db.hot(ctx, func(t *wtx) error { pages = t.w.walPages(); return nil }); err != nil {
		t.Fatal(err)
	}
	s2 := db.WriteStats()
	if s1.WALFrames <= s0.WALFrames || s2.WALFrames != pages {
		t.Errorf("WAL frames %d -> %d -> %d, the connection's count %d", s0.WALFrames, s1.WALFrames, s2.WALFrames, pages)
	}
	db.writer().checkpoint()
	if got := db.WriteStats().Checkpoints - s2.Checkpoints; got != 1 {
		t.Errorf("checkpoints: %d, want 1", got)
	}
}
