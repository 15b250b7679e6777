package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

// SyncResult says what linking the database to the register changed.
type SyncResult struct {
	Inserted int // register entries that got a row
	Linked   int // rows typed before the register, now linked by number
	Merged   int // rows merged into another that meant the same municipality
	Renamed  int // linked rows whose register name changed
	Unlinked int // rows left outside the register (kulturbot kommuner sjekk)
}

// SyncRegister links the municipalities table to the register, in one
// transaction: each register entry has a row (by number); a row typed
// before the register existed whose name resolves to exactly one entry is
// linked to it, and two such rows for one entry ("Saltdal", "Saltdal
// kommune") become one, every answer, registration and session moved and
// the merge recorded in municipality_merges. Rows that resolve to nothing
// or to two entries stay as they are for the working group. Open runs it.
func (db *DB) SyncRegister(ctx context.Context) (SyncResult, error) {
	var res SyncResult
	err := InTx(ctx, db.w, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, COALESCE(number, '') FROM municipalities ORDER BY id`)
		if err != nil {
			return err
		}
		var all []Municipality
		for rows.Next() {
			var m Municipality
			if err := rows.Scan(&m.ID, &m.Name, &m.Number); err != nil {
				rows.Close()
				return err
			}
			all = append(all, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		linked := map[string]Municipality{}
		loose := map[string][]Municipality{} // number -> unlinked rows that resolve to it
		var order []string
		for _, m := range all {
			if m.Number != "" {
				linked[m.Number] = m
				continue
			}
			e, err := db.ResolveMunicipality(m.Name)
			if err != nil {
				res.Unlinked++
				continue
			}
			if len(loose[e.Number]) == 0 {
				order = append(order, e.Number)
			}
			loose[e.Number] = append(loose[e.Number], m)
		}
		now := ts(db.now())
		for _, num := range order {
			e, _ := db.reg.ByNumber(num)
			group := loose[num]
			to, ok := linked[num]
			if !ok {
				// The first row spelt the way the register does survives, so
				// its id (seen in old exports) stays the municipality's.
				k := 0
				for i, m := range group {
					if kommuner.Key(m.Name) == kommuner.Key(e.Name) {
						k = i
						break
					}
				}
				to = group[k]
				group = append(append([]Municipality(nil), group[:k]...), group[k+1:]...)
				if _, err := tx.ExecContext(ctx, `UPDATE municipalities SET number = ?, name = ?, fold = ? WHERE id = ?`, e.Number, e.Name, "#"+e.Number, to.ID); err != nil {
					return err
				}
				to.Number = e.Number
				res.Linked++
			}
			for _, from := range group {
				if _, err := db.mergeMunicipality(ctx, tx, Author{Platform: "register"}, from, to, mergeRegister); err != nil {
					return fmt.Errorf("merge %q into %q: %w", from.Name, e.Name, err)
				}
				res.Merged++
			}
			to.Name = e.Name
			linked[num] = to
		}
		// A new database inserts the whole register (357 rows): one prepared
		// statement, not a parse per row (a third of a first start's store
		// CPU).
		var insert *sql.Stmt
		defer func() {
			if insert != nil {
				insert.Close()
			}
		}()
		for _, e := range db.reg.Entries() {
			m, ok := linked[e.Number]
			if !ok {
				if insert == nil {
					if insert, err = tx.PrepareContext(ctx, qMunicipalityInsert); err != nil {
						return err
					}
				}
				if _, err := insert.ExecContext(ctx, e.Name, "#"+e.Number, e.Number, nil, "register", now); err != nil {
					return err
				}
				res.Inserted++
				continue
			}
			if m.Name != e.Name {
				if _, err := tx.ExecContext(ctx, `UPDATE municipalities SET name = ? WHERE id = ?`, e.Name, m.ID); err != nil {
					return err
				}
				res.Renamed++
			}
		}
		// Linked rows all carry "#number" as their fold: a linked row is found
		// by number, and the fold column's uniqueness must not clash with an
		// unlinked row typed "Bodo" in a database that predates the register.
		if _, err := tx.ExecContext(ctx, `UPDATE municipalities SET fold = '#' || number WHERE number IS NOT NULL AND fold <> '#' || number`); err != nil {
			return err
		}
		sum := sha256.New()
		for _, e := range db.reg.Entries() {
			fmt.Fprintf(sum, "%s;%s;%s;%s\n", e.Number, e.Name, e.County, strings.Join(e.Other, "|"))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO municipality_register (id, hash, source, entries, synced_at) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, source = excluded.source, entries = excluded.entries, synced_at = excluded.synced_at
			WHERE hash <> excluded.hash OR source <> excluded.source`,
			hex.EncodeToString(sum.Sum(nil)), db.reg.Source, db.reg.Len(), now); err != nil {
			return err
		}
		return nil
	})
	return res, err
}

