package handlers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

const exRSVP = `/rsvp 3 ja 4 kommune=Bodø overnatting=ja`

var rsvpKeys = []string{"samling", "id", "gathering", "svar", "answer", "antall", "count", "headcount", "kommune", "municipality", "overnatting", "overnight", "overnatting-antall", "overnight-count"}

// rsvp handles /rsvp: the list of upcoming gatherings with answer
// buttons, the answer form for one gathering, and answers themselves.
//
//	/rsvp
//	/rsvp 3
//	/rsvp 3 ja 4 kommune=Bodø overnatting=ja
//	/rsvp svar samling=3 svar=ja antall=4   (Discord's typed options)
func (h *Handlers) rsvp(ctx context.Context, req *bot.Request) (bot.Reply, error) {
	args, err := parseArgs(req, exRSVP)
	if err != nil {
		return bot.Reply{}, err
	}
	pos := args.Pos
	if len(pos) > 0 {
		switch h.verb("rsvp", pos[0]) {
		case "liste":
			if err := checkNoExtra(req, pos[1:], "/rsvp"); err != nil {
				return bot.Reply{}, err
			}
			return h.rsvpList(ctx, req, nil)
		case "svar":
			pos = pos[1:]
		}
	}
	if err := checkKnown(req, args, exRSVP, rsvpKeys...); err != nil {
		return bot.Reply{}, err
	}
	// "/rsvp 3 slett kommune=X" or "/rsvp slett 3 kommune=X" (admin).
	del := false
	if len(pos) > 0 && isDeleteWord(pos[0]) {
		del, pos = true, pos[1:]
	}
	rawID := named(args, "samling", "id", "gathering")
	if rawID == "" && len(pos) > 0 {
		rawID, pos = pos[0], pos[1:]
	}
	if !del && len(pos) > 0 && isDeleteWord(pos[0]) {
		del, pos = true, pos[1:]
	}
	if del {
		return h.rsvpDelete(ctx, req, args, rawID, pos)
	}
	if rawID == "" {
		if req.Form == nil && len(args.Named) == 0 {
			return h.rsvpList(ctx, req, nil)
		}
		return bot.Reply{}, bad(req, "samling", exRSVP, "rsvp.err.noid")
	}
	id, ok := bot.ParseID(rawID)
	if !ok {
		return bot.Reply{}, bad(req, "samling", exRSVP, "core.err.id", rawID)
	}
	rawAnswer := named(args, "svar", "answer")
	rawCount := named(args, "antall", "count", "headcount")
	// The words after the id are read the way people type them: answer and
	// number in either order ("2 ja"), "3 personer", a bare "overnatting".
	// A word that is none of these takes the first empty slot, so its
	// error names the right field ("ja fire": antall).
	var extra []string
	for _, w := range pos {
		_, isAnswer := parseAnswer(w)
		switch f := bot.Fold(w); {
		case isAnswer && rawAnswer == "":
			rawAnswer = w
		case isNumber(w) && rawCount == "":
			rawCount = w
		case rawCount != "" && (f == "personer" || f == "person" || f == "people" || f == "pers" || f == "stk"):
		case f == "overnatting" || f == "overnight":
			if named(args, "overnatting", "overnight") == "" { // overnatting=nei wins
				args.Set("overnatting", "ja")
			}
		case rawAnswer == "":
			rawAnswer = w
		case rawCount == "":
			rawCount = w
		default:
			extra = append(extra, w)
		}
	}
	if err := checkNoExtra(req, extra, exRSVP); err != nil {
		return bot.Reply{}, err
	}
	if rawAnswer == "" {
		if req.Form == nil && len(args.Named) == 0 && rawCount == "" {
			return h.rsvpForm(ctx, req, id)
		}
		return bot.Reply{}, bad(req, "svar", exRSVP, "rsvp.err.noanswer")
	}
	answer, ok := parseAnswer(rawAnswer)
	if !ok {
		return bot.Reply{}, bad(req, "svar", exRSVP, "rsvp.err.answer", rawAnswer)
	}
	headcount := 0
	if rawCount != "" {
		n, err := parseIntArg(req, "antall", rawCount, 1, store.MaxHeadcount, exRSVP)
		if err != nil {
			return bot.Reply{}, err
		}
		headcount = n
	}
	if answer == store.AnswerNo {
		headcount = 0 // nobody comes, whatever number was typed
	}
	// A headcount of 0 for ja/kanskje and no overnatting= keep what the
	// municipality said before (or 1 person): a click on "Ja" after
	// "kanskje 4" must not quietly turn four people into one.
	var overnight *bool
	beds := 0
	// Discord's typed options: a yes/no and a number of beds.
	if raw := named(args, "overnatting-antall", "overnight-count"); raw != "" {
		if o := named(args, "overnatting", "overnight"); o == "" || parseTrue(o) {
			args.Set("overnatting", raw)
		}
	}
	if raw := named(args, "overnatting", "overnight"); raw != "" {
		b, n, ok := parseOvernight(raw)
		if !ok {
			return bot.Reply{}, bad(req, "overnatting", exRSVP, "rsvp.err.overnight", raw)
		}
		if answer != store.AnswerNo {
			overnight, beds = &b, n
		}
	}
	municipality, err := h.municipalityFor(ctx, req, args, exRSVP)
	if err != nil {
		// A gathering that does not exist or cannot be answered is the
		// first thing to say: asking for the municipality first only
		// leads to a second refusal. Looked up here, on the error path,
		// so a normal answer costs no extra read.
		if gerr := h.rsvpGatheringProblem(ctx, req, id); gerr != nil {
			return bot.Reply{}, gerr
		}
		return bot.Reply{}, err
	}
	res, err := h.DB.SetRSVP(ctx, author(req), store.RSVPInput{
		GatheringID: id, Municipality: municipality, Answer: answer, Headcount: headcount, Overnight: overnight, OvernightPeople: beds,
		Admin: req.User.Admin, At: req.Now(),
	})
	if bot.ErrorCode(err) == bot.ENotFound {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Field: "samling", Message: t(req, "rsvp.err.notfound", id), Err: err}
	}
	var oe *store.OvernightError
	if errors.As(err, &oe) {
		return bot.Reply{}, bad(req, "overnatting", exRSVP, "rsvp.err.beds", oe.Beds, oe.Headcount)
	}
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommune")
	}
	confirm := h.rsvpConfirmation(req, res)
	if req.Clicked {
		m := res.RSVP.Municipality
		rep, err := h.rsvpList(ctx, req, &m)
		if err != nil {
			return bot.Reply{}, err
		}
		rep.Text = confirm
		rep.Replace = true
		return rep, nil
	}
	return bot.Reply{Text: confirm, Private: true}, nil
}

