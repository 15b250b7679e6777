package leanhttp

import (
	"container/heap"
	"math/rand/v2"
	"net"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSequencerServesOldestFirst: requests registered in any order (the
// runtime runs a poll's connections newest first) go on oldest first. A
// request registered first and held (at -1) keeps the others waiting
// until all have registered, so the order does not depend on scheduling.
// With more than one P only that everyone goes on is checked: a goroutine
// can be descheduled between going on and noting that it did.
func TestSequencerServesOldestFirst(t *testing.T) {
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		var s sequencer
		hold := &waiter{at: -1, wake: make(chan struct{}, 1)}
		s.mu.Lock()
		heap.Push(&s.h, hold)
		s.mu.Unlock()
		const n = 200
		ats := rand.Perm(n)
		var mu sync.Mutex
		var got []int64
		var wg sync.WaitGroup
		for _, at := range ats {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w := &waiter{at: int64(at), wake: make(chan struct{}, 1)}
				s.wait(w)
				mu.Lock()
				got = append(got, w.at)
				mu.Unlock()
			}()
		}
		for {
			s.mu.Lock()
			k := len(s.h)
			s.mu.Unlock()
			if k == n+1 {
				break
			}
			time.Sleep(time.Millisecond)
		}
		s.mu.Lock()
		s.next()
		s.mu.Unlock()
		wg.Wait()
		runtime.GOMAXPROCS(old)
		if len(got) != n || procs == 1 && !slices.IsSorted(got) {
			t.Fatalf("GOMAXPROCS=%d: served in order %v, want oldest first", procs, got)
		}
		if len(s.h) != 0 {
			t.Fatalf("%d left registered", len(s.h))
		}
	}
}

// TestSequencerAlone: a lone request goes on at once, and again for the
// next request on the same connection.
func TestSequencerAlone(t *testing.T) {
	var s sequencer
	w := &waiter{wake: make(chan struct{}, 1)}
	for i := range 3 {
		w.at = int64(10 - i) // a stamp older than the last one's is fine too
		s.wait(w)
	}
	if len(s.h) != 0 || len(w.wake) != 0 {
		t.Fatalf("heap %d, wake %d: want both empty", len(s.h), len(w.wake))
	}
}

// TestStampIsArrivalNotRead: the stamp of a read is when the data came
// in, not when it was read: data sent first on one connection and read
// last has the earlier stamp.
func TestStampIsArrivalNotRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("receive timestamps are read on Linux only")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	// The kernel starts stamping a little after the first socket asks
	// (a deferred work item, late on a busy host): a connection that
	// stays open asks until stamps come, so the two below get them.
	warm, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer warm.Close()
	warmS, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer warmS.Close()
	wr := newStampReader(warmS)
	if wr == nil {
		t.Fatal("no stamp reader on a TCP connection")
	}
	for i := 0; !wr.kernel; i++ {
		if i == 500 {
			t.Fatal("no kernel receive stamps after 5 s")
		}
		time.Sleep(10 * time.Millisecond)
		warm.Write([]byte("w"))
		if _, err := wr.Read(make([]byte, 16)); err != nil {
			t.Fatal(err)
		}
	}
	var server [2]net.Conn
	var client [2]net.Conn
	for i := range 2 {
		if client[i], err = net.Dial("tcp", ln.Addr().String()); err != nil {
			t.Fatal(err)
		}
		defer client[i].Close()
		if server[i], err = ln.Accept(); err != nil {
			t.Fatal(err)
		}
		defer server[i].Close()
	}
	r := [2]*stampReader{newStampReader(server[0]), newStampReader(server[1])}
	if r[0] == nil || r[1] == nil {
		t.Fatal("no stamp reader on a TCP connection")
	}
	client[0].Write([]byte("first"))
	time.Sleep(20 * time.Millisecond)
	client[1].Write([]byte("second"))
	time.Sleep(20 * time.Millisecond)
	buf := make([]byte, 16)
	for _, i := range []int{1, 0} { // read the later one first
		n, err := r[i].Read(buf)
		if err != nil || n == 0 {
			t.Fatalf("read %d: %d, %v", i, n, err)
		}
	}
	if a0, a1 := r[0].arrived(), r[1].arrived(); a0 == 0 || a0 >= a1 {
		t.Fatalf("stamps %d (sent first, read last) and %d: want the first earlier", a0, a1)
	}
	// A closed connection reads as EOF.
	client[0].Close()
	if n, err := r[0].Read(buf); n != 0 || err == nil {
		t.Fatalf("after close: %d, %v; want EOF", n, err)
	}
}

// BenchmarkSequencer: 64 goroutines passing the sequencer in turn, as 64
// connections at c=64 do; ns/op is the cost of one request's pass.
//
//	go test ./internal/leanhttp -run '^$' -bench Sequencer -cpu 1
func BenchmarkSequencer(b *testing.B) {
	var s sequencer
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &waiter{wake: make(chan struct{}, 1)}
			for next.Add(1) <= int64(b.N) {
				w.at = time.Now().UnixNano()
				s.wait(w)
			}
		}()
	}
	wg.Wait()
}
