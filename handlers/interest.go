package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

const (
	exInterest         = `/interesse fylke=Nordland kommuner="Bodø, Fauske, Saltdal" kontakt="Kari Nordmann, 900 00 000"`
	exInterestWithdraw = `/interesse trekk 5`
	exInterestChange   = `/interesse endre 5 kommuner="Bodø, Fauske, Saltdal, Steigen"`
)

var interestKeys = []string{"fylke", "county", "kommuner", "kommune", "municipalities", "kontakt", "contact", "kommentar", "comment"}

// interest handles /interesse: register, liste, trekk <id>.
func (h *Handlers) interest(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	args, err := parseArgs(req, exInterest)
	if err != nil {
		return bot.Reply{}, err
	}
	if len(args.Pos) > 0 {
		switch h.verb("interesse", args.Pos[0]) {
		case "liste":
			return h.interestList(ctx, req, args)
		case "trekk":
			return h.interestWithdraw(ctx, req, args)
		case "endre":
			return h.interestChange(ctx, req, args)
		case "ny":
			args.Pos = args.Pos[1:]
		}
	}
	if isBare(req, args) {
		return h.interestForm(req), nil
	}
	return h.interestRegister(ctx, req, args)
}

// interestForm is the modal for a bare /interesse.
func (h *Handlers) interestForm(req *bot.Request) bot.Reply {
	var opts []bot.Option
	for _, c := range h.counties() {
		opts = append(opts, bot.Option{Label: c, Value: c})
	}
	return bot.Reply{
		Text:    t(req, "interest.form.text", exInterest),
		Private: true,
		Form: &bot.Form{
			ID: "interesse", Command: "interesse", Title: t(req, "interest.form.title"), Submit: t(req, "core.submit"),
			Fields: []bot.FormField{
				{Name: "fylke", Label: t(req, "interest.form.county"), Kind: bot.FieldSelect, Options: opts},
				{Name: "kommuner", Label: t(req, "interest.form.municipalities"), Kind: bot.FieldText, Placeholder: "Bodø, Fauske, Saltdal"},
				{Name: "kontakt", Label: t(req, "interest.form.contact"), Kind: bot.FieldText, Optional: true},
				{Name: "kommentar", Label: t(req, "interest.form.comment"), Kind: bot.FieldMultiline, Optional: true},
			},
		},
	}
}

// deadline is this year's interest deadline as an Oslo date.
func (h *Handlers) deadline(now time.Time) time.Time {
	m, d := h.Config.DeadlineMonth, h.Config.DeadlineDay
	if m == 0 || d == 0 {
		m, d = time.September, 15
	}
	return time.Date(now.In(bot.Oslo).Year(), m, d, 0, 0, 0, 0, bot.Oslo)
}

func (h *Handlers) interestRegister(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if err := checkKnown(req, args, exInterest, interestKeys...); err != nil {
		return bot.Reply{}, err
	}
	if err := checkNoExtra(req, args.Pos, exInterest); err != nil {
		return bot.Reply{}, err
	}
	v, err := h.interestValues(req, args, exInterest, true)
	if err != nil {
		return bot.Reply{}, err
	}
	county, names, contact, comment := *v.County, v.Municipalities, *v.Contact, *v.Comment
	entries, err := h.resolveAll(req, "kommuner", names, county)
	if err != nil {
		return bot.Reply{}, err
	}
	names = numbers(entries)
	now := req.Now()
	deadline := h.deadline(now)
	late := bot.DayIn(now).After(deadline)
	in, err := h.DB.CreateInterest(ctx, author(req), store.NewInterest{County: county, Municipalities: names, Contact: contact, Comment: comment, Late: late})
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommuner")
	}
	rep := bot.Reply{
		Title:   t(req, "interest.ok.title", in.ID),
		Text:    t(req, "interest.ok", county, store.MunicipalityNames(in.Municipalities)),
		Private: true,
		Fields: []bot.Field{
			{Label: t(req, "interest.form.county"), Value: county},
			{Label: t(req, "interest.form.municipalities"), Value: store.MunicipalityNames(in.Municipalities)},
		},
		Buttons: []bot.Button{{Label: t(req, "interest.withdraw.button", in.ID), Command: fmt.Sprintf("/interesse trekk %d", in.ID), Style: "danger"}},
	}
	if contact != "" {
		rep.Fields = append(rep.Fields, bot.Field{Label: t(req, "interest.form.contact"), Value: contact})
	}
	if comment != "" {
		rep.Fields = append(rep.Fields, bot.Field{Label: t(req, "interest.form.comment"), Value: comment})
	}
	if n := len(in.Municipalities); n < store.MinRegionSize {
		rep.Text += "\n" + t(req, "interest.warn.few", count(req, n, "kommune"))
	}
	if late {
		rep.Text += "\n" + t(req, "interest.warn.late", date(req, deadline))
	}
	rep.Context = t(req, "interest.ok.context", date(req, now))
	return rep, nil
}

