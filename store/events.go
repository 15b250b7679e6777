package store

import (
	"context"
	"time"
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
		n, err = purgeEvents(guardExec{w: t.w}, ts(db.now().Add(-age)))
		return FormatError(err)
	})
	return n, err
}

// purgeEvents deletes the recorded event ids created before cut: first
// everything pending is merged (guard.go), then events and the guard's
// ring (all merged now) lose their old rows.
func purgeEvents(x guardExec, cut string) (int64, error) {
	if err := x.w.db.guard.mergeAll(x); err != nil {
		return 0, err
	}
	n, err := x.exec(`DELETE FROM events WHERE created_at < ?`, aText(cut))
	if err != nil {
		return 0, err
	}
	if _, err := x.exec(`DELETE FROM events_pending WHERE created_at < ?`, aText(cut)); err != nil {
		return 0, err
	}
	return n, nil
}

// Forget removes a recorded event id (its processing failed on our side).
func (db *DB) Forget(ctx context.Context, platform, id string) error {
	return db.hot(ctx, func(t *wtx) error {
		x := guardExec{w: t.w}
		// Pending ids first go where the rest are (guard.go).
		if err := db.guard.mergeAll(x); err != nil {
			return FormatError(err)
		}
		_, err := x.exec(`DELETE FROM events WHERE platform = ? AND event_id = ?`, aText(platform), aText(id))
		return FormatError(err)
	})
}
