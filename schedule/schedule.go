// Package schedule runs kulturbot's long-lived jobs: the weekly digest and
// the RSVP reminders, posted to the digest channels exactly once each. The
// words come from the builders in handlers (Digest, BuildReminder); this
// package only decides when and where they are posted.
package schedule

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
	"github.com/robfig/cron/v3"
)

// Channel is a place the digest and reminders are posted: "slack:C123".
type Channel struct {
	Platform bot.Platform
	ID       string
}

// String is the channel as configured and recorded: "slack:C123".
func (c Channel) String() string { return string(c.Platform) + ":" + c.ID }

// ParseChannels reads KULTURBOT_DIGEST_CHANNEL: one or more platform:id
// pairs separated by commas ("slack:C123, discord:456").
func ParseChannels(s string) ([]Channel, error) {
	var out []Channel
	seen := map[Channel]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		p, id, ok := strings.Cut(part, ":")
		p, id = strings.ToLower(strings.TrimSpace(p)), strings.TrimSpace(id)
		if !ok || id == "" {
			return nil, fmt.Errorf("KULTURBOT_DIGEST_CHANNEL: %q must be platform:channel, like slack:C0123456789 or discord:123456789012345678", part)
		}
		c := Channel{Platform: bot.Platform(p), ID: id}
		switch c.Platform {
		case bot.Slack, bot.Discord:
		default:
			return nil, fmt.Errorf("KULTURBOT_DIGEST_CHANNEL: unknown platform %q in %q (use slack or discord)", p, part)
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("KULTURBOT_DIGEST_CHANNEL: no channel given (example: slack:C0123456789)")
	}
	return out, nil
}

// Scheduler posts the weekly digest and the RSVP reminders to the digest
// channels, each exactly once.
//
// Every tick (at each scheduled time, every hour, and at start) it finds
// the most recent scheduled time and posts that period's digest to every
// channel that has no sent record for it. A bot that was down at the
// scheduled time therefore sends the missed digest once when it starts -
// only the latest one, covering everything since the last digest that
// channel got - and a restart finds the sent record and posts nothing.
// The record is written as pending before posting and marked sent only
// after the platform accepted the message; if the process dies between the
// two, the next start posts again (at least once, never silently lost).
type Scheduler struct {
	H        *handlers.Handlers
	Posters  bot.Posters
	Channels []Channel
	Schedule cron.Schedule
	Log      *slog.Logger
	// Metrics gets the time of every digest a platform accepted.
	Metrics bot.Metrics

	// Now is the clock (tests move it by hand).
	Now func() time.Time
	// Sleep waits d or until ctx ends; used between ticks and for backoff.
	Sleep func(ctx context.Context, d time.Duration) error

	// Attempts per tick before a post is recorded as failed (default 4).
	Attempts int
	// Backoff is the first wait after a failed post, doubled each time
	// (default 2 s).
	Backoff time.Duration
	// MaxWait bounds any single wait, including a platform's Retry-After
	// (default 5 minutes): past that, the next tick retries.
	MaxWait time.Duration
	// PostTimeout bounds one post, which shutdown lets finish (default 30 s).
	PostTimeout time.Duration
	// ReminderHour is the Oslo hour from which a reminder is due on its day
	// (default 8).
	ReminderHour int

	// Owner names this process in pending records, so a second process
	// on the same database leaves a post in progress alone (store.Lease).
	// New sets a unique one.
	Owner string

	mu sync.Mutex // one tick at a time
}

// newOwner is unique enough per process: host, pid and random bits.
func newOwner() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%x", host, os.Getpid(), b)
}

