package store

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// The statements every answer runs (the replay guard's insert, the RSVP
// upsert and its history row, the /faq answer log) go from the writer
// straight to SQLite's C API on the writer's own connection, past
// database/sql and the driver's generic Exec.
//
// Why (BenchmarkRSVPWrite, docs/operations.md "One core: the storage
// side"): through database/sql each statement cost ~5 Go allocations
// there (the result, argument conversion) and ~5 in the driver (a result,
// the C string bookkeeping of every text argument, each parameter's name
// looked up), and every int or string argument was boxed into an `any`
// first: 25 of the 67 allocations of an answer, and the time to make and
// collect them. Here arguments are a typed array on the caller's stack,
// text is copied into one reused C buffer, the statement is prepared once
// and reset after each run.
//
// The handle is the driver's own connection (the one the writer holds for
// the life of the DB, conn.Raw), read from the driver's connection value
// by reflection: modernc.org/sqlite keeps it unexported. If a driver
// version lays it out differently, rawOf returns nil and the writer runs
// the same statements through database/sql (TestWriterUsesSQLiteHandle
// says so at once). Only the writer goroutine uses it, and only while it
// holds the connection; the statements are finalized before the
// connection is given back.
type rawConn struct {
	tls   *libc.TLS
	db    uintptr // sqlite3*
	stmts map[string]uintptr
	buf   uintptr // C memory for text arguments, bufN bytes
	bufN  int
}

// arg is one statement argument, without boxing it in an interface.
type arg struct {
	kind argKind
	i    int64
	f    float64
	s    string
}

type argKind uint8

const (
	argNull argKind = iota
	argInt
	argFloat
	argText
	argBlob // s holds the bytes
)

func aInt(v int64) arg     { return arg{kind: argInt, i: v} }
func aFloat(v float64) arg { return arg{kind: argFloat, f: v} }
func aText(s string) arg   { return arg{kind: argText, s: s} }

// aBool is 1 or 0.
func aBool(b bool) arg { return aInt(int64(boolInt(b))) }

// aKey is a user key, NULL when empty (nullKey).
func aKey(k string) arg {
	if k == "" {
		return arg{}
	}
	return aText(k)
}

// value is the argument as database/sql takes it (the fallback path).
func (a arg) value() any {
	switch a.kind {
	case argInt:
		return a.i
	case argFloat:
		return a.f
	case argText:
		return a.s
	case argBlob:
		return []byte(a.s)
	}
	return nil
}

// rawOf returns the SQLite handle of the driver connection under c, or nil
// when the driver is not the one this was written for.
func rawOf(c *sql.Conn) *rawConn {
	var r *rawConn
	c.Raw(func(dc any) error {
		v := reflect.ValueOf(dc)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct || v.Elem().Type().PkgPath() != "modernc.org/sqlite" {
			return nil
		}
		db, tls := v.Elem().FieldByName("db"), v.Elem().FieldByName("tls")
		if !db.IsValid() || db.Kind() != reflect.Uintptr || db.Uint() == 0 ||
			!tls.IsValid() || tls.Type() != reflect.TypeFor[*libc.TLS]() || tls.IsNil() {
			return nil
		}
		r = &rawConn{tls: (*libc.TLS)(tls.UnsafePointer()), db: uintptr(db.Uint()), stmts: map[string]uintptr{}}
		return nil
	})
	return r
}

// rawError is an SQLite error from the raw path; FormatError reads its
// code as it reads the driver's.
type rawError struct {
	code int
	msg  string
}

