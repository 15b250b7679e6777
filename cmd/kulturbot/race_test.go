//go:build race

package main

// raceSlowdown scales the bounds of tests that check the program stays
// responsive (an upload of a hostile PDF ends within 10 s, questions
// meanwhile within 2 s): under the race detector the PDF reader child and
// the answer path run several times slower, and go test -race ./... on the
// shared 2-core machine measured 14 s and 2.04 s.
const raceSlowdown = 8
