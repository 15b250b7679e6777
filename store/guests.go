package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

// Region rules: a regional gathering takes answers from its region's
// municipalities and from guests an admin let in (gathering_guests); a
// national one from every municipality (SetRSVP enforces it).

// NationalGatheringError: a national gathering has no guests, everyone
// may answer it already.
type NationalGatheringError struct{ Gathering Gathering }

func (e *NationalGatheringError) Error() string { return "national gathering: everyone may answer" }

// AlreadyAllowedError: the municipality may answer the gathering already,
// as one of its region's (InRegion) or as a guest.
type AlreadyAllowedError struct {
	Gathering    Gathering
	Municipality Municipality
	InRegion     bool
}

func (e *AlreadyAllowedError) Error() string { return e.Municipality.Name + " may answer already" }

// Guest is a municipality let into a regional gathering.
type Guest struct {
	Municipality Municipality `json:"municipality"`
	AddedBy      string       `json:"added_by,omitempty"`
	AddedAt      time.Time    `json:"added_at"`
}

// AddGuest lets a municipality outside a regional gathering's region answer
// it. The admin who did it and when are stored with it.
func (db *DB) AddGuest(ctx context.Context, a Author, gatheringID int64, municipality string) (g Gathering, m Municipality, err error) {
	err = db.update(ctx, func(tx *sql.Tx) error {
		var err error
		if g, err = db.gathering(ctx, tx, gatheringID); err != nil {
			return err
		}
		if g.National() {
			return &NationalGatheringError{Gathering: g}
		}
		if m, err = db.ensureMunicipality(ctx, tx, a, municipality); err != nil {
			return FormatError(err)
		}
		var inRegion, guest bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM region_municipalities WHERE region_id = ? AND municipality_id = ?),
			EXISTS (SELECT 1 FROM gathering_guests WHERE gathering_id = ? AND municipality_id = ?)`, g.RegionID, m.ID, g.ID, m.ID).Scan(&inRegion, &guest); err != nil {
			return FormatError(err)
		}
		if inRegion || guest {
			return &AlreadyAllowedError{Gathering: g, Municipality: m, InRegion: inRegion}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO gathering_guests (gathering_id, municipality_id, added_by, platform, added_at) VALUES (?, ?, ?, ?, ?)`,
			g.ID, m.ID, nullKey(a.Key), string(a.Platform), ts(db.now())); err != nil {
			return FormatError(err)
		}
		return nil
	})
	return g, m, err
}

// Guests lists the guests of a gathering, sorted by name.
func (db *DB) Guests(ctx context.Context, gatheringID int64) ([]Guest, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT m.id, m.name, COALESCE(m.number, ''), COALESCE(x.added_by, ''), x.added_at
		FROM gathering_guests x JOIN municipalities m ON m.id = x.municipality_id WHERE x.gathering_id = ?`, gatheringID)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []Guest
	for rows.Next() {
		var g Guest
		var at string
		if err := rows.Scan(&g.Municipality.ID, &g.Municipality.Name, &g.Municipality.Number, &g.AddedBy, &at); err != nil {
			return nil, FormatError(err)
		}
		g.AddedAt = parseTS(at)
		out = append(out, g)
	}
	nb := norsk.New()
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && nb.Less(out[j].Municipality.Name, out[j-1].Municipality.Name); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, FormatError(rows.Err())
}

// Access is what one municipality may answer: its region (0 for none) and
// the gatherings it is a guest of.
type Access struct {
	RegionID   int64
	RegionName string
	Guest      map[int64]bool
}

// May reports whether the municipality may answer g.
func (a Access) May(g Gathering) bool {
	return g.National() || (a.RegionID != 0 && g.RegionID == a.RegionID) || a.Guest[g.ID]
}

// AccessOf returns what municipality id may answer.
func (db *DB) AccessOf(ctx context.Context, municipalityID int64) (Access, error) {
	a := Access{Guest: map[int64]bool{}}
	err := db.r.QueryRowContext(ctx, `SELECT r.id, r.name FROM region_municipalities rm JOIN regions r ON r.id = rm.region_id
		WHERE rm.municipality_id = ?`, municipalityID).Scan(&a.RegionID, &a.RegionName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, FormatError(err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT gathering_id FROM gathering_guests WHERE municipality_id = ?`, municipalityID)
	if err != nil {
		return a, FormatError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return a, FormatError(err)
		}
		a.Guest[id] = true
	}
	return a, FormatError(rows.Err())
}
