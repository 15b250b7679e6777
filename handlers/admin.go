package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// kulturbot dispatches /kulturbot <verb> to the verb's Run (commands.go),
// enforcing its admin flag.
func (h *Handlers) kulturbot(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	args, err := req.Args()
	if err != nil {
		// Free text such as `/kulturbot svar 12 Det er greit, vi's ...`
		// may hold a lone quote; split on spaces instead of refusing it.
		args = bot.Args{Pos: strings.Fields(req.Text), Named: map[string]string{}}
		for k, v := range req.Form {
			args.Set(k, v)
		}
	}
	if len(args.Pos) == 0 {
		return h.subHelp(ctx, req, args)
	}
	name := args.Pos[0]
	rt := h.cmds["kulturbot"]
	s, ok := rt.Verb(name)
	if !ok && len(args.Pos) > 1 {
		// "mine data", "slett meg": the two-word name typed without its
		// hyphen.
		if s, ok = rt.Verb(name + "-" + args.Pos[1]); ok {
			name = name + "-" + args.Pos[1]
			args.Pos = args.Pos[1:]
		}
	}
	if !ok {
		return bot.Reply{}, bad(req, "", "/kulturbot hjelp", "admin.err.unknownsub", name)
	}
	if rt.VerbAdmin(s) && !req.User.Admin {
		return bot.Reply{}, &bot.Error{Code: bot.EForbidden, Message: t(req, "admin.err.forbidden", "/kulturbot "+name)}
	}
	args.Pos = args.Pos[1:]
	return s.Run(ctx, req, args)
}

// subHelp lists every command people can use with a working example,
// built from the routes (commands.go): admin verbs only for admins.
func (h *Handlers) subHelp(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	lines := HelpLines(h.router.Routes(), req.Lang, req.User.Admin, req.Now())
	for i, l := range lines {
		lines[i] = "• " + l
	}
	return bot.Reply{
		Title:   t(req, "admin.help.title"),
		Text:    t(req, "admin.help.intro") + "\n" + strings.Join(lines, "\n"),
		Context: t(req, "admin.help.context"),
		Private: true,
	}, nil
}

// HelpLines are the lines of /kulturbot hjelp for routes: "example –
// what it does", one per verb (one per command without verbs), dated from
// now. Admin verbs are left out unless admin; commands only for admins are
// listed for everyone, marked, so people know they exist.
func HelpLines(routes []*bot.Route, lang bot.Lang, admin bool, now time.Time) []string {
	var lines []string
	line := func(example string, desc bot.Words, adminOnly bool) {
		d := desc.In(lang)
		if d == "" {
			return
		}
		// "Vis samlingene" reads "– vis samlingene"; "CSV-fil" stays.
		if r := []rune(d); len(r) > 1 && !unicode.IsUpper(r[1]) {
			d = string(unicode.ToLower(r[0])) + string(r[1:])
		}
		if adminOnly {
			d += " (admin)"
		}
		lines = append(lines, bot.ExpandDates(example, now)+" – "+d)
	}
	for _, rt := range routes {
		if !rt.Listed() {
			continue
		}
		if len(rt.Verbs) == 0 {
			line(rt.Example, rt.Desc, rt.Admin)
			continue
		}
		for i := range rt.Verbs {
			v := &rt.Verbs[i]
			if v.Admin && !admin {
				continue
			}
			line(v.Example, v.Desc, rt.VerbAdmin(v))
		}
	}
	return lines
}

func (h *Handlers) subMunicipality(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/kulturbot kommune Bodø"
	if err := checkKnown(req, args, ex, "kommune", "municipality", "navn", "name"); err != nil {
		return bot.Reply{}, err
	}
	name := named(args, "kommune", "municipality", "navn", "name")
	if name == "" {
		name = strings.Join(args.Pos, " ")
	}
	name = strings.TrimSpace(name)
	if name == "" {
		m, ok, err := h.DB.UserMunicipality(ctx, req.UserKey())
		if err != nil {
			return bot.Reply{}, err
		}
		if ok {
			return bot.Reply{Text: t(req, "admin.municipality.current", m.Name, ex), Private: true}, nil
		}
		return bot.Reply{}, bad(req, "kommune", ex, "admin.municipality.none")
	}
	if err := checkNames(req, "kommune", ex, []string{name}); err != nil {
		return bot.Reply{}, err
	}
	m, err := h.DB.SetUserMunicipality(ctx, author(req), name)
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommune")
	}
	return bot.Reply{Text: t(req, "admin.municipality.ok", m.Name), Private: true}, nil
}

