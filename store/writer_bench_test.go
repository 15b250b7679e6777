package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"modernc.org/sqlite"
)

// BenchmarkRSVPWrite is the store's part of an /rsvp: SetRSVP with the
// request's replay guard, 200 users answering for three municipalities,
// from 1 or 64 goroutines. Besides time and allocations it reports what
// does not depend on how busy the machine is: statements, commits and WAL
// frames (pages written to the log) per answer.
//
//	go test ./store -run '^$' -bench RSVPWrite -benchmem -cpu 1
func BenchmarkRSVPWrite(b *testing.B) {
	for _, c := range []int{1, 64} {
		b.Run(fmt.Sprintf("c=%d", c), func(b *testing.B) { benchRSVPWrite(b, c) })
	}
}

func benchRSVPWrite(b *testing.B, conc int) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "k.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return claimNow }
	a := Author{Key: "slack:UADMIN", Platform: bot.Slack}
	towns := []string{"Bodø", "Fauske", "Saltdal"}
	r, err := db.CreateRegion(ctx, a, "Salten", towns)
	if err != nil {
		b.Fatal(err)
	}
	g, err := db.CreateGathering(ctx, a, NewGathering{Name: "Samling", Date: claimNow.AddDate(0, 1, 0), Place: "Bodø", RegionID: r.ID})
	if err != nil {
		b.Fatal(err)
	}
	var seq int64
	var mu sync.Mutex
	next := func() int64 { mu.Lock(); defer mu.Unlock(); seq++; return seq }
	answer := func(i int64) {
		u := fmt.Sprintf("U%03d", i%200)
		ctx := bot.WithClaim(ctx, &bot.Claim{Platform: "slack", ID: fmt.Sprintf("%d.%d.trigger", 1700000000+i*7919%100000, i)})
		_, err := db.SetRSVP(ctx, Author{Key: "slack:" + u, Name: u, Platform: bot.Slack},
			RSVPInput{GatheringID: g.ID, Municipality: towns[i%3], Answer: []string{AnswerYes, AnswerNo, AnswerMaybe}[i%3], Headcount: int(1 + i%4), At: claimNow})
		if err != nil {
			b.Error(err)
		}
	}
	for range 400 { // warm: every user and municipality known, the cache full
		answer(next())
	}
	w := db.writer()
	before, stmts, commits, cpu0 := frames(b, w), w.statements, w.hotCommits, cpuTime()
	b.ReportAllocs()
	b.ResetTimer()
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next()
				if i > int64(400+b.N) {
					return
				}
				answer(i)
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(cpuTime()-cpu0)/n, "cpu-ns/op")
	b.ReportMetric(float64(frames(b, w)-before)/n, "walframes/op")
	b.ReportMetric(float64(w.statements-stmts)/n, "stmts/op")
	b.ReportMetric(float64(w.hotCommits-commits)/n, "commits/op")
}

// frames is how many pages the writer's connection has written to the
// WAL (SQLITE_DBSTATUS_CACHE_WRITE), checkpoints or not. Called while the
// writer is idle.
func frames(b *testing.B, w *writer) int {
	var n int
	err := w.conn.Raw(func(dc any) error {
		var err error
		n, _, err = dc.(sqlite.DBStatus).Status(sqlite.DBStatusCacheWrite, false)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}
