package handlers

import (
	"context"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

const exRegion = `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`

// region handles the admin command /region ny|liste|endre|slett. The route is
// admin-only, so the router refuses everyone else before this runs.
func (h *Handlers) region(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	args, err := parseArgs(req, exRegion)
	if err != nil {
		return bot.Reply{}, err
	}
	v := ""
	if len(args.Pos) > 0 {
		v = h.verb("region", args.Pos[0])
	}
	switch {
	case v == "liste":
		if err := checkNoExtra(req, args.Pos[1:], "/region liste"); err != nil {
			return bot.Reply{}, err
		}
		return h.regionList(ctx, req)
	case v == "ny":
		args.Pos = args.Pos[1:]
		return h.regionNew(ctx, req, args)
	case v == "endre":
		return h.regionChange(ctx, req, args)
	case v == "slett":
		return h.regionDelete(ctx, req, args)
	case isBare(req, args):
		return bot.Reply{Text: t(req, "region.usage", exRegion), Private: true}, nil
	case len(args.Pos) == 0:
		return h.regionNew(ctx, req, args)
	}
	return bot.Reply{}, bad(req, "", exRegion, "region.err.verb", args.Pos[0])
}

func (h *Handlers) regionNew(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	if err := checkKnown(req, args, exRegion, "navn", "name", "kommuner", "municipalities"); err != nil {
		return bot.Reply{}, err
	}
	if err := checkNoExtra(req, args.Pos, exRegion); err != nil {
		return bot.Reply{}, err
	}
	name := named(args, "navn", "name")
	if name == "" {
		return bot.Reply{}, bad(req, "navn", exRegion, "core.err.missing", "navn")
	}
	if len([]rune(name)) > store.MaxNameLen || bot.Fold(name) == "" {
		return bot.Reply{}, bad(req, "navn", exRegion, "core.err.toolong", "navn", store.MaxNameLen)
	}
	if bot.Fold(name) == "nasjonal" || bot.Fold(name) == "national" {
		return bot.Reply{}, bad(req, "navn", exRegion, "region.err.reserved", name)
	}
	rawNames := named(args, "kommuner", "municipalities")
	if bot.Fold(rawNames) == "" {
		return bot.Reply{}, bad(req, "kommuner", exRegion, "core.err.missing", "kommuner")
	}
	names := distinctNames(h.splitMunicipalities(rawNames))
	if err := checkNames(req, "kommuner", exRegion, names); err != nil {
		return bot.Reply{}, err
	}
	if len(names) < store.MinRegionSize {
		return bot.Reply{}, bad(req, "kommuner", exRegion, "region.err.toofew", len(names))
	}
	r, err := h.DB.CreateRegion(ctx, author(req), name, names)
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommuner")
	}
	return bot.Reply{
		Text:    t(req, "region.ok", r.Name, len(r.Municipalities), store.MunicipalityNames(r.Municipalities)),
		Private: true,
	}, nil
}

func (h *Handlers) regionList(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	rs, err := h.DB.Regions(ctx)
	if err != nil {
		return bot.Reply{}, err
	}
	rep := bot.Reply{Title: t(req, "region.list.title"), Private: true}
	if len(rs) == 0 {
		rep.Text = t(req, "region.list.empty", exRegion)
		return rep, nil
	}
	for _, r := range rs {
		rep.Items = append(rep.Items, bot.Item{Text: "*" + r.Name + "* – " + store.MunicipalityNames(r.Municipalities) +
			"\n" + t(req, "region.list.created", date(req, r.CreatedAt))})
	}
	rep.Context = t(req, "region.list.context", count(req, len(rs), "region"))
	return rep, nil
}
