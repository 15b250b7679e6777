package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Corrections: the working group changes, cancels and reopens gatherings,
// and every such correction leaves a row in the changes table saying who
// did what, on which platform, and when.

// Entities whose corrections are recorded.
const (
	EntityGathering = "gathering"
	EntityRegion    = "region"
	EntityMentoring = "mentoring"
	EntityRSVP      = "rsvp"
)

// WhatMentoring is a NotFoundError about a mentoring session.
const WhatMentoring = "mentoring"

// Correction actions.
const (
	ActionChange = "change"
	ActionCancel = "cancel"
	ActionReopen = "reopen"
	ActionDelete = "delete"
	ActionLate   = "late" // an admin's answer accepted after the deadline
)

// Change is one recorded correction.
type Change struct {
	ID          int64     `json:"id"`
	Entity      string    `json:"entity"`
	Key         string    `json:"key"`
	Action      string    `json:"action"`
	Detail      string    `json:"detail,omitempty"` // "dato: 2099-02-04 → 2099-02-05; sted: Bodø → Fauske"
	ChangedBy   string    `json:"changed_by,omitempty"`
	ChangedName string    `json:"changed_name,omitempty"`
	Platform    string    `json:"platform"`
	At          time.Time `json:"at"`
}

// logChange records a correction inside the caller's transaction, so the
// change and its history row are written together or not at all.
func (db *DB) logChange(ctx context.Context, tx execer, a Author, entity, key, action, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO changes (entity, entity_key, action, detail, changed_by, changed_name, platform, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, entity, key, action, detail, nullKey(a.Key), a.Name, string(a.Platform), ts(db.now()))
	return FormatError(err)
}

