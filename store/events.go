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
	var n int64
	err := db.hot(ctx, func(t *wtx) error {
		db.claims.note(db, platform, id)
		res, err := t.ExecContext(ctx, qClaim, platform, id, ts(db.now()))
		if err != nil {
			return FormatError(err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// PurgeEvents forgets event ids older than age; platforms stop retrying
// long before that.
func (db *DB) PurgeEvents(ctx context.Context, age time.Duration) (int64, error) {
	var n int64
	err := db.hot(ctx, func(t *wtx) error {
		res, err := t.ExecContext(ctx, `DELETE FROM events WHERE created_at < ?`, ts(db.now().Add(-age)))
		if err != nil {
			return FormatError(err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// Forget removes a recorded event id (its processing failed on our side).
func (db *DB) Forget(ctx context.Context, platform, id string) error {
	return db.hot(ctx, func(t *wtx) error {
		_, err := t.ExecContext(ctx, `DELETE FROM events WHERE platform = ? AND event_id = ?`, platform, id)
		return FormatError(err)
	})
}
