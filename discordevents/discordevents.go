// Package discordevents keeps a Discord guild scheduled event for every
// gathering: created with the gathering, edited when it changes, cancelled
// when it is cancelled (a reopened gathering gets a new event, since Discord
// cannot un-cancel one).
//
// It works by reconciliation, not by a queue: the store records, per
// gathering, the Discord event id and the gathering sequence the event last
// matched. Whatever is behind – after a change, a failure, a restart or an
// outage – is brought in step by the next pass. The gathering observer
// methods only wake the loop, so a command never waits for Discord; a
// failed call is logged and retried with backoff.
package discordevents

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/dashboard"
	"github.com/kulturskoleradet/kulturbot/store"
)

// A gathering without a time of day is a calendar day; Discord needs clock
// times, so its event runs over the working day in Oslo.
const (
	startHour = 9
	endHour   = 16
)

// Syncer keeps the guild's scheduled events in step with the gatherings.
// It implements handlers.GatheringObserver.
type Syncer struct {
	DB      *store.DB
	Session *discordgo.Session // the bot's REST client (its base URL may point at a test server)
	GuildID string
	Log     *slog.Logger
	// Now is the clock; nil means DB.Now.
	Now func() time.Time
	// Interval is how often Run looks again without being woken (retries
	// after failures); default one minute.
	Interval time.Duration

	kick chan struct{}
	// mu makes passes one at a time: two passes seeing the same stale
	// gathering would create two events.
	mu sync.Mutex
}

// New returns a syncer for guild.
func New(db *store.DB, s *discordgo.Session, guild string, log *slog.Logger) *Syncer {
	if log == nil {
		log = slog.Default()
	}
	return &Syncer{DB: db, Session: s, GuildID: guild, Log: log.With("component", "discord-events"), kick: make(chan struct{}, 1)}
}

func (s *Syncer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return s.DB.Now()
}

// Kick wakes Run without waiting.
func (s *Syncer) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Created wakes the loop (handlers.GatheringObserver).
func (s *Syncer) Created(context.Context, store.Gathering) { s.Kick() }

// Changed wakes the loop.
func (s *Syncer) Changed(context.Context, store.Gathering, store.Gathering) { s.Kick() }

// Cancelled wakes the loop.
func (s *Syncer) Cancelled(context.Context, store.Gathering) { s.Kick() }

// Reopened wakes the loop.
func (s *Syncer) Reopened(context.Context, store.Gathering) { s.Kick() }

// Run syncs at start, whenever woken, and every Interval, until ctx ends.
func (s *Syncer) Run(ctx context.Context) error {
	every := s.Interval
	if every <= 0 {
		every = time.Minute
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if _, err := s.Sync(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("discord events: sync pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.kick:
		case <-tick.C:
		}
	}
}

// Result counts what one pass did.
type Result struct {
	Created, Updated, Cancelled, Failed int
}

// Sync brings every stale event in step once and reports what it did. An
// error from Discord for one gathering is recorded (and retried later with
// backoff); only a database error is returned.
func (s *Syncer) Sync(ctx context.Context) (Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var res Result
	gs, err := s.DB.Gatherings(ctx, store.GatheringFilter{IncludeCancelled: true})
	if err != nil {
		return res, err
	}
	evs, err := s.DB.DiscordEvents(ctx, s.GuildID)
	if err != nil {
		return res, err
	}
	now := s.now()
	today := bot.DayIn(now)
	for _, g := range gs {
		ev, known := evs[g.ID]
		if known && ev.Synced >= g.Sequence {
			continue
		}
		if !known {
			// Only gatherings still ahead get an event: Discord refuses a
			// start in the past, and an old or cancelled gathering needs none.
			if g.Cancelled() || g.Date.Before(today) {
				continue
			}
			ev = store.DiscordEvent{GatheringID: g.ID, GuildID: s.GuildID, Synced: -1}
		}
		if !ev.NextTry.IsZero() && now.Before(ev.NextTry) {
			continue
		}
		did, err := s.apply(ctx, g, &ev, now)
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			res.Failed++
			ev.Attempts++
			ev.LastError = err.Error()
			ev.NextTry = now.Add(backoff(ev.Attempts))
			s.Log.Warn("discord events: will retry", "gathering", g.ID, "attempt", ev.Attempts, "retry_at", ev.NextTry, "err", err)
		} else {
			ev.Synced, ev.Attempts, ev.LastError, ev.NextTry = g.Sequence, 0, "", time.Time{}
			switch did {
			case "create":
				res.Created++
			case "update":
				res.Updated++
			case "cancel":
				res.Cancelled++
			}
			if did != "" {
				s.Log.Info("discord event "+did+"d", "gathering", g.ID, "event", ev.EventID, "sequence", g.Sequence)
			}
		}
		if err := s.DB.SaveDiscordEvent(ctx, ev); err != nil {
			return res, err
		}
	}
	return res, nil
}

