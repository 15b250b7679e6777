package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// The answer log is written behind the answer (round 6).
//
// Every /faq question is logged (the log's id is what the 👍/👎 buttons
// carry), and a slash command's replay guard records its id with the
// request's first write. Written in the request, both made every answer
// wait for the writer's next commit — and with it for whatever the writer
// was doing: a group commit, or SQLite's safety-net checkpoint inside a
// COMMIT with its fsyncs, 17–46 ms on this host's disk (docs/operations.md
// "One core: the tail (round 5)", "found late"). A stall there stalled
// every question being answered.
//
// A logged question is not something the asker was promised is stored
// (the handler already answers without buttons when the log fails). So
// LogAnswerLater hands out the id at once from a sequence in memory
// (seeded from MAX(id) when first used; every insert into answers takes
// its id from it), and the row goes into a batch the writer writes, with
// explicit ids, in a transaction of up to answerDelay later (or sooner:
// see answerDelay). The request's replay-guard id goes
// into the same batch: a replay is recognised while its first is still in
// a batch (the batches' ids are checked in memory), then among the guard's
// pending ids (guard.go: signed ids are recorded in arrival order and
// merged into events later), and after that by the events table (a read
// beside the writer). A replay is never logged twice: the batch writes a
// row only when the writer's own check (claimID) finds its guard id new.
//
// What this gives up: a crash (not a shutdown: Close writes what is
// pending) loses the batch not yet committed — the rows of about the last
// answerDelay (50 ms) and at most maxPendingAnswers log rows and their
// guard ids, never half a row. A vote on such an
// answer is told the answer is not found. Questions passed on to the
// working group (LogUnsure) stay synchronous: their reply says so.
type answerLog struct {
	mu     sync.Mutex
	last   int64 // the last id handed out
	seeded bool
	// open takes rows until the writer starts it; flying were started
	// and may not be committed yet (their guard ids are still checked
	// here until their job is done).
	open   *answerBatch
	flying []*answerBatch
	// unqueued says open waits to be handed to the writer (read by
	// enqueue without mu).
	unqueued atomic.Bool
	// spare is the rows of a batch that is done, for the next batch: a
	// row is ~230 bytes, and growing a new slice for every batch was
	// ~0.7 KB allocated per /faq (BenchmarkSlackFAQ, alloc_space), the
	// garbage that sets how often the collector runs.
	spare []pendingAnswer
}

// answerBatch is the rows one writer job writes.
type answerBatch struct {
	job  *writeJob
	rows []pendingAnswer
	// queued: handed to the writer (queueAnswers); until then the batch
	// only collects rows.
	queued bool
}

type pendingAnswer struct {
	id       int64
	a        AnswerLog
	at       string
	platform string // the replay guard's, "" when none
	event    string
}

// maxPendingAnswers bounds the rows waiting for the writer: past it,
// LogAnswerLater waits for the writer to take the batch (memory, and the
// most a crash can lose).
const maxPendingAnswers = 1024

// A batch is handed to the writer answerDelay after its first row, when
// it has answerQueueRows rows, or at once when another write is handed to
// the writer (enqueue: it goes first, so writes stay in their order, and
// it shares that write's commit), when LogAnswer or AnswersWritten waits
// for it, and at Close.
//
// Why wait: under /faq load the writer committed every few hundred
// microseconds, a few rows at a time, and each commit wrote the same
// last pages of the answers and events b-trees into the WAL again (the
// lead's /proc/PID/io: 6.8 KB of disk writes per question), which the
// checkpointer then copied again. Waiting makes a commit of up to
// answerQueueRows rows; a crash can lose the rows of the last answerDelay
// (they were never promised: see above). Not more than 128: at 512 (a
// commit every 50 ms at 7,000 questions a second, ~350 rows, ~12 ms of
// the writer's CPU in one piece) peak RSS was ~0.5 MiB higher and the
// server-CPU p99 no better (docs/operations.md, round 7).
const (
	answerDelay     = 50 * time.Millisecond
	answerQueueRows = 128
)

const qAnswerInsertID = `INSERT INTO answers (id, question, lang, answered, path, entry_id, score, text_id, asked_by, platform, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`

const qEventSeen = `SELECT 1 FROM events WHERE platform = ? AND event_id = ?`

// nextAnswerID hands out the next answer id. Called with l.mu held.
func (db *DB) nextAnswerID(ctx context.Context) (int64, error) {
	l := &db.alog
	if !l.seeded {
		// Read on the writer's pool so it sees every commit so far.
		var max int64
		if err := db.w.QueryRowContext(context.WithoutCancel(ctx), `SELECT COALESCE(MAX(id), 0) FROM answers`).Scan(&max); err != nil {
			return 0, FormatError(err)
		}
		l.last, l.seeded = max, true
	}
	l.last++
	return l.last, nil
}

