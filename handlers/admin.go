package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// registerAdminSubs adds the /kulturbot subcommands of the core: help,
// own municipality, personal data and exports. Other workflows add theirs
// (spørsmål, svar, stemme, digest, dokument) with h.addSub.
func (h *Handlers) registerAdminSubs() {
	h.addSub([]string{"hjelp", "help"}, false,
		[2]string{"/kulturbot hjelp – denne oversikten", "/kulturbot hjelp – this overview"}, h.subHelp)
	h.addSub([]string{"kommune", "municipality"}, false,
		[2]string{"/kulturbot kommune Bodø – sett din egen kommune, så kan du droppe kommune= senere", "/kulturbot kommune Bodø – set your own municipality so kommune= can be left out later"}, h.subMunicipality)
	h.addSub([]string{"mine-data", "minedata", "my-data", "mydata"}, false,
		[2]string{"/kulturbot mine-data – se alt boten har lagret om deg", "/kulturbot mine-data – see everything the bot holds about you"}, h.subMyData)
	h.addSub([]string{"slett-meg", "slettmeg", "delete-me", "forget-me"}, false,
		[2]string{"/kulturbot slett-meg – slett personopplysningene dine (du blir spurt først)", "/kulturbot slett-meg – delete your personal data (you are asked first)"}, h.subForget)
	h.addSub([]string{"eksport", "export"}, true,
		[2]string{"/kulturbot eksport rsvp – CSV-fil med svar, interesse eller veiledning (admin)", "/kulturbot eksport rsvp – CSV file of answers, interest or mentoring (admin)"}, h.subExport)
}

// kulturbot dispatches /kulturbot <sub> to the subcommands registered by
// every workflow, enforcing their admin flag.
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
	s, ok := h.lookupSub(name)
	if !ok && len(args.Pos) > 1 {
		// "mine data", "slett meg": the two-word name typed without its
		// hyphen.
		if s, ok = h.lookupSub(name + "-" + args.Pos[1]); ok {
			name = name + "-" + args.Pos[1]
			args.Pos = args.Pos[1:]
		}
	}
	if !ok {
		return bot.Reply{}, bad(req, "", "/kulturbot hjelp", "admin.err.unknownsub", name)
	}
	if s.admin && !req.User.Admin {
		return bot.Reply{}, &bot.Error{Code: bot.EForbidden, Message: t(req, "admin.err.forbidden", "/kulturbot "+name)}
	}
	args.Pos = args.Pos[1:]
	rep, err := s.fn(ctx, req, args)
	return rep, oneLanguage(req, err)
}

// bilingualRE is a store message written in both languages at once,
// "Fant ikke svar #9. / No such answer.", since the store does not know
// the asker's language.
var bilingualRE = regexp.MustCompile(`^([^\n]+?\.) / ([A-Z][^\n]*)$`)

// oneLanguage keeps only the asker's half of such a message.
func oneLanguage(req *bot.Request, err error) error {
	var e *bot.Error
	if !errors.As(err, &e) {
		return err
	}
	if m := bilingualRE.FindStringSubmatch(e.Message); m != nil {
		c := *e
		c.Message = m[1]
		if req.Lang == bot.EN {
			c.Message = m[2]
		}
		return &c
	}
	return err
}

// lookupSub finds a subcommand by its name as typed ("spørsmål",
// "sporsmal", "SPØRSMÅL").
func (h *Handlers) lookupSub(name string) (sub, bool) {
	if s, ok := h.subs[strings.ToLower(name)]; ok {
		return s, true
	}
	f := bot.Fold(name)
	for n, s := range h.subs {
		if bot.Fold(n) == f {
			return s, true
		}
	}
	return sub{}, false
}

// coreHelp lists every core command with an example.
var coreHelp = [][2]string{
	{"/faq Hva er en region? – spør om programmet (også @kulturbot og DM)", "/faq What is a region? – ask about the programme (also @kulturbot and DM)"},
	{"/interesse fylke=Nordland kommuner=\"Bodø, Fauske, Saltdal\" kontakt=\"Kari Nordmann\" – meld interesse (uten argumenter: skjema)", "/interesse fylke=Nordland kommuner=\"Bodø, Fauske, Saltdal\" kontakt=\"Kari Nordmann\" – register interest (no arguments: a form)"},
	{"/interesse liste · /interesse endre 5 kontakt=\"Ola Nordmann\" · /interesse trekk 5 – se, endre eller trekk registreringer", "/interesse liste · /interesse endre 5 kontakt=\"Ola Nordmann\" · /interesse trekk 5 – list, change or withdraw registrations"},
	{"/rsvp – kommende samlinger med svarknapper", "/rsvp – upcoming gatherings with answer buttons"},
	{"/rsvp 3 ja 4 kommune=Bodø overnatting=ja – svar for kommunen (ja, nei eller kanskje; et nytt svar erstatter det forrige)", "/rsvp 3 ja 4 kommune=Bodø overnatting=ja – answer for a municipality (ja, nei or kanskje; a new answer replaces the old one)"},
	{exMentoringSlot + " – logg veiledning · /veiledning liste kommune=Bodø", exMentoringSlot + " – log mentoring · /veiledning liste kommune=Bodø"},
	{"/region ny navn=Salten kommuner=\"Bodø, Fauske, Saltdal\" · /region liste – regioner (admin)", "/region ny navn=Salten kommuner=\"Bodø, Fauske, Saltdal\" · /region liste – regions (admin)"},
	{exGatheringSlot + " · /samling liste · /samling deltakere 3 – samlinger (admin)", exGatheringSlot + " · /samling liste · /samling deltakere 3 – gatherings (admin)"},
	{"/samling endre 3 dato=… sted=… frist=… navn=… · /samling avlys 3 · /samling gjenåpne 3 – rett en samling; de som har svart får beskjed (admin)", "/samling endre 3 dato=… sted=… frist=… navn=… · /samling avlys 3 · /samling gjenåpne 3 – correct a gathering; those who answered are told (admin)"},
}

// Slots in a help line are replaced by examples dated from today: a fixed
// date would soon be in the past for a new gathering (or in the future for
// mentoring on a test clock), and the example would be refused when copied.
const (
	exGatheringSlot = "{samling ny}"
	exMentoringSlot = "{veiledning logg}"
)

func (h *Handlers) subHelp(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	lang := 0
	if req.Lang == bot.EN {
		lang = 1
	}
	var lines []string
	for _, c := range coreHelp {
		line := strings.Replace(c[lang], exGatheringSlot, exGathering(req), 1)
		line = strings.Replace(line, exMentoringSlot, exMentoring(req), 1)
		lines = append(lines, "• "+line)
	}
	// Subcommands, once each (several names share one help text), with the
	// admin ones only for admins.
	seen := map[string]bool{}
	var subs []string
	for _, s := range h.subs {
		line := s.help[lang]
		if line == "" {
			line = s.help[0]
		}
		if line == "" || seen[line] || (s.admin && !req.User.Admin) {
			continue
		}
		seen[line] = true
		subs = append(subs, "• "+line)
	}
	sort.Strings(subs)
	lines = append(lines, subs...)
	return bot.Reply{
		Title:   t(req, "admin.help.title"),
		Text:    t(req, "admin.help.intro") + "\n" + strings.Join(lines, "\n"),
		Context: t(req, "admin.help.context"),
		Private: true,
	}, nil
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
