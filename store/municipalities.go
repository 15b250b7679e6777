package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Municipality is a kommune as the bot knows it. Names are matched by
// bot.Fold, so "bodo", "Bodø" and "BODØ" are one row; the display name is
// the first spelling anyone used (title-cased when typed in lower case),
// until someone spells it with more of æ, ø, å ("Bodo" becomes "Bodø").
type Municipality struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
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

// ValidMunicipalityName reports whether s can be a municipality name:
// letters (any script, Sami included), digits, spaces, hyphens, dots and
// apostrophes, and something left after folding.
func ValidMunicipalityName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len([]rune(s)) > MaxNameLen || bot.Fold(s) == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune("-–.'’", r)) {
			return false
		}
	}
	return true
}

const (
	qMunicipalityByFold = `SELECT id, name FROM municipalities WHERE fold = ?`
	qMunicipalityInsert = `INSERT INTO municipalities (name, fold, created_by, platform, created_at) VALUES (?, ?, ?, ?, ?)`
	qMunicipalityRename = `UPDATE municipalities SET name = ? WHERE id = ?`
)

// ensureMunicipality returns the municipality whose folded name matches
// name, creating it with name as its display name when it is new.
func (db *DB) ensureMunicipality(ctx context.Context, tx execer, a Author, name string) (Municipality, error) {
	name = strings.TrimSpace(name)
	if !ValidMunicipalityName(name) {
		return Municipality{}, &BadNameError{Name: name}
	}
	fold := bot.Fold(name)
	var m Municipality
	err := tx.QueryRowContext(ctx, qMunicipalityByFold, fold).Scan(&m.ID, &m.Name)
	if err == nil {
		// The first spelling may have been typed without æ, ø, å ("bodo").
		// A later spelling with them is the proper name: show that one,
		// or "Bodo" stays in every list, export and digest.
		if better := displayName(name); norwegianLetters(better) > norwegianLetters(m.Name) {
			if _, err := tx.ExecContext(ctx, qMunicipalityRename, better, m.ID); err != nil {
				return m, err
			}
			m.Name = better
		}
		return m, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return m, err
	}
	m.Name = displayName(name)
	res, err := tx.ExecContext(ctx, qMunicipalityInsert,
		m.Name, fold, nullKey(a.Key), string(a.Platform), ts(db.now()))
	if err != nil {
		return m, err
	}
	m.ID, err = res.LastInsertId()
	return m, err
}

// displayName is how a typed name is shown: title-cased when typed all in
// lower case or all in capitals ("BODØ" -> "Bodø"), else as typed.
func displayName(name string) string {
	if name == strings.ToUpper(name) {
		name = strings.ToLower(name)
	}
	return bot.TitleName(name)
}

// norwegianLetters counts æ, ø and å in s: the letters an ASCII spelling
// of a Norwegian name leaves out.
func norwegianLetters(s string) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune("æøåÆØÅ", r) {
			n++
		}
	}
	return n
}

// ensureMunicipalities resolves names in order, dropping folded duplicates.
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

// EnsureMunicipality finds or creates a municipality by name.
func (db *DB) EnsureMunicipality(ctx context.Context, a Author, name string) (Municipality, error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return Municipality{}, FormatError(err)
	}
	defer tx.Rollback()
	m, err := db.ensureMunicipality(ctx, tx, a, name)
	if err != nil {
		return m, FormatError(err)
	}
	return m, FormatError(tx.Commit())
}

// FindMunicipality looks a municipality up by any spelling of its name.
// An unknown name is a not-found error.
func (db *DB) FindMunicipality(ctx context.Context, name string) (Municipality, error) {
	var m Municipality
	err := db.r.QueryRowContext(ctx, `SELECT id, name FROM municipalities WHERE fold = ?`, bot.Fold(name)).Scan(&m.ID, &m.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return m, &NotFoundError{What: WhatMunicipality, Name: name, Err: err}
	}
	return m, FormatError(err)
}

// Municipalities lists every known municipality, sorted by name.
func (db *DB) Municipalities(ctx context.Context) ([]Municipality, error) {
	out, err := db.municipalitiesOf(ctx, `SELECT id, name FROM municipalities`)
	SortMunicipalities(out)
	return out, err
}

// municipalitiesOf runs a query selecting (id, name) of municipalities:
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
		if err := rows.Scan(&m.ID, &m.Name); err != nil {
			return nil, FormatError(err)
		}
		out = append(out, m)
	}
	return out, FormatError(rows.Err())
}

// SortMunicipalities sorts by name the way Norwegians alphabetise
// (æ, ø, å last).
func SortMunicipalities(ms []Municipality) {
	sort.SliceStable(ms, func(i, j int) bool { return NorwegianLess(ms[i].Name, ms[j].Name) })
}

// NorwegianLess compares names case-insensitively with æ, ø, å after z.
func NorwegianLess(a, b string) bool {
	ka, kb := collate(a), collate(b)
	if ka != kb {
		return ka < kb
	}
	return a < b
}

func collate(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'æ', 'ä':
			b.WriteRune('{')
		case 'ø', 'ö':
			b.WriteRune('|')
		case 'å':
			b.WriteRune('}')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
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