// answerID hands out an id for a row written some other way (LogUnsure).
func (db *DB) answerID(ctx context.Context) (int64, error) {
	db.alog.mu.Lock()
	defer db.alog.mu.Unlock()
	return db.nextAnswerID(ctx)
}

// pendingClaim reports whether platform's event is a guard id in a batch
// not yet written; batches whose job is done are forgotten here. Called
// with l.mu held. It reads the rows (no map of their ids to build for
// every batch): it runs only when recentClaims could not tell.
func (l *answerLog) pendingClaim(platform, event string) bool {
	if l.open != nil && l.open.claims(platform, event) {
		return true
	}
	k := 0
	found := false
	for _, b := range l.flying {
		select {
		case <-b.job.done:
			// Written (or failed): the events table knows. Nothing
			// reads its rows again (waiters hold b for its job only).
			if cap(b.rows) > cap(l.spare) {
				clear(b.rows)
				l.spare = b.rows[:0]
			}
			b.rows = nil
			continue
		default:
		}
		l.flying[k] = b
		k++
		if !found && event != "" && b.claims(platform, event) {
			found = true
		}
	}
	clear(l.flying[k:])
	l.flying = l.flying[:k]
	return found
}

// LogAnswerLater logs an answer behind the answer: it returns the row's
// id at once, and the writer writes the row in its next transaction
// (see answerLog above). A request's replay-guard id (bot.Claim) goes
// with it; a replay gets bot.ErrDuplicate and nothing is logged. Close
// writes every row handed in before it.
func (db *DB) LogAnswerLater(ctx context.Context, a AnswerLog) (int64, error) {
	id, _, err := db.logAnswer(ctx, a)
	return id, err
}

// LogAnswer logs an answer and returns when the row is committed (the
// rows of the questions logged meanwhile go in the same transaction).
func (db *DB) LogAnswer(ctx context.Context, a AnswerLog) (int64, error) {
	id, b, err := db.logAnswer(ctx, a)
	if err != nil {
		return 0, err
	}
	db.queueOpenAnswers()
	<-b.job.done
	if b.job.err != nil {
		return 0, b.job.err
	}
	return id, nil
}

func (db *DB) logAnswer(ctx context.Context, a AnswerLog) (int64, *answerBatch, error) {
	var platform, event string
	c := bot.ClaimFrom(ctx)
	if c != nil && c.State() == bot.ClaimDuplicate {
		return 0, nil, errDuplicate
	}
	if c != nil && c.State() == bot.ClaimPending {
		platform, event = c.Platform, c.ID
	}
	if event != "" && !db.claims.knownNew(db, platform, event) {
		db.alog.mu.Lock()
		dup := db.alog.pendingClaim(platform, event)
		db.alog.mu.Unlock()
		// In the order an id moves: a batch, the guard's pending ids,
		// the events table (guard.go).
		if !dup {
			var err error
			if dup, err = db.guardPending(platform, event); err != nil {
				return 0, nil, FormatError(err)
			}
		}
		if !dup {
			seen, err := db.eventSeen(platform, event)
			if err != nil {
				return 0, nil, FormatError(err)
			}
			dup = seen
		}
		if dup {
			c.Settle(bot.ClaimDuplicate)
			return 0, nil, errDuplicate
		}
	}
	at := ts(db.now())
	l := &db.alog
	for {
		l.mu.Lock()
		if l.open != nil && len(l.open.rows) >= maxPendingAnswers {
			done := l.open.job.done
			l.mu.Unlock()
			<-done // the writer took it (and wrote it): room again
			continue
		}
		break
	}
	defer l.mu.Unlock()
	id, err := db.nextAnswerID(ctx)
	if err != nil {
		return 0, nil, err
	}
	b := l.open
	if b == nil {
		if db.writer().isClosed() {
			return 0, nil, FormatError(sql.ErrConnDone)
		}
		b = &answerBatch{rows: l.spare}
		l.spare = nil
		b.job = &writeJob{ctx: bg, done: make(chan struct{})}
		b.job.hot = func(t *wtx) error { return db.writeAnswers(t, b) }
		l.open = b
		db.alog.unqueued.Store(true)
		time.AfterFunc(answerDelay, func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			db.queueAnswers(b)
		})
	}
	b.rows = append(b.rows, pendingAnswer{id: id, a: a, at: at, platform: platform, event: event})
	if event != "" {
		db.claims.note(db, platform, event)
		c.Settle(bot.ClaimRecorded)
	}
	if len(b.rows) >= answerQueueRows {
		db.queueAnswers(b)
	}
	return id, b, nil
}