// Merge reasons.
const (
	mergeAdmin    = "admin"
	mergeRegister = "register"
)

// Merge is one recorded merge of a municipality row into another.
type Merge struct {
	ID        int64     `json:"id"`
	From      string    `json:"from"`
	To        string    `json:"to"`
	ToNumber  string    `json:"to_number,omitempty"`
	Reason    string    `json:"reason"`
	RSVPs     int64     `json:"rsvps"`
	History   int64     `json:"history"`
	Interests int64     `json:"interests"`
	Mentoring int64     `json:"mentoring"`
	Regions   int64     `json:"regions"`
	Users     int64     `json:"users"`
	Guests    int64     `json:"guests"`
	Dropped   string    `json:"dropped,omitempty"`
	MergedBy  string    `json:"merged_by,omitempty"`
	MergedAt  time.Time `json:"merged_at"`
}

// mergeMunicipality moves everything that points at from to to, deletes
// from and records the merge. Where both had something that can exist once
// (an answer to the same gathering, a place in a region), to keeps the
// newer answer and its own region, and the merge row says what gave way:
// the RSVP history keeps every answer either way.
func (db *DB) mergeMunicipality(ctx context.Context, tx *sql.Tx, a Author, from, to Municipality, reason string) (Merge, error) {
	mg := Merge{From: from.Name, To: to.Name, ToNumber: to.Number, Reason: reason, MergedBy: a.Key}
	var dropped []string
	exec := func(n *int64, q string, args ...any) error {
		r, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		k, _ := r.RowsAffected()
		if n != nil {
			*n += k
		}
		return nil
	}
	// Answers to the same gathering: the newer stays current.
	crows, err := tx.QueryContext(ctx, `SELECT f.gathering_id, f.answer, t.answer, f.updated_at > t.updated_at
		FROM rsvps f JOIN rsvps t ON t.gathering_id = f.gathering_id AND t.municipality_id = ? WHERE f.municipality_id = ?`, to.ID, from.ID)
	if err != nil {
		return mg, err
	}
	type clash struct {
		g           int64
		fa, ta      string
		fromIsNewer bool
	}
	var clashes []clash
	for crows.Next() {
		var c clash
		if err := crows.Scan(&c.g, &c.fa, &c.ta, &c.fromIsNewer); err != nil {
			crows.Close()
			return mg, err
		}
		clashes = append(clashes, c)
	}
	crows.Close()
	for _, c := range clashes {
		if c.fromIsNewer {
			if err := exec(nil, `DELETE FROM rsvps WHERE gathering_id = ? AND municipality_id = ?`, c.g, to.ID); err != nil {
				return mg, err
			}
			dropped = append(dropped, fmt.Sprintf("samling #%d: %s (%s) erstattet %s (%s)", c.g, c.fa, from.Name, c.ta, to.Name))
		} else {
			if err := exec(nil, `DELETE FROM rsvps WHERE gathering_id = ? AND municipality_id = ?`, c.g, from.ID); err != nil {
				return mg, err
			}
			dropped = append(dropped, fmt.Sprintf("samling #%d: %s (%s) beholdt, %s (%s) står i historikken", c.g, c.ta, to.Name, c.fa, from.Name))
		}
	}
	if err := exec(&mg.RSVPs, `UPDATE rsvps SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	if err := exec(&mg.History, `UPDATE rsvp_history SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	// A registration naming both keeps one line.
	if err := exec(nil, `DELETE FROM interest_municipalities WHERE municipality_id = ? AND interest_id IN
		(SELECT interest_id FROM interest_municipalities WHERE municipality_id = ?)`, from.ID, to.ID); err != nil {
		return mg, err
	}
	if err := exec(&mg.Interests, `UPDATE interest_municipalities SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	if err := exec(&mg.Mentoring, `UPDATE mentoring SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	// One region at a time: to keeps its own.
	var fromRegion, toRegion sql.NullString
	_ = tx.QueryRowContext(ctx, `SELECT r.name FROM region_municipalities rm JOIN regions r ON r.id = rm.region_id WHERE rm.municipality_id = ?`, from.ID).Scan(&fromRegion)
	_ = tx.QueryRowContext(ctx, `SELECT r.name FROM region_municipalities rm JOIN regions r ON r.id = rm.region_id WHERE rm.municipality_id = ?`, to.ID).Scan(&toRegion)
	if fromRegion.Valid && toRegion.Valid {
		if err := exec(nil, `DELETE FROM region_municipalities WHERE municipality_id = ?`, from.ID); err != nil {
			return mg, err
		}
		if fromRegion.String != toRegion.String {
			dropped = append(dropped, fmt.Sprintf("region: %s blir i %s, ikke %s", to.Name, toRegion.String, fromRegion.String))
		}
	} else if err := exec(&mg.Regions, `UPDATE region_municipalities SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	if err := exec(&mg.Users, `UPDATE users SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	if err := exec(nil, `DELETE FROM gathering_guests WHERE municipality_id = ? AND gathering_id IN
		(SELECT gathering_id FROM gathering_guests WHERE municipality_id = ?)`, from.ID, to.ID); err != nil {
		return mg, err
	}
	if err := exec(&mg.Guests, `UPDATE gathering_guests SET municipality_id = ? WHERE municipality_id = ?`, to.ID, from.ID); err != nil {
		return mg, err
	}
	// Tables added later (by other migrations) that point at a
	// municipality follow too, so the delete below never fails on them.
	if err := db.moveOtherReferences(ctx, tx, from.ID, to.ID); err != nil {
		return mg, err
	}
	if err := exec(nil, `DELETE FROM municipalities WHERE id = ?`, from.ID); err != nil {
		return mg, err
	}
	mg.Dropped = strings.Join(dropped, "; ")
	now := db.now()
	r, err := tx.ExecContext(ctx, `INSERT INTO municipality_merges (from_id, from_name, to_id, to_name, to_number, reason,
		rsvps, history, interests, mentoring, regions, users, guests, dropped, merged_by, platform, merged_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		from.ID, from.Name, to.ID, to.Name, nullKey(to.Number), reason, mg.RSVPs, mg.History, mg.Interests, mg.Mentoring, mg.Regions,
		mg.Users, mg.Guests, mg.Dropped, nullKey(a.Key), string(a.Platform), ts(now))
	if err != nil {
		return mg, err
	}
	mg.ID, _ = r.LastInsertId()
	mg.MergedAt = now
	return mg, nil
}

// handledRefs are the references mergeMunicipality moves itself.
var handledRefs = map[string]bool{"rsvps": true, "rsvp_history": true, "interest_municipalities": true, "mentoring": true,
	"region_municipalities": true, "users": true, "gathering_guests": true}

func (db *DB) moveOtherReferences(ctx context.Context, tx *sql.Tx, from, to int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'municipalities'`)
	if err != nil {
		return err
	}
	type ref struct{ table, col string }
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.table, &r.col); err != nil {
			rows.Close()
			return err
		}
		if !handledRefs[r.table] {
			refs = append(refs, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range refs {
		if _, err := tx.ExecContext(ctx, `UPDATE `+quoteIdent(r.table)+` SET `+quoteIdent(r.col)+` = ? WHERE `+quoteIdent(r.col)+` = ?`, to, from); err != nil {
			return fmt.Errorf("%s.%s: %w", r.table, r.col, err)
		}
	}
	return nil
}

// NotUnlinkedError says the municipality to merge away is a register
// entry: only names outside the register can be merged.
type NotUnlinkedError struct{ Name string }

func (e *NotUnlinkedError) Error() string { return e.Name + " is in the municipality register" }

// MergeMunicipality merges the name outside the register typed as from
// (any spelling of it, or "#id") into the register municipality to, for an
// admin: every answer, registration, session, region place and profile
// moves, and the merge is recorded with who did it and when.
func (db *DB) MergeMunicipality(ctx context.Context, a Author, from, to string) (mg Merge, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		e, err := db.ResolveMunicipality(to)
		if err != nil {
			return FormatError(err)
		}
		target, err := db.entryRow(ctx, tx, a, e)
		if err != nil {
			return FormatError(err)
		}
		src, err := db.unlinkedByName(ctx, tx, from)
		if err != nil {
			return err
		}
		mg, err = db.mergeMunicipality(ctx, tx, a, src, target, mergeAdmin)
		if err != nil {
			return FormatError(err)
		}
		return nil
	})
	return mg, err
}

// unlinkedByName finds a row outside the register by its folded name or
// "#id"; a register name is a *NotUnlinkedError, nothing a not-found.
func (db *DB) unlinkedByName(ctx context.Context, q querier, name string) (Municipality, error) {
	name = strings.TrimSpace(name)
	var m Municipality
	var number sql.NullString
	var err error
	if id, ok := bot.ParseID(name); ok && strings.HasPrefix(name, "#") {
		err = q.QueryRowContext(ctx, `SELECT id, name, number FROM municipalities WHERE id = ?`, id).Scan(&m.ID, &m.Name, &number)
	} else {
		err = q.QueryRowContext(ctx, `SELECT id, name, number FROM municipalities WHERE number IS NULL AND fold = ?`, bot.Fold(name)).Scan(&m.ID, &m.Name, &number)
	}
	if errors.Is(err, sql.ErrNoRows) {
		if _, rerr := db.ResolveMunicipality(name); rerr == nil {
			return m, &NotUnlinkedError{Name: name}
		}
		return m, &NotFoundError{What: WhatMunicipality, Name: name, Err: err}
	}
	if err != nil {
		return m, FormatError(err)
	}
	if number.Valid {
		return m, &NotUnlinkedError{Name: m.Name}
	}
	return m, nil
}

// Unlinked is a municipality row outside the register, with what points
// at it and what the register suggests.
type Unlinked struct {
	Municipality
	RSVPs, History, Interests, Mentoring, Regions, Users, Guests int
	// Candidates are register entries it may mean: the near misses, or the
	// municipalities sharing the name.
	Candidates []kommuner.Entry
	Ambiguous  bool
	// Gone is set for a row linked by a number the register no longer has
	// (after a reform, with a new register file).
	Gone bool
}

// UnlinkedMunicipalities lists the rows outside the register, oldest
// first, for `kulturbot kommuner sjekk`.
func (db *DB) UnlinkedMunicipalities(ctx context.Context) ([]Unlinked, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT m.id, m.name, COALESCE(m.number, ''),
		(SELECT COUNT(*) FROM rsvps WHERE municipality_id = m.id),
		(SELECT COUNT(*) FROM rsvp_history WHERE municipality_id = m.id),
		(SELECT COUNT(*) FROM interest_municipalities WHERE municipality_id = m.id),
		(SELECT COUNT(*) FROM mentoring WHERE municipality_id = m.id),
		(SELECT COUNT(*) FROM region_municipalities WHERE municipality_id = m.id),
		(SELECT COUNT(*) FROM users WHERE municipality_id = m.id),
		(SELECT COUNT(*) FROM gathering_guests WHERE municipality_id = m.id)
		FROM municipalities m ORDER BY m.id`)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Unlinked
	for rows.Next() {
		var u Unlinked
		if err := rows.Scan(&u.ID, &u.Name, &u.Number, &u.RSVPs, &u.History, &u.Interests, &u.Mentoring, &u.Regions, &u.Users, &u.Guests); err != nil {
			return nil, FormatError(err)
		}
		if u.Number != "" {
			if _, ok := db.reg.ByNumber(u.Number); ok {
				continue
			}
			u.Gone = true
		} else {
			m := db.reg.Resolve(u.Name)
			u.Candidates, u.Ambiguous = m.Candidates, m.Kind == kommuner.Ambiguous
		}
		out = append(out, u)
	}
	return out, FormatError(rows.Err())
}

// Merges lists the recorded merges, oldest first.
func (db *DB) Merges(ctx context.Context) ([]Merge, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, from_name, to_name, COALESCE(to_number, ''), reason, rsvps, history, interests,
		mentoring, regions, users, guests, dropped, COALESCE(merged_by, ''), merged_at FROM municipality_merges ORDER BY id`)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Merge
	for rows.Next() {
		var m Merge
		var at string
		if err := rows.Scan(&m.ID, &m.From, &m.To, &m.ToNumber, &m.Reason, &m.RSVPs, &m.History, &m.Interests, &m.Mentoring,
			&m.Regions, &m.Users, &m.Guests, &m.Dropped, &m.MergedBy, &at); err != nil {
			return nil, FormatError(err)
		}
		m.MergedAt = parseTS(at)
		out = append(out, m)
	}
	return out, FormatError(rows.Err())
}
