package discord

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// user builds the bot user of an interaction: Member in a guild, User in a DM.
func (a *Adapter) user(i *discordgo.Interaction) bot.User {
	var u bot.User
	var roles []string
	switch {
	case i.Member != nil && i.Member.User != nil:
		u.ID = i.Member.User.ID
		u.Name = i.Member.User.DisplayName()
		if i.Member.Nick != "" {
			u.Name = i.Member.Nick
		}
		roles = i.Member.Roles
	case i.User != nil:
		u.ID = i.User.ID
		u.Name = i.User.DisplayName()
	}
	u.Locale = string(i.Locale)
	u.Admin = a.isAdmin(u.ID, roles)
	return u
}

func (a *Adapter) isAdmin(id string, roles []string) bool {
	if id != "" && a.opt.Admins["discord:"+id] {
		return true
	}
	if a.opt.AdminRole != "" {
		for _, r := range roles {
			if r == a.opt.AdminRole {
				return true
			}
		}
	}
	return false
}

// baseRequest fills what every interaction shares.
func (a *Adapter) baseRequest(i *discordgo.Interaction) *bot.Request {
	u := a.user(i)
	return &bot.Request{
		ID:       "discord-" + i.ID,
		EventID:  i.ID, // the router's Dedup drops a repeated interaction
		Platform: bot.Discord,
		User:     u,
		Channel:  i.ChannelID,
		Lang:     bot.LangFromLocale(u.Locale),
	}
}

// commandRequest translates an application command interaction. Attachments
// are returned for download outside the 3-second acknowledgement path.
func (a *Adapter) commandRequest(i *discordgo.Interaction) (*bot.Request, []*discordgo.MessageAttachment) {
	data := i.ApplicationCommandData()
	req := a.baseRequest(i)
	req.Command = data.Name
	opts := data.Options
	subName := ""
	if len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		subName = opts[0].Name
		opts = opts[0].Options
	}
	values := map[string]string{}
	var files []*discordgo.MessageAttachment
	for _, o := range opts {
		switch o.Type {
		case discordgo.ApplicationCommandOptionAttachment:
			id, _ := o.Value.(string)
			if data.Resolved != nil && data.Resolved.Attachments[id] != nil {
				files = append(files, data.Resolved.Attachments[id])
			}
		default:
			values[o.Name] = optionString(o)
		}
	}
	// How the options become request text is the route's metadata: the
	// verb word (unless Bare), its positional params in order, flags; the
	// rest goes into Form as key=value.
	rt, verb := a.verbOf(data.Name, subName)
	if rt != nil && rt.RawText && subName == "" && len(rt.Params) > 0 {
		// The question is free text: passed as typed, never re-parsed.
		req.Text = values[rt.Params[0].Name]
		return req, files
	}
	words := []string{}
	if verb == nil {
		if subName != "" {
			words = append(words, subName)
		}
	} else {
		for _, p := range verb.Params {
			if p.Suggest == "samling" && values[p.Name] != "" {
				values[p.Name] = gatheringID(values[p.Name])
			}
		}
		if !verb.Bare {
			words = append(words, verb.Name)
		}
		for n, k := range verb.Pos {
			v, ok := values[k]
			if !ok || v == "" {
				break // positional values only make sense in order
			}
			if n == len(verb.Pos)-1 && verb.RawLast {
				words = append(words, v)
			} else {
				words = append(words, quote(v))
			}
			delete(values, k)
		}
		for _, p := range verb.Params {
			if !p.Flag {
				continue
			}
			if values[p.Name] == "ja" {
				words = append(words, "--"+p.Name)
			}
			delete(values, p.Name)
		}
	}
	req.Text = strings.Join(words, " ")
	for k, v := range values {
		if v == "" {
			delete(values, k)
		}
	}
	if len(values) > 0 {
		req.Form = values
	}
	return req, files
}

