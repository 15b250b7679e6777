package handlers

import (
	"context"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// WebLinks hands out links to the working group's dashboard and to the
// calendar feeds (package dashboard implements it; cmd wires it in, so
// handlers never import the web side).
type WebLinks interface {
	// DashboardLink is a signed link in lang and when it stops working.
	DashboardLink(ctx context.Context, lang bot.Lang) (string, time.Time, error)
	// CalendarLink is a region's feed (0: every gathering).
	CalendarLink(ctx context.Context, regionID int64) (string, error)
}

func (h *Handlers) subDashboard(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if err := checkNoExtra(req, args.Pos, "/kulturbot dashbord"); err != nil {
		return bot.Reply{}, err
	}
	if h.Web == nil {
		return bot.Reply{Text: t(req, "web.off"), Private: true}, nil
	}
	link, exp, err := h.Web.DashboardLink(ctx, req.Lang)
	if err != nil {
		return bot.Reply{}, err
	}
	// A link the bot made: adapters render it clickable (the console as
	// "text (url)").
	return bot.Reply{Text: t(req, "web.dashboard", bot.Link(t(req, "web.dashboard.open"), link), bot.FormatDateTime(exp, req.Lang)), Private: true}, nil
}

func (h *Handlers) subCalendar(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/kulturbot kalender region=Salten"
	if err := checkKnown(req, args, ex, "region"); err != nil {
		return bot.Reply{}, err
	}
	if h.Web == nil {
		return bot.Reply{Text: t(req, "web.off"), Private: true}, nil
	}
	name := named(args, "region")
	rest := args.Pos
	if name == "" && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if err := checkNoExtra(req, rest, ex); err != nil {
		return bot.Reply{}, err
	}
	var region *store.Region
	switch {
	case bot.Fold(name) == "alle" || bot.Fold(name) == "all":
	case name != "":
		r, err := h.DB.RegionByName(ctx, name)
		if bot.ErrorCode(err) == bot.ENotFound {
			return bot.Reply{}, bad(req, "region", ex, "web.calendar.noregion", name)
		}
		if err != nil {
			return bot.Reply{}, err
		}
		region = &r
	default:
		// The region of the user's own municipality (/kulturbot kommune).
		m, ok, err := h.DB.UserMunicipality(ctx, req.UserKey())
		if err != nil {
			return bot.Reply{}, err
		}
		if ok {
			rs, err := h.DB.Regions(ctx)
			if err != nil {
				return bot.Reply{}, err
			}
			for i := range rs {
				for _, x := range rs[i].Municipalities {
					if x.ID == m.ID {
						region = &rs[i]
					}
				}
			}
		}
	}
	var id int64
	if region != nil {
		id = region.ID
	}
	link, err := h.Web.CalendarLink(ctx, id)
	if err != nil {
		return bot.Reply{}, err
	}
	rep := bot.Reply{Private: true, Context: t(req, "web.calendar.how")}
	if region != nil {
		// The address is shown as typed: people copy it into their
		// calendar program, and its token may hold marks such as _.
		rep.Text = t(req, "web.calendar.region", bot.Esc(region.Name), bot.Esc(link))
	} else {
		rep.Text = t(req, "web.calendar.all", bot.Esc(link))
		if name == "" {
			rep.Context = t(req, "web.calendar.hint") + " " + rep.Context
		}
	}
	return rep, nil
}

var webMessages = bot.Messages{
	"web.off":               {"Nettsidene er ikke satt opp på denne boten (ingen HTTP-server).", "The web pages are not set up on this bot (no HTTP server)."},
	"web.dashboard":         {"Arbeidsgruppens oversikt: %s\nLenken virker til %s. Ikke del den – den som har lenken, ser alt.", "The working group's overview: %s\nThe link works until %s. Do not share it – anyone with the link sees everything."},
	"web.dashboard.open":    {"Åpne oversikten", "Open the overview"},
	"web.calendar.region":   {"Samlingene i region %s (og de nasjonale) som kalender: %s", "The gatherings of region %s (and the national ones) as a calendar: %s"},
	"web.calendar.all":      {"Alle samlinger som kalender: %s", "Every gathering as a calendar: %s"},
	"web.calendar.hint":     {"Sett kommunen din med /kulturbot kommune <navn>, så får du lenken for din region.", "Set your municipality with /kulturbot kommune <name> to get your region's link."},
	"web.calendar.how":      {"Legg lenken til som abonnement («Legg til kalender fra URL» i Google, Outlook eller Apple Kalender); endringer og avlysninger kommer av seg selv.", "Add the link as a subscription (\"Add calendar from URL\" in Google, Outlook or Apple Calendar); changes and cancellations arrive by themselves."},
	"web.calendar.noregion": {"Fant ingen region «%s». Se /region liste.", "No region “%s”. See /region liste."},
}
