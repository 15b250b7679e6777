package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
	"modernc.org/sqlite"
)

// The writer: every write of the running bot is done by one goroutine on
// one connection, in the order the writes arrived.
//
// Why (measured at c=64 on one core, docs/operations.md "One core"): with
// the writes on a database/sql pool of one connection, each request's
// writes went through the pool (which hands a freed connection to a
// random waiter), and every statement run under a cancellable context
// started a goroutine of its own (database/sql's Rows.awaitDone per query
// in a transaction, Tx.awaitDone per transaction, the driver's interrupt
// watcher per Exec): eight or so per RSVP. On one P those piled up to
// 400+ runnable goroutines; the local run queue holds 256, the rest went
// to the global queue, which one P only looks at every 61st schedule, so
// some requests waited 0.3–1.5 s for a goroutine that had nothing left to
// do but exit.
//
// The writer holds its connection for the life of the DB and runs its
// statements under context.Background() through statements prepared on
// that connection: neither database/sql nor the driver starts a goroutine
// for them. Writes that arrive while it works queue (FIFO) and are done
// together in the next transaction (group commit): each in its own
// savepoint, so one that fails leaves the others untouched; a lone write is
// a transaction of its own, without savepoints, and never waits for
// company. None of this is visible outside the store: a write method
// returns when its write is committed, or with the error that kept it out.
//
// The replay guard (bot.Claim) is written in the same transaction as the
// request's first write, so a write that fails leaves no recorded event
// id, and a replay is recognised after a restart because the id is in the
// file with the write it belongs to.
type writer struct {
	db *DB

	mu      sync.Mutex
	queue   []*writeJob
	wake    chan struct{}
	closed  bool
	stopped chan struct{}

	// ckpt wakes the checkpointer goroutine; ckptDone is closed when it
	// has stopped.
	ckpt     chan struct{}
	ckptStop chan struct{}
	ckptDone chan struct{}
	commits  atomic.Int64 // since the checkpointer last looked
	// resetWAL asks the writer for a checkpoint of its own between
	// transactions (resetWAL), so that the WAL starts over.
	resetWanted atomic.Bool
	ckptAt      int64 // the writer's WAL page count when it last signalled (writer goroutine)
	stopOnce    sync.Once

	// Only the writer goroutine uses what follows.
	// statements counts what the writer ran for hot jobs, for the test
	// that keeps the RSVP path short.
	statements int
	hotCommits int // shared transactions committed, for the same
	conn       *sql.Conn
	stmts      map[string]*sql.Stmt // prepared on conn
	// raw runs the statements of every answer on conn's SQLite handle
	// (rawstmt.go); nil when the driver's connection cannot be read, or
	// noRaw (a test) says no: then they go through stmts like the rest.
	raw   *rawConn
	noRaw bool
	cache writeCache
	stats writeStats
	// guardMerges counts the replay guard's merge turns (guard.go), for
	// the tests.
	guardMerges int
	// version is the file's data version after the writer's last commit
	// (checkVersion): another value means another connection (the pool's
	// second connection, another process) changed the file since.
	version int64
}

// writeJob is one write waiting for its turn. Exactly one of hot and own
// is set.
type writeJob struct {
	ctx   context.Context
	claim *bot.Claim
	// hot runs in the shared transaction, in a savepoint of its own when
	// the transaction holds other jobs.
	hot func(t *wtx) error
	// own runs alone in a transaction of its own (db.update: the rare,
	// larger writes whose helpers take a *sql.Tx).
	own func(tx *sql.Tx) error

	state    atomic.Int32
	done     chan struct{}
	err      error
	panicked any
	dup      bool // the claim was recorded already
}

const (
	jobQueued int32 = iota
	jobTaken
	jobAbandoned
)

// maxWriteBatch bounds one transaction, so a burst does not hold the
// write lock for long.
const maxWriteBatch = 128