// tableLabels name the tables in the mine-data summary.
var tableLabels = map[string][2]string{
	"interests":      {"interesseregistreringer", "interest registrations"},
	"rsvps":          {"gjeldende svar på samlinger", "current answers to gatherings"},
	"rsvp_history":   {"tidligere svar på samlinger", "earlier answers to gatherings"},
	"mentoring":      {"veiledningsøkter", "mentoring sessions"},
	"regions":        {"regioner du opprettet", "regions you created"},
	"gatherings":     {"samlinger du opprettet eller avlyste", "gatherings you created or cancelled"},
	"municipalities": {"kommunenavn du skrev først", "municipality names you typed first"},
	"answers":        {"svar boten ga deg", "answers the bot gave you"},
	"questions":      {"spørsmål sendt videre til arbeidsgruppen", "questions passed on to the working group"},
	"feedback":       {"👍/👎 du ga", "👍/👎 you gave"},
}

func (h *Handlers) subMyData(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	pd, err := h.DB.MyData(ctx, req.UserKey())
	if err != nil {
		return bot.Reply{}, err
	}
	lang := 0
	if req.Lang == bot.EN {
		lang = 1
	}
	var lines []string
	if pd.Profile != nil {
		m := "–"
		if pd.Profile.Municipality != nil {
			m = pd.Profile.Municipality.Name
		}
		lines = append(lines, "• "+t(req, "admin.mydata.profile", m))
	}
	for _, tb := range pd.TableNames() {
		label := tb
		if l, ok := tableLabels[tb]; ok {
			label = l[lang]
		}
		lines = append(lines, fmt.Sprintf("• %s: %d", label, len(pd.Tables[tb])))
	}
	rep := bot.Reply{Title: t(req, "admin.mydata.title"), Private: true}
	if len(lines) == 0 {
		rep.Text = t(req, "admin.mydata.empty", req.UserKey())
		return rep, nil
	}
	body, err := json.MarshalIndent(pd, "", "  ")
	if err != nil {
		return bot.Reply{}, bot.Internal(err)
	}
	rep.Text = t(req, "admin.mydata.intro", req.UserKey()) + "\n" + strings.Join(lines, "\n")
	rep.Files = []bot.File{{Name: "kulturbot-mine-data.json", Type: "application/json", Content: body}}
	rep.Context = t(req, "admin.mydata.context")
	rep.Buttons = []bot.Button{{Label: t(req, "admin.forget.button"), Command: "/kulturbot slett-meg", Style: "danger"}}
	return rep, nil
}

func (h *Handlers) subForget(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	confirmed := false
	if raw := named(args, "bekreft", "confirm"); raw != "" {
		confirmed, _ = parseBool(raw)
	}
	for _, w := range args.Pos {
		switch bot.Fold(w) {
		case "bekreft", "confirm", "ja", "yes":
			confirmed = true
		case "nei", "no", "avbryt", "cancel":
			return bot.Reply{Text: t(req, "admin.forget.cancelled"), Private: true, Replace: req.Clicked}, nil
		default:
			return bot.Reply{}, bad(req, "", "/kulturbot slett-meg bekreft", "core.err.extra", w)
		}
	}
	if !confirmed {
		return bot.Reply{
			Text:    t(req, "admin.forget.ask"),
			Private: true,
			Buttons: []bot.Button{{Label: t(req, "admin.forget.confirm"), Command: "/kulturbot slett-meg bekreft", Style: "danger"}},
		}, nil
	}
	res, err := h.DB.ForgetUser(ctx, req.UserKey())
	if err != nil {
		return bot.Reply{}, err
	}
	var records int64
	for _, n := range res.Tables {
		records += n
	}
	return bot.Reply{Text: t(req, "admin.forget.done", count(req, int(records), "oppforing")), Private: true, Replace: req.Clicked}, nil
}

func (h *Handlers) subExport(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	const ex = "/kulturbot eksport rsvp"
	raw := named(args, "type", "kind")
	rest := args.Pos
	if raw == "" && len(rest) > 0 {
		raw, rest = rest[0], rest[1:]
	}
	if raw == "" {
		return bot.Reply{}, bad(req, "type", ex, "admin.export.missing")
	}
	// One kind per export: "eksport rsvp interesse" would otherwise give
	// only the first without saying so.
	if err := checkNoExtra(req, rest, ex); err != nil {
		return bot.Reply{}, err
	}
	kind, ok := store.ExportKind(raw)
	if !ok {
		return bot.Reply{}, bad(req, "type", ex, "admin.export.unknown", raw)
	}
	body, rows, err := h.DB.ExportBytes(ctx, kind)
	if err != nil {
		return bot.Reply{}, err
	}
	name := fmt.Sprintf("kulturbot-%s-%s.csv", kind, exDate(req.Now()))
	return bot.Reply{
		Text:    t(req, "admin.export.ok", kind, count(req, rows, "rad"), name),
		Private: true,
		Files:   []bot.File{{Name: name, Type: "text/csv; charset=utf-8", Content: body}},
	}, nil
}
