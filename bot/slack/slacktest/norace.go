//go:build !race

package slacktest

import "time"

// waitFor is how long Wait and WaitAck wait before they fail the test
// (see race.go).
const waitFor = 10 * time.Second
