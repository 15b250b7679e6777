package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// WriteStats counts the writer's commits, the WAL pages they wrote (as
// SQLite counts them on the writer's connection) and the checkpoints.
func TestWriteStats(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	pages := func() int64 { // the writer connection's running count
		var n int64
		if err := db.hot(ctx, func(t *wtx) error { n = t.w.walPages(); return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// writes does an own job and a hot one and checks what was counted.
	writes := func(step, region string, towns ...string) {
		t.Helper()
		p0 := pages()
		s0 := db.WriteStats()
		if _, err := db.CreateRegion(ctx, Author{Key: "slack:U1", Platform: bot.Slack}, region, towns); err != nil {
			t.Fatal(err) // an own job
		}
		if _, err := db.LogAnswer(ctx, AnswerLog{Question: "hva er en region?", Lang: "nb", Answered: true, Path: "faq"}); err != nil {
			t.Fatal(err) // a hot job
		}
		s1, p1 := db.WriteStats(), pages()
		if got := s1.Commits - s0.Commits; got != 2 {
			t.Errorf("%s: commits %d, want 2", step, got)
		}
		if got := s1.WALFrames - s0.WALFrames; p1 <= p0 || got != p1-p0 {
			t.Errorf("%s: %d WAL frames counted, the connection wrote %d (%d -> %d)", step, got, p1-p0, p0, p1)
		}
	}
	// The writer's connection comes from the pool, whose connections ran
	// the migrations: its count did not start at 0 with the writer, and
	// only what the writer's commits wrote is counted.
	if p := pages(); p <= 0 || db.WriteStats().WALFrames != 0 {
		t.Errorf("an empty commit on a connection that had written %d pages: %d WAL frames counted, want 0", p, db.WriteStats().WALFrames)
	}
	writes("first writes", "Salten", "Bodø", "Fauske", "Saltdal")
	writes("more writes", "Ofoten", "Narvik", "Evenes", "Lødingen")
	s2 := db.WriteStats()
	db.writer().checkpoint()
	if got := db.WriteStats().Checkpoints - s2.Checkpoints; got != 1 {
		t.Errorf("checkpoints: %d, want 1", got)
	}
}

// A shared commit of answers from three municipalities to one gathering
// writes one leaf of the answer history's index (090: by gathering), not
// one per municipality; and the readers by gathering still use it.
func TestHistoryIndexOnePagePerCommit(t *testing.T) {
	db := claimDB(t, filepath.Join(t.TempDir(), "k.db"))
	defer db.Close()
	ctx := context.Background()
	a := Author{Key: "slack:U1", Platform: bot.Slack}
	towns := []string{"Bodø", "Fauske", "Saltdal"}
	r, err := db.CreateRegion(ctx, a, "Salten", towns)
	if err != nil {
		t.Fatal(err)
	}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø", RegionID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	// A long history, so that each municipality's answers fill leaves of
	// their own in an index by (gathering, municipality).
	for i := range 30 {
		if err := db.hot(ctx, func(t *wtx) error {
			for j := range 100 {
				if _, err := db.setRSVP(t, a, RSVPInput{GatheringID: g.ID, Municipality: towns[(i+j)%3], Answer: AnswerYes, Headcount: 1 + j%4, At: claimNow}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	var frames []int64
	for i := range 9 {
		s0 := db.WriteStats()
		if err := db.hot(ctx, func(t *wtx) error {
			for _, town := range towns {
				if _, err := db.setRSVP(t, a, RSVPInput{GatheringID: g.ID, Municipality: town, Answer: AnswerYes, Headcount: 1 + i%4, At: claimNow}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		frames = append(frames, db.WriteStats().WALFrames-s0.WALFrames)
	}
	slices.Sort(frames)
	// rsvps, the history, its index, now and then page 1 or an inner page:
	// by (gathering, municipality) the index alone was three.
	if med := frames[len(frames)/2]; med > 4 {
		t.Errorf("a commit of three municipalities' answers: median %d WAL pages (%v), want at most 4", med, frames)
	}
	for _, q := range []string{
		`SELECT answered_by FROM rsvp_history WHERE gathering_id = 1 AND answered_by IS NOT NULL GROUP BY answered_by ORDER BY MIN(id)`,
		`SELECT id FROM rsvp_history WHERE gathering_id = 1 AND municipality_id = 2 ORDER BY id`,
	} {
		var plan []string
		rows, err := db.r.Query("EXPLAIN QUERY PLAN " + q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, nu int
			var detail string
			rows.Scan(&id, &parent, &nu, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		if !strings.Contains(strings.Join(plan, "; "), "INDEX rsvp_history_gathering") {
			t.Errorf("%s: plan %q does not use the gathering index", q, plan)
		}
	}
}
