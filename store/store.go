// Package store keeps kulturbot's records in SQLite (modernc.org/sqlite,
// pure Go, so CGO_ENABLED=0 builds work).
//
// One file per aggregate: the exported method owns the transaction, private
// helpers take the *sql.Tx. Times are stored in UTC as sortable text and
// shown in Europe/Oslo by the handlers. Every record knows who wrote it
// (a user key such as "slack:U123"), on which platform and when.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open kulturbot database.
//
// Writes are done by the writer (writer.go): one goroutine holding one
// connection of the write pool, taking the writes in arrival order, so
// concurrent writers queue in Go instead of spinning on SQLITE_BUSY. The
// pool's second connection serves what has not moved onto the writer yet
// (migrations, the FAQ index, backups, the few direct statements). Reads
// use their own pool, which WAL lets run beside the writer.
type DB struct {
	w, r *sql.DB
	Path string
	// Now is the clock; tests replace it to fix time-dependent rules.
	Now func() time.Time

	// reg is the municipality register names are resolved against.
	reg *kommuner.Register

	// aroundCheckpoint, when set, runs each background checkpoint
	// (WithCheckpointAround).
	aroundCheckpoint func(run func())

	// wr does every write of the running bot, in arrival order, on one
	// connection (writer.go); started on first use, stopped by Close.
	wr         *writer
	writerOnce sync.Once

	// alog is the answer log behind the answer (answerlog.go);
	// seenConn (a reader held for it) reads the replay guard's events
	// table for it.
	alog     answerLog
	seenOnce sync.Once
	seenMu   sync.Mutex
	seenConn *sql.Conn
	seenRaw  *rawConn
	seenErr  error
	// seenReads counts eventSeen's reads (under seenMu), seenRingReads
	// guardPending's, for the tests.
	seenReads, seenRingReads int
	// claims lets most questions skip that read (claimset.go).
	claims recentClaims
	// guard holds the signed guard ids recorded in arrival order and not
	// yet merged into events (guard.go).
	guard guard

	// replay makes a new database replay every migration instead of
	// getting the schema snapshot (schema.go); fromSnapshot says it got
	// the snapshot. Both for TestSchemaSnapshot.
	replay, fromSnapshot bool
}

