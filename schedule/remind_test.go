package schedule_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// TestRemindersToMunicipalities: 7 and 1 days before the deadline, the
// people of a municipality that has not answered get a private message
// with the answer buttons, on their own platform, once each; the digest
// channel gets its summary as before.
func TestRemindersToMunicipalities(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	seed(t, db) // gathering 1 (Salten, deadline 26 November): Saltdal has not answered
	for _, end := range []string{"2026-11-16 08:00", "2026-11-23 08:00"} {
		db.BeginDigest(ctx, store.DigestScheduled, oslo(t, end).AddDate(0, 0, -7), oslo(t, end), "slack:C1", "test")
		db.MarkDigestSent(ctx, store.DigestScheduled, oslo(t, end), "slack:C1")
	}
	w := db.Writer()
	for _, q := range []string{
		// Saltdal (3): set as own municipality by a Slack user, registered
		// for by a Discord user (interest 2), and the same Slack user
		// answered for it once before (one message, not two).
		`INSERT INTO users (key, platform, user_id, municipality_id, updated_at) VALUES ('slack:USALT', 'slack', 'USALT', 3, '2026-11-01T10:00:00.000000Z')`,
		`UPDATE interests SET created_by = 'discord:900' WHERE id = 2`,
		`INSERT INTO rsvp_history (gathering_id, municipality_id, answer, headcount, answered_by, platform, created_at) VALUES (4, 3, 'ja', 2, 'slack:USALT', 'slack', '2026-09-01T10:00:00.000000Z')`,
		// Bodø (1) has answered gathering 1: its people get nothing.
		`INSERT INTO users (key, platform, user_id, municipality_id, updated_at) VALUES ('slack:UBODO', 'slack', 'UBODO', 1, '2026-11-01T10:00:00.000000Z')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	c := &clock{}
	sl, dc := &recorder{platform: bot.Slack}, &recorder{platform: bot.Discord}
	posters := bot.Posters{bot.Slack: sl, bot.Discord: dc}
	s := newScheduler(t, db, c, posters, "slack:C1")
	got := func() []string {
		var out []string
		for _, r := range []*recorder{sl, dc} {
			r.mu.Lock()
			for i, p := range r.posts {
				out = append(out, string(r.platform)+":"+r.channels[i]+" "+p.Title)
			}
			r.posts, r.channels = nil, nil
			r.mu.Unlock()
		}
		return out
	}
	c.Set(oslo(t, "2026-11-19 08:00"))
	if err := s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	sl.mu.Lock()
	var dm bot.Reply
	for i, ch := range sl.channels {
		if ch == "USALT" {
			dm = sl.posts[i]
		}
	}
	sl.mu.Unlock()
	want := "slack:C1 Påminnelse: svarfrist om en uke for Regionsamling Salten\nslack:USALT Påminnelse: svar på Regionsamling Salten innen en uke\ndiscord:900 Påminnelse: svar på Regionsamling Salten innen en uke"
	if g := strings.Join(got(), "\n"); g != want {
		t.Fatalf("7-day posts:\n%s\nwant\n%s", g, want)
	}
	if !strings.Contains(dm.Text, "Vi har ikke fått svar fra Saltdal") || !dm.Private || len(dm.Items) != 1 ||
		len(dm.Items[0].Buttons) != 3 || dm.Items[0].Buttons[0].Command != "/rsvp 1 ja kommune=Saltdal" {
		t.Errorf("dm = %+v", dm)
	}
	// Later the same day and after a restart: nothing again.
	c.Set(oslo(t, "2026-11-19 15:00"))
	s2 := newScheduler(t, db, c, posters, "slack:C1")
	if err := s2.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if g := got(); len(g) != 0 {
		t.Fatalf("sent twice: %q", g)
	}
	// Saltdal answers through the Slack user's button: no 1-day reminder
	// to its people, and none to the channel (everyone has answered).
	if _, err := db.SetRSVP(ctx, store.Author{Key: "slack:USALT", Platform: bot.Slack}, store.RSVPInput{GatheringID: 1, Municipality: "Saltdal", Answer: store.AnswerYes}); err != nil {
		t.Fatal(err)
	}
	c.Set(oslo(t, "2026-11-25 08:00"))
	if err := s2.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if g := got(); len(g) != 0 {
		t.Fatalf("reminded after answering: %q", g)
	}
}