// Changes lists the recorded corrections of one record, oldest first.
// An empty key lists every record of the entity.
func (db *DB) Changes(ctx context.Context, entity, key string) ([]Change, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, entity, entity_key, action, detail, COALESCE(changed_by, ''), changed_name, platform, created_at
		FROM changes WHERE entity = ? AND (? = '' OR entity_key = ?) ORDER BY id`, entity, key, key)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var at string
		if err := rows.Scan(&c.ID, &c.Entity, &c.Key, &c.Action, &c.Detail, &c.ChangedBy, &c.ChangedName, &c.Platform, &at); err != nil {
			return nil, FormatError(err)
		}
		c.At = parseTS(at)
		out = append(out, c)
	}
	return out, FormatError(rows.Err())
}

// GatheringChange is what an admin changes about a gathering; zero values
// keep what is there. Deadline nil keeps the deadline; a pointer to the
// zero time removes it.
type GatheringChange struct {
	Name     string
	Date     time.Time
	Place    string
	Deadline *time.Time
	// Time is the new start and end ("HH:MM"; {"", ""}: all day); nil
	// keeps them.
	Time *[2]string
}

// GatheringChangeResult is a gathering before and after a change, and the
// fields that changed ("navn", "dato", "sted", "frist"); none when the
// change asked for what was already there (nothing is written then).
type GatheringChangeResult struct {
	Before, After Gathering
	Fields        []string
}

// Has reports whether field changed.
func (r GatheringChangeResult) Has(field string) bool {
	for _, f := range r.Fields {
		if f == field {
			return true
		}
	}
	return false
}

// ChangeGathering changes a gathering's name, date, place or deadline,
// counts its sequence up and records the change, in one transaction. A
// cancelled gathering is an *AlreadyCancelledError (reopen it first). The
// rules on dates (not in the past, deadline before the day) are the
// handler's: it knows "today" from the request.
func (db *DB) ChangeGathering(ctx context.Context, a Author, id int64, c GatheringChange) (GatheringChangeResult, error) {
	var res GatheringChangeResult
	err := db.update(ctx, func(tx *sql.Tx) error {
		g, err := db.gathering(ctx, tx, id)
		if err != nil {
			return err
		}
		res.Before, res.After = g, g
		if g.Cancelled() {
			return &AlreadyCancelledError{Gathering: g}
		}
		var detail []string
		after := g
		if c.Name != "" && c.Name != g.Name {
			detail = append(detail, "navn: "+g.Name+" → "+c.Name)
			res.Fields = append(res.Fields, "navn")
			after.Name = c.Name
		}
		if !c.Date.IsZero() && day(c.Date) != day(g.Date) {
			detail = append(detail, "dato: "+day(g.Date)+" → "+day(c.Date))
			res.Fields = append(res.Fields, "dato")
			after.Date = parseDay(day(c.Date))
		}
		if c.Place != "" && c.Place != g.Place {
			detail = append(detail, "sted: "+g.Place+" → "+c.Place)
			res.Fields = append(res.Fields, "sted")
			after.Place = c.Place
		}
		if c.Deadline != nil {
			old, nu := optDay(g.Deadline), optDay(*c.Deadline)
			if old != nu {
				detail = append(detail, "frist: "+orNone(old)+" → "+orNone(nu))
				res.Fields = append(res.Fields, "frist")
				after.Deadline = time.Time{}
				if nu != "" {
					after.Deadline = parseDay(nu)
				}
			}
		}
		if c.Time != nil && (c.Time[0] != g.Start || c.Time[1] != g.End) {
			detail = append(detail, "tid: "+orNone(timeSpan(g.Start, g.End))+" → "+orNone(timeSpan(c.Time[0], c.Time[1])))
			res.Fields = append(res.Fields, "tid")
			after.Start, after.End = c.Time[0], c.Time[1]
		}
		if len(res.Fields) == 0 {
			return nil
		}
		now := db.now()
		var deadline any
		if !after.Deadline.IsZero() {
			deadline = day(after.Deadline)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gatherings SET name = ?, date = ?, place = ?, deadline = ?, start_time = ?, end_time = ?, sequence = sequence + 1, updated_at = ?
			WHERE id = ?`, after.Name, day(after.Date), after.Place, deadline, nullText(after.Start), nullText(after.End), ts(now), id); err != nil {
			return FormatError(err)
		}
		if err := db.logChange(ctx, tx, a, EntityGathering, itoa(id), ActionChange, strings.Join(detail, "; ")); err != nil {
			return err
		}
		if res.After, err = db.gathering(ctx, tx, id); err != nil {
			return err
		}
		return nil
	})
	return res, err
}

// NotCancelledError says a gathering to reopen was never cancelled.
type NotCancelledError struct{ Gathering Gathering }

func (e *NotCancelledError) Error() string { return "gathering is not cancelled" }

// ErrorCode makes it a conflict.
func (e *NotCancelledError) ErrorCode() bot.Code { return bot.EConflict }

// ReopenGathering undoes a cancellation: answers given before it count
// again and new ones are taken. The sequence counts up and the reopening
// is recorded.
func (db *DB) ReopenGathering(ctx context.Context, a Author, id int64) (Gathering, error) {
	return db.setCancelled(ctx, a, id, false)
}

