package store

import (
	"context"
	"encoding/binary"
	"strconv"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// FirstSeen records a platform event id and reports whether it is new.
// Adapters use it (through bot.Dedup) so a retried Slack event or a repeated
// Discord interaction is processed once.
//
// bot.Dedup does not use it with the store (the store is a bot.Claimer: the
// id is recorded with the request's write, see Record); it is kept for the
// bot.Deduper interface.
func (db *DB) FirstSeen(ctx context.Context, platform, id string) (bool, error) {
	var first bool
	err := db.hot(ctx, func(t *wtx) error {
		db.claims.note(db, platform, id)
		var err error
		first, err = t.w.claimID(guardExec{w: t.w}, platform, id, ts(db.now()))
		return FormatError(err)
	})
	return first, err
}

// PurgeEvents forgets event ids older than age; platforms stop retrying
// long before that.
func (db *DB) PurgeEvents(ctx context.Context, age time.Duration) (int64, error) {
	var n int64
	err := db.hot(ctx, func(t *wtx) error {
		var err error
		n, err = purgeEvents(guardExec{w: t.w}, db.now().Add(-age))
		return FormatError(err)
	})
	return n, err
}

// purgeEvents deletes the recorded event ids created before cut: first
// everything pending is merged (guard.go), then events and the guard's
// ring (all merged now) lose their old rows. A signed id's row has no
// created_at (guard.go): its stamp says when it came, so it goes when
// the stamp is older than cut — in the 12-byte form (storedID) or, for
// signed ids of other forms, the text. (Rows a version before that
// stored keep their created_at and go by it.)
func purgeEvents(x guardExec, cut time.Time) (int64, error) {
	if err := x.w.db.guard.mergeAll(x); err != nil {
		return 0, err
	}
	at, text, packed := aText(ts(cut)), aText(signedCut(cut)), packedCut(cut)
	const old = `created_at < ?1 AND (created_at <> '' OR event_id < ?2 OR (typeof(event_id) = 'blob' AND event_id < ?3))`
	n, err := x.exec(`DELETE FROM events WHERE `+old, at, text, packed)
	if err != nil {
		return 0, err
	}
	if _, err := x.exec(`DELETE FROM events_pending WHERE `+old, at, text, packed); err != nil {
		return 0, err
	}
	return n, nil
}

// signedCut is the smallest signed id (bot.SignedEventID) stamped at cut
// or later: every signed id below it is older. Only signed ids are
// stored without a created_at, and their ten-digit stamps sort as the
// times do (bot.SignedStamp); ids of other forms are never compared with
// it. (A text is below every BLOB: the 12-byte ids are not either.)
func signedCut(cut time.Time) string {
	return bot.SignedEventID(strconv.FormatInt(max(cut.Unix(), 1_000_000_000), 10), "")
}

// packedCut is signedCut for the 12-byte ids (storedID): the 4 bytes of
// cut's stamp sort below every 12-byte id stamped at cut or later and
// above every one stamped before.
func packedCut(cut time.Time) arg {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(min(max(cut.Unix(), 0), 1<<32-1)))
	return arg{kind: argBlob, s: string(b[:])}
}

// Forget removes a recorded event id (its processing failed on our side).
func (db *DB) Forget(ctx context.Context, platform, id string) error {
	return db.hot(ctx, func(t *wtx) error {
		x := guardExec{w: t.w}
		// Pending ids first go where the rest are (guard.go).
		if err := db.guard.mergeAll(x); err != nil {
			return FormatError(err)
		}
		_, err := x.exec(`DELETE FROM events WHERE platform = ? AND event_id = ?`, aText(platform), storedID(id))
		return FormatError(err)
	})
}
