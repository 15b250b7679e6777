package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

func init() {
	register("backup", subcommand{
		help: "FILE: consistent online copy of the database (safe while the bot runs)",
		run:  runBackup,
	})
}

// runBackup writes a copy of the live database with VACUUM INTO, which
// reads one consistent snapshot while the running bot keeps writing, then
// checks the copy before calling it a backup.
func runBackup(ctx context.Context, a *App, args []string) error {
	if len(args) != 1 || args[0] == "" {
		return errors.New("usage: kulturbot backup FILE")
	}
	path := args[0]
	// Refuse to overwrite: an old backup is worth more than a typo.
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file name (nothing was overwritten)", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if err := a.DB.Backup(ctx, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := checkCopy(ctx, path); err != nil {
		return fmt.Errorf("backup %s is damaged: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Out, "backup written: %s (%d bytes, integrity ok)\n", path, fi.Size())
	return nil
}

// checkCopy runs SQLite's integrity check on the copy, read-only.
func checkCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return errors.New(res)
	}
	return nil
}
