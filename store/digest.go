package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

// Digest kinds: a scheduled digest is posted once per scheduled time and
// channel; a manual one (`kulturbot digest --send`) whenever asked.
const (
	DigestScheduled = "scheduled"
	DigestManual    = "manual"
)

// Delivery states of a digest or reminder.
const (
	StatusPending = "pending"
	StatusSent    = "sent"
	StatusFailed  = "failed"
)

// DigestRecord is what the database knows about one digest post.
type DigestRecord struct {
	Kind        string
	PeriodStart time.Time
	PeriodEnd   time.Time // the scheduled time; identifies the digest
	Channel     string    // "slack:C123"
	Status      string
	Attempts    int
	LastError   string
	SentAt      time.Time
}

// Digest returns the record of the digest of kind for period end and
// channel; ok is false when there is none.
func (db *DB) Digest(ctx context.Context, kind string, end time.Time, channel string) (rec DigestRecord, ok bool, err error) {
	var start, endS string
	var sent sql.NullString
	err = db.w.QueryRowContext(ctx, `SELECT kind, period_start, period_end, channel, status, attempts, last_error, sent_at
		FROM digests WHERE kind = ? AND period_end = ? AND channel = ?`, kind, ts(end), channel).
		Scan(&rec.Kind, &start, &endS, &rec.Channel, &rec.Status, &rec.Attempts, &rec.LastError, &sent)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, FormatError(err)
	}
	rec.PeriodStart, rec.PeriodEnd, rec.SentAt = parseTS(start), parseTS(endS), nullTS(sent)
	return rec, true, nil
}

// Claim is the outcome of recording an attempt to post.
type Claim string

// Claims.
const (
	ClaimPost Claim = "post" // recorded as pending for the caller: post it now
	ClaimSent Claim = "sent" // the platform already accepted it: do not post
	ClaimBusy Claim = "busy" // another process is posting it right now
)

// Lease is how long a pending post belongs to the process that recorded
// it. Each attempt renews it; it must outlast one post plus one wait.
const Lease = 10 * time.Minute

// BeginDigest records an attempt to post a digest, before it is posted:
// the row is created (or moved back) to pending for owner and its attempts
// counted. It answers ClaimSent, changing nothing, when the platform
// already accepted this digest, and ClaimBusy when another owner recorded
// it as pending less than Lease ago.
//
// The write and the check run in one immediate transaction on the writer,
// so two processes over one file cannot both claim the same digest.
func (db *DB) BeginDigest(ctx context.Context, kind string, start, end time.Time, channel, owner string) (Claim, error) {
	now := db.now()
	return db.claim(ctx, `INSERT INTO digests
		(kind, period_start, period_end, channel, status, attempts, owner, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'pending', 1, ?, ?, ?)
		ON CONFLICT (kind, period_end, channel) DO UPDATE
		SET status = 'pending', attempts = attempts + 1, updated_at = excluded.updated_at,
		    period_start = excluded.period_start, owner = excluded.owner
		WHERE status <> 'sent' AND (status <> 'pending' OR owner = excluded.owner OR updated_at < ?)`,
		[]any{kind, ts(start), ts(end), channel, owner, ts(now), ts(now), ts(now.Add(-Lease))},
		`SELECT status FROM digests WHERE kind = ? AND period_end = ? AND channel = ?`, []any{kind, ts(end), channel})
}

// claim runs an upsert that touches the row only when the caller may post,
// and tells why not otherwise.
func (db *DB) claim(ctx context.Context, upsert string, args []any, status string, keys []any) (Claim, error) {
	var c Claim
	err := db.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, upsert, args...)
		if err != nil {
			return FormatError(err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return FormatError(err)
		}
		c = ClaimPost
		if n == 0 {
			var st string
			if err := tx.QueryRowContext(ctx, status, keys...).Scan(&st); err != nil {
				return FormatError(err)
			}
			c = ClaimBusy
			if st == StatusSent {
				c = ClaimSent
			}
		}
		return nil
	})
	return c, err
}

