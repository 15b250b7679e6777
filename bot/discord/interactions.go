package discord

import (
	"context"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// tokenLife bounds a deferred completion: Discord's interaction token is
// valid for 15 minutes, after which an edit can no longer land.
const tokenLife = 14 * time.Minute

// respondFunc sends the one immediate response an interaction allows: the
// HTTP response body (endpoint mode) or the callback POST (gateway mode).
type respondFunc func(*discordgo.InteractionResponse) error

// deferKind is how an interaction was acknowledged before its reply existed.
type deferKind int

const (
	deferPublic  deferKind = iota // type 5: "kulturbot is thinking…"
	deferPrivate                  // type 5, ephemeral
	deferUpdate                   // type 6: a button click, message unchanged for now
)

func deferResponse(k deferKind) *discordgo.InteractionResponse {
	switch k {
	case deferUpdate:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	case deferPrivate:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
}

// wire is what goes over the wire for resp. discordgo omits an empty
// choices list, but Discord expects "choices":[] for "no matches".
func wire(resp *discordgo.InteractionResponse) any {
	if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult && (resp.Data == nil || len(resp.Data.Choices) == 0) {
		return map[string]any{"type": resp.Type, "data": map[string]any{"choices": []any{}}}
	}
	return resp
}

// respondREST sends resp through the callback endpoint (gateway mode).
func (a *Adapter) respondREST(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	if w, ok := wire(resp).(map[string]any); ok {
		ep := discordgo.EndpointInteractionResponse(i.ID, i.Token)
		_, err := a.session.RequestWithBucketID("POST", ep, w, ep, discordgo.WithContext(ctx))
		return err
	}
	return a.session.InteractionRespond(i, resp, discordgo.WithContext(ctx))
}

// handleInteraction answers one interaction. It calls send exactly once,
// within Discord's 3 seconds; slow work continues in the background and
// completes by editing the response or sending a follow-up. filesOK says
// whether send can carry attachments (the gateway's multipart callback
// can; the endpoint's JSON response body cannot, so replies with files are
// deferred and completed by a multipart edit).
func (a *Adapter) handleInteraction(ctx context.Context, i *discordgo.Interaction, send respondFunc, filesOK bool) {
	// discordgo does not recover panics in event handlers: one malformed
	// interaction must not take the whole bot down.
	defer a.recoverPanic("interaction", i.ID)
	if i.Type != discordgo.InteractionPing {
		if ok, key := a.allowed(ctx, i.GuildID, interactionUser(i)); !ok {
			a.log.Warn("discord interaction refused: not our server", "guild", i.GuildID, "user", interactionUser(i), "why", key)
			lang := bot.LangFromLocale(string(i.Locale))
			resp := &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: render(bot.Reply{Text: messages.T(lang, key), Private: true, Lang: lang}).responseData(false),
			}
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				resp = &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
					Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
			}
			a.sendLogged(i, send, resp)
			return
		}
	}
	switch i.Type {
	case discordgo.InteractionPing:
		a.sendLogged(i, send, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		a.sendLogged(i, send, &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: a.autocomplete(ctx, i)},
		})
	case discordgo.InteractionApplicationCommand:
		req, atts := a.commandRequest(i)
		a.run(ctx, i, req, atts, send, filesOK)
	case discordgo.InteractionMessageComponent:
		a.run(ctx, i, a.componentRequest(i), nil, send, filesOK)
	case discordgo.InteractionModalSubmit:
		a.run(ctx, i, a.modalRequest(i), nil, send, filesOK)
	default:
		lang := bot.LangFromLocale(string(i.Locale))
		a.sendLogged(i, send, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: render(bot.Reply{Text: messages.T(lang, "discord.unknown"), Private: true, Lang: lang}).responseData(false),
		})
	}
}

func (a *Adapter) recoverPanic(what, id string) {
	if p := recover(); p != nil {
		a.log.Error("discord "+what+" panicked", "id", id, "panic", p, "stack", string(debug.Stack()))
	}
}

func (a *Adapter) sendLogged(i *discordgo.Interaction, send respondFunc, resp *discordgo.InteractionResponse) bool {
	if err := send(resp); err != nil {
		a.opt.Metrics.PlatformError(bot.Discord)
		a.log.Warn("interaction response failed", "interaction", i.ID, "type", int(resp.Type), "err", err)
		return false
	}
	return true
}