// dsn builds a DSN whose pragmas apply to every pooled connection.
func dsn(path string, readonly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	// NORMAL in WAL mode: a committed transaction survives a process crash
	// (SIGKILL); only an OS crash or power loss can drop the last commits.
	q.Add("_pragma", "synchronous(NORMAL)")
	// Deleted and overwritten personal data (slett-meg, retention) is
	// zeroed in the file, not left readable in free pages.
	q.Add("_pragma", "secure_delete(1)")
	// Each connection keeps its own page cache, and it fills up to the
	// limit as the file grows (SQLite's default is 2,000 KiB): after the
	// few seconds of scripts/compare.sh's load the connections held about
	// 4 MiB, most of the bot's memory besides the Go heap and the binary.
	// 512 KiB keeps the b-trees' inner pages; a leaf missing from the
	// cache is a pread from the OS page cache, a microsecond or two.
	// Measured on one core (docs/operations.md "One core: peak memory"):
	// peak RSS −3 to −4 MiB, CPU per request unchanged within the noise.
	//
	// Readers get half that (round 5): the pages a read needs are few and
	// hot (gatherings, regions, a user's settings), the other connections
	// see them through the OS page cache, and eight readers at 512 KiB
	// were up to 4 MiB (abtail KIND=faq: peak RSS −0.5 MiB, CPU per
	// request within the noise).
	if readonly {
		q.Add("_pragma", "cache_size(-256)")
	} else {
		q.Add("_pragma", "cache_size(-512)")
	}
	q.Add("_time_format", "sqlite")
	if readonly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// Take the write lock at BEGIN, so a transaction never fails
		// half-way when it upgrades from reading to writing.
		q.Add("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Option configures Open.
type Option func(*DB)

// WithRegister links municipalities against r instead of the embedded
// register (KULTURBOT_KOMMUNER).
func WithRegister(r *kommuner.Register) Option { return func(db *DB) { db.reg = r } }

// WithCheckpointAround makes every background WAL checkpoint run inside
// f (f calls run once). The binary uses it to give a checkpoint a
// processor of its own when the process has only one (cmd/kulturbot,
// procs.go): how many processors the process runs on is its decision,
// not the store's.
func WithCheckpointAround(f func(run func())) Option {
	return func(db *DB) { db.aroundCheckpoint = f }
}

// Open opens (creating if needed) the database at path, applies any
// pending migrations and links the municipalities to the register.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: empty database path")
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, err
	}
	// One connection for the writer, held for good, and one for the
	// direct users of the pool; they meet at SQLite's write lock.
	w.SetMaxOpenConns(2)
	w.SetMaxIdleConns(2)
	w.SetConnMaxLifetime(0)
	db := &DB{w: w, Path: path, Now: time.Now, reg: kommuner.Default()}
	for _, o := range opts {
		o(db)
	}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: migrate %s: %w", path, err)
	}
	if _, err := db.SyncRegister(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: municipality register %s: %w", db.reg.Source, err)
	}
	if err := db.openGuard(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: replay guard %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	db.r = r
	if err := restrictFiles(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	return db, nil
}

// restrictFiles makes the database and its WAL and shared-memory files
// readable by the owner only: they hold names, contacts and notes. Files
// created by an older version (0644) are tightened too.
func restrictFiles(path string) error {
	if strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		return nil
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Close closes both pools; the last close checkpoints the WAL. Answers
// already handed to the RSVP batcher are committed first.
func (db *DB) Close() error {
	db.stopWriter()
	var err error
	db.closeSeen()
	if db.r != nil {
		err = db.r.Close()
	}
	if e := db.w.Close(); e != nil {
		err = e
	}
	return err
}

// Ping checks that the database answers a query (for /healthz).
func (db *DB) Ping(ctx context.Context) error {
	var n int
	return db.r.QueryRowContext(ctx, "SELECT 1").Scan(&n)
}

// WriteProbe proves the database takes writes (for /healthz): it commits
// one row, so a read-only file, a full disk or a broken writer fails it
// where a read would still succeed.
func (db *DB) WriteProbe(ctx context.Context) error {
	// On the pool's own connection, not through the writer: same file, so a
	// read-only file or a full disk fails it just the same.
	_, err := db.w.ExecContext(ctx, `INSERT INTO health (id, probed_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at`, ts(db.now()))
	return FormatError(err)
}

// Backup writes a consistent copy of the live database to path, readable
// by the owner only.
func (db *DB) Backup(ctx context.Context, path string) error {
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// Writer and Reader expose the pools to sibling packages (faq index,
// document store) that keep their own tables in the same file.
func (db *DB) Writer() *sql.DB { return db.w }

// Reader is the read-only pool.
func (db *DB) Reader() *sql.DB { return db.r }

func (db *DB) now() time.Time { return db.Now().UTC() }

// NewerSchemaError is a database migrated by a newer kulturbot than this
// one: Open refuses it rather than misread what it does not know.
type NewerSchemaError struct {
	Migrations []string // applied, not embedded in this build (sorted)
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("the database was migrated by a newer kulturbot (%s, which this build does not have): "+
		"run that version or a newer one, or restore a backup made before the upgrade (kulturbot backup)", strings.Join(e.Migrations, ", "))
}

// migrate applies the embedded migrations in name order, each in its own
// transaction, recording them in schema_migrations. A new database first
// gets the schema snapshot (schema.go) and then only the migrations newer
// than it.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	if !db.replay {
		var err error
		if db.fromSnapshot, err = db.applySnapshot(ctx); err != nil {
			return fmt.Errorf("schema.sql: %w", err)
		}
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// What is applied already, in one query: an up-to-date database
	// then opens no transaction per migration.
	done := map[string]bool{}
	rows, err := db.w.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		done[n] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// A migration this build does not know was applied by a newer one: an
	// older build would read the newer rows its own way (the replay guard's
	// ids since 095 and 096, for one — a replay of the last minutes taken
	// again, packed rows dropped by retention). It refuses to open the file
	// instead, and nothing is written.
	known := make(map[string]bool, len(names))
	for _, name := range names {
		known[name] = true
	}
	var newer []string
	for name := range done {
		if !known[name] {
			newer = append(newer, name)
		}
	}
	if len(newer) > 0 {
		sort.Strings(newer)
		return &NewerSchemaError{Migrations: newer}
	}
	for _, name := range names {
		if done[name] {
			continue
		}
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) migrateFile(ctx context.Context, name string) error {
	return InTx(ctx, db.w, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		buf, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, ts(db.now())); err != nil {
			return err
		}
		return nil
	})
}

// InTx runs fn in one transaction on pool: committed when fn returns nil,
// rolled back otherwise. It is the transaction of what does not go through
// the writer (db.update): Open's own steps (the migrations, the register
// sync) before the writer starts, the document library's long ingests on
// the write pool, and the FAQ engine's in-memory index. Errors are
// returned as they are.
func InTx(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// tsLayout sorts as text in time order.
const tsLayout = "2006-01-02T15:04:05.000000Z"

// ts formats a time for storage (UTC).
func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

// parseTS reads a stored time; zero on empty or bad input.
func parseTS(s string) time.Time {
	t, err := time.Parse(tsLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func nullTS(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	return parseTS(s.String)
}

// day formats a calendar date (Oslo) for storage: YYYY-MM-DD.
func day(t time.Time) string { return t.In(bot.Oslo).Format("2006-01-02") }

// parseDay reads a stored calendar date as midnight Oslo.
func parseDay(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02", s, bot.Oslo)
	return t
}

// Author says who wrote a record, from where.
type Author struct {
	Key      string // "slack:U123"; empty once the person asked to be forgotten
	Name     string
	Platform bot.Platform
}

// AuthorOf builds the Author of a request.
func AuthorOf(req *bot.Request) Author {
	return Author{Key: req.UserKey(), Name: req.User.Name, Platform: req.Platform}
}

// FormatError translates driver errors into the store's typed errors once,
// here, so the handlers never see SQLite codes.
func FormatError(err error) error {
	if err == nil {
		return nil
	}
	var be *bot.Error
	var coded bot.Coded
	if errors.As(err, &be) || errors.As(err, &coded) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &NotFoundError{Err: err}
	}
	var se *sqlite.Error
	var re *rawError
	code := -1
	switch {
	case errors.As(err, &se):
		code = se.Code()
	case errors.As(err, &re):
		code = re.Code()
	}
	if code != -1 {
		switch code {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &ConstraintError{Duplicate: true, Err: err}
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return &ConstraintError{Err: err}
		}
	}
	return bot.Internal(err)
}

// view runs fn in one read-only transaction on the readers: one
// consistent snapshot of several queries, always rolled back.
func (db *DB) view(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return FormatError(err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
