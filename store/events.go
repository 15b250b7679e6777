package store

import (
	"context"
	"time"
)

// FirstSeen records a platform event id and reports whether it is new.
// Adapters use it (through bot.Dedup) so a retried Slack event or a repeated
// Discord interaction is processed once.
func (db *DB) FirstSeen(ctx context.Context, platform, id string) (bool, error) {
	res, err := db.w.ExecContext(ctx,
		`INSERT INTO events (platform, event_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		platform, id, ts(db.now()))
	if err != nil {
		return false, FormatError(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PurgeEvents forgets event ids older than age; platforms stop retrying
// long before that.
func (db *DB) PurgeEvents(ctx context.Context, age time.Duration) (int64, error) {
	res, err := db.w.ExecContext(ctx, `DELETE FROM events WHERE created_at < ?`, ts(db.now().Add(-age)))
	if err != nil {
		return 0, FormatError(err)
	}
	return res.RowsAffected()
}

// Forget removes a recorded event id (its processing failed on our side).
func (db *DB) Forget(ctx context.Context, platform, id string) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM events WHERE platform = ? AND event_id = ?`, platform, id)
	return FormatError(err)
}
