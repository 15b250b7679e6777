package store

import (
	"context"
	"database/sql"
	"errors"
	"hash/maphash"
	"math"
	"sync"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// recentClaims lets a /faq question skip the replay guard's events-table
// read (eventSeen: a SQLite read per question, ~9 % of a /faq's CPU on one
// core in round 7's profile) when it can tell from memory that the
// question's guard id cannot be recorded.
//
// It works for the ids of signed requests (bot.SignedEventID: a Slack
// slash command's signed timestamp and signature), from two facts:
//   - high: when this DB first needs it (before it records any id itself),
//     the highest signed timestamp recorded in the file, per platform
//     (read from events: Open merged what the replay guard's ring held,
//     guard.go). An id recorded by an earlier process (or before a
//     restart) is in the file with its timestamp, so an id stamped later
//     than high was not —
//     a replay has its first's timestamp, since the timestamp is part of
//     the id.
//   - a set of fingerprints of every signed id this DB has recorded or is
//     about to record (noted where each id is recorded),
//     stamped later than dropped. It forgets the oldest fingerprints in
//     bulk to stay small (two tables of 16,384 slots: 128 KiB), and keeps
//     in dropped the highest timestamp it forgot.
//
// So for an id stamped later than both high and dropped, no fingerprint
// match means not recorded, with no read. Anything else (a match, which
// may be a fingerprint collision, or an older stamp: a restart's first
// second, a request queued past a forget, an id of another form) is
// looked up exactly as before: the batches pending in memory, the replay
// guard's pending ids (guard.go), then the events table. Nothing depends
// on clocks, and an id the file forgets (PurgeEvents, Forget) is new to
// both ways alike. What it assumes is
// what the read assumed too: one process writes the file at a time (a
// second one's recordings after high was read would not be seen, where
// the read saw them once committed).
type recentClaims struct {
	mu   sync.Mutex
	seed maphash.Seed
	// high is read once, by the first call (readHigh), under mu.
	highRead bool
	high     map[string]int64
	tabs     [2]claimTable
	cur      int
	dropped  int64
}

type claimTable struct {
	slots []uint32 // fingerprints, 0 = empty; open addressing, linear probing
	n     int
	max   int64 // the highest timestamp noted in this table
}

const (
	claimSlots = 1 << 14
	// claimFill is when the current table is full and the older one is
	// forgotten: 12,288 ids, about 1.6 s of /faq at 7,500 a second, so
	// the forgotten stamps are whole seconds behind the requests coming
	// in (a Slack timestamp is whole seconds).
	claimFill = claimSlots * 3 / 4
	// highScan bounds the ids highOf reads looking for a ten-digit
	// stamp among other ids that sort above them.
	highScan = 64
)

// hash is the fingerprint hash of a platform's id.
func (s *recentClaims) hash(platform, id string) uint64 {
	return maphash.String(s.seed, platform)*0x9E3779B97F4A7C15 ^ maphash.String(s.seed, id)
}

// knownNew reports whether platform's id is certainly not recorded in the
// file nor pending; false means "look it up".
func (s *recentClaims) knownNew(db *DB, platform, id string) bool {
	stamp, ok := bot.SignedStamp(id)
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readHigh(db)
	if stamp <= s.high[platform] || stamp <= s.dropped {
		return false
	}
	h := s.hash(platform, id)
	return !s.tabs[0].has(h) && !s.tabs[1].has(h)
}

// note adds platform's id to the set, before the transaction that
// records it commits (a fingerprint of an id not recorded after all only
// costs a lookup).
func (s *recentClaims) note(db *DB, platform, id string) {
	stamp, ok := bot.SignedStamp(id)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.readHigh(db)
	t := &s.tabs[s.cur]
	if t.n >= claimFill {
		s.cur ^= 1
		t = &s.tabs[s.cur]
		s.dropped = max(s.dropped, t.max)
		clear(t.slots)
		t.n, t.max = 0, 0
	}
	t.add(s.hash(platform, id), stamp)
}

func (t *claimTable) has(h uint64) bool {
	if t.slots == nil {
		return false
	}
	fp := uint32(h>>32) | 1
	for i := h & (claimSlots - 1); ; i = (i + 1) & (claimSlots - 1) {
		switch t.slots[i] {
		case fp:
			return true
		case 0:
			return false
		}
	}
}

func (t *claimTable) add(h uint64, stamp int64) {
	if t.slots == nil {
		t.slots = make([]uint32, claimSlots)
	}
	// The table answers for stamp whether or not the fingerprint was
	// there already (another id may have put it there).
	t.max = max(t.max, stamp)
	fp := uint32(h>>32) | 1
	for i := h & (claimSlots - 1); ; i = (i + 1) & (claimSlots - 1) {
		switch t.slots[i] {
		case fp:
			return
		case 0:
			t.slots[i] = fp
			t.n++
			return
		}
	}
}

// readHigh reads high, once, before the set's first use. Called with mu
// held. If the read fails, every id is looked up.
func (s *recentClaims) readHigh(db *DB) {
	if s.highRead {
		return
	}
	s.highRead = true
	s.seed = maphash.MakeSeed()
	s.high = map[string]int64{}
	if db.r == nil {
		s.disable() // no readers yet (Open not done): look everything up
		return
	}
	// Each platform in the events table (its key's first column: one
	// seek each), then its highest ten-digit signed id.
	platform := ""
	for n := 0; ; n++ {
		var next string
		err := db.r.QueryRowContext(bg, `SELECT platform FROM events WHERE platform > ? ORDER BY platform LIMIT 1`, platform).Scan(&next)
		if err != nil || n == 16 {
			if !errors.Is(err, sql.ErrNoRows) {
				s.disable()
			}
			return
		}
		platform = next
		high, err := highOf(db, platform)
		if err != nil {
			s.disable()
			return
		}
		s.high[platform] = high
	}
}

// disable makes every id stamped at or before the highest possible one.
func (s *recentClaims) disable() { s.dropped = math.MaxInt64 }

// highOf returns the highest ten-digit signed timestamp among platform's
// recorded ids (0 when none). Ids with ten-digit stamps sort among
// themselves as their stamps do, so the first such id from the top is
// the highest; ids of other forms may sort above it (SignedStamp says
// which), and past highScan of those the answer is "everything".
//
// The signed ids the Slack adapter makes are stored as 12-byte BLOBs
// (storedID), which sort above every text and among themselves as their
// stamps do: the highest is the last of the platform's keys. highOf is
// the higher of that and the text ids' highest.
func highOf(db *DB, platform string) (int64, error) {
	var packed int64
	var top []byte
	err := db.r.QueryRowContext(context.Background(),
		`SELECT event_id FROM events WHERE platform = ? AND event_id >= x'' ORDER BY event_id DESC LIMIT 1`, platform).Scan(&top)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, err
	default:
		stamp, ok := signedStampOf(top)
		if !ok {
			return math.MaxInt64, nil // not a form this version writes
		}
		packed = stamp
	}
	text, err := highOfText(db, platform)
	return max(packed, text), err
}

// highOfText is highOf over the ids stored as text.
func highOfText(db *DB, platform string) (int64, error) {
	rows, err := db.r.QueryContext(context.Background(),
		`SELECT event_id FROM events WHERE platform = ? AND event_id > 'sig:' AND event_id < 'sig;' ORDER BY event_id DESC LIMIT ?`, platform, highScan)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		var id string
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		if stamp, ok := bot.SignedStamp(id); ok {
			return stamp, nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if n == highScan {
		return math.MaxInt64, nil
	}
	return 0, nil
}
