package store

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// BenchmarkAnswerLogWrite is the store's part of a /faq: the answer-log
// row and its replay-guard id, logged behind the answer and written by
// the writer in batches of 256 (about what 50 ms of /faq at c=64 on one
// core makes). Per row: the time, allocations, statements.
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
		Answer: "Fristen for å melde interesse er 15. september. Det gjøres med /interesse i Slack eller på nettsiden.", Author: Author{Key: "slack:U042", Platform: bot.Slack}}
	ids := make([]string, b.N)
	for i := range ids {
		ids[i] = bot.SignedEventID(strconv.Itoa(1_780_000_000+i/1000), "v0="+strconv.Itoa(i)+"0123456789abcdef0123456789abcdef0123456789abcdef0123456789")
	}
	b.ReportAllocs()
	b.ResetTimer()
	st0 := db.writer().statements
	for i := 0; i < b.N; i++ {
		if _, err := db.LogAnswerLater(bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: ids[i]}), a); err != nil {
			b.Fatal(err)
		}
		if i%256 == 255 || i == b.N-1 {
			if err := db.AnswersWritten(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(db.writer().statements-st0)/float64(b.N), "stmts/row")
}