// MarkDigestSent records that the platform accepted the digest.
func (db *DB) MarkDigestSent(ctx context.Context, kind string, end time.Time, channel string) error {
	now := ts(db.now())
	_, err := db.w.ExecContext(ctx, `UPDATE digests SET status = 'sent', sent_at = ?, updated_at = ?, last_error = ''
		WHERE kind = ? AND period_end = ? AND channel = ?`, now, now, kind, ts(end), channel)
	return FormatError(err)
}

// MarkDigestFailed records a failed post; a later tick or start retries it.
func (db *DB) MarkDigestFailed(ctx context.Context, kind string, end time.Time, channel, reason string) error {
	_, err := db.w.ExecContext(ctx, `UPDATE digests SET status = 'failed', last_error = ?, updated_at = ?
		WHERE kind = ? AND period_end = ? AND channel = ? AND status <> 'sent'`,
		digestTruncate(reason, 500), ts(db.now()), kind, ts(end), channel)
	return FormatError(err)
}

// LastDigestSent returns the end of the newest scheduled digest the
// platform accepted for channel ("" for any channel); ok is false when none
// was ever sent.
func (db *DB) LastDigestSent(ctx context.Context, channel string) (end time.Time, ok bool, err error) {
	var s sql.NullString
	err = db.r.QueryRowContext(ctx, `SELECT MAX(period_end) FROM digests
		WHERE kind = 'scheduled' AND status = 'sent' AND (? = '' OR channel = ?)`, channel, channel).Scan(&s)
	if err != nil {
		return time.Time{}, false, FormatError(err)
	}
	if !s.Valid {
		return time.Time{}, false, nil
	}
	return parseTS(s.String), true, nil
}

// LastDigestSentAt is when a platform last accepted a digest (scheduled or
// manual, any channel); zero when none was ever sent. For the
// kulturbot_digest_last_sent_timestamp_seconds metric after a restart.
func (db *DB) LastDigestSentAt(ctx context.Context) (time.Time, error) {
	var s sql.NullString
	if err := db.r.QueryRowContext(ctx, `SELECT MAX(sent_at) FROM digests WHERE status = 'sent'`).Scan(&s); err != nil {
		return time.Time{}, FormatError(err)
	}
	return nullTS(s), nil
}

// Digests lists the recorded digests, newest first (for tests and support).
func (db *DB) Digests(ctx context.Context) ([]DigestRecord, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT kind, period_start, period_end, channel, status, attempts, last_error, sent_at
		FROM digests ORDER BY period_end DESC, channel`)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []DigestRecord
	for rows.Next() {
		var rec DigestRecord
		var start, end string
		var sent sql.NullString
		if err := rows.Scan(&rec.Kind, &start, &end, &rec.Channel, &rec.Status, &rec.Attempts, &rec.LastError, &sent); err != nil {
			return nil, FormatError(err)
		}
		rec.PeriodStart, rec.PeriodEnd, rec.SentAt = parseTS(start), parseTS(end), nullTS(sent)
		out = append(out, rec)
	}
	return out, FormatError(rows.Err())
}

// Reminder kinds: days before a gathering's RSVP deadline.
const (
	Reminder7d = "7d"
	Reminder1d = "1d"
)

// BeginReminder records an attempt to post a reminder, like BeginDigest.
func (db *DB) BeginReminder(ctx context.Context, gatheringID int64, kind, channel, owner string) (Claim, error) {
	now := db.now()
	return db.claim(ctx, `INSERT INTO reminders
		(gathering_id, kind, channel, status, attempts, owner, created_at, updated_at)
		VALUES (?, ?, ?, 'pending', 1, ?, ?, ?)
		ON CONFLICT (gathering_id, kind, channel) DO UPDATE
		SET status = 'pending', attempts = attempts + 1, updated_at = excluded.updated_at, owner = excluded.owner
		WHERE status <> 'sent' AND (status <> 'pending' OR owner = excluded.owner OR updated_at < ?)`,
		[]any{gatheringID, kind, channel, owner, ts(now), ts(now), ts(now.Add(-Lease))},
		`SELECT status FROM reminders WHERE gathering_id = ? AND kind = ? AND channel = ?`, []any{gatheringID, kind, channel})
}

// ReminderSent reports whether a reminder was already posted.
func (db *DB) ReminderSent(ctx context.Context, gatheringID int64, kind, channel string) (bool, error) {
	var n int
	err := db.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM reminders
		WHERE gathering_id = ? AND kind = ? AND channel = ? AND status = 'sent'`, gatheringID, kind, channel).Scan(&n)
	return n > 0, FormatError(err)
}

