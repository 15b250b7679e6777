package handlers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

// The municipality register in the workflows: every kommune= and kommuner=
// value is resolved by the store against the register; the refusals it
// returns (a near miss, a shared name, a municipality outside the
// gathering's region) become messages with buttons that run the same
// command again with the name put right. Nothing is stored on a refusal.

// municipalityErr turns the store's register refusals into messages for
// people, or returns nil when err is none of them.
func municipalityErr(req *bot.Request, err error, field string) error {
	var (
		un *store.UnknownMunicipalityError
		am *store.AmbiguousMunicipalityError
		or *store.OutOfRegionError
		wc *wrongCountyError
	)
	switch {
	case errors.As(err, &un):
		if len(un.Near) == 0 {
			return &bot.Error{Code: bot.EInvalid, Field: field, Err: err,
				Message: t(req, "kommune.err.unknown", un.Name) + "\n" + t(req, "core.example", exampleFor(req, field))}
		}
		names := entryNames(un.Near)
		return &bot.Error{Code: bot.EInvalid, Field: field, Err: err,
			Message: t(req, "kommune.err.near", un.Name, orList(req, names)),
			Buttons: retryButtons(req, field, un.Name, un.Near)}
	case errors.As(err, &am):
		return &bot.Error{Code: bot.EInvalid, Field: field, Err: err,
			Message: t(req, "kommune.err.ambiguous", am.Name, orList(req, entryNames(am.Candidates))),
			Buttons: retryButtons(req, field, am.Name, am.Candidates)}
	case errors.As(err, &or):
		g := or.Gathering
		return &bot.Error{Code: bot.EForbidden, Field: field, Err: err,
			Message: t(req, "rsvp.err.region", or.Municipality.Name, g.RegionName, g.ID, g.Name)}
	case errors.As(err, &wc):
		return &bot.Error{Code: bot.EInvalid, Field: "kommuner", Err: err,
			Message: t(req, "interest.err.wrongcounty", wc.Entry.Name, wc.Entry.County, wc.Given)}
	}
	return nil
}

// wrongCountyError says a municipality of an interest registration lies in
// another county than the one registering.
type wrongCountyError struct {
	Entry kommuner.Entry
	Given string
}

func (e *wrongCountyError) Error() string {
	return e.Entry.Name + " is in " + e.Entry.County + ", not " + e.Given
}

func exampleFor(req *bot.Request, field string) string {
	if field == "kommuner" {
		return `kommuner="Bodø, Fauske, Saltdal"`
	}
	return "kommune=Bodø"
}

func entryNames(es []kommuner.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

// orList is "Fauske", "Herøy (Møre og Romsdal) eller Herøy (Nordland)".
func orList(req *bot.Request, names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + t(req, "kommune.or") + " " + names[len(names)-1]
}

// retryButtons are one button per candidate, each running the request's
// command again with the typed name replaced by the candidate's.
func retryButtons(req *bot.Request, field, typed string, cands []kommuner.Entry) []bot.Button {
	if req.Command == "" {
		return nil
	}
	var out []bot.Button
	for _, c := range cands {
		out = append(out, bot.Button{Label: c.Name, Command: retryCommand(req, field, typed, c.Name), Style: "primary"})
	}
	return out
}

// retryCommand is the request as a command line with the first typed
// occurrence of old replaced by new (quoted where it has to be). Form
// values (modals, Discord options) are written out as key=value; a name
// that was not typed at all (the user's own municipality) is added as
// field=new.
func retryCommand(req *bot.Request, field, old, new string) string {
	text := req.Text
	replaced := false
	if i := strings.Index(text, old); i >= 0 {
		repl := new
		if !insideQuotes(text[:i]) && strings.ContainsAny(new, " ()") {
			repl = `"` + new + `"`
		}
		text = text[:i] + repl + text[i+len(old):]
		replaced = true
	}
	if len(req.Form) > 0 {
		keys := make([]string, 0, len(req.Form))
		for k := range req.Form {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := strings.TrimSpace(req.Form[k])
			if v == "" {
				continue
			}
			if !replaced {
				if j := strings.Index(v, old); j >= 0 {
					v = v[:j] + new + v[j+len(old):]
					replaced = true
				}
			}
			text += " " + k + "=" + quoteValue(v)
		}
	}
	if !replaced {
		text += " " + field + "=" + quoteValue(new)
	}
	return strings.TrimSpace("/" + req.Command + " " + strings.TrimSpace(text))
}

// insideQuotes reports whether a quote opened in s is still open.
func insideQuotes(s string) bool {
	open := false
	for _, r := range s {
		switch r {
		case '"':
			open = !open
		case '“', '«':
			open = true
		case '”', '»':
			open = false
		}
	}
	return open
}

func quoteValue(v string) string {
	if strings.ContainsAny(v, " ,()\"") {
		return `"` + strings.ReplaceAll(v, `"`, "") + `"`
	}
	return v
}

// resolveAll resolves names against the register before anything is
// written, in the order given, and checks them against county when one is
// given: the first problem is the refusal.
func (h *Handlers) resolveAll(req *bot.Request, field string, names []string, county string) ([]kommuner.Entry, error) {
	var out []kommuner.Entry
	reg := h.DB.Register()
	for _, n := range names {
		e, err := h.DB.ResolveMunicipality(n)
		var am *store.AmbiguousMunicipalityError
		if errors.As(err, &am) && county != "" {
			// "Herøy" registered by Nordland can only be Herøy (Nordland).
			var in []kommuner.Entry
			for _, c := range am.Candidates {
				if kommuner.Key(c.County) == kommuner.Key(county) {
					in = append(in, c)
				}
			}
			if len(in) == 1 {
				e, err = in[0], nil
			}
		}
		if err != nil {
			return nil, storeErr(req, err, field)
		}
		if county != "" && reg.County(county) != "" && kommuner.Key(e.County) != kommuner.Key(county) {
			return nil, municipalityErr(req, &wrongCountyError{Entry: e, Given: county}, field)
		}
		out = append(out, e)
	}
	return out, nil
}

// subMerge handles /kulturbot kommune-slå-sammen FRA TIL (admin): a name
// outside the register, left from before it, joins the register
// municipality it meant, with everything that pointed at it.
func (h *Handlers) subMerge(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = `/kulturbot kommune-slå-sammen Fauskee Fauske`
	from, to := named(args, "fra", "from"), named(args, "til", "to", "into")
	rest := args.Pos
	if from == "" && len(rest) > 0 {
		from, rest = rest[0], rest[1:]
	}
	if to == "" && len(rest) > 0 {
		to, rest = rest[0], rest[1:]
	}
	if err := checkKnown(req, args, ex, "fra", "from", "til", "to", "into"); err != nil {
		return bot.Reply{}, err
	}
	if from == "" || to == "" {
		return bot.Reply{}, bad(req, "fra", ex, "kommune.merge.usage")
	}
	if err := checkNoExtra(req, rest, ex); err != nil {
		return bot.Reply{}, err
	}
	mg, err := h.DB.MergeMunicipality(ctx, author(req), from, to)
	var nu *store.NotUnlinkedError
	switch {
	case errors.As(err, &nu):
		return bot.Reply{}, bad(req, "fra", ex, "kommune.merge.inregister", nu.Name)
	case bot.ErrorCode(err) == bot.ENotFound:
		return bot.Reply{}, bad(req, "fra", ex, "kommune.merge.notfound", from)
	case err != nil:
		return bot.Reply{}, storeErr(req, err, "til")
	}
	text := t(req, "kommune.merge.ok", mg.From, mg.To, mg.ToNumber,
		fmt.Sprintf("%d/%d/%d/%d/%d/%d", mg.RSVPs, mg.History, mg.Interests, mg.Mentoring, mg.Regions, mg.Users))
	if mg.Dropped != "" {
		text += "\n" + t(req, "kommune.merge.dropped", mg.Dropped)
	}
	return bot.Reply{Text: text, Private: true}, nil
}

// numbers are the entries' kommunenummer, which the store resolves exactly.
func numbers(es []kommuner.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Number
	}
	return out
}

