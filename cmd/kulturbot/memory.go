package main

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"time"
)

// defaultGOGC is the garbage collector's target when GOGC is not set: the
// heap may grow to 1.4× what is live after a collection instead of Go's
// 2×. The bot's live heap is small (about 4 MiB after start, 6 MiB at 64
// concurrent requests: the FAQ index, the municipality register, the
// connections), so the difference is a few MiB of peak RSS — measured on
// one core at c=64 (docs/operations.md "One core"): peak RSS 45.3 → 41.0
// MiB — for a few per cent more CPU spent collecting. A memory limit
// (GOMEMLIMIT) is not set by default: a document upload can need a larger
// heap for a moment, and a limit below that makes the collector run
// continuously. Both stay overridable with Go's own variables.
//
// Round 7: 40 (was 50). Round 7's work (the relit automaton's states, a
// larger binary, the answer log's batch) put peak RSS at 40.3–41.6 MiB
// under /faq c=64 on one core; GOGC=40 brings it back to 39.4–39.6 for no
// worse tail: `ROUNDS=3 KIND=faq scripts/abtail.sh "g50|bin"
// "g40|bin|GOGC=40"`, quiet machine, p99 17.4–19.4 ms at 50 and
// 16.7–20.7 ms at 40 (docs/operations.md).
//
// Round 8: the serving bot sets GOGC from its live heap instead
// (keepTuningGC, gcHeadroom below), never under this value; 40 stays for
// the one-shot subcommands and until the bot serves.
const defaultGOGC = 40

// tuneGC applies defaultGOGC unless the environment sets GOGC. Main calls
// it once the App is built: building the FAQ index allocates several times
// the heap it leaves live, and collecting at 50 % during it cost 30–40 ms
// more CPU to /healthz ready (110 → 150 ms median, `/proc/PID/stat`, 4
// starts each) for no lower peak (the peak is reached under load). The
// setting is the process's; tests that run Main share it, harmlessly.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGOGC)
	}
}

// startGOGC is the collector's target while the App is built: parsing the
// corpus and building the FAQ index allocate about 12 MB, three times what
// stays live, and at Go's default 100 the collector ran several times
// during it. Measured on one core, existing database, 2 × 10 starts each
// (docs/operations.md "One core", cold start round 3): median ready
// 87/87 ms at 100, 78/82 ms at 200, 76/75 ms at 400; VmHWM right after
// start 33.6, 35.2 and 39.2 MB. 200 takes most of the gain without
// bringing the start-up peak near the 40 MiB RSS target.
const startGOGC = 200

// startGC applies startGOGC unless the environment sets GOGC. Main calls
// it before NewApp and tuneGC after.
func startGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(startGOGC)
	}
}

// theProcess is set by main: Main runs as the bot's own process, not
// inside a test binary whose profiling settings are the test's.
var theProcess bool

// releaseEvery is how often the serving bot releases the binary's code
// and read-only data again (keepReleasing, Linux). Under load the binary's
// resident pages grow from ~13 MB at ready to ~18.5 MB: code and tables
// touched now and then (the collector's stack scans read the function
// tables of whatever is on a stack; the kernel maps 64 KiB around every
// fault). What is touched within 250 ms is back at once — 14–15 MB under
// /faq c=64 — the rest stops counting. They are clean file pages: they
// stay in the page cache and come back as minor faults (~750 a second
// more under that load, a fraction of a per cent of the core). Measured
// (docs/operations.md "Round 8: memory"): peak RSS under /faq c=64 on one
// core 39.0–39.6 → 36.3–36.4 MiB (100 ms: 36.1, 500 ms: 36.3–37.0, 1 s:
// 36.8–37.5).
const releaseEvery = 250 * time.Millisecond

// startDone lowers the running bot's resident memory once start-up is
// done and before it serves (docs/operations.md "One core: peak memory"):
//
//   - the binary's code and read-only data that only start-up touched
//     are released (releaseStartPages, Linux), and again every
//     releaseEvery while the bot runs;
//   - the runtime stops sampling allocations for heap profiles unless
//     the pprof endpoint is on: every sampled allocation site records its
//     stack in a 1.4 MiB hash table, one page of it per site, which made
//     about 1 MiB resident under load for a profile nobody can fetch.
//
// Only in the bot's own process (not in tests that run Main), and only
// when the bot serves (not for one-shot subcommands).
func startDone(ctx context.Context, cfg *Config, getenv func(string) string) {
	if !theProcess {
		return
	}
	if cfg.PprofAddr == "" {
		runtime.MemProfileRate = 0
	}
	keepReleasing(ctx, releaseEvery)
	keepTuningGC(ctx, getenv)
}

