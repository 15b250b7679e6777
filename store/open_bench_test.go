package store

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkOpenNew opens a new database file: the migrations and the
// register sync, i.e. the store's part of a first start.
func BenchmarkOpenNew(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		db, err := Open(ctx, filepath.Join(dir, strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkOpenExisting opens an already migrated database.
func BenchmarkOpenExisting(b *testing.B) {
	path := filepath.Join(b.TempDir(), "k.db")
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