// GatheringAnswerers are the user keys ("slack:U123") of everyone who has
// answered for a municipality to the gathering, first answer first, each
// once: the people to tell when it is changed or cancelled. People who
// asked to be forgotten are not among them.
func (db *DB) GatheringAnswerers(ctx context.Context, id int64) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT answered_by FROM rsvp_history WHERE gathering_id = ? AND answered_by IS NOT NULL AND answer <> 'slettet'
		GROUP BY answered_by ORDER BY MIN(id)`, id)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, FormatError(err)
		}
		out = append(out, k)
	}
	return out, FormatError(rows.Err())
}

// SameGathering finds a gathering, not cancelled, with the same name (any
// case or æøå spelling) on the same day: creating it again is most likely
// the same command run twice.
func (db *DB) SameGathering(ctx context.Context, name string, date time.Time) (Gathering, bool, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+gatheringCols+` WHERE g.date = ? AND g.cancelled_at IS NULL ORDER BY g.id`, day(date))
	if err != nil {
		return Gathering{}, false, FormatError(err)
	}
	defer rows.Close()
	f := bot.Fold(name)
	for rows.Next() {
		g, err := scanGathering(rows)
		if err != nil {
			return g, false, FormatError(err)
		}
		if bot.Fold(g.Name) == f {
			return g, true, nil
		}
	}
	return Gathering{}, false, FormatError(rows.Err())
}

func optDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return day(t)
}

func orNone(s string) string {
	if s == "" {
		return "ingen"
	}
	return s
}

// NoAnswerError says a municipality has no answer to a gathering.
type NoAnswerError struct {
	Gathering    Gathering
	Municipality Municipality
}

func (e *NoAnswerError) Error() string { return "no answer to remove" }

// ErrorCode makes it a not-found error.
func (e *NoAnswerError) ErrorCode() bot.Code { return bot.ENotFound }

// DeleteRSVP removes a municipality's answer to a gathering (the working
// group's correction of a wrong one). The history keeps the answer and
// gets a "slettet" row, so the digest sees the change; the removal is
// recorded with who did it.
func (db *DB) DeleteRSVP(ctx context.Context, a Author, gatheringID, municipalityID int64) (r RSVP, g Gathering, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		var err error
		if g, err = db.gathering(ctx, tx, gatheringID); err != nil {
			return err
		}
		r, err = scanRSVP(tx.QueryRowContext(ctx, `SELECT `+rsvpCols+` WHERE r.gathering_id = ? AND r.municipality_id = ?`, gatheringID, municipalityID))
		if errors.Is(err, sql.ErrNoRows) {
			var m Municipality
			_ = tx.QueryRowContext(ctx, `SELECT id, name FROM municipalities WHERE id = ?`, municipalityID).Scan(&m.ID, &m.Name)
			return &NoAnswerError{Gathering: g, Municipality: m}
		}
		if err != nil {
			return FormatError(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM rsvps WHERE gathering_id = ? AND municipality_id = ?`, gatheringID, municipalityID); err != nil {
			return FormatError(err)
		}
		now := ts(db.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO rsvp_history (gathering_id, municipality_id, answer, headcount, overnight, answered_by, platform, created_at)
			VALUES (?, ?, ?, 0, NULL, ?, ?, ?)`, gatheringID, municipalityID, AnswerDeleted, nullKey(a.Key), string(a.Platform), now); err != nil {
			return FormatError(err)
		}
		detail := r.Municipality.Name + ": " + r.Answer
		if r.Answer != AnswerNo {
			detail += " (" + strconv.Itoa(r.Headcount) + ")"
		}
		if err := db.logChange(ctx, tx, a, EntityRSVP, itoa(gatheringID)+"/"+itoa(municipalityID), ActionDelete, detail); err != nil {
			return err
		}
		return nil
	})
	return r, g, err
}

// RegionInUseError says a region still has gatherings, so it cannot be
// deleted (they would lose the municipalities they expect answers from).
type RegionInUseError struct {
	Region     Region
	Gatherings []Gathering
}

func (e *RegionInUseError) Error() string { return "region has gatherings" }

// ErrorCode makes it a conflict.
func (e *RegionInUseError) ErrorCode() bot.Code { return bot.EConflict }

// ChangeRegion replaces a region's municipalities (three or more, none in
// another region) and records the change. The result is the region before
// and after.
func (db *DB) ChangeRegion(ctx context.Context, a Author, name string, municipalities []string) (before, after Region, err error) {
	before, err = db.RegionByName(ctx, name)
	if err != nil {
		return before, after, err
	}
	err = db.update(ctx, func(tx *sql.Tx) error {
		ms, err := db.regionMembers(ctx, tx, a, municipalities, before.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM region_municipalities WHERE region_id = ?`, before.ID); err != nil {
			return FormatError(err)
		}
		if err := setRegionMembers(ctx, tx, before.ID, ms); err != nil {
			return err
		}
		after = before
		after.Municipalities = ms
		if MunicipalityNames(before.Municipalities) != MunicipalityNames(ms) {
			detail := "kommuner: " + MunicipalityNames(before.Municipalities) + " → " + MunicipalityNames(ms)
			if err := db.logChange(ctx, tx, a, EntityRegion, itoa(before.ID), ActionChange, detail); err != nil {
				return err
			}
		}
		return nil
	})
	return before, after, err
}

