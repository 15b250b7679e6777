package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

// MinRegionSize is the programme's own definition: a region is three or
// more municipalities.
const MinRegionSize = 3

// Region is a group of municipalities that share gatherings.
type Region struct {
	ID             int64          `json:"id"`
	Name           string         `json:"name"`
	Municipalities []Municipality `json:"municipalities"`
	CreatedBy      string         `json:"created_by,omitempty"`
	Platform       string         `json:"platform"`
	CreatedAt      time.Time      `json:"created_at"`
}

// InRegionError says a municipality already belongs to another region.
type InRegionError struct {
	Municipality string
	Region       string
}

func (e *InRegionError) Error() string {
	return fmt.Sprintf("%s is already in region %s", e.Municipality, e.Region)
}

// RegionExistsError says a region with that (folded) name exists.
type RegionExistsError struct{ Name string }

func (e *RegionExistsError) Error() string { return "region exists: " + e.Name }

// TooFewError says fewer than MinRegionSize distinct municipalities were given.
type TooFewError struct{ Got int }

func (e *TooFewError) Error() string {
	return fmt.Sprintf("a region needs %d municipalities, got %d", MinRegionSize, e.Got)
}

// CreateRegion stores a region of three or more municipalities. Each
// municipality may be in one region at a time: a clash is an
// *InRegionError naming the region, and nothing is written.
func (db *DB) CreateRegion(ctx context.Context, a Author, name string, municipalities []string) (Region, error) {
	name = strings.Join(strings.Fields(name), " ")
	var r Region
	err := db.update(ctx, func(tx *sql.Tx) error {
		var existing string
		err := tx.QueryRowContext(ctx, `SELECT name FROM regions WHERE fold = ?`, bot.Fold(name)).Scan(&existing)
		if err == nil {
			return &RegionExistsError{Name: existing}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return FormatError(err)
		}
		ms, err := db.regionMembers(ctx, tx, a, municipalities, 0)
		if err != nil {
			return err
		}
		now := db.now()
		r = Region{Name: bot.TitleName(name), Municipalities: ms, CreatedBy: a.Key, Platform: string(a.Platform), CreatedAt: now}
		res, err := tx.ExecContext(ctx, `INSERT INTO regions (name, fold, created_by, platform, created_at) VALUES (?, ?, ?, ?, ?)`,
			r.Name, bot.Fold(name), nullKey(a.Key), r.Platform, ts(now))
		if err != nil {
			return FormatError(err)
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return FormatError(err)
		}
		return setRegionMembers(ctx, tx, r.ID, ms)
	})
	return r, err
}

// regionMembers resolves a region's municipalities (creating rows for
// register entries not seen before): three or more, none in another region
// than region (0 for a new one).
func (db *DB) regionMembers(ctx context.Context, tx *sql.Tx, a Author, names []string, region int64) ([]Municipality, error) {
	ms, err := db.ensureMunicipalities(ctx, tx, a, names)
	if err != nil {
		return nil, FormatError(err)
	}
	if len(ms) < MinRegionSize {
		return nil, &TooFewError{Got: len(ms)}
	}
	for _, m := range ms {
		var other string
		err := tx.QueryRowContext(ctx, `SELECT r.name FROM region_municipalities rm JOIN regions r ON r.id = rm.region_id
			WHERE rm.municipality_id = ? AND rm.region_id <> ?`, m.ID, region).Scan(&other)
		if err == nil {
			return nil, &InRegionError{Municipality: m.Name, Region: other}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, FormatError(err)
		}
	}
	return ms, nil
}

// setRegionMembers adds ms to region in their order.
func setRegionMembers(ctx context.Context, tx *sql.Tx, region int64, ms []Municipality) error {
	for i, m := range ms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO region_municipalities (region_id, municipality_id, position) VALUES (?, ?, ?)`, region, m.ID, i); err != nil {
			return FormatError(err)
		}
	}
	return nil
}

// Regions lists every region with its municipalities, sorted by name.
func (db *DB) Regions(ctx context.Context) ([]Region, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, name, COALESCE(created_by, ''), platform, created_at FROM regions`)
	if err != nil {
		return nil, FormatError(err)
	}
	var out []Region
	for rows.Next() {
		var r Region
		var created string
		if err := rows.Scan(&r.ID, &r.Name, &r.CreatedBy, &r.Platform, &created); err != nil {
			rows.Close()
			return nil, FormatError(err)
		}
		r.CreatedAt = parseTS(created)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, FormatError(err)
	}
	for i := range out {
		if out[i].Municipalities, err = db.regionMunicipalities(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	nb := norsk.New()
	sort.SliceStable(out, func(i, j int) bool { return nb.Less(out[i].Name, out[j].Name) })
	return out, nil
}

// Region returns one region by id.
func (db *DB) Region(ctx context.Context, id int64) (Region, error) {
	return db.regionWhere(ctx, `id = ?`, id)
}

// RegionByName finds a region by any spelling of its name.
func (db *DB) RegionByName(ctx context.Context, name string) (Region, error) {
	return db.regionWhere(ctx, `fold = ?`, bot.Fold(name))
}

func (db *DB) regionWhere(ctx context.Context, where string, arg any) (Region, error) {
	var r Region
	var created string
	err := db.r.QueryRowContext(ctx, `SELECT id, name, COALESCE(created_by, ''), platform, created_at FROM regions WHERE `+where, arg).
		Scan(&r.ID, &r.Name, &r.CreatedBy, &r.Platform, &created)
	if err != nil {
		return r, FormatError(err)
	}
	r.CreatedAt = parseTS(created)
	r.Municipalities, err = db.regionMunicipalities(ctx, r.ID)
	return r, err
}

func (db *DB) regionMunicipalities(ctx context.Context, id int64) ([]Municipality, error) {
	return db.municipalitiesOf(ctx, `SELECT m.id, m.name, COALESCE(m.number, '') FROM region_municipalities rm JOIN municipalities m ON m.id = rm.municipality_id
		WHERE rm.region_id = ? ORDER BY rm.position`, id)
}