func (e *rawError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// Code is the (extended) SQLite result code.
func (e *rawError) Code() int { return e.code }

func (r *rawConn) err(rc int32) error {
	code := rc
	if ext := sqlite3.Xsqlite3_extended_errcode(r.tls, r.db); ext&0xff == rc&0xff {
		code = ext
	}
	return &rawError{code: int(code), msg: libc.GoString(sqlite3.Xsqlite3_errmsg(r.tls, r.db))}
}

// prepare returns query's statement, prepared on first use.
func (r *rawConn) prepare(query string) (uintptr, error) {
	if p, ok := r.stmts[query]; ok {
		return p, nil
	}
	csql, err := libc.CString(query)
	if err != nil {
		return 0, err
	}
	defer libc.Xfree(r.tls, csql)
	pp := r.tls.Alloc(int(unsafe.Sizeof(uintptr(0))))
	defer r.tls.Free(int(unsafe.Sizeof(uintptr(0))))
	if rc := sqlite3.Xsqlite3_prepare_v3(r.tls, r.db, csql, -1, sqlite3.SQLITE_PREPARE_PERSISTENT, pp, 0); rc != sqlite3.SQLITE_OK {
		return 0, r.err(rc)
	}
	p := *(*uintptr)(unsafe.Pointer(&libc.GoBytes(pp, int(unsafe.Sizeof(uintptr(0))))[0]))
	if p == 0 {
		return 0, errors.New("store: empty statement")
	}
	r.stmts[query] = p
	return p, nil
}

// exec runs query with args (one per parameter, in order) and returns the
// rows it changed and the last inserted rowid.
func (r *rawConn) exec(query string, args []arg) (changes, lastID int64, err error) {
	p, err := r.bind(query, args)
	if err != nil {
		return 0, 0, err
	}
	defer sqlite3.Xsqlite3_clear_bindings(r.tls, p)
	rc := sqlite3.Xsqlite3_step(r.tls, p)
	for rc == sqlite3.SQLITE_ROW { // not expected of these statements
		rc = sqlite3.Xsqlite3_step(r.tls, p)
	}
	if rc != sqlite3.SQLITE_DONE {
		err := r.err(rc)
		sqlite3.Xsqlite3_reset(r.tls, p)
		return 0, 0, err
	}
	changes = sqlite3.Xsqlite3_changes64(r.tls, r.db)
	lastID = sqlite3.Xsqlite3_last_insert_rowid(r.tls, r.db)
	if rc := sqlite3.Xsqlite3_reset(r.tls, p); rc != sqlite3.SQLITE_OK {
		return 0, 0, r.err(rc)
	}
	return changes, lastID, nil
}

// execYielding is exec for a long statement (the replay guard's merge):
// every `every` steps of SQLite's virtual machine it calls back (its
// progress handler), and the callback lets the other goroutines run
// (runtime.Gosched). On one core the Go scheduler would otherwise let the
// statement keep the processor for up to 10 ms, and every request wait.
// The writer runs its statements under a background context, so the
// driver's own progress handler (cancellation) is not set meanwhile.
func (r *rawConn) execYielding(query string, args []arg, every int32) (int64, error) {
	sqlite3.Xsqlite3_progress_handler(r.tls, r.db, every, yieldProgressFn, 0)
	defer sqlite3.Xsqlite3_progress_handler(r.tls, r.db, 0, 0, 0)
	n, _, err := r.exec(query, args)
	return n, err
}

func yieldProgress(*libc.TLS, uintptr) int32 {
	yields.Add(1)
	runtime.Gosched()
	return 0 // go on
}

// yields counts yieldProgress's calls (BenchmarkGuardMerge).
var yields atomic.Int64

// yieldProgressFn is yieldProgress as SQLite calls it: a function value's
// code pointer, as modernc.org/sqlite passes its own callbacks.
var yieldProgressFn = *(*uintptr)(unsafe.Pointer(&struct {
	f func(*libc.TLS, uintptr) int32
}{yieldProgress}))

// exists runs a query with args and reports whether it gives a row. The
// statement is reset before it returns, so no read transaction stays open
// (it would hold the WAL's checkpoints back).
func (r *rawConn) exists(query string, args []arg) (bool, error) {
	p, err := r.bind(query, args)
	if err != nil {
		return false, err
	}
	defer sqlite3.Xsqlite3_clear_bindings(r.tls, p)
	rc := sqlite3.Xsqlite3_step(r.tls, p)
	found := rc == sqlite3.SQLITE_ROW
	if !found && rc != sqlite3.SQLITE_DONE {
		err := r.err(rc)
		sqlite3.Xsqlite3_reset(r.tls, p)
		return false, err
	}
	if rc := sqlite3.Xsqlite3_reset(r.tls, p); rc != sqlite3.SQLITE_OK {
		return false, r.err(rc)
	}
	return found, nil
}

// bind prepares query (once) and binds args to it.
func (r *rawConn) bind(query string, args []arg) (uintptr, error) {
	p, err := r.prepare(query)
	if err != nil {
		return 0, err
	}
	if n := int(sqlite3.Xsqlite3_bind_parameter_count(r.tls, p)); n != len(args) {
		return 0, fmt.Errorf("store: %d arguments for %d parameters", len(args), n)
	}
	// Text goes into one C buffer, bound without a copy (SQLITE_STATIC):
	// it stays put until the statement is reset.
	size, texts := 0, 0
	for _, a := range args {
		if a.kind == argText || a.kind == argBlob {
			size += len(a.s)
			texts++
		}
	}
	// The buffer must exist even for empty text: a NULL pointer would bind
	// NULL, not ''.
	if size > r.bufN || (texts > 0 && r.buf == 0) {
		if r.buf != 0 {
			libc.Xfree(r.tls, r.buf)
		}
		n := max(size, 1024)
		if r.buf = libc.Xmalloc(r.tls, libc.Tsize_t(n)); r.buf == 0 {
			r.bufN = 0
			return 0, errors.New("store: out of C memory")
		}
		r.bufN = n
	}
	off := 0
	for i, a := range args {
		var rc int32
		switch a.kind {
		case argNull:
			rc = sqlite3.Xsqlite3_bind_null(r.tls, p, int32(i+1))
		case argInt:
			rc = sqlite3.Xsqlite3_bind_int64(r.tls, p, int32(i+1), a.i)
		case argFloat:
			rc = sqlite3.Xsqlite3_bind_double(r.tls, p, int32(i+1), a.f)
		case argText:
			at := r.buf + uintptr(off)
			copy(libc.GoBytes(at, len(a.s)), a.s)
			off += len(a.s)
			rc = sqlite3.Xsqlite3_bind_text(r.tls, p, int32(i+1), at, int32(len(a.s)), 0)
		case argBlob:
			at := r.buf + uintptr(off)
			copy(libc.GoBytes(at, len(a.s)), a.s)
			off += len(a.s)
			rc = sqlite3.Xsqlite3_bind_blob(r.tls, p, int32(i+1), at, int32(len(a.s)), 0)
		}
		if rc != sqlite3.SQLITE_OK {
			sqlite3.Xsqlite3_clear_bindings(r.tls, p)
			return 0, r.err(rc)
		}
	}
	return p, nil
}

// close finalizes the statements and frees the buffer; the connection
// itself stays the driver's.
func (r *rawConn) close() {
	for q, p := range r.stmts {
		sqlite3.Xsqlite3_finalize(r.tls, p)
		delete(r.stmts, q)
	}
	if r.buf != 0 {
		libc.Xfree(r.tls, r.buf)
		r.buf, r.bufN = 0, 0
	}
}

// pagesWritten is the connection's SQLITE_DBSTATUS_CACHE_WRITE: pages it
// has written to the WAL since it was opened (-1 on an error).
func (r *rawConn) pagesWritten() int64 {
	p := r.tls.Alloc(8)
	defer r.tls.Free(8)
	if rc := sqlite3.Xsqlite3_db_status(r.tls, r.db, sqlite3.SQLITE_DBSTATUS_CACHE_WRITE, p, p+4, 0); rc != sqlite3.SQLITE_OK {
		return -1
	}
	return int64(*(*int32)(unsafe.Pointer(&libc.GoBytes(p, 4)[0])))
}