// errDuplicate is a write refused because its request's event id was
// recorded already: the request is a replay.
var errDuplicate = &bot.Error{Code: bot.EConflict, Message: "duplicate", Err: bot.ErrDuplicate}

// writer returns the database's writer, starting it on first use.
func (db *DB) writer() *writer {
	db.writerOnce.Do(func() {
		db.wr = &writer{db: db, wake: make(chan struct{}, 1), stopped: make(chan struct{}), stmts: map[string]*sql.Stmt{},
			ckpt: make(chan struct{}, 1), ckptStop: make(chan struct{}), ckptDone: make(chan struct{})}
		db.wr.cache.clear()
		go db.wr.checkpointer()
		go db.wr.loop()
	})
	return db.wr
}

// stopWriter lets the writer finish what is queued and stops it; later
// writes are refused. Close calls it before closing the pools.
func (db *DB) stopWriter() {
	w := db.writer()
	w.stopOnce.Do(func() {
		db.queueOpenAnswers() // written before the writer stops
		w.mu.Lock()
		w.closed = true
		w.mu.Unlock()
		w.signal()
		<-w.stopped
		close(w.ckptStop)
		<-w.ckptDone
	})
}

// hot runs fn in the writer's next transaction and returns when that
// transaction is committed (nil) or fn's write is known to be left out
// (its error). A caller whose ctx ends before its turn gets ctx.Err() and
// nothing is written; once its turn has come the write is done and
// committed whatever happens to ctx, so a write is never reported lost
// when it was stored. fn runs on the writer goroutine: it must not wait
// for another write.
func (db *DB) hot(ctx context.Context, fn func(t *wtx) error) error {
	return db.submit(ctx, &writeJob{hot: fn})
}

// update runs fn in one write transaction of its own, in its turn:
// committed when fn returns nil, rolled back otherwise (and on a panic,
// which is raised again in the caller). The exported method owns the
// transaction, the private helpers take the *sql.Tx; this is the one
// Begin/Rollback/Commit. fn runs on the writer goroutine: it must not call
// another write method (that would wait for the writer, which waits for
// fn). Like hot, a caller that gives up before its turn writes nothing.
func (db *DB) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.submit(ctx, &writeJob{own: fn})
}

func (db *DB) submit(ctx context.Context, j *writeJob) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	j.ctx, j.done = ctx, make(chan struct{})
	if c := bot.ClaimFrom(ctx); c != nil {
		switch c.State() {
		case bot.ClaimDuplicate:
			return errDuplicate
		case bot.ClaimPending:
			j.claim = c
		}
	}
	if err := db.enqueue(j); err != nil {
		return err
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		if j.state.CompareAndSwap(jobQueued, jobAbandoned) {
			return ctx.Err()
		}
		<-j.done // already being written: wait for its commit
	}
	if j.panicked != nil {
		panic(j.panicked)
	}
	return j.err
}

// enqueue queues a job for the writer without waiting for it:
// submit waits for the job, the answer log behind the answer does not.
func (db *DB) enqueue(j *writeJob) error {
	// The answer log's batch waiting to be handed over goes first: the
	// writes stay in the order they were made (a vote after its answer),
	// and the batch shares this write's commit.
	if db.alog.unqueued.Load() {
		db.queueOpenAnswers()
	}
	return db.enqueueJob(j)
}

// isClosed says Close has stopped (or is stopping) the writer.
func (w *writer) isClosed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closed
}

// enqueueJob queues j for the writer.
func (db *DB) enqueueJob(j *writeJob) error {
	w := db.writer()
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return FormatError(sql.ErrConnDone)
	}
	w.queue = append(w.queue, j)
	w.mu.Unlock()
	w.signal()
	return nil
}