// DeleteRegion removes a region that has no gatherings (cancelled ones
// count: their answers are kept) and records it.
func (db *DB) DeleteRegion(ctx context.Context, a Author, name string) (Region, error) {
	r, err := db.RegionByName(ctx, name)
	if err != nil {
		return r, err
	}
	err = db.update(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+gatheringCols+` WHERE g.region_id = ? ORDER BY g.date, g.id`, r.ID)
		if err != nil {
			return FormatError(err)
		}
		var gs []Gathering
		for rows.Next() {
			g, err := scanGathering(rows)
			if err != nil {
				rows.Close()
				return FormatError(err)
			}
			gs = append(gs, g)
		}
		rows.Close()
		if len(gs) > 0 {
			return &RegionInUseError{Region: r, Gatherings: gs}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM region_municipalities WHERE region_id = ?`, r.ID); err != nil {
			return FormatError(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM regions WHERE id = ?`, r.ID); err != nil {
			return FormatError(err)
		}
		if err := db.logChange(ctx, tx, a, EntityRegion, itoa(r.ID), ActionDelete, r.Name+": "+MunicipalityNames(r.Municipalities)); err != nil {
			return err
		}
		return nil
	})
	return r, err
}

// NotYoursError says a record belongs to someone else: mentors change and
// delete their own entries; admins any.
type NotYoursError struct {
	ID        int64
	CreatedBy string
	Name      string // who wrote it, when known
}

func (e *NotYoursError) Error() string { return "not your record" }

// ErrorCode makes it forbidden.
func (e *NotYoursError) ErrorCode() bot.Code { return bot.EForbidden }

// MentoringChange is what is changed about a logged session; zero values
// keep what is there (Note nil keeps the note, a pointer to "" clears it).
type MentoringChange struct {
	Municipality string
	Date         time.Time
	Minutes      int
	Topic        string
	Note         *string
}

// Mentoring returns one logged session.
func (db *DB) Mentoring(ctx context.Context, id int64) (Mentoring, error) {
	return db.mentoring(ctx, db.r, id)
}

func (db *DB) mentoring(ctx context.Context, q querier, id int64) (Mentoring, error) {
	var s Mentoring
	var date, created string
	err := q.QueryRowContext(ctx, `SELECT s.id, m.id, m.name, COALESCE(m.number, ''), s.date, s.minutes, s.topic, s.note, COALESCE(s.created_by, ''), s.created_name, s.platform, s.created_at
		FROM mentoring s JOIN municipalities m ON m.id = s.municipality_id WHERE s.id = ?`, id).
		Scan(&s.ID, &s.Municipality.ID, &s.Municipality.Name, &s.Municipality.Number, &date, &s.Minutes, &s.Topic, &s.Note, &s.CreatedBy, &s.CreatedName, &s.Platform, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return s, &NotFoundError{What: WhatMentoring, ID: id, Err: err}
	}
	if err != nil {
		return s, FormatError(err)
	}
	s.Date, s.CreatedAt = parseDay(date), parseTS(created)
	return s, nil
}

