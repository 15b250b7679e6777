//go:build race

package docs

// Under the race detector the instrumented PDF reader child runs several
// times slower and with several times the memory: raceSlowdown scales the
// sandbox tests' deadlines and hang guards (alone, the child reached the
// 128 MB limit after 15 s, not within 8 s), and raceEnabled lets the
// memory-limit test accept the deadline (see there).
const (
	raceSlowdown = 8
	raceEnabled  = true
)
