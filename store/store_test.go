package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kulturskoleradet/kulturbot/store"
)

// OpenTest opens a fresh database in a temp dir.
func openTest(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpenTwiceAppliesMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	for i := 0; i < 2; i++ {
		db, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if err := db.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

func TestFirstSeen(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	first, err := db.FirstSeen(ctx, "slack", "Ev1")
	if err != nil || !first {
		t.Fatalf("first = %v, %v; want true", first, err)
	}
	again, err := db.FirstSeen(ctx, "slack", "Ev1")
	if err != nil || again {
		t.Fatalf("again = %v, %v; want false", again, err)
	}
	if err := db.Forget(ctx, "slack", "Ev1"); err != nil {
		t.Fatal(err)
	}
	if first, _ := db.FirstSeen(ctx, "slack", "Ev1"); !first {
		t.Fatal("after Forget the event should be new again")
	}
}
