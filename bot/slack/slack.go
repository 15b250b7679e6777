// Package slack is kulturbot's Slack adapter: slash commands, Events API
// callbacks (mentions, DMs) and interactivity (buttons, modals) arrive over
// Socket Mode or signed HTTP, become bot.Requests for the router, and the
// bot.Replies go back as Block Kit.
//
// It imports only bot, slack-go and the standard library: handlers and the
// store are reached through the router, never directly.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
)

// Options configure an Adapter.
type Options struct {
	BotToken      string // xoxb-: Web API calls
	AppToken      string // xapp-: Socket Mode
	SigningSecret string // HTTP mode: verifies every request
	// APIURL overrides the Web API base (must end with '/'), for tests and
	// the load generator's stub.
	APIURL string
	Router *bot.Router
	// Suggester fills selects without fixed choices (may be nil).
	Suggester bot.Suggester
	// SuggestLimiter rate-limits block_suggestion per user; nil: no limit.
	SuggestLimiter *bot.RateLimiter
	// Admins holds "slack:U123" keys.
	Admins map[string]bool
	Log    *slog.Logger
	// Metrics counts failed Slack API calls (nil: not counted).
	Metrics bot.Metrics
	// Now is the clock for the signature replay window (tests fix it).
	Now func() time.Time
	// HTTPClient is used for the Web API and response_url (default: a
	// client with a 10 s timeout).
	HTTPClient *http.Client
	// AckWithin is how long a request may run before the adapter gives up
	// answering in the acknowledgement and completes it later instead
	// (default 2 s, leaving room in Slack's 3 s limit).
	AckWithin time.Duration
	// Admission, when set, bounds the Socket Mode requests worked on at
	// once, in arrival order (HTTP requests pass the same gate before they
	// reach Handler: cmd wraps it). Nil: no bound.
	Admission *bot.Admission
}

// Adapter connects one Slack app to the router.
type Adapter struct {
	opts  Options
	api   *slack.Client
	log   *slog.Logger
	now   func() time.Time
	users userCache
	dms   sync.Map // user id -> DM channel id
	// verifier checks signed HTTP requests with Options.SigningSecret.
	verifier *Verifier
	// workers run the requests answered in the acknowledgement, on
	// goroutines kept between requests (bot.Workers).
	workers bot.Workers
	bg      sync.WaitGroup
	// base bounds background work (late replies, uploads); cancelled by Close.
	base   context.Context
	cancel context.CancelFunc
}

// Time limits for calls that happen after the acknowledgement.
const (
	backgroundTimeout = 60 * time.Second
	userLookupTimeout = time.Second
)

// New builds an adapter. It makes no network calls.
func New(o Options) (*Adapter, error) {
	if o.Router == nil {
		return nil, errors.New("slack: Options.Router is required")
	}
	if o.BotToken == "" {
		return nil, errors.New("slack: a bot token (xoxb-) is required")
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.AckWithin <= 0 {
		o.AckWithin = 2 * time.Second
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	o.Metrics = bot.OrNop(o.Metrics)
	a := &Adapter{opts: o, log: o.Log.With("platform", "slack"), now: o.Now, verifier: NewVerifier(o.SigningSecret)}
	a.api = newAPI(o)
	a.base, a.cancel = context.WithCancel(context.Background())
	a.users.ttl = 12 * time.Hour
	return a, nil
}

func newAPI(o Options) *slack.Client {
	opts := []slack.Option{slack.OptionHTTPClient(o.HTTPClient)}
	if o.APIURL != "" {
		u := o.APIURL
		if !strings.HasSuffix(u, "/") {
			u += "/"
		}
		opts = append(opts, slack.OptionAPIURL(u))
	}
	if o.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(o.AppToken))
	}
	return slack.New(o.BotToken, opts...)
}

// API is the Web API client the adapter uses.
func (a *Adapter) API() *slack.Client { return a.api }

// Check calls auth.test so a wrong token shows up in the log at start-up.
func (a *Adapter) Check(ctx context.Context) error {
	res, err := a.api.AuthTestContext(ctx)
	if err != nil {
		return err
	}
	a.log.Info("slack connected", "team", res.Team, "bot_user", res.UserID)
	return nil
}

// IsAuthError reports whether err is Slack refusing the token itself
// (invalid_auth, a revoked or expired token, a deactivated workspace):
// retrying cannot help, so the bot stops and says so.
func IsAuthError(err error) bool {
	if err == nil {
		return false
	}
	var se slack.SlackErrorResponse
	msg := err.Error()
	if errors.As(err, &se) {
		msg = se.Err
	}
	for _, code := range []string{"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "not_allowed_token_type"} {
		if strings.Contains(msg, code) {
			return true
		}
	}
	return false
}

