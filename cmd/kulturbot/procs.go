package main

import (
	"runtime"
	"sync"
)

// secondPDuring runs a WAL checkpoint (store.WithCheckpointAround) with a
// second Go processor (P) when the process has only one.
//
// A checkpoint is mostly system calls: ~2 per page copied back (pread from
// the WAL, pwrite to the file) and two fsyncs. A system call holds the
// runtime's P until it returns or the runtime's monitor takes the P back,
// which it checks every 20 µs to 10 ms (less often the longer nothing
// needed taking). With one P (the bot pinned to one core) the whole
// process stood still for each fsync: in a runtime trace of /rsvp at c=64,
// 52 ms of the checkpointer's system calls per second, the longest 9.2 and
// 8.7 ms (fsyncs), with 13 goroutines started anywhere in all that time,
// against ~20 per millisecond otherwise; in other traces the monitor took
// the P back from 13–44 ms calls after about 10 ms (docs/operations.md,
// "One core: the tail (round 5)").
//
// With a second P for the checkpoint's length, the checkpoint works and
// waits on one while the requests go on on the other, and the kernel
// shares the core between the two threads in slices of a few milliseconds.
// Measured on one quiet core (scripts/abtail.sh, /rsvp c=64, five
// alternated pairs): wall p99 22–26 ms with it against 25–32 ms without,
// lower in every pair, CPU per request the same, peak RSS +0.7 MiB. The
// default is restored after (a stop-the-world of a few microseconds each
// way, once per checkpoint). With more than one P nothing changes: another
// P runs the requests already. (Setting GOMAXPROCS stops the runtime from
// following CPU-affinity changes by itself afterwards; one P stays one P.)
//
// Not a lower-priority thread instead: a checkpointer at nice 5 (tried)
// holds up every stop-the-world while the kernel runs other things, and
// one run froze the whole process for a second.
func secondPDuring(run func()) {
	procsMu.Lock()
	defer procsMu.Unlock()
	if runtime.GOMAXPROCS(0) == 1 {
		runtime.GOMAXPROCS(2)
		defer runtime.GOMAXPROCS(1)
	}
	run()
}

// procsMu serialises the checkpoints of all databases in the process, so
// that one never puts GOMAXPROCS back under another that raised it too.
var procsMu sync.Mutex
