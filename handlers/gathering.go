package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// exGatheringSlot is a correct /samling ny line with dates ahead of the
// day it is shown (bot.ExpandDates): a fixed date would go stale.
const exGatheringSlot = `/samling ny navn="Samling 1" dato={dato+60} sted="Bodø" region=Salten frist={dato+45}`

// exGathering is exGatheringSlot dated from the request.
func exGathering(req *bot.Request) string { return bot.ExpandDates(exGatheringSlot, req.Now()) }

var gatheringKeys = []string{"navn", "name", "dato", "date", "sted", "place", "region", "frist", "deadline", "tid", "time"}

// gathering handles the admin command /samling
// ny|liste|deltakere|endre|avlys|gjenåpne.
func (h *Handlers) gathering(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	args, err := parseArgs(req, exGathering(req))
	if err != nil {
		return bot.Reply{}, err
	}
	v := ""
	if len(args.Pos) > 0 {
		v = h.verb("samling", args.Pos[0])
	}
	switch {
	case v == "ny":
		args.Pos = args.Pos[1:]
		return h.gatheringNew(ctx, req, args)
	case v == "liste":
		return h.gatheringList(ctx, req, args)
	case v == "deltakere":
		id, err := gatheringID(req, args, "/samling deltakere 3")
		if err != nil {
			return bot.Reply{}, err
		}
		return h.attendees(ctx, req, id)
	case v == "avlys":
		return h.gatheringCancel(ctx, req, args)
	case v == "endre":
		return h.gatheringChange(ctx, req, args)
	case v == "gjenåpne":
		return h.gatheringReopen(ctx, req, args)
	case v == "gjest":
		return h.gatheringGuest(ctx, req, args)
	case isBare(req, args):
		return bot.Reply{Text: t(req, "gathering.usage", exGathering(req)), Private: true}, nil
	case len(args.Pos) == 0:
		return h.gatheringNew(ctx, req, args)
	}
	return bot.Reply{}, bad(req, "", exGathering(req), "gathering.err.verb", args.Pos[0])
}

// gatheringID reads the id after a verb: "deltakere 3", "deltakere #3",
// or samling=3 / id=3.
func gatheringID(req *bot.Request, args bot.Args, example string) (int64, error) {
	if err := checkKnown(req, args, example, "samling", "id", "gathering"); err != nil {
		return 0, err
	}
	return idAfterVerb(req, args, example, "gathering.err.noid", "samling", "id", "gathering")
}

