package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Corrections of regions and mentoring: /region endre|slett (the route is
// admin-only) and /veiledning endre|slett (own entries; admins any). Each
// leaves a row in the change log (store.Changes): who, when, what.

const (
	exRegionChange    = `/region endre Salten kommuner="Bodø, Fauske, Saltdal, Steigen"`
	exRegionDelete    = `/region slett Salten`
	exMentoringChange = `/veiledning endre 5 minutter=60 tema="Lokal forankring"`
	exMentoringDelete = `/veiledning slett 5`
)

// regionName reads the region after the verb ("endre Salten", navn=Salten).
func regionName(req *bot.Request, args bot.Args, example string) (string, []string, error) {
	name := named(args, "navn", "name", "region")
	rest := args.Pos[1:]
	if name == "" && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if name == "" {
		return "", nil, bad(req, "navn", example, "region.err.noname")
	}
	return name, rest, nil
}

func (h *Handlers) regionNotFound(ctx context.Context, req *bot.Request, name string, err error) error {
	if bot.ErrorCode(err) != bot.ENotFound {
		return err
	}
	known := []string{}
	if rs, e := h.DB.Regions(ctx); e == nil {
		for _, r := range rs {
			known = append(known, r.Name)
		}
	}
	list := strings.Join(known, ", ")
	if list == "" {
		list = "–"
	}
	return &bot.Error{Code: bot.ENotFound, Field: "navn", Message: t(req, "region.err.notfound", name, list), Err: err}
}

// regionChange handles /region endre NAVN kommuner="a, b, c".
func (h *Handlers) regionChange(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exRegionChange
	if err := checkKnown(req, args, ex, "navn", "name", "region", "kommuner", "municipalities"); err != nil {
		return bot.Reply{}, err
	}
	name, rest, err := regionName(req, args, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	if err := checkNoExtra(req, rest, ex); err != nil {
		return bot.Reply{}, err
	}
	rawNames := named(args, "kommuner", "municipalities")
	if bot.Fold(rawNames) == "" {
		return bot.Reply{}, bad(req, "kommuner", ex, "core.err.missing", "kommuner")
	}
	names := distinctNames(h.splitMunicipalities(rawNames))
	if err := checkNames(req, "kommuner", ex, names); err != nil {
		return bot.Reply{}, err
	}
	if len(names) < store.MinRegionSize {
		return bot.Reply{}, bad(req, "kommuner", ex, "region.err.toofew", len(names))
	}
	before, after, err := h.DB.ChangeRegion(ctx, author(req), name, names)
	if err != nil {
		return bot.Reply{}, storeErr(req, h.regionNotFound(ctx, req, name, err), "kommuner")
	}
	if store.MunicipalityNames(before.Municipalities) == store.MunicipalityNames(after.Municipalities) {
		return bot.Reply{Text: t(req, "region.change.none", after.Name, store.MunicipalityNames(after.Municipalities)), Private: true}, nil
	}
	text := t(req, "region.change.ok", after.Name, store.MunicipalityNames(before.Municipalities), store.MunicipalityNames(after.Municipalities))
	if out := missingFrom(before.Municipalities, after.Municipalities); len(out) > 0 {
		text += "\n" + t(req, "region.change.removed", strings.Join(out, ", "))
	}
	return bot.Reply{Text: text, Private: true}, nil
}

// missingFrom lists the names in a that are not in b.
func missingFrom(a, b []store.Municipality) []string {
	in := map[int64]bool{}
	for _, m := range b {
		in[m.ID] = true
	}
	var out []string
	for _, m := range a {
		if !in[m.ID] {
			out = append(out, m.Name)
		}
	}
	return out
}

// regionDelete handles /region slett NAVN: refused while the region has
// gatherings.
func (h *Handlers) regionDelete(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exRegionDelete
	if err := checkKnown(req, args, ex, "navn", "name", "region"); err != nil {
		return bot.Reply{}, err
	}
	name, rest, err := regionName(req, args, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	if err := checkNoExtra(req, rest, ex); err != nil {
		return bot.Reply{}, err
	}
	r, err := h.DB.DeleteRegion(ctx, author(req), name)
	var iu *store.RegionInUseError
	if errors.As(err, &iu) {
		var ids []string
		for _, g := range iu.Gatherings {
			ids = append(ids, fmt.Sprintf("#%d %s", g.ID, g.Name))
		}
		return bot.Reply{}, &bot.Error{Code: bot.EConflict, Field: "navn", Err: err,
			Message: t(req, "region.err.inuse", iu.Region.Name, strings.Join(ids, ", "))}
	}
	if err != nil {
		return bot.Reply{}, h.regionNotFound(ctx, req, name, err)
	}
	return bot.Reply{Text: t(req, "region.delete.ok", r.Name, store.MunicipalityNames(r.Municipalities)), Private: true}, nil
}

// mentoringID reads the id after endre/slett.
func mentoringID(req *bot.Request, args bot.Args, example string) (int64, error) {
	return idAfterVerb(req, args, example, "mentoring.err.noid", "id")
}

func (h *Handlers) mentoringErr(req *bot.Request, id int64, err error) error {
	var ny *store.NotYoursError
	switch {
	case errors.As(err, &ny):
		who := ny.Name
		if who == "" {
			who = t(req, "core.someone")
		}
		return &bot.Error{Code: bot.EForbidden, Err: err, Message: t(req, "mentoring.err.notyours", id, who)}
	case bot.ErrorCode(err) == bot.ENotFound:
		return &bot.Error{Code: bot.ENotFound, Field: "id", Err: err, Message: t(req, "mentoring.err.notfound", id)}
	}
	return storeErr(req, err, "kommune")
}

// mentoringChange handles /veiledning endre ID kommune=.. dato=..
// minutter=.. tema=.. notat=..
func (h *Handlers) mentoringChange(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exMentoringChange
	if err := checkKnown(req, args, ex, append([]string{"id"}, mentoringKeys...)...); err != nil {
		return bot.Reply{}, err
	}
	id, err := mentoringID(req, args, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	var c store.MentoringChange
	c.Municipality = named(args, "kommune", "municipality")
	if c.Municipality != "" {
		if err := checkNames(req, "kommune", ex, []string{c.Municipality}); err != nil {
			return bot.Reply{}, err
		}
	}
	if raw := named(args, "dato", "date"); raw != "" {
		d, err := parseMentoringDay(req, "dato", raw, ex)
		if err != nil {
			return bot.Reply{}, err
		}
		if d.After(bot.DayIn(req.Now())) {
			return bot.Reply{}, bad(req, "dato", ex, "mentoring.err.future", date(req, d))
		}
		c.Date = d
	}
	if raw := named(args, "minutter", "minutes"); raw != "" {
		if c.Minutes, err = parseIntArg(req, "minutter", raw, 1, 600, ex); err != nil {
			return bot.Reply{}, err
		}
	}
	if c.Topic = named(args, "tema", "topic"); len([]rune(c.Topic)) > maxTopic {
		return bot.Reply{}, bad(req, "tema", ex, "core.err.toolong", "tema", maxTopic)
	}
	if v, ok := args.Get("notat", "note"); ok {
		v = strings.TrimSpace(v)
		if len([]rune(v)) > maxNote {
			return bot.Reply{}, bad(req, "notat", ex, "core.err.toolong", "notat", maxNote)
		}
		c.Note = &v
	}
	if c.Municipality == "" && c.Date.IsZero() && c.Minutes == 0 && c.Topic == "" && c.Note == nil {
		return bot.Reply{}, bad(req, "", ex, "mentoring.err.nochange")
	}
	before, after, err := h.DB.ChangeMentoring(ctx, author(req), req.User.Admin, id, c)
	if err != nil {
		return bot.Reply{}, h.mentoringErr(req, id, err)
	}
	line := func(s store.Mentoring) string {
		return fmt.Sprintf("%s, %s, %d min – «%s»", s.Municipality.Name, date(req, s.Date), s.Minutes, s.Topic)
	}
	if line(before) == line(after) && before.Note == after.Note {
		return bot.Reply{Text: t(req, "mentoring.change.none", id, line(after)), Private: true}, nil
	}
	return bot.Reply{Text: t(req, "mentoring.change.ok", id, line(before), line(after)), Private: true}, nil
}

// mentoringDelete handles /veiledning slett ID.
func (h *Handlers) mentoringDelete(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	ex := exMentoringDelete
	if err := checkKnown(req, args, ex, "id"); err != nil {
		return bot.Reply{}, err
	}
	id, err := mentoringID(req, args, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	s, err := h.DB.DeleteMentoring(ctx, author(req), req.User.Admin, id)
	if err != nil {
		return bot.Reply{}, h.mentoringErr(req, id, err)
	}
	undo := fmt.Sprintf("/veiledning logg kommune=%s dato=%s minutter=%d tema=%s", quoteArg(s.Municipality.Name), exDate(s.Date), s.Minutes, quoteArg(s.Topic))
	if s.Note != "" {
		undo += " notat=" + quoteArg(s.Note)
	}
	return bot.Reply{Text: t(req, "mentoring.delete.ok", id, s.Municipality.Name, date(req, s.Date), s.Minutes, s.Topic) + "\n" + t(req, "mentoring.delete.undo", undo), Private: true}, nil
}

var correctionMessages = bot.Messages{
	"region.err.noname":      {"Hvilken region? Skriv navnet, som i /region liste.", "Which region? Give its name, as in /region liste."},
	"region.err.notfound":    {"Fant ingen region «%s». Regionene er: %s.", "No region “%s”. The regions are: %s."},
	"region.err.inuse":       {"Regionen «%s» har samlinger (%s), så den kan ikke slettes. Endre kommunene med /region endre, eller avlys og flytt samlingene først.", "The region “%s” has gatherings (%s), so it cannot be deleted. Change its municipalities with /region endre, or cancel and move the gatherings first."},
	"region.change.none":     {"Ingen endring: *%s* har allerede %s.", "Nothing changed: *%s* already has %s."},
	"region.change.ok":       {"✏️ Region *%s* endret.\nFør: %s\nNå: %s", "✏️ Region *%s* changed.\nBefore: %s\nNow: %s"},
	"region.change.removed":  {"Svar som %s alt har gitt på regionens samlinger står, men nye tas ikke imot.", "Answers %s already gave to the region's gatherings stand, but new ones are not taken."},
	"region.delete.ok":       {"🗑️ Region *%s* slettet (%s). Kommunene kan være med i en ny region.", "🗑️ Region *%s* deleted (%s). Its municipalities may join a new region."},
	"mentoring.err.noid":     {"Hvilken veiledning? Skriv nummeret fra /veiledning liste.", "Which session? Give its number from /veiledning liste."},
	"mentoring.err.notfound": {"Fant ingen veiledning #%d. Se /veiledning liste.", "No mentoring session #%d. See /veiledning liste."},
	"mentoring.err.notyours": {"Veiledning #%d ble logget av %s; du kan bare endre eller slette dine egne. Be arbeidsgruppen om hjelp.", "Mentoring #%d was logged by %s; you can only change or delete your own. Ask the working group for help."},
	"mentoring.err.nochange": {"Hva skal endres? Gi minst én av kommune=, dato=, minutter=, tema= eller notat=.", "What should change? Give at least one of kommune=, dato=, minutter=, tema= or notat=."},
	"mentoring.change.none":  {"Ingen endring: veiledning #%d er allerede %s.", "Nothing changed: mentoring #%d is already %s."},
	"mentoring.change.ok":    {"✏️ Veiledning #%d endret.\nFør: %s\nNå: %s", "✏️ Mentoring #%d changed.\nBefore: %s\nNow: %s"},
	"mentoring.delete.ok":    {"🗑️ Veiledning #%d slettet: %s, %s, %d min – «%s».", "🗑️ Mentoring #%d deleted: %s, %s, %d min – “%s”."},
	"mentoring.delete.undo":  {"Angre: %s", "Undo: %s"},
}
