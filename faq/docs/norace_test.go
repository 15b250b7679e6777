//go:build !race

package docs

// See race_test.go.
const (
	raceSlowdown = 1
	raceEnabled  = false
)
