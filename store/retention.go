package store

import (
	"context"
	"database/sql"
	"time"
)

// EventRetention is how long processed platform event ids are remembered.
// Slack retries for minutes and Discord interactions expire after 15; a
// week is far beyond both.
const EventRetention = 7 * 24 * time.Hour

// Purged counts what one retention pass removed.
type Purged struct {
	Questions int64 // unanswered questions deleted
	Anonymous int64 // answered questions (and their askers) no longer saying who asked or where
	Answers   int64 // answer log rows no longer pointing to the asker
	Events    int64 // processed event ids forgotten
}

// PurgeQuestions applies the retention rules that keep personal data from
// piling up:
//
//   - unanswered questions older than olderThan are deleted (who asked,
//     what, where); answered ones became FAQ entries and are kept, but no
//     longer say who asked, by name or key, nor in which channel or thread;
//   - the answer log keeps its rows for feedback and statistics, but rows
//     older than olderThan no longer say who asked;
//   - processed event ids older than EventRetention are forgotten.
//
// olderThan <= 0 keeps questions and answers forever (events are still
// purged). It runs in one transaction, so a crash leaves all or nothing.
func (db *DB) PurgeQuestions(ctx context.Context, olderThan time.Duration) (Purged, error) {
	var p Purged
	err := db.update(ctx, func(tx *sql.Tx) error {
		now := db.now()
		if olderThan > 0 {
			cut := ts(now.Add(-olderThan))
			res, err := tx.ExecContext(ctx, `DELETE FROM questions WHERE answered_at IS NULL AND created_at < ?`, cut)
			if err != nil {
				return FormatError(err)
			}
			p.Questions, _ = res.RowsAffected()
			res, err = tx.ExecContext(ctx, `UPDATE questions SET asked_by = NULL, asked_name = '', channel = '', thread = ''
			WHERE created_at < ? AND (asked_by IS NOT NULL OR asked_name <> '' OR channel <> '' OR thread <> '')`, cut)
			if err != nil {
				return FormatError(err)
			}
			p.Anonymous, _ = res.RowsAffected()
			res, err = tx.ExecContext(ctx, `UPDATE question_askers SET asked_by = NULL, asked_name = '', channel = '', thread = ''
			WHERE created_at < ? AND (asked_by IS NOT NULL OR asked_name <> '' OR channel <> '' OR thread <> '')`, cut)
			if err != nil {
				return FormatError(err)
			}
			n, _ := res.RowsAffected()
			p.Anonymous += n
			res, err = tx.ExecContext(ctx, `UPDATE answers SET asked_by = NULL WHERE asked_by IS NOT NULL AND created_at < ?`, cut)
			if err != nil {
				return FormatError(err)
			}
			p.Answers, _ = res.RowsAffected()
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM events WHERE created_at < ?`, ts(now.Add(-EventRetention)))
		if err != nil {
			return FormatError(err)
		}
		p.Events, _ = res.RowsAffected()
		return nil
	})
	return p, err
}
