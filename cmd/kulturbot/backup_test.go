package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBackupCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	out := filepath.Join(dir, "backup.db")
	var stdout, stderr bytes.Buffer
	if code := Main(context.Background(), []string{"--db", db, "backup", out}, noEnv, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "integrity ok") {
		t.Fatalf("stdout %q", stdout.String())
	}
	before, err := os.ReadFile(out)
	if err != nil || len(before) == 0 {
		t.Fatalf("backup file: %v", err)
	}
	// A second backup to the same file is refused and leaves it alone.
	stdout.Reset()
	stderr.Reset()
	if code := Main(context.Background(), []string{"--db", db, "backup", out}, noEnv, strings.NewReader(""), &stdout, &stderr); code == 0 {
		t.Fatal("overwrote an existing backup")
	}
	if !strings.Contains(stderr.String(), "already exists") {
		t.Fatalf("stderr %q", stderr.String())
	}
	after, _ := os.ReadFile(out)
	if !bytes.Equal(before, after) {
		t.Fatal("existing backup changed")
	}
	stderr.Reset()
	if code := Main(context.Background(), []string{"--db", db, "backup"}, noEnv, strings.NewReader(""), &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), "usage") {
		t.Fatalf("missing FILE: exit %d, %q", code, stderr.String())
	}
}
