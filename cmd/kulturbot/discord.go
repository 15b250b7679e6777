package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/discord"
	"github.com/kulturskoleradet/kulturbot/discordevents"
)

// startDiscord starts the Discord adapter when its settings are present:
// the gateway with DISCORD_BOT_TOKEN, the interactions endpoint
// (POST /discord/interactions) with DISCORD_PUBLIC_KEY and DISCORD_APP_ID.
// Both may run together. Commands are registered at start-up; a failure
// there is logged, not fatal, since the commands from the last
// registration keep working.
func (a *App) startDiscord(ctx context.Context) (bool, error) {
	c := a.Cfg
	gateway := c.DiscordBotToken != ""
	endpoint := c.DiscordPublicKey != "" && c.DiscordAppID != ""
	if !gateway && !endpoint {
		if c.DiscordPublicKey != "" || c.DiscordAppID != "" {
			return false, errors.New("discord: the interactions endpoint needs both DISCORD_PUBLIC_KEY and DISCORD_APP_ID")
		}
		return false, nil
	}
	ad, err := a.newDiscord(c)
	if err != nil {
		return false, err
	}
	if c.DiscordGuildID == "" {
		a.Log.Warn("discord: DISCORD_GUILD_ID is not set, so the bot answers in every server it is added to and every DM; " +
			"set it to your server's id, and turn off \"Public Bot\" (Developer Portal → your application → Bot) so nobody else can add it (docs/discord.md)")
	}
	a.onClose(func() error {
		// Let deferred answers in flight finish before the database closes.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := ad.Shutdown(ctx); err != nil {
			a.Log.Warn("discord: deferred answers still running at shutdown", "err", err)
		}
		return nil
	})
	if gateway {
		a.Posters[bot.Discord] = ad
		if cmds, err := ad.RegisterCommands(ctx); err != nil {
			a.Log.Warn("discord commands not registered; the previous registration stays in use", "err", err)
		} else {
			a.Log.Info("discord commands registered", "count", len(cmds), "guild", c.DiscordGuildID)
		}
		a.runners = append(a.runners, ad.Run)
	} else {
		a.Log.Warn("discord: no DISCORD_BOT_TOKEN, so commands are not registered (run `kulturbot discord register` with a token) and nothing is posted to channels")
	}
	if c.DiscordGuildID != "" && c.DiscordBotToken != "" {
		// Every gathering gets a scheduled event in the guild; the syncer
		// hears about changes from the handlers and does the REST calls in
		// its own loop, so a command never waits for Discord.
		s := discordevents.New(a.DB, ad.Session(), c.DiscordGuildID, a.Log)
		a.Handlers.AddGatheringObserver(s)
		a.runners = append(a.runners, s.Run)
		a.DiscordEvents = s
	}
	if endpoint {
		// Discord shows "the application did not respond" for a 503: honest,
		// and the user can send it again.
		a.Mux.Handle("POST /discord/interactions", a.admission().Wrap(ad, http.HandlerFunc(busy)))
		a.httpUsed = true
	}
	return true, nil
}

// newDiscord builds the adapter from the configuration.
func (a *App) newDiscord(c *Config) (*discord.Adapter, error) {
	opt := discordOptions(c)
	opt.Router = a.Router
	opt.Metrics = a.Metrics
	opt.Log = a.Log
	// The handlers complete gathering ids, counties and municipalities;
	// the adapter sees them only through bot.Suggester.
	if s, ok := any(a.Handlers).(bot.Suggester); ok {
		opt.Suggester = s
		opt.SuggestLimiter = a.suggestLimiter()
	}
	return discord.New(opt)
}

// discordOptions are the adapter settings that need no database.
func discordOptions(c *Config) discord.Options {
	return discord.Options{
		Token:     c.DiscordBotToken,
		AppID:     c.DiscordAppID,
		PublicKey: c.DiscordPublicKey,
		GuildID:   c.DiscordGuildID,
		APIURL:    c.DiscordAPIURL,
		Admins:    c.AdminSet(),
		AdminRole: c.DiscordAdminRole,
	}
}
