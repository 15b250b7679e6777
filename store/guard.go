package store

import (
	"context"
	"database/sql"
	"errors"
	"hash/maphash"
	"strings"
	"sync"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// The replay guard's signed ids are recorded in arrival order (round 10,
// issue 16).
//
// A Slack slash command's (or signed button click's, form submission's)
// guard id (bot.SignedEventID) is its signed stamp and then the first 64
// bits of a random signature. The events
// table is keyed by the id, so within a second every insert landed on a
// random leaf of that second's range: about one WAL page per /faq request
// (~970 pages per 1,000 requests, 17–19 checkpoints in a 4-s run, each a
// 20–40 ms window for the tail; docs/operations.md "Round 9: write
// cost"). A build that stored the ids in arrival order (no guard at all)
// wrote ~170.
//
// So the writer records a signed id in events_pending, a ring of
// guardRing slots rewritten in place in arrival order (a row's slot is
// its seq modulo guardRing: no freed pages, nothing for secure_delete to
// zero), in the same transaction as the request's write, exactly as the
// events row was. Rows with seq > events_merged.merged are the recorded
// ids not in events yet ("pending"); the writer knows exactly those ids
// (guard.ids and extra, below). When guardMergeRows are pending, the
// writer takes a turn of its own between transactions and merges them
// into events in key order (one INSERT … SELECT … ORDER BY: each leaf of
// a second's range is written once per merge, not once per id) and moves
// the mark. Nothing is ever deleted from the ring for a
// merge.
//
// The pending ids are held exactly, but not as strings: ids maps a hash
// of each to its seq, and a hit is confirmed against the ring row of that
// seq (a read by rowid; only a replay, or a hash collision, gets that
// far). A pending id whose hash another pending id has already goes to
// extra, by its key. So the memory is ~16 bytes a pending id, not the
// id's ~35 (peak RSS: a merge turn starts at guardMergeRows pending, and
// up to guardRing can be while merges fail).
//
// An id is recorded iff it is pending or in events:
//   - the writer's check-and-record (claim) is atomic on the writer
//     goroutine: the ids added in its open transaction, then the pending
//     ids, then the events table (a read on its own connection, skipped
//     when filter proves the id new: recentClaims' reasoning over the ids
//     this writer recorded itself);
//   - the request side (logAnswer) checks the batches in memory, then the
//     pending ids, then the events table: the same order an id moves in
//     (a batch's ids are published here before its job is done, a merge's
//     ids leave here after its commit), so no id is ever in neither;
//   - Forget, PurgeEvents and the retention pass first merge everything
//     pending (in their own transaction), then work on events alone;
//   - Open merges whatever a crash left pending, so a new process starts
//     with nothing pending and recentClaims' high mark reads events only.
//
// What is stored for a signed id is small: its 12-byte form (storedID,
// storedid.go) and no created_at (retention goes by the stamp): 21
// bytes of payload a row in events and 25 in the ring, where the text
// ids with their timestamps took 70 and 74 (~115 before the ids kept
// 64 bits of the signature). A 1,023-id merge wrote ~165 WAL pages, now
// ~36 (docs/operations.md "Round 10: the guard's rows").
//
// Other ids (Slack event ids, Discord interaction ids: time-ordered
// snowflakes, or rare) go to events as before: whether an id is signed is
// a property of the id, so its replay is looked for where it was put.
type guard struct {
	// mu guards ids and extra: the writer changes them, requests read.
	mu    sync.RWMutex
	seed  maphash.Seed       // set by Open
	ids   map[uint64]int64   // committed pending ids: a hash of each, its seq
	extra map[guardKey]int64 // committed pending ids whose hash was taken

	// What follows is the writer goroutine's (and Open's, before it).
	next   int64 // the next seq to give out (committed)
	merged int64 // events_merged.merged (committed)
	// filter is recentClaims over the ids this writer put in the ring
	// (noted before the insert), so that claim can skip the events read.
	filter recentClaims
	tx     guardTx
}

type guardKey struct{ platform, id string }

type guardEntry struct {
	key  guardKey
	seq  int64
	prev int64 // in tx.log: tx.adds' value before (0: none), for undo
}

// guardTx is the writer's open transaction's view: ids added in it (not
// yet published in ids), the seq and mark it has moved to, and what a
// ROLLBACK TO undoes.
type guardTx struct {
	adds         map[guardKey]int64
	log          []guardEntry
	next, merged int64
	mark         struct {
		log          int
		next, merged int64
	}
}

const (
	// guardRing is events_pending's slots (25 bytes a row: 32 leaves).
	guardRing = 4096
	// guardMergeRows: a merge turn when this many are pending, and at
	// most this many in one turn (a turn is one statement in SQLite: see
	// BenchmarkGuardMerge for its CPU). At 8,000 signed ids a second,
	// eight merges a second; each leaf of a second's range is written
	// once per merge. A turn holds the writer, so every /rsvp in flight
	// waits for it: 1,024 rather than 2,048 halves that wait (/rsvp p99
	// −3 to −5 ms on one core, docs/operations.md "Round 10, end") for
	// ~30 % more WAL pages under /faq.
	guardMergeRows = 1024
	// guardYieldSteps: a merge turn's statement lets the requests run
	// every this many steps of SQLite's virtual machine (~0.4 ms here):
	// on one core the writer's turn is CPU the requests wait for, and a
	// 1,024-row merge is ~4 ms of it on round 9's host, ~8 ms on round
	// 10's (BenchmarkGuardMerge).
	guardYieldSteps = 4000
)

const (
	// A signed id's row has no created_at (''): its age is its stamp,
	// which Slack's MaxSkew keeps within minutes of its arrival, and
	// retention goes by that (signedCut). The timestamp was ~27 of a
	// row's ~75 bytes, in the ring and in events.
	qGuardPut = `INSERT INTO events_pending (slot, seq, platform, event_id, created_at) VALUES (?, ?, ?, ?, '')
	ON CONFLICT (slot) DO UPDATE SET seq = excluded.seq, platform = excluded.platform, event_id = excluded.event_id, created_at = ''`
	// OR IGNORE, not ON CONFLICT DO NOTHING: with the NOT NULL
	// constraints' ABORT the statement may fail half-way, so SQLite keeps
	// a statement journal of every page it changes (~190 pages a merge,
	// past its 64 KiB in memory: a temporary file's writes, ~8 % of the
	// merge's CPU). The ring's columns are NOT NULL too, and a key in
	// events already (never, but for another process) is skipped either way.
	//
	// The sort takes only the key and the slot, and the row is read back
	// by its slot (LIMIT -1 keeps SQLite from flattening the subquery and
	// dropping its ORDER BY; CROSS JOIN keeps it the outer loop). SQLite's
	// sorter grows its buffer by doubling, and the C allocator keeps freed
	// buffers committed: sorting whole rows kept ~0.75 MiB more resident
	// under load (RssAnon under /rsvp 16.0/16.3/16.9 against
	// 15.5/15.7/15.7 MiB) for ~1 µs less CPU per id.
	qGuardMerge = `INSERT OR IGNORE INTO events (platform, event_id, created_at)
	SELECT p.platform, p.event_id, p.created_at
	FROM (SELECT slot FROM events_pending WHERE seq > ?1 AND seq <= ?2 ORDER BY platform, event_id LIMIT -1) o
	CROSS JOIN events_pending p ON p.slot = o.slot`
	qGuardMarkMerged = `UPDATE events_merged SET merged = ? WHERE id = 1`
	// qGuardRingHas confirms a hash hit: the ring row of that seq.
	qGuardRingHas = `SELECT 1 FROM events_pending WHERE slot = ? AND seq = ? AND platform = ? AND event_id = ?`
)

// guardExec runs the guard's statements in the writer's transaction: a
// hot one (tx nil: the writer's own statements) or an own job's *sql.Tx.
// A concrete type, not an interface: the arguments stay on the stack.
type guardExec struct {
	w  *writer
	tx *sql.Tx
}

func (x guardExec) exec(query string, args ...arg) (int64, error) {
	if x.tx == nil {
		n, _, err := x.w.hotExec(query, args...)
		return n, err
	}
	res, err := x.tx.ExecContext(bg, query, argValues(args)...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (x guardExec) exists(query string, args ...arg) (bool, error) {
	var one int
	var err error
	switch {
	case x.tx != nil:
		err = x.tx.QueryRowContext(bg, query, argValues(args)...).Scan(&one)
	case x.w.raw != nil && !x.w.noRaw:
		x.w.statements++
		return x.w.raw.exists(query, args)
	default:
		x.w.statements++
		if s := x.w.stmt(query); s != nil {
			err = s.QueryRowContext(bg, argValues(args)...).Scan(&one)
		} else {
			err = x.w.conn.QueryRowContext(bg, query, argValues(args)...).Scan(&one)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func argValues(args []arg) []any {
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a.value()
	}
	return vals
}

// claimID records platform's event id in the writer's transaction; false
// when it was recorded already (a replay). Every claim the writer records
// goes through here.
func (w *writer) claimID(x guardExec, platform, id, at string) (bool, error) {
	if _, signed := bot.SignedStamp(id); signed {
		return w.db.guard.claim(w.db, x, platform, id)
	}
	n, err := x.exec(qClaim, aText(platform), aText(id), aText(at))
	return n == 1, err
}

// claim is claimID for a signed id: see guard above.
func (g *guard) claim(db *DB, x guardExec, platform, id string) (bool, error) {
	k := guardKey{platform, id}
	t := &g.tx
	sid := storedID(id) // the form every statement below binds
	if !g.filter.knownNew(db, platform, id) {
		if s, ok := t.adds[k]; ok && s > t.merged {
			return false, nil
		}
		// Only the writer changes ids and extra: no lock to read them.
		if s, ok := g.ids[g.hash(k)]; ok && s > t.merged {
			same, err := x.exists(qGuardRingHas, aInt(s%guardRing), aInt(s), aText(platform), sid)
			if err != nil || same {
				return false, err
			}
		}
		if s, ok := g.extra[k]; ok && s > t.merged {
			return false, nil
		}
		seen, err := x.exists(qEventSeen, aText(platform), sid)
		if err != nil || seen {
			return false, err
		}
	}
	// The slot's row must be merged before it is written over (a ring
	// this full means the merge turns fell behind: merge here).
	if t.next-t.merged > guardRing {
		if err := g.merge(x, t.next-1); err != nil {
			return false, err
		}
	}
	s := t.next
	if _, err := x.exec(qGuardPut, aInt(s%guardRing), aInt(s), aText(platform), sid); err != nil {
		return false, err
	}
	t.next++
	if t.adds == nil {
		t.adds = map[guardKey]int64{}
	}
	t.log = append(t.log, guardEntry{key: k, seq: s, prev: t.adds[k]})
	t.adds[k] = s
	g.filter.note(db, platform, id)
	return true, nil
}

// merge moves the pending ids up to seq upto into events, in key order,
// in the open transaction.
func (g *guard) merge(x guardExec, upto int64) error {
	t := &g.tx
	if upto <= t.merged {
		return nil
	}
	if _, err := x.exec(qGuardMerge, aInt(t.merged), aInt(upto)); err != nil {
		return err
	}
	if _, err := x.exec(qGuardMarkMerged, aInt(upto)); err != nil {
		return err
	}
	t.merged = upto
	return nil
}

// mergeYielding is merge for the merge turn: one statement that lets
// the requests run every guardYieldSteps steps (rawConn.execYielding).
func (g *guard) mergeYielding(w *writer, upto int64) error {
	t := &g.tx
	if w.raw == nil || w.noRaw {
		return g.merge(guardExec{w: w}, upto)
	}
	if upto <= t.merged {
		return nil
	}
	w.statements++
	if _, err := w.raw.execYielding(qGuardMerge, []arg{aInt(t.merged), aInt(upto)}, guardYieldSteps); err != nil {
		return err
	}
	if _, _, err := w.hotExec(qGuardMarkMerged, aInt(upto)); err != nil {
		return err
	}
	t.merged = upto
	return nil
}

// mergeAll merges everything pending in the open transaction (Forget,
// PurgeEvents, retention: they then work on events alone).
func (g *guard) mergeAll(x guardExec) error { return g.merge(x, g.tx.next-1) }

// begin starts the guard's view of a transaction the writer has begun:
// whatever an earlier one did and did not commit is forgotten.
func (g *guard) begin() {
	t := &g.tx
	clear(t.adds)
	clear(t.log)
	t.log = t.log[:0]
	t.next, t.merged = g.next, g.merged
}

// savepoint and rollbackTo follow the writer's SAVEPOINT and ROLLBACK TO.
func (g *guard) savepoint() {
	t := &g.tx
	t.mark.log, t.mark.next, t.mark.merged = len(t.log), t.next, t.merged
}

func (g *guard) rollbackTo() {
	t := &g.tx
	for i := len(t.log) - 1; i >= t.mark.log; i-- {
		e := t.log[i]
		if e.prev == 0 {
			delete(t.adds, e.key)
		} else {
			t.adds[e.key] = e.prev
		}
	}
	clear(t.log[t.mark.log:])
	t.log = t.log[:t.mark.log]
	t.next, t.merged = t.mark.next, t.mark.merged
}

// publish makes the committed transaction's ids pending for everyone and
// forgets the ones it merged. Called after COMMIT, before the callers are
// answered.
func (g *guard) publish() {
	t := &g.tx
	if len(t.log) == 0 && t.merged == g.merged {
		g.next = t.next
		return
	}
	g.mu.Lock()
	if g.ids == nil {
		g.ids, g.extra = map[uint64]int64{}, map[guardKey]int64{}
	}
	if t.merged > g.merged {
		for h, s := range g.ids {
			if s <= t.merged {
				delete(g.ids, h)
			}
		}
		for k, s := range g.extra {
			if s <= t.merged {
				delete(g.extra, k)
			}
		}
	}
	for _, e := range t.log {
		if e.seq <= t.merged || t.adds[e.key] != e.seq {
			continue // merged in this transaction, or undone
		}
		h := g.hash(e.key)
		if _, taken := g.ids[h]; taken {
			g.extra[guardKey{strings.Clone(e.key.platform), strings.Clone(e.key.id)}] = e.seq
			continue
		}
		g.ids[h] = e.seq
	}
	g.mu.Unlock()
	g.next, g.merged = t.next, t.merged
	g.begin()
}

func (g *guard) hash(k guardKey) uint64 {
	return maphash.String(g.seed, k.platform)*0x9E3779B97F4A7C15 ^ maphash.String(g.seed, k.id)
}

// guardPending reports whether platform's id is a committed pending id
// (the request side's look-up, between the batches in memory and the
// events table): a hash hit is confirmed by reading its ring row on the
// readers' connection eventSeen uses. The row is committed before the
// hash is published; if the id was merged and its slot written over
// meanwhile, the events read that follows finds it.
func (db *DB) guardPending(platform, id string) (bool, error) {
	g := &db.guard
	k := guardKey{platform, id}
	g.mu.RLock()
	s, hit := g.ids[g.hash(k)]
	_, exact := g.extra[k]
	g.mu.RUnlock()
	if exact || !hit {
		return exact, nil
	}
	return db.seenExists(qGuardRingHas, aInt(s%guardRing), aInt(s), aText(platform), storedID(id))
}

// due says a merge turn is due.
func (g *guard) due() bool { return g.next-1-g.merged >= guardMergeRows }

// mergeTurn is the writer's turn of its own for a merge (between its
// transactions): at most guardMergeRows ids, or all of them (Close).
func (w *writer) mergeTurn(all bool) {
	g := &w.db.guard
	if g.next-1 <= g.merged || w.connect() != nil {
		return
	}
	if _, _, err := w.hotExec(qBegin); err != nil {
		w.closeConn()
		return
	}
	w.checkVersion()
	g.begin()
	upto := g.next - 1
	if !all {
		upto = min(upto, g.merged+guardMergeRows)
	}
	if err := g.mergeYielding(w, upto); err != nil {
		w.conn.ExecContext(bg, qRollback)
		return // the ids stay pending: the next turn tries again
	}
	if _, _, err := w.hotExec(qCommit); err != nil {
		w.conn.ExecContext(bg, qRollback)
		return
	}
	w.noteCommit()
	pages := w.walPages()
	w.stats.countCommit(pages)
	g.publish()
	w.guardMerges++
	w.committed(pages)
}

// openGuard merges what a crash left pending (Open, before the writer
// starts) and sets the writer's seq and mark.
func (db *DB) openGuard(ctx context.Context) error {
	return InTx(ctx, db.w, func(tx *sql.Tx) error {
		// A new database gets the schema snapshot, which holds no rows.
		if _, err := tx.ExecContext(ctx, `INSERT INTO events_merged (id, merged) VALUES (1, 0) ON CONFLICT DO NOTHING`); err != nil {
			return err
		}
		var merged, top int64
		if err := tx.QueryRowContext(ctx, `SELECT merged, (SELECT COALESCE(MAX(seq), 0) FROM events_pending) FROM events_merged WHERE id = 1`).Scan(&merged, &top); err != nil {
			return err
		}
		if top > merged {
			if _, err := tx.ExecContext(ctx, qGuardMerge, merged, top); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, qGuardMarkMerged, top); err != nil {
				return err
			}
			merged = top
		}
		g := &db.guard
		g.seed = maphash.MakeSeed()
		g.next, g.merged = merged+1, merged
		g.begin()
		return nil
	})
}
