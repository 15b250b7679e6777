package discord

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Discord's limits (https://discord.com/developers/docs/resources/message).
const (
	maxContent     = 2000
	maxDescription = 4096
	maxTitle       = 256
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFields      = 25
	maxFooter      = 2048
	maxEmbedTotal  = 6000 // title, description, field names and values, footer together
	minDescription = 500  // room fields and footer leave for the description
	maxRows        = 5
	maxRowButtons  = 5
	maxLabel       = 80
	maxCustomID    = 100
	maxModalInputs = 5
	maxModalTitle  = 45
	maxInputLabel  = 45
	maxPlaceholder = 100
	maxChoices     = 25
	maxChoiceLen   = 100
)

// embedColor is the side bar of kulturbot's embeds.
const embedColor = 0x2E7D6B

// messages are the adapter's own texts; the core's (error.*) are bot.T.
var messages = bot.Catalog{renderMessages, guildMessages}

var renderMessages = bot.Messages{
	"discord.moreitems": {"… og %d til. Bruk kommandoen med et filter for å se resten.", "… and %d more. Use the command with a filter to see the rest."},
	"discord.more":      {"Knapper vises for de %d første; bruk kommandoen for resten.", "Buttons are shown for the first %d; use the command for the rest."},
	"discord.duplicate": {"Dette er allerede behandlet.", "This has already been handled."},
	"discord.retry":     {"Prøv igjen", "Try again"},
	"discord.openform":  {"Åpne skjema", "Open form"},
	"discord.badsig":    {"ugyldig signatur", "invalid request signature"},
	"discord.formfield": {"%s: %s", "%s: %s"},
	"discord.unknown":   {"Denne handlingen kjenner jeg ikke.", "I do not know this action."},
}

// message is a rendered reply, convertible to each Discord message payload.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Files      []bot.File
	Private    bool
	Mention    string // user id the message notifies (Reply.Mention)
}

// render turns a reply into content, embeds and components.
func render(rep bot.Reply) (m message) {
	m = message{Private: rep.Private, Files: rep.Files, Mention: rep.Mention}
	defer func() {
		// The mention goes in content, where Discord notifies; in an embed
		// it would only be shown.
		if m.Mention != "" {
			m.Content = strings.TrimSpace("<@" + m.Mention + "> " + m.Content)
		}
	}()
	text := mrkdwn(rep.Text)
	var lines []string
	for _, it := range rep.Items {
		lines = append(lines, mrkdwn(it.Text))
	}
	plain := rep.Title == "" && len(rep.Fields) == 0 && len(rep.Items) == 0 && rep.Context == ""
	if plain && utf8.RuneCountInString(text) <= maxContent {
		m.Content = text
	} else {
		e := &discordgo.MessageEmbed{Color: embedColor, Title: bot.Cut(mrkdwnPlain(rep.Title), maxTitle)}
		used := utf8.RuneCountInString(e.Title)
		footer := mrkdwnPlain(rep.Context)
		var rows []discordgo.MessageComponent
		rows, shown, total := buttonRows(rep)
		m.Components = rows
		if shown < total {
			more := messages.T(rep.Lang, "discord.more", shown)
			footer = strings.TrimSpace(footer + "\n" + more)
		}
		if footer != "" {
			e.Footer = &discordgo.MessageEmbedFooter{Text: bot.Cut(footer, maxFooter)}
			used += utf8.RuneCountInString(e.Footer.Text)
		}
		for i, f := range rep.Fields {
			if i == maxFields {
				break
			}
			name, val := bot.Cut(mrkdwnPlain(f.Label), maxFieldName), bot.Cut(mrkdwn(f.Value), maxFieldValue)
			if name == "" {
				name = "\u200b" // Discord refuses empty field names
			}
			if val == "" {
				val = "–"
			}
			n := utf8.RuneCountInString(name) + utf8.RuneCountInString(val)
			if used+n > maxEmbedTotal-minDescription {
				break // the whole embed must stay within 6000 characters
			}
			used += n
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: val, Inline: true})
		}
		e.Description = fitDescription(text, lines, min(maxDescription, maxEmbedTotal-used), rep.Lang)
		m.Embeds = []*discordgo.MessageEmbed{e}
		return m
	}
	m.Components, _, _ = buttonRows(rep)
	if m.Content == "" && len(m.Files) == 0 && m.Mention == "" {
		// Discord refuses a message with neither text, embed nor file.
		m.Content = "✅"
	}
	return m
}