// New builds a scheduler from the configured channels and cron spec (""
// for the default, Monday 08:00), with every default set here: four
// attempts per tick, 2 s first backoff, waits of at most 5 minutes, 30 s
// per post, reminders from 08:00, the wall clock and a unique owner.
func New(h *handlers.Handlers, posters bot.Posters, channels, spec string) (*Scheduler, error) {
	chs, err := ParseChannels(channels)
	if err != nil {
		return nil, err
	}
	sched, err := handlers.ParseSchedule(spec)
	if err != nil {
		return nil, err
	}
	log := h.Log
	if log == nil {
		log = slog.Default()
	}
	return &Scheduler{
		H: h, Posters: posters, Channels: chs, Schedule: sched, Log: log.With("part", "digest"),
		Now: time.Now, Sleep: sleep, Metrics: bot.OrNop(h.Metrics),
		Attempts: 4, Backoff: 2 * time.Second, MaxWait: 5 * time.Minute, PostTimeout: 30 * time.Second,
		ReminderHour: 8, Owner: newOwner(),
	}, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Run ticks at start, at every scheduled time and every full hour (for
// reminders and retries) until ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	s.Log.Info("digest scheduler started", "channels", len(s.Channels), "next", s.Schedule.Next(s.Now()).In(bot.Oslo).Format(time.RFC3339))
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("digest tick incomplete; retrying at the next tick", "err", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		now := s.Now()
		wake := now.Truncate(time.Hour).Add(time.Hour)
		if next := s.Schedule.Next(now); !next.IsZero() && next.Before(wake) {
			wake = next
		}
		if err := s.Sleep(ctx, wake.Sub(now)); err != nil {
			return err
		}
	}
}

// Tick posts the digest of the most recent scheduled time to every channel
// that has not got it, and every reminder that is due.
func (s *Scheduler) Tick(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	return errors.Join(s.digestTick(ctx, now), s.reminderTick(ctx, now))
}

// Period returns the scheduled period that ends at the most recent
// scheduled time at or before now: [previous time, that time).
func (s *Scheduler) Period(now time.Time) (start, end time.Time) {
	end = handlers.Latest(s.Schedule, now)
	if end.IsZero() {
		return time.Time{}, time.Time{}
	}
	start = handlers.Latest(s.Schedule, end.Add(-time.Second))
	if start.IsZero() {
		start = end.AddDate(0, 0, -7)
	}
	return start, end
}

func (s *Scheduler) digestTick(ctx context.Context, now time.Time) error {
	start, end := s.Period(now)
	if end.IsZero() {
		return nil
	}
	db := s.H.DB
	built := map[time.Time]bot.Reply{}
	var errs []error
	for _, ch := range s.Channels {
		rec, ok, err := db.Digest(ctx, store.DigestScheduled, end, ch.String())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok && rec.Status == store.StatusSent {
			continue
		}
		// "Since the previous digest": a channel that missed earlier
		// digests (the bot was down for weeks) gets one digest covering
		// the whole gap rather than a backlog of them.
		since := start
		if last, ok, err := db.LastDigestSent(ctx, ch.String()); err == nil && ok && last.Before(start) && start.Sub(last) < 35*24*time.Hour {
			since = last
		}
		rep, ok := built[since]
		if !ok {
			if rep, err = s.H.Digest(ctx, since, end, bot.NB); err != nil {
				errs = append(errs, err)
				continue
			}
			built[since] = rep
		}
		key := ch.String()
		posted, err := s.post(ctx, ch, rep,
			func(ctx context.Context) (store.Claim, error) {
				return db.BeginDigest(ctx, store.DigestScheduled, since, end, key, s.Owner)
			},
			func(ctx context.Context) error { return db.MarkDigestSent(ctx, store.DigestScheduled, end, key) },
			func(ctx context.Context, reason string) error {
				return db.MarkDigestFailed(ctx, store.DigestScheduled, end, key, reason)
			})
		if err != nil {
			errs = append(errs, fmt.Errorf("digest %s to %s: %w", end.In(bot.Oslo).Format("2006-01-02 15:04"), key, err))
			continue
		}
		if !posted {
			continue
		}
		s.Log.Info("digest sent", "channel", key, "period_start", since, "period_end", end)
		s.Metrics.DigestSent(s.Now())
	}
	return errors.Join(errs...)
}

// dueReminder says which reminder is due now for an RSVP deadline (Oslo
// midnight of its last day): "7d" from ReminderHour seven days before until
// the 1-day reminder takes over, "1d" from ReminderHour the day before
// until the deadline day starts; "" otherwise. A 7-day reminder that could
// not be posted in its window is dropped, not posted late beside the 1-day.
func (s *Scheduler) dueReminder(deadline, now time.Time) string {
	d := deadline.In(bot.Oslo)
	at := func(days int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day()-days, s.ReminderHour, 0, 0, 0, bot.Oslo)
	}
	switch {
	case !now.Before(at(1)) && now.Before(d):
		return store.Reminder1d
	case !now.Before(at(7)) && now.Before(at(1)):
		return store.Reminder7d
	}
	return ""
}

