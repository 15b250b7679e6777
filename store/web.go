package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Secret returns the named secret, generating n random bytes the first time
// it is asked for. Two processes asking at once get the same value: the
// first insert wins and both read it back.
func (db *DB) Secret(ctx context.Context, name string, n int) ([]byte, error) {
	var v string
	err := db.r.QueryRowContext(ctx, `SELECT value FROM web_secrets WHERE name = ?`, name).Scan(&v)
	if err == nil {
		return hex.DecodeString(v)
	}
	buf := make([]byte, n)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	if _, err := db.w.ExecContext(ctx, `INSERT INTO web_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
		name, hex.EncodeToString(buf), ts(db.now())); err != nil {
		return nil, FormatError(err)
	}
	if err := db.w.QueryRowContext(ctx, `SELECT value FROM web_secrets WHERE name = ?`, name).Scan(&v); err != nil {
		return nil, FormatError(err)
	}
	return hex.DecodeString(v)
}

// FAQStats sums how the bot's answers went, for the dashboard.
type FAQStats struct {
	Asked    int // questions the bot got (every logged answer or decline)
	Answered int // of which it answered
	// Topics are the FAQ entries (or document passages) answered most
	// often, most asked first; Example is the latest question they answered.
	Topics []FAQTopic
	// Votes are 👍/👎 per entry, entries with most votes first.
	Votes []FAQVotes
}

// FAQTopic is one entry and how often it answered.
type FAQTopic struct {
	EntryID string
	Asked   int
	Example string
	Last    time.Time
}

// FAQVotes are the votes one entry got.
type FAQVotes struct {
	EntryID  string
	Up, Down int
}

// FAQStats returns the answer statistics; topics is how many entries to list.
func (db *DB) FAQStats(ctx context.Context, topics int) (FAQStats, error) {
	var s FAQStats
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM answers`).Scan(&s.Asked, &s.Answered); err != nil {
		return s, FormatError(err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT entry_id, COUNT(*), MAX(id) FROM answers
		WHERE answered = 1 AND entry_id <> '' GROUP BY entry_id ORDER BY COUNT(*) DESC, entry_id LIMIT ?`, topics)
	if err != nil {
		return s, FormatError(err)
	}
	var last []int64
	for rows.Next() {
		var t FAQTopic
		var id int64
		if err := rows.Scan(&t.EntryID, &t.Asked, &id); err != nil {
			rows.Close()
			return s, FormatError(err)
		}
		s.Topics = append(s.Topics, t)
		last = append(last, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, FormatError(err)
	}
	for i, id := range last {
		var created string
		if err := db.r.QueryRowContext(ctx, `SELECT question, created_at FROM answers WHERE id = ?`, id).Scan(&s.Topics[i].Example, &created); err != nil {
			return s, FormatError(err)
		}
		s.Topics[i].Last = parseTS(created)
	}
	rows, err = db.r.QueryContext(ctx, `SELECT entry_id, SUM(vote = 1), SUM(vote = -1) FROM feedback
		WHERE entry_id <> '' GROUP BY entry_id ORDER BY COUNT(*) DESC, entry_id`)
	if err != nil {
		return s, FormatError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v FAQVotes
		if err := rows.Scan(&v.EntryID, &v.Up, &v.Down); err != nil {
			return s, FormatError(err)
		}
		s.Votes = append(s.Votes, v)
	}
	return s, FormatError(rows.Err())
}