// MarkReminderSent records that the platform accepted the reminder.
func (db *DB) MarkReminderSent(ctx context.Context, gatheringID int64, kind, channel string) error {
	now := ts(db.now())
	_, err := db.w.ExecContext(ctx, `UPDATE reminders SET status = 'sent', sent_at = ?, updated_at = ?, last_error = ''
		WHERE gathering_id = ? AND kind = ? AND channel = ?`, now, now, gatheringID, kind, channel)
	return FormatError(err)
}

// MarkReminderFailed records a failed reminder; a later tick retries it.
func (db *DB) MarkReminderFailed(ctx context.Context, gatheringID int64, kind, channel, reason string) error {
	_, err := db.w.ExecContext(ctx, `UPDATE reminders SET status = 'failed', last_error = ?, updated_at = ?
		WHERE gathering_id = ? AND kind = ? AND channel = ? AND status <> 'sent'`,
		digestTruncate(reason, 500), ts(db.now()), gatheringID, kind, channel)
	return FormatError(err)
}

// DigestData is the content of a digest for the window [Since, Until).
type DigestData struct {
	Since, Until time.Time

	NewInterests       []DigestInterest
	ChangedInterests   []DigestInterest
	WithdrawnInterests []DigestInterest

	// RSVPAnswers counts the municipalities whose current answer to a
	// gathering differs from what it was when the window began (a new
	// answer, a changed one, one removed); an answer repeated word for
	// word, or changed and changed back, is not counted.
	RSVPAnswers int
	// Gatherings are the upcoming, not cancelled gatherings, soonest first.
	Gatherings []DigestGathering

	// Mentoring is the sessions that took place in the window (by the
	// session's date, Oslo days [Since, Until)), per municipality.
	Mentoring         []MentoringTotal
	MentoringSessions int
	MentoringMinutes  int
	// MentoringLate counts sessions logged in the window that took place
	// before it (they were reported in no earlier digest).
	MentoringLate        int
	MentoringLateMinutes int
	// NoMentoring are municipalities in a region with no mentoring logged yet.
	NoMentoring []string

	OpenQuestions []OpenQuestion // all still unanswered, oldest first
	Downvotes     []Downvote     // answers that got 👎 in the window

	// Deadlines are the RSVP deadlines set for gatherings, due within 30
	// days (the handlers add the interest deadline, which is
	// configuration). A gathering without a deadline is not among them.
	Deadlines []DigestGathering
}

// DigestInterest is an interest registration as the digest shows it.
type DigestInterest struct {
	ID             int64
	County         string
	Municipalities []string
	Contact        string
	Late           bool
	At             time.Time // created, updated or withdrawn, by list
}

// DigestGathering is an upcoming gathering and its answers so far.
type DigestGathering struct {
	ID       int64
	Name     string
	Place    string
	Date     time.Time // Oslo midnight
	Deadline time.Time // RSVP deadline (inclusive), Oslo midnight; zero: none was set
	Region   string    // "" for a national gathering

	// The figures are store.Attendance's (the same function), so the
	// digest says what /samling deltakere and the export say.
	Ja, Nei, Kanskje int
	Headcount        int // people coming (answers "ja")
	MaybeHeadcount   int // people who may come ("kanskje")
	Overnight        int // people coming who need a bed
	MaybeOvernight   int // people who may come and would need a bed
	NewAnswers       int // municipalities whose answer changed in the window (see RSVPAnswers)
	// Missing are the municipalities expected to answer that have not:
	// the region's municipalities, or for a national gathering every
	// municipality that belongs to a region.
	Missing []string
	// MissingIDs are the ids of Missing, in the same order (for reminders
	// to the people of those municipalities).
	MissingIDs []int64
}

