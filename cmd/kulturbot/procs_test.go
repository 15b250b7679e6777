package main

import (
	"runtime"
	"testing"
)

// secondPDuring gives a one-P process a second P while the checkpoint
// runs, puts one back after, and leaves a process with more alone.
func TestSecondPDuring(t *testing.T) {
	// Read under the lock every checkpoint holds while GOMAXPROCS is
	// raised: another test's App may checkpoint at any time.
	procs := func() int {
		procsMu.Lock()
		defer procsMu.Unlock()
		return runtime.GOMAXPROCS(0)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var during int
	secondPDuring(func() { during = runtime.GOMAXPROCS(0) })
	if during != 2 {
		t.Errorf("GOMAXPROCS during a checkpoint in a one-P process: %d, want 2", during)
	}
	if n := procs(); n != 1 {
		t.Errorf("GOMAXPROCS after: %d, want 1", n)
	}
	runtime.GOMAXPROCS(3)
	secondPDuring(func() { during = runtime.GOMAXPROCS(0) })
	if n := procs(); during != 3 || n != 3 {
		t.Errorf("GOMAXPROCS 3: %d during, %d after", during, n)
	}
}
