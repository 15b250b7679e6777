package handlers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Corrections to gatherings: /samling endre, /samling avlys (confirmed),
// /samling gjenåpne. Each is written with a history row (store.Changes),
// counts the gathering's sequence up, tells the people who answered, and
// tells the registered GatheringObservers.

const (
	exGatheringChange = `/samling endre 3 dato=5.2 sted="Fauske" frist=20.1 navn="Samling 2"`
	exGatheringCancel = `/samling avlys 3 --bekreft`
	exGatheringReopen = `/samling gjenåpne 3`
)

var gatheringChangeKeys = []string{"samling", "id", "gathering", "navn", "name", "dato", "date", "sted", "place", "frist", "deadline", "tid", "time"}

// takeConfirm removes a confirming word after the verb ("--bekreft",
// "bekreft", "--confirm") from the positional words and reports whether
// one was there, or bekreft=ja / confirm=true (a typed option) was given.
func takeConfirm(args *bot.Args) bool {
	ok := false
	rest := args.Pos[:0:0]
	for i, w := range args.Pos {
		if f := bot.Fold(strings.TrimLeft(w, "-–—")); i > 0 && (f == "bekreft" || f == "confirm") {
			ok = true
			continue
		}
		rest = append(rest, w)
	}
	args.Pos = rest
	if v := named(*args, "bekreft", "confirm"); v != "" {
		if b, valid := parseBool(v); valid && b {
			ok = true
		}
		delete(args.Named, "bekreft")
		delete(args.Named, "confirm")
	}
	return ok
}

// noDeadline reads "frist=ingen" (none, -) as removing the deadline.
func noDeadline(s string) bool {
	switch bot.Fold(s) {
	case "ingen", "none", "-", "nei", "no", "fjern", "remove":
		return true
	}
	return false
}

func (h *Handlers) gatheringNotFound(req *bot.Request, id int64, err error) error {
	if bot.ErrorCode(err) == bot.ENotFound {
		return &bot.Error{Code: bot.ENotFound, Field: "samling", Message: t(req, "gathering.err.notfound", id), Err: err}
	}
	return err
}