// backoff is 30 s after the first failure, doubling, at most 30 minutes.
func backoff(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < 30*time.Minute; i++ {
		d *= 2
	}
	return min(d, 30*time.Minute)
}

// apply makes one call to Discord for g and updates ev; it returns what it
// did ("create", "update", "cancel" or "" for nothing to do).
func (s *Syncer) apply(ctx context.Context, g store.Gathering, ev *store.DiscordEvent, now time.Time) (string, error) {
	opt := discordgo.WithContext(ctx)
	today := bot.DayIn(now)
	switch {
	case g.Cancelled():
		if ev.EventID == "" || ev.Canceled {
			return "", nil
		}
		_, err := s.Session.GuildScheduledEventEdit(s.GuildID, ev.EventID, &discordgo.GuildScheduledEventParams{
			Status: discordgo.GuildScheduledEventStatusCanceled,
		}, opt)
		if notFound(err) {
			// Deleted on Discord already: nothing left to cancel.
			ev.Canceled = true
			return "", nil
		}
		if err != nil {
			return "", err
		}
		ev.Canceled = true
		return "cancel", nil
	case g.Date.Before(today):
		// Over: Discord refuses to move an event into the past.
		return "", nil
	case ev.EventID != "" && !ev.Canceled:
		_, err := s.Session.GuildScheduledEventEdit(s.GuildID, ev.EventID, params(g, now), opt)
		if !notFound(err) {
			if err != nil {
				return "", err
			}
			return "update", nil
		}
		// Someone deleted the event on Discord: make a new one.
	}
	e, err := s.Session.GuildScheduledEventCreate(s.GuildID, params(g, now), opt)
	if err != nil {
		return "", err
	}
	ev.EventID, ev.Canceled = e.ID, false
	return "create", nil
}

// params is the whole event as Discord should show it.
func params(g store.Gathering, now time.Time) *discordgo.GuildScheduledEventParams {
	d := g.Date.In(bot.Oslo)
	start, end, ok := g.Times()
	if !ok {
		start = time.Date(d.Year(), d.Month(), d.Day(), startHour, 0, 0, 0, bot.Oslo)
		end = time.Date(d.Year(), d.Month(), d.Day(), endHour, 0, 0, 0, bot.Oslo)
	}
	if earliest := now.Add(5 * time.Minute); start.Before(earliest) {
		// A gathering today that has begun: Discord wants a start ahead.
		start = earliest
		if !end.After(start) {
			end = start.Add(time.Hour)
		}
	}
	start, end = start.UTC(), end.UTC()
	name := g.Name
	if g.RegionName != "" {
		name += " (" + g.RegionName + ")"
	}
	return &discordgo.GuildScheduledEventParams{
		Name:               bot.Cut(name, 100),
		Description:        bot.Cut(dashboard.Description(g), 1000),
		ScheduledStartTime: &start,
		ScheduledEndTime:   &end,
		PrivacyLevel:       discordgo.GuildScheduledEventPrivacyLevelGuildOnly,
		EntityType:         discordgo.GuildScheduledEventEntityTypeExternal,
		EntityMetadata:     &discordgo.GuildScheduledEventEntityMetadata{Location: bot.Cut(g.Place, 100)},
	}
}

func notFound(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound
}
