package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Run connects to the gateway and handles interactions, @mentions and DMs
// until ctx ends. discordgo reconnects (and resumes) on its own when the
// connection drops.
func (a *Adapter) Run(ctx context.Context) error {
	s := a.session
	if s.Token == "" {
		return errors.New("discord gateway: DISCORD_BOT_TOKEN is not set")
	}
	remove := []func(){
		s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { a.onReady(r) }),
		s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { a.onInteraction(ctx, ic.Interaction) }),
		s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { a.onMessage(ctx, m.Message) }),
	}
	defer func() {
		for _, r := range remove {
			r()
		}
	}()
	if err := a.open(ctx); err != nil {
		return err
	}
	a.log.Info("discord gateway connected")
	<-ctx.Done()
	err := s.Close()
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	_ = a.Shutdown(wctx)
	if err != nil {
		return err
	}
	return ctx.Err()
}

// onInteraction answers an interaction that came over the gateway; the
// response goes to the callback endpoint, which takes files as multipart.
func (a *Adapter) onInteraction(ctx context.Context, i *discordgo.Interaction) {
	a.handleInteraction(ctx, i, func(resp *discordgo.InteractionResponse) error {
		return a.respondREST(ctx, i, resp)
	}, true)
}

// open connects to the gateway, retrying with backoff while Discord is
// unreachable (discordgo itself only reconnects after a first success).
// A refused token or intent is final: retrying cannot fix configuration.
func (a *Adapter) open(ctx context.Context) error {
	wait := time.Second
	for {
		err := a.session.Open()
		if err == nil {
			return nil
		}
		if fatalOpen(err) {
			return fmt.Errorf("discord gateway: %w (check DISCORD_BOT_TOKEN and the bot's settings)", err)
		}
		a.opt.Metrics.PlatformError(bot.Discord)
		a.log.Warn("discord gateway unreachable, retrying", "in", wait, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, time.Minute)
	}
}

// fatalOpen reports errors that a retry cannot fix: a rejected token
// (HTTP 401, close 4004) or intents (4013, 4014).
func fatalOpen(err error) bool {
	var re *discordgo.RESTError
	if errors.Is(err, discordgo.ErrUnauthorized) || (errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized) {
		return true
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		switch ce.Code {
		case 4004, 4010, 4011, 4012, 4013, 4014:
			return true
		}
	}
	return false
}

// Shutdown waits for deferred completions in flight, until ctx ends.
func (a *Adapter) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() { a.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *Adapter) onReady(r *discordgo.Ready) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if r.User != nil {
		a.botID = r.User.ID
	}
	if a.appID == "" && r.Application != nil {
		a.appID = r.Application.ID
	}
}

// botUser is the bot's own user id. discordgo runs event handlers in
// their own goroutines, so a message may be handled before onReady ran;
// the session state, filled synchronously from READY, covers that gap.
func (a *Adapter) botUser() string {
	a.mu.RLock()
	me := a.botID
	a.mu.RUnlock()
	if me != "" {
		return me
	}
	if st := a.session.State; st != nil {
		st.RLock()
		defer st.RUnlock()
		if st.User != nil {
			return st.User.ID
		}
	}
	return ""
}

// SetBotUser tells the adapter its own user id (normally learned from the
// gateway's Ready event), so it recognises @mentions of itself.
func (a *Adapter) SetBotUser(id string) {
	a.mu.Lock()
	a.botID = id
	a.mu.Unlock()
}

