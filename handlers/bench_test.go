package handlers_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// BenchmarkRSVP measures /rsvp answers through the router (dedup
// middleware included) on a real SQLite file, from parallel goroutines.
//
//	go test ./handlers -run '^$' -bench RSVP -benchtime 2s
func BenchmarkRSVP(b *testing.B) {
	e := newEnv(b)
	e.setup()
	// A national gathering, so 200 different municipalities may answer.
	e.ok("admin", `/samling ny navn="Nasjonal samling" dato=2025-03-06 sted="Oslo"`)
	names := e.db.Register().Entries()
	var seq atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := seq.Add(1)
			req := &bot.Request{User: bot.User{ID: fmt.Sprintf("U%d", i%200)}, EventID: fmt.Sprintf("ev%d", i)}
			rep := e.run(req, fmt.Sprintf("/rsvp 2 ja %d kommune=%s", i%50+1, names[i%200].Number))
			if rep.Error != nil {
				b.Fatal(rep.Text)
			}
		}
	})
}
