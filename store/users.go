package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// Profile is what the bot keeps about a user: their own municipality, so
// kommune= can be left out of later commands.
type Profile struct {
	Key          string        `json:"key"`
	Platform     string        `json:"platform"`
	UserID       string        `json:"user_id"`
	Name         string        `json:"name"`
	Municipality *Municipality `json:"municipality,omitempty"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// SetUserMunicipality records a's own municipality (created if new) and
// returns it with its canonical name.
func (db *DB) SetUserMunicipality(ctx context.Context, a Author, name string) (m Municipality, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		if m, err = db.ensureMunicipality(ctx, tx, a, name); err != nil {
			return FormatError(err)
		}
		userID := strings.TrimPrefix(a.Key, string(a.Platform)+":")
		_, err := tx.ExecContext(ctx, `INSERT INTO users (key, platform, user_id, name, municipality_id, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, municipality_id = excluded.municipality_id, updated_at = excluded.updated_at`,
			a.Key, string(a.Platform), userID, a.Name, m.ID, ts(db.now()))
		return FormatError(err)
	})
	return m, err
}

// UserProfile returns the profile stored for a user key; ok is false when
// there is none.
func (db *DB) UserProfile(ctx context.Context, key string) (p Profile, ok bool, err error) {
	var mid sql.NullInt64
	var mname sql.NullString
	var upd string
	err = db.r.QueryRowContext(ctx, `SELECT u.key, u.platform, u.user_id, u.name, u.municipality_id, m.name, u.updated_at
		FROM users u LEFT JOIN municipalities m ON m.id = u.municipality_id WHERE u.key = ?`, key).
		Scan(&p.Key, &p.Platform, &p.UserID, &p.Name, &mid, &mname, &upd)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	if err != nil {
		return p, false, FormatError(err)
	}
	if mid.Valid {
		p.Municipality = &Municipality{ID: mid.Int64, Name: mname.String}
	}
	p.UpdatedAt = parseTS(upd)
	return p, true, nil
}

// UserMunicipality returns the user's own municipality, if they set one.
func (db *DB) UserMunicipality(ctx context.Context, key string) (Municipality, bool, error) {
	p, ok, err := db.UserProfile(ctx, key)
	if err != nil || !ok || p.Municipality == nil {
		return Municipality{}, false, err
	}
	return *p.Municipality, true, nil
}
