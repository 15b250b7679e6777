package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

// Municipality is a kommune as the bot knows it: an entry of the register
// (store/kommuner), linked by its number. A row without a number is a name
// typed before the register existed that matched no entry; it waits for the
// working group to merge it (kulturbot kommuner sjekk).
type Municipality struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Number string `json:"number,omitempty"` // kommunenummer; "" outside the register
}

// MaxNameLen bounds municipality, region and gathering names.
const MaxNameLen = 80

// ErrBadName is returned for a municipality name that is empty, too long
// or made of something other than letters, digits, spaces and hyphens.
var ErrBadName = errors.New("bad municipality name")

// BadNameError names the offending municipality name.
type BadNameError struct{ Name string }

func (e *BadNameError) Error() string { return "bad municipality name: " + e.Name }

// Unwrap lets errors.Is(err, ErrBadName) work.
func (e *BadNameError) Unwrap() error { return ErrBadName }

// UnknownMunicipalityError says a name is in no form in the register.
// Near holds the entries closest to it ("Fauskee": Fauske), possibly none.
type UnknownMunicipalityError struct {
	Name string
	Near []kommuner.Entry
}

func (e *UnknownMunicipalityError) Error() string {
	return "not in the municipality register: " + e.Name
}

// AmbiguousMunicipalityError says two or more municipalities share the
// name (Herøy, Våler); Candidates are they.
type AmbiguousMunicipalityError struct {
	Name       string
	Candidates []kommuner.Entry
}

func (e *AmbiguousMunicipalityError) Error() string {
	return "ambiguous municipality name: " + e.Name
}

// ValidMunicipalityName reports whether s can be a municipality name:
// letters (any script, Sami included), digits, spaces, hyphens, dots,
// apostrophes and brackets ("Herøy (Nordland)"), and something left after
// folding.
func ValidMunicipalityName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len([]rune(s)) > MaxNameLen || bot.Fold(s) == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune("-–.'’()", r)) {
			return false
		}
	}
	return true
}

// Register is the municipality register the database links against.
func (db *DB) Register() *kommuner.Register { return db.reg }

// ResolveMunicipality finds the register entry a typed name means, or the
// typed refusal (*BadNameError, *UnknownMunicipalityError,
// *AmbiguousMunicipalityError). It writes nothing.
func (db *DB) ResolveMunicipality(name string) (kommuner.Entry, error) {
	name = strings.TrimSpace(name)
	if !ValidMunicipalityName(name) {
		return kommuner.Entry{}, &BadNameError{Name: name}
	}
	m := db.reg.Resolve(name)
	switch m.Kind {
	case kommuner.Found:
		return m.Entry, nil
	case kommuner.Ambiguous:
		return kommuner.Entry{}, &AmbiguousMunicipalityError{Name: name, Candidates: m.Candidates}
	}
	return kommuner.Entry{}, &UnknownMunicipalityError{Name: name, Near: m.Candidates}
}

// ExactMunicipality is the register entry name spells exactly (case and
// æøå folded), with no search for near names.
func (db *DB) ExactMunicipality(name string) (kommuner.Entry, bool) {
	return db.reg.Exact(strings.TrimSpace(name))
}

const (
	qMunicipalityByNumber = `SELECT id, name FROM municipalities WHERE number = ?`
	qMunicipalityInsert   = `INSERT INTO municipalities (name, fold, number, created_by, platform, created_at) VALUES (?, ?, ?, ?, ?, ?)`
)

// ensureMunicipality returns the row of the register entry name means,
// creating it if the register has grown since start-up. A name that is not
// exactly one entry is refused with the store's typed error and nothing is
// written: the bot never invents a municipality.
func (db *DB) ensureMunicipality(ctx context.Context, tx execer, a Author, name string) (Municipality, error) {
	e, err := db.ResolveMunicipality(name)
	if err != nil {
		return Municipality{}, err
	}
	return db.entryRow(ctx, tx, a, e)
}

// entryRow returns (creating if needed) the row of a register entry.
func (db *DB) entryRow(ctx context.Context, tx execer, a Author, e kommuner.Entry) (Municipality, error) {
	m := Municipality{Number: e.Number}
	err := tx.QueryRowContext(ctx, qMunicipalityByNumber, e.Number).Scan(&m.ID, &m.Name)
	if err == nil {
		return m, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return m, err
	}
	m.Name = e.Name
	res, err := tx.ExecContext(ctx, qMunicipalityInsert, e.Name, "#"+e.Number, e.Number, nullKey(a.Key), string(a.Platform), ts(db.now()))
	if err != nil {
		return m, err
	}
	m.ID, err = res.LastInsertId()
	return m, err
}

// ensureMunicipalities resolves names in order, dropping duplicates
// ("Bodø, bodo kommune" is one municipality).
func (db *DB) ensureMunicipalities(ctx context.Context, tx *sql.Tx, a Author, names []string) ([]Municipality, error) {
	var out []Municipality
	seen := map[int64]bool{}
	for _, n := range names {
		m, err := db.ensureMunicipality(ctx, tx, a, n)
		if err != nil {
			return nil, err
		}
		if !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, m)
		}
	}
	return out, nil
}

// EnsureMunicipality returns the row of the register entry name means.
func (db *DB) EnsureMunicipality(ctx context.Context, a Author, name string) (m Municipality, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		m, err = db.ensureMunicipality(ctx, tx, a, name)
		return FormatError(err)
	})
	return m, err
}

// FindMunicipality looks a municipality up by any form of its name. A name
// outside the register is a not-found error wrapping the typed refusal; a
// register name nobody has used yet is found with ID 0.
func (db *DB) FindMunicipality(ctx context.Context, name string) (Municipality, error) {
	e, err := db.ResolveMunicipality(name)
	if err != nil {
		return Municipality{}, &NotFoundError{What: WhatMunicipality, Name: name, Err: err}
	}
	m := Municipality{Name: e.Name, Number: e.Number}
	err = db.r.QueryRowContext(ctx, qMunicipalityByNumber, e.Number).Scan(&m.ID, &m.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return m, nil
	}
	return m, FormatError(err)
}

// Municipalities lists the register municipalities in use, sorted by name.
func (db *DB) Municipalities(ctx context.Context) ([]Municipality, error) {
	out, err := db.municipalitiesOf(ctx, `SELECT id, name, COALESCE(number, '') FROM municipalities WHERE number IS NOT NULL`)
	SortMunicipalities(out)
	return out, err
}

// municipalitiesOf runs a query selecting (id, name, number) of municipalities:
// all of them, or those of one region or registration.
func (db *DB) municipalitiesOf(ctx context.Context, query string, args ...any) ([]Municipality, error) {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Municipality
	for rows.Next() {
		var m Municipality
		if err := rows.Scan(&m.ID, &m.Name, &m.Number); err != nil {
			return nil, FormatError(err)
		}
		out = append(out, m)
	}
	return out, FormatError(rows.Err())
}

// SortMunicipalities sorts by name the way Norwegians alphabetise
// (æ, ø, å last).
func SortMunicipalities(ms []Municipality) {
	nb := norsk.New()
	sort.SliceStable(ms, func(i, j int) bool { return nb.Less(ms[i].Name, ms[j].Name) })
}

// MunicipalityNames joins names for display: "Bodø, Rana, Vefsn".
func MunicipalityNames(ms []Municipality) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	return strings.Join(names, ", ")
}

// nullKey stores an empty user key as NULL (the "forgotten" marker).
func nullKey(k string) any {
	if k == "" {
		return nil
	}
	return k
}