// splitMunicipalities reads a kommuner= list: split on commas, semicolons
// and lines, and on "og"/"and"/"&" only where the pieces are municipalities
// themselves — "Evje og Hornnes", "Nore og Uvdal" and "Herøy (Møre og
// Romsdal)" are one municipality each, "Bodø og Fauske" two.
func (h *Handlers) splitMunicipalities(raw string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		pieces := bot.SplitList(part)
		if len(pieces) > 1 && h.known(part) {
			// The whole is a municipality: it wins over its pieces.
			pieces = []string{part}
		}
		out = append(out, pieces...)
	}
	return out
}

// known reports whether a name means one or more register entries.
func (h *Handlers) known(name string) bool {
	m := h.DB.Register().Resolve(name)
	return m.Kind == kommuner.Found || m.Kind == kommuner.Ambiguous
}

// gatheringGuest handles /samling gjest ID kommune=NAVN (admin): a
// municipality outside a regional gathering's region may answer it.
func (h *Handlers) gatheringGuest(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/samling gjest 3 kommune=Tromsø"
	if err := checkKnown(req, args, ex, "id", "samling", "gathering", "kommune", "municipality"); err != nil {
		return bot.Reply{}, err
	}
	id, err := idAfterVerb(req, args, ex, "gathering.err.noid", "id", "samling", "gathering")
	if err != nil {
		return bot.Reply{}, err
	}
	name := named(args, "kommune", "municipality")
	if name == "" {
		return bot.Reply{}, bad(req, "kommune", ex, "core.err.missing", "kommune")
	}
	g, m, err := h.DB.AddGuest(ctx, author(req), id, name)
	var (
		na *store.NationalGatheringError
		aa *store.AlreadyAllowedError
		nf *store.NotFoundError
	)
	switch {
	case errors.As(err, &na):
		return bot.Reply{}, &bot.Error{Code: bot.EInvalid, Field: "id", Err: err, Message: t(req, "guest.err.national", g.ID, g.Name)}
	case errors.As(err, &aa) && aa.InRegion:
		return bot.Reply{}, &bot.Error{Code: bot.EConflict, Field: "kommune", Err: err, Message: t(req, "guest.err.inregion", m.Name, g.RegionName, g.ID)}
	case errors.As(err, &aa):
		return bot.Reply{}, &bot.Error{Code: bot.EConflict, Field: "kommune", Err: err, Message: t(req, "guest.err.already", m.Name, g.ID, g.Name)}
	case errors.As(err, &nf) && nf.What == store.WhatGathering:
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Field: "id", Message: t(req, "gathering.err.notfound", id), Err: err}
	case err != nil:
		return bot.Reply{}, storeErr(req, err, "kommune")
	}
	return bot.Reply{Text: t(req, "guest.ok", m.Name, g.ID, g.Name, g.RegionName, fmt.Sprintf("/rsvp %d ja kommune=%s", g.ID, quoteValue(m.Name))), Private: true}, nil
}