// gatheringChange handles /samling endre ID navn=.. dato=.. sted=.. frist=..
func (h *Handlers) gatheringChange(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exGatheringChange
	if err := checkKnown(req, args, ex, gatheringChangeKeys...); err != nil {
		return bot.Reply{}, err
	}
	id, err := idAfterVerb(req, args, ex, "gathering.err.noid", "samling", "id", "gathering")
	if err != nil {
		return bot.Reply{}, err
	}
	g, err := h.DB.Gathering(ctx, id)
	if err != nil {
		return bot.Reply{}, h.gatheringNotFound(req, id, err)
	}
	if g.Cancelled() {
		return bot.Reply{}, &bot.Error{Code: bot.EConflict, Field: "samling", Message: t(req, "gathering.err.changecancelled", g.ID, g.Name, g.ID)}
	}
	var c store.GatheringChange
	today := bot.DayIn(req.Now())
	if name := named(args, "navn", "name"); name != "" {
		if len([]rune(name)) > store.MaxNameLen {
			return bot.Reply{}, bad(req, "navn", ex, "core.err.toolong", "navn", store.MaxNameLen)
		}
		c.Name = name
	}
	if raw := named(args, "dato", "date"); raw != "" {
		d, err := parseGatheringDay(req, "dato", raw, ex)
		if err != nil {
			return bot.Reply{}, err
		}
		if d.Before(today) {
			return bot.Reply{}, bad(req, "dato", ex, "gathering.err.past", date(req, d))
		}
		c.Date = d
	}
	if place := named(args, "sted", "place"); place != "" {
		if len([]rune(place)) > maxPlace {
			return bot.Reply{}, bad(req, "sted", ex, "core.err.toolong", "sted", maxPlace)
		}
		c.Place = place
	}
	rawDeadline := named(args, "frist", "deadline")
	if rawDeadline != "" {
		var dl time.Time
		if !noDeadline(rawDeadline) {
			if dl, err = parseGatheringDay(req, "frist", rawDeadline, ex); err != nil {
				return bot.Reply{}, err
			}
			if dl.Before(today) && !dl.Equal(g.Deadline) {
				return bot.Reply{}, bad(req, "frist", ex, "gathering.err.deadlinepast", date(req, dl))
			}
		}
		c.Deadline = &dl
	}
	if raw := named(args, "tid", "time"); raw != "" {
		start, end, err := parseTimeArg(req, raw, ex)
		if err != nil {
			return bot.Reply{}, err
		}
		c.Time = &[2]string{start, end}
	}
	if c.Name == "" && c.Date.IsZero() && c.Place == "" && c.Deadline == nil && c.Time == nil {
		return bot.Reply{}, bad(req, "", fmt.Sprintf(`/samling endre %d dato=%s sted="%s"`, g.ID, exDate(g.Date), g.Place), "gathering.err.nochange")
	}
	// The deadline must stay before the day, whichever of the two changed.
	day, deadline := g.Date, g.Deadline
	if !c.Date.IsZero() {
		day = c.Date
	}
	if c.Deadline != nil {
		deadline = *c.Deadline
	}
	if !deadline.IsZero() && !deadline.Before(day) {
		field := "frist"
		if c.Deadline == nil {
			field = "dato" // the new date overtook the deadline that stays
		}
		return bot.Reply{}, bad(req, field, fmt.Sprintf(`/samling endre %d dato=%s frist=%s`, g.ID, exDate(day), exDate(day.AddDate(0, 0, -14))),
			"gathering.err.deadlineafter", date(req, deadline), date(req, day))
	}
	res, err := h.DB.ChangeGathering(ctx, author(req), id, c)
	if err != nil {
		return bot.Reply{}, storeErr(req, h.gatheringNotFound(req, id, err), "samling")
	}
	if len(res.Fields) == 0 {
		return bot.Reply{Text: t(req, "gathering.change.none", gatheringLine(req, res.Before)), Private: true}, nil
	}
	b, a := res.Before, res.After
	lines := []string{t(req, "gathering.change.ok", gatheringLine(req, a))}
	for _, f := range changeLines(req.Lang, res) {
		lines = append(lines, "• "+f)
	}
	rep := bot.Reply{Private: true}
	// Only a new day or place changes anyone's plans; a new name or
	// deadline is seen in /rsvp.
	if res.Has("dato") || res.Has("sted") || res.Has("tid") {
		ns, err := h.answererNotices(ctx, req, a.ID, func(lang bot.Lang) bot.Reply {
			r := bot.Reply{Lang: lang, Title: messages.T(lang, "gathering.notice.changed.title", a.ID, a.Name),
				Text:    strings.Join(append([]string{gatheringLineLang(lang, a)}, changeLines(lang, res)...), "\n") + "\n" + messages.T(lang, "gathering.notice.changed.rsvp", a.ID),
				Buttons: []bot.Button{{Label: messages.T(lang, "gathering.notice.rsvp.button"), Command: fmt.Sprintf("/rsvp %d", a.ID)}}}
			return r
		})
		if err != nil {
			return bot.Reply{}, err
		}
		rep.Notices = ns
		if len(ns) > 0 {
			lines = append(lines, t(req, "gathering.notified", count(req, len(ns), "person")))
		}
	}
	rep.Text = strings.Join(lines, "\n")
	h.notify(ctx, func(ctx context.Context, o GatheringObserver) { o.Changed(ctx, b, a) })
	return rep, nil
}

// changeLines says what changed, one line per field: "Dato: 4. februar
// 2027 → 5. februar 2027".
func changeLines(lang bot.Lang, res store.GatheringChangeResult) []string {
	b, a := res.Before, res.After
	dl := func(t time.Time) string {
		if t.IsZero() {
			return messages.T(lang, "gathering.change.nodeadline")
		}
		return bot.FormatDate(t, lang)
	}
	var out []string
	for _, f := range res.Fields {
		switch f {
		case "navn":
			out = append(out, messages.T(lang, "gathering.change.name", b.Name, a.Name))
		case "dato":
			out = append(out, messages.T(lang, "gathering.change.date", bot.FormatDate(b.Date, lang), bot.FormatDate(a.Date, lang)))
		case "sted":
			out = append(out, messages.T(lang, "gathering.change.place", b.Place, a.Place))
		case "frist":
			out = append(out, messages.T(lang, "gathering.change.deadline", dl(b.Deadline), dl(a.Deadline)))
		case "tid":
			tm := func(g store.Gathering) string {
				if g.Start == "" {
					return messages.T(lang, "gathering.allday")
				}
				return strings.TrimSpace(timeText(lang, g.Start, g.End))
			}
			out = append(out, messages.T(lang, "gathering.change.time", tm(b), tm(a)))
		}
	}
	return out
}

