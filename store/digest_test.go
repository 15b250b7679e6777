package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
)

func TestDigestClaims(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 23, 7, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	start, end := now.AddDate(0, 0, -7), now

	claim := func(owner string, want store.Claim) {
		t.Helper()
		got, err := db.BeginDigest(ctx, store.DigestScheduled, start, end, "slack:C1", owner)
		if err != nil || got != want {
			t.Fatalf("BeginDigest(%s) = %q, %v; want %q", owner, got, err, want)
		}
	}
	claim("a", store.ClaimPost)
	claim("a", store.ClaimPost) // a retry by the same process
	claim("b", store.ClaimBusy) // another process while a is posting
	now = now.Add(store.Lease + time.Second)
	claim("b", store.ClaimPost) // a died: after the lease b may post
	if err := db.MarkDigestFailed(ctx, store.DigestScheduled, end, "slack:C1", "503"); err != nil {
		t.Fatal(err)
	}
	claim("c", store.ClaimPost) // failed: anyone retries at once
	if err := db.MarkDigestSent(ctx, store.DigestScheduled, end, "slack:C1"); err != nil {
		t.Fatal(err)
	}
	claim("c", store.ClaimSent)
	claim("d", store.ClaimSent)
	if err := db.MarkDigestFailed(ctx, store.DigestScheduled, end, "slack:C1", "late error"); err != nil {
		t.Fatal(err)
	}
	rec, ok, err := db.Digest(ctx, store.DigestScheduled, end, "slack:C1")
	if err != nil || !ok || rec.Status != store.StatusSent || rec.Attempts != 4 || rec.LastError != "" {
		t.Errorf("a sent digest must stay sent: %+v %v %v", rec, ok, err)
	}
	// A manual digest with the same end is a different record.
	if c, err := db.BeginDigest(ctx, store.DigestManual, start, end, "slack:C1", "a"); err != nil || c != store.ClaimPost {
		t.Errorf("manual claim %q %v", c, err)
	}
	if last, ok, err := db.LastDigestSent(ctx, "slack:C1"); err != nil || !ok || !last.Equal(end) {
		t.Errorf("LastDigestSent %v %v %v", last, ok, err)
	}
}

func TestReminderClaims(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Writer().Exec(`INSERT INTO gatherings (id, name, date, place, platform, created_at) VALUES (1, 'S', '2026-12-01', 'Bodø', 'console', '2026-11-01T00:00:00.000000Z')`); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.BeginReminder(ctx, 1, store.Reminder7d, "slack:C1", "a"); c != store.ClaimPost {
		t.Fatalf("first claim %q", c)
	}
	if c, _ := db.BeginReminder(ctx, 1, store.Reminder7d, "slack:C1", "b"); c != store.ClaimBusy {
		t.Fatalf("second process claim %q", c)
	}
	if err := db.MarkReminderSent(ctx, 1, store.Reminder7d, "slack:C1"); err != nil {
		t.Fatal(err)
	}
	if sent, err := db.ReminderSent(ctx, 1, store.Reminder7d, "slack:C1"); err != nil || !sent {
		t.Errorf("ReminderSent %v %v", sent, err)
	}
	if c, _ := db.BeginReminder(ctx, 1, store.Reminder1d, "slack:C1", "b"); c != store.ClaimPost {
		t.Errorf("the 1-day reminder is its own record: %q", c)
	}
}