// ChangeMentoring changes a logged session: the author's own, or any when
// admin. What changed is recorded.
func (db *DB) ChangeMentoring(ctx context.Context, a Author, admin bool, id int64, c MentoringChange) (before, after Mentoring, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		if before, err = db.mentoring(ctx, tx, id); err != nil {
			return err
		}
		if !admin && (before.CreatedBy == "" || before.CreatedBy != a.Key) {
			return &NotYoursError{ID: id, CreatedBy: before.CreatedBy, Name: before.CreatedName}
		}
		after = before
		var detail []string
		if c.Municipality != "" {
			m, err := db.ensureMunicipality(ctx, tx, a, c.Municipality)
			if err != nil {
				return FormatError(err)
			}
			if m.ID != before.Municipality.ID {
				detail = append(detail, "kommune: "+before.Municipality.Name+" → "+m.Name)
				after.Municipality = m
			}
		}
		if !c.Date.IsZero() && day(c.Date) != day(before.Date) {
			detail = append(detail, "dato: "+day(before.Date)+" → "+day(c.Date))
			after.Date = parseDay(day(c.Date))
		}
		if c.Minutes != 0 && c.Minutes != before.Minutes {
			detail = append(detail, "minutter: "+strconv.Itoa(before.Minutes)+" → "+strconv.Itoa(c.Minutes))
			after.Minutes = c.Minutes
		}
		if c.Topic != "" && c.Topic != before.Topic {
			detail = append(detail, "tema: "+before.Topic+" → "+c.Topic)
			after.Topic = c.Topic
		}
		if c.Note != nil && *c.Note != before.Note {
			detail = append(detail, "notat endret")
			after.Note = *c.Note
		}
		if len(detail) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentoring SET municipality_id = ?, date = ?, minutes = ?, topic = ?, note = ? WHERE id = ?`,
			after.Municipality.ID, day(after.Date), after.Minutes, after.Topic, after.Note, id); err != nil {
			return FormatError(err)
		}
		if err := db.logChange(ctx, tx, a, EntityMentoring, itoa(id), ActionChange, strings.Join(detail, "; ")); err != nil {
			return err
		}
		return nil
	})
	return before, after, err
}

// DeleteMentoring removes a logged session (the author's own, or any when
// admin); what it was is kept in the change log.
func (db *DB) DeleteMentoring(ctx context.Context, a Author, admin bool, id int64) (s Mentoring, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		var err error
		if s, err = db.mentoring(ctx, tx, id); err != nil {
			return err
		}
		if !admin && (s.CreatedBy == "" || s.CreatedBy != a.Key) {
			return &NotYoursError{ID: id, CreatedBy: s.CreatedBy, Name: s.CreatedName}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mentoring WHERE id = ?`, id); err != nil {
			return FormatError(err)
		}
		detail := s.Municipality.Name + ", " + day(s.Date) + ", " + strconv.Itoa(s.Minutes) + " min, " + s.Topic
		if err := db.logChange(ctx, tx, a, EntityMentoring, itoa(id), ActionDelete, detail); err != nil {
			return err
		}
		return nil
	})
	return s, err
}

// MunicipalityContacts are the people to remind on behalf of each
// municipality: everyone who has answered a gathering for it, registered
// interest for it (not withdrawn) or set it as their own with /kulturbot
// kommune. Keys ("slack:U123") per municipality id, sorted, each once.
func (db *DB) MunicipalityContacts(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, 3*len(ids))
	for i := 0; i < 3; i++ {
		for _, id := range ids {
			args = append(args, id)
		}
	}
	in := "(" + placeholders(len(ids)) + ")"
	rows, err := db.r.QueryContext(ctx, `SELECT municipality_id, answered_by FROM rsvp_history
			WHERE municipality_id IN `+in+` AND answered_by IS NOT NULL AND answer <> 'slettet'
		UNION SELECT im.municipality_id, i.created_by FROM interests i JOIN interest_municipalities im ON im.interest_id = i.id
			WHERE im.municipality_id IN `+in+` AND i.created_by IS NOT NULL AND i.withdrawn_at IS NULL
		UNION SELECT municipality_id, key FROM users WHERE municipality_id IN `+in+`
		ORDER BY 1, 2`, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, FormatError(err)
		}
		out[id] = append(out[id], key)
	}
	return out, FormatError(rows.Err())
}

// timeSpan is "10:00–15:30", "10:00" or "".
func timeSpan(start, end string) string {
	if start != "" && end != "" {
		return start + "–" + end
	}
	return start
}