// gcHeadroom is how much garbage the serving bot's heap may gather between
// two collections, and minGOGC/maxGOGC bound the GOGC that buys it.
// The number of collections is bytes allocated per second ÷ the headroom,
// and each one costs the only core a stop-the-world pause and a mark phase
// (docs/operations.md "round 7, end": the /faq tail's stalls are the
// collector's). A GOGC fixed at 40 gave about 4 MiB of headroom under load
// (goal 1.4 × ~8 MiB marked + stacks + globals) and ~10 cycles a second
// under /faq c=64; a headroom in MiB keeps the garbage per cycle — and so
// the collector's share — the same however much the heap holds. The
// release of the binary's pages (releaseEvery) made the room for it.
// The floor keeps a large heap (a document upload) no laxer than GOGC 40
// was; the cap keeps a nearly empty heap from waiting for 10× its size.
// The headroom is also cut while the RSS is over rssBudget.
const (
	gcHeadroom = 6 << 20
	minGOGC    = defaultGOGC
	maxGOGC    = 200
)

// rssBudget is the resident memory the serving bot steers its headroom
// by: issue 16's bar is 40 MiB under load, and the budget keeps 2 MiB for
// what happens between two looks. How much of the binary stays resident
// between two releases grows with the request rate (docs/operations.md
// "Round 8: memory"), so the room for the heap is not known ahead: while
// the highest RSS of the last second is over the budget, the headroom
// shrinks by 1 MiB a look, down to none (GOGC minGOGC, round 7's
// setting); while it is more than 1 MiB under, it grows by 256 KiB a look
// back to gcHeadroom.
const rssBudget = 38 << 20

// nextHeadroom is the headroom after h when the highest recent RSS is rss
// (0: not known, as off Linux).
func nextHeadroom(h, rss uint64) uint64 {
	switch {
	case rss == 0:
		return gcHeadroom
	case rss > rssBudget:
		return h - min(h, 1<<20)
	case rss+1<<20 < rssBudget:
		return min(gcHeadroom, h+256<<10)
	}
	return h
}

// headroomGOGC is the GOGC that puts the collector's goal headroom bytes
// above what the last collection marked: Go's goal is marked + (marked +
// stacks + globals) × GOGC/100.
func headroomGOGC(headroom, marked, stacks, globals uint64) int {
	base := marked + stacks + globals
	if base == 0 {
		return maxGOGC
	}
	return max(minGOGC, min(maxGOGC, int(headroom*100/base)))
}

// gcEvery is how often the serving bot re-reads the live heap and its RSS
// and sets GOGC from them (keepTuningGC): a few times per collection at
// the rates measured, and free when idle apart from the wake-up.
const gcEvery = 250 * time.Millisecond

// keepTuningGC sets GOGC from the live heap and the RSS (headroomGOGC,
// nextHeadroom) every gcEvery until ctx is done, unless the environment
// sets GOGC (then Go's own setting stands, as with tuneGC). GOMEMLIMIT
// from the environment still applies on top: the runtime takes the lower
// goal.
func keepTuningGC(ctx context.Context, getenv func(string) string) {
	if getenv("GOGC") != "" {
		return
	}
	samples := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/scan/stack:bytes"},
		{Name: "/gc/scan/globals:bytes"},
	}
	cur := -1
	// Half the headroom to begin with: it grows to all of it in about
	// three seconds while the RSS stays well under the budget, so the
	// first climb under load (which the budget is too slow to catch)
	// starts from less.
	headroom := uint64(gcHeadroom / 2)
	var recent [4]uint64 // the RSS at the last four looks: one second
	look := 0
	set := func() {
		recent[look%len(recent)] = residentBytes()
		look++
		headroom = nextHeadroom(headroom, slices.Max(recent[:]))
		metrics.Read(samples)
		var v [3]uint64
		for i, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				v[i] = s.Value.Uint64()
			}
		}
		// Small moves are left alone: the goal moves with the
		// marked heap anyway.
		if p := headroomGOGC(headroom, v[0], v[1], v[2]); cur < 0 || p < cur-2 || p > cur+2 {
			debug.SetGCPercent(p)
			cur = p
		}
	}
	set()
	go func() {
		t := time.NewTicker(gcEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				set()
			}
		}
	}()
}
