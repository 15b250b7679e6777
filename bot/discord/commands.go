package discord

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// English client locales get the English names and descriptions; everyone
// else sees the Norwegian ones (Discord has no bokmål locale besides "no").
var enLocales = []discordgo.Locale{discordgo.EnglishUS, discordgo.EnglishGB}

func loc(en string) map[discordgo.Locale]string {
	if en == "" {
		return nil
	}
	m := map[discordgo.Locale]string{}
	for _, l := range enLocales {
		m[l] = en
	}
	return m
}

func locp(en string) *map[discordgo.Locale]string {
	m := loc(en)
	if m == nil {
		return nil
	}
	return &m
}

// Commands builds kulturbot's application commands from the routes
// (bot.Route metadata; routes without a description are not commands).
// Option names are the argument keys the handlers read (samling=, svar=,
// kommune=, ...), so an interaction translates into a request without a
// mapping table (commandRequest). Options that a form can ask for are
// optional: a command used without them opens the modal instead.
func Commands(routes []*bot.Route) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, rt := range routes {
		if !rt.Listed() {
			continue
		}
		c := &discordgo.ApplicationCommand{
			Type: discordgo.ChatApplicationCommand, Name: rt.Name, Description: rt.Desc.NB,
			DescriptionLocalizations: locp(rt.Desc.EN),
		}
		if rt.EN != "" && rt.EN != rt.Name {
			c.NameLocalizations = locp(rt.EN)
		}
		for _, p := range rt.Params {
			c.Options = append(c.Options, option(p))
		}
		for i := range rt.Verbs {
			v := &rt.Verbs[i]
			if v.Button {
				continue
			}
			sub := &discordgo.ApplicationCommandOption{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: v.Name,
				Description: v.Desc.NB, DescriptionLocalizations: loc(v.Desc.EN),
			}
			if v.EN != "" && v.EN != v.Name {
				sub.NameLocalizations = loc(v.EN)
			}
			for _, p := range v.Params {
				sub.Options = append(sub.Options, option(p))
			}
			c.Options = append(c.Options, sub)
		}
		out = append(out, c)
	}
	return out
}

// option is a typed option: text (at most 1000 characters; dates 10),
// integer, boolean or attachment; autocompleted when the bot suggests it.
func option(p bot.Param) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Name: p.Name, Description: p.Desc.NB, Required: p.Required,
		DescriptionLocalizations: loc(p.Desc.EN), Autocomplete: p.Suggest != "",
	}
	if p.EN != "" && p.EN != p.Name {
		o.NameLocalizations = loc(p.EN)
	}
	switch p.Type {
	case bot.ParamInt:
		o.Type = discordgo.ApplicationCommandOptionInteger
		lo := float64(p.Min)
		o.MinValue = &lo
		if p.Max > 0 {
			o.MaxValue = float64(p.Max)
		}
	case bot.ParamBool:
		o.Type = discordgo.ApplicationCommandOptionBoolean
	case bot.ParamFile:
		o.Type = discordgo.ApplicationCommandOptionAttachment
	case bot.ParamDate:
		o.Type = discordgo.ApplicationCommandOptionString
		o.MaxLength = 10
	default:
		o.Type = discordgo.ApplicationCommandOptionString
		o.MaxLength = 1000
	}
	for _, c := range p.Choices {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c.Value, Value: c.Value, NameLocalizations: loc(c.EN)})
	}
	return o
}

// RegisterCommands replaces the application's commands with the router's
// Commands in
// one bulk overwrite: in DISCORD_GUILD_ID when set (visible at once),
// globally otherwise (Discord may take a while to show changes).
func (a *Adapter) RegisterCommands(ctx context.Context) ([]*discordgo.ApplicationCommand, error) {
	appID, err := a.AppID(ctx)
	if err != nil {
		return nil, err
	}
	got, err := a.session.ApplicationCommandBulkOverwrite(appID, a.opt.GuildID, Commands(a.routes()), discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("register Discord commands: %w", err)
	}
	return got, nil
}

// routes are the router's routes (none without a router).
func (a *Adapter) routes() []*bot.Route {
	if a.opt.Router == nil {
		return nil
	}
	return a.opt.Router.Routes()
}
