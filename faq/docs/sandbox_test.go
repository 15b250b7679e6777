package docs

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// sandboxTestEnv makes the test binary the sandbox child (see TestMain).
const sandboxTestEnv = "KULTURBOT_DOCS_TEST_SANDBOX"

// sandboxArgv re-executes this test binary as the PDF reader process.
func sandboxArgv(t *testing.T) []string {
	t.Helper()
	t.Setenv(sandboxTestEnv, "1")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return []string{exe}
}

// wantLimit runs parse and checks it ends within 10 s (times raceSlowdown)
// with the limit named (want, or one of also).
func wantLimit(t *testing.T, want Limit, parse func() (parsed, error), also ...Limit) {
	t.Helper()
	start := time.Now()
	_, err := parse()
	el := time.Since(start)
	le, ok := IsLimit(err)
	if !ok {
		t.Fatalf("err = %v, want a %s LimitError", err, want)
	}
	if le.Limit != want && !slices.Contains(also, le.Limit) {
		t.Fatalf("limit = %s (%v), want %s", le.Limit, err, want)
	}
	if bound := raceSlowdown * 10 * time.Second; el > bound {
		t.Fatalf("took %s, want under %s", el, bound)
	}
	t.Logf("%s after %s: %v", le.Limit, el.Round(time.Millisecond), err)
}

func TestHostilePDFsInProcess(t *testing.T) {
	ctx := context.Background()
	for name, want := range map[string]Limit{"cycle.pdf": LimitCycle, "count.pdf": LimitPages, "bomb.pdf": LimitInflated} {
		t.Run(strings.TrimSuffix(name, ".pdf"), func(t *testing.T) {
			content := hostile(t, name)
			wantLimit(t, want, func() (parsed, error) { return parsePDF(ctx, content, PDFLimits{}) })
		})
	}
}

func TestHostilePDFsSandboxed(t *testing.T) {
	argv := sandboxArgv(t)
	ctx := context.Background()
	for name, want := range map[string]Limit{"cycle.pdf": LimitCycle, "count.pdf": LimitPages, "bomb.pdf": LimitInflated} {
		t.Run(strings.TrimSuffix(name, ".pdf"), func(t *testing.T) {
			content := hostile(t, name)
			wantLimit(t, want, func() (parsed, error) { return parsePDFSandboxed(ctx, argv, content, PDFLimits{}) })
		})
	}
	// With the inflate budget out of the way, the bomb meets the memory
	// limit the kernel enforces on the child, or the deadline: either way
	// the parent lives and says which.
	t.Run("bomb/MemoryLimit", func(t *testing.T) {
		content := smallBomb(t, 200<<20)
		lim := PDFLimits{MaxInflated: 8 << 30, MaxMemory: 128 << 20, Timeout: raceSlowdown * 8 * time.Second}
		var also []Limit
		if raceEnabled {
			// The instrumented child may not reach the memory limit
			// before the deadline: alone it did after 15 s, during
			// go test -race ./... on the shared machine not within 64 s.
			// Either way the parent lives and names the limit, which is
			// what this checks under -race; without it, memory only.
			also = append(also, LimitTimeout)
		}
		wantLimit(t, LimitMemory, func() (parsed, error) { return parsePDFSandboxed(ctx, argv, content, lim) }, also...)
	})
	t.Run("bomb/Deadline", func(t *testing.T) {
		content := hostile(t, "bomb.pdf")
		lim := PDFLimits{MaxInflated: 8 << 30, Timeout: 300 * time.Millisecond}
		wantLimit(t, LimitTimeout, func() (parsed, error) { return parsePDFSandboxed(ctx, argv, content, lim) })
	})
}