// MentoringTotal is the mentoring logged for one municipality.
type MentoringTotal struct {
	Municipality string
	Sessions     int
	Minutes      int
}

// OpenQuestion is a question nobody has answered yet.
type OpenQuestion struct {
	ID        int64
	Question  string
	AskedName string
	Platform  string
	At        time.Time
	Asks      int // times asked while open (the same words, by anyone)
}

// Downvote is an answer that got 👎.
type Downvote struct {
	AnswerID int64
	Question string
	Answer   string
	EntryID  string
	Votes    int
	At       time.Time // latest 👎
}

// DigestData gathers everything the digest for [since, until) shows, from
// one consistent snapshot of the database.
func (db *DB) DigestData(ctx context.Context, since, until time.Time) (*DigestData, error) {
	var d *DigestData
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		d = &DigestData{Since: since, Until: until}
		s, u := ts(since), ts(until)
		today := day(until)

		if d.NewInterests, err = digestInterests(ctx, tx, `i.created_at >= ? AND i.created_at < ?
			AND (i.withdrawn_at IS NULL OR i.withdrawn_at >= ?)`, `i.created_at`, s, u, u); err != nil {
			return err
		}
		if d.ChangedInterests, err = digestInterests(ctx, tx, `i.created_at < ? AND i.updated_at >= ? AND i.updated_at < ?
			AND (i.withdrawn_at IS NULL OR i.withdrawn_at >= ?)`, `i.updated_at`, s, s, u, u); err != nil {
			return err
		}
		if d.WithdrawnInterests, err = digestInterests(ctx, tx, `i.withdrawn_at >= ? AND i.withdrawn_at < ?`, `i.withdrawn_at`, s, u); err != nil {
			return err
		}

		changed, err := changedAnswers(ctx, tx, s, u)
		if err != nil {
			return err
		}
		for _, n := range changed {
			d.RSVPAnswers += n
		}
		if d.Gatherings, err = digestGatherings(ctx, tx, `g.date >= ?`, []any{today}, changed); err != nil {
			return err
		}
		horizon := day(parseDay(today).AddDate(0, 0, 30))
		if d.Deadlines, err = digestGatherings(ctx, tx, `g.deadline IS NOT NULL AND g.deadline >= ? AND g.deadline <= ? AND g.date >= ?`,
			[]any{today, horizon, today}, changed); err != nil {
			return err
		}
		sort.SliceStable(d.Deadlines, func(i, j int) bool { return d.Deadlines[i].Deadline.Before(d.Deadlines[j].Deadline) })

		// Mentoring by the day it took place: the window's Oslo days.
		fromDay, toDay := MentoringDays(since, until)
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(minutes), 0) FROM mentoring
			WHERE created_at >= ? AND created_at < ? AND date < ?`, s, u, day(fromDay)).Scan(&d.MentoringLate, &d.MentoringLateMinutes); err != nil {
			return FormatError(err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT m.name, COUNT(*), SUM(x.minutes) FROM mentoring x
			JOIN municipalities m ON m.id = x.municipality_id
			WHERE x.date >= ? AND x.date <= ? AND x.created_at < ? GROUP BY m.id`, day(fromDay), day(toDay), u)
		if err != nil {
			return FormatError(err)
		}
		for rows.Next() {
			var t MentoringTotal
			if err := rows.Scan(&t.Municipality, &t.Sessions, &t.Minutes); err != nil {
				rows.Close()
				return FormatError(err)
			}
			d.Mentoring = append(d.Mentoring, t)
			d.MentoringSessions += t.Sessions
			d.MentoringMinutes += t.Minutes
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return FormatError(err)
		}
		nb := norsk.New()
		sort.SliceStable(d.Mentoring, func(i, j int) bool { return nb.Less(d.Mentoring[i].Municipality, d.Mentoring[j].Municipality) })
		if d.NoMentoring, err = digestNames(ctx, tx, `SELECT m.name FROM municipalities m
			JOIN region_municipalities rm ON rm.municipality_id = m.id
			WHERE NOT EXISTS (SELECT 1 FROM mentoring x WHERE x.municipality_id = m.id AND x.created_at < ?)`, u); err != nil {
			return err
		}

		rows, err = tx.QueryContext(ctx, `SELECT id, question, asked_name, platform, created_at, asks FROM questions
			WHERE answered_at IS NULL AND created_at < ? ORDER BY created_at, id`, u)
		if err != nil {
			return FormatError(err)
		}
		for rows.Next() {
			var q OpenQuestion
			var at string
			if err := rows.Scan(&q.ID, &q.Question, &q.AskedName, &q.Platform, &at, &q.Asks); err != nil {
				rows.Close()
				return FormatError(err)
			}
			q.At = parseTS(at)
			d.OpenQuestions = append(d.OpenQuestions, q)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return FormatError(err)
		}

		// Votes whose answer was deleted keep their question and entry, so
		// they are grouped by those when the answer row is gone.
		rows, err = tx.QueryContext(ctx, `SELECT COALESCE(f.answer_id, 0),
				COALESCE(a.question, f.question), COALESCE(t.text, ''), COALESCE(NULLIF(a.entry_id, ''), f.entry_id),
				COUNT(*), MAX(f.created_at)
			FROM feedback f LEFT JOIN answers a ON a.id = f.answer_id LEFT JOIN answer_texts t ON t.id = a.text_id
			WHERE f.vote = -1 AND f.created_at >= ? AND f.created_at < ?
			GROUP BY COALESCE(f.answer_id, 0), COALESCE(a.question, f.question)
			ORDER BY MAX(f.created_at), 1`, s, u)
		if err != nil {
			return FormatError(err)
		}
		for rows.Next() {
			var v Downvote
			var at string
			if err := rows.Scan(&v.AnswerID, &v.Question, &v.Answer, &v.EntryID, &v.Votes, &at); err != nil {
				rows.Close()
				return FormatError(err)
			}
			v.At = parseTS(at)
			d.Downvotes = append(d.Downvotes, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return FormatError(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// ReminderGatherings returns the gatherings, not cancelled, whose RSVP
// deadline is today or later (Oslo date of now), with their answers so far
// and the municipalities that have not answered.
func (db *DB) ReminderGatherings(ctx context.Context, now time.Time) ([]DigestGathering, error) {
	var out []DigestGathering
	err := db.view(ctx, func(tx *sql.Tx) error {
		today := day(now)
		// Only a deadline that was set: without one there is nothing to remind of.
		var err error
		out, err = digestGatherings(ctx, tx, `g.deadline IS NOT NULL AND g.deadline >= ? AND g.date >= ?`, []any{today, today}, nil)
		return err
	})
	return out, err
}

// MentoringDays are the first and last session dates (Oslo) a digest for
// [since, until) reports: the days whose start lies in the window. Every
// day belongs to exactly one window, so no session is counted twice; one
// logged after its window was sent is reported as logged late. to is
// before from when the window holds no day start.
func MentoringDays(since, until time.Time) (from, to time.Time) {
	from = bot.DayIn(since)
	if from.Before(since) {
		from = from.AddDate(0, 0, 1)
	}
	to = bot.DayIn(until)
	if !to.Before(until) {
		to = to.AddDate(0, 0, -1)
	}
	return from, to
}

// answerState is a municipality's answer to a gathering as the history
// has it at some moment; the zero value is "no answer".
type answerState struct {
	answer    string
	headcount int
	beds      int
	overnight int // -1 not said, 0 no, 1 yes
}

// changedAnswers counts, per gathering, the municipalities whose answer at
// u differs from their answer at s, from the answer history.
func changedAnswers(ctx context.Context, tx *sql.Tx, s, u string) (map[int64]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT gathering_id, municipality_id, answer, headcount, COALESCE(overnight, -1), COALESCE(overnight_people, 0), created_at
		FROM rsvp_history WHERE created_at < ? AND (gathering_id, municipality_id) IN
			(SELECT gathering_id, municipality_id FROM rsvp_history WHERE created_at >= ? AND created_at < ?)
		ORDER BY id`, u, s, u)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	type key struct{ g, m int64 }
	before, after := map[key]answerState{}, map[key]answerState{}
	for rows.Next() {
		var k key
		var st answerState
		var beds int
		var at string
		if err := rows.Scan(&k.g, &k.m, &st.answer, &st.headcount, &st.overnight, &beds, &at); err != nil {
			return nil, FormatError(err)
		}
		r := RSVP{Answer: st.answer, Headcount: st.headcount, OvernightPeople: beds}
		if st.overnight >= 0 {
			b := st.overnight == 1
			r.Overnight = &b
		}
		st.beds = r.Beds()
		if st.answer == AnswerDeleted {
			st = answerState{}
		}
		if at < s {
			before[k] = st
		}
		after[k] = st
	}
	if err := rows.Err(); err != nil {
		return nil, FormatError(err)
	}
	out := map[int64]int{}
	for k, st := range after {
		if before[k] != st {
			out[k.g]++
		}
	}
	return out, nil
}

func digestInterests(ctx context.Context, tx *sql.Tx, where, atCol string, args ...any) ([]DigestInterest, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.county, i.contact, i.late, `+atCol+`,
			COALESCE((SELECT group_concat(name, '|') FROM (SELECT m.name FROM interest_municipalities im
				JOIN municipalities m ON m.id = im.municipality_id
				WHERE im.interest_id = i.id ORDER BY im.position)), '')
		FROM interests i WHERE `+where+` ORDER BY `+atCol+`, i.id`, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []DigestInterest
	for rows.Next() {
		var it DigestInterest
		var at, ms string
		if err := rows.Scan(&it.ID, &it.County, &it.Contact, &it.Late, &at, &ms); err != nil {
			return nil, FormatError(err)
		}
		it.At = parseTS(at)
		if ms != "" {
			it.Municipalities = strings.Split(ms, "|")
		}
		out = append(out, it)
	}
	return out, FormatError(rows.Err())
}

// digestGatherings loads the not cancelled gatherings matching where, with
// their answers summed up by attendance (as /samling deltakere) and the
// municipalities whose answer changed in the window (changed).
func digestGatherings(ctx context.Context, tx *sql.Tx, where string, args []any, changed map[int64]int) ([]DigestGathering, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+gatheringCols+` WHERE g.cancelled_at IS NULL AND `+where+` ORDER BY g.date, g.id`, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	var gs []Gathering
	for rows.Next() {
		g, err := scanGathering(rows)
		if err != nil {
			rows.Close()
			return nil, FormatError(err)
		}
		gs = append(gs, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, FormatError(err)
	}
	var out []DigestGathering
	for _, g := range gs {
		at, err := attendance(ctx, tx, g)
		if err != nil {
			return nil, err
		}
		t := at.Totals
		dg := DigestGathering{ID: g.ID, Name: g.Name, Place: g.Place, Date: g.Date, Deadline: g.Deadline, Region: g.RegionName,
			Ja: t.Yes, Nei: t.No, Kanskje: t.Maybe, Headcount: t.People, MaybeHeadcount: t.MaybePeople,
			Overnight: t.Overnight, MaybeOvernight: t.MaybeOvernight, NewAnswers: changed[g.ID]}
		missing := append([]Municipality(nil), at.Missing...)
		nb := norsk.New()
		sort.SliceStable(missing, func(i, j int) bool { return nb.Less(missing[i].Name, missing[j].Name) })
		for _, m := range missing {
			dg.Missing = append(dg.Missing, m.Name)
			dg.MissingIDs = append(dg.MissingIDs, m.ID)
		}
		out = append(out, dg)
	}
	return out, nil
}

// digestNames runs a query of one text column and returns it sorted the
// Norwegian way.
func digestNames(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, FormatError(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, FormatError(err)
		}
		out = append(out, s)
	}
	nb := norsk.New()
	sort.SliceStable(out, func(i, j int) bool { return nb.Less(out[i], out[j]) })
	return out, FormatError(rows.Err())
}

func digestTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !digestUTF8Start(s[n]) {
		n--
	}
	return s[:n]
}

func digestUTF8Start(b byte) bool { return b&0xC0 != 0x80 }