// gatheringLineLang is gatheringLine in a given language (for notices,
// which have no request of their own).
func gatheringLineLang(lang bot.Lang, g store.Gathering) string {
	return gatheringLine(&bot.Request{Lang: lang}, g)
}

// answererNotices builds one private message for each person who has
// answered for a municipality to gathering id, on the platform they
// answered from; the person making the change is left out (they know).
// Messages are in bokmål: the bot does not know another person's language.
func (h *Handlers) answererNotices(ctx context.Context, req *bot.Request, id int64, build func(lang bot.Lang) bot.Reply) ([]bot.Notice, error) {
	keys, err := h.DB.GatheringAnswerers(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []bot.Notice
	for _, k := range keys {
		if k == req.UserKey() {
			continue
		}
		p, uid, ok := strings.Cut(k, ":")
		if !ok || uid == "" {
			continue
		}
		out = append(out, bot.Notice{Platform: bot.Platform(p), UserID: uid, Reply: build(bot.NB)})
	}
	return out, nil
}

// gatheringCancel handles /samling avlys ID: without --bekreft it says
// what would happen and asks (a button); with it, it cancels, tells
// everyone who answered, and the observers.
func (h *Handlers) gatheringCancel(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	confirmed := takeConfirm(&args)
	id, err := gatheringID(req, args, exGatheringCancel)
	if err != nil {
		return bot.Reply{}, err
	}
	g, err := h.DB.Gathering(ctx, id)
	if err != nil {
		return bot.Reply{}, h.gatheringNotFound(req, id, err)
	}
	if g.Cancelled() {
		return bot.Reply{}, storeErr(req, &store.AlreadyCancelledError{Gathering: g}, "samling")
	}
	at, err := h.DB.Attendance(ctx, g.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	if !confirmed {
		text := t(req, "gathering.cancel.ask", gatheringLine(req, g))
		if n := len(at.RSVPs); n > 0 {
			text += "\n" + t(req, "gathering.cancel.ask.answered", count(req, n, "kommune"))
		}
		text += "\n" + t(req, "gathering.cancel.ask.how", g.ID)
		return bot.Reply{Text: text, Private: true, Buttons: []bot.Button{
			{Label: t(req, "gathering.cancel.button", g.ID), Command: fmt.Sprintf("/samling avlys %d --bekreft", g.ID), Style: "danger"},
		}}, nil
	}
	g, err = h.DB.CancelGathering(ctx, author(req), id)
	if err != nil {
		return bot.Reply{}, storeErr(req, h.gatheringNotFound(req, id, err), "samling")
	}
	ns, err := h.answererNotices(ctx, req, g.ID, func(lang bot.Lang) bot.Reply {
		return bot.Reply{Lang: lang, Title: messages.T(lang, "gathering.notice.cancelled.title", g.ID, g.Name),
			Text: messages.T(lang, "gathering.notice.cancelled", gatheringLineLang(lang, g))}
	})
	if err != nil {
		return bot.Reply{}, err
	}
	text := t(req, "gathering.cancelled", gatheringLine(req, g))
	if n := len(at.RSVPs); n > 0 {
		text += "\n" + t(req, "gathering.cancelled.answered", count(req, n, "kommune"))
	}
	if len(ns) > 0 {
		text += "\n" + t(req, "gathering.notified", count(req, len(ns), "person"))
	}
	text += "\n" + t(req, "gathering.cancelled.undo", g.ID)
	h.notify(ctx, func(ctx context.Context, o GatheringObserver) { o.Cancelled(ctx, g) })
	return bot.Reply{Text: text, Private: true, Notices: ns}, nil
}

// gatheringReopen handles /samling gjenåpne ID: the cancellation is undone,
// the answers given before it count again, and those who answered are told.
func (h *Handlers) gatheringReopen(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	id, err := gatheringID(req, args, exGatheringReopen)
	if err != nil {
		return bot.Reply{}, err
	}
	g, err := h.DB.ReopenGathering(ctx, author(req), id)
	if err != nil {
		var nc *store.NotCancelledError
		if errors.As(err, &nc) {
			return bot.Reply{}, &bot.Error{Code: bot.EConflict, Field: "samling", Message: t(req, "gathering.err.notcancelled", nc.Gathering.ID, nc.Gathering.Name), Err: err}
		}
		return bot.Reply{}, storeErr(req, h.gatheringNotFound(req, id, err), "samling")
	}
	at, err := h.DB.Attendance(ctx, g.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	ns, err := h.answererNotices(ctx, req, g.ID, func(lang bot.Lang) bot.Reply {
		return bot.Reply{Lang: lang, Title: messages.T(lang, "gathering.notice.reopened.title", g.ID, g.Name),
			Text:    messages.T(lang, "gathering.notice.reopened", gatheringLineLang(lang, g), g.ID),
			Buttons: []bot.Button{{Label: messages.T(lang, "gathering.notice.rsvp.button"), Command: fmt.Sprintf("/rsvp %d", g.ID)}}}
	})
	if err != nil {
		return bot.Reply{}, err
	}
	text := t(req, "gathering.reopened", gatheringLine(req, g))
	if n := len(at.RSVPs); n > 0 {
		text += "\n" + t(req, "gathering.reopened.answers", count(req, n, "kommune"))
	}
	if len(ns) > 0 {
		text += "\n" + t(req, "gathering.notified", count(req, len(ns), "person"))
	}
	h.notify(ctx, func(ctx context.Context, o GatheringObserver) { o.Reopened(ctx, g) })
	return bot.Reply{Text: text, Private: true, Notices: ns}, nil
}

// maxHistory is how many corrections /samling deltakere shows.
const maxHistory = 5

// gatheringHistory is the latest corrections of a gathering and of the
// answers to it (removed answers), newest first: who, when, what. Empty
// when there are none.
func (h *Handlers) gatheringHistory(ctx context.Context, req *bot.Request, id int64) string {
	gs, err := h.DB.Changes(ctx, store.EntityGathering, fmt.Sprint(id))
	if err != nil {
		return ""
	}
	rs, err := h.DB.Changes(ctx, store.EntityRSVP, "")
	if err != nil {
		return ""
	}
	for _, c := range rs {
		if strings.HasPrefix(c.Key, fmt.Sprintf("%d/", id)) {
			gs = append(gs, c)
		}
	}
	if len(gs) == 0 {
		return ""
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].ID > gs[j].ID })
	lines := []string{"*" + t(req, "gathering.history.title") + "*"}
	for i, c := range gs {
		if i == maxHistory {
			lines = append(lines, t(req, "gathering.history.more", len(gs)-i))
			break
		}
		who := c.ChangedName
		if who == "" {
			who = c.ChangedBy
		}
		if who == "" {
			who = t(req, "core.someone")
		}
		what := t(req, "gathering.history."+c.Entity+"."+c.Action)
		if c.Detail != "" {
			what += ": " + c.Detail
		}
		lines = append(lines, fmt.Sprintf("• %s, %s – %s", bot.FormatDateTime(c.At, req.Lang), who, what))
	}
	return strings.Join(lines, "\n")
}

// sameGatheringWarning is the reply when /samling ny names a gathering that
// exists on that day already: nothing is created; a button creates it
// anyway.
func sameGatheringWarning(req *bot.Request, g store.Gathering, n store.NewGathering, regionArg string) bot.Reply {
	line := fmt.Sprintf("/samling ny navn=%s dato=%s sted=%s", quoteArg(n.Name), exDate(n.Date), quoteArg(n.Place))
	if regionArg != "" {
		line += " region=" + quoteArg(regionArg)
	}
	if !n.Deadline.IsZero() {
		line += " frist=" + exDate(n.Deadline)
	}
	line += " --bekreft"
	return bot.Reply{
		Text:    t(req, "gathering.warn.same", gatheringLine(req, g), g.ID, line),
		Private: true,
		Buttons: []bot.Button{{Label: t(req, "gathering.warn.same.button"), Command: line}},
	}
}

// quoteArg quotes a value for a command line when it needs it.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'«»“”") {
		return s
	}
	if strings.Contains(s, `"`) {
		return "«" + s + "»"
	}
	return `"` + s + `"`
}