// run routes a request and answers it: in the response when the router is
// done within AckTimeout, otherwise (and always for slow commands and
// uploads) by deferring and completing later.
func (a *Adapter) run(ctx context.Context, i *discordgo.Interaction, req *bot.Request, atts []*discordgo.MessageAttachment, send respondFunc, filesOK bool) {
	component := i.Type == discordgo.InteractionMessageComponent
	kind := deferPublic
	if component {
		kind = deferUpdate
	}
	if a.opt.Router == nil {
		a.sendLogged(i, send, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: render(bot.Reply{Text: bot.T(req.Lang, "error.internal"), Private: true}).responseData(false),
		})
		return
	}
	// The work outlives the request context (the HTTP response is sent
	// first), but not the interaction token.
	bg := context.WithoutCancel(ctx)
	work := func() bot.Reply {
		wctx, cancel := context.WithTimeout(bg, tokenLife)
		defer cancel()
		if len(atts) > 0 {
			// Downloaded only when the handler asks (bot.Request.LoadFiles):
			// after the admin check and the rate limit.
			req.FetchFiles = func(ctx context.Context) ([]bot.File, error) { return a.download(ctx, atts, req.Lang) }
		}
		return a.opt.Router.Handle(wctx, req)
	}
	if a.opt.Router.IsSlow(req) || len(atts) > 0 {
		req.Slow = true
		if !a.sendLogged(i, send, deferResponse(kind)) {
			return // the interaction is gone; doing the work would surprise the user later
		}
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			defer a.recoverPanic("completion", i.ID)
			a.complete(bg, i, req, work(), kind)
		}()
		return
	}
	rep, done := bot.Within(a.opt.AckTimeout, &a.wg, a.log, req, work)
	switch {
	case done == nil:
		if len(rep.Files) > 0 && !filesOK && !bot.IsDuplicate(rep) {
			k := deferPublic
			if rep.Private {
				k = deferPrivate
			}
			if a.sendLogged(i, send, deferResponse(k)) {
				a.wg.Add(1)
				go func() {
					defer a.wg.Done()
					defer a.recoverPanic("completion", i.ID)
					a.complete(bg, i, req, rep, k)
				}()
			}
			return
		}
		a.sendLogged(i, send, a.response(i, req, rep))
	default:
		// The handler is taking longer than usual (a busy database):
		// acknowledge now and finish with an edit.
		if !a.sendLogged(i, send, deferResponse(kind)) {
			return
		}
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			defer a.recoverPanic("completion", i.ID)
			a.complete(bg, i, req, <-done, kind)
		}()
	}
}

// response is the immediate interaction response for a finished reply.
func (a *Adapter) response(i *discordgo.Interaction, req *bot.Request, rep bot.Reply) *discordgo.InteractionResponse {
	component := i.Type == discordgo.InteractionMessageComponent
	if bot.IsDuplicate(rep) {
		if component {
			// Already handled: acknowledge without touching the message.
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: render(bot.Reply{Text: messages.T(req.Lang, "discord.duplicate"), Private: true}).responseData(false),
		}
	}
	if rep.Form != nil && i.Type != discordgo.InteractionModalSubmit {
		a.forms.put(formID(rep.Form), rep.Form)
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: modal(rep.Form)}
	}
	rep = a.adjust(i, req, rep)
	if component && rep.Replace && rep.Error == nil {
		// An update keeps the message's visibility; flags do not apply.
		rep.Private = false
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: render(rep).responseData(true)}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: render(rep).responseData(true)}
}

// adjust fits a reply to what Discord can show at this point: a form that
// cannot open as a modal becomes a button that opens it, and an error from a
// modal names the field at fault and offers to open the form again (Discord
// modals cannot show errors inline).
func (a *Adapter) adjust(i *discordgo.Interaction, req *bot.Request, rep bot.Reply) bot.Reply {
	if rep.Form != nil {
		rep.Buttons = append(rep.Buttons, bot.Button{Label: messages.T(req.Lang, "discord.openform"), Command: formID(rep.Form), Style: "primary"})
		if rep.Text == "" {
			rep.Text = rep.Form.Title
		}
		rep.Form = nil
	}
	if i.Type == discordgo.InteractionModalSubmit && rep.Error != nil {
		id := i.ModalSubmitData().CustomID
		if f := a.forms.get(id); f != nil && rep.Error.Field != "" {
			for _, fl := range f.Fields {
				if fl.Name == rep.Error.Field {
					rep.Text = messages.T(req.Lang, "discord.formfield", fl.Label, rep.Text)
					break
				}
			}
		}
		rep.Text = "⚠️ " + rep.Text
		rep.Buttons = append(rep.Buttons, bot.Button{Label: messages.T(req.Lang, "discord.retry"), Command: id, Style: "primary"})
		rep.Private = true
	}
	return rep
}