// smallBomb is bomb.pdf with a string of n bytes: small enough to inflate
// quickly, large enough that the reader needs more than 128 MB for it.
func smallBomb(t *testing.T, n int) []byte {
	t.Helper()
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zw.Write([]byte("BT /F1 12 Tf 72 700 Td ("))
	chunk := bytes.Repeat([]byte("A"), 1<<20)
	for i := 0; i < n>>20; i++ {
		zw.Write(chunk)
	}
	zw.Write([]byte(") Tj ET\n"))
	zw.Close()
	return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
}

// TestSandboxReadsLikeInProcess: a good PDF gives the same blocks either way.
func TestSandboxReadsLikeInProcess(t *testing.T) {
	argv := sandboxArgv(t)
	ctx := context.Background()
	want, err := parsePDF(ctx, testPDF(), PDFLimits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := parsePDFSandboxed(ctx, argv, testPDF(), PDFLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if got.title != want.title || got.pages != want.pages || len(got.blocks) != len(want.blocks) {
		t.Fatalf("sandbox %q/%d/%d blocks, in-process %q/%d/%d", got.title, got.pages, len(got.blocks), want.title, want.pages, len(want.blocks))
	}
	for i := range want.blocks {
		if got.blocks[i] != want.blocks[i] {
			t.Fatalf("block %d: %+v, want %+v", i, got.blocks[i], want.blocks[i])
		}
	}
}

// TestSandboxKillsStuckReader: a child stuck where it checks nothing (the
// library spinning inside its own code) is killed at the deadline.
func TestSandboxKillsStuckReader(t *testing.T) {
	argv := sandboxArgv(t)
	t.Setenv(sandboxTestEnv+"_HANG", "1")
	lim := PDFLimits{Timeout: 200 * time.Millisecond}
	wantLimit(t, LimitTimeout, func() (parsed, error) {
		return parsePDFSandboxed(context.Background(), argv, testPDF(), lim)
	})
}

// TestSandboxCancelled: the bot shutting down ends the child at once and
// is not reported as a limit.
func TestSandboxCancelled(t *testing.T) {
	argv := sandboxArgv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	lim := PDFLimits{MaxInflated: 8 << 30, Timeout: 30 * time.Second}
	start := time.Now()
	_, err := parsePDFSandboxed(ctx, argv, hostile(t, "bomb.pdf"), lim)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's context error", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("took %s after the caller gave up", el)
	}
}

// TestIngestHostilePDF: the library's ingest (what /kulturbot dokument and
// `kulturbot ingest` call) refuses each crafted file with the limit named
// and stores nothing.
func TestIngestHostilePDF(t *testing.T) {
	argv := sandboxArgv(t)
	db := openDB(t)
	l := New(db, Options{PDFSandbox: argv})
	defer l.Close()
	ctx := context.Background()
	for name := range hostilePDFs {
		start := time.Now()
		_, err := l.Ingest(ctx, name, "", hostile(t, name), "test")
		if _, ok := IsLimit(err); !ok {
			t.Fatalf("%s: err = %v, want a LimitError", name, err)
		}
		if el := time.Since(start); el > raceSlowdown*10*time.Second {
			t.Fatalf("%s: %s", name, el)
		}
	}
	ds, err := l.List(ctx)
	if err != nil || len(ds) != 0 {
		t.Fatalf("documents after refused ingests: %v %v", ds, err)
	}
}

// FuzzParsePDF: no input may panic out of the reader, hang it or make it
// ignore its limits. Seeds: a good PDF and the crafted hostile ones.
func FuzzParsePDF(f *testing.F) {
	f.Add(testPDF())
	for name := range hostilePDFs {
		f.Add(hostile(f, name))
	}
	lim := PDFLimits{Timeout: 2 * time.Second, MaxPages: 50, MaxInflated: 4 << 20}
	f.Fuzz(func(t *testing.T, content []byte) {
		done := make(chan error, 1)
		go func() {
			_, err := parsePDF(context.Background(), content, lim)
			done <- err
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("parsePDF still running 10 s after start (limit %s)", lim.Timeout)
		}
	})
}