// fitDescription is the text and as many whole list rows as fit in
// limit characters; the rows left out are counted ("… og N til"), as on
// Slack, instead of a row cut in the middle.
func fitDescription(text string, lines []string, limit int, lang bot.Lang) string {
	if len(lines) == 0 {
		return bot.Cut(text, limit)
	}
	sep := itemSeparator(lines)
	reserve := utf8.RuneCountInString(messages.T(lang, "discord.moreitems", len(lines))) + 2
	var b strings.Builder
	n := 0
	if text != "" {
		b.WriteString(bot.Cut(text, limit-reserve))
		n = utf8.RuneCountInString(b.String())
	}
	for i, l := range lines {
		add := utf8.RuneCountInString(l)
		if i > 0 || text != "" {
			add += utf8.RuneCountInString(sep)
			if i == 0 {
				add = utf8.RuneCountInString(l) + 2
			}
		}
		room := limit - n
		if i < len(lines)-1 {
			room -= reserve // the last row needs no "… og N til" after it
		}
		if add > room {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(messages.T(lang, "discord.moreitems", len(lines)-i))
			return b.String()
		}
		switch {
		case i == 0 && text != "":
			b.WriteString("\n\n")
		case i > 0:
			b.WriteString(sep)
		}
		b.WriteString(l)
		n += add
	}
	return b.String()
}

// itemSeparator keeps a list of one-line rows compact, but puts a blank
// line between rows as soon as one of them spans several lines (a digest
// section, a gathering with its deadline): without it the last line of one
// row runs straight into the heading of the next.
func itemSeparator(lines []string) string {
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			return "\n\n"
		}
	}
	return "\n"
}

// buttonRows lays out item buttons (one row per item, labelled with the
// item) and then the reply's own buttons, within Discord's 5×5 grid.
// It reports how many items with buttons got a row, of how many.
func buttonRows(rep bot.Reply) (rows []discordgo.MessageComponent, shown, total int) {
	seen := map[string]bool{} // custom_ids must be unique within a message
	mk := func(b bot.Button, prefix string) (discordgo.MessageComponent, bool) {
		id := strings.TrimSpace(b.Command)
		if id == "" || len(id) > maxCustomID || seen[id] {
			return nil, false
		}
		seen[id] = true
		label := b.Label
		if prefix != "" {
			label = prefix + " · " + label
		}
		style := discordgo.SecondaryButton
		switch b.Style {
		case "primary":
			style = discordgo.PrimaryButton
		case "danger":
			style = discordgo.DangerButton
		}
		return discordgo.Button{Label: bot.Cut(label, maxLabel), Style: style, CustomID: id}, true
	}
	reserve := 0
	if len(rep.Buttons) > 0 {
		reserve = (len(rep.Buttons) + maxRowButtons - 1) / maxRowButtons
		if reserve > maxRows {
			reserve = maxRows
		}
	}
	for _, it := range rep.Items {
		if len(it.Buttons) == 0 {
			continue
		}
		total++
		if len(rows) >= maxRows-reserve {
			continue
		}
		var row []discordgo.MessageComponent
		for _, b := range it.Buttons {
			if len(row) == maxRowButtons {
				break
			}
			if c, ok := mk(b, itemLabel(it.Text)); ok {
				row = append(row, c)
			}
		}
		if len(row) > 0 {
			rows = append(rows, discordgo.ActionsRow{Components: row})
			shown++
		}
	}
	var row []discordgo.MessageComponent
	for _, b := range rep.Buttons {
		if c, ok := mk(b, ""); ok {
			row = append(row, c)
		}
		if len(row) == maxRowButtons {
			rows = append(rows, discordgo.ActionsRow{Components: row})
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: row})
	}
	if len(rows) > maxRows {
		rows = rows[:maxRows]
	}
	return rows, shown, total
}

var itemNumber = regexp.MustCompile(`^\W*(#\d+)`)

// itemLabel is the short name of a list row for its buttons: its number
// ("#3") when it starts with one, else the start of its text.
func itemLabel(text string) string {
	t := mrkdwnPlain(text)
	if m := itemNumber.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	return bot.Cut(strings.TrimSpace(t), 30)
}

var (
	markupChar = strings.NewReplacer("**", "", "*", "", "__", "")
	// lineMarkup is Markdown that changes what a whole line is: a heading
	// ("# ", "-# "), a quote ("> ", ">>> ") or a list marker is harmless
	// and kept.
	lineMarkup = regexp.MustCompile(`(?m)^([ \t]*)(#{1,3} |-# |>>> |> )`)
	// everyone is an @everyone or @here: shown, never a ping-looking word.
	everyone = regexp.MustCompile(`@(everyone|here)\b`)
	// inlineEscaper neutralises mention and link syntax (<@…>, <#…>,
	// <@&…>, <t:…>, </cmd:…>), masked links ([text](url)), spoilers and
	// strike-through. Discord shows a backslash-escaped character as itself.
	inlineEscaper = strings.NewReplacer("<", "\\<", "[", "\\[", "]", "\\]", "||", "\\|\\|", "~~", "\\~\\~")
)

