// Command walmap says whose pages a kulturbot database's WAL holds: it
// reads the frame headers of DB-wal (the frames of the current WAL, up to
// the first frame of an older one), names each frame's page by the b-tree
// it belongs to (SQLite's dbstat table, read from a copy of the database
// with its WAL), and prints the frames per b-tree, in all and per commit.
// Leave a WAL to read by stopping the bot with SIGKILL under load (a
// clean stop checkpoints it away); docs/operations.md "Round 9: write
// cost".
//
//	go run ./scripts/walmap /path/to/kulturbot.db
package main

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	_ "modernc.org/sqlite"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: walmap DB (DB-wal beside it)")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "walmap:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	wal, err := os.ReadFile(path + "-wal")
	if err != nil {
		return err
	}
	pages, commits, err := frames(wal)
	if err != nil {
		return err
	}
	// A copy: opening the database replays its WAL into the copy, and the
	// original stays as the bot left it.
	dir, err := os.MkdirTemp("", "walmap")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cp := filepath.Join(dir, "k.db")
	db0, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := os.WriteFile(cp, db0, 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(cp+"-wal", wal, 0o600); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", cp)
	if err != nil {
		return err
	}
	defer db.Close()
	owner := map[uint32]string{1: "(page 1: the header)"}
	rows, err := db.Query(`SELECT name, pageno FROM dbstat`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		var p uint32
		if err := rows.Scan(&name, &p); err != nil {
			return err
		}
		if p != 1 {
			owner[p] = name
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	count := map[string]int{}
	for _, p := range pages {
		name, ok := owner[p]
		if !ok {
			name = "(free now)"
		}
		count[name]++
	}
	names := make([]string, 0, len(count))
	for n := range count {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return count[names[i]] > count[names[j]] })
	fmt.Printf("%d frames in %d commits (%.1f a commit)\n", len(pages), commits, float64(len(pages))/float64(max(commits, 1)))
	for _, n := range names {
		fmt.Printf("  %-28s %7d  %6.2f a commit\n", n, count[n], float64(count[n])/float64(max(commits, 1)))
	}
	return nil
}

// frames returns the page number of every frame of the current WAL (the
// frames carrying the header's salts; after a restart of the WAL, older
// frames past the new ones carry other salts) and how many of them end a
// commit.
func frames(wal []byte) (pages []uint32, commits int, err error) {
	if len(wal) < 32 {
		return nil, 0, fmt.Errorf("no WAL header (%d bytes)", len(wal))
	}
	if m := binary.BigEndian.Uint32(wal); m != 0x377f0682 && m != 0x377f0683 {
		return nil, 0, fmt.Errorf("not a WAL (magic %#x)", m)
	}
	size := int(binary.BigEndian.Uint32(wal[8:12]))
	salt := wal[16:24]
	for off := 32; off+24+size <= len(wal); off += 24 + size {
		h := wal[off : off+24]
		if string(h[8:16]) != string(salt) {
			break
		}
		pages = append(pages, binary.BigEndian.Uint32(h[0:4]))
		if binary.BigEndian.Uint32(h[4:8]) != 0 {
			commits++
		}
	}
	return pages, commits, nil
}
