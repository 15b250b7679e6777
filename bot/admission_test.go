package bot

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// At most InFlight requests run at once, waiting requests are served in the
// order they arrived, and a request that finds the queue full is answered
// busy at once without reaching the handler.
func TestAdmissionBoundsOrdersAndTurnsAway(t *testing.T) {
	adm := NewAdmission(2, 3)
	release := make(chan struct{})
	var running, peak atomic.Int64
	var mu sync.Mutex
	var order []int
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := running.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		i, _ := strconv.Atoi(r.URL.Query().Get("i"))
		mu.Lock()
		order = append(order, i)
		mu.Unlock()
		<-release
		running.Add(-1)
		io.WriteString(w, "ok")
	})
	busy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	h := adm.Wrap(next, busy)
	codes := make([]int, 6)
	var wg sync.WaitGroup
	send := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("POST", "/?i="+strconv.Itoa(i), nil))
			codes[i] = rec.Code
		}()
	}
	// Two run, three wait — sent one at a time so their order is known.
	for i := range 5 {
		send(i)
		waitUntil(t, func() bool { return running.Load()+adm.waiting.Load() == int64(i+1) })
	}
	// The sixth finds the queue full.
	send(5)
	waitUntil(t, func() bool { return adm.Overloaded.Load() == 1 })
	// Free one slot at a time, and the next only once the request it let
	// in has started: with both slots freed at once, the two requests let
	// in race to record themselves, and under -race 3 was seen before 2.
	for k := 3; k <= 5; k++ {
		release <- struct{}{}
		waitUntil(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(order) == k })
	}
	close(release)
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Fatalf("%d requests ran at once, want 2", p)
	}
	if codes[5] != http.StatusServiceUnavailable {
		t.Fatalf("sixth request: %d, want 503", codes[5])
	}
	for i := range 5 {
		if codes[i] != http.StatusOK {
			t.Fatalf("request %d: %d", i, codes[i])
		}
	}
	// 0 and 1 got the free slots; 2, 3, 4 waited and were served in order.
	if order[2] != 2 || order[3] != 3 || order[4] != 4 {
		t.Fatalf("served in order %v, want the waiting ones 2, 3, 4 in arrival order", order)
	}
}

// A request whose client went away while it waited leaves the queue and
// is never run.
func TestAdmissionCancelledWhileWaiting(t *testing.T) {
	adm := NewAdmission(1, 5)
	if !adm.Enter(context.Background()) {
		t.Fatal("first Enter refused")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan bool)
	go func() { done <- adm.Enter(ctx) }()
	waitUntil(t, func() bool { return adm.waiting.Load() == 1 })
	cancel()
	if <-done {
		t.Fatal("a cancelled wait was admitted")
	}
	if adm.waiting.Load() != 0 {
		t.Fatalf("waiting = %d after cancel", adm.waiting.Load())
	}
	adm.Leave()
	if !adm.Enter(context.Background()) {
		t.Fatal("slot not free after Leave")
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}