// queueAnswers hands b to the writer, once. Called with l.mu held. If the
// writer is closed (a row logged while Close ran), the batch fails: its
// waiters are told, as they were when the writer refused it at once.
func (db *DB) queueAnswers(b *answerBatch) {
	if b.queued {
		return
	}
	b.queued = true
	if db.alog.open == b {
		db.alog.unqueued.Store(false)
	}
	if err := db.enqueueJob(b.job); err != nil {
		b.job.err = err
		close(b.job.done)
		if db.alog.open == b {
			db.alog.open = nil
		}
	}
}

// queueOpenAnswers hands the open batch, if it waits, to the writer.
func (db *DB) queueOpenAnswers() {
	l := &db.alog
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open != nil {
		db.queueAnswers(l.open)
	}
}

// claims reports whether one of b's rows has platform's event as its
// guard id.
func (b *answerBatch) claims(platform, event string) bool {
	for i := range b.rows {
		if r := &b.rows[i]; r.event == event && r.platform == platform {
			return true
		}
	}
	return false
}

// writeAnswers is a batch's job, on the writer goroutine: from here on
// new rows go to a new batch. It may run twice (a shared transaction in
// which another write failed is done again with savepoints): the rows
// are the batch's, not taken from a queue.
func (db *DB) writeAnswers(t *wtx, b *answerBatch) error {
	l := &db.alog
	l.mu.Lock()
	if l.open == b {
		l.open = nil
		l.pendingClaim("", "") // forgets the batches written since
		l.flying = append(l.flying, b)
	}
	l.mu.Unlock()
	// Row by row, each guard id first: a replay is not logged twice.
	// Signed ids go to the guard's ring in arrival order (guard.go).
	x := guardExec{w: t.w}
	for i := range b.rows {
		r := &b.rows[i]
		if r.event != "" {
			first, err := t.w.claimID(x, r.platform, r.event, r.at)
			if err != nil {
				return FormatError(err)
			}
			if !first {
				continue // its id was recorded already: a replay
			}
		}
		a := &r.a
		tid, err := t.answerText(a.Answer) // its text once (answertext.go)
		if err != nil {
			return FormatError(err)
		}
		if _, _, err := t.hotExec(qAnswerInsertID, aInt(r.id),
			aText(a.Question), aText(a.Lang), aBool(a.Answered), aText(a.Path), aText(a.EntryID), aFloat(a.Score), aTextID(tid),
			aKey(a.Author.Key), aText(string(a.Author.Platform)), aText(r.at)); err != nil {
			return FormatError(err)
		}
	}
	return nil
}

// eventSeen reads whether a guard id is in the events table, on a
// connection of the readers' pool (beside the writer) that the store
// holds for it, through SQLite's C API as the writer's statements are
// (rawstmt.go: no allocations; through database/sql the read cost 16 per
// question).
func (db *DB) eventSeen(platform, event string) (bool, error) {
	return db.seenExists(qEventSeen, aText(platform), storedID(event))
}

// seenExists runs a query for one row on eventSeen's connection.
func (db *DB) seenExists(query string, args ...arg) (bool, error) {
	db.seenOnce.Do(func() {
		if db.seenConn, db.seenErr = db.r.Conn(bg); db.seenErr != nil {
			return
		}
		// The lookup needs the events index's few inner pages and one
		// leaf: a small page cache, not the readers' 256 KiB (this
		// connection is held for good: peak RSS).
		if _, db.seenErr = db.seenConn.ExecContext(bg, "PRAGMA cache_size = -32"); db.seenErr != nil {
			db.seenConn.Close()
			db.seenConn = nil
			return
		}
		db.seenRaw = rawOf(db.seenConn)
	})
	if db.seenErr != nil {
		return false, db.seenErr
	}
	db.seenMu.Lock()
	defer db.seenMu.Unlock()
	if query == qEventSeen {
		db.seenReads++
	} else {
		db.seenRingReads++
	}
	if db.seenConn == nil {
		return false, sql.ErrConnDone
	}
	if db.seenRaw != nil {
		return db.seenRaw.exists(query, args)
	}
	var one int
	err := db.seenConn.QueryRowContext(bg, query, argValues(args)...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// closeSeen gives eventSeen's connection back (Close).
func (db *DB) closeSeen() {
	db.seenMu.Lock()
	defer db.seenMu.Unlock()
	if db.seenRaw != nil {
		db.seenRaw.close()
		db.seenRaw = nil
	}
	if db.seenConn != nil {
		db.seenConn.Close()
		db.seenConn = nil
	}
}

// AnswersWritten returns when every answer logged before the call is
// committed (or its batch failed): for tests, and for whatever reads the
// log right after answering.
func (db *DB) AnswersWritten(ctx context.Context) error {
	l := &db.alog
	l.mu.Lock()
	if l.open != nil {
		db.queueAnswers(l.open)
	}
	var jobs []*writeJob
	if l.open != nil {
		jobs = append(jobs, l.open.job)
	}
	for _, b := range l.flying {
		jobs = append(jobs, b.job)
	}
	l.mu.Unlock()
	for _, j := range jobs {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