// complete finishes a deferred interaction with its reply.
func (a *Adapter) complete(ctx context.Context, i *discordgo.Interaction, req *bot.Request, rep bot.Reply, kind deferKind) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s := a.session
	var err error
	// An answer the user is waiting for must land: wait out a 429 here
	// (within the context's bound), unlike channel posts, whose callers
	// schedule their own retries.
	ctxOpt, retry := discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(true)
	opt := func(cfg *discordgo.RequestConfig) { ctxOpt(cfg); retry(cfg) }
	switch {
	case bot.IsDuplicate(rep):
		if kind != deferUpdate {
			_, err = s.InteractionResponseEdit(i, render(bot.Reply{Text: messages.T(req.Lang, "discord.duplicate")}).edit(), opt)
		}
	case kind == deferUpdate:
		rep = a.adjust(i, req, rep)
		if rep.Replace && rep.Error == nil {
			// After a type 6 ack, @original is the message the button was on.
			rep.Private = false
			_, err = s.InteractionResponseEdit(i, render(rep).edit(), opt)
		} else {
			_, err = s.FollowupMessageCreate(i, true, render(rep).followup(), opt)
		}
	default:
		rep = a.adjust(i, req, rep)
		if rep.Private && kind == deferPublic {
			// A public "thinking…" cannot turn ephemeral: replace it by an
			// ephemeral follow-up.
			if err = s.InteractionResponseDelete(i, opt); err == nil {
				_, err = s.FollowupMessageCreate(i, true, render(rep).followup(), opt)
			}
		} else {
			_, err = s.InteractionResponseEdit(i, render(rep).edit(), opt)
		}
	}
	if err != nil {
		a.opt.Metrics.PlatformError(bot.Discord)
		a.log.Warn("deferred completion failed", "interaction", i.ID, "req", req.ID, "err", err)
	}
}

// autocomplete answers the focused option with the Suggester's options.
func (a *Adapter) autocomplete(ctx context.Context, i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{} // [] not null: "no matches"
	if a.opt.Suggester == nil {
		return choices
	}
	// Every keystroke is a request that queries the database: limited
	// like commands (a separate, larger budget), over it no choices.
	if a.opt.SuggestLimiter != nil && !a.opt.SuggestLimiter.Allow("discord:"+interactionUser(i)) {
		return choices
	}
	data := i.ApplicationCommandData()
	opts := data.Options
	subName := ""
	if len(opts) == 1 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		subName = opts[0].Name
		opts = opts[0].Options
	}
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		if o.Focused {
			focused = o
		}
	}
	if focused == nil {
		return choices
	}
	// The param says what completes it ("id" of /samling avlys is a
	// gathering, "navn" of /kulturbot kommune a municipality).
	field := focused.Name
	if _, v := a.verbOf(data.Name, subName); v != nil {
		if p, ok := v.Param(field); ok && p.Suggest != "" {
			field = p.Suggest
		}
	}
	typed := optionString(focused)
	if s, ok := focused.Value.(string); ok {
		typed = s
	}
	// For "kommuner" (a comma list) the Suggester completes the last name
	// and returns values that keep the names before it.
	prefix := strings.TrimSpace(typed)
	sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	lang := bot.LangFromLocale(string(i.Locale))
	for _, o := range a.opt.Suggester.Suggest(sctx, field, prefix, lang) {
		if len(choices) == maxChoices {
			break
		}
		name := bot.Cut(o.Label, maxChoiceLen)
		var value any = o.Value
		if focused.Type == discordgo.ApplicationCommandOptionInteger {
			n, err := strconv.ParseInt(gatheringID(o.Value), 10, 64)
			if err != nil {
				continue
			}
			value = n
		} else if len(value.(string)) > maxChoiceLen {
			continue // a truncated value would be a different answer
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: value})
	}
	return choices
}
