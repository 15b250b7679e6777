package discord

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Platform reports bot.Discord (bot.Poster).
func (a *Adapter) Platform() bot.Platform { return bot.Discord }

// Post sends r to a channel (bot.Poster), for the digest, reminders and
// answers to earlier questions. When channel is a user id rather than a
// channel, it opens a DM with that user. A 429 becomes *bot.RateLimitError
// carrying Discord's Retry-After.
func (a *Adapter) Post(ctx context.Context, channel string, r bot.Reply) error {
	if a.session.Token == "" {
		return errors.New("discord: posting needs DISCORD_BOT_TOKEN")
	}
	r = a.adjust(&discordgo.Interaction{}, &bot.Request{Lang: r.Lang}, r)
	opt := discordgo.WithContext(ctx)
	_, err := a.session.ChannelMessageSendComplex(channel, render(r).send(), opt)
	if isUnknownChannel(err) {
		dm, derr := a.session.UserChannelCreate(channel, opt)
		if derr == nil {
			_, err = a.session.ChannelMessageSendComplex(dm.ID, render(r).send(), opt)
		}
	}
	if err != nil {
		a.opt.Metrics.PlatformError(bot.Discord)
	}
	return postError(err)
}

func isUnknownChannel(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound &&
		re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownChannel
}

// postError maps Discord's rate-limit answers to *bot.RateLimitError.
func postError(err error) error {
	if err == nil {
		return nil
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return &bot.RateLimitError{RetryAfter: rl.RetryAfter}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusTooManyRequests {
		d := time.Second
		if s, perr := strconv.ParseFloat(re.Response.Header.Get("Retry-After"), 64); perr == nil && s > 0 {
			d = time.Duration(s * float64(time.Second))
		}
		return &bot.RateLimitError{RetryAfter: d}
	}
	return err
}
