package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"modernc.org/sqlite"
)

// Answer texts are stored once (migration 094): an answers row names its
// text by answer_texts.id, NULL when it has none (a declined question).
// Readers join it back (db.Answer, the digest's downvotes, mine-data);
// the writer turns a text into its id through writeCache.texts, so a
// batch of FAQ answers, whose texts it has seen, looks nothing up.

// textHash is answer_texts.hash: FNV-1a over the text's bytes, as a
// signed 64-bit integer (what SQLite stores). It is stored, so it never
// changes.
func textHash(s string) int64 {
	const offset64, prime64 = 14695981039346656037, 1099511628211 // hash/fnv's, without copying s
	h := uint64(offset64)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return int64(h)
}

// The migration that moved the texts out of existing rows computes the
// hash in SQL. VolatileArgs: the driver then passes the text with its
// length (sqlite3_value_bytes); otherwise it copies it as a C string, up
// to a NUL byte, and a text with one got another hash than the writer's.
// textHash keeps nothing of its argument.
func init() {
	err := sqlite.RegisterFunction("kulturbot_text_hash", &sqlite.FunctionImpl{NArgs: 1, Deterministic: true, VolatileArgs: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return textHash(v), nil
			case []byte:
				return textHash(string(v)), nil
			case nil:
				return nil, nil
			}
			return nil, fmt.Errorf("kulturbot_text_hash: %T is not text", args[0])
		}})
	if err != nil {
		panic(err)
	}
}

const (
	qTextFind   = `SELECT id FROM answer_texts WHERE hash = ? AND text = ?`
	qTextInsert = `INSERT INTO answer_texts (hash, text) VALUES (?, ?)`
)

// Bounds of writeCache.texts: a full map is emptied and refilled. The
// FAQ's texts are a few hundred (~300 bytes each); texts made for one
// question (live data, the LLM) are what fills it.
const (
	maxCachedTexts     = 1024
	maxCachedTextBytes = 256 << 10
)

// queryRower is what textID reads through: the writer's transaction
// (wtx) or an own job's *sql.Tx.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// textID returns the id of text in answer_texts, inserting it when it is
// new; 0 for the empty text (stored as NULL).
func textID(ctx context.Context, q queryRower, text string) (int64, error) {
	if text == "" {
		return 0, nil
	}
	h := textHash(text)
	var id int64
	err := q.QueryRowContext(ctx, qTextFind, h, text).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := q.ExecContext(ctx, qTextInsert, h, text)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// answerText is textID on the writer, through its cache: what it returns
// is in the file or in the current transaction (the cache is emptied
// when a transaction or a job in it is rolled back: runHot).
func (t *wtx) answerText(text string) (int64, error) {
	if text == "" {
		return 0, nil
	}
	c := t.cache()
	if id, ok := c.texts[text]; ok {
		return id, nil
	}
	id, err := textID(bg, t, text)
	if err != nil {
		return 0, err
	}
	if len(c.texts) >= maxCachedTexts || c.textBytes+len(text) > maxCachedTextBytes {
		clear(c.texts)
		c.textBytes = 0
	}
	c.texts[text] = id
	c.textBytes += len(text)
	return id, nil
}

// aTextID is a text id as a statement argument: NULL for none.
func aTextID(id int64) arg {
	if id == 0 {
		return arg{}
	}
	return aInt(id)
}

// nullID is a text id for database/sql: NULL for none.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