// rsvpExample is a correct answer line for gathering id, for the user's
// own municipality when they have set one: an example with another
// gathering's number (#3) answers the wrong gathering when copied.
func rsvpExample(id int64, municipality string) string {
	if municipality == "" {
		return fmt.Sprintf("/rsvp %d ja 4 kommune=Bodø overnatting=ja", id)
	}
	return fmt.Sprintf("/rsvp %d ja 4 overnatting=ja", id)
}

// rsvpGatheringProblem is the refusal for a gathering that does not exist
// or no longer takes answers, or nil when it is open.
func (h *Handlers) rsvpGatheringProblem(ctx context.Context, req *bot.Request, id int64) error {
	g, err := h.DB.Gathering(ctx, id)
	if bot.ErrorCode(err) == bot.ENotFound {
		return &bot.Error{Code: bot.ENotFound, Field: "samling", Message: t(req, "rsvp.err.notfound", id), Err: err}
	}
	if err != nil {
		return err
	}
	if err := g.OpenAt(req.Now()); err != nil {
		return storeErr(req, err, "samling")
	}
	return nil
}

// isNumber reports whether strconv.Atoi reads w. A word that does not
// start with a digit or a sign is refused without calling it: Atoi's
// error (allocated) for every "ja" was a tenth of the handler's garbage.
func isNumber(w string) bool {
	if w == "" || !(w[0] == '+' || w[0] == '-' || '0' <= w[0] && w[0] <= '9') {
		return false
	}
	_, err := strconv.Atoi(w)
	return err == nil
}

