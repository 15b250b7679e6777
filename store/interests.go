package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

// Interest is a county board's registration of interest on behalf of
// member municipalities.
type Interest struct {
	ID             int64          `json:"id"`
	County         string         `json:"county"`
	Municipalities []Municipality `json:"municipalities"`
	Contact        string         `json:"contact,omitempty"`
	Comment        string         `json:"comment,omitempty"`
	// Late is set for a registration made after the yearly deadline.
	Late        bool      `json:"late"`
	WithdrawnAt time.Time `json:"withdrawn_at,omitempty"`
	WithdrawnBy string    `json:"withdrawn_by,omitempty"`
	CreatedBy   string    `json:"created_by,omitempty"`
	CreatedName string    `json:"created_name,omitempty"`
	Platform    string    `json:"platform"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Withdrawn reports whether the registration was withdrawn.
func (i Interest) Withdrawn() bool { return !i.WithdrawnAt.IsZero() }

// NewInterest is a registration as given (already validated).
type NewInterest struct {
	County         string
	Municipalities []string // any spelling; folded duplicates dropped
	Contact        string
	Comment        string
	Late           bool
}

// CreateInterest stores a registration with its municipalities.
func (db *DB) CreateInterest(ctx context.Context, a Author, n NewInterest) (Interest, error) {
	var id int64
	err := db.update(ctx, func(tx *sql.Tx) error {
		ms, err := db.ensureMunicipalities(ctx, tx, a, n.Municipalities)
		if err != nil {
			return FormatError(err)
		}
		if len(ms) == 0 {
			return &MissingError{What: WhatMunicipalities}
		}
		now := db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO interests (county, contact, comment, late, created_by, created_name, platform, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, n.County, n.Contact, n.Comment, boolInt(n.Late), nullKey(a.Key), a.Name, string(a.Platform), ts(now), ts(now))
		if err != nil {
			return FormatError(err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return FormatError(err)
		}
		for i, m := range ms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO interest_municipalities (interest_id, municipality_id, position) VALUES (?, ?, ?)`, id, m.ID, i); err != nil {
				return FormatError(err)
			}
		}
		return nil
	})
	if err != nil {
		return Interest{}, err
	}
	return db.Interest(ctx, id)
}

const interestCols = `id, county, contact, comment, late, COALESCE(withdrawn_at, ''), COALESCE(withdrawn_by, ''),
	COALESCE(created_by, ''), created_name, platform, created_at, updated_at FROM interests`

func scanInterest(s scanner) (Interest, error) {
	var i Interest
	var late int
	var withdrawn, created, updated string
	err := s.Scan(&i.ID, &i.County, &i.Contact, &i.Comment, &late, &withdrawn, &i.WithdrawnBy, &i.CreatedBy, &i.CreatedName, &i.Platform, &created, &updated)
	i.Late = late == 1
	if withdrawn != "" {
		i.WithdrawnAt = parseTS(withdrawn)
	}
	i.CreatedAt, i.UpdatedAt = parseTS(created), parseTS(updated)
	return i, err
}

// Interest returns one registration; an unknown id is a not-found error.
func (db *DB) Interest(ctx context.Context, id int64) (Interest, error) {
	i, err := interestByID(ctx, db.r, id)
	if err != nil {
		return i, err
	}
	i.Municipalities, err = db.interestMunicipalities(ctx, id)
	return i, err
}

func (db *DB) interestMunicipalities(ctx context.Context, id int64) ([]Municipality, error) {
	return db.municipalitiesOf(ctx, `SELECT m.id, m.name, COALESCE(m.number, '') FROM interest_municipalities im JOIN municipalities m ON m.id = im.municipality_id
		WHERE im.interest_id = ? ORDER BY im.position`, id)
}

// InterestFilter selects registrations. The zero value lists the active
// (not withdrawn) ones.
type InterestFilter struct {
	IncludeWithdrawn bool
	CreatedBy        string // only this user's registrations
	// Since keeps registrations created, changed or withdrawn at or after
	// this time (for the digest); withdrawn ones are then included.
	Since time.Time
}

