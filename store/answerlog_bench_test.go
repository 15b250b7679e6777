package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// BenchmarkAnswerLogWrite is the store's part of a /faq: the answer-log
// row and its replay-guard id, logged behind the answer and written by
// the writer in batches of answerQueueRows (what a /faq load makes). The
// guard ids are a Slack slash command's (bot.SignedEventID): a signature
// (random) after a timestamp shared by the 8,000 requests of a second,
// and the answer is a typical FAQ answer's length (~240 bytes). Per row:
// the time, allocations, statements and WAL pages.
//
//	go test ./store -run '^$' -bench AnswerLogWrite -benchmem -cpu 1
func BenchmarkAnswerLogWrite(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "k.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	a := AnswerLog{Question: "Når er fristen for å melde interesse?", Lang: "nb", Answered: true, Path: "faq", EntryID: "interessefrist", Score: 0.82,
		Answer: "Fristen for å melde interesse er 15. september. Det gjøres med /interesse i Slack eller på nettsiden. " +
			"Kommunene i en region melder interesse sammen, og fylkesavdelingen hjelper til med å finne samarbeidspartnere. " +
			"Spørsmål om fristen kan sendes til arbeidsgruppen.", Author: Author{Key: "slack:U042", Platform: bot.Slack}}
	ids := make([]string, b.N)
	for i := range ids {
		ids[i] = bot.SignedEventID(strconv.Itoa(1_780_000_000+i/8000), fmt.Sprintf("v0=%016x%048x", uint64(i)*0x9E3779B97F4A7C15, i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	st0, f0, cpu0 := db.writer().statements, db.WriteStats().WALFrames, cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := db.LogAnswerLater(bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: ids[i]}), a); err != nil {
			b.Fatal(err)
		}
		if i%answerQueueRows == answerQueueRows-1 || i == b.N-1 {
			if err := db.AnswersWritten(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/row")
	b.ReportMetric(float64(db.writer().statements-st0)/float64(b.N), "stmts/row")
	b.ReportMetric(float64(db.WriteStats().WALFrames-f0)/float64(b.N), "walframes/row")
}

// cpuTime is the process's user+system CPU time in nanoseconds: unlike
// the wall clock, not stretched by the host's other processes.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkGuardMerge is one merge turn of the replay guard (guard.go):
// guardMergeRows-1 signed ids (8,000 to a second, as under /faq load)
// moved from the ring into events in key order, in a writer transaction
// of its own. Per merge: the process's CPU (the writer's turn: on one
// core, CPU the requests wait for), the WAL pages, and how often the
// merge let other goroutines run (rawConn.execYielding).
//
//	go test ./store -run '^$' -bench GuardMerge -cpu 1
func BenchmarkGuardMerge(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "k.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	w := db.writer()
	n := 0
	var cpu, frames, yielded int64
	for i := 0; i < b.N; i++ {
		// One short of a turn the writer would take by itself.
		if err := db.hot(ctx, func(t *wtx) error {
			for range guardMergeRows - 1 {
				id := bot.SignedEventID(strconv.Itoa(1_780_000_000+n/8000), fmt.Sprintf("v0=%016x%048x", uint64(n)*0x9E3779B97F4A7C15, n))
				n++
				if _, err := t.w.claimID(guardExec{w: t.w}, "slack", id, "2026-12-04T05:00:00.000000Z"); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		// The writer goroutine is idle (its queue is empty, no turn is
		// due): take the turn the way it would.
		time.Sleep(time.Millisecond)
		f0, c0, y0 := db.WriteStats().WALFrames, cpuTime(), yields.Load()
		w.mergeTurn(true)
		cpu += cpuTime() - c0
		frames += db.WriteStats().WALFrames - f0
		yielded += yields.Load() - y0
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/merge")
	b.ReportMetric(float64(frames)/float64(b.N), "walframes/merge")
	b.ReportMetric(float64(yielded)/float64(b.N), "yields/merge")
}