func (h *Handlers) interestList(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/interesse liste fylke=Nordland"
	county := ""
	if raw := named(args, "fylke", "county"); raw != "" {
		c, ok := h.matchCounty(raw)
		if !ok {
			return bot.Reply{}, bad(req, "fylke", ex, "interest.err.county", raw, strings.Join(h.counties(), ", "))
		}
		county = c
		delete(args.Named, "fylke")
		delete(args.Named, "county")
	}
	all, err := wantAll(req, args, ex)
	if err != nil {
		return bot.Reply{}, err
	}
	is, err := h.DB.Interests(ctx, store.InterestFilter{IncludeWithdrawn: all && req.User.Admin})
	if err != nil {
		return bot.Reply{}, err
	}
	is = inCounty(is, county)
	rep := bot.Reply{Title: t(req, "interest.list.title"), Private: true}
	if len(is) == 0 {
		rep.Text = t(req, "interest.list.empty", exInterest)
		// "None yet" is wrong when every registration was withdrawn: an
		// admin can still see them with alle.
		if !all && req.User.Admin {
			withdrawn, err := h.DB.Interests(ctx, store.InterestFilter{IncludeWithdrawn: true})
			if err != nil {
				return bot.Reply{}, err
			}
			if n := len(inCounty(withdrawn, county)); n > 0 {
				rep.Text = t(req, "interest.list.allwithdrawn", count(req, n, "registrering"))
			}
		}
		return rep, nil
	}
	key := req.UserKey()
	// A municipality named in two registrations is still one municipality.
	municipalities := map[int64]bool{}
	for _, i := range is {
		mine := i.CreatedBy == key
		line := fmt.Sprintf("*#%d %s* – %s", i.ID, i.County, store.MunicipalityNames(i.Municipalities))
		line += "\n" + t(req, "interest.list.registered", date(req, i.CreatedAt), who(req, i.CreatedName, mine))
		if i.Late {
			line += " · " + t(req, "interest.list.late")
		}
		if i.Withdrawn() {
			line += " · " + t(req, "interest.list.withdrawn", date(req, i.WithdrawnAt))
		} else {
			for _, m := range i.Municipalities {
				municipalities[m.ID] = true
			}
		}
		// Contact details are personal: only the author and admins see them.
		if (mine || req.User.Admin) && i.Contact != "" {
			line += "\n" + t(req, "interest.form.contact") + ": " + i.Contact
		}
		item := bot.Item{Text: line}
		if (mine || req.User.Admin) && !i.Withdrawn() {
			item.Buttons = []bot.Button{{Label: t(req, "interest.withdraw.button", i.ID), Command: fmt.Sprintf("/interesse trekk %d", i.ID), Style: "danger"}}
		}
		rep.Items = append(rep.Items, item)
	}
	rep.Context = t(req, "interest.list.context", count(req, len(is), "registrering"), count(req, len(municipalities), "kommune"))
	return rep, nil
}

// inCounty keeps the registrations for county ("" keeps all).
func inCounty(is []store.Interest, county string) []store.Interest {
	if county == "" {
		return is
	}
	kept := is[:0]
	for _, i := range is {
		if i.County == county {
			kept = append(kept, i)
		}
	}
	return kept
}

// who names the author of a record in a list.
func who(req *bot.Request, name string, mine bool) string {
	switch {
	case mine:
		return t(req, "core.you")
	case name == "":
		return t(req, "core.someone")
	}
	return name
}

func (h *Handlers) interestWithdraw(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if err := checkKnown(req, args, exInterestWithdraw, "id"); err != nil {
		return bot.Reply{}, err
	}
	id, err := idAfterVerb(req, args, exInterestWithdraw, "interest.err.noid", "id")
	if err != nil {
		return bot.Reply{}, err
	}
	in, err := h.DB.WithdrawInterest(ctx, author(req), id, req.User.Admin)
	if bot.ErrorCode(err) == bot.ENotFound {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Message: t(req, "interest.err.notfound", id), Err: err}
	}
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "id")
	}
	return bot.Reply{
		Text:    t(req, "interest.withdrawn", in.ID, in.County, store.MunicipalityNames(in.Municipalities)),
		Private: true,
		Replace: req.Clicked,
	}, nil
}

