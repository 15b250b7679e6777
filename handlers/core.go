package handlers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// DefaultCounties are Norway's 15 counties (fylker) from 1 January 2024;
// the register's counties (store/kommuner) are used when it is loaded.
var DefaultCounties = []string{
	"Agder", "Akershus", "Buskerud", "Finnmark", "Innlandet", "Møre og Romsdal", "Nordland", "Oslo",
	"Rogaland", "Telemark", "Troms", "Trøndelag", "Vestfold", "Vestland", "Østfold",
}

// Limits on free text, so one command cannot fill the database.
const (
	maxContact = 200
	maxComment = 1000
	maxTopic   = 200
	maxNote    = 2000
	maxPlace   = 120
)

// t is one of the handlers' messages in the request's language.
func t(req *bot.Request, key string, args ...any) string { return messages.T(req.Lang, key, args...) }

// bad is an invalid-input error: what is wrong, then a correct example.
// field names the argument at fault so forms can show it inline.
func bad(req *bot.Request, field, example, key string, args ...any) error {
	msg := t(req, key, args...)
	if example != "" {
		msg += "\n" + t(req, "core.example", example)
	}
	return &bot.Error{Code: bot.EInvalid, Message: msg, Field: field}
}

// parseArgs parses the request's arguments; what the parser refuses (an
// unclosed quote, a key typed twice) is said in the asker's language, with
// the command's example.
func parseArgs(req *bot.Request, example string) (bot.Args, error) {
	args, err := req.Args()
	if err == nil {
		return args, nil
	}
	return args, argsErr(req, err, example)
}

// argsErr words the parser's refusal for people.
func argsErr(req *bot.Request, err error, example string) error {
	var ae *bot.ArgsError
	if be := (*bot.Error)(nil); errors.As(err, &be) && be.Message != "" || !errors.As(err, &ae) {
		return err
	}
	field, msg := "", ""
	switch ae.Kind {
	case bot.ArgsQuote:
		msg = t(req, "core.err.quote", ae.Text)
	case bot.ArgsRepeated:
		field, msg = ae.Text, t(req, "core.err.repeated", ae.Text)
	default:
		msg = t(req, "core.err.argstoolong", bot.MaxArgsLen)
	}
	if example != "" {
		msg += "\n" + t(req, "core.example", example)
	}
	return &bot.Error{Code: bot.EInvalid, Message: msg, Field: field, Err: err}
}

// capital upper-cases the first letter ("ja" -> "Ja") for labels.
func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// author is who wrote a record.
func author(req *bot.Request) store.Author { return store.AuthorOf(req) }

// checkKnown refuses named arguments the command does not take, so a typo
// (kommne=Bodø) is pointed out instead of silently ignored.
func checkKnown(req *bot.Request, args bot.Args, example string, allowed ...string) error {
	unknown := args.Unknown(allowed...)
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return bad(req, unknown[0], example, "core.err.unknownarg", unknown[0]+"=")
}

// checkNoExtra refuses positional words the command does not use.
// idAfterVerb reads a record id after the verb ("trekk 5", "deltakere #3")
// or from a named key (keys[0] is also the form field); nothing else may
// follow. missing is the message key for a missing id.
func idAfterVerb(req *bot.Request, args bot.Args, example, missing string, keys ...string) (int64, error) {
	raw := named(args, keys...)
	rest := args.Pos[1:]
	if raw == "" && len(rest) > 0 {
		raw, rest = rest[0], rest[1:]
	}
	if raw == "" {
		return 0, bad(req, keys[0], example, missing)
	}
	if err := checkNoExtra(req, rest, example); err != nil {
		return 0, err
	}
	id, ok := bot.ParseID(raw)
	if !ok {
		return 0, bad(req, keys[0], example, "core.err.id", raw)
	}
	return id, nil
}

func checkNoExtra(req *bot.Request, rest []string, example string) error {
	if len(rest) == 0 {
		return nil
	}
	err := bad(req, "", example, "core.err.extra", strings.Join(rest, " "))
	// The usual cause is a value with a space typed without quotes
	// (kommune=Nord Aurdal): show the line that works.
	if m := regexp.MustCompile(`(\p{L}+)=([^\s"“”«»'‘’]+)((?:\s+[^\s=]+)*?\s+` + regexp.QuoteMeta(rest[len(rest)-1]) + `)(\s|$)`).FindStringSubmatch(req.Text); m != nil {
		var e *bot.Error
		if errors.As(err, &e) {
			hint := t(req, "core.err.quotehint", m[1], m[2]+" "+strings.Join(strings.Fields(m[3]), " "))
			e.Message = strings.Replace(e.Message, "\n", " "+hint+"\n", 1)
		}
	}
	return err
}

