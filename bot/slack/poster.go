package slack

import (
	"context"
	"errors"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
)

// Poster posts unsolicited messages (digest, reminders, answers to earlier
// questions) with chat.postMessage.
type Poster struct {
	a *Adapter
}

// NewPoster makes a Poster from a bot token alone, for commands that post
// without running the adapter (kulturbot digest --send). apiURL may be "".
func NewPoster(botToken, apiURL string) (*Poster, error) {
	a, err := New(Options{BotToken: botToken, APIURL: apiURL, Router: bot.NewRouter(nil)})
	if err != nil {
		return nil, err
	}
	return &Poster{a: a}, nil
}

// Poster returns the adapter's bot.Poster.
func (a *Adapter) Poster() *Poster { return &Poster{a: a} }

// Platform is bot.Slack.
func (p *Poster) Platform() bot.Platform { return bot.Slack }

// Post sends r to a channel id ("C123"), or to a user ("U123"/"W123") in
// the bot's DM with them. A 429 from Slack comes back as a
// *bot.RateLimitError carrying Retry-After, so the digest can wait and retry.
func (p *Poster) Post(ctx context.Context, channel string, r bot.Reply) error {
	return p.PostInThread(ctx, channel, "", r)
}

// PostInThread is Post inside a thread (thread = the parent message's ts),
// so an answer to a question asked in a thread lands in that thread.
func (p *Poster) PostInThread(ctx context.Context, channel, thread string, r bot.Reply) error {
	a := p.a
	if channel == "" {
		return errors.New("slack: post: empty channel")
	}
	ch := channel
	if isUserID(channel) {
		var err error
		if ch, err = a.dmChannel(ctx, channel); err != nil {
			return rateLimit(err)
		}
	}
	msg := renderMessage(r)
	opts := []slack.MsgOption{slack.MsgOptionText(msg.Text, false), slack.MsgOptionBlocks(msg.Blocks...)}
	if thread != "" && ch == channel {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	_, _, err := a.api.PostMessageContext(ctx, ch, opts...)
	if err != nil {
		return rateLimit(err)
	}
	if files := withInlineFiles(r).Files; len(files) > 0 {
		a.upload(ctx, origin{channel: ch}, bot.Reply{Lang: r.Lang}, files)
	}
	return nil
}

func isUserID(s string) bool {
	return len(s) > 1 && (s[0] == 'U' || s[0] == 'W') && strings.ToUpper(s) == s
}

// rateLimit turns slack-go's rate-limit error into the bot's.
func rateLimit(err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RateLimitError{RetryAfter: rl.RetryAfter}
	}
	return err
}
