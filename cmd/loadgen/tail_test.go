package main

import (
	"testing"
	"time"
)

// closedLoop simulates c clients with no think time against one server
// that answers in order of arrival, each request taking service(now) —
// unless late(i) says the i-th request is set aside and answered after
// the next c others (served out of order).
func closedLoop(c, n int, service func(now time.Duration) time.Duration, late func(i int) bool) []timed {
	type req struct {
		at   time.Duration
		skip int
	}
	var queue []req
	for range c {
		queue = append(queue, req{})
	}
	var out []timed
	now := time.Duration(0)
	for i := 0; len(out) < n; i++ {
		r := queue[0]
		queue = queue[1:]
		if r.skip == 0 && late(i) {
			r.skip = 1
			queue = append(queue[:c-1:c-1], append([]req{r}, queue[c-1:]...)...)
			continue
		}
		now = max(now, r.at) + service(now)
		out = append(out, timed{r.at, now - r.at})
		queue = append(queue, req{at: now})
	}
	return out
}

func TestTailShapeSlowerCore(t *testing.T) {
	// The core runs at half speed for 20 ms in every 200: the slowest
	// requests are those in the slow windows, behind as many others.
	svc := func(now time.Duration) time.Duration {
		if now%(200*time.Millisecond) < 20*time.Millisecond {
			return 280 * time.Microsecond
		}
		return 140 * time.Microsecond
	}
	ts, ok := tailShape(closedLoop(64, 30000, svc, func(int) bool { return false }))
	if !ok {
		t.Fatal("no shape")
	}
	t.Logf("%+v", ts)
	if ts.windows*5 > ts.allWindows {
		t.Errorf("slowest in %d of %d windows: want clustered", ts.windows, ts.allWindows)
	}
	if d := ts.servedSlow - ts.servedMid; d < -3 || d > 3 {
		t.Errorf("completed in their life %d against %d: want the same", ts.servedSlow, ts.servedMid)
	}
	if ts.perSlow < ts.perMid*3/2 {
		t.Errorf("per completion %v against %v: want longer", ts.perSlow, ts.perMid)
	}
}

func TestTailShapeOutOfOrder(t *testing.T) {
	// Same speed throughout, but 2 % of requests are set aside once.
	svc := func(time.Duration) time.Duration { return 140 * time.Microsecond }
	ts, ok := tailShape(closedLoop(64, 30000, svc, func(i int) bool { return i%50 == 7 }))
	if !ok {
		t.Fatal("no shape")
	}
	t.Logf("%+v", ts)
	if ts.servedSlow < ts.servedMid*3/2 {
		t.Errorf("completed in their life %d against %d: want more for the slowest", ts.servedSlow, ts.servedMid)
	}
	if ts.windows*2 < ts.allWindows {
		t.Errorf("slowest in %d of %d windows: want spread over the run", ts.windows, ts.allWindows)
	}
}

func TestTailShapeTooFew(t *testing.T) {
	if _, ok := tailShape(make([]timed, 10)); ok {
		t.Error("a shape from 10 requests")
	}
}
