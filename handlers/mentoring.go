package handlers

import (
	"context"
	"fmt"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

const exMentoringList = `/veiledning liste kommune=Bodø`

// exMentoringSlot is a correct /veiledning logg line dated the day it is
// shown (bot.ExpandDates).
const exMentoringSlot = `/veiledning logg kommune=Bodø dato={dato} minutter=90 tema="Oppstart av kommunegruppa"`

// exMentoring is exMentoringSlot dated from the request.
func exMentoring(req *bot.Request) string { return bot.ExpandDates(exMentoringSlot, req.Now()) }

var mentoringKeys = []string{"kommune", "municipality", "dato", "date", "minutter", "minutes", "tema", "topic", "notat", "note"}

// mentoring handles /veiledning logg ... and /veiledning liste [kommune=..].
func (h *Handlers) mentoring(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	args, err := parseArgs(req, exMentoring(req))
	if err != nil {
		return bot.Reply{}, err
	}
	v := ""
	if len(args.Pos) > 0 {
		v = h.verb("veiledning", args.Pos[0])
	}
	switch {
	case v == "liste":
		return h.mentoringList(ctx, req, args)
	case v == "endre":
		return h.mentoringChange(ctx, req, args)
	case v == "slett":
		return h.mentoringDelete(ctx, req, args)
	case v == "logg":
		args.Pos = args.Pos[1:]
		if isBare(req, args) {
			return h.mentoringForm(ctx, req), nil
		}
		return h.mentoringLog(ctx, req, args)
	case isBare(req, args):
		return bot.Reply{Text: t(req, "mentoring.usage", exMentoring(req), exMentoringList), Private: true}, nil
	case len(args.Pos) == 0:
		// Named values without a verb (a submitted form, typed options): a log.
		return h.mentoringLog(ctx, req, args)
	}
	return bot.Reply{}, bad(req, "", exMentoring(req), "mentoring.err.verb", args.Pos[0])
}

func (h *Handlers) mentoringForm(ctx context.Context, req *bot.Request) bot.Reply {
	initial := ""
	if m, ok, err := h.DB.UserMunicipality(ctx, req.UserKey()); err == nil && ok {
		initial = m.Name
	}
	return bot.Reply{
		Text:    t(req, "mentoring.form.text", exMentoring(req)),
		Private: true,
		Form: &bot.Form{
			ID: "veiledning", Command: "veiledning", Text: "logg", Title: t(req, "mentoring.form.title"), Submit: t(req, "core.submit"),
			Fields: []bot.FormField{
				{Name: "kommune", Label: t(req, "mentoring.form.municipality"), Kind: bot.FieldText, Initial: initial, Placeholder: "Bodø"},
				{Name: "dato", Label: t(req, "mentoring.form.date"), Kind: bot.FieldDate, Initial: exDate(req.Now())},
				{Name: "minutter", Label: t(req, "mentoring.form.minutes"), Kind: bot.FieldNumber, Min: 1, Max: 600, Placeholder: "90"},
				{Name: "tema", Label: t(req, "mentoring.form.topic"), Kind: bot.FieldText},
				{Name: "notat", Label: t(req, "mentoring.form.note"), Kind: bot.FieldMultiline, Optional: true},
			},
		},
	}
}

func (h *Handlers) mentoringLog(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exMentoring(req)
	if err := checkKnown(req, args, ex, mentoringKeys...); err != nil {
		return bot.Reply{}, err
	}
	if err := checkNoExtra(req, args.Pos, ex); err != nil {
		return bot.Reply{}, err
	}
	municipality, err := h.municipalityFor(ctx, req, args, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	rawDate := named(args, "dato", "date")
	if rawDate == "" {
		return bot.Reply{}, bad(req, "dato", ex, "core.err.missing", "dato")
	}
	d, err := parseMentoringDay(req, "dato", rawDate, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	if d.After(bot.DayIn(req.Now())) {
		return bot.Reply{}, bad(req, "dato", ex, "mentoring.err.future", date(req, d))
	}
	rawMin := named(args, "minutter", "minutes")
	if rawMin == "" {
		return bot.Reply{}, bad(req, "minutter", ex, "core.err.missing", "minutter")
	}
	minutes, err := parseIntArg(req, "minutter", rawMin, 1, 600, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	topic := named(args, "tema", "topic")
	if topic == "" {
		return bot.Reply{}, bad(req, "tema", ex, "core.err.missing", "tema")
	}
	if len([]rune(topic)) > maxTopic {
		return bot.Reply{}, bad(req, "tema", ex, "core.err.toolong", "tema", maxTopic)
	}
	note := named(args, "notat", "note")
	if len([]rune(note)) > maxNote {
		return bot.Reply{}, bad(req, "notat", ex, "core.err.toolong", "notat", maxNote)
	}
	s, err := h.DB.LogMentoring(ctx, author(req), store.NewMentoring{Municipality: municipality, Date: d, Minutes: minutes, Topic: topic, Note: note})
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommune")
	}
	text := t(req, "mentoring.ok", s.ID, s.Municipality.Name, date(req, s.Date), s.Minutes, s.Topic)
	if note != "" {
		text += "\n" + t(req, "mentoring.form.note") + ": " + note
	}
	return bot.Reply{Text: text, Private: true}, nil
}

func (h *Handlers) mentoringList(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if err := checkKnown(req, args, exMentoringList, "kommune", "municipality"); err != nil {
		return bot.Reply{}, err
	}
	rest := args.Pos[1:]
	name := named(args, "kommune", "municipality")
	if name == "" && len(rest) > 0 {
		// "/veiledning liste Bodø" means the same as kommune=Bodø.
		name, rest = rest[0], rest[1:]
	}
	if err := checkNoExtra(req, rest, exMentoringList); err != nil {
		return bot.Reply{}, err
	}
	f := store.MentoringFilter{}
	title := t(req, "mentoring.list.title")
	if name != "" {
		m, err := h.DB.FindMunicipality(ctx, name)
		if e := municipalityErr(req, err, "kommune"); e != nil {
			return bot.Reply{}, e
		}
		if bot.ErrorCode(err) == bot.ENotFound {
			return bot.Reply{Text: t(req, "mentoring.list.unknown", name), Private: true}, nil
		}
		if err != nil {
			return bot.Reply{}, err
		}
		if m.ID == 0 {
			return bot.Reply{Text: t(req, "mentoring.list.unknown", m.Name), Private: true}, nil
		}
		f.MunicipalityID = m.ID
		title = t(req, "mentoring.list.titlefor", m.Name)
	}
	ss, err := h.DB.MentoringSessions(ctx, f)
	if err != nil {
		return bot.Reply{}, err
	}
	rep := bot.Reply{Title: title, Private: true}
	if len(ss) == 0 {
		rep.Text = t(req, "mentoring.list.empty", exMentoring(req))
		return rep, nil
	}
	total := 0
	perMunicipality := map[string]bool{}
	for _, s := range ss {
		total += s.Minutes
		perMunicipality[s.Municipality.Name] = true
		line := fmt.Sprintf("#%d %s – *%s* – %d min – %s", s.ID, date(req, s.Date), s.Municipality.Name, s.Minutes, s.Topic)
		if s.CreatedName != "" {
			line += " (" + s.CreatedName + ")"
		}
		if s.Note != "" {
			line += "\n    " + s.Note
		}
		rep.Items = append(rep.Items, bot.Item{Text: line})
	}
	rep.Context = t(req, "mentoring.list.context", count(req, len(ss), "okt"), count(req, total, "minutt"), count(req, len(perMunicipality), "kommune"))
	return rep, nil
}
