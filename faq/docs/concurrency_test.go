package docs

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLLMConcurrencyIsCapped: ten questions at once reach a slow endpoint
// at most LLMConcurrency at a time.
func TestLLMConcurrencyIsCapped(t *testing.T) {
	var inFlight, peak, calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(150 * time.Millisecond)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []map[string]any{{"index": 0,
			"message": map[string]any{"role": "assistant", "content": "Hver region leverer en rapport innen 1. desember [1]."}}}})
	}))
	defer srv.Close()
	db := openDB(t)
	l := New(db, Options{BaseURL: srv.URL + "/v1", ChatModel: "m", Timeout: 10 * time.Second, CacheTTL: -1, LLMConcurrency: 2})
	defer l.Close()
	ingestAll(t, l)
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.Answer(context.Background(), "Når leverer regionene rapporten om arbeidet?", "nb")
		}()
	}
	wg.Wait()
	if calls.Load() == 0 {
		t.Fatal("the LLM was never asked; the test measures nothing")
	}
	if p := peak.Load(); p > 2 {
		t.Fatalf("%d LLM answers in flight at once, cap is 2", p)
	}
	t.Logf("%d calls, peak %d in flight", calls.Load(), peak.Load())
}

// TestStopLLMEndsCallsInFlight: at shutdown an answer waiting on a slow
// endpoint returns at once with the passage instead of waiting out its
// timeout.
func TestStopLLMEndsCallsInFlight(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	db := openDB(t)
	l := New(db, Options{BaseURL: srv.URL + "/v1", ChatModel: "m", Timeout: 30 * time.Second, CacheTTL: -1})
	defer l.Close()
	ingestAll(t, l)
	done := make(chan time.Duration, 1)
	start := time.Now()
	go func() {
		l.Answer(context.Background(), "Når leverer regionene rapporten om arbeidet?", "nb")
		done <- time.Since(start)
	}()
	time.Sleep(200 * time.Millisecond)
	l.StopLLM()
	select {
	case el := <-done:
		t.Logf("answer returned %s after start", el.Round(time.Millisecond))
	case <-time.After(5 * time.Second):
		t.Fatal("answer still waiting on the LLM 5 s after StopLLM")
	}
}
