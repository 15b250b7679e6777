package main

import (
	"slices"
	"sort"
	"time"
)

// timed is one request: when it was sent (from the run's start) and how
// long its answer took.
type timed struct{ at, lat time.Duration }

// tail describes the slowest 1 % of a run's requests (tailShape).
type tail struct {
	slow                int           // requests at or over the p99
	windows, allWindows int           // 10-ms windows (by send time) they fall in, and the run's
	servedSlow          int           // median requests completed while one of them was outstanding
	servedMid           int           // the same for the requests of median latency (±5 %)
	perSlow, perMid     time.Duration // median latency per request completed in its life
}

// tailShape tells two kinds of tail apart (docs/operations.md "Round 10:
// the tail's shape"). When the slowest requests wait behind more
// requests than the median one does (served out of order, or a stall
// that lets a queue build), servedSlow is larger than servedMid. When
// they wait behind as many but each completion takes longer — work
// besides the requests, or the server's core running slower for a while
// — servedSlow ≈ servedMid and perSlow > perMid; a cause that comes and
// goes puts the slowest requests in a few windows rather than spread
// over the run. Completions are counted from the answers' arrival here,
// so the load generator's own pauses count as the server's.
func tailShape(reqs []timed) (tail, bool) {
	if len(reqs) < 200 {
		return tail{}, false
	}
	lats := make([]time.Duration, len(reqs))
	ends := make([]time.Duration, len(reqs))
	var last time.Duration
	for i, r := range reqs {
		lats[i], ends[i] = r.lat, r.at+r.lat
		last = max(last, r.at)
	}
	slices.Sort(lats)
	slices.Sort(ends)
	p50, p99 := lats[len(lats)/2], lats[len(lats)*99/100]
	// completed counts the answers that arrived after r was sent and
	// before its own.
	completed := func(r timed) int {
		a := sort.Search(len(ends), func(i int) bool { return ends[i] > r.at })
		b := sort.Search(len(ends), func(i int) bool { return ends[i] >= r.at+r.lat })
		return max(0, b-a)
	}
	type one struct {
		n   int
		per time.Duration
	}
	var slow, mid []one
	win := map[time.Duration]bool{}
	for _, r := range reqs {
		var dst *[]one
		switch {
		case r.lat >= p99:
			dst = &slow
			win[r.at/(10*time.Millisecond)] = true
		case r.lat >= p50-p50/20 && r.lat <= p50+p50/20:
			dst = &mid
		default:
			continue
		}
		n := completed(r)
		*dst = append(*dst, one{n, r.lat / time.Duration(max(n, 1))})
	}
	if len(slow) == 0 || len(mid) == 0 {
		return tail{}, false
	}
	med := func(xs []one) (int, time.Duration) {
		ns := make([]int, len(xs))
		ps := make([]time.Duration, len(xs))
		for i, x := range xs {
			ns[i], ps[i] = x.n, x.per
		}
		slices.Sort(ns)
		slices.Sort(ps)
		return ns[len(ns)/2], ps[len(ps)/2]
	}
	t := tail{slow: len(slow), windows: len(win), allWindows: int(last/(10*time.Millisecond)) + 1}
	t.servedSlow, t.perSlow = med(slow)
	t.servedMid, t.perMid = med(mid)
	return t, true
}