func (h *Handlers) gatheringNew(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exGathering(req)
	args.Pos = append([]string{"ny"}, args.Pos...) // takeConfirm looks after the verb
	confirmed := takeConfirm(&args)
	args.Pos = args.Pos[1:]
	if err := checkKnown(req, args, ex, gatheringKeys...); err != nil {
		return bot.Reply{}, err
	}
	if err := checkNoExtra(req, args.Pos, ex); err != nil {
		return bot.Reply{}, err
	}
	name := named(args, "navn", "name")
	if name == "" {
		return bot.Reply{}, bad(req, "navn", ex, "core.err.missing", "navn")
	}
	if len([]rune(name)) > store.MaxNameLen {
		return bot.Reply{}, bad(req, "navn", ex, "core.err.toolong", "navn", store.MaxNameLen)
	}
	rawDate := named(args, "dato", "date")
	if rawDate == "" {
		return bot.Reply{}, bad(req, "dato", ex, "core.err.missing", "dato")
	}
	d, err := parseGatheringDay(req, "dato", rawDate, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	today := bot.DayIn(req.Now())
	if d.Before(today) {
		return bot.Reply{}, bad(req, "dato", ex, "gathering.err.past", date(req, d))
	}
	place := named(args, "sted", "place")
	if place == "" {
		return bot.Reply{}, bad(req, "sted", ex, "core.err.missing", "sted")
	}
	if len([]rune(place)) > maxPlace {
		return bot.Reply{}, bad(req, "sted", ex, "core.err.toolong", "sted", maxPlace)
	}
	n := store.NewGathering{Name: name, Date: d, Place: place}
	if raw := named(args, "tid", "time"); raw != "" {
		if n.Start, n.End, err = parseTimeArg(req, raw, ex); err != nil {
			return bot.Reply{}, err
		}
	}
	regionArg := named(args, "region")
	if raw := regionArg; raw != "" && !isNational(raw) {
		r, err := h.DB.RegionByName(ctx, raw)
		if bot.ErrorCode(err) == bot.ENotFound {
			known := []string{}
			if rs, err := h.DB.Regions(ctx); err == nil {
				for _, r := range rs {
					known = append(known, r.Name)
				}
			}
			known = append(known, "nasjonal")
			return bot.Reply{}, bad(req, "region", ex, "gathering.err.region", raw, strings.Join(known, ", "))
		}
		if err != nil {
			return bot.Reply{}, err
		}
		n.RegionID = r.ID
	}
	if raw := named(args, "frist", "deadline"); raw != "" {
		dl, err := parseGatheringDay(req, "frist", raw, ex)
		if err != nil {
			return bot.Reply{}, err
		}
		if !dl.Before(d) {
			return bot.Reply{}, bad(req, "frist", ex, "gathering.err.deadlineafter", date(req, dl), date(req, d))
		}
		if dl.Before(today) {
			return bot.Reply{}, bad(req, "frist", ex, "gathering.err.deadlinepast", date(req, dl))
		}
		n.Deadline = dl
	}
	// The same command run twice (the README's example, a double click)
	// must not make two gatherings: ask first.
	if !confirmed {
		same, ok, err := h.DB.SameGathering(ctx, n.Name, n.Date)
		if err != nil {
			return bot.Reply{}, err
		}
		if ok {
			return sameGatheringWarning(req, same, n, regionArg), nil
		}
	}
	g, err := h.DB.CreateGathering(ctx, author(req), n)
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "")
	}
	h.notify(ctx, func(ctx context.Context, o GatheringObserver) { o.Created(ctx, g) })
	text := t(req, "gathering.ok", gatheringLine(req, g))
	if !g.Deadline.IsZero() {
		text += "\n" + t(req, "rsvp.list.deadline", date(req, g.Deadline))
	} else {
		text += "\n" + t(req, "gathering.nodeadline")
	}
	text += "\n" + t(req, "gathering.ok.next", g.ID)
	return bot.Reply{Text: text, Private: true}, nil
}

func isNational(s string) bool {
	f := bot.Fold(s)
	return f == "nasjonal" || f == "national" || f == "nasjonalt"
}

func (h *Handlers) gatheringList(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	all, err := wantAll(req, args, "/samling liste alle")
	if err != nil {
		return bot.Reply{}, err
	}
	f := store.GatheringFilter{IncludeCancelled: true}
	if !all {
		f.From = bot.DayIn(req.Now())
	}
	gs, err := h.DB.Gatherings(ctx, f)
	if err != nil {
		return bot.Reply{}, err
	}
	rep := bot.Reply{Title: t(req, "gathering.list.title"), Private: true}
	if len(gs) == 0 {
		rep.Text = t(req, "gathering.list.empty", exGathering(req))
		return rep, nil
	}
	for _, g := range gs {
		at, err := h.DB.Attendance(ctx, g.ID)
		if err != nil {
			return bot.Reply{}, err
		}
		line := "*" + gatheringLine(req, g) + "*"
		if g.Cancelled() {
			line += " – " + t(req, "gathering.cancelled.mark")
		}
		if !g.Cancelled() && bot.DayIn(req.Now()).Equal(g.Date) {
			line += "\n" + t(req, "gathering.today")
		}
		if !g.Deadline.IsZero() {
			line += "\n" + t(req, "rsvp.list.deadline", date(req, g.Deadline))
		}
		line += "\n" + totalsLine(req, at)
		rep.Items = append(rep.Items, bot.Item{Text: line, Buttons: []bot.Button{
			{Label: t(req, "gathering.attendees.button"), Command: fmt.Sprintf("/samling deltakere %d", g.ID)},
		}})
	}
	if !all {
		rep.Context = t(req, "gathering.list.context")
	}
	return rep, nil
}