// optionString renders a typed option the way the handlers parse it:
// integers in decimal, booleans as ja/nei.
func optionString(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch v := o.Value.(type) {
	case string:
		return strings.TrimSpace(v)
	case bool:
		if v {
			return "ja"
		}
		return "nei"
	case float64:
		return strconv.FormatInt(int64(v), 10)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// gatheringID extracts the id from an autocomplete value or from what the
// user typed without picking ("#3 Samling i Bodø" -> "3"); anything else is
// passed on for the handler to reject with its usage message.
func gatheringID(v string) string {
	s := strings.TrimPrefix(strings.TrimSpace(v), "#")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end > 0 {
		return s[:end]
	}
	return strings.TrimSpace(v)
}

// quote protects a positional value with spaces or quote characters so the
// shared argument parser reads it back as one value.
func quote(v string) string {
	if !strings.ContainsAny(v, " \t\n\"'«»“”‘’") {
		return v
	}
	// Each opening quote is closed only by its own closing character, so
	// any quote character not in the value can wrap it.
	for _, q := range [][2]string{{"«", "»"}, {`"`, `"`}, {"'", "'"}} {
		if !strings.Contains(v, q[1]) {
			return q[0] + v + q[1]
		}
	}
	return v
}

// verbOf finds the route of a command and the verb of a subcommand (nil
// when the router does not know them).
func (a *Adapter) verbOf(cmd, sub string) (*bot.Route, *bot.Verb) {
	if a.opt.Router == nil {
		return nil, nil
	}
	rt, ok := a.opt.Router.Lookup(cmd)
	if !ok {
		return nil, nil
	}
	v, _ := rt.VerbNamed(sub)
	return rt, v
}

// commandLine splits a button's custom_id or a modal's custom_id
// ("/rsvp 3 ja") into command and text.
func commandLine(line string) (cmd, text string) {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "/")
	cmd, text, _ = strings.Cut(line, " ")
	return cmd, strings.TrimSpace(text)
}

// componentRequest translates a button click: the custom_id is a command
// line, run as the clicking user.
func (a *Adapter) componentRequest(i *discordgo.Interaction) *bot.Request {
	data := i.MessageComponentData()
	req := a.baseRequest(i)
	req.Command, req.Text = commandLine(data.CustomID)
	if data.ComponentType == discordgo.SelectMenuComponent && len(data.Values) > 0 {
		req.Text = strings.TrimSpace(req.Text + " " + strings.Join(data.Values, " "))
	}
	req.Clicked = true
	if i.Message != nil {
		req.Thread = i.Message.ID
	}
	return req
}

// modalRequest translates a modal submit: the modal's custom_id is the
// form's command line, the text inputs are the form values.
func (a *Adapter) modalRequest(i *discordgo.Interaction) *bot.Request {
	data := i.ModalSubmitData()
	req := a.baseRequest(i)
	req.Command, req.Text = commandLine(data.CustomID)
	form := a.forms.get(data.CustomID)
	values := map[string]string{}
	for _, c := range data.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, cc := range row.Components {
			ti, ok := cc.(*discordgo.TextInput)
			if !ok {
				continue
			}
			v := strings.TrimSpace(ti.Value)
			if v == "" {
				continue
			}
			values[ti.CustomID] = normaliseChoice(form, ti.CustomID, v)
		}
	}
	if v, ok := values["samling"]; ok {
		values["samling"] = gatheringID(v)
	}
	if len(values) > 0 {
		req.Form = values
	}
	return req
}

// normaliseChoice maps what someone typed into a text input that stands in
// for a select ("Ja", "yes", "Innlandet") to the option's value, ignoring
// case and æøå spelling. Unknown text is passed on for the handler to judge.
func normaliseChoice(f *bot.Form, name, v string) string {
	if f == nil {
		return v
	}
	for _, fl := range f.Fields {
		if fl.Name != name || fl.Kind != bot.FieldSelect {
			continue
		}
		for _, o := range fl.Options {
			if bot.SameName(o.Value, v) || bot.SameName(o.Label, v) {
				return o.Value
			}
		}
	}
	return v
}

// download fetches attachments (bounded in size) into bot.Files; a file
// too large is refused in lang.
func (a *Adapter) download(ctx context.Context, atts []*discordgo.MessageAttachment, lang bot.Lang) ([]bot.File, error) {
	var out []bot.File
	for _, at := range atts {
		if at.Size > 0 && int64(at.Size) > a.opt.MaxFile {
			return nil, &bot.Error{Code: bot.EInvalid, Message: bot.T(lang, "error.filetoolarge", at.Filename)}
		}
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, at.URL, nil)
		if err != nil {
			return nil, err
		}
		resp, err := a.session.Client.Do(r)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, a.opt.MaxFile+1))
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("download %s: %s", at.Filename, resp.Status)
		}
		if int64(len(b)) > a.opt.MaxFile {
			return nil, &bot.Error{Code: bot.EInvalid, Message: bot.T(lang, "error.filetoolarge", at.Filename)}
		}
		out = append(out, bot.File{Name: at.Filename, Type: at.ContentType, Content: b})
	}
	return out, nil
}
