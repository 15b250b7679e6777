package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/slack"
)

// startSlack starts the Slack adapter when its tokens are set:
// Socket Mode with SLACK_APP_TOKEN (no public URL needed), signed HTTP on
// POST /slack/events with SLACK_SIGNING_SECRET. With both, Socket Mode
// runs and the HTTP endpoint is served too, so switching modes in Slack's
// app settings needs no restart.
func (a *App) startSlack(ctx context.Context) (bool, error) {
	c := a.Cfg
	socket := c.SlackAppToken != ""
	httpMode := c.SlackSigningSecret != ""
	if c.SlackBotToken == "" {
		if socket || httpMode {
			return false, errors.New("slack: SLACK_BOT_TOKEN (xoxb-) is required with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
		}
		return false, nil
	}
	if !socket && !httpMode {
		return false, errors.New("slack: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) with SLACK_BOT_TOKEN")
	}
	if socket && !strings.HasPrefix(c.SlackAppToken, "xapp-") {
		a.Log.Warn("slack: SLACK_APP_TOKEN usually starts with xapp-; Socket Mode needs an app-level token with connections:write")
	}
	ad, err := a.newSlack()
	if err != nil {
		return false, err
	}
	a.onClose(ad.Close)
	a.Posters[bot.Slack] = ad.Poster()
	// A token Slack refuses (invalid_auth, revoked) stops the bot with a
	// clear message: retrying forever with warnings helps nobody. Slack
	// being briefly unreachable must not stop it: log and carry on.
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err = ad.Check(cctx)
	cancel()
	switch {
	case slack.IsAuthError(err):
		return false, fmt.Errorf("slack refused SLACK_BOT_TOKEN (%v): copy the Bot User OAuth Token (xoxb-…) again from the app's OAuth & Permissions page, or reinstall the app", err)
	case err != nil && ctx.Err() == nil:
		a.Log.Warn("slack auth.test failed; carrying on (Slack unreachable?)", "err", err)
	}
	if httpMode {
		a.handleIntake("/slack/events", a.admission().Wrap(ad.Handler(), ad.Busy()))
		a.Log.Info("slack HTTP mode", "endpoint", "POST /slack/events", "addr", c.HTTPAddr)
	}
	if socket {
		a.runners = append(a.runners, ad.RunSocket)
		a.Log.Info("slack Socket Mode")
	}
	return true, nil
}

// newSlack builds the adapter from the configuration.
func (a *App) newSlack() (*slack.Adapter, error) {
	c := a.Cfg
	opt := slack.Options{
		BotToken: c.SlackBotToken, AppToken: c.SlackAppToken, SigningSecret: c.SlackSigningSecret,
		APIURL: c.SlackAPIURL, Router: a.Router, Admins: slackAdmins(c.AdminSet()), Log: a.Log, Metrics: a.Metrics,
		Admission: a.admission(),
	}
	// The handlers complete counties and municipalities in modals; the
	// adapter sees them only through bot.Suggester.
	if s, ok := any(a.Handlers).(bot.Suggester); ok {
		opt.Suggester = s
		opt.SuggestLimiter = a.suggestLimiter()
	}
	return slack.New(opt)
}

// SlackPoster returns the Slack poster for subcommands that post without
// running the bot (kulturbot digest --send), registering it in a.Posters.
// It is nil when SLACK_BOT_TOKEN is not set.
func (a *App) SlackPoster() bot.Poster {
	if p, ok := a.Posters[bot.Slack]; ok {
		return p
	}
	if a.Cfg.SlackBotToken == "" {
		return nil
	}
	p, err := slack.NewPoster(a.Cfg.SlackBotToken, a.Cfg.SlackAPIURL)
	if err != nil {
		return nil
	}
	a.Posters[bot.Slack] = p
	return p
}

// slackAdmins keeps the slack: entries of KULTURBOT_ADMINS.
func slackAdmins(all map[string]bool) map[string]bool {
	m := map[string]bool{}
	for k, v := range all {
		if strings.HasPrefix(k, "slack:") && v {
			m[k] = true
		}
	}
	return m
}