// Wait blocks until background work (late replies, uploads, confirmations)
// has finished.
func (a *Adapter) Wait() { a.bg.Wait() }

// Close waits for background work (bounded by its own timeouts) and stops
// whatever is left.
func (a *Adapter) Close() error {
	done := make(chan struct{})
	go func() { a.bg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
	}
	a.cancel()
	a.workers.Close()
	return nil
}

// recoverPanic logs a panic in an adapter goroutine instead of letting it
// end the process.
func (a *Adapter) recoverPanic(what string) {
	if p := recover(); p != nil {
		a.log.Error("slack "+what+" panicked", "panic", p, "stack", string(debug.Stack()))
	}
}

// background runs f after the acknowledgement, with its own deadline.
func (a *Adapter) background(f func(ctx context.Context)) {
	a.bg.Add(1)
	go func() {
		defer a.bg.Done()
		defer a.recoverPanic("background")
		ctx, cancel := context.WithTimeout(a.base, backgroundTimeout)
		defer cancel()
		f(ctx)
	}()
}

// handle fills in who is asking and runs the router.
func (a *Adapter) handle(ctx context.Context, req *bot.Request) bot.Reply {
	a.identify(ctx, req)
	return a.opts.Router.Handle(ctx, req)
}

// identify fills in the platform, time, admin flag and locale (known once
// the background users.info lookup of a new user has answered).
func (a *Adapter) identify(ctx context.Context, req *bot.Request) {
	req.Platform = bot.Slack
	if req.Time.IsZero() {
		req.Time = a.now()
	}
	req.User.Admin = a.opts.Admins["slack:"+req.User.ID]
	if req.User.Locale == "" {
		req.User.Locale = a.locale(ctx, req.User.ID)
	}
}

// within runs req and returns its reply if it is ready before the
// acknowledgement is due; otherwise it returns the channel the reply will
// arrive on, for the caller to complete the request later. The router runs
// detached from the caller's context so an acknowledged request is never
// cut off half-way.
//
// The context has no deadline either: a command that is not slow makes no
// network call (slow ones, the LLM answers, run in background with
// backgroundTimeout), and SQLite bounds its own waits (busy_timeout). A
// context that can end made the SQLite driver start a goroutine for every
// statement to watch it (modernc.org/sqlite interruptOnDone), several per
// request, each one scheduled twice on a loaded core.
func (a *Adapter) within(ctx context.Context, req *bot.Request) (bot.Reply, <-chan bot.Reply) {
	ctx = context.WithoutCancel(ctx)
	return a.workers.Within(a.opts.AckWithin, &a.bg, a.log, req, func() bot.Reply {
		a.identify(ctx, req)
		return a.opts.Router.Handle(ctx, req)
	})
}

// later completes a request whose reply was not ready for the ack.
func (a *Adapter) later(o origin, ch <-chan bot.Reply) {
	a.background(func(ctx context.Context) {
		select {
		case rep := <-ch:
			a.send(ctx, o, rep)
		case <-ctx.Done():
		}
	})
}

// userCache remembers each user's locale, so users.info is called once per
// user and day rather than once per command, and never while a request
// waits. Concurrent first requests of one user share a single lookup.
type userCache struct {
	mu  sync.Mutex
	m   map[string]*userEntry
	ttl time.Duration
}

type userEntry struct {
	locale string
	until  time.Time // zero while the lookup is under way
}

// locale returns the user's Slack locale ("en-US", "nb-NO") when it is
// known, and "" otherwise. It never waits for Slack: a user seen for the
// first time is looked up in the background (once, however many requests
// arrive meanwhile) and answered now by the request's own language — the
// reply to an English question is English either way. A failed lookup is
// retried after a few minutes, not on every request, so a Slack outage
// costs nothing.
func (a *Adapter) locale(ctx context.Context, id string) string {
	if id == "" {
		return ""
	}
	c := &a.users
	now := time.Now()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*userEntry{}
	}
	e := c.m[id]
	if e != nil && (e.until.IsZero() || now.Before(e.until)) {
		loc := e.locale
		c.mu.Unlock()
		return loc
	}
	if len(c.m) > 50000 { // a bound, not a policy: start over
		c.m = map[string]*userEntry{}
	}
	e = &userEntry{}
	c.m[id] = e
	c.mu.Unlock()
	a.background(func(ctx context.Context) { a.lookupLocale(ctx, e, id) })
	return ""
}

