package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// AnswerLog is one answer the bot gave (or declined to give) to a question.
type AnswerLog struct {
	ID       int64
	Question string
	Lang     string
	Answered bool
	Path     string // faq, passage, llm
	EntryID  string
	Score    float64
	Answer   string
	Author   Author
	Created  time.Time
}

// Answer returns a logged answer.
func (db *DB) Answer(ctx context.Context, id int64) (AnswerLog, error) {
	var a AnswerLog
	var by sql.NullString
	var plat, created string
	err := db.r.QueryRowContext(ctx, `SELECT a.id, a.question, a.lang, a.answered, a.path, a.entry_id, a.score, COALESCE(t.text, ''), a.asked_by, a.platform, a.created_at
		FROM answers a LEFT JOIN answer_texts t ON t.id = a.text_id WHERE a.id = ?`, id).Scan(&a.ID, &a.Question, &a.Lang, &a.Answered, &a.Path, &a.EntryID, &a.Score, &a.Answer, &by, &plat, &created)
	if err != nil {
		return a, FormatError(err)
	}
	a.Author = Author{Key: by.String, Platform: bot.Platform(plat)}
	a.Created = parseTS(created)
	return a, nil
}

// Question is a question the bot could not answer, kept for the working
// group until an admin answers it.
type Question struct {
	ID         int64
	Question   string
	Lang       string
	Asker      Author // Key is empty once the asker asked to be forgotten
	Channel    string
	Thread     string
	Created    time.Time
	Answer     string
	AnsweredBy string
	AnsweredAt time.Time // zero while open
	// Asks is how many times the question was asked while open (the same
	// words, folded, by anyone).
	Asks int
	// Others are the other people who asked it, where; filled by
	// AnswerQuestion so every asker hears the answer.
	Others []QuestionAsker
}

// QuestionAsker is one more person who asked an open question.
type QuestionAsker struct {
	Question string // as they typed it
	Lang     string
	Asker    Author
	Channel  string
	Thread   string
	Created  time.Time
}

// maxOpenScan bounds how many open questions a new one is compared with.
const maxOpenScan = 2000

// Open reports whether the question still waits for an answer.
func (q Question) Open() bool { return q.AnsweredAt.IsZero() }