// rsvpConfirmation says exactly what was stored, and what it replaced.
func (h *Handlers) rsvpConfirmation(req *bot.Request, res store.RSVPResult) string {
	r, g := res.RSVP, res.Gathering
	key := "rsvp.ok"
	if res.Unchanged {
		key = "rsvp.unchanged"
	}
	// The pieces are gathered first and joined once: appended one by one
	// the text was copied four times (~450 bytes per /rsvp).
	var parts [10]string
	ps := append(parts[:0], t(req, key, r.Municipality.Name, answerLabel(req, r.Answer), g.ID, g.Name, date(req, g.Date), g.Place))
	if r.Answer != store.AnswerNo {
		ps = append(ps, " ", plural(req, r.Headcount, "rsvp.people.one", "rsvp.people.many"))
		if o := overnightText(req, r); o != "" {
			ps = append(ps, ", ", o)
		}
		ps = append(ps, ".")
	}
	if r.Late {
		ps = append(ps, "\n", t(req, "rsvp.late", date(req, g.Deadline)))
	}
	if p := res.Previous; p != nil && !res.Unchanged {
		ps = append(ps, "\n", t(req, "rsvp.replaced", describeRSVP(req, *p)))
	}
	return strings.Join(ps, "")
}

// parseTrue reports whether s is a yes.
func parseTrue(s string) bool { b, ok := parseBool(s); return ok && b }

// parseOvernight reads overnatting=ja|nei|<number of people>: ja is the
// whole headcount, 0 is nei.
func parseOvernight(s string) (need bool, people int, ok bool) {
	if b, ok := parseBool(s); ok && bot.Fold(s) != "1" && bot.Fold(s) != "0" {
		return b, 0, true
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > store.MaxHeadcount {
		return false, 0, false
	}
	return n > 0, n, true
}

// overnightText is "overnatting: ja", "overnatting: 2 av 4" or "" when
// not said.
func overnightText(req *bot.Request, r store.RSVP) string {
	if r.Overnight == nil || r.Answer == store.AnswerNo {
		return ""
	}
	if *r.Overnight && r.Beds() < r.Headcount {
		return t(req, "rsvp.overnight", t(req, "rsvp.overnight.some", r.Beds(), r.Headcount))
	}
	return t(req, "rsvp.overnight", yesNo(req, *r.Overnight))
}

// describeRSVP is "ja (3)" / "nei".
func describeRSVP(req *bot.Request, r store.RSVP) string {
	if r.Answer == store.AnswerNo {
		return answerLabel(req, r.Answer)
	}
	return fmt.Sprintf("%s (%d)", answerLabel(req, r.Answer), r.Headcount)
}

// rsvpForm is the answer modal for one gathering. A closed gathering gets
// its reason at once instead of a form that cannot be submitted.
func (h *Handlers) rsvpForm(ctx context.Context, req *bot.Request, id int64) (bot.Reply, error) {
	g, err := h.DB.Gathering(ctx, id)
	if bot.ErrorCode(err) == bot.ENotFound {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Field: "samling", Message: t(req, "rsvp.err.notfound", id), Err: err}
	}
	if err != nil {
		return bot.Reply{}, err
	}
	if err := g.OpenAt(req.Now()); err != nil {
		return bot.Reply{}, storeErr(req, err, "samling")
	}
	initial := ""
	if m, ok, err := h.DB.UserMunicipality(ctx, req.UserKey()); err == nil && ok {
		initial = m.Name
	}
	// Overnight stay: everyone, nobody, or how many of those coming.
	yn := []bot.Option{{Label: t(req, "rsvp.form.beds.all"), Value: "ja"}, {Label: t(req, "core.no"), Value: "nei"}}
	for n := 1; n <= 10; n++ {
		yn = append(yn, bot.Option{Label: t(req, "rsvp.form.beds", n), Value: strconv.Itoa(n)})
	}
	return bot.Reply{
		Text:    t(req, "rsvp.form.text", gatheringLine(req, g), rsvpExample(g.ID, initial)),
		Private: true,
		Form: &bot.Form{
			ID: "rsvp", Command: "rsvp", Text: fmt.Sprint(g.ID),
			Title: t(req, "rsvp.form.title", g.ID), Submit: t(req, "core.submit"),
			Fields: []bot.FormField{
				{Name: "svar", Label: t(req, "rsvp.form.answer"), Kind: bot.FieldSelect, Options: []bot.Option{
					{Label: answerLabel(req, store.AnswerYes), Value: store.AnswerYes},
					{Label: answerLabel(req, store.AnswerNo), Value: store.AnswerNo},
					{Label: answerLabel(req, store.AnswerMaybe), Value: store.AnswerMaybe},
				}},
				{Name: "antall", Label: t(req, "rsvp.form.count"), Kind: bot.FieldNumber, Min: 1, Max: store.MaxHeadcount, Optional: true, Placeholder: "1"},
				{Name: "kommune", Label: t(req, "rsvp.form.municipality"), Kind: bot.FieldText, Initial: initial, Optional: initial != "", Placeholder: "Bodø"},
				{Name: "overnatting", Label: t(req, "rsvp.form.overnight"), Kind: bot.FieldSelect, Options: yn, Optional: true,
					Placeholder: t(req, "rsvp.form.beds.placeholder")},
			},
		},
	}, nil
}