func (s *Scheduler) reminderTick(ctx context.Context, now time.Time) error {
	db := s.H.DB
	gs, err := db.ReminderGatherings(ctx, now)
	if err != nil {
		return err
	}
	var errs []error
	for _, g := range gs {
		kind := s.dueReminder(g.Deadline, now)
		if kind == "" || len(g.Missing) == 0 {
			continue
		}
		rep := handlers.BuildReminder(g, kind, bot.NB)
		for _, ch := range s.Channels {
			key := ch.String()
			if sent, err := db.ReminderSent(ctx, g.ID, kind, key); err != nil || sent {
				if err != nil {
					errs = append(errs, err)
				}
				continue
			}
			posted, err := s.post(ctx, ch, rep,
				func(ctx context.Context) (store.Claim, error) {
					return db.BeginReminder(ctx, g.ID, kind, key, s.Owner)
				},
				func(ctx context.Context) error { return db.MarkReminderSent(ctx, g.ID, kind, key) },
				func(ctx context.Context, reason string) error {
					return db.MarkReminderFailed(ctx, g.ID, kind, key, reason)
				})
			if err != nil {
				errs = append(errs, fmt.Errorf("reminder %s for gathering %d to %s: %w", kind, g.ID, key, err))
				continue
			}
			if !posted {
				continue
			}
			s.Log.Info("reminder sent", "channel", key, "gathering", g.ID, "kind", kind, "missing", len(g.Missing))
		}
		errs = append(errs, s.remindMunicipalities(ctx, g, kind))
	}
	return errors.Join(errs...)
}

// remindMunicipalities sends the people of the municipalities that have
// not answered g a private message with the answer buttons, on the
// platform they use: everyone who has answered for, registered interest
// for or set (/kulturbot kommune) one of them. Each person gets one
// message per gathering and reminder kind, naming all their municipalities;
// it is recorded like the channel reminders (channel "dm:slack:U123"), so
// a restart or a second process does not send it twice. A person on a
// platform this process does not run is left for the process that does.
func (s *Scheduler) remindMunicipalities(ctx context.Context, g store.DigestGathering, kind string) error {
	db := s.H.DB
	contacts, err := db.MunicipalityContacts(ctx, g.MissingIDs)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for i, id := range g.MissingIDs {
		names[id] = g.Missing[i]
	}
	var people []string
	theirs := map[string][]string{}
	for _, id := range g.MissingIDs {
		for _, key := range contacts[id] {
			if _, ok := theirs[key]; !ok {
				people = append(people, key)
			}
			theirs[key] = append(theirs[key], names[id])
		}
	}
	var errs []error
	for _, key := range people {
		p, uid, ok := strings.Cut(key, ":")
		if !ok || uid == "" {
			continue
		}
		ch := Channel{Platform: bot.Platform(p), ID: uid}
		if _, ok := s.Posters[ch.Platform]; !ok {
			continue
		}
		rec := "dm:" + key
		if sent, err := db.ReminderSent(ctx, g.ID, kind, rec); err != nil || sent {
			if err != nil {
				errs = append(errs, err)
			}
			continue
		}
		rep := handlers.BuildMunicipalityReminder(g, kind, theirs[key], bot.NB)
		posted, err := s.post(ctx, ch, rep,
			func(ctx context.Context) (store.Claim, error) { return db.BeginReminder(ctx, g.ID, kind, rec, s.Owner) },
			func(ctx context.Context) error { return db.MarkReminderSent(ctx, g.ID, kind, rec) },
			func(ctx context.Context, reason string) error {
				return db.MarkReminderFailed(ctx, g.ID, kind, rec, reason)
			})
		if err != nil {
			errs = append(errs, fmt.Errorf("reminder %s for gathering %d to %s: %w", kind, g.ID, rec, err))
			continue
		}
		if posted {
			s.Log.Info("reminder sent to a municipality", "to", key, "gathering", g.ID, "kind", kind, "municipalities", len(theirs[key]))
		}
	}
	return errors.Join(errs...)
}