func (w *writer) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *writer) loop() {
	defer close(w.stopped)
	defer w.closeConn()
	var jobs []*writeJob
	for {
		<-w.wake
		// Let the goroutines that are runnable already go first: on one
		// core the wake-up would otherwise run the writer at once (the
		// runtime's next-to-run slot) for the one write that woke it,
		// while the requests admitted with it, and goroutines waiting in
		// the global run queue, wait behind it. Measured at c=64 on one
		// core, 3 alternating runs each (load average 14–19): /rsvp max
		// latency 576, 846, 1,100 ms without, 226, 188, 212 ms with
		// (p99 329, 254, 341 -> 188, 147, 146 ms); /faq max 1,579, 1,310,
		// 1,993 -> 344, 342, 363 ms. A lone write costs one trip through
		// the scheduler; it never waits for company.
		runtime.Gosched()
		for {
			w.mu.Lock()
			n := min(len(w.queue), maxWriteBatch)
			jobs = append(jobs[:0], w.queue[:n]...)
			rest := copy(w.queue, w.queue[n:])
			clear(w.queue[rest:])
			w.queue = w.queue[:rest]
			closed := w.closed && rest == 0
			w.mu.Unlock()
			if n > 0 {
				w.run(jobs)
				clear(jobs)
			}
			if closed {
				w.mergeTurn(true) // a clean file: nothing pending at the next Open
				return
			}
			if w.db.guard.due() {
				w.mergeTurn(false)
			}
			if w.resetWanted.Swap(false) {
				w.resetWAL()
			}
			if n == 0 {
				break
			}
		}
	}
}

// run does the jobs in order: each run of hot jobs in one transaction,
// each own job in its own.
func (w *writer) run(jobs []*writeJob) {
	for len(jobs) > 0 {
		if jobs[0].own != nil {
			w.runOwn(jobs[0])
			jobs = jobs[1:]
			continue
		}
		n := 1
		for n < len(jobs) && jobs[n].hot != nil {
			n++
		}
		w.runHot(jobs[:n])
		jobs = jobs[n:]
	}
}

// take returns the jobs whose callers still wait, marking them taken: from
// here on they are written whatever happens to their context. It is called
// once the transaction has begun (the write lock may have to be waited
// for, when another connection holds it): a caller that gives up before
// is left out and nothing of it is written.
func take(jobs []*writeJob) []*writeJob {
	live := jobs[:0:0]
	for _, j := range jobs {
		if !j.state.CompareAndSwap(jobQueued, jobTaken) {
			continue // the caller gave up waiting; it was told ctx.Err()
		}
		if err := j.ctx.Err(); err != nil {
			j.err = err
			close(j.done)
			continue
		}
		live = append(live, j)
	}
	return live
}

var bg = context.Background()