// lookupLocale asks users.info for one user and fills in e.
func (a *Adapter) lookupLocale(ctx context.Context, e *userEntry, id string) {
	lctx, cancel := context.WithTimeout(ctx, userLookupTimeout)
	defer cancel()
	u, err := a.api.GetUserInfoContext(lctx, id, slack.GetUserInfoOptionIncludeLocale(true))
	c := &a.users
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		a.log.Debug("users.info failed", "user", id, "err", err)
		e.until = time.Now().Add(5 * time.Minute)
		return
	}
	e.locale = u.Locale
	e.until = time.Now().Add(c.ttl)
}

// origin says where a request came from and so where its reply goes.
type origin struct {
	channel     string
	thread      string // thread to answer in
	user        string // the asker
	responseURL string
	messageTS   string // the message a button was on
	ephemeral   bool   // that message was ephemeral (only response_url can change it)
	dm          bool   // the channel is a DM with the bot
	triggerID   string // lets us open a modal (valid for 3 s)
	replace     bool   // update the message a button was on
}

// send delivers a reply after the acknowledgement: opens its form, updates
// the clicked message, or posts it where the request came from.
func (a *Adapter) send(ctx context.Context, o origin, rep bot.Reply) {
	if bot.IsDuplicate(rep) {
		return
	}
	if rep.Form != nil {
		if o.triggerID != "" {
			err := a.openForm(ctx, o, rep)
			if err == nil {
				return
			}
			a.log.Warn("views.open failed", "err", err)
		}
		rep = formFallback(rep)
	}
	msg := renderMessage(rep)
	files := withInlineFiles(rep).Files
	if msg.Text == "" && len(msg.Blocks) == 0 && len(files) == 0 {
		return // nothing to say (Slack refuses an empty message)
	}
	var err error
	opts := []slack.MsgOption{slack.MsgOptionText(msg.Text, false), slack.MsgOptionBlocks(msg.Blocks...)}
	switch {
	case o.replace && rep.Replace && !o.ephemeral && o.messageTS != "" && o.channel != "":
		_, _, _, err = a.api.UpdateMessageContext(ctx, o.channel, o.messageTS, opts...)
	case o.replace && rep.Replace && o.responseURL != "":
		_, _, err = a.api.PostMessageContext(ctx, o.channel, append(opts,
			slack.MsgOptionResponseURL(o.responseURL, msg.ResponseType), slack.MsgOptionReplaceOriginal(o.responseURL))...)
	case o.responseURL != "":
		_, _, err = a.api.PostMessageContext(ctx, o.channel, append(opts, slack.MsgOptionResponseURL(o.responseURL, msg.ResponseType))...)
	case o.channel != "" && msg.ResponseType == slack.ResponseTypeEphemeral && !o.dm && o.user != "":
		if o.thread != "" {
			opts = append(opts, slack.MsgOptionTS(o.thread))
		}
		if _, err = a.api.PostEphemeralContext(ctx, o.channel, o.user, opts...); err != nil {
			// Not in that channel (a private one): say it in a DM instead.
			a.log.Debug("chat.postEphemeral failed, trying a DM", "err", err)
			err = a.postDM(ctx, o.user, opts...)
		}
	case o.channel != "":
		if o.thread != "" {
			opts = append(opts, slack.MsgOptionTS(o.thread))
		}
		_, _, err = a.api.PostMessageContext(ctx, o.channel, opts...)
	case o.user != "":
		err = a.postDM(ctx, o.user, opts...)
	}
	if err != nil {
		a.opts.Metrics.PlatformError(bot.Slack)
		a.log.Warn("reply not delivered", "channel", o.channel, "err", err)
	}
	if len(files) > 0 {
		a.upload(ctx, o, rep, files)
	}
}

// ackMessage answers a slash command in its acknowledgement: the reply
// itself (a *message), or nothing when a modal opened instead. Files that
// are too big to show inline are uploaded after the ack. With pooled the
// blocks are in a pooled arena (releaseAck gives it back).
//
// Forms and files are ackForm's: this runs on the connection's goroutine,
// whose stack stays at its first 8 KiB only while the path to rendering
// the ack is short (payload).
func (a *Adapter) ackMessage(ctx context.Context, o origin, rep bot.Reply, pooled bool) any {
	if bot.IsDuplicate(rep) {
		return nil
	}
	if rep.Form != nil || len(rep.Files) > 0 {
		var ok bool
		if rep, ok = a.ackForm(ctx, o, &rep); !ok {
			return nil
		}
	}
	if !pooled {
		m := renderMessage(rep)
		if m.Text == "" && len(m.Blocks) == 0 {
			return nil // an empty ack: Slack shows nothing rather than an error
		}
		return &m
	}
	// The blocks live in a pooled arena until the ack is written
	// (releaseAck).
	ar := newBlockArena()
	ar.msg = renderMessageIn(rep, ar)
	if ar.msg.Text == "" && len(ar.msg.Blocks) == 0 {
		ar.release()
		return nil
	}
	ar.msg.arena = ar
	return &ar.msg
}