// AddQuestion stores an unanswered question with where it was asked, so
// the answer can find its way back, and returns its id. The same question
// (folded: case, æøå spellings, spaces and punctuation ignored) already
// open is the same case: its count goes up, the asker is added to those
// the answer goes to (once per person and place), and its id is returned.
func (db *DB) AddQuestion(ctx context.Context, q Question) (int64, error) {
	if strings.TrimSpace(q.Question) == "" {
		return 0, &MissingError{What: WhatQuestion}
	}
	var id int64
	err := db.update(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.addQuestion(ctx, tx, q)
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// LogUnsure is LogAnswer and AddQuestion for a question the FAQ could not
// answer, in one transaction: the answer log row and the question for the
// working group are stored together or not at all. (As two writes, a
// failing AddQuestion left the log row — and with it the request's event
// id, the replay guard's record — behind, so Slack's retry of the command
// was answered as a duplicate and the question was never added.) It
// returns the question's id.
func (db *DB) LogUnsure(ctx context.Context, a AnswerLog, q Question) (int64, error) {
	if strings.TrimSpace(q.Question) == "" {
		return 0, &MissingError{What: WhatQuestion}
	}
	aid, err := db.answerID(ctx)
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.update(ctx, func(tx *sql.Tx) error {
		tid, err := textID(ctx, tx, a.Answer)
		if err != nil {
			return FormatError(err)
		}
		if _, err := tx.ExecContext(ctx, qAnswerInsertID, aid,
			a.Question, a.Lang, a.Answered, a.Path, a.EntryID, a.Score, nullID(tid), keyOrNull(a.Author.Key), string(a.Author.Platform), ts(db.now())); err != nil {
			return FormatError(err)
		}
		id, err = db.addQuestion(ctx, tx, q)
		return err
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// addQuestion is AddQuestion's write, in tx.
func (db *DB) addQuestion(ctx context.Context, tx *sql.Tx, q Question) (id int64, err error) {
	key := bot.Fold(q.Question)
	now := ts(db.now())
	if id, err = openQuestionLike(ctx, tx, key); err != nil {
		return 0, FormatError(err)
	}
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO questions (question, lang, asked_by, asked_name, platform, channel, thread, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			q.Question, q.Lang, keyOrNull(q.Asker.Key), q.Asker.Name, string(q.Asker.Platform), q.Channel, q.Thread, now)
		if err != nil {
			return 0, FormatError(err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, FormatError(err)
		}
		return id, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE questions SET asks = asks + 1 WHERE id = ?`, id); err != nil {
		return 0, FormatError(err)
	}
	// The same person asking again in the same place is told once.
	var known int
	if q.Asker.Key != "" {
		err = tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM questions WHERE id = ?1 AND asked_by = ?2 AND channel = ?3 AND thread = ?4) +
			(SELECT COUNT(*) FROM question_askers WHERE question_id = ?1 AND asked_by = ?2 AND channel = ?3 AND thread = ?4)`,
			id, q.Asker.Key, q.Channel, q.Thread).Scan(&known)
		if err != nil {
			return 0, FormatError(err)
		}
	}
	if known == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO question_askers (question_id, question, lang, asked_by, asked_name, platform, channel, thread, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, q.Question, q.Lang, keyOrNull(q.Asker.Key), q.Asker.Name, string(q.Asker.Platform), q.Channel, q.Thread, now); err != nil {
			return 0, FormatError(err)
		}
	}
	return id, nil
}

// openQuestionLike returns the open question whose folded text is key, or 0.
// Open questions are few (the working group answers them), so they are
// compared in Go with the same folding names use, newest first.
func openQuestionLike(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	if key == "" {
		return 0, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, question FROM questions WHERE answered_at IS NULL ORDER BY id DESC LIMIT ?`, maxOpenScan)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return 0, err
		}
		if bot.Fold(text) == key {
			return id, nil
		}
	}
	return 0, rows.Err()
}

// questionAskers lists the other askers of question id, oldest first.
func questionAskers(ctx context.Context, q querier, id int64) ([]QuestionAsker, error) {
	rows, err := q.QueryContext(ctx, `SELECT question, lang, asked_by, asked_name, platform, channel, thread, created_at
		FROM question_askers WHERE question_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []QuestionAsker
	for rows.Next() {
		var a QuestionAsker
		var by sql.NullString
		var plat, created string
		if err := rows.Scan(&a.Question, &a.Lang, &by, &a.Asker.Name, &plat, &a.Channel, &a.Thread, &created); err != nil {
			return nil, err
		}
		a.Asker.Key, a.Asker.Platform, a.Created = by.String, bot.Platform(plat), parseTS(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

const questionCols = `id, question, lang, asked_by, asked_name, platform, channel, thread, created_at, answer, answered_by, answered_at, asks`

func scanQuestion(sc interface{ Scan(...any) error }) (Question, error) {
	var q Question
	var by, ans, ansBy, ansAt sql.NullString
	var plat, created string
	if err := sc.Scan(&q.ID, &q.Question, &q.Lang, &by, &q.Asker.Name, &plat, &q.Channel, &q.Thread, &created, &ans, &ansBy, &ansAt, &q.Asks); err != nil {
		return q, err
	}
	q.Asker.Key, q.Asker.Platform = by.String, bot.Platform(plat)
	q.Created = parseTS(created)
	q.Answer, q.AnsweredBy, q.AnsweredAt = ans.String, ansBy.String, nullTS(ansAt)
	return q, nil
}

// Question returns one question by id.
func (db *DB) Question(ctx context.Context, id int64) (Question, error) {
	q, err := scanQuestion(db.r.QueryRowContext(ctx, `SELECT `+questionCols+` FROM questions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return q, &NotFoundError{What: WhatQuestion, ID: id, Err: err}
	}
	return q, FormatError(err)
}

// OpenQuestions lists the unanswered questions, oldest first.
func (db *DB) OpenQuestions(ctx context.Context, limit int) ([]Question, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+questionCols+` FROM questions WHERE answered_at IS NULL ORDER BY created_at, id LIMIT ?`, limit)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Question
	for rows.Next() {
		q, err := scanQuestion(rows)
		if err != nil {
			return nil, FormatError(err)
		}
		out = append(out, q)
	}
	return out, FormatError(rows.Err())
}

// FAQEntry is an FAQ entry learned from an admin's answer.
type FAQEntry struct {
	ID         string
	Section    string
	Question   string
	AnswerNB   string
	AnswerEN   string
	Lang       string
	Source     string
	QuestionID int64
	Author     Author
	Created    time.Time
}

// AnswerQuestion marks question id answered by an admin and, when entry is
// not nil, stores it as a learned FAQ entry — in one transaction, so an
// answer never becomes an entry without being recorded, or twice.
// Answering a question that is already answered is a conflict.
func (db *DB) AnswerQuestion(ctx context.Context, id int64, answer string, by Author, entry *FAQEntry) (q Question, err error) {
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return Question{}, &MissingError{What: WhatAnswer}
	}
	var now time.Time
	err = db.update(ctx, func(tx *sql.Tx) error {
		var err error
		q, err = scanQuestion(tx.QueryRowContext(ctx, `SELECT `+questionCols+` FROM questions WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{What: WhatQuestion, ID: id, Err: err}
		}
		if err != nil {
			return FormatError(err)
		}
		if q.Others, err = questionAskers(ctx, tx, id); err != nil {
			return FormatError(err)
		}
		if !q.Open() {
			return &AlreadyAnsweredError{ID: id, AnsweredAt: q.AnsweredAt}
		}
		now = db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE questions SET answer = ?, answered_by = ?, answered_at = ? WHERE id = ?`,
			answer, keyOrNull(by.Key), ts(now), id); err != nil {
			return FormatError(err)
		}
		if entry != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO faq_entries (id, section, question, answer_nb, answer_en, lang, source, question_id, created_by, platform, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT(id) DO UPDATE SET question = excluded.question, answer_nb = excluded.answer_nb, answer_en = excluded.answer_en,
					source = excluded.source, created_by = excluded.created_by, created_at = excluded.created_at`,
				entry.ID, entry.Section, entry.Question, entry.AnswerNB, entry.AnswerEN, entry.Lang, entry.Source, id,
				keyOrNull(by.Key), string(by.Platform), ts(now)); err != nil {
				return FormatError(err)
			}
		}
		return nil
	})
	if err != nil {
		return q, err
	}
	q.Answer, q.AnsweredBy, q.AnsweredAt = answer, by.Key, now
	return q, nil
}

// FAQEntries returns the learned FAQ entries, oldest first.
func (db *DB) FAQEntries(ctx context.Context) ([]FAQEntry, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, section, question, answer_nb, answer_en, lang, source, question_id, created_by, platform, created_at
		FROM faq_entries ORDER BY created_at, id`)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []FAQEntry
	for rows.Next() {
		var e FAQEntry
		var qid sql.NullInt64
		var by sql.NullString
		var plat, created string
		if err := rows.Scan(&e.ID, &e.Section, &e.Question, &e.AnswerNB, &e.AnswerEN, &e.Lang, &e.Source, &qid, &by, &plat, &created); err != nil {
			return nil, FormatError(err)
		}
		e.QuestionID, e.Author, e.Created = qid.Int64, Author{Key: by.String, Platform: bot.Platform(plat)}, parseTS(created)
		out = append(out, e)
	}
	return out, FormatError(rows.Err())
}

// Vote is a 👍 (+1) or 👎 (-1) on an answer.
type Vote struct {
	AnswerID int64
	EntryID  string
	Question string
	Value    int
	Replaced bool // the voter had voted on this answer before
}

// Vote records by's vote on answer answerID. One vote per person per
// answer: clicking again replaces the earlier vote.
func (db *DB) Vote(ctx context.Context, answerID int64, up bool, by Author) (Vote, error) {
	v := Vote{AnswerID: answerID, Value: -1}
	if up {
		v.Value = 1
	}
	err := db.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT entry_id, question FROM answers WHERE id = ?`, answerID).Scan(&v.EntryID, &v.Question)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{What: WhatAnswer, ID: answerID, Err: err}
		}
		if err != nil {
			return FormatError(err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback WHERE answer_id = ? AND voted_by = ?`, answerID, by.Key).Scan(&n); err != nil {
			return FormatError(err)
		}
		v.Replaced = n > 0
		if _, err := tx.ExecContext(ctx, `INSERT INTO feedback (answer_id, entry_id, question, vote, voted_by, platform, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(answer_id, voted_by) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at`,
			answerID, v.EntryID, v.Question, v.Value, keyOrNull(by.Key), string(by.Platform), ts(db.now())); err != nil {
			return FormatError(err)
		}
		return nil
	})
	return v, err
}

// keyOrNull stores an empty user key as NULL ("forgotten"/"nobody").
func keyOrNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}