// Interests lists registrations sorted by county, then id.
func (db *DB) Interests(ctx context.Context, f InterestFilter) ([]Interest, error) {
	q := `SELECT ` + interestCols + ` WHERE 1=1`
	var args []any
	if !f.Since.IsZero() {
		q += ` AND (created_at >= ? OR updated_at >= ? OR withdrawn_at >= ?)`
		s := ts(f.Since)
		args = append(args, s, s, s)
	} else if !f.IncludeWithdrawn {
		q += ` AND withdrawn_at IS NULL`
	}
	if f.CreatedBy != "" {
		q += ` AND created_by = ?`
		args = append(args, f.CreatedBy)
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	var out []Interest
	for rows.Next() {
		i, err := scanInterest(rows)
		if err != nil {
			rows.Close()
			return nil, FormatError(err)
		}
		out = append(out, i)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, FormatError(err)
	}
	for k := range out {
		if out[k].Municipalities, err = db.interestMunicipalities(ctx, out[k].ID); err != nil {
			return nil, err
		}
	}
	// Counties in Norwegian order; within one, oldest first.
	nb := norsk.New()
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && countyBefore(nb, out[j], out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

func countyBefore(nb norsk.Order, a, b Interest) bool {
	if a.County != b.County {
		return nb.Less(a.County, b.County)
	}
	return a.ID < b.ID
}

// NotOwnerError says a user tried to withdraw someone else's registration.
type NotOwnerError struct{ Interest Interest }

func (e *NotOwnerError) Error() string { return "not the owner of this registration" }

// AlreadyWithdrawnError says the registration was withdrawn before.
type AlreadyWithdrawnError struct{ Interest Interest }

func (e *AlreadyWithdrawnError) Error() string { return "registration already withdrawn" }

// WithdrawInterest withdraws a registration. Only its author may, unless
// admin is set; otherwise a *NotOwnerError and nothing is written.
func (db *DB) WithdrawInterest(ctx context.Context, a Author, id int64, admin bool) (Interest, error) {
	var i Interest
	err := db.update(ctx, func(tx *sql.Tx) error {
		var err error
		if i, err = ownedInterest(ctx, tx, a, id, admin); err != nil {
			return err
		}
		now := db.now()
		_, err = tx.ExecContext(ctx, `UPDATE interests SET withdrawn_at = ?, withdrawn_by = ?, updated_at = ? WHERE id = ?`, ts(now), nullKey(a.Key), ts(now), id)
		return FormatError(err)
	})
	if err != nil {
		return i, err
	}
	return db.Interest(ctx, id)
}

// rowQuerier is a *sql.DB or *sql.Tx.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// interestByID reads one registration (without its municipalities).
func interestByID(ctx context.Context, q rowQuerier, id int64) (Interest, error) {
	i, err := scanInterest(q.QueryRowContext(ctx, `SELECT `+interestCols+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return i, &NotFoundError{What: WhatInterest, ID: id, Err: err}
	}
	return i, FormatError(err)
}

// ownedInterest reads a registration that a may change: its own, or any
// when admin is set; a withdrawn one cannot be changed again.
func ownedInterest(ctx context.Context, tx *sql.Tx, a Author, id int64, admin bool) (Interest, error) {
	i, err := interestByID(ctx, tx, id)
	if err != nil {
		return i, err
	}
	if !admin && (i.CreatedBy == "" || i.CreatedBy != a.Key) {
		return i, &NotOwnerError{Interest: i}
	}
	if i.Withdrawn() {
		return i, &AlreadyWithdrawnError{Interest: i}
	}
	return i, nil
}

// InterestUpdate changes a registration; nil fields are kept.
type InterestUpdate struct {
	County         *string
	Municipalities []string // nil: keep; otherwise replaces the list
	Contact        *string
	Comment        *string
}

// UpdateInterest changes a registration. As with WithdrawInterest, only
// its author may unless admin is set; a withdrawn one cannot be changed.
func (db *DB) UpdateInterest(ctx context.Context, a Author, id int64, admin bool, u InterestUpdate) (Interest, error) {
	var i Interest
	err := db.update(ctx, func(tx *sql.Tx) error {
		var err error
		i, err = ownedInterest(ctx, tx, a, id, admin)
		if err != nil {
			return err
		}
		return db.updateInterest(ctx, tx, a, id, &i, u)
	})
	if err != nil {
		return i, err
	}
	return db.Interest(ctx, id)
}

// updateInterest writes u over the registration i in tx.
func (db *DB) updateInterest(ctx context.Context, tx *sql.Tx, a Author, id int64, i *Interest, u InterestUpdate) error {
	if u.County != nil {
		i.County = *u.County
	}
	if u.Contact != nil {
		i.Contact = *u.Contact
	}
	if u.Comment != nil {
		i.Comment = *u.Comment
	}
	if _, err := tx.ExecContext(ctx, `UPDATE interests SET county = ?, contact = ?, comment = ?, updated_at = ? WHERE id = ?`,
		i.County, i.Contact, i.Comment, ts(db.now()), id); err != nil {
		return FormatError(err)
	}
	if u.Municipalities != nil {
		ms, err := db.ensureMunicipalities(ctx, tx, a, u.Municipalities)
		if err != nil {
			return FormatError(err)
		}
		if len(ms) == 0 {
			return &MissingError{What: WhatMunicipalities}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM interest_municipalities WHERE interest_id = ?`, id); err != nil {
			return FormatError(err)
		}
		for k, m := range ms {
			if _, err := tx.ExecContext(ctx, `INSERT INTO interest_municipalities (interest_id, municipality_id, position) VALUES (?, ?, ?)`, id, m.ID, k); err != nil {
				return FormatError(err)
			}
		}
	}
	return nil
}
