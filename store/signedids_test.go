package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestMigration095ShortSignedIDs: the signed ids recorded before 095 (the
// whole signature) are cut to what bot.SignedEventID gives now, in events
// and in the ring's pending rows, so a replay of a request answered before
// the upgrade is still refused; other ids are left alone.
func TestMigration095ShortSignedIDs(t *testing.T) {
	sig := func(i int) string { return fmt.Sprintf("v0=%016x%048x", uint64(i+1)*0x9E3779B97F4A7C15, i) }
	type req struct{ stamp, sig string }
	var merged, pending []req
	for i := range 20 {
		merged = append(merged, req{fmt.Sprint(1_780_000_000 + i/5), sig(i)})
	}
	for i := 20; i < 30; i++ {
		pending = append(pending, req{fmt.Sprint(1_780_000_004), sig(i)})
	}
	// A stamp strconv accepts but SignedStamp does not (signed, eleven
	// characters): its id went to events as an ordinary one.
	odd := req{"+1780000001", sig(40)}
	long := func(r req) string { return "sig:" + r.stamp + ":" + r.sig }
	others := []string{"Ev0123ABC", "1234567890123456789", "sig:1780000000:v0=short"}
	// The short form of one merged id recorded already beside its long
	// form (two requests sharing 64 bits): one row is left.
	twin := bot.SignedEventID(merged[3].stamp, merged[3].sig)
	path := preDB(t, "migrations/095", func(exec func(string, ...any)) {
		at := ts(claimNow)
		for _, r := range append(merged, odd) {
			exec(`INSERT INTO events (platform, event_id, created_at) VALUES ('slack', ?, ?)`, long(r), at)
		}
		exec(`INSERT INTO events (platform, event_id, created_at) VALUES ('slack', ?, ?)`, twin, at)
		for _, id := range others {
			exec(`INSERT INTO events (platform, event_id, created_at) VALUES ('slack', ?, ?)`, id, at)
		}
		// The ring: seq 1–20 merged, 21–30 pending.
		for i, r := range merged {
			exec(`INSERT INTO events_pending (slot, seq, platform, event_id, created_at) VALUES (?, ?, 'slack', ?, ?)`, i+1, i+1, long(r), at)
		}
		for i, r := range pending {
			exec(`INSERT INTO events_pending (slot, seq, platform, event_id, created_at) VALUES (?, ?, 'slack', ?, ?)`, 21+i, 21+i, long(r), at)
		}
		exec(`UPDATE events_merged SET merged = 20 WHERE id = 1`)
	})
	db := claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE length(event_id) > 40 AND event_id GLOB 'sig:*'`); n != 0 {
		t.Fatalf("%d long signed ids left in events", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events_pending WHERE length(event_id) > 40`); n != 0 {
		t.Fatalf("%d long ids left in the ring", n)
	}
	want := len(merged) + len(pending) + 1 + len(others) // Open merged the pending ones
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != want {
		t.Fatalf("%d rows in events, want %d", n, want)
	}
	for _, id := range others {
		if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = ?`, id); n != 1 {
			t.Fatalf("%q: %d rows, want it untouched", id, n)
		}
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = ?`, bot.SignedEventID(odd.stamp, odd.sig)); n != 1 {
		t.Fatalf("the odd stamp's id was not cut like SignedEventID cuts it")
	}
	for i, r := range append(merged, pending...) {
		id := bot.SignedEventID(r.stamp, r.sig)
		if len(id) >= len(long(r)) {
			t.Fatalf("%s is not shorter than the whole signature", id)
		}
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay %d after the upgrade: %v", i, err)
		}
		if record(t, db, id) {
			t.Fatalf("replay %d after the upgrade recorded as first", i)
		}
	}
	fresh := bot.SignedEventID(merged[0].stamp, "v0="+strings.Repeat("f", 64))
	if !record(t, db, fresh) {
		t.Fatal("a new request with the same stamp is not first")
	}
}

