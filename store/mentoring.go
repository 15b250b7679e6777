package store

import (
	"context"
	"database/sql"
	"time"
)

// Mentoring is one logged mentoring session (veiledning) with a municipality.
type Mentoring struct {
	ID           int64        `json:"id"`
	Municipality Municipality `json:"municipality"`
	Date         time.Time    `json:"date"` // midnight Oslo
	Minutes      int          `json:"minutes"`
	Topic        string       `json:"topic"`
	Note         string       `json:"note,omitempty"`
	CreatedBy    string       `json:"created_by,omitempty"`
	CreatedName  string       `json:"created_name,omitempty"`
	Platform     string       `json:"platform"`
	CreatedAt    time.Time    `json:"created_at"`
}

// NewMentoring is a session as given (already validated).
type NewMentoring struct {
	Municipality string
	Date         time.Time
	Minutes      int
	Topic        string
	Note         string
}

// LogMentoring stores a mentoring session.
func (db *DB) LogMentoring(ctx context.Context, a Author, n NewMentoring) (Mentoring, error) {
	var m Municipality
	var id int64
	now := db.now()
	err := db.update(ctx, func(tx *sql.Tx) error {
		var err error
		if m, err = db.ensureMunicipality(ctx, tx, a, n.Municipality); err != nil {
			return FormatError(err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO mentoring (municipality_id, date, minutes, topic, note, created_by, created_name, platform, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, day(n.Date), n.Minutes, n.Topic, n.Note, nullKey(a.Key), a.Name, string(a.Platform), ts(now))
		if err != nil {
			return FormatError(err)
		}
		id, err = res.LastInsertId()
		return FormatError(err)
	})
	if err != nil {
		return Mentoring{}, err
	}
	return Mentoring{ID: id, Municipality: m, Date: parseDay(day(n.Date)), Minutes: n.Minutes, Topic: n.Topic, Note: n.Note,
		CreatedBy: a.Key, CreatedName: a.Name, Platform: string(a.Platform), CreatedAt: now}, nil
}

// MentoringFilter selects sessions; the zero value lists all.
type MentoringFilter struct {
	MunicipalityID int64     // 0: all municipalities
	Since          time.Time // logged (created) at or after
}

// MentoringSessions lists sessions sorted by date, then id.
func (db *DB) MentoringSessions(ctx context.Context, f MentoringFilter) ([]Mentoring, error) {
	q := `SELECT s.id, m.id, m.name, s.date, s.minutes, s.topic, s.note, COALESCE(s.created_by, ''), s.created_name, s.platform, s.created_at
		FROM mentoring s JOIN municipalities m ON m.id = s.municipality_id WHERE 1=1`
	var args []any
	if f.MunicipalityID != 0 {
		q += ` AND s.municipality_id = ?`
		args = append(args, f.MunicipalityID)
	}
	if !f.Since.IsZero() {
		q += ` AND s.created_at >= ?`
		args = append(args, ts(f.Since))
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY s.date, s.id`, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Mentoring
	for rows.Next() {
		var s Mentoring
		var date, created string
		if err := rows.Scan(&s.ID, &s.Municipality.ID, &s.Municipality.Name, &date, &s.Minutes, &s.Topic, &s.Note, &s.CreatedBy, &s.CreatedName, &s.Platform, &created); err != nil {
			return nil, FormatError(err)
		}
		s.Date, s.CreatedAt = parseDay(date), parseTS(created)
		out = append(out, s)
	}
	return out, FormatError(rows.Err())
}
