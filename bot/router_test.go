package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
)

type memDedup struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (m *memDedup) FirstSeen(_ context.Context, p, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen[p+id] {
		return false, nil
	}
	m.seen[p+id] = true
	return true, nil
}

func (m *memDedup) Forget(_ context.Context, p, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.seen, p+id)
	return nil
}

func TestRouter(t *testing.T) {
	r := NewRouter(nil)
	calls := 0
	r.Use(Dedup(&memDedup{seen: map[string]bool{}}))
	r.Add(Route{Name: "rsvp", Aliases: []string{"svar"}, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		calls++
		return Text("ok " + req.Text), nil
	})})
	r.Add(Route{Name: "region", Admin: true, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		return Text("admin ok"), nil
	})})
	r.Add(Route{Name: "boom", Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		panic("kaboom")
	})})
	r.Add(Route{Name: "fail", Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		return Reply{}, errors.New("disk on fire")
	})})
	ctx := context.Background()

	t.Run("SlashAndCaseIgnored", func(t *testing.T) {
		rep := r.Handle(ctx, &Request{Command: "/RSVP", Text: "3 ja"})
		if rep.Text != "ok 3 ja" {
			t.Fatalf("got %q", rep.Text)
		}
	})
	t.Run("UnknownCommand", func(t *testing.T) {
		rep := r.Handle(ctx, &Request{Command: "/nope"})
		if rep.Error == nil || rep.Error.Code != ENotFound || !rep.Private {
			t.Fatalf("got %+v", rep)
		}
	})
	t.Run("AdminOnly", func(t *testing.T) {
		rep := r.Handle(ctx, &Request{Command: "region"})
		if rep.Error == nil || rep.Error.Code != EForbidden || rep.Text != T(NB, "error.forbidden") {
			t.Fatalf("got %+v", rep)
		}
		rep = r.Handle(ctx, &Request{Command: "region", User: User{Admin: true}})
		if rep.Text != "admin ok" {
			t.Fatalf("admin got %+v", rep)
		}
	})
	t.Run("PanicBecomesInternalError", func(t *testing.T) {
		rep := r.Handle(ctx, &Request{Command: "boom"})
		if rep.Error == nil || rep.Error.Code != EInternal || rep.Text != T(NB, "error.internal") {
			t.Fatalf("got %+v", rep)
		}
	})
	t.Run("InternalErrorHidesDetails", func(t *testing.T) {
		rep := r.Handle(ctx, &Request{Command: "fail", User: User{Locale: "en-GB"}})
		if rep.Text != T(EN, "error.internal") {
			t.Fatalf("got %q", rep.Text)
		}
	})
	t.Run("RetriedEventRunsOnce", func(t *testing.T) {
		before := calls
		r.Handle(ctx, &Request{Command: "rsvp", EventID: "Ev9", Platform: Slack})
		rep := r.Handle(ctx, &Request{Command: "rsvp", EventID: "Ev9", Platform: Slack})
		if calls != before+1 || !IsDuplicate(rep) {
			t.Fatalf("calls %d -> %d, dup=%v", before, calls, IsDuplicate(rep))
		}
	})
	t.Run("FailedEventMayBeRetried", func(t *testing.T) {
		r.Handle(ctx, &Request{Command: "fail", EventID: "Ev10", Platform: Slack})
		rep := r.Handle(ctx, &Request{Command: "fail", EventID: "Ev10", Platform: Slack})
		if IsDuplicate(rep) {
			t.Fatal("a retry of a failed event must run again")
		}
	})
}

func TestSignedStamp(t *testing.T) {
	for id, want := range map[string]int64{
		SignedEventID("1780000000", "v0=ab"): 1780000000,
		"sig:0000000001:x":                   1,
		"sig:178000000:v0=ab":                -1, // nine digits
		"sig:17800000000:v0=ab":              -1,
		"sig:+780000000:v0=ab":               -1,
		"sig:1780000000":                     -1,
		"Ev1780000000:x":                     -1,
		"":                                   -1,
	} {
		got, ok := SignedStamp(id)
		if !ok {
			got = -1
		}
		if got != want {
			t.Errorf("SignedStamp(%q) = %d, want %d", id, got, want)
		}
	}
}

// TestSignedEventIDKeeps: the id keeps the stamp and the signature's first
// SignedKeep bytes, so a replay (same stamp, same signature) gets the same
// id, and requests whose signatures differ there get different ones.
func TestSignedEventIDKeeps(t *testing.T) {
	const a = "v0=0123456789abcdef" + "00112233445566778899aabbccddeeff00112233445566778899aabbcc"
	const b = "v0=0123456789abcdee" + "00112233445566778899aabbccddeeff00112233445566778899aabbcc"
	if got, want := SignedEventID("1780000000", a), "sig:1780000000:v0=0123456789abcdef"; got != want {
		t.Fatalf("SignedEventID = %q, want %q", got, want)
	}
	if SignedEventID("1780000000", a) == SignedEventID("1780000000", b) {
		t.Fatal("signatures that differ in the first 64 bits share an id")
	}
	if SignedEventID("1780000000", a) == SignedEventID("1780000001", a) {
		t.Fatal("two stamps share an id")
	}
	// The same signature spelled in upper or mixed case (the verifier
	// accepts either) is the same id.
	if got := SignedEventID("1780000000", "v0=0123456789ABCDEF"+"00112233445566778899AABBCC"); got != "sig:1780000000:v0=0123456789abcdef" {
		t.Fatalf("a re-cased signature: %q", got)
	}
	if got := SignedEventID("1780000000", "v0=ab"); got != "sig:1780000000:v0=ab" {
		t.Fatalf("a short signature was changed: %q", got)
	}
	if st, ok := SignedStamp(SignedEventID("1780000000", a)); !ok || st != 1780000000 {
		t.Fatalf("SignedStamp of a cut id = %d, %v", st, ok)
	}
}
