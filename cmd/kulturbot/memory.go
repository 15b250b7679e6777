package main

import (
	"runtime"
	"runtime/debug"
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
// Round 8: still 40. A GOGC set from the live heap (6 MiB of headroom:
// half the collections) fitted under 40 MiB only with the binary's pages
// released every 250 ms, which lowers the number RSS counts but not the
// memory the bot needs, so it was removed. The round's smaller live heap
// left ~2 MiB of room against round 7 on a busy host (GOGC 50: +0.3 MiB,
// ~15 % fewer collections), but a quiet, faster host ran 1–3 MiB higher
// at the same setting, so the margin stays (docs/operations.md "Round 8:
// memory").
//
// Round 9: still 40. The live heap is ~1 MB smaller (relit's automata, the
// dashboard's template, Dedup's ids: peak RSS −2 MiB under /faq c=64 on a
// busy host); at the same GOGC that is a smaller headroom in bytes and
// slightly more, shorter cycles (docs/operations.md "Round 9: memory").
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

// startDone lowers the running bot's resident memory once start-up is
// done and before it serves (docs/operations.md "One core: peak memory"):
//
//   - the binary's code and read-only data that only start-up touched
//     are released (releaseStartPages, Linux);
//   - the runtime stops sampling allocations for heap profiles unless
//     the pprof endpoint is on: every sampled allocation site records its
//     stack in a 1.4 MiB hash table, one page of it per site, which made
//     about 1 MiB resident under load for a profile nobody can fetch.
//
// Only in the bot's own process (not in tests that run Main), and only
// when the bot serves (not for one-shot subcommands).
func startDone(cfg *Config) {
	if !theProcess {
		return
	}
	if cfg.PprofAddr == "" {
		runtime.MemProfileRate = 0
	}
	releaseStartPages()
}
