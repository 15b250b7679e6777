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
	Texts     int64 // answer texts no answer-log row names any longer, deleted
}

// PurgeQuestions applies the retention rules that keep personal data from
// piling up:
//
//   - unanswered questions older than olderThan are deleted (who asked,
//     what, where); answered ones became FAQ entries and are kept, but no
//     longer say who asked, by name or key, nor in which channel or thread;
//   - the answer log keeps its rows for feedback and statistics, but rows
//     older than olderThan no longer say who asked;
//   - processed event ids older than EventRetention are forgotten;
//   - answer texts (answer_texts, migration 094) that no answer-log row
//     names are deleted. The store deletes no answer-log rows itself, so
//     these are the few a batch that never wrote its row left behind, or
//     rows deleted by hand: without the pass they would stay for good.
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
		var err error
		if p.Events, err = purgeEvents(guardExec{w: db.wr, tx: tx}, now.Add(-EventRetention)); err != nil {
			return FormatError(err)
		}
		// One pass over the answer log: NOT IN reads the ids it names
		// into a temporary index once (NOT EXISTS per text would scan
		// the log once per text: there is no index on text_id). On
		// 300,000 rows and 15,000 texts ~150 ms of CPU (DISTINCT: ~210
		// without), once a day.
		res, err := tx.ExecContext(ctx, `DELETE FROM answer_texts WHERE id NOT IN (SELECT DISTINCT text_id FROM answers WHERE text_id IS NOT NULL)`)
		if err != nil {
			return FormatError(err)
		}
		p.Texts, _ = res.RowsAffected()
		return nil
	})
	return p, err
}