// wantAll reads the optional "alle" of a list command, as a word
// (/samling liste alle) or a typed option (alle=true).
func wantAll(req *bot.Request, args bot.Args, example string) (bool, error) {
	all := false
	for _, w := range args.Pos[1:] {
		if f := bot.Fold(w); f == "alle" || f == "all" {
			all = true
			continue
		}
		return false, bad(req, "", example, "core.err.extra", w)
	}
	if raw := named(args, "alle", "all"); raw != "" {
		b, ok := parseBool(raw)
		if !ok {
			return false, bad(req, "alle", example, "core.err.extra", "alle="+raw)
		}
		all = all || b
	}
	if err := checkKnown(req, args, example, "alle", "all"); err != nil {
		return false, err
	}
	return all, nil
}

// named returns the first non-empty named value among keys, trimmed.
func named(args bot.Args, keys ...string) string {
	v, _ := args.Get(keys...)
	return strings.TrimSpace(v)
}

// isBare reports whether a command came with nothing at all: no words, no
// named values and no submitted form. Such a command opens its form.
func isBare(req *bot.Request, args bot.Args) bool {
	return req.Form == nil && len(args.Pos) == 0 && len(args.Named) == 0
}

// parseBool reads ja/nei as people type it, and true/false from typed
// platform options (Discord booleans).
func parseBool(s string) (bool, bool) {
	switch bot.Fold(s) {
	case "ja", "j", "yes", "y", "true", "1", "sann":
		return true, true
	case "nei", "n", "no", "false", "0", "usann":
		return false, true
	}
	return false, false
}

// parseAnswer reads ja/nei/kanskje and their English forms.
func parseAnswer(s string) (string, bool) {
	switch bot.Fold(s) {
	case "ja", "j", "yes", "y":
		return store.AnswerYes, true
	case "nei", "n", "no":
		return store.AnswerNo, true
	case "kanskje", "k", "maybe", "m":
		return store.AnswerMaybe, true
	}
	return "", false
}

// answerLabel shows an answer in the request language.
func answerLabel(req *bot.Request, a string) string {
	// The three answers' keys are constants: "core.answer."+a was a new
	// string for every confirmation.
	switch a {
	case store.AnswerYes:
		return t(req, "core.answer.ja")
	case store.AnswerNo:
		return t(req, "core.answer.nei")
	case store.AnswerMaybe:
		return t(req, "core.answer.kanskje")
	}
	return t(req, "core.answer."+a)
}

// yesNo shows a boolean as ja/nei (yes/no).
func yesNo(req *bot.Request, b bool) string {
	if b {
		return t(req, "core.yes")
	}
	return t(req, "core.no")
}

// parseDay reads a date argument; example shows the right form.
func parseDayArg(req *bot.Request, field, val, example string) (time.Time, error) {
	d, ok := bot.ParseDate(val)
	if !ok {
		d, ok = parseWrittenDate(val)
	}
	if !ok {
		// "i dag", "i går", "i morgen" (Oslo calendar days).
		days := map[string]int{"idag": 0, "today": 0, "igar": -1, "yesterday": -1, "imorgen": 1, "tomorrow": 1}
		if n, rel := days[bot.Fold(val)]; rel {
			d, ok = bot.DayIn(req.Now()).AddDate(0, 0, n), true
		}
	}
	if !ok {
		return d, bad(req, field, example, "core.err.date", field, val)
	}
	return d, nil
}

// monthNB are the months in bokmål, for parseWrittenDate.
var monthNB = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// monthNamed reads a month name as people write it, bokmål or English,
// whole or its first three letters ("feb", "February", "februar").
func monthNamed(s string) (time.Month, bool) {
	f := bot.Fold(s)
	for i, n := range monthNB {
		m := time.Month(i + 1)
		if f == n || f == bot.Fold(m.String()) || f == n[:3] || f == bot.Fold(m.String()[:3]) {
			return m, true
		}
	}
	return 0, false
}

