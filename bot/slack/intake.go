package slack

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// The three kinds of thing Slack sends, handled the same way whether they
// came over HTTP or Socket Mode. Each returns the acknowledgement payload
// (nil: an empty ack); anything that has to happen after the ack runs in
// the background.

// slashCommand answers a slash command: quick ones in the ack, slow ones
// (and any that overrun the ack budget) through response_url afterwards.
// With pooled, a message ack's blocks are in a pooled arena the caller
// gives back with releaseAck once the ack is written.
//
// c comes by pointer: by value it was ~300 bytes more in serveHTTP's frame,
// on the connection goroutine's path (payload).
func (a *Adapter) slashCommand(ctx context.Context, c *slack.SlashCommand, eventID string, pooled bool) any {
	req := &bot.Request{
		EventID: eventID,
		Command: bot.NormCommand(c.Command),
		Text:    strings.TrimSpace(c.Text),
		Channel: c.ChannelID,
		User:    bot.User{ID: c.UserID, Name: c.UserName},
	}
	o := origin{
		channel: c.ChannelID, user: c.UserID, responseURL: c.ResponseURL,
		triggerID: c.TriggerID, dm: strings.HasPrefix(c.ChannelID, "D"),
	}
	if a.opts.Router.IsSlow(req) {
		req.Slow = true
		a.background(func(ctx context.Context) { a.send(ctx, o, a.handle(ctx, req)) })
		return nil
	}
	rep, late := a.within(ctx, req)
	if late != nil {
		a.later(o, late)
		return nil
	}
	return a.ackMessage(ctx, o, rep, pooled)
}

// interaction handles buttons, modal submissions and select suggestions.
// guard is the payload's replay-guard id (bot.SignedEventID of a signed
// HTTP payload; "" in Socket Mode): the buttons and the submission it
// runs are refused as duplicates when it was seen before. Suggestions
// only read.
func (a *Adapter) interaction(ctx context.Context, ic slack.InteractionCallback, guard string) any {
	switch ic.Type {
	case slack.InteractionTypeBlockActions:
		a.blockActions(ctx, ic, guard)
		return nil
	case slack.InteractionTypeViewSubmission:
		if ic.View.CallbackID != callbackForm {
			return nil
		}
		return a.viewSubmission(ctx, ic, guard)
	case slack.InteractionTypeBlockSuggestion:
		return a.suggest(ctx, ic)
	}
	return nil
}

// blockActions runs each clicked button's command line as the clicking
// user. The router runs before the ack (so an acknowledged click is
// stored); the reply goes out after it.
func (a *Adapter) blockActions(ctx context.Context, ic slack.InteractionCallback, guard string) {
	channel := ic.Channel.ID
	if channel == "" {
		channel = ic.Container.ChannelID
	}
	msgTS := ic.Container.MessageTs
	if msgTS == "" {
		msgTS = ic.Message.Timestamp
	}
	for i, act := range ic.ActionCallback.BlockActions {
		if act.Type != "button" || !strings.HasPrefix(act.Value, "/") {
			continue
		}
		cmd, text := commandLine(act.Value)
		req := &bot.Request{
			Command: cmd, Text: text, Channel: channel, Clicked: true,
			Thread:  ic.Container.ThreadTs,
			User:    bot.User{ID: ic.User.ID, Name: ic.User.Name},
			EventID: guard,
		}
		if guard != "" && i > 0 {
			// Slack sends one action a payload; should it send more,
			// each is its own request.
			req.EventID = guard + ":" + strconv.Itoa(i)
		}
		o := origin{
			channel: channel, thread: ic.Container.ThreadTs, user: ic.User.ID,
			responseURL: ic.ResponseURL, messageTS: msgTS, ephemeral: ic.Container.IsEphemeral,
			dm: strings.HasPrefix(channel, "D"), triggerID: ic.TriggerID, replace: true,
		}
		if a.opts.Router.IsSlow(req) {
			req.Slow = true
			a.background(func(ctx context.Context) { a.send(ctx, o, a.handle(ctx, req)) })
			continue
		}
		rep, late := a.within(ctx, req)
		if late != nil {
			a.later(o, late)
			continue
		}
		a.background(func(ctx context.Context) { a.send(ctx, o, rep) })
	}
}

