// Package discord is kulturbot's Discord adapter, on
// github.com/bwmarrin/discordgo. It turns interactions (application
// commands, autocomplete, button clicks, modal submits) and @mentions/DMs
// into bot.Requests and renders bot.Replies as content, embeds and
// components.
//
// Two modes, usable together:
//
//   - Gateway (Run): a websocket session with the bot token receives
//     interactions and messages. No public URL needed.
//   - Interactions endpoint (ServeHTTP): Discord POSTs each interaction,
//     signed with Ed25519, to POST /discord/interactions; the response body is
//     the interaction response.
//
// The adapter imports only bot (and discordgo): handlers reach it through
// the router, and autocomplete through the bot.Suggester interface.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Options configure an Adapter.
type Options struct {
	// Router runs the commands. May be nil for registration-only use
	// (kulturbot discord register).
	Router *bot.Router
	// Suggester completes option values while the user types; may be nil.
	Suggester bot.Suggester
	// SuggestLimiter rate-limits autocomplete per user; nil: no limit.
	SuggestLimiter *bot.RateLimiter
	// Token is the bot token (DISCORD_BOT_TOKEN), with or without "Bot ".
	// Needed for the gateway, command registration and channel posts; the
	// interactions endpoint and its follow-ups work without it.
	Token string
	// AppID is the application id (DISCORD_APP_ID). When empty it is looked
	// up with the token (GET /applications/@me) or taken from the gateway.
	AppID string
	// PublicKey is the application's hex Ed25519 public key
	// (DISCORD_PUBLIC_KEY), required for the interactions endpoint.
	PublicKey string
	// GuildID registers commands in one guild (instant) instead of globally,
	// and is the one server the bot answers: interactions and mentions from
	// other guilds are refused, DMs answered only for members of it.
	GuildID string
	// APIURL replaces https://discord.com/ (DISCORD_API_URL, for tests).
	APIURL string
	// Admins holds admin keys as in KULTURBOT_ADMINS ("discord:123").
	Admins map[string]bool
	// AdminRole is a role id whose members are admins.
	AdminRole string
	// Log receives adapter logs; nil means slog.Default().
	Log *slog.Logger
	// Metrics counts failed Discord API calls (nil: not counted).
	Metrics bot.Metrics
	// AckTimeout is how long a quick command may run before the adapter
	// defers the response instead (Discord allows 3 s). Default 2.2 s.
	AckTimeout time.Duration
	// MaxBody bounds an interaction request body (default 1 MiB).
	MaxBody int64
	// MaxFile bounds one downloaded attachment (default 20 MiB).
	MaxFile int64
	// Now is the clock for the signature timestamp window (tests).
	Now func() time.Time
	// HTTPClient is the base client for REST calls; its transport is wrapped
	// to honour APIURL. Nil means a client with a 20 s timeout.
	HTTPClient *http.Client
}

// Adapter is a running Discord integration.
type Adapter struct {
	opt     Options
	log     *slog.Logger
	session *discordgo.Session
	key     ed25519.PublicKey

	mu    sync.RWMutex
	appID string
	botID string // the bot user's id, learned from the gateway Ready event

	wg      sync.WaitGroup // deferred completions and downloads in flight
	forms   formCache      // open modals, for mapping typed choices to values
	members memberCache    // DM senders' membership of GuildID
}

// New builds an adapter. It opens no connection: Run does (gateway), and
// ServeHTTP serves the interactions endpoint.
func New(opt Options) (*Adapter, error) {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.AckTimeout <= 0 {
		opt.AckTimeout = 2200 * time.Millisecond
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = 1 << 20
	}
	if opt.MaxFile <= 0 {
		opt.MaxFile = 20 << 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	opt.Metrics = bot.OrNop(opt.Metrics)
	a := &Adapter{opt: opt, log: opt.Log.With("platform", "discord"), appID: opt.AppID}
	if opt.PublicKey != "" {
		k, err := hex.DecodeString(strings.TrimSpace(opt.PublicKey))
		if err != nil || len(k) != ed25519.PublicKeySize {
			return nil, errors.New("DISCORD_PUBLIC_KEY: expected the 64 hex characters shown on the application's General Information page")
		}
		a.key = ed25519.PublicKey(k)
	}
	token := strings.TrimSpace(opt.Token)
	if token != "" && !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, err
	}
	client := opt.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	if opt.APIURL != "" {
		base, err := url.Parse(strings.TrimSpace(opt.APIURL))
		if err != nil || base.Scheme == "" || base.Host == "" {
			return nil, fmt.Errorf("DISCORD_API_URL: %q is not an absolute URL", opt.APIURL)
		}
		c := *client
		c.Transport = &rewrite{base: base, next: client.Transport}
		client = &c
	}
	s.Client = client
	// A rate-limited REST call must surface as an error so Posters can
	// report Retry-After; the digest decides when to try again.
	s.ShouldRetryOnRateLimit = false
	s.Identify.Intents = Intents
	a.session = s
	return a, nil
}

// Intents are the gateway intents the adapter asks for:
//
//   - Guilds: servers, channels and roles as they change (discordgo's state).
//   - GuildMessages: messages in server channels, for @mentions.
//   - DirectMessages: questions sent to the bot in DMs.
//
// MessageContent (privileged) is deliberately not requested: Discord
// delivers the text of messages that @mention the bot and of DMs to it
// without that intent, and those are the only messages kulturbot reads.
// Asking for a privileged intent that is not switched on in the Developer
// Portal makes Discord close the gateway (4014), so asking for it "just in
// case" would stop the bot. Interactions need no intents at all.
const Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// Session is the underlying discordgo session (REST client and gateway).
func (a *Adapter) Session() *discordgo.Session { return a.session }

// Wait blocks until deferred completions in flight have finished.
func (a *Adapter) Wait() { a.wg.Wait() }

// AppID returns the application id, looking it up with the bot token when
// it was not configured.
func (a *Adapter) AppID(ctx context.Context) (string, error) {
	a.mu.RLock()
	id := a.appID
	a.mu.RUnlock()
	if id != "" {
		return id, nil
	}
	if a.session.Token == "" {
		return "", errors.New("DISCORD_APP_ID is not set and there is no bot token to look it up")
	}
	app, err := a.session.Application("@me") // GET /oauth2/applications/@me
	if err != nil {
		return "", fmt.Errorf("look up application id: %w", err)
	}
	a.mu.Lock()
	a.appID = app.ID
	a.mu.Unlock()
	return app.ID, nil
}

// rewrite sends every request to the configured base URL. discordgo builds
// its endpoint strings from https://discord.com/ once at package start, so
// changing its variables later would not redirect them; rewriting scheme,
// host and path prefix at the transport catches every call, including
// attachment downloads from the CDN.
type rewrite struct {
	base *url.URL
	next http.RoundTripper
}

func (t *rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r2 := r.Clone(r.Context())
	u := *r.URL
	u.Scheme = t.base.Scheme
	u.Host = t.base.Host
	if p := strings.TrimSuffix(t.base.Path, "/"); p != "" {
		u.Path = p + u.Path
		u.RawPath = ""
	}
	r2.URL = &u
	r2.Host = ""
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(r2)
}