// parseWrittenDate reads a date the way the bot writes it ("6. februar
// 2025", "6 February 2025") and the unpadded ISO form "2025-2-6", so a date
// copied from a reply can be typed back.
func parseWrittenDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("2006-1-2", s, bot.Oslo); err == nil {
		return t, true
	}
	f := strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(s))
	if len(f) != 3 {
		return time.Time{}, false
	}
	day, err1 := strconv.Atoi(f[0])
	year, err2 := strconv.Atoi(f[2])
	month, ok := monthNamed(f[1])
	if err1 != nil || err2 != nil || !ok || year < 1000 {
		return time.Time{}, false
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, bot.Oslo)
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false // 30. februar
	}
	return t, true
}

// parseIntArg reads a whole number in [min, max].
func parseIntArg(req *bot.Request, field, val string, min, max int, example string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(val))
	if err != nil || n < min || n > max {
		return 0, bad(req, field, example, "core.err.range", field, min, max, val)
	}
	return n, nil
}

// exDate formats a date for an example argument.
func exDate(d time.Time) string { return d.In(bot.Oslo).Format("2006-01-02") }

// date shows a calendar date in the request language.
func date(req *bot.Request, d time.Time) string { return bot.FormatDate(d, req.Lang) }

// counties is the configured county list.
func (h *Handlers) counties() []string {
	if len(h.Config.Counties) > 0 {
		return h.Config.Counties
	}
	if reg := h.DB.Register(); reg != nil {
		return reg.Counties()
	}
	return DefaultCounties
}

// matchCounty finds the county whatever the case or æøå spelling
// ("more og romsdal", "OSTFOLD", "Trondelag").
func (h *Handlers) matchCounty(s string) (string, bool) {
	f := bot.Fold(s)
	if f == "" {
		return "", false
	}
	for _, c := range h.counties() {
		if bot.Fold(c) == f {
			return c, true
		}
	}
	return "", false
}

// checkNames validates municipality names before anything is written.
func checkNames(req *bot.Request, field, example string, names []string) error {
	for _, n := range names {
		if !store.ValidMunicipalityName(n) {
			return bad(req, field, example, "core.err.badname", n)
		}
	}
	return nil
}

// distinctNames drops names that fold to the same municipality.
func distinctNames(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		f := bot.Fold(n)
		if !seen[f] {
			seen[f] = true
			out = append(out, strings.TrimSpace(n))
		}
	}
	return out
}

// municipalityFor is the municipality a command is about: kommune= from
// the arguments, else the asker's own (set with /kulturbot kommune), else
// a clear error that says how to give it.
func (h *Handlers) municipalityFor(ctx context.Context, req *bot.Request, args bot.Args, example string) (string, error) {
	if v := named(args, "kommune", "municipality"); v != "" {
		if err := checkNames(req, "kommune", example, []string{v}); err != nil {
			return "", err
		}
		return v, nil
	}
	m, ok, err := h.DB.UserMunicipality(ctx, req.UserKey())
	if err != nil {
		return "", err
	}
	if !ok {
		return "", bad(req, "kommune", example, "core.err.nomunicipality")
	}
	return m.Name, nil
}