// EscapeText is the one place where Discord escapes text: nothing in s
// can become a mention (<@…>, <#…>, <@&…>, @everyone, @here), a masked
// link whose text hides its target ([text](url)), a heading, a quote, a
// spoiler or strike-through; `code` is kept (inside code nothing is
// parsed). mrkdwn calls it for every span of a reply: the bot's plain text
// and, with its * _ ` escaped too, what others wrote (bot.Esc). The bot's
// marks come from bot.Spans, never from converting another platform's
// markup. A mention the bot means is Reply.Mention, which the renderer
// writes itself.
func EscapeText(s string) string {
	if s == "" {
		return s
	}
	// An escaped backtick is no code delimiter for Discord; unescaped, it
	// is one for Discord and for the pairing below alike, so text cannot
	// hide outside a code span that only this function thinks is one.
	s = strings.ReplaceAll(s, "\\`", "`")
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i > 0 {
			b.WriteByte('`')
		}
		if i%2 == 1 && i < strings.Count(s, "`") {
			b.WriteString(part) // inside a code span
			continue
		}
		part = inlineEscaper.Replace(part)
		part = everyone.ReplaceAllString(part, "@\u200b$1")
		part = lineMarkup.ReplaceAllString(part, "$1\\$2")
		b.WriteString(part)
	}
	return b.String()
}

// foreignMarks are the Markdown characters that would format what others
// wrote; backslash-escaped, Discord shows them as typed.
var foreignMarks = strings.NewReplacer("*", "\\*", "_", "\\_", "`", "\\`")

// mrkdwn renders reply text in the neutral format (bot.Spans) as Discord
// markdown: the bot's marks become **bold**, _italic_, `code` and
// [text](url); every other piece of text goes through EscapeText, and what
// others wrote (bot.Esc) also loses its own * _ ` formatting.
func mrkdwn(s string) string {
	var b strings.Builder
	for _, sp := range bot.Spans(s) {
		switch {
		case sp.URL != "":
			b.WriteString("[" + inlineEscaper.Replace(sp.Text) + "](" + sp.URL + ")")
		case sp.Foreign:
			b.WriteString(EscapeText(foreignMarks.Replace(sp.Text)))
		case sp.Style == bot.StyleBold:
			b.WriteString("**" + EscapeText(sp.Text) + "**")
		case sp.Style == bot.StyleItalic:
			b.WriteString("_" + EscapeText(sp.Text) + "_")
		case sp.Style == bot.StyleCode:
			b.WriteString("`" + sp.Text + "`")
		default:
			b.WriteString(EscapeText(sp.Text))
		}
	}
	return b.String()
}

// mrkdwnPlain is for places Discord shows without markdown (titles,
// footers, button labels): the bot's marks are dropped, and mentions are
// not parsed there.
func mrkdwnPlain(s string) string {
	return everyone.ReplaceAllString(markupChar.Replace(bot.PlainText(s)), "@\u200b$1")
}

func (m message) flags() discordgo.MessageFlags {
	if m.Private {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (m message) files() []*discordgo.File {
	var out []*discordgo.File
	for _, f := range m.Files {
		out = append(out, &discordgo.File{Name: f.Name, ContentType: f.Type, Reader: bytes.NewReader(f.Content)})
	}
	return out
}

// components is never nil: an update or edit with no components must clear
// the old buttons, and JSON null would leave them.
func (m message) components() []discordgo.MessageComponent {
	if m.Components == nil {
		return []discordgo.MessageComponent{}
	}
	return m.Components
}

func (m message) embeds() []*discordgo.MessageEmbed {
	if m.Embeds == nil {
		return []*discordgo.MessageEmbed{}
	}
	return m.Embeds
}

// responseData is the message as an interaction response (types 4 and 7).
func (m message) responseData(withFiles bool) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content: m.Content, Embeds: m.embeds(), Components: m.components(), Flags: m.flags(),
		AllowedMentions: noMentions(),
	}
	if withFiles {
		d.Files = m.files()
	}
	return d
}