// onMessage answers a DM or a message that @mentions the bot, as a
// question (or a command line when it starts with "/"), replying to it.
func (a *Adapter) onMessage(ctx context.Context, m *discordgo.Message) {
	if m == nil || m.Author == nil || m.Author.Bot || a.opt.Router == nil {
		return
	}
	defer a.recoverPanic("message", m.ID)
	me := a.botUser()
	if me == "" || m.Author.ID == me {
		return
	}
	dm := m.GuildID == ""
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == me {
			mentioned = true
		}
	}
	if !dm && !mentioned {
		return
	}
	if ok, key := a.allowed(ctx, m.GuildID, m.Author.ID); !ok {
		a.log.Warn("discord message refused: not our server", "guild", m.GuildID, "user", m.Author.ID, "why", key)
		if dm {
			// A DM from a stranger gets one sentence, never an answer.
			_, _ = a.session.ChannelMessageSendComplex(m.ChannelID, render(bot.Reply{Text: messages.T(bot.NB, key)}).send(), discordgo.WithContext(ctx))
		}
		return
	}
	text := strings.NewReplacer("<@"+me+">", " ", "<@!"+me+">", " ").Replace(m.Content)
	text = strings.TrimSpace(text)
	var roles []string
	name := m.Author.DisplayName()
	if m.Member != nil {
		roles = m.Member.Roles
		if m.Member.Nick != "" {
			name = m.Member.Nick
		}
	}
	req := &bot.Request{
		ID: "discord-" + m.ID, EventID: "msg:" + m.ID, Platform: bot.Discord,
		User:    bot.User{ID: m.Author.ID, Name: name, Admin: a.isAdmin(m.Author.ID, roles)},
		Channel: m.ChannelID, Thread: m.ID, Text: text, Time: m.Timestamp,
	}
	switch {
	case strings.HasPrefix(text, "/"):
		req.Command, req.Text = commandLine(text)
	case text == "":
		req.Command, req.Text = "kulturbot", "hjelp"
	}
	s := a.session
	if a.opt.Router.IsSlow(req) {
		req.Slow = true
		_ = s.ChannelTyping(m.ChannelID, discordgo.WithContext(ctx))
	}
	a.wg.Add(1)
	defer a.wg.Done()
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenLife)
	defer cancel()
	rep := a.opt.Router.Handle(wctx, req)
	if bot.IsDuplicate(rep) {
		return
	}
	rep = a.adjust(&discordgo.Interaction{}, req, rep)
	msg := render(rep).send()
	channel := m.ChannelID
	if rep.Private && !dm {
		// A message cannot be ephemeral: personal answers (mine-data, an
		// export) go by DM, and if that fails the channel hears only
		// "sjekk DM-ene dine", never the content.
		err := a.sendDM(wctx, m.Author.ID, rep)
		if err == nil {
			return
		}
		a.log.Warn("private reply by DM failed; telling the channel to check DMs", "req", req.ID, "err", err)
		rep = bot.Reply{Text: messages.T(req.Lang, "discord.checkdm"), Lang: req.Lang}
		msg = render(rep).send()
	}
	if channel == m.ChannelID {
		msg.Reference = m.Reference()
	}
	_, err := s.ChannelMessageSendComplex(channel, msg, discordgo.WithContext(wctx), discordgo.WithRetryOnRatelimit(true))
	var re *discordgo.RESTError
	if err != nil && msg.Reference != nil && errors.As(err, &re) && re.Response != nil &&
		(re.Response.StatusCode == http.StatusBadRequest || re.Response.StatusCode == http.StatusForbidden) {
		// Replying needs Read Message History and a message that still
		// exists; answering without the reference is better than silence.
		msg = render(rep).send() // fresh file readers
		_, err = s.ChannelMessageSendComplex(channel, msg, discordgo.WithContext(wctx), discordgo.WithRetryOnRatelimit(true))
	}
	if err != nil {
		a.opt.Metrics.PlatformError(bot.Discord)
		a.log.Warn("reply to message failed", "req", req.ID, "err", err)
	}
}

// sendDM sends rep to userID's DM channel. Opening the channel can succeed
// and sending still fail (the user allows no DMs from server members).
func (a *Adapter) sendDM(ctx context.Context, userID string, rep bot.Reply) error {
	ch, err := a.session.UserChannelCreate(userID, discordgo.WithContext(ctx))
	if err != nil {
		return err
	}
	if ch == nil || ch.ID == "" {
		return errors.New("discord: no DM channel returned")
	}
	_, err = a.session.ChannelMessageSendComplex(ch.ID, render(rep).send(), discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(true))
	return err
}
