//go:build race

package docs

// raceSlowdown scales the sandbox tests' deadlines under the race
// detector: its instrumented child runs the PDF reader several times
// slower and with several times the memory, so the 8 s within which a
// normal child reaches the memory limit is not enough (measured: about
// 30 s with -race on this 2-core machine under load).
const raceSlowdown = 8