// ackForm opens a reply's form (ok false: the modal is open, nothing to
// ack), or turns it into its usage text, and uploads the files too big to
// show inline after the ack; it returns the reply to acknowledge. A
// function of its own, never inlined: its copies of the reply and calls
// were 160 bytes of ackMessage's frame (920 → 760), on the connection
// goroutine's path to rendering the ack (payload).
//
//go:noinline
func (a *Adapter) ackForm(ctx context.Context, o origin, r *bot.Reply) (rep bot.Reply, ok bool) {
	rep = *r
	if rep.Form != nil {
		if o.triggerID != "" {
			err := a.openForm(ctx, o, rep)
			if err == nil {
				return rep, false
			}
			a.log.Warn("views.open failed", "err", err)
		}
		rep = formFallback(rep)
	}
	if files := withInlineFiles(rep).Files; len(files) > 0 {
		// A copy for the upload: a closure over rep itself would move
		// every reply to the heap, uploads or not (~280 bytes a request).
		up := rep
		a.background(func(ctx context.Context) { a.upload(ctx, o, up, files) })
	}
	return rep, true
}

// formFallback turns a form the adapter could not open into its usage text.
func formFallback(rep bot.Reply) bot.Reply {
	text := messages.T(rep.Lang, "slack.formfailed")
	if rep.Text != "" {
		text += "\n" + rep.Text
	} else {
		text += "\n/" + rep.Form.Command + " " + rep.Form.Text
	}
	rep.Text, rep.Form, rep.Private = text, nil, true
	return rep
}

// openForm opens the reply's form as a modal.
func (a *Adapter) openForm(ctx context.Context, o origin, rep bot.Reply) error {
	f := rep.Form
	meta := formMeta{Command: f.Command, Text: f.Text, Channel: o.channel, Thread: o.thread}
	if o.dm {
		meta.Channel = ""
	}
	for _, fld := range f.Fields {
		meta.Fields = append(meta.Fields, fld.Name)
	}
	_, err := a.api.OpenViewContext(ctx, o.triggerID, renderView(f, meta.encode(), rep.Lang))
	return err
}

// dmChannel opens (or finds) the DM between the bot and a user.
func (a *Adapter) dmChannel(ctx context.Context, user string) (string, error) {
	if ch, ok := a.dms.Load(user); ok {
		return ch.(string), nil
	}
	ch, _, _, err := a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
	if err != nil {
		return "", err
	}
	if ch == nil || ch.ID == "" {
		// Slack said ok without a channel: an error, not a nil dereference.
		return "", fmt.Errorf("slack: conversations.open returned no channel for %s", user)
	}
	a.dms.Store(user, ch.ID)
	return ch.ID, nil
}

func (a *Adapter) postDM(ctx context.Context, user string, opts ...slack.MsgOption) error {
	ch, err := a.dmChannel(ctx, user)
	if err != nil {
		return err
	}
	_, _, err = a.api.PostMessageContext(ctx, ch, opts...)
	return err
}

// upload shares files with files.uploadV2: in a DM for private replies
// (files cannot be ephemeral), in the channel otherwise.
func (a *Adapter) upload(ctx context.Context, o origin, rep bot.Reply, files []bot.File) {
	ch := o.channel
	if rep.Private || ch == "" {
		var err error
		if ch, err = a.dmChannel(ctx, o.user); err != nil {
			a.log.Warn("file not delivered: no DM", "user", o.user, "err", err)
			return
		}
	}
	for _, f := range files {
		_, err := a.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Filename: f.Name, Title: f.Name, FileSize: len(f.Content),
			Reader: strings.NewReader(string(f.Content)), Channel: ch,
		})
		if err != nil {
			a.opts.Metrics.PlatformError(bot.Slack)
			a.log.Warn("files.uploadV2 failed", "file", f.Name, "err", err)
			note := messages.T(rep.Lang, "slack.filefailed", f.Name)
			_, _, _ = a.api.PostMessageContext(ctx, ch, slack.MsgOptionText(note, false))
		}
	}
}

// split "/rsvp 3 ja" into "rsvp" and "3 ja"; a line without a slash is a
// question.
func commandLine(line string) (cmd, text string) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "/") {
		return "", line
	}
	cmd, text, _ = strings.Cut(line, " ")
	return bot.NormCommand(cmd), strings.TrimSpace(text)
}