// storeErr turns the store's typed refusals into messages for people in
// the request language. An error that already has words (a *bot.Error
// with a message) is left as it is.
func storeErr(req *bot.Request, err error, field string) error {
	if err == nil {
		return nil
	}
	if be := (*bot.Error)(nil); errors.As(err, &be) && be.Message != "" {
		return err
	}
	var (
		nf *store.NotFoundError
		ms *store.MissingError
		aa *store.AlreadyAnsweredError
		ue *store.UnknownExportError
		ct *store.ConstraintError
		bn *store.BadNameError
		ce *store.ClosedError
		no *store.NotOwnerError
		aw *store.AlreadyWithdrawnError
		ir *store.InRegionError
		re *store.RegionExistsError
		tf *store.TooFewError
		ac *store.AlreadyCancelledError
	)
	if e := municipalityErr(req, err, field); e != nil {
		return e
	}
	switch {
	case errors.As(err, &nf):
		msg := bot.T(req.Lang, "error.not_found")
		switch nf.What {
		case store.WhatMunicipality:
			msg = t(req, "store.notfound.municipality", nf.Name)
		case store.WhatGathering, store.WhatInterest, store.WhatQuestion, store.WhatAnswer:
			msg = t(req, "store.notfound."+nf.What, nf.ID)
		}
		return &bot.Error{Code: bot.ENotFound, Field: field, Message: msg, Err: err}
	case errors.As(err, &ms):
		return &bot.Error{Code: bot.EInvalid, Field: field, Message: t(req, "store.missing."+ms.What), Err: err}
	case errors.As(err, &aa):
		return &bot.Error{Code: bot.EConflict, Field: field, Message: t(req, "store.answered", aa.ID, bot.FormatDateTime(aa.AnsweredAt, req.Lang)), Err: err}
	case errors.As(err, &ue):
		return &bot.Error{Code: bot.EInvalid, Field: field, Message: t(req, "admin.export.unknown", ue.Kind), Err: err}
	case errors.As(err, &ct):
		return &bot.Error{Code: ct.ErrorCode(), Field: field, Message: bot.T(req.Lang, "error."+string(ct.ErrorCode())), Err: err}
	case errors.As(err, &bn):
		return &bot.Error{Code: bot.EInvalid, Field: field, Message: t(req, "core.err.badname", bn.Name), Err: err}
	case errors.As(err, &ce):
		g := ce.Gathering
		msg := ""
		switch ce.Reason {
		case store.ClosedCancelled:
			msg = t(req, "rsvp.closed.cancelled", g.ID, g.Name)
		case store.ClosedPast:
			msg = t(req, "rsvp.closed.past", g.ID, g.Name, date(req, g.Date))
			if bot.DayIn(req.Now()).Equal(g.Date) {
				msg = t(req, "rsvp.closed.today", g.ID, g.Name, date(req, g.Date))
			}
		default:
			msg = t(req, "rsvp.closed.deadline", g.ID, g.Name, date(req, g.Deadline))
		}
		return &bot.Error{Code: bot.EConflict, Field: "samling", Message: msg, Err: err}
	case errors.As(err, &no):
		return &bot.Error{Code: bot.EForbidden, Message: t(req, "interest.err.notowner", no.Interest.ID), Err: err}
	case errors.As(err, &aw):
		return &bot.Error{Code: bot.EConflict, Message: t(req, "interest.err.withdrawn", aw.Interest.ID, date(req, aw.Interest.WithdrawnAt)), Err: err}
	case errors.As(err, &ir):
		return &bot.Error{Code: bot.EConflict, Field: "kommuner", Message: t(req, "region.err.inregion", ir.Municipality, ir.Region), Err: err}
	case errors.As(err, &re):
		return &bot.Error{Code: bot.EConflict, Field: "navn", Message: t(req, "region.err.exists", re.Name), Err: err}
	case errors.As(err, &tf):
		return &bot.Error{Code: bot.EInvalid, Field: "kommuner", Message: t(req, "region.err.toofew", tf.Got), Err: err}
	case errors.As(err, &ac):
		return &bot.Error{Code: bot.EConflict, Message: t(req, "gathering.err.cancelled", ac.Gathering.ID, ac.Gathering.Name), Err: err}
	}
	return err
}

// worded is the edge of every route: a typed refusal from the store or the
// parser that a handler passed on as it was gets its words here, in the
// request's language.
func worded(next bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		rep, err := next.Handle(ctx, req)
		if err != nil {
			err = storeErr(req, argsErr(req, err, ""), "")
		}
		return rep, err
	})
}

// gatheringLine shows a gathering on one line: "#3 Samling 1 – 6. februar
// 2025, Bodø (Salten)".
func gatheringLine(req *bot.Request, g store.Gathering) string {
	region := g.RegionName
	if g.National() {
		region = t(req, "core.national")
	}
	return fmt.Sprintf("#%d %s – %s%s, %s (%s)", g.ID, g.Name, date(req, g.Date), timeText(req.Lang, g.Start, g.End), g.Place, region)
}

// nouns are the counted words of the replies: {nb one, nb many, en one, en many}.
var nouns = map[string][4]string{
	"kommune":      {"kommune", "kommuner", "municipality", "municipalities"},
	"person":       {"person", "personer", "person", "people"},
	"registrering": {"registrering", "registreringer", "registration", "registrations"},
	"okt":          {"økt", "økter", "session", "sessions"},
	"minutt":       {"minutt", "minutter", "minute", "minutes"},
	"region":       {"region", "regioner", "region", "regions"},
	"rad":          {"rad", "rader", "row", "rows"},
	"oppforing":    {"oppføring", "oppføringer", "record", "records"},
}

// count is "1 kommune" / "3 kommuner" in the request language.
func count(req *bot.Request, n int, noun string) string {
	w := nouns[noun]
	i := 0
	if req.Lang == bot.EN {
		i = 2
	}
	if n != 1 {
		i++
	}
	return fmt.Sprintf("%d %s", n, w[i])
}

// plural picks the singular or plural message for n.
func plural(req *bot.Request, n int, one, many string) string {
	if n == 1 {
		return t(req, one, n)
	}
	return t(req, many, n)
}
