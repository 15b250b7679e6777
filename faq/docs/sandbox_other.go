//go:build !linux

package docs

import (
	"time"
)

// limitProcess is a no-op where there are no rlimits to set; the deadline
// and the in-process limits still apply.
func limitProcess(int64, time.Duration) error { return nil }
