package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/discord"
	"github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/schedule"
)

func init() {
	register("digest", subcommand{
		help: "print the weekly digest for now (--dry-run, the default) or post it to the digest channels (--send)",
		run:  runDigest,
	})
}

// startDigest adds the digest scheduler when KULTURBOT_DIGEST_CHANNEL is
// set. The Slack and Discord adapters have registered their posters by now
// (Run starts them first); a channel on a platform without a poster is a
// configuration mistake, reported at start rather than every hour.
func (a *App) startDigest(ctx context.Context) error {
	if strings.TrimSpace(a.Cfg.DigestChannels) == "" {
		return nil
	}
	// A copy: the scheduler reads its posters from its own goroutine while
	// later start-up code may still add to a.Posters.
	posters := bot.Posters{}
	for p, ps := range a.Posters {
		posters[p] = ps
	}
	s, err := schedule.New(a.Handlers, posters, a.Cfg.DigestChannels, a.Cfg.DigestSchedule)
	if err != nil {
		return err
	}
	if err := checkPosters(s); err != nil {
		return err
	}
	a.runners = append(a.runners, s.Run)
	a.Log.Info("digest scheduled", "channels", a.Cfg.DigestChannels, "schedule", a.Cfg.DigestSchedule,
		"next", s.Schedule.Next(time.Now()).In(bot.Oslo).Format("2006-01-02 15:04 MST"))
	return nil
}

// checkPosters says which configured channel has no platform to post with.
func checkPosters(s *schedule.Scheduler) error {
	for _, ch := range s.Channels {
		if _, ok := s.Posters[ch.Platform]; ok {
			continue
		}
		need := map[bot.Platform]string{bot.Slack: "SLACK_BOT_TOKEN", bot.Discord: "DISCORD_BOT_TOKEN"}[ch.Platform]
		return fmt.Errorf("KULTURBOT_DIGEST_CHANNEL names %s, but %s cannot post there: set %s", ch, ch.Platform, need)
	}
	return nil
}

// runDigest is `kulturbot digest [--dry-run | --send] [--at TIME]`.
func runDigest(ctx context.Context, a *App, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(a.Out)
	dry := fs.Bool("dry-run", false, "print the digest as text, post nothing (the default)")
	send := fs.Bool("send", false, "post the digest now to KULTURBOT_DIGEST_CHANNEL and record it")
	at := fs.String("at", "", "pretend it is this Oslo time (\"2026-11-23 08:00\" or a date), to see an earlier week")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dry && *send {
		return errors.New("digest: choose --dry-run or --send, not both")
	}
	now := time.Now()
	if *at != "" {
		t, err := parseAt(*at)
		if err != nil {
			return err
		}
		now = t
	}
	sched, err := handlers.ParseSchedule(a.Cfg.DigestSchedule)
	if err != nil {
		return err
	}
	if !*send {
		rep, err := schedule.Preview(ctx, a.Handlers, sched, now)
		if err != nil {
			return err
		}
		_, err = fmt.Fprint(a.Out, handlers.DigestText(rep))
		return err
	}
	if strings.TrimSpace(a.Cfg.DigestChannels) == "" {
		return errors.New("digest --send: set KULTURBOT_DIGEST_CHANNEL (for example slack:C0123456789)")
	}
	posters, err := a.digestPosters()
	if err != nil {
		return err
	}
	s, err := schedule.New(a.Handlers, posters, a.Cfg.DigestChannels, a.Cfg.DigestSchedule)
	if err != nil {
		return err
	}
	if err := checkPosters(s); err != nil {
		return err
	}
	s.Now = func() time.Time { return now }
	if err := s.SendNow(ctx); err != nil {
		return err
	}
	for _, ch := range s.Channels {
		fmt.Fprintf(a.Out, "digest sent to %s\n", ch)
	}
	return nil
}

// digestPosters builds posters for a one-off post without starting the
// adapters (no Socket Mode, no gateway, no command registration): each
// platform needs only its bot token.
func (a *App) digestPosters() (bot.Posters, error) {
	c := a.Cfg
	posters := bot.Posters{}
	for p, ps := range a.Posters {
		posters[p] = ps
	}
	if _, ok := posters[bot.Slack]; !ok && c.SlackBotToken != "" {
		p, err := slack.NewPoster(c.SlackBotToken, c.SlackAPIURL)
		if err != nil {
			return nil, err
		}
		posters[bot.Slack] = p
	}
	if _, ok := posters[bot.Discord]; !ok && c.DiscordBotToken != "" {
		opt := discordOptions(c)
		opt.Router, opt.Log = a.Router, a.Log
		ad, err := discord.New(opt)
		if err != nil {
			return nil, err
		}
		posters[bot.Discord] = ad
	}
	return posters, nil
}

// parseAt reads --at: "2026-11-23 08:00", "2026-11-23T08:00" or a date
// (bot.ParseDate forms, taken as the end of that day), in Oslo time.
func parseAt(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, s, bot.Oslo); err == nil {
			return t, nil
		}
	}
	if d, ok := bot.ParseDate(s); ok {
		return d.AddDate(0, 0, 1).Add(-time.Minute), nil
	}
	return time.Time{}, fmt.Errorf("digest --at: %q is not a time like \"2026-11-23 08:00\"", s)
}
