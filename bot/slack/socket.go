package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// ackTimeout bounds handing an ack to the Socket Mode writer, so a dead
// connection cannot park a goroutine forever.
const ackTimeout = 5 * time.Second

// RunSocket serves Socket Mode until ctx ends: no public URL needed. Each
// envelope is handled in its own goroutine, so a slow one never holds up
// the next; events are acknowledged before they are processed, commands and
// interactions as soon as their reply (or modal) is ready, well inside
// Slack's 3 seconds. slack-go reconnects by itself when Slack asks it to or
// the socket drops; when it gives up (auth errors, Slack unreachable) we
// start it again with exponential backoff.
func (a *Adapter) RunSocket(ctx context.Context) error {
	if a.opts.AppToken == "" {
		return errors.New("slack: Socket Mode needs an app-level token (xapp-)")
	}
	backoff := time.Second
	for {
		start := time.Now()
		err := a.runSocketOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if IsAuthError(err) {
			// A revoked or wrong token never starts working again: stop
			// the bot with the reason instead of retrying forever.
			return fmt.Errorf("slack refused the token in Socket Mode (%v): check SLACK_APP_TOKEN (xapp-) and SLACK_BOT_TOKEN (xoxb-), or reinstall the app", err)
		}
		if time.Since(start) > time.Minute {
			backoff = time.Second // it worked for a while: a fresh failure
		}
		a.log.Warn("socket mode stopped, reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
}

func (a *Adapter) runSocketOnce(ctx context.Context) error {
	sm := socketmode.New(a.api,
		socketmode.OptionLog(slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- sm.RunContext(ctx) }()
	for {
		select {
		case err := <-errc:
			return err
		case ev := <-sm.Events:
			a.socketEvent(ctx, sm, ev)
		}
	}
}

func (a *Adapter) socketEvent(ctx context.Context, sm *socketmode.Client, ev socketmode.Event) {
	switch ev.Type {
	case socketmode.EventTypeConnected:
		a.log.Info("socket mode connected")
		return
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage:
		a.log.Warn("socket mode", "event", ev.Type, "data", ev.Data)
		return
	}
	if ev.Request == nil || ev.Request.EnvelopeID == "" {
		return
	}
	env := *ev.Request
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer a.recoverPanic("socket event")
		if adm := a.opts.Admission; adm != nil {
			if !adm.Enter(ctx) {
				// Busy: a slash command hears so; anything else is left
				// unacknowledged, and Slack delivers it again later.
				if ev.Type == socketmode.EventTypeSlashCommand {
					a.ack(sm, env, busyMessage())
				}
				return
			}
			defer adm.Leave()
		}
		var payload any
		switch ev.Type {
		case socketmode.EventTypeEventsAPI:
			// Ack first: Slack redelivers an unacknowledged event, and the
			// answer goes out with chat.postMessage anyway.
			a.ack(sm, env, nil)
			a.event(ctx, env.Payload)
			return
		case socketmode.EventTypeSlashCommand:
			cmd, ok := ev.Data.(slack.SlashCommand)
			if !ok {
				a.ack(sm, env, nil)
				return
			}
			payload = a.slashCommand(ctx, &cmd, "", false) // Socket Mode: an authenticated connection, nothing to replay
			if !a.ack(sm, env, payload) && payload != nil {
				// Too big for an ack (Slack drops socket responses over
				// 20 KB): send it through response_url instead.
				if m, ok := payload.(*message); ok && cmd.ResponseURL != "" {
					a.background(func(ctx context.Context) { a.postResponse(ctx, cmd.ResponseURL, *m, false) })
				}
			}
			return
		case socketmode.EventTypeInteractive:
			ic, ok := ev.Data.(slack.InteractionCallback)
			if !ok {
				a.ack(sm, env, nil)
				return
			}
			// Socket Mode's connection is authenticated, not each
			// payload: there is no signature to replay.
			payload = a.interaction(ctx, ic, "")
		}
		a.ack(sm, env, payload)
	}()
}

// ack acknowledges an envelope, with a payload when there is one. It
// reports whether the ack (with its payload) was accepted; a refused
// payload is replaced by a bare ack so Slack does not redeliver.
func (a *Adapter) ack(sm *socketmode.Client, env socketmode.Request, payload any) bool {
	ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
	defer cancel()
	if err := sm.AckCtx(ctx, env.EnvelopeID, payload); err != nil {
		a.log.Warn("socket mode ack failed", "envelope", env.EnvelopeID, "err", err)
		if payload != nil {
			_ = sm.AckCtx(ctx, env.EnvelopeID, nil)
		}
		return false
	}
	return true
}

// postResponse posts a rendered message to a response_url.
func (a *Adapter) postResponse(ctx context.Context, url string, m message, replace bool) {
	opts := []slack.MsgOption{
		slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...),
		slack.MsgOptionResponseURL(url, m.ResponseType),
	}
	if replace {
		opts = append(opts, slack.MsgOptionReplaceOriginal(url))
	}
	if _, _, err := a.api.PostMessageContext(ctx, "", opts...); err != nil {
		a.opts.Metrics.PlatformError(bot.Slack)
		a.log.Warn("response_url post failed", "err", err)
	}
}