// post delivers rep to ch with retries: begin records the attempt (and
// reports a copy already sent or being sent by another process), sent and
// failed record the outcome. A platform's Retry-After is honoured; other
// errors back off exponentially. After the last attempt the failure is
// recorded and returned, and the next tick or start tries again. posted
// reports whether this call got the message accepted.
func (s *Scheduler) post(ctx context.Context, ch Channel, rep bot.Reply,
	begin func(context.Context) (store.Claim, error), sent func(context.Context) error, failed func(context.Context, string) error) (posted bool, err error) {
	// Outcomes are recorded even when shutdown cancels ctx right after the
	// platform accepted the message: losing "sent" would mean a second copy.
	rec := context.WithoutCancel(ctx)
	poster, ok := s.Posters[ch.Platform]
	if !ok {
		err := fmt.Errorf("no poster for platform %q (is %s configured?)", ch.Platform, ch.Platform)
		if c, berr := begin(rec); berr != nil || c != store.ClaimPost {
			return false, berr
		}
		_ = failed(rec, err.Error())
		s.Log.Error("digest channel has no platform", "channel", ch.String(), "err", err)
		return false, err
	}
	wait := s.Backoff
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return false, err // shutting down: start no new post
		}
		c, berr := begin(rec)
		if berr != nil {
			return false, berr
		}
		switch c {
		case store.ClaimSent:
			return false, nil
		case store.ClaimBusy:
			s.Log.Info("another process is posting this; leaving it", "channel", ch.String())
			return false, nil
		}
		// A post in flight when shutdown begins is finished (bounded), not
		// cut off: cut off, the platform may still have accepted it while
		// we record a failure and post it again at the next start.
		pctx, cancel := context.WithTimeout(rec, s.PostTimeout)
		err = poster.Post(pctx, ch.ID, rep)
		cancel()
		if err == nil {
			if err := sent(rec); err != nil {
				// The platform has it; only our record is missing. Say so
				// loudly, since the next tick would post a second copy.
				s.Log.Error("posted but could not record it", "channel", ch.String(), "err", err)
				return true, err
			}
			return true, nil
		}
		if attempt >= s.Attempts || ctx.Err() != nil {
			break
		}
		d := wait
		var rl *bot.RateLimitError
		if errors.As(err, &rl) && rl.RetryAfter > 0 {
			d = rl.RetryAfter
		}
		if d > s.MaxWait {
			d = s.MaxWait
		}
		s.Log.Warn("post failed; retrying", "channel", ch.String(), "attempt", attempt, "wait", d, "err", err)
		if serr := s.Sleep(ctx, d); serr != nil {
			err = errors.Join(err, serr)
			break
		}
		wait *= 2
	}
	_ = failed(rec, err.Error())
	s.Log.Error("post failed; will retry at the next tick", "channel", ch.String(), "attempts", s.Attempts, "err", err)
	return false, err
}

// Preview is the digest as it would read now: everything since the most
// recent scheduled time (or a week, before the first one).
func (s *Scheduler) Preview(ctx context.Context) (bot.Reply, error) {
	return Preview(ctx, s.H, s.Schedule, s.Now())
}

// Preview is the digest of sched as it would read at now, for
// `kulturbot digest --dry-run`, which needs no channels.
func Preview(ctx context.Context, h *handlers.Handlers, sched cron.Schedule, now time.Time) (bot.Reply, error) {
	return h.Digest(ctx, periodStart(sched, now), now, bot.NB)
}

// periodStart is where a digest made at now starts: the most recent scheduled
// time, or a week ago before the first one.
func periodStart(sched cron.Schedule, now time.Time) time.Time {
	t := handlers.Latest(sched, now)
	if t.IsZero() || !t.Before(now) {
		t = now.AddDate(0, 0, -7)
	}
	return t
}

// SendNow posts the digest for [most recent scheduled time, now) to every
// channel at once and records each post as a manual digest, which never
// stands in for a scheduled one.
func (s *Scheduler) SendNow(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	since := periodStart(s.Schedule, now)
	rep, err := s.H.Digest(ctx, since, now, bot.NB)
	if err != nil {
		return err
	}
	db := s.H.DB
	var errs []error
	for _, ch := range s.Channels {
		key := ch.String()
		_, err := s.post(ctx, ch, rep,
			func(ctx context.Context) (store.Claim, error) {
				return db.BeginDigest(ctx, store.DigestManual, since, now, key, s.Owner)
			},
			func(ctx context.Context) error { return db.MarkDigestSent(ctx, store.DigestManual, now, key) },
			func(ctx context.Context, reason string) error {
				return db.MarkDigestFailed(ctx, store.DigestManual, now, key, reason)
			})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", key, err))
			continue
		}
		s.Metrics.DigestSent(s.Now())
	}
	return errors.Join(errs...)
}