// rsvpList shows the upcoming gatherings, each with ja/nei/kanskje buttons
// that mark the current answer of the user's municipality (m, or the one
// in their profile).
func (h *Handlers) rsvpList(ctx context.Context, req *bot.Request, m *store.Municipality) (bot.Reply, error) {
	now := req.Now()
	gs, err := h.DB.UpcomingGatherings(ctx, now)
	if err != nil {
		return bot.Reply{}, err
	}
	if m == nil {
		if own, ok, err := h.DB.UserMunicipality(ctx, req.UserKey()); err != nil {
			return bot.Reply{}, err
		} else if ok {
			m = &own
		}
	}
	answers := map[int64]store.RSVP{}
	access := store.Access{}
	// The buttons answer for the user's own municipality; for another
	// one (a click after answering with kommune=) they say which.
	forWhom := ""
	if m != nil {
		if answers, err = h.DB.AnswersFor(ctx, m.ID); err != nil {
			return bot.Reply{}, err
		}
		if access, err = h.DB.AccessOf(ctx, m.ID); err != nil {
			return bot.Reply{}, err
		}
		if own, ok, err := h.DB.UserMunicipality(ctx, req.UserKey()); err != nil {
			return bot.Reply{}, err
		} else if !ok || own.ID != m.ID {
			forWhom = " kommune=" + quoteValue(m.Name)
		}
		// Its own region's gatherings and the national ones first, then
		// the rest (which it cannot answer), each by date.
		sort.SliceStable(gs, func(i, j int) bool { return access.May(gs[i]) && !access.May(gs[j]) })
	}
	rep := bot.Reply{Title: t(req, "rsvp.list.title"), Private: true}
	if len(gs) == 0 {
		rep.Text = t(req, "rsvp.list.empty")
		return rep, nil
	}
	for _, g := range gs {
		if m != nil && !access.May(g) {
			rep.Items = append(rep.Items, bot.Item{Text: "*" + gatheringLine(req, g) + "*\n" + t(req, "rsvp.list.otherregion", g.RegionName, m.Name)})
			continue
		}
		line := "*" + gatheringLine(req, g) + "*"
		if !g.Deadline.IsZero() {
			line += "\n" + t(req, "rsvp.list.deadline", date(req, g.Deadline))
		}
		cur, answered := answers[g.ID]
		if m != nil {
			if answered {
				line += "\n" + t(req, "rsvp.list.current", m.Name, describeRSVP(req, cur))
			} else {
				line += "\n" + t(req, "rsvp.list.none", m.Name)
			}
		}
		if bot.DayIn(now).Equal(g.Date) {
			line += "\n" + t(req, "gathering.today")
		}
		item := bot.Item{Text: line}
		if err := g.OpenAt(now); err != nil {
			item.Text += "\n" + t(req, "rsvp.list.closed")
		} else {
			for _, a := range []string{store.AnswerYes, store.AnswerNo, store.AnswerMaybe} {
				b := bot.Button{Label: capital(answerLabel(req, a)), Command: fmt.Sprintf("/rsvp %d %s", g.ID, a) + forWhom}
				if answered && cur.Answer == a {
					b.Label = "✓ " + b.Label
					b.Style = "primary"
				}
				item.Buttons = append(item.Buttons, b)
			}
		}
		rep.Items = append(rep.Items, item)
	}
	if m == nil {
		rep.Context = t(req, "rsvp.list.tip", rsvpExample(gs[0].ID, ""))
	} else {
		rep.Context = t(req, "rsvp.list.for", m.Name)
	}
	return rep, nil
}
