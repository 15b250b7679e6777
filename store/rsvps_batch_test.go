package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Answers given at the same moment share a transaction (group commit).
// One that fails half-way — after its new municipality was inserted, on
// the headcount CHECK — must leave nothing behind, and must not take the
// others with it.
// okNames answer the national gathering in the batch tests.
var okNames = []string{"Bodø", "Fauske", "Saltdal", "Vefsn", "Rana", "Narvik", "Meløy", "Steigen", "Sørfold", "Beiarn"}

func TestConcurrentRSVPsFailAlone(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	g, err := db.CreateGathering(ctx, kari, store.NewGathering{Name: "Samling", Date: date("2025-02-06"), Place: "Bodø", Deadline: date("2025-01-20")})
	if err != nil {
		t.Fatal(err)
	}
	const n = 120
	errs := make([]error, n)
	results := make([]store.RSVPResult, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			in := store.RSVPInput{GatheringID: g.ID, Municipality: okNames[(i/4)%10], Answer: "ja", Headcount: 1 + i%5, At: fixedNow}
			switch i % 4 {
			case 1: // fails after writing: the CHECK on headcount
				in.Municipality, in.Headcount = "Tromsø", store.MaxHeadcount+1
			case 2: // fails before writing
				in.GatheringID = 999
			case 3:
				in.Municipality = "Bodø; DROP"
			}
			results[i], errs[i] = db.SetRSVP(ctx, kari, in)
		}()
	}
	close(start)
	wg.Wait()
	ok := 0
	for i, err := range errs {
		switch i % 4 {
		case 0:
			if err != nil {
				t.Fatalf("answer %d: %v", i, err)
			}
			if results[i].RSVP.Municipality.ID == 0 || results[i].RSVP.Headcount != 1+i%5 {
				t.Fatalf("answer %d: result %+v", i, results[i])
			}
			ok++
		case 1:
			if bot.ErrorCode(err) != bot.EInvalid {
				t.Fatalf("answer %d: want a CHECK failure, got %v", i, err)
			}
			if at, _ := db.Attendance(ctx, g.ID); len(at.RSVPs) > 10 {
				t.Fatalf("answer %d failed but was stored: %d answers", i, len(at.RSVPs))
			}
		case 2:
			if bot.ErrorCode(err) != bot.ENotFound {
				t.Fatalf("answer %d: want not found, got %v", i, err)
			}
		case 3:
			if !errors.Is(err, store.ErrBadName) {
				t.Fatalf("answer %d: want a bad name, got %v", i, err)
			}
		}
	}
	h, err := db.RSVPHistory(ctx, g.ID, 0)
	if err != nil || len(h) != ok {
		t.Fatalf("history has %d rows (%v), %d answers succeeded", len(h), err, ok)
	}
	rs, _ := db.RSVPs(ctx, g.ID)
	if len(rs) != 10 {
		t.Fatalf("current answers = %d, want one per municipality (10)", len(rs))
	}
	// Each municipality's answers replaced each other in commit order: the
	// history of each is a chain in which every answer but the first had a
	// predecessor.
	firsts := 0
	for i := 0; i < n; i += 4 {
		if results[i].Previous == nil {
			firsts++
		}
	}
	if firsts != 10 {
		t.Fatalf("%d answers had no predecessor, want 10 (one per municipality)", firsts)
	}
}

func TestRSVPCancelledBeforeItsTurn(t *testing.T) {
	db := fixedDB(t)
	g, err := db.CreateGathering(context.Background(), kari, store.NewGathering{Name: "Samling", Date: date("2025-02-06"), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: "ja", At: fixedNow}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if h, _ := db.RSVPHistory(context.Background(), g.ID, 0); len(h) != 0 {
		t.Fatalf("a cancelled answer was stored: %+v", h)
	}
}

func TestRSVPAfterClose(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	g, err := db.CreateGathering(ctx, kari, store.NewGathering{Name: "Samling", Date: date("2025-02-06"), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: "ja", At: fixedNow}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: "nei", At: fixedNow}); err == nil {
		t.Fatal("an answer after Close was accepted")
	}
}

// While another write holds the writer connection, an answer whose caller
// gives up is not written later behind its back.
func TestRSVPGivenUpWhileWriterBusy(t *testing.T) {
	db := fixedDB(t)
	bg := context.Background()
	g, err := db.CreateGathering(bg, kari, store.NewGathering{Name: "Samling", Date: date("2025-02-06"), Place: "Bodø"})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Writer().BeginTx(bg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(bg)
	errc := make(chan error, 1)
	go func() {
		_, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: "ja", At: fixedNow})
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the batcher pick it up and wait for the connection
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("SetRSVP did not return after its context ended")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetRSVP(bg, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Rana", Answer: "nei", At: fixedNow}); err != nil {
		t.Fatal(err)
	}
	h, _ := db.RSVPHistory(bg, g.ID, 0)
	if len(h) != 1 || h[0].Municipality.Name != "Rana" {
		t.Fatalf("history = %+v, want only Rana's answer", h)
	}
}
