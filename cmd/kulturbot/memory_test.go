package main

import (
	"context"
	"runtime/debug"
	"testing"
)

// The binary's GOGC default applies only when GOGC is not set.
func TestTuneGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	tuneGC(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != defaultGOGC {
		t.Errorf("GOGC unset: GC percent %d, want %d", got, defaultGOGC)
	}
	tuneGC(func(k string) string {
		if k == "GOGC" {
			return "100"
		}
		return ""
	})
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=100 set: GC percent %d, want it left alone", got)
	}
}

// The serving bot's GOGC puts the collector's goal gcHeadroom above the
// marked heap, within minGOGC..maxGOGC.
func TestHeadroomGOGC(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		marked, stacks, globals uint64
		want                    int
	}{
		{8 * mib, 512 << 10, 512 << 10, 66}, // /faq c=64: 6 MiB over 9 MiB
		{6 * mib, 0, 0, 100},
		{2 * mib, 0, 0, maxGOGC},              // nearly empty: capped
		{60 * mib, 2 * mib, 1 * mib, minGOGC}, // a large heap: no laxer than before
		{0, 0, 0, maxGOGC},
	} {
		if got := headroomGOGC(gcHeadroom, c.marked, c.stacks, c.globals); got != c.want {
			t.Errorf("headroomGOGC(%d, %d, %d) = %d, want %d", c.marked, c.stacks, c.globals, got, c.want)
		}
	}
}

// keepTuningGC sets GOGC from the live heap at once, and leaves a GOGC
// from the environment alone.
func TestKeepTuningGC(t *testing.T) {
	old := debug.SetGCPercent(7)
	defer debug.SetGCPercent(old)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	keepTuningGC(ctx, func(k string) string {
		if k == "GOGC" {
			return "7"
		}
		return ""
	})
	if got := debug.SetGCPercent(7); got != 7 {
		t.Errorf("GOGC=7 set: GC percent %d, want it left alone", got)
	}
	keepTuningGC(ctx, func(string) string { return "" })
	got := debug.SetGCPercent(7)
	if got < minGOGC || got > maxGOGC {
		t.Errorf("GOGC unset: GC percent %d, want %d..%d", got, minGOGC, maxGOGC)
	}
}

// The headroom shrinks while the RSS is over the budget, down to none,
// and grows back to gcHeadroom while it is well under.
func TestNextHeadroom(t *testing.T) {
	const mib = 1 << 20
	h := uint64(gcHeadroom)
	for range 10 {
		h = nextHeadroom(h, rssBudget+mib)
	}
	if h != 0 {
		t.Errorf("over budget for 10 looks: headroom %d, want 0", h)
	}
	if p := headroomGOGC(h, 8*mib, 0, 0); p != minGOGC {
		t.Errorf("no headroom: GOGC %d, want %d", p, minGOGC)
	}
	if got := nextHeadroom(3*mib, rssBudget-mib/2); got != 3*mib {
		t.Errorf("just under budget: headroom %d, want it kept at %d", got, 3*mib)
	}
	for range 100 {
		h = nextHeadroom(h, rssBudget-2*mib)
	}
	if h != gcHeadroom {
		t.Errorf("well under budget: headroom %d, want %d", h, gcHeadroom)
	}
	if got := nextHeadroom(mib, 0); got != gcHeadroom {
		t.Errorf("RSS unknown: headroom %d, want %d", got, gcHeadroom)
	}
}