const (
	qBegin      = `BEGIN IMMEDIATE`
	qCommit     = `COMMIT`
	qRollback   = `ROLLBACK`
	qSavepoint  = `SAVEPOINT w`
	qRelease    = `RELEASE w`
	qRollbackTo = `ROLLBACK TO w`
	qClaim      = `INSERT INTO events (platform, event_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
)

// connect takes the writer connection out of the pool for good.
func (w *writer) connect() error {
	if w.conn != nil {
		return nil
	}
	c, err := w.db.w.Conn(bg)
	if err != nil {
		return err
	}
	// The writer does not checkpoint: the checkpointer does, beside it.
	if _, err := c.ExecContext(bg, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walSafetyNet)); err != nil {
		c.Close()
		return err
	}
	w.conn = c
	w.raw = rawOf(c)
	// The connection's page count so far is not this writer's: a
	// connection from the pool may have written before.
	w.stats.lastPages = max(w.walPages(), 0)
	w.cache.clear()
	w.version = -1
	return nil
}

// Checkpoints. With SQLite's automatic checkpoint (every 1,000 WAL pages)
// the commit that crosses the mark copies the pages back into the file
// and waits for two fsyncs, and every write queued behind it waits too:
// at c=64 that was a checkpoint every ~100 RSVPs, up to 24 ms each, 13 %
// of the writer's time. Now the writer only signals, every
// checkpointPages pages it has written to the WAL, and a goroutine of the
// store runs a PASSIVE checkpoint on the pool's other connection (and,
// for what the page count has not reached, once the writer has been quiet
// for a checkpointIdle tick, or checkpointMaxAge after the last one while
// it never is): it takes no write
// lock, so the writer goes on committing while it copies and syncs. The
// automatic checkpoint stays as a safety net at walSafetyNet pages
// (40 MiB), in case the checkpointer falls behind.
//
// Pages, not commits: a commit of one answer writes ~4.5 pages, a shared
// commit of many ~0.7 per answer, so "every 256 commits" meant a
// checkpoint every ~1,150 pages for lone answers and every ~3,000 under
// load. Each checkpoint copies the pages changed since the last one and
// waits for two fsyncs — and an fsync is an ordinary system call, so on
// one core the whole process waits with it until the runtime's monitor
// notices. Fewer, larger checkpoints copy a page changed many times once.
// (The writer's connection counts the pages it wrote to the WAL:
// SQLITE_DBSTATUS_CACHE_WRITE; without the raw handle, every
// checkpointEvery commits as before.)
//
// Not on a clock while the writer is busy (round 8, docs/operations.md
// "Round 8: the tail without the collector"): a checkpoint's cost on one
// core is mostly fixed — two fsyncs, and the second P for their length —
// whatever it copies (20–40 ms of wall time for 3–200 pages as for
// 800–1,200 on the shared host), and the requests in flight meanwhile
// were the slowest 1 % (with the collector off, 50–100 % of the slowest
// 1 % overlapped a checkpoint, against 7–18 % of all requests). The
// one-second tick used to checkpoint whenever there had been commits, so
// under load it ran a checkpoint every second however little the WAL had
// grown; now, under load, the page count decides.
const (
	checkpointPages  = 4096 // 16 MiB of WAL
	checkpointEvery  = 256  // commits, when pages cannot be counted
	checkpointIdle   = time.Second
	checkpointMaxAge = 5 * time.Second
	walSafetyNet     = 10000
	// walResetFrames: a WAL this long after a checkpoint beside the
	// writer was not started over at the previous one either (the page
	// count wakes the checkpointer every checkpointPages pages), so the
	// writer finishes this one (resetWAL) before the safety net would.
	walResetFrames = checkpointPages + checkpointPages/2
)

func (w *writer) checkpointer() {
	defer close(w.ckptDone)
	tick := time.NewTicker(checkpointIdle)
	defer tick.Stop()
	var pending bool // commits since the last checkpoint
	last := time.Now()
	for {
		select {
		case <-w.ckptStop:
			return
		case <-w.ckpt:
			w.commits.Swap(0)
		case <-tick.C:
			var due bool
			due, pending = tickCheckpoint(w.commits.Swap(0), pending, time.Since(last))
			if !due {
				continue
			}
		}
		pending, last = false, time.Now()
		w.checkpoint()
	}
}

// tickCheckpoint decides at a tick of the checkpointer, given the commits
// since the previous tick, whether commits were left unchecked before it
// (pending) and the time since the last checkpoint: checkpoint when the
// writer has gone quiet after commits, or when they never stop and
// checkpointMaxAge has passed (a light, steady trickle stays under the
// page count for a long time). It returns pending for the next tick.
func tickCheckpoint(commits int64, pending bool, since time.Duration) (due, stillPending bool) {
	if commits > 0 {
		return since >= checkpointMaxAge, true
	}
	return pending, pending
}

// checkpoint runs one PASSIVE checkpoint, inside the DB's
// aroundCheckpoint when it has one (WithCheckpointAround: the binary gives
// the checkpoint a processor of its own when it has only one, see
// cmd/kulturbot/procs.go and docs/operations.md "One core: the tail
// (round 5)").
//
// When the WAL it leaves holds walResetFrames or more, the writer is asked
// to finish the job in its turn (resetWAL).
func (w *writer) checkpoint() {
	var logFrames int64 = -1
	run := func() {
		// A failure (a reader holding an old snapshot, a full disk) is
		// not the writer's problem: the next one tries again, and the
		// safety net is still there.
		var busy, done int64
		if err := w.db.w.QueryRowContext(bg, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &done); err != nil {
			logFrames = -1
		}
	}
	if f := w.db.aroundCheckpoint; f != nil {
		f(run)
	} else {
		run()
	}
	w.stats.checkpoints.Add(1)
	if logFrames >= walResetFrames {
		w.resetWanted.Store(true)
		w.signal()
	}
}

// resetWAL is a PASSIVE checkpoint on the writer's own connection, between
// its transactions, inside aroundCheckpoint like the others.
//
// Why: a checkpoint beside the writer copies what was committed when it
// began, but under steady writes another commit lands while it syncs, so
// the WAL is never all copied back when the writer begins its next
// transaction — the moment SQLite can start the file over. It grew until
// the safety net (walSafetyNet frames, ~3 s of /faq at a quiet core's
// rate), whose checkpoint runs inside the writer's COMMIT without the
// second P: with the net lowered to 3,000 frames (an experiment) it kept
// the writer 35–63 ms, and once the only P with it (5 requests finished
// in 38 ms; other times the runtime's monitor handed the P on in time:
// docs/operations.md "Round 8: the tail without the collector"). Here,
// in the writer's turn, nothing commits meanwhile, the copy completes
// (only what came in during the checkpointer's pass is left to copy), and
// the writer's next transaction starts the WAL over; the fsyncs run with
// the second P like every other checkpoint.
func (w *writer) resetWAL() {
	if w.connect() != nil {
		return
	}
	run := func() { w.conn.ExecContext(bg, "PRAGMA wal_checkpoint(PASSIVE)") }
	w.stats.checkpoints.Add(1)
	if f := w.db.aroundCheckpoint; f != nil {
		f(run)
		return
	}
	run()
}

// committed counts a commit and wakes the checkpointer (unless it is busy
// already) every checkpointPages pages the connection has written, pages
// being its running count (-1: not known, then every checkpointEvery
// commits).
func (w *writer) committed(pages int64) {
	n := w.commits.Add(1)
	if pages < 0 {
		if n%checkpointEvery != 0 {
			return
		}
	} else {
		if pages < w.ckptAt { // a new connection counts from 0
			w.ckptAt = pages
		}
		if pages-w.ckptAt < checkpointPages {
			return
		}
		w.ckptAt = pages
	}
	select {
	case w.ckpt <- struct{}{}:
	default:
	}
}

// closeConn gives the connection back (after a failure that may have
// broken it, and at the end).
func (w *writer) closeConn() {
	if w.raw != nil {
		w.raw.close()
		w.raw = nil
	}
	for q, s := range w.stmts {
		s.Close()
		delete(w.stmts, q)
	}
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
	w.cache.clear()
}

// stmt returns query prepared on the writer connection, nil if it cannot
// be (the query then runs unprepared and reports its own error).
func (w *writer) stmt(query string) *sql.Stmt {
	if s, ok := w.stmts[query]; ok {
		return s
	}
	s, err := w.conn.PrepareContext(bg, query)
	if err != nil {
		return nil
	}
	w.stmts[query] = s
	return s
}

func (w *writer) exec(query string, args ...any) (sql.Result, error) {
	w.statements++
	if s := w.stmt(query); s != nil {
		return s.ExecContext(bg, args...)
	}
	return w.conn.ExecContext(bg, query, args...)
}

// runHot writes jobs in one transaction and then answers their callers.
func (w *writer) runHot(queued []*writeJob) {
	var jobs []*writeJob
	finish := func(err error) {
		for _, j := range jobs {
			if err != nil && j.err == nil {
				j.err = err
			}
			close(j.done)
		}
	}
	if err := w.connect(); err != nil {
		jobs = take(queued)
		finish(FormatError(err))
		return
	}
	if _, _, err := w.hotExec(qBegin); err != nil {
		// The connection may be broken: take a fresh one next time.
		w.closeConn()
		jobs = take(queued)
		finish(FormatError(err))
		return
	}
	if jobs = take(queued); len(jobs) == 0 {
		w.conn.ExecContext(bg, qRollback)
		return
	}
	w.checkVersion()
	w.db.guard.begin()
	multi := len(jobs) > 1
	t := &wtx{w: w}
	abort := func(err error) {
		w.conn.ExecContext(bg, qRollback)
		w.cache.clear()
		for _, j := range jobs {
			j.err, j.dup = FormatError(err), false
		}
		finish(nil)
	}
	// A shared transaction is first tried without savepoints: writes that
	// fail are rare, and SAVEPOINT/RELEASE are two statements per write.
	// When one fails, the whole transaction is rolled back and done again
	// with a savepoint per write, so the one that fails fails alone; the
	// writes are functions of the database alone and can run again.
	savepoints := false
again:
	for _, j := range jobs {
		if savepoints {
			if _, _, err := w.hotExec(qSavepoint); err != nil {
				abort(err)
				return
			}
			w.db.guard.savepoint()
		}
		j.err = w.call(t, j)
		if j.err == nil {
			if savepoints {
				if _, _, err := w.hotExec(qRelease); err != nil {
					abort(err)
					return
				}
			}
			continue
		}
		// Undo this job only. What it may have put in the cache goes too.
		w.cache.clear()
		if !multi {
			w.conn.ExecContext(bg, qRollback)
			w.settle(jobs)
			finish(nil)
			return
		}
		if !savepoints {
			w.conn.ExecContext(bg, qRollback)
			for _, j := range jobs {
				j.err, j.dup, j.panicked = nil, false, nil
			}
			if _, _, err := w.hotExec(qBegin); err != nil {
				w.closeConn()
				finish(FormatError(err))
				return
			}
			w.checkVersion()
			w.db.guard.begin()
			savepoints = true
			goto again
		}
		if _, _, err := w.hotExec(qRollbackTo); err != nil {
			abort(err) // the transaction is in an unknown state: none of it
			return
		}
		w.db.guard.rollbackTo()
		if _, _, err := w.hotExec(qRelease); err != nil {
			abort(err)
			return
		}
	}
	if _, _, err := w.hotExec(qCommit); err != nil {
		abort(err)
		return
	}
	w.noteCommit()
	w.db.guard.publish() // its ids are pending before its callers are answered
	w.hotCommits++
	// Counted before the callers are answered, so that a caller reading
	// WriteStats after its write sees the write's commit in them.
	pages := w.walPages()
	w.stats.countCommit(pages)
	w.settle(jobs)
	finish(nil)
	w.committed(pages)
}

// settle tells each job's claim what became of it (before the caller is
// answered).
func (w *writer) settle(jobs []*writeJob) {
	for _, j := range jobs {
		switch {
		case j.claim == nil:
		case j.dup:
			j.claim.Settle(bot.ClaimDuplicate)
		case j.err == nil:
			j.claim.Settle(bot.ClaimRecorded)
		}
	}
}

// call runs one hot job: its claim, then its write. A panic becomes the
// job's error here and is raised again in the caller's goroutine.
func (w *writer) call(t *wtx, j *writeJob) (err error) {
	defer func() {
		if p := recover(); p != nil {
			j.panicked = p
			err = bot.Internal(fmt.Errorf("panic: %v", p))
		}
	}()
	if j.claim != nil {
		first, err := w.record(j.claim)
		if err != nil {
			return err
		}
		if !first {
			j.dup = true
			return errDuplicate
		}
	}
	return j.hot(t)
}

// record records a claim's event id; false: it was there already.
func (w *writer) record(c *bot.Claim) (bool, error) {
	w.db.claims.note(w.db, c.Platform, c.ID)
	first, err := w.claimID(guardExec{w: w}, c.Platform, c.ID, ts(w.db.now()))
	return first, FormatError(err)
}

// hotExec executes one of the statements every answer runs (rawstmt.go):
// the shared transaction's BEGIN, COMMIT and savepoints, the guard's
// insert and the hot jobs' own. It returns the rows changed and the last
// inserted rowid.
func (w *writer) hotExec(query string, args ...arg) (changes, lastID int64, err error) {
	if w.raw != nil && !w.noRaw {
		w.statements++
		return w.raw.exec(query, args)
	}
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a.value()
	}
	res, err := w.exec(query, vals...)
	if err != nil {
		return 0, 0, err
	}
	if changes, err = res.RowsAffected(); err != nil {
		return 0, 0, err
	}
	lastID, err = res.LastInsertId()
	return changes, lastID, err
}

// runOwn runs an own job in a transaction of its own.
func (w *writer) runOwn(j *writeJob) {
	// Whatever it writes is not followed by the cache.
	w.cache.clear()
	if err := w.connect(); err != nil {
		if len(take([]*writeJob{j})) > 0 {
			j.err = FormatError(err)
			close(j.done)
		}
		return
	}
	tx, err := w.conn.BeginTx(bg, nil)
	if err != nil {
		w.closeConn()
		if len(take([]*writeJob{j})) > 0 {
			j.err = FormatError(err)
			close(j.done)
		}
		return
	}
	defer tx.Rollback()
	if len(take([]*writeJob{j})) == 0 {
		return
	}
	w.db.guard.begin()
	defer close(j.done)
	defer func() {
		if p := recover(); p != nil {
			j.panicked = p
			j.err = bot.Internal(fmt.Errorf("panic: %v", p))
		}
	}()
	if j.claim != nil {
		w.db.claims.note(w.db, j.claim.Platform, j.claim.ID)
		first, err := w.claimID(guardExec{w: w, tx: tx}, j.claim.Platform, j.claim.ID, ts(w.db.now()))
		if err != nil {
			j.err = FormatError(err)
			return
		}
		if !first {
			j.dup, j.err = true, errDuplicate
			j.claim.Settle(bot.ClaimDuplicate)
			return
		}
	}
	if j.err = j.own(tx); j.err != nil {
		return
	}
	if j.err = FormatError(tx.Commit()); j.err == nil {
		w.db.guard.publish()
		w.stats.countCommit(w.walPages())
		if j.claim != nil {
			j.claim.Settle(bot.ClaimRecorded)
		}
	}
}

// checkVersion drops the cache when the file changed other than by the
// writer's own commits: SQLite's data version (SQLITE_FCNTL_DATA_VERSION)
// moves on every change, by this connection or another, and the writer
// notes it after each of its commits. Called inside BEGIN IMMEDIATE, when
// nobody else can commit until this transaction ends. (A file control is
// a plain C call; PRAGMA data_version was a statement per transaction,
// 5 % of the RSVP path's CPU.)
func (w *writer) checkVersion() {
	v, ok := w.fileVersion()
	if !ok || v != w.version {
		w.cache.clear()
	}
	w.version = v
	if !ok {
		w.version = -1
	}
}

// fileVersion reads the data version of the writer connection's file.
func (w *writer) fileVersion() (int64, bool) {
	var v uint32
	err := w.conn.Raw(func(dc any) error {
		fc, ok := dc.(sqlite.FileControl)
		if !ok {
			return errors.New("no file control")
		}
		var err error
		v, err = fc.FileControlDataVersion("main")
		return err
	})
	return int64(v), err == nil
}

// walPages is how many pages the writer's connection has written to the
// WAL since it was opened, -1 when it cannot tell.
func (w *writer) walPages() int64 {
	if w.raw == nil {
		return -1
	}
	return w.raw.pagesWritten()
}

// noteCommit remembers the data version the writer's own commit left.
func (w *writer) noteCommit() {
	v, ok := w.fileVersion()
	if !ok {
		v = -1
	}
	w.version = v
}

// wtx is what a hot job writes through: the writer's transaction, with
// statements prepared on its connection and run under a context nobody
// can cancel (an interrupt inside a write rolls back the whole
// transaction, which holds other callers' writes too).
type wtx struct{ w *writer }

func (t *wtx) QueryRowContext(_ context.Context, query string, args ...any) *sql.Row {
	t.w.statements++
	if s := t.w.stmt(query); s != nil {
		return s.QueryRowContext(bg, args...)
	}
	return t.w.conn.QueryRowContext(bg, query, args...)
}

func (t *wtx) QueryContext(_ context.Context, query string, args ...any) (*sql.Rows, error) {
	t.w.statements++
	if s := t.w.stmt(query); s != nil {
		return s.QueryContext(bg, args...)
	}
	return t.w.conn.QueryContext(bg, query, args...)
}

func (t *wtx) ExecContext(_ context.Context, query string, args ...any) (sql.Result, error) {
	return t.w.exec(query, args...)
}

// hotExec is writer.hotExec: a statement of the answer path, arguments unboxed.
func (t *wtx) hotExec(query string, args ...arg) (changes, lastID int64, err error) {
	return t.w.hotExec(query, args...)
}

// cache is what the hot writes read often and change rarely.
func (t *wtx) cache() *writeCache { return &t.w.cache }

// writeCache keeps, between transactions, what the RSVP path would
// otherwise read for every answer: the gathering, the municipality row,
// whether the municipality may answer, and the current answer; and the
// answer log's text ids (a /faq batch's texts, looked up once). It only
// ever holds what the writer read or wrote itself on its connection, and
// it is emptied whenever that may no longer be true: after any write that
// is not an RSVP (an own job: gatherings, regions, guests, corrections …),
// after any job that failed or was rolled back, and when PRAGMA
// data_version says another connection committed.
type writeCache struct {
	// entries: the register entry a typed municipality name means (the
	// register does not change while the DB is open; the name's folding
	// and lookup cost more than the rest of an answer's Go code).
	entries        map[string]kommuner.Entry
	gatherings     map[int64]Gathering
	municipalities map[string]Municipality // by kommunenummer
	allowed        map[rsvpKey]bool
	rsvps          map[rsvpKey]*RSVP // nil: no answer yet
	// texts: answer_texts ids by text (answertext.go), textBytes their
	// length (bounded on its own: maxCachedTexts, maxCachedTextBytes).
	texts     map[string]int64
	textBytes int
}

// maxCached bounds each map: a full one is emptied and refilled.
const maxCached = 4096

func (c *writeCache) clear() {
	c.entries = map[string]kommuner.Entry{}
	c.gatherings = map[int64]Gathering{}
	c.municipalities = map[string]Municipality{}
	c.allowed = map[rsvpKey]bool{}
	c.rsvps = map[rsvpKey]*RSVP{}
	c.texts, c.textBytes = map[string]int64{}, 0
}

func (c *writeCache) trim() {
	if len(c.entries) > maxCached || len(c.gatherings) > maxCached || len(c.municipalities) > maxCached || len(c.allowed) > maxCached || len(c.rsvps) > maxCached {
		c.clear()
	}
}

// Record records a claim no write took (the request wrote nothing), in
// the writer's next transaction; false when the event id was recorded
// already (a replay). It is bot.Claimer's Record.
func (db *DB) Record(ctx context.Context, c *bot.Claim) (bool, error) {
	if c.State() != bot.ClaimPending {
		return c.State() == bot.ClaimRecorded, nil
	}
	err := db.hot(bot.WithClaim(ctx, c), func(*wtx) error { return nil })
	if errors.Is(err, bot.ErrDuplicate) {
		return false, nil
	}
	return err == nil, err
}
