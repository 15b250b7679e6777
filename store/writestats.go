package store

import "sync/atomic"

// WriteStats counts what the writer put into the WAL since the DB was
// opened: the figures that say what a request costs the store whatever
// the machine's load (docs/operations.md "Round 9: write cost"). The
// binary serves them on /metrics.
type WriteStats struct {
	Commits     int64 // transactions the writer committed
	WALFrames   int64 // pages those commits wrote into the WAL
	Checkpoints int64 // WAL checkpoints run (beside the writer and in its turn)
}

// writeStats is the writer's side of WriteStats: written by the writer
// and the checkpointer, read by anyone.
type writeStats struct {
	commits, frames, checkpoints atomic.Int64
	// lastPages is the connection's page count at the last commit
	// (writer goroutine only).
	lastPages int64
}

// WriteStats returns the writer's counts so far.
func (db *DB) WriteStats() WriteStats {
	w := db.writer()
	return WriteStats{Commits: w.stats.commits.Load(), WALFrames: w.stats.frames.Load(), Checkpoints: w.stats.checkpoints.Load()}
}

// countCommit counts a commit and the WAL pages it wrote, pages being the
// connection's running count (walPages: -1 when it cannot tell; connect
// sets lastPages to the count the connection had when the writer took
// it).
func (s *writeStats) countCommit(pages int64) {
	s.commits.Add(1)
	if pages < 0 {
		return
	}
	s.frames.Add(pages - s.lastPages)
	s.lastPages = pages
}
