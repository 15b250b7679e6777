package discord

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/kulturskoleradet/kulturbot/bot"
)

// One server: a bot whose application is public can be added to any
// server, and interactions from there are signed by Discord like ours.
// With GuildID set, the adapter answers only in that guild, and in DMs only
// members of it; everything else gets a short refusal (interactions must be
// answered) or silence (messages).

var guildMessages = bot.Messages{
	"discord.otherguild": {"Denne boten svarer bare på Fremtidens kulturskole sin Discord-server.",
		"This bot only answers on the Fremtidens kulturskole Discord server."},
	"discord.notmember": {"Jeg svarer bare medlemmer av Fremtidens kulturskole sin Discord-server.",
		"I only answer members of the Fremtidens kulturskole Discord server."},
	"discord.checkdm": {"Svaret er personlig, men jeg fikk ikke sendt deg en direktemelding – sjekk DM-ene dine (tillat direktemeldinger fra servermedlemmer) og spør igjen.",
		"The answer is personal, but I could not send you a direct message – check your DMs (allow direct messages from server members) and ask again."},
}

// memberTTL is how long a membership answer is reused: leaving the server
// takes effect within it.
const memberTTL = 10 * time.Minute

type memberCache struct {
	mu sync.Mutex
	m  map[string]memberEntry
}

type memberEntry struct {
	member bool
	at     time.Time
}

// allowed says whether a request from guildID by userID may be served.
// guildID is "" for a DM.
func (a *Adapter) allowed(ctx context.Context, guildID, userID string) (ok bool, key string) {
	home := a.opt.GuildID
	if home == "" {
		return true, "" // warned about at start
	}
	if guildID != "" {
		if guildID == home {
			return true, ""
		}
		return false, "discord.otherguild"
	}
	if a.isMember(ctx, userID) {
		return true, ""
	}
	return false, "discord.notmember"
}

// isMember asks Discord whether userID is a member of the home guild; an
// error counts as "no" (fail closed) and is not cached.
func (a *Adapter) isMember(ctx context.Context, userID string) bool {
	if userID == "" {
		return false
	}
	a.members.mu.Lock()
	if e, ok := a.members.m[userID]; ok && time.Since(e.at) < memberTTL {
		a.members.mu.Unlock()
		return e.member
	}
	a.members.mu.Unlock()
	_, err := a.session.GuildMember(a.opt.GuildID, userID, discordgo.WithContext(ctx))
	member := err == nil
	var re *discordgo.RESTError
	if err != nil && !(errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound) {
		a.log.Warn("discord membership check failed; refusing the DM", "user", userID, "err", err)
		return false
	}
	a.members.mu.Lock()
	if a.members.m == nil {
		a.members.m = map[string]memberEntry{}
	}
	a.members.m[userID] = memberEntry{member: member, at: time.Now()}
	a.members.mu.Unlock()
	return member
}

// interactionUser is who sent an interaction (member in a guild, user in a DM).
func interactionUser(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}
