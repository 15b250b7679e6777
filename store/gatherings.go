package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Gathering is a samling: a physical meeting of a region's municipalities
// (or a national one, with no region).
type Gathering struct {
	ID    int64     `json:"id"`
	Name  string    `json:"name"`
	Date  time.Time `json:"date"` // midnight Oslo
	Place string    `json:"place"`
	// RegionID is 0 for a national gathering.
	RegionID   int64  `json:"region_id,omitempty"`
	RegionName string `json:"region,omitempty"`
	// Deadline is the last day (inclusive) to answer; zero: answers are
	// accepted until the gathering day starts.
	Deadline    time.Time `json:"deadline,omitempty"`
	CancelledAt time.Time `json:"cancelled_at,omitempty"`
	CancelledBy string    `json:"cancelled_by,omitempty"`
	CreatedBy   string    `json:"created_by,omitempty"`
	Platform    string    `json:"platform"`
	CreatedAt   time.Time `json:"created_at"`
	// Start and End are the Oslo clock times ("10:00", "15:30") of the
	// gathering; "" Start: all day. End may be "" with a Start.
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Sequence counts the changes since creation (every change, cancel and
	// reopen adds one): the SEQUENCE of the gathering's calendar event.
	Sequence int `json:"sequence"`
	// UpdatedAt is the last change, cancel or reopen; zero when none.
	UpdatedAt time.Time `json:"updated_at,omitempty"`
}

// Cancelled reports whether the gathering was cancelled.
func (g Gathering) Cancelled() bool { return !g.CancelledAt.IsZero() }

// National reports whether the gathering belongs to no region.
func (g Gathering) National() bool { return g.RegionID == 0 }

// Closed reasons for answering a gathering.
const (
	ClosedCancelled = "cancelled"
	ClosedPast      = "past"
	ClosedDeadline  = "deadline"
)

// ClosedError says a gathering no longer takes answers, and why.
type ClosedError struct {
	Gathering Gathering
	Reason    string // ClosedCancelled, ClosedPast or ClosedDeadline
}

func (e *ClosedError) Error() string { return "gathering closed: " + e.Reason }

// OpenAt returns nil when the gathering takes answers at time now, or a
// *ClosedError with the reason. The deadline day is inclusive; without a
// deadline answers are taken until the gathering day starts (Oslo).
func (g Gathering) OpenAt(now time.Time) error {
	today := bot.DayIn(now)
	switch {
	case g.Cancelled():
		return &ClosedError{Gathering: g, Reason: ClosedCancelled}
	case !today.Before(g.Date):
		return &ClosedError{Gathering: g, Reason: ClosedPast}
	case !g.Deadline.IsZero() && today.After(g.Deadline):
		return &ClosedError{Gathering: g, Reason: ClosedDeadline}
	}
	return nil
}

// NewGathering is what an admin gives to create a gathering.
type NewGathering struct {
	Name     string
	Date     time.Time
	Place    string
	RegionID int64     // 0: national
	Deadline time.Time // zero: none
	Start    string    // "HH:MM" Oslo; "": all day
	End      string    // "HH:MM" Oslo; "": not said
}

// CreateGathering stores a gathering.
func (db *DB) CreateGathering(ctx context.Context, a Author, n NewGathering) (Gathering, error) {
	now := db.now()
	var region, deadline any
	if n.RegionID != 0 {
		region = n.RegionID
	}
	if !n.Deadline.IsZero() {
		deadline = day(n.Deadline)
	}
	res, err := db.w.ExecContext(ctx, `INSERT INTO gatherings (name, date, place, region_id, deadline, start_time, end_time, created_by, platform, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, n.Name, day(n.Date), n.Place, region, deadline, nullText(n.Start), nullText(n.End), nullKey(a.Key), string(a.Platform), ts(now))
	if err != nil {
		return Gathering{}, FormatError(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Gathering{}, FormatError(err)
	}
	return db.gathering(ctx, db.w, id)
}

const gatheringCols = `g.id, g.name, g.date, g.place, COALESCE(g.region_id, 0), COALESCE(r.name, ''), COALESCE(g.deadline, ''),
	COALESCE(g.cancelled_at, ''), COALESCE(g.cancelled_by, ''), COALESCE(g.created_by, ''), g.platform, g.created_at,
	g.sequence, COALESCE(g.updated_at, ''), COALESCE(g.start_time, ''), COALESCE(g.end_time, '')
	FROM gatherings g LEFT JOIN regions r ON r.id = g.region_id`

const qGatheringByID = `SELECT ` + gatheringCols + ` WHERE g.id = ?`

type scanner interface{ Scan(...any) error }

func scanGathering(s scanner) (Gathering, error) {
	var g Gathering
	var date, deadline, cancelled, created, updated string
	err := s.Scan(&g.ID, &g.Name, &date, &g.Place, &g.RegionID, &g.RegionName, &deadline, &cancelled, &g.CancelledBy, &g.CreatedBy, &g.Platform, &created,
		&g.Sequence, &updated, &g.Start, &g.End)
	if err != nil {
		return g, err
	}
	if updated != "" {
		g.UpdatedAt = parseTS(updated)
	}
	g.Date = parseDay(date)
	if deadline != "" {
		g.Deadline = parseDay(deadline)
	}
	if cancelled != "" {
		g.CancelledAt = parseTS(cancelled)
	}
	g.CreatedAt = parseTS(created)
	return g, nil
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (db *DB) gathering(ctx context.Context, q querier, id int64) (Gathering, error) {
	g, err := scanGathering(q.QueryRowContext(ctx, qGatheringByID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return g, &NotFoundError{What: WhatGathering, ID: id, Err: err}
	}
	return g, FormatError(err)
}

// Gathering returns one gathering; an unknown id is a not-found error.
func (db *DB) Gathering(ctx context.Context, id int64) (Gathering, error) {
	return db.gathering(ctx, db.r, id)
}

// GatheringFilter selects gatherings. The zero value lists all of them.
type GatheringFilter struct {
	From             time.Time // only gatherings on or after this day (Oslo)
	To               time.Time // only gatherings on or before this day
	IncludeCancelled bool
}

// Gatherings lists gatherings sorted by date, then id.
func (db *DB) Gatherings(ctx context.Context, f GatheringFilter) ([]Gathering, error) {
	q := `SELECT ` + gatheringCols + ` WHERE 1=1`
	var args []any
	if !f.From.IsZero() {
		q += ` AND g.date >= ?`
		args = append(args, day(f.From))
	}
	if !f.To.IsZero() {
		q += ` AND g.date <= ?`
		args = append(args, day(f.To))
	}
	if !f.IncludeCancelled {
		q += ` AND g.cancelled_at IS NULL`
	}
	q += ` ORDER BY g.date, g.id`
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Gathering
	for rows.Next() {
		g, err := scanGathering(rows)
		if err != nil {
			return nil, FormatError(err)
		}
		out = append(out, g)
	}
	return out, FormatError(rows.Err())
}

// UpcomingGatherings lists the gatherings from today on that are not
// cancelled, sorted by date.
func (db *DB) UpcomingGatherings(ctx context.Context, now time.Time) ([]Gathering, error) {
	return db.Gatherings(ctx, GatheringFilter{From: bot.DayIn(now)})
}

// AlreadyCancelledError says the gathering was cancelled before.
type AlreadyCancelledError struct{ Gathering Gathering }

func (e *AlreadyCancelledError) Error() string { return "gathering already cancelled" }

// CancelGathering marks a gathering cancelled. Answers already given are
// kept; new ones are refused.
func (db *DB) CancelGathering(ctx context.Context, a Author, id int64) (Gathering, error) {
	return db.setCancelled(ctx, a, id, true)
}

// setCancelled cancels (cancel) or reopens a gathering in one transaction:
// the state is checked, the sequence counts up (calendars and Discord
// events follow it) and the change is recorded. The gathering is returned
// as stored, also with the error when it already was in that state.
func (db *DB) setCancelled(ctx context.Context, a Author, id int64, cancel bool) (g Gathering, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		if g, err = db.gathering(ctx, tx, id); err != nil {
			return err
		}
		switch {
		case cancel && g.Cancelled():
			return &AlreadyCancelledError{Gathering: g}
		case !cancel && !g.Cancelled():
			return &NotCancelledError{Gathering: g}
		}
		now := db.now()
		at, by, action, detail := any(ts(now)), nullKey(a.Key), ActionCancel, ""
		if !cancel {
			at, by, action = nil, nil, ActionReopen
			detail = "avlyst " + g.CancelledAt.In(bot.Oslo).Format("2006-01-02 15:04")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gatherings SET cancelled_at = ?, cancelled_by = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
			at, by, ts(now), id); err != nil {
			return FormatError(err)
		}
		if err := db.logChange(ctx, tx, a, EntityGathering, itoa(id), action, detail); err != nil {
			return err
		}
		g, err = db.gathering(ctx, tx, id)
		return err
	})
	return g, err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// nullText stores "" as NULL.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Times returns the gathering's start and end as instants, and whether it
// has a time at all. Without an end the gathering is taken to last until
// 16:00, or two hours when it starts at 14:00 or later.
func (g Gathering) Times() (start, end time.Time, ok bool) {
	at := func(hm string) (time.Time, bool) {
		c, err := time.Parse("15:04", hm)
		if err != nil {
			return time.Time{}, false
		}
		d := g.Date.In(bot.Oslo)
		return time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), 0, 0, bot.Oslo), true
	}
	start, ok = at(g.Start)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	if end, ok = at(g.End); !ok || !end.After(start) {
		end, _ = at("16:00")
		if !end.After(start.Add(time.Hour)) {
			end = start.Add(2 * time.Hour)
		}
	}
	return start, end, true
}
