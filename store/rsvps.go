package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

// Answers to a gathering.
const (
	AnswerYes   = "ja"
	AnswerNo    = "nei"
	AnswerMaybe = "kanskje"
	// AnswerDeleted is written to the history (never to rsvps) when the
	// working group removes an answer, so the history says when it went.
	AnswerDeleted = "slettet"
)

// MaxHeadcount is the most people one municipality can announce.
const MaxHeadcount = 50

// RSVP is a municipality's current answer to a gathering.
type RSVP struct {
	GatheringID  int64        `json:"gathering_id"`
	Municipality Municipality `json:"municipality"`
	Answer       string       `json:"answer"`
	Headcount    int          `json:"headcount"`
	// Overnight is nil when not said.
	Overnight *bool `json:"overnight,omitempty"`
	// OvernightPeople is how many of the headcount need a bed when
	// Overnight is true ("overnatting=2"); 0 means all of them.
	OvernightPeople int `json:"overnight_people,omitempty"`
	// Late marks an admin's answer accepted after the RSVP deadline.
	Late         bool      `json:"late,omitempty"`
	AnsweredBy   string    `json:"answered_by,omitempty"`
	AnsweredName string    `json:"answered_name,omitempty"`
	Platform     string    `json:"platform"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Beds is how many people of this answer need a bed: none without
// overnight stay, OvernightPeople when given, else the whole headcount.
func (r RSVP) Beds() int {
	if r.Overnight == nil || !*r.Overnight || r.Answer == AnswerNo {
		return 0
	}
	if r.OvernightPeople > 0 && r.OvernightPeople < r.Headcount {
		return r.OvernightPeople
	}
	return r.Headcount
}

// same reports whether two answers say the same thing.
func (r RSVP) same(o RSVP) bool {
	return r.Answer == o.Answer && r.Headcount == o.Headcount && r.Beds() == o.Beds() &&
		(r.Overnight == nil) == (o.Overnight == nil) && (r.Overnight == nil || *r.Overnight == *o.Overnight)
}

// RSVPInput is one answer as given.
type RSVPInput struct {
	GatheringID  int64
	Municipality string // any spelling; created if new
	Answer       string // AnswerYes, AnswerNo or AnswerMaybe
	// Headcount 0 with ja/kanskje keeps the previous answer's headcount
	// (1 when there is none); with nei it is always 0.
	Headcount int
	// Overnight nil with ja/kanskje keeps the previous answer's value
	// (and its OvernightPeople).
	Overnight *bool
	// OvernightPeople is how many need a bed with Overnight true; 0: all.
	// More than the headcount is an *OvernightError.
	OvernightPeople int
	// Admin answers are taken after the deadline (marked Late); a
	// cancelled or past gathering refuses them too.
	Admin bool
	// At is when the answer was given, for the open/closed rule
	// (request time); records are stamped with db.Now.
	At time.Time
}

// RSVPResult is what SetRSVP stored, and what it replaced.
type RSVPResult struct {
	RSVP      RSVP
	Gathering Gathering
	Previous  *RSVP // nil for a first answer
	// Unchanged: the answer repeats the current one exactly. Nothing
	// changes but the history, which records that it was confirmed.
	Unchanged bool
}

// OvernightError says more people need a bed than are coming.
type OvernightError struct{ Beds, Headcount int }

func (e *OvernightError) Error() string { return "more beds than people" }

// ErrorCode makes it an invalid-input error.
func (e *OvernightError) ErrorCode() bot.Code { return bot.EInvalid }

// SetRSVP stores a municipality's answer to a gathering, replacing an
// earlier one, and appends it to the history — in one transaction, so the
// current answer and its history never disagree. A gathering that is
// cancelled, past or past its deadline at in.At yields a *ClosedError and
// nothing is written.
//
// The answer is one write of the writer (writer.go): answers given at the
// same time share a transaction, each in its own savepoint, and SetRSVP
// returns only after the COMMIT that made its answer durable has returned.
// A caller whose ctx ends before its answer's turn gets ctx.Err() and
// nothing is written; once its turn has come, the answer is written and
// committed whatever happens to ctx, so an answer is never reported lost
// when it was stored.
func (db *DB) SetRSVP(ctx context.Context, a Author, in RSVPInput) (RSVPResult, error) {
	if in.At.IsZero() {
		in.At = db.now()
	}
	// The writer hands the result back through a pooled slot: captured
	// by the closure, a result variable of its own was moved to the heap
	// on every answer (~450 bytes). The slot is reused only once hot has
	// returned: fn runs only for a job the writer took, and hot returns
	// after that job's commit, or without the writer ever taking it.
	o := rsvpOuts.Get().(*rsvpOut)
	err := db.hot(ctx, func(t *wtx) error {
		o.res, o.err = db.setRSVP(t, a, in)
		return o.err
	})
	res, resErr := o.res, o.err
	*o = rsvpOut{}
	rsvpOuts.Put(o)
	if err != nil && resErr == nil {
		res = RSVPResult{} // written, then left out with the transaction
	}
	return res, err
}

// rsvpOut is where SetRSVP's write leaves its result.
type rsvpOut struct {
	res RSVPResult
	err error
}

var rsvpOuts = sync.Pool{New: func() any { return new(rsvpOut) }}

// setRSVP is one answer inside the writer's transaction. Lookups go
// through the writer's cache (writeCache), which only holds what the
// writer itself read or wrote and is emptied whenever that may have
// changed: per answer at steady state the statements are the current
// answer's read, its upsert and its history row.
func (db *DB) setRSVP(t *wtx, a Author, in RSVPInput) (out RSVPResult, err error) {
	ctx := bg
	c := t.cache()
	c.trim()
	g, ok := c.gatherings[in.GatheringID]
	if !ok {
		if g, err = db.gathering(ctx, t, in.GatheringID); err != nil {
			return out, err
		}
		c.gatherings[in.GatheringID] = g
	}
	out.Gathering = g
	late := false
	if err := g.OpenAt(in.At); err != nil {
		// The working group may still take an answer after the deadline
		// (a municipality that phoned in); it is marked late.
		var ce *ClosedError
		if !in.Admin || !errors.As(err, &ce) || ce.Reason != ClosedDeadline {
			return out, err
		}
		late = true
	}
	e, ok := c.entries[in.Municipality]
	if !ok {
		if e, err = db.ResolveMunicipality(in.Municipality); err != nil {
			return out, FormatError(err)
		}
	}
	m, ok := c.municipalities[e.Number]
	if !ok {
		if m, err = db.entryRow(ctx, t, a, e); err != nil {
			return out, FormatError(err)
		}
	}
	// A regional gathering is for its region's municipalities and the
	// guests an admin added; a national one for all.
	key := rsvpKey{g.ID, m.ID}
	if !g.National() {
		allowed, ok := c.allowed[key]
		if !ok {
			if err := t.QueryRowContext(ctx, qRSVPAllowed, g.RegionID, m.ID, g.ID, m.ID).Scan(&allowed); err != nil {
				return out, FormatError(err)
			}
		}
		if !allowed {
			return out, &OutOfRegionError{Gathering: g, Municipality: m}
		}
	}
	prev, ok := c.rsvps[key]
	if !ok {
		p, err := scanCurrentRSVP(t.QueryRowContext(ctx, qRSVPByKey, g.ID, m.ID))
		switch {
		case err == nil:
			p.GatheringID, p.Municipality = g.ID, m
			prev = &p
		case !errors.Is(err, sql.ErrNoRows):
			return out, FormatError(err)
		}
	}
	out.Previous = prev
	if in.Answer == AnswerNo {
		in.Headcount, in.Overnight = 0, nil
	} else {
		if in.Headcount == 0 {
			in.Headcount = 1
			if prev != nil && prev.Headcount > 0 {
				in.Headcount = prev.Headcount
			}
		}
		if in.Overnight == nil && prev != nil {
			in.Overnight = prev.Overnight
			in.OvernightPeople = prev.OvernightPeople
		}
	}
	if in.Overnight == nil || !*in.Overnight {
		in.OvernightPeople = 0
	}
	if in.OvernightPeople > in.Headcount {
		if prev == nil || in.Overnight != prev.Overnight || in.OvernightPeople != prev.OvernightPeople {
			return out, &OvernightError{Beds: in.OvernightPeople, Headcount: in.Headcount}
		}
		in.OvernightPeople = 0 // kept from before, and now all of fewer people
	}
	if in.OvernightPeople == in.Headcount {
		in.OvernightPeople = 0 // all of them
	}
	now := ts(db.now())
	var overnight, beds arg // NULL unless said
	if in.Overnight != nil {
		overnight = aBool(*in.Overnight)
	}
	if in.OvernightPeople > 0 {
		beds = aInt(int64(in.OvernightPeople))
	}
	next := RSVP{Answer: in.Answer, Headcount: in.Headcount, Overnight: in.Overnight, OvernightPeople: in.OvernightPeople}
	out.Unchanged = prev != nil && prev.same(next) && prev.Late == late
	updated := now
	if out.Unchanged {
		// An answer repeated word for word changes nothing but who last
		// confirmed it: "updated" stays when the answer last changed, so
		// the export's oppdatert and the digest's changed answers agree.
		updated = ts(prev.UpdatedAt)
	}
	gid, mid, head, platform := aInt(g.ID), aInt(m.ID), aInt(int64(in.Headcount)), aText(string(a.Platform))
	_, _, err = t.hotExec(qRSVPUpsert,
		gid, mid, aText(in.Answer), head, overnight, beds, aBool(late), aKey(a.Key), aText(a.Name), platform, aText(updated), aText(updated))
	if err != nil {
		return out, FormatError(err)
	}
	_, _, err = t.hotExec(qHistoryInsert, gid, mid, aText(in.Answer), head, overnight, beds, aBool(late), aKey(a.Key), platform, aText(now))
	if err != nil {
		return out, FormatError(err)
	}
	out.RSVP = RSVP{GatheringID: g.ID, Municipality: m, Answer: in.Answer, Headcount: in.Headcount, Overnight: in.Overnight,
		OvernightPeople: in.OvernightPeople, Late: late,
		AnsweredBy: a.Key, AnsweredName: a.Name, Platform: string(a.Platform), CreatedAt: parseTS(now), UpdatedAt: parseTS(now)}
	if prev != nil {
		out.RSVP.CreatedAt = prev.CreatedAt
	}
	if out.Unchanged {
		out.RSVP.UpdatedAt = prev.UpdatedAt
	}
	// Written: the writer empties the cache if this answer is rolled back
	// after all.
	c.municipalities[e.Number] = m
	c.entries[in.Municipality] = e
	if !g.National() {
		c.allowed[key] = true
	}
	cur := out.RSVP
	c.rsvps[key] = &cur
	return out, nil
}

const (
	// The municipality is known already; without the join SQLite can keep
	// the statement compiled (with it, every run recompiled it).
	qRSVPByKey = `SELECT answer, headcount, overnight, COALESCE(overnight_people, 0), late, COALESCE(answered_by, ''), answered_name, platform, created_at, updated_at
		FROM rsvps WHERE gathering_id = ? AND municipality_id = ?`
	qRSVPUpsert = `INSERT INTO rsvps (gathering_id, municipality_id, answer, headcount, overnight, overnight_people, late, answered_by, answered_name, platform, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (gathering_id, municipality_id) DO UPDATE SET answer = excluded.answer, headcount = excluded.headcount,
			overnight = excluded.overnight, overnight_people = excluded.overnight_people, late = excluded.late,
			answered_by = excluded.answered_by, answered_name = excluded.answered_name,
			platform = excluded.platform, updated_at = excluded.updated_at`
	qRSVPAllowed = `SELECT EXISTS (SELECT 1 FROM region_municipalities WHERE region_id = ? AND municipality_id = ?)
		OR EXISTS (SELECT 1 FROM gathering_guests WHERE gathering_id = ? AND municipality_id = ?)`
	qHistoryInsert = `INSERT INTO rsvp_history (gathering_id, municipality_id, answer, headcount, overnight, overnight_people, late, answered_by, platform, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

type rsvpKey struct{ g, m int64 }

// execer is what the write helpers need from a transaction (a *sql.Tx or
// the writer's wtx).
type execer interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

const rsvpCols = `r.gathering_id, m.id, m.name, COALESCE(m.number, ''), r.answer, r.headcount, r.overnight, COALESCE(r.overnight_people, 0), r.late,
	COALESCE(r.answered_by, ''), r.answered_name,
	r.platform, r.created_at, r.updated_at FROM rsvps r JOIN municipalities m ON m.id = r.municipality_id`

func scanRSVP(s scanner) (RSVP, error) {
	var r RSVP
	var overnight sql.NullInt64
	var created, updated string
	err := s.Scan(&r.GatheringID, &r.Municipality.ID, &r.Municipality.Name, &r.Municipality.Number, &r.Answer, &r.Headcount, &overnight, &r.OvernightPeople, &r.Late,
		&r.AnsweredBy, &r.AnsweredName, &r.Platform, &created, &updated)
	if overnight.Valid {
		b := overnight.Int64 == 1
		r.Overnight = &b
	}
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	return r, err
}

// scanCurrentRSVP reads a qRSVPByKey row (gathering and municipality are
// the caller's).
func scanCurrentRSVP(s scanner) (RSVP, error) {
	var r RSVP
	var overnight sql.NullInt64
	var created, updated string
	err := s.Scan(&r.Answer, &r.Headcount, &overnight, &r.OvernightPeople, &r.Late, &r.AnsweredBy, &r.AnsweredName, &r.Platform, &created, &updated)
	if overnight.Valid {
		b := overnight.Int64 == 1
		r.Overnight = &b
	}
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	return r, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// RSVPs lists the current answers to a gathering, sorted by municipality.
func (db *DB) RSVPs(ctx context.Context, gatheringID int64) ([]RSVP, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+rsvpCols+` WHERE r.gathering_id = ?`, gatheringID)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []RSVP
	for rows.Next() {
		r, err := scanRSVP(rows)
		if err != nil {
			return nil, FormatError(err)
		}
		out = append(out, r)
	}
	sortRSVPs(out)
	return out, FormatError(rows.Err())
}

func sortRSVPs(rs []RSVP) {
	nb := norsk.New()
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && nb.Less(rs[j].Municipality.Name, rs[j-1].Municipality.Name); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// AnswersFor returns a municipality's current answers keyed by gathering
// id (for the answer buttons of /rsvp).
func (db *DB) AnswersFor(ctx context.Context, municipalityID int64) (map[int64]RSVP, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+rsvpCols+` WHERE r.municipality_id = ?`, municipalityID)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	out := map[int64]RSVP{}
	for rows.Next() {
		r, err := scanRSVP(rows)
		if err != nil {
			return nil, FormatError(err)
		}
		out[r.GatheringID] = r
	}
	return out, FormatError(rows.Err())
}

// RSVPChange is one entry of the answer history.
type RSVPChange struct {
	ID           int64        `json:"id"`
	GatheringID  int64        `json:"gathering_id"`
	Municipality Municipality `json:"municipality"`
	Answer       string       `json:"answer"`
	Headcount    int          `json:"headcount"`
	Overnight    *bool        `json:"overnight,omitempty"`
	AnsweredBy   string       `json:"answered_by,omitempty"`
	Platform     string       `json:"platform"`
	At           time.Time    `json:"at"`
}

// RSVPHistory lists every answer given to a gathering, oldest first.
// municipalityID 0 means all municipalities.
func (db *DB) RSVPHistory(ctx context.Context, gatheringID, municipalityID int64) ([]RSVPChange, error) {
	q := `SELECT h.id, h.gathering_id, m.id, m.name, h.answer, h.headcount, h.overnight, COALESCE(h.answered_by, ''), h.platform, h.created_at
		FROM rsvp_history h JOIN municipalities m ON m.id = h.municipality_id WHERE h.gathering_id = ?`
	args := []any{gatheringID}
	if municipalityID != 0 {
		q += ` AND h.municipality_id = ?`
		args = append(args, municipalityID)
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY h.id`, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []RSVPChange
	for rows.Next() {
		var c RSVPChange
		var overnight sql.NullInt64
		var at string
		if err := rows.Scan(&c.ID, &c.GatheringID, &c.Municipality.ID, &c.Municipality.Name, &c.Answer, &c.Headcount, &overnight, &c.AnsweredBy, &c.Platform, &at); err != nil {
			return nil, FormatError(err)
		}
		if overnight.Valid {
			b := overnight.Int64 == 1
			c.Overnight = &b
		}
		c.At = parseTS(at)
		out = append(out, c)
	}
	return out, FormatError(rows.Err())
}

// Totals sums a gathering's answers.
type Totals struct {
	Yes, No, Maybe int // municipalities per answer
	People         int // headcount of "ja" answers
	MaybePeople    int // headcount of "kanskje" answers
	Overnight      int // people answering "ja" who need a bed
	MaybeOvernight int // people answering "kanskje" who would need one
}

// Attendance is the attendee list of a gathering: each municipality's
// answer, the totals, and the region's municipalities that have not answered.
type Attendance struct {
	Gathering Gathering
	RSVPs     []RSVP
	Totals    Totals
	// Missing are the municipalities expected to answer that have not:
	// the region's, or for a national gathering every municipality that
	// is in a region.
	Missing []Municipality
}

// Attendance returns the attendee list of a gathering, read in one
// snapshot.
func (db *DB) Attendance(ctx context.Context, gatheringID int64) (Attendance, error) {
	var at Attendance
	err := db.view(ctx, func(tx *sql.Tx) error {
		g, err := db.gathering(ctx, tx, gatheringID)
		if err != nil {
			at = Attendance{Gathering: g}
			return err
		}
		at, err = attendance(ctx, tx, g)
		return err
	})
	return at, err
}

// attendance is the one place a gathering's answers are summed up: the
// attendee list, the gathering list and the digest all use it, so their
// figures cannot disagree.
func attendance(ctx context.Context, q querier, g Gathering) (Attendance, error) {
	at := Attendance{Gathering: g}
	rows, err := q.QueryContext(ctx, `SELECT `+rsvpCols+` WHERE r.gathering_id = ?`, g.ID)
	if err != nil {
		return at, FormatError(err)
	}
	for rows.Next() {
		r, err := scanRSVP(rows)
		if err != nil {
			rows.Close()
			return at, FormatError(err)
		}
		at.RSVPs = append(at.RSVPs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return at, FormatError(err)
	}
	sortRSVPs(at.RSVPs)
	at.Totals = TotalsOf(at.RSVPs)
	// Expected to answer: the region's municipalities; for a national
	// gathering every municipality that is in a region (the programme's
	// participants).
	rows, err = q.QueryContext(ctx, `SELECT m.id, m.name, COALESCE(m.number, '') FROM region_municipalities rm JOIN municipalities m ON m.id = rm.municipality_id
		WHERE (? = 0 OR rm.region_id = ?)
		AND NOT EXISTS (SELECT 1 FROM rsvps x WHERE x.gathering_id = ? AND x.municipality_id = m.id)`, g.RegionID, g.RegionID, g.ID)
	if err != nil {
		return at, FormatError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var m Municipality
		if err := rows.Scan(&m.ID, &m.Name, &m.Number); err != nil {
			return at, FormatError(err)
		}
		at.Missing = append(at.Missing, m)
	}
	SortMunicipalities(at.Missing)
	return at, FormatError(rows.Err())
}

// TotalsOf sums answers.
func TotalsOf(rs []RSVP) Totals {
	var t Totals
	for _, r := range rs {
		switch r.Answer {
		case AnswerYes:
			t.Yes++
			t.People += r.Headcount
			t.Overnight += r.Beds()
		case AnswerMaybe:
			t.Maybe++
			t.MaybePeople += r.Headcount
			// Beds for "ja" and "kanskje" are counted apart: one sum
			// would book rooms for people who may not come.
			t.MaybeOvernight += r.Beds()
		case AnswerNo:
			t.No++
		}
	}
	return t
}

// OutOfRegionError says a municipality may not answer a regional
// gathering: it is neither in the gathering's region nor a guest.
type OutOfRegionError struct {
	Gathering    Gathering
	Municipality Municipality
}

func (e *OutOfRegionError) Error() string {
	return e.Municipality.Name + " is not in region " + e.Gathering.RegionName
}
