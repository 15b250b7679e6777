// Command tailtrace summarises a Go runtime trace of kulturbot under load
// (scripts/abtail.sh TRACE=1): how long the store's checkpointer ran and sat
// in system calls, how many other goroutines started meanwhile, and the
// stretches over 1 ms in which no other goroutine started ("freezes"), split
// by whether the checkpointer was running or in a system call then.
// A module of its own, so the bot does not depend on golang.org/x/exp.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/exp/trace"
)

func main() {
	f, _ := os.Open(os.Args[1])
	r, err := trace.NewReader(f)
	if err != nil {
		panic(err)
	}
	runStart := map[trace.GoID]trace.Time{}
	sysStart := map[trace.GoID]trace.Time{}
	isCk := map[trace.GoID]bool{}
	var ckRun, ckSys []float64
	ckActive := map[trace.GoID]bool{}
	othersDuringCk := 0
	inSys, othersDuringSys, startsAt, long, longOthers := 0, 0, 0, 0, 0
	longSum := 0.0
	var lastStart trace.Time
	ckTouched := false
	var gapCk, gapOther []float64
	var first, last trace.Time
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		if first == 0 {
			first = ev.Time()
		}
		last = ev.Time()
		if ev.Kind() != trace.EventStateTransition {
			continue
		}
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			continue
		}
		g := st.Resource.Goroutine()
		from, to := st.Goroutine()
		for fr := range ev.Stack().Frames() {
			if strings.Contains(fr.Func, "checkpointer") {
				isCk[g] = true
			}
		}
		for fr := range st.Stack.Frames() {
			if strings.Contains(fr.Func, "checkpointer") {
				isCk[g] = true
			}
		}
		if to == trace.GoRunning {
			runStart[g] = ev.Time()
			if !isCk[g] {
				for range ckActive {
					othersDuringCk++
					break
				}
			} else {
				ckActive[g] = true
			}
		}
		if from == trace.GoRunning {
			if t, ok := runStart[g]; ok && isCk[g] {
				ckRun = append(ckRun, float64(ev.Time()-t)/1e6)
			}
			delete(ckActive, g)
		}
		if to == trace.GoRunning && !isCk[g] && inSys > 0 {
			othersDuringSys++
		}
		if to == trace.GoRunning && !isCk[g] {
			if lastStart != 0 {
				gap := float64(ev.Time()-lastStart) / 1e6
				if gap > 1 {
					if ckTouched {
						gapCk = append(gapCk, gap)
					} else {
						gapOther = append(gapOther, gap)
					}
				}
			}
			lastStart = ev.Time()
			ckTouched = inSys > 0 || len(ckActive) > 0
		}
		if isCk[g] && (to == trace.GoSyscall || to == trace.GoRunning) {
			ckTouched = true
		}
		if to == trace.GoSyscall {
			sysStart[g] = ev.Time()
			if isCk[g] {
				inSys++
				startsAt = othersDuringSys
			}
		}
		if from == trace.GoSyscall {
			if t, ok := sysStart[g]; ok && isCk[g] {
				d := float64(ev.Time()-t) / 1e6
				ckSys = append(ckSys, d)
				if d > 1 {
					long++
					longOthers += othersDuringSys - startsAt
					longSum += d
				}
			}
			if isCk[g] && inSys > 0 {
				inSys--
			}
		}
	}
	sum := func(x []float64) (s float64) {
		for _, v := range x {
			s += v
		}
		return
	}
	top := func(x []float64) []float64 {
		sort.Sort(sort.Reverse(sort.Float64Slice(x)))
		if len(x) > 5 {
			x = x[:5]
		}
		return x
	}
	fmt.Printf("trace %.0f ms; checkpointer: running stretches %d total %.1f ms longest %.2v; syscalls %d total %.1f ms longest %.2v; other goroutines started while it ran: %d\n",
		float64(last-first)/1e6, len(ckRun), sum(ckRun), top(ckRun), len(ckSys), sum(ckSys), top(ckSys), othersDuringCk)
	fmt.Printf("  freezes (no other goroutine started for > 1 ms): while the checkpointer ran or was in a syscall: %d, %.1f ms, longest %.3v; otherwise: %d, %.1f ms, longest %.3v\n", len(gapCk), sum(gapCk), top(gapCk), len(gapOther), sum(gapOther), top(gapOther))
	fmt.Printf("  checkpointer syscalls > 1 ms: %d, %.1f ms in all; goroutines that started running meanwhile: %d; during all its syscalls: %d\n", long, longSum, longOthers, othersDuringSys)
}