// viewSubmission runs a submitted form. Errors that point at a field are
// shown inline on it (response_action "errors"); otherwise the modal closes
// and the confirmation is posted privately where the form was opened.
func (a *Adapter) viewSubmission(ctx context.Context, ic slack.InteractionCallback, guard string) any {
	var meta formMeta
	if err := json.Unmarshal([]byte(ic.View.PrivateMetadata), &meta); err != nil || meta.Command == "" {
		a.log.Warn("view_submission without kulturbot metadata", "err", err)
		return slack.NewClearViewSubmissionResponse()
	}
	req := &bot.Request{
		Command: meta.Command, Text: meta.Text, Channel: meta.Channel, Thread: meta.Thread,
		Form:    formValues(ic.View.State),
		User:    bot.User{ID: ic.User.ID, Name: ic.User.Name},
		EventID: guard,
	}
	o := origin{channel: meta.Channel, thread: meta.Thread, user: ic.User.ID}
	rep, late := a.within(ctx, req)
	if late != nil {
		a.later(o, late)
		return slack.NewClearViewSubmissionResponse()
	}
	if bot.IsDuplicate(rep) {
		return slack.NewClearViewSubmissionResponse() // a replay: done once already
	}
	if rep.Error != nil {
		field := rep.Error.Field
		if !contains(meta.Fields, field) && len(meta.Fields) > 0 {
			// An error about the request as a whole (a cancelled
			// gathering): still show it in the modal, on its first input,
			// so the user keeps what they typed.
			field = meta.Fields[0]
		}
		if field != "" {
			return slack.NewErrorsViewSubmissionResponse(map[string]string{field: bot.Cut(rep.Text, 2000)})
		}
	}
	if rep.Form != nil {
		// A follow-up form: show it in place of this one.
		m := meta
		m.Command, m.Text, m.Fields = rep.Form.Command, rep.Form.Text, nil
		for _, f := range rep.Form.Fields {
			m.Fields = append(m.Fields, f.Name)
		}
		v := renderView(rep.Form, m.encode(), rep.Lang)
		return slack.NewUpdateViewSubmissionResponse(&v)
	}
	rep.Private = true
	a.background(func(ctx context.Context) { a.send(ctx, o, rep) })
	return slack.NewClearViewSubmissionResponse()
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// suggestions is the answer to a block_suggestion (an external select
// asking for options as the user types).
type suggestions struct {
	Options []*slack.OptionBlockObject `json:"options"`
}

func (a *Adapter) suggest(ctx context.Context, ic slack.InteractionCallback) any {
	out := suggestions{Options: []*slack.OptionBlockObject{}}
	if a.opts.Suggester == nil {
		return out
	}
	// Every keystroke is a request that queries the database: limited
	// like commands (a separate, larger budget), over it no options.
	if a.opts.SuggestLimiter != nil && !a.opts.SuggestLimiter.Allow("slack:"+ic.User.ID) {
		return out
	}
	lang := bot.LangFromLocale(a.locale(ctx, ic.User.ID))
	for i, o := range a.opts.Suggester.Suggest(ctx, ic.ActionID, ic.Value, lang) {
		if i == maxSelectOptions {
			break
		}
		out.Options = append(out.Options, option(o.Label, o.Value))
	}
	return out
}

// eventEnvelope is the outer Events API body: enough to answer the URL
// check and to know which event this is.
type eventEnvelope struct {
	Type      string          `json:"type"`
	Challenge string          `json:"challenge"`
	EventID   string          `json:"event_id"`
	Event     json.RawMessage `json:"event"`
}

// challenge answers url_verification.
type challenge struct {
	Challenge string `json:"challenge"`
}

var leadingMention = regexp.MustCompile(`^\s*(<@[A-Z0-9]+(\|[^>]*)?>[\s:,]*)+`)

// event handles an Events API callback: a mention is answered in a thread,
// a DM in the DM. The ack goes out at once; the event id makes a retried
// delivery a no-op (the router's Dedup middleware records it in SQLite).
func (a *Adapter) event(ctx context.Context, body []byte) any {
	var env eventEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		a.log.Warn("bad events payload", "err", err)
		return nil
	}
	switch env.Type {
	case slackevents.URLVerification:
		return challenge{Challenge: env.Challenge}
	case slackevents.CallbackEvent:
	default:
		return nil
	}
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(env.Event, &head); err != nil {
		return nil
	}
	var req *bot.Request
	var o origin
	switch head.Type {
	case "app_mention":
		var ev slackevents.AppMentionEvent
		if err := json.Unmarshal(env.Event, &ev); err != nil || ev.BotID != "" || ev.Edited != nil || ev.User == "" {
			return nil
		}
		thread := ev.ThreadTimeStamp
		if thread == "" {
			thread = ev.TimeStamp
		}
		req = &bot.Request{Channel: ev.Channel, Thread: thread, User: bot.User{ID: ev.User}}
		req.Command, req.Text = mentionText(ev.Text)
		o = origin{channel: ev.Channel, thread: thread, user: ev.User}
	case "message":
		var ev slackevents.MessageEvent
		if err := json.Unmarshal(env.Event, &ev); err != nil {
			return nil
		}
		// Only what people write to the bot directly: no edits, joins or
		// other subtypes, and never a bot (ourselves included).
		// A file shared in the DM is a document upload (/kulturbot dokument).
		if ev.ChannelType != slackevents.ChannelTypeIM || (ev.SubType != "" && ev.SubType != "file_share") || ev.BotID != "" || ev.User == "" {
			return nil
		}
		req = &bot.Request{Channel: ev.Channel, Thread: ev.ThreadTimeStamp, User: bot.User{ID: ev.User}}
		req.Command, req.Text = mentionText(ev.Text)
		o = origin{channel: ev.Channel, thread: ev.ThreadTimeStamp, user: ev.User, dm: true}
		if files := sharedFiles(env.Event); len(files) > 0 {
			if !isDocumentUpload(req.Command, req.Text) {
				break // a file with a question: answer the question
			}
			req.Command, req.Text = "kulturbot", "dokument"
			req.EventID = env.EventID
			a.background(func(ctx context.Context) {
				a.identify(ctx, req)
				if !req.User.Admin {
					// Refused by the router; no need to fetch the file first.
					a.send(ctx, o, a.handle(ctx, req))
					return
				}
				got, err := a.download(ctx, files)
				if err != nil {
					a.log.Warn("slack file download failed", "user", ev.User, "err", err)
					a.send(ctx, o, bot.Reply{Text: messages.T(req.Lang, "slack.upload.failed"), Private: true})
					return
				}
				req.Files = got
				req.Slow = true
				a.send(ctx, o, a.handle(ctx, req))
			})
			return nil
		}
		if ev.SubType != "" {
			return nil
		}
	default:
		return nil
	}
	if strings.TrimSpace(req.Text) == "" && req.Command == "" {
		return nil
	}
	req.EventID = env.EventID
	a.background(func(ctx context.Context) {
		if a.opts.Router.IsSlow(req) {
			req.Slow = true
		}
		a.send(ctx, o, a.handle(ctx, req))
	})
	return nil
}

// mentionText strips the leading @kulturbot and reads "/rsvp 3 ja" typed
// in a mention or DM as that command, anything else as a question.
func mentionText(s string) (cmd, text string) {
	s = leadingMention.ReplaceAllString(s, "")
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(strings.TrimSpace(s))
	return commandLine(s)
}