// totalsLine: "Ja: 2 kommuner (7 personer) · Kanskje: 1 (2) · Nei: 1 · Overnatting: 5 · Ikke svart: 1".
func totalsLine(req *bot.Request, at store.Attendance) string {
	tt := at.Totals
	s := t(req, "gathering.totals", count(req, tt.Yes, "kommune"), count(req, tt.People, "person"), tt.Maybe, count(req, tt.MaybePeople, "person"), tt.No, overnightTotal(req, tt))
	if !at.Gathering.National() {
		s += " · " + t(req, "gathering.totals.missing", len(at.Missing))
	}
	return s
}

// overnightTotal is "5 personer", or "2 personer (+3 kanskje)" when
// municipalities that answered kanskje also need beds.
func overnightTotal(req *bot.Request, tt store.Totals) string {
	s := count(req, tt.Overnight, "person")
	if tt.MaybeOvernight > 0 {
		s += " " + t(req, "gathering.totals.maybeovernight", tt.MaybeOvernight)
	}
	return s
}

func (h *Handlers) attendees(ctx context.Context, req *bot.Request, id int64) (bot.Reply, error) {
	at, err := h.DB.Attendance(ctx, id)
	if bot.ErrorCode(err) == bot.ENotFound {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Field: "samling", Message: t(req, "gathering.err.notfound", id), Err: err}
	}
	if err != nil {
		return bot.Reply{}, err
	}
	g := at.Gathering
	rep := bot.Reply{Title: t(req, "gathering.attendees.title", g.ID, g.Name), Private: true}
	var lines []string
	lines = append(lines, gatheringLine(req, g))
	if g.Cancelled() {
		lines = append(lines, t(req, "gathering.cancelled.line", date(req, g.CancelledAt)))
	} else if bot.DayIn(req.Now()).Equal(g.Date) {
		lines = append(lines, t(req, "gathering.today"))
	}
	if len(at.RSVPs) == 0 {
		lines = append(lines, t(req, "gathering.attendees.none"))
	}
	for _, r := range at.RSVPs {
		s := "• *" + r.Municipality.Name + "*: " + answerLabel(req, r.Answer)
		if r.Answer != store.AnswerNo {
			s += ", " + plural(req, r.Headcount, "rsvp.people.one", "rsvp.people.many")
			if o := overnightText(req, r); o != "" {
				s += ", " + o
			}
		}
		s += " " + t(req, "gathering.attendees.answered", date(req, r.UpdatedAt))
		if r.Late {
			s += " " + t(req, "gathering.attendees.late")
		}
		lines = append(lines, s)
	}
	rep.Text = strings.Join(lines, "\n")
	tt := at.Totals
	rep.Fields = []bot.Field{
		{Label: capital(answerLabel(req, store.AnswerYes)), Value: count(req, tt.Yes, "kommune") + ", " + count(req, tt.People, "person")},
		{Label: capital(answerLabel(req, store.AnswerMaybe)), Value: count(req, tt.Maybe, "kommune") + ", " + count(req, tt.MaybePeople, "person")},
		{Label: capital(answerLabel(req, store.AnswerNo)), Value: fmt.Sprint(tt.No)},
		{Label: t(req, "rsvp.form.overnight"), Value: overnightTotal(req, tt)},
	}
	if !g.National() {
		missing := t(req, "gathering.attendees.allanswered")
		if len(at.Missing) > 0 {
			missing = store.MunicipalityNames(at.Missing)
		}
		rep.Fields = append(rep.Fields, bot.Field{Label: t(req, "gathering.attendees.missing"), Value: missing})
		guests, err := h.DB.Guests(ctx, g.ID)
		if err != nil {
			return bot.Reply{}, err
		}
		if len(guests) > 0 {
			var ms []store.Municipality
			for _, x := range guests {
				ms = append(ms, x.Municipality)
			}
			rep.Fields = append(rep.Fields, bot.Field{Label: t(req, "gathering.attendees.guests"), Value: store.MunicipalityNames(ms)})
		}
	}
	if hist := h.gatheringHistory(ctx, req, g.ID); hist != "" {
		rep.Items = append(rep.Items, bot.Item{Text: hist})
	}
	rep.Context = t(req, "gathering.attendees.context", date(req, req.Now()))
	return rep, nil
}
