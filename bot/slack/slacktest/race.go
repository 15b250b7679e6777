//go:build race

package slacktest

import "time"

// waitFor is how long Wait and WaitAck wait before they fail the test.
// Under the race detector a whole program started by a test (migrations,
// the FAQ index) runs several times slower, and with every package's tests
// running at once the first post came after more than 10 s (measured with
// go test -race ./... on the shared 2-core machine); it is a hang guard,
// not a timing assertion.
const waitFor = 80 * time.Second
