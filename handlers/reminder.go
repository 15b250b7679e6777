package handlers

import (
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// BuildMunicipalityReminder is the private message sent 7 days (kind "7d")
// or 1 day ("1d") before a gathering's RSVP deadline to someone who has
// answered for, registered or set as their own one or more municipalities
// (names) that have not answered yet, with the answer buttons for each.
func BuildMunicipalityReminder(g store.DigestGathering, kind string, names []string, lang bot.Lang) bot.Reply {
	t := func(key string, args ...any) string { return messages.T(lang, key, args...) }
	title, head := reminderHead(g, kind, "reminder.dm.title", lang)
	text := head + t("reminder.dm.text", strings.Join(names, ", "), bot.FormatDate(g.Deadline, lang))
	rep := bot.Reply{Lang: lang, Title: title, Text: text, Private: true,
		Context: t("reminder.dm.why")}
	for _, name := range names {
		item := bot.Item{Text: "*" + name + "*"}
		for _, a := range []string{store.AnswerYes, store.AnswerNo, store.AnswerMaybe} {
			item.Buttons = append(item.Buttons, bot.Button{
				Label:   capital(messages.T(lang, "core.answer."+a)),
				Command: fmt.Sprintf("/rsvp %d %s kommune=%s", g.ID, a, quoteArg(name)),
			})
		}
		rep.Items = append(rep.Items, item)
	}
	return rep
}

var reminderMessages = bot.Messages{
	"reminder.dm.title7": {"Påminnelse: svar på %s innen en uke", "Reminder: answer %s within a week"},
	"reminder.dm.title1": {"Påminnelse: svarfristen for %s er i morgen", "Reminder: answers for %s are due tomorrow"},
	"reminder.dm.text":   {"Vi har ikke fått svar fra %s ennå. Svarfristen er %s – svar med knappene, eller /rsvp med antall og overnatting.", "We have no answer from %s yet. The deadline is %s – answer with the buttons, or /rsvp with headcount and overnight stay."},
	"reminder.dm.why":    {"Du får denne fordi du har svart, meldt interesse eller satt kommunen som din egen i kulturbot.", "You get this because you have answered, registered interest or set the municipality as your own in kulturbot."},
}
