package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/handlers"
)

// Validate checks every setting whose wrong value would otherwise be
// accepted silently (an admin list that makes nobody admin, a user token
// as the bot token, a log level that means nothing, a negative limit, a
// digest schedule the scheduler would refuse later). Each problem says
// what to write instead; all of them are reported at once.
func (c *Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	for _, a := range strings.Split(c.Admins, ",") {
		a = strings.TrimSpace(a)
		if a == "" || a == "console" || a == "console:console" {
			continue
		}
		platform, id, ok := strings.Cut(a, ":")
		switch {
		case !ok:
			bad("KULTURBOT_ADMINS: %q has no platform, so nobody would be admin; write slack:%s or discord:%s", a, a, a)
		case platform != "slack" && platform != "discord" && platform != "console":
			bad("KULTURBOT_ADMINS: %q: the platform must be slack or discord, like slack:U0123ABC or discord:123456789012345678", a)
		case strings.TrimSpace(id) == "":
			bad("KULTURBOT_ADMINS: %q has no user id after the colon, like slack:U0123ABC", a)
		}
	}
	if t := c.SlackBotToken; t != "" && !strings.HasPrefix(t, "xoxb-") {
		bad("SLACK_BOT_TOKEN must be the bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token); this one starts with %q", prefix(t))
	}
	if t := c.SlackAppToken; t != "" && !strings.HasPrefix(t, "xapp-") {
		bad("SLACK_APP_TOKEN must be the app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write); this one starts with %q", prefix(t))
	}
	switch strings.ToLower(c.LogLevel) {
	case "", "debug", "info", "warn", "warning", "error":
	default:
		bad("KULTURBOT_LOG_LEVEL: %q is not a level; write debug, info, warn or error", c.LogLevel)
	}
	for _, s := range c.settings() {
		switch {
		case s.num != nil && *s.num < 0:
			bad("%s: %d is negative; write 0 or more", s.name, *s.num)
		case s.dur != nil && *s.dur < 0:
			bad("%s: %s is negative; write 0 or more, like 20s", s.name, *s.dur)
		}
	}
	if c.DigestSchedule != "" {
		// The same parser the scheduler and the preview use.
		if _, err := handlers.ParseSchedule(c.DigestSchedule); err != nil {
			errs = append(errs, err) // names the variable and gives an example

		}
	}
	return errors.Join(errs...)
}

// prefix shows the start of a secret without the secret.
func prefix(t string) string {
	if i := strings.Index(t, "-"); i > 0 && i <= 5 {
		return t[:i+1]
	}
	if len(t) > 4 {
		return t[:4] + "…"
	}
	return t
}