// interestValues validates the fields of a registration. With required
// set, fylke and kommuner must be there; otherwise only given fields are
// checked and returned (nil: keep).
func (h *Handlers) interestValues(req *bot.Request, args bot.Args, example string, required bool) (store.InterestUpdate, error) {
	var u store.InterestUpdate
	countyIn := named(args, "fylke", "county")
	if countyIn == "" && required {
		return u, bad(req, "fylke", example, "interest.err.nocounty")
	}
	if countyIn != "" {
		county, ok := h.matchCounty(countyIn)
		if !ok {
			return u, bad(req, "fylke", example, "interest.err.county", countyIn, strings.Join(h.counties(), ", "))
		}
		u.County = &county
	}
	rawNames, given := args.Get("kommuner", "kommune", "municipalities")
	if given || required {
		names := distinctNames(h.splitMunicipalities(rawNames))
		if len(names) == 0 {
			return u, bad(req, "kommuner", example, "interest.err.nomunicipality")
		}
		if err := checkNames(req, "kommuner", example, names); err != nil {
			return u, err
		}
		u.Municipalities = names
	}
	if contact, given := args.Get("kontakt", "contact"); given || required {
		contact = strings.TrimSpace(contact)
		if len([]rune(contact)) > maxContact {
			return u, bad(req, "kontakt", example, "core.err.toolong", "kontakt", maxContact)
		}
		u.Contact = &contact
	}
	if comment, given := args.Get("kommentar", "comment"); given || required {
		comment = strings.TrimSpace(comment)
		if len([]rune(comment)) > maxComment {
			return u, bad(req, "kommentar", example, "core.err.toolong", "kommentar", maxComment)
		}
		u.Comment = &comment
	}
	return u, nil
}

// interestChange handles /interesse endre <id> [fylke=..] [kommuner=..]
// [kontakt=..] [kommentar=..]: the author (or an admin) changes a
// registration; given fields replace the stored ones.
func (h *Handlers) interestChange(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if err := checkKnown(req, args, exInterestChange, append([]string{"id"}, interestKeys...)...); err != nil {
		return bot.Reply{}, err
	}
	id, err := idAfterVerb(req, args, exInterestChange, "interest.err.noidchange", "id")
	if err != nil {
		return bot.Reply{}, err
	}
	u, err := h.interestValues(req, args, exInterestChange, false)
	if err != nil {
		return bot.Reply{}, err
	}
	if u.County == nil && u.Municipalities == nil && u.Contact == nil && u.Comment == nil {
		return bot.Reply{}, bad(req, "", exInterestChange, "interest.err.nochange")
	}
	if u.Municipalities != nil || u.County != nil {
		// The municipalities must lie in the county: the new one, or the
		// one registered before.
		cur, err := h.DB.Interest(ctx, id)
		if bot.ErrorCode(err) == bot.ENotFound {
			return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Message: t(req, "interest.err.notfound", id), Err: err}
		}
		if err != nil {
			return bot.Reply{}, err
		}
		county, names := cur.County, u.Municipalities
		if u.County != nil {
			county = *u.County
		}
		if names == nil {
			for _, m := range cur.Municipalities {
				names = append(names, m.Name)
			}
		}
		entries, err := h.resolveAll(req, "kommuner", names, county)
		if err != nil {
			return bot.Reply{}, err
		}
		if u.Municipalities != nil {
			u.Municipalities = numbers(entries)
		}
	}
	in, err := h.DB.UpdateInterest(ctx, author(req), id, req.User.Admin, u)
	if bot.ErrorCode(err) == bot.ENotFound {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Message: t(req, "interest.err.notfound", id), Err: err}
	}
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommuner")
	}
	text := t(req, "interest.changed", in.ID, in.County, store.MunicipalityNames(in.Municipalities))
	if n := len(in.Municipalities); n < store.MinRegionSize {
		text += "\n" + t(req, "interest.warn.few", count(req, n, "kommune"))
	}
	rep := bot.Reply{Text: text, Private: true}
	if in.Contact != "" {
		rep.Fields = append(rep.Fields, bot.Field{Label: t(req, "interest.form.contact"), Value: in.Contact})
	}
	if in.Comment != "" {
		rep.Fields = append(rep.Fields, bot.Field{Label: t(req, "interest.form.comment"), Value: in.Comment})
	}
	return rep, nil
}