var gatheringChangeMessages = bot.Messages{
	"gathering.err.changecancelled":      {"Samling #%d %s er avlyst. Gjenåpne den først med /samling gjenåpne %d.", "Gathering #%d %s is cancelled. Reopen it first with /samling gjenåpne %d."},
	"gathering.err.nochange":             {"Hva skal endres? Gi minst én av navn=, dato=, sted= eller frist= (frist=ingen fjerner fristen).", "What should change? Give at least one of navn=, dato=, sted= or frist= (frist=ingen removes the deadline)."},
	"gathering.err.notcancelled":         {"Samling #%d %s er ikke avlyst, så det er ingenting å gjenåpne.", "Gathering #%d %s is not cancelled, so there is nothing to reopen."},
	"gathering.change.none":              {"Ingen endring: %s er allerede slik.", "Nothing changed: %s is like that already."},
	"gathering.change.ok":                {"✏️ Endret: *%s*", "✏️ Changed: *%s*"},
	"gathering.change.name":              {"Navn: %s → %s", "Name: %s → %s"},
	"gathering.change.date":              {"Dato: %s → %s", "Date: %s → %s"},
	"gathering.change.place":             {"Sted: %s → %s", "Place: %s → %s"},
	"gathering.change.deadline":          {"Svarfrist: %s → %s", "Answer deadline: %s → %s"},
	"gathering.change.nodeadline":        {"ingen", "none"},
	"gathering.notified":                 {"📨 %s som har svart får beskjed.", "📨 %s who answered are told."},
	"gathering.notice.changed.title":     {"Samling #%d %s er endret", "Gathering #%d %s has changed"},
	"gathering.notice.changed.rsvp":      {"Svaret dere ga står. Passer det ikke lenger, endre det med /rsvp %d.", "Your answer stands. If it no longer fits, change it with /rsvp %d."},
	"gathering.notice.rsvp.button":       {"Se eller endre svaret", "See or change the answer"},
	"gathering.notice.cancelled.title":   {"Samling #%d %s er avlyst", "Gathering #%d %s is cancelled"},
	"gathering.notice.cancelled":         {"❌ %s er avlyst av arbeidsgruppen. Dere trenger ikke gjøre noe.", "❌ %s has been cancelled by the working group. You need not do anything."},
	"gathering.notice.reopened.title":    {"Samling #%d %s blir likevel", "Gathering #%d %s is on after all"},
	"gathering.notice.reopened":          {"✅ %s er gjenåpnet – avlysningen er trukket. Svaret dere ga før står; endre det med /rsvp %d.", "✅ %s is reopened – the cancellation is withdrawn. Your earlier answer stands; change it with /rsvp %d."},
	"gathering.cancel.ask":               {"Vil du avlyse *%s*?", "Do you want to cancel *%s*?"},
	"gathering.cancel.ask.answered":      {"%s har svart og får beskjed om avlysningen.", "%s have answered and will be told of the cancellation."},
	"gathering.cancel.ask.how":           {"Ingenting er endret ennå. Bekreft med knappen, eller skriv /samling avlys %d --bekreft.", "Nothing has changed yet. Confirm with the button, or type /samling avlys %d --bekreft."},
	"gathering.cancel.button":            {"Avlys #%d", "Cancel #%d"},
	"gathering.cancelled.undo":           {"Angre med /samling gjenåpne %d.", "Undo with /samling gjenåpne %d."},
	"gathering.reopened":                 {"✅ Gjenåpnet: *%s*. Den tar imot svar igjen.", "✅ Reopened: *%s*. It takes answers again."},
	"gathering.reopened.answers":         {"Svarene fra før avlysningen gjelder igjen (%s).", "The answers given before the cancellation count again (%s)."},
	"gathering.warn.same":                {"⚠️ %s finnes allerede (#%d) med samme navn og dato, så jeg har ikke laget en til. Var det meningen å lage en ny, bruk knappen eller skriv:\n%s", "⚠️ %s already exists (#%d) with the same name and date, so I did not create another. If you meant to create a new one, use the button or type:\n%s"},
	"gathering.warn.same.button":         {"Opprett likevel", "Create anyway"},
	"gathering.history.title":            {"Endringer", "Changes"},
	"gathering.history.more":             {"… og %d eldre", "… and %d older"},
	"gathering.history.gathering.change": {"endret", "changed"},
	"gathering.history.gathering.cancel": {"avlyst", "cancelled"},
	"gathering.history.gathering.reopen": {"gjenåpnet", "reopened"},
	"gathering.history.rsvp.delete":      {"svar slettet", "answer removed"},
}