// edit is the message as a webhook edit of the original response.
func (m message) edit() *discordgo.WebhookEdit {
	c, e, comp := m.Content, m.embeds(), m.components()
	return &discordgo.WebhookEdit{Content: &c, Embeds: &e, Components: &comp, Files: m.files(), AllowedMentions: noMentions()}
}

// followup is the message as a follow-up (may be ephemeral).
func (m message) followup() *discordgo.WebhookParams {
	return &discordgo.WebhookParams{
		Content: m.Content, Embeds: m.Embeds, Components: m.components(), Files: m.files(),
		Flags: m.flags(), AllowedMentions: noMentions(),
	}
}

// send is the message as a channel message. A posted notice pings the
// one person it is for (Reply.Mention) and nobody else: not a user named
// in a quoted question, never @everyone or a role.
func (m message) send() *discordgo.MessageSend {
	am := noMentions()
	if m.Mention != "" {
		am.Users = []string{m.Mention}
	}
	return &discordgo.MessageSend{
		Content: m.Content, Embeds: m.Embeds, Components: m.Components, Files: m.files(),
		AllowedMentions: am,
	}
}

// noMentions keeps text from a user (a question quoted in an answer, a
// name) from pinging @everyone or roles.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// formID is the modal custom_id: the command line the form submits to.
func formID(f *bot.Form) string {
	cmd := f.Command
	if cmd == "" {
		cmd = f.ID
	}
	id := "/" + bot.NormCommand(cmd)
	if t := strings.TrimSpace(f.Text); t != "" {
		id += " " + t
	}
	if len(id) > maxCustomID {
		id = id[:maxCustomID]
	}
	return id
}

// modal renders a form as a Discord modal. Modals hold only text inputs
// (at most five), so selects, dates and numbers become text inputs whose
// placeholder shows what to type; the handler validates as for a command.
func modal(f *bot.Form) *discordgo.InteractionResponseData {
	fields := f.Fields
	if len(fields) > maxModalInputs {
		// Keep required fields first so a long form still submits.
		var req, opt []bot.FormField
		for _, fl := range fields {
			if fl.Optional {
				opt = append(opt, fl)
			} else {
				req = append(req, fl)
			}
		}
		fields = append(req, opt...)[:maxModalInputs]
	}
	var rows []discordgo.MessageComponent
	for _, fl := range fields {
		ti := discordgo.TextInput{
			CustomID: fl.Name, Label: bot.Cut(fl.Label, maxInputLabel), Style: discordgo.TextInputShort,
			Placeholder: fl.Placeholder, Value: fl.Initial, Required: !fl.Optional, MaxLength: 1000,
		}
		if ti.Label == "" {
			ti.Label = bot.Cut(fl.Name, maxInputLabel)
		}
		switch fl.Kind {
		case bot.FieldMultiline:
			ti.Style = discordgo.TextInputParagraph
			ti.MaxLength = 4000
		case bot.FieldSelect:
			if ti.Placeholder == "" {
				var labels []string
				for _, o := range fl.Options {
					labels = append(labels, o.Label)
				}
				ti.Placeholder = strings.Join(labels, " / ")
			}
		case bot.FieldDate:
			if ti.Placeholder == "" {
				ti.Placeholder = "2025-02-06 / 6.2.2025"
			}
			ti.MaxLength = 10
		case bot.FieldNumber:
			if ti.Placeholder == "" && fl.Max > 0 {
				ti.Placeholder = fmt.Sprintf("%d–%d", fl.Min, fl.Max)
			}
			ti.MaxLength = 6
		}
		ti.Placeholder = bot.Cut(ti.Placeholder, maxPlaceholder)
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{ti}})
	}
	title := f.Title
	if title == "" {
		title = "kulturbot"
	}
	return &discordgo.InteractionResponseData{CustomID: formID(f), Title: bot.Cut(title, maxModalTitle), Components: rows}
}

// formCache remembers recently opened forms by custom_id, so a submit can
// map typed choices back to option values. Bounded: old forms fall out and
// their submits are passed on as typed.
type formCache struct {
	mu    sync.Mutex
	forms map[string]*bot.Form
	order []string
}

const maxForms = 256

func (c *formCache) put(id string, f *bot.Form) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.forms == nil {
		c.forms = map[string]*bot.Form{}
	}
	if _, ok := c.forms[id]; !ok {
		c.order = append(c.order, id)
	}
	c.forms[id] = f
	for len(c.order) > maxForms {
		delete(c.forms, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *formCache) get(id string) *bot.Form {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.forms[id]
}

// Render is a reply as the channel message the bot would post (tests and
// tools look at what Discord would be sent).
func Render(rep bot.Reply) *discordgo.MessageSend { return render(rep).send() }