// TestMigration096PackedSignedIDs: the signed ids recorded as text before
// 096 in the form the Slack adapter makes them get the 12-byte form
// (storedID), in events and in the ring, so their replays are still
// refused; ids of every other form are left as they were; and the high
// mark recentClaims starts from is read from the packed ids.
func TestMigration096PackedSignedIDs(t *testing.T) {
	hex := func(i int) string { return fmt.Sprintf("v0=%016x", uint64(i+1)*0x9E3779B97F4A7C15) }
	var merged, pending []string
	for i := range 12 {
		merged = append(merged, bot.SignedEventID(fmt.Sprint(1_780_000_000+i/4), hex(i)))
	}
	for i := 12; i < 18; i++ {
		pending = append(pending, bot.SignedEventID("1780000003", hex(i)))
	}
	others := []string{
		"Ev0123ABC", "sig:1780000000:v0=short",
		"sig:1780000000:v0=" + strings.ToUpper(hex(40)[3:]), // upper-case hex
	}
	path := preDB(t, "migrations/096", func(exec func(string, ...any)) {
		at := ts(claimNow)
		for _, id := range append(append([]string{}, merged...), others...) {
			exec(`INSERT INTO events (platform, event_id, created_at) VALUES ('slack', ?, ?)`, id, at)
		}
		for i, id := range append(append([]string{}, merged...), pending...) {
			exec(`INSERT INTO events_pending (slot, seq, platform, event_id, created_at) VALUES (?, ?, 'slack', ?, ?)`, i+1, i+1, id, at)
		}
		exec(`UPDATE events_merged SET merged = 12 WHERE id = 1`)
	})
	db := claimDB(t, path)
	defer db.Close()
	if n := count(t, db, `SELECT COUNT(*) FROM events WHERE typeof(event_id) = 'blob' AND length(event_id) = 12`); n != len(merged)+len(pending) {
		t.Fatalf("%d packed ids in events, want %d (Open merged the pending ones)", n, len(merged)+len(pending))
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events_pending WHERE typeof(event_id) <> 'blob'`); n != 0 {
		t.Fatalf("%d ring rows left as text", n)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM events`); n != len(merged)+len(pending)+len(others) {
		t.Fatalf("%d rows in events, want %d", n, len(merged)+len(pending)+len(others))
	}
	for _, id := range others {
		if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = ?`, id); n != 1 {
			t.Fatalf("%q: %d rows, want it untouched", id, n)
		}
	}
	for i, id := range append(append([]string{}, merged...), pending...) {
		b, _ := packSigned(id)
		if n := count(t, db, `SELECT COUNT(*) FROM events WHERE event_id = ?`, b[:]); n != 1 {
			t.Fatalf("%s: packed by SQL unlike packSigned", id)
		}
		if _, err := db.LogAnswerLater(faqClaim(id), guardAnswer); !errors.Is(err, bot.ErrDuplicate) {
			t.Fatalf("replay %d after the upgrade: %v", i, err)
		}
		if record(t, db, id) {
			t.Fatalf("replay %d after the upgrade recorded as first", i)
		}
	}
	for _, id := range others[1:] {
		if record(t, db, id) {
			t.Fatalf("replay of %s (left as text) recorded as first", id)
		}
	}
	high, err := highOf(db, "slack")
	if err != nil || high != 1_780_000_003 {
		t.Fatalf("highOf: %d, %v; want 1780000003 (the packed ids' highest; the text ones' is lower)", high, err)
	}
}

// TestPackSigned: the 12-byte form is the stamp and the signature's 64
// bits, it sorts as the stamps do, and only the adapter's exact form is
// packed.
func TestPackSigned(t *testing.T) {
	b, ok := packSigned("sig:1780000000:v0=0123456789abcdef")
	if !ok || fmt.Sprintf("%x", b) != "6a18a5000123456789abcdef" {
		t.Fatalf("packSigned: %x, %v", b, ok)
	}
	if s, ok := signedStampOf(b[:]); !ok || s != 1_780_000_000 {
		t.Fatalf("signedStampOf: %d, %v", s, ok)
	}
	a, _ := packSigned("sig:1779999999:v0=ffffffffffffffff")
	if string(a[:]) >= string(b[:]) {
		t.Fatal("an earlier stamp does not sort first")
	}
	for _, id := range []string{
		"sig:1780000000:v0=0123456789abcde", "sig:1780000000:v0=0123456789abcdeF",
		"sig:1780000000:v1=0123456789abcdef", "sig:4294967296:v0=0123456789abcdef",
		"sig:178000000a:v0=0123456789abcdef", "Ev0123456789abcdef0123456789abcdef", "",
	} {
		if _, ok := packSigned(id); ok {
			t.Errorf("%q packed", id)
		}
		if a := storedID(id); a.kind != argText || a.s != id {
			t.Errorf("storedID(%q) = %+v, want the text", id, a)
		}
	}
}
