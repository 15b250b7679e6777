package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// The digest is built from store.DigestData by a pure function (BuildDigest)
// so its wording can be checked with golden files; the scheduler
// (package schedule) decides when and where it is posted.

// digestLimits caps the lists of a digest. A busy week is built with
// ever tighter limits until it fits digestBudget, so it stays whole on
// every platform: Discord cuts an embed's description at 4096 characters,
// Slack a section at 3000 and a message at 50 blocks.
type digestLimits struct {
	lines      int // bullet lines per section
	width      int // characters per line
	names      int // municipality names in one list
	gatherings int // upcoming gatherings shown
}

var digestSteps = []digestLimits{
	{10, 140, 20, 8},
	{6, 110, 12, 5},
	{4, 90, 8, 3},
	{2, 70, 5, 2},
	{1, 60, 3, 1},
}

// digestBudget is the most characters the text and items of one digest
// may hold (Discord's 4096 less room for headings and separators).
const digestBudget = 3800

// subDigest is /kulturbot digest: a private preview for admins of what
// the next digest says so far.
func (h *Handlers) subDigest(ctx context.Context, req *bot.Request, _ bot.Args) (bot.Reply, error) {
	now := req.Now()
	since, err := h.DigestSince(ctx, now)
	if err != nil {
		return bot.Reply{}, err
	}
	rep, err := h.Digest(ctx, since, now, req.Lang)
	if err != nil {
		return bot.Reply{}, err
	}
	rep.Private = true
	return rep, nil
}

// DigestSince is where a digest made now starts (the admin preview): at
// the most recent scheduled time, as `kulturbot digest --dry-run` and the
// next scheduled digest count; failing that at the end of the last digest
// sent, or a week ago when none was sent in the last five weeks.
func (h *Handlers) DigestSince(ctx context.Context, now time.Time) (time.Time, error) {
	if sched, err := ParseSchedule(h.Config.DigestSchedule); err == nil {
		if since := Latest(sched, now); !since.IsZero() && since.Before(now) {
			return since, nil
		}
	}
	end, ok, err := h.DB.LastDigestSent(ctx, "")
	if err != nil {
		return time.Time{}, err
	}
	if ok && end.Before(now) && now.Sub(end) < 35*24*time.Hour {
		return end, nil
	}
	return now.AddDate(0, 0, -7), nil
}

// Digest builds the digest for [since, until) from the database.
func (h *Handlers) Digest(ctx context.Context, since, until time.Time, lang bot.Lang) (bot.Reply, error) {
	d, err := h.DB.DigestData(ctx, since, until)
	if err != nil {
		return bot.Reply{}, err
	}
	return BuildDigest(d, h.nextInterestDeadline(until), lang), nil
}

// nextInterestDeadline is the yearly interest deadline on or after now's
// Oslo date (default 15 September).
func (h *Handlers) nextInterestDeadline(now time.Time) time.Time {
	m, d := h.Config.DeadlineMonth, h.Config.DeadlineDay
	if m == 0 || d == 0 {
		m, d = time.September, 15
	}
	today := bot.DayIn(now)
	t := time.Date(today.Year(), m, d, 0, 0, 0, 0, bot.Oslo)
	if t.Before(today) {
		t = time.Date(today.Year()+1, m, d, 0, 0, 0, 0, bot.Oslo)
	}
	return t
}

// BuildDigest renders digest data as a reply: a title with the period,
// the totals as fields, then one item per section. Empty sections are left
// out; a period with nothing new says so in one line. interestDeadline is
// listed among the deadlines when it falls within 30 days of d.Until.
// Long lists are shortened ("… og 4 til") until the whole digest fits one
// message on Slack and Discord.
func BuildDigest(d *store.DigestData, interestDeadline time.Time, lang bot.Lang) bot.Reply {
	var rep bot.Reply
	for _, lim := range digestSteps {
		rep = buildDigest(d, interestDeadline, lang, lim)
		if digestSize(rep) <= digestBudget {
			break
		}
	}
	return rep
}

func digestSize(r bot.Reply) int {
	n := len([]rune(r.Text))
	for _, it := range r.Items {
		n += len([]rune(it.Text)) + 2
	}
	return n
}

func buildDigest(d *store.DigestData, interestDeadline time.Time, lang bot.Lang, lim digestLimits) bot.Reply {
	t := func(key string, args ...any) string { return messages.T(lang, key, args...) }
	rep := bot.Reply{Lang: lang, Title: t("digest.title", PeriodLabel(d.Since, d.Until, lang))}
	rep.Context = t("digest.period", bot.FormatDateTime(d.Since, lang), bot.FormatDateTime(d.Until, lang))

	today := bot.DayIn(d.Until)
	horizon := today.AddDate(0, 0, 30)
	showInterest := !interestDeadline.IsZero() && !interestDeadline.Before(today) && !interestDeadline.After(horizon)
	deadlines := len(d.Deadlines)
	if showInterest {
		deadlines++
	}

	nNew, nChanged, nGone := len(d.NewInterests), len(d.ChangedInterests), len(d.WithdrawnInterests)
	active := nNew+nChanged+nGone+d.RSVPAnswers+d.MentoringSessions+d.MentoringLate+len(d.Downvotes) > 0

	// Totals first: what happened, then what needs acting on.
	if nNew+nChanged+nGone > 0 {
		var parts []string
		if nNew > 0 {
			parts = append(parts, digestN(lang, "digest.total.new", nNew))
		}
		if nChanged > 0 {
			parts = append(parts, t("digest.total.changed", nChanged))
		}
		if nGone > 0 {
			parts = append(parts, t("digest.total.withdrawn", nGone))
		}
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.interest"), Value: strings.Join(parts, " · ")})
	}
	if d.RSVPAnswers > 0 {
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.rsvp"), Value: digestN(lang, "digest.total.rsvp", d.RSVPAnswers)})
	}
	if d.MentoringSessions > 0 {
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.mentoring"), Value: digestSessions(lang, d.MentoringSessions, d.MentoringMinutes)})
	}
	if len(d.Downvotes) > 0 {
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.downvotes"), Value: fmt.Sprint(len(d.Downvotes))})
	}
	if len(d.Gatherings) > 0 {
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.gatherings"), Value: fmt.Sprint(len(d.Gatherings))})
	}
	if len(d.OpenQuestions) > 0 {
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.questions"), Value: fmt.Sprint(len(d.OpenQuestions))})
	}
	if deadlines > 0 {
		rep.Fields = append(rep.Fields, bot.Field{Label: t("digest.f.deadlines"), Value: fmt.Sprint(deadlines)})
	}

	if !active {
		rep.Text = t("digest.quiet", bot.FormatDate(d.Since, lang))
	}

	interests := func(key string, list []store.DigestInterest) {
		if len(list) == 0 {
			return
		}
		var lines []string
		for _, it := range list {
			line := fmt.Sprintf("#%d %s: %s", it.ID, it.County, strings.Join(it.Municipalities, ", "))
			if it.Late {
				line += " " + t("digest.late")
			}
			lines = append(lines, line)
		}
		rep.Items = append(rep.Items, bot.Item{Text: digestSection(lang, lim, t(key, len(list)), lines)})
	}
	interests("digest.s.new", d.NewInterests)
	interests("digest.s.changed", d.ChangedInterests)
	interests("digest.s.withdrawn", d.WithdrawnInterests)

	for i, g := range d.Gatherings {
		if i == lim.gatherings {
			rep.Items = append(rep.Items, bot.Item{Text: t("digest.moregatherings", len(d.Gatherings)-i)})
			break
		}
		rep.Items = append(rep.Items, gatheringItem(g, lang, lim))
	}

	if len(d.Mentoring) > 0 || len(d.NoMentoring) > 0 || d.MentoringLate > 0 {
		var b strings.Builder
		if len(d.Mentoring) > 0 {
			var lines []string
			for _, m := range d.Mentoring {
				lines = append(lines, m.Municipality+": "+digestSessions(lang, m.Sessions, m.Minutes))
			}
			b.WriteString(digestSection(lang, lim, t("digest.s.mentoring", digestSessions(lang, d.MentoringSessions, d.MentoringMinutes)), lines))
		}
		if d.MentoringLate > 0 {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString(t("digest.mentoring.late", digestSessions(lang, d.MentoringLate, d.MentoringLateMinutes)))
		}
		if len(d.NoMentoring) > 0 {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString(t("digest.nomentoring", len(d.NoMentoring), digestList(d.NoMentoring, lim.names, lang)))
		}
		rep.Items = append(rep.Items, bot.Item{Text: b.String()})
	}

	if len(d.OpenQuestions) > 0 {
		var lines []string
		for _, q := range d.OpenQuestions {
			who := q.AskedName
			if who == "" {
				who = t("digest.someone")
			}
			line := fmt.Sprintf("#%d «%s» – %s, %s", q.ID, digestCut(q.Question, 90), who, bot.FormatDate(q.At, lang))
			if q.Asks > 1 {
				line += " · " + t("faq.q.asks", q.Asks)
			}
			lines = append(lines, line)
		}
		txt := digestSection(lang, lim, t("digest.s.questions", len(d.OpenQuestions)), lines) + "\n" + t("digest.questions.how")
		rep.Items = append(rep.Items, bot.Item{Text: txt})
	}

	if len(d.Downvotes) > 0 {
		var lines []string
		for _, v := range d.Downvotes {
			line := fmt.Sprintf("«%s»", digestCut(v.Question, 80))
			if v.EntryID != "" {
				line += " → " + v.EntryID
			}
			if v.Votes > 1 {
				line += fmt.Sprintf(" (%d 👎)", v.Votes)
			}
			lines = append(lines, line)
		}
		rep.Items = append(rep.Items, bot.Item{Text: digestSection(lang, lim, t("digest.s.downvotes", len(d.Downvotes)), lines)})
	}

	if deadlines > 0 {
		type dl struct {
			at   time.Time
			text string
		}
		var list []dl
		for _, g := range d.Deadlines {
			list = append(list, dl{g.Deadline, t("digest.deadline.rsvp", bot.FormatDate(g.Deadline, lang), g.ID, g.Name)})
		}
		if showInterest {
			at := interestDeadline
			item := dl{at, t("digest.deadline.interest", bot.FormatDate(at, lang))}
			// Keep date order; the interest deadline goes before gathering
			// deadlines on the same day.
			i := 0
			for i < len(list) && list[i].at.Before(at) {
				i++
			}
			list = append(list[:i], append([]dl{item}, list[i:]...)...)
		}
		var lines []string
		for _, x := range list {
			lines = append(lines, x.text)
		}
		rep.Items = append(rep.Items, bot.Item{Text: digestSection(lang, lim, t("digest.s.deadlines"), lines)})
	}

	if !active && len(rep.Items) == 0 {
		// Nothing at all: the one line says it; no totals to show.
		rep.Fields = nil
	}
	return rep
}

// gatheringItem is one upcoming gathering with its answers so far.
func gatheringItem(g store.DigestGathering, lang bot.Lang, lim digestLimits) bot.Item {
	t := func(key string, args ...any) string { return messages.T(lang, key, args...) }
	var b strings.Builder
	region := g.Region
	if region == "" {
		region = t("digest.national")
	}
	fmt.Fprintf(&b, "📅 *#%d %s* – %s, %s (%s)\n", g.ID, g.Name, bot.FormatDate(g.Date, lang), g.Place, region)
	b.WriteString(t("digest.g.answers", g.Ja, g.Nei, g.Kanskje))
	if g.Headcount > 0 || g.MaybeHeadcount > 0 {
		b.WriteString(" · " + t("digest.g.people", g.Headcount))
		if g.MaybeHeadcount > 0 {
			b.WriteString(" " + t("digest.g.maybe", g.MaybeHeadcount))
		}
	}
	if g.Overnight > 0 || g.MaybeOvernight > 0 {
		b.WriteString(" · " + t("digest.g.overnight", g.Overnight))
		if g.MaybeOvernight > 0 {
			b.WriteString(" " + t("digest.g.maybe", g.MaybeOvernight))
		}
	}
	if g.Deadline.IsZero() {
		b.WriteString("\n" + t("digest.g.nodeadline"))
	} else {
		b.WriteString("\n" + t("digest.g.deadline", bot.FormatDate(g.Deadline, lang)))
	}
	if g.NewAnswers > 0 {
		b.WriteString(" · " + digestN(lang, "digest.g.new", g.NewAnswers))
	}
	if len(g.Missing) > 0 {
		b.WriteString("\n" + t("digest.g.missing", digestList(g.Missing, lim.names, lang)))
	} else if g.Ja+g.Nei+g.Kanskje > 0 {
		b.WriteString("\n" + t("digest.g.all"))
	}
	return bot.Item{Text: b.String(), Buttons: []bot.Button{{
		Label: t("digest.g.button"), Command: fmt.Sprintf("/samling deltakere %d", g.ID),
	}}}
}

// BuildReminder is the reminder posted 7 days (kind "7d") or 1 day ("1d")
// before a gathering's RSVP deadline, naming who has not answered.
func BuildReminder(g store.DigestGathering, kind string, lang bot.Lang) bot.Reply {
	t := func(key string, args ...any) string { return messages.T(lang, key, args...) }
	title, head := reminderHead(g, kind, "digest.r.title", lang)
	text := head + t("digest.g.deadline", bot.FormatDate(g.Deadline, lang)) + "\n" +
		digestN(lang, "digest.r.missing", len(g.Missing), digestList(g.Missing, 40, lang))
	return bot.Reply{
		Lang:    lang,
		Title:   title,
		Text:    text,
		Buttons: []bot.Button{{Label: t("digest.r.button"), Command: fmt.Sprintf("/rsvp %d", g.ID), Style: "primary"}},
	}
}

// reminderHead is a reminder's title (titleKey+"7" a week before the
// deadline, titleKey+"1" the day before) and its first line: the
// gathering, when, where and for which region.
func reminderHead(g store.DigestGathering, kind, titleKey string, lang bot.Lang) (title, line string) {
	title = messages.T(lang, titleKey+"7", g.Name)
	if kind == store.Reminder1d {
		title = messages.T(lang, titleKey+"1", g.Name)
	}
	region := g.Region
	if region == "" {
		region = messages.T(lang, "digest.national")
	}
	return title, fmt.Sprintf("*#%d %s* – %s, %s (%s)\n", g.ID, g.Name, bot.FormatDate(g.Date, lang), g.Place, region)
}

// PeriodLabel shows a digest period as people say it: "17.–23. november
// 2026". A scheduled digest (a whole minute) sent before noon reports on
// the days before it, so its own day is not shown; a preview made "now"
// shows up to today.
func PeriodLabel(since, until time.Time, lang bot.Lang) string {
	a := bot.DayIn(since)
	b := bot.DayIn(until.Add(-time.Nanosecond))
	if u := until.In(bot.Oslo); u.Second() == 0 && u.Nanosecond() == 0 && u.Hour() < 12 {
		b = bot.DayIn(u).AddDate(0, 0, -1)
	}
	if b.Before(a) {
		b = a
	}
	if a.Equal(b) {
		return bot.FormatDate(a, lang)
	}
	switch {
	case a.Year() != b.Year():
		return bot.FormatDate(a, lang) + " – " + bot.FormatDate(b, lang)
	case a.Month() != b.Month():
		da, db := bot.FormatDate(a, lang), bot.FormatDate(b, lang)
		return strings.TrimSuffix(da, fmt.Sprintf(" %d", a.Year())) + " – " + db
	case lang == bot.EN:
		return fmt.Sprintf("%d–%s", a.Day(), bot.FormatDate(b, lang))
	default:
		return fmt.Sprintf("%d.–%s", a.Day(), bot.FormatDate(b, lang))
	}
}

// DigestText renders a digest (or reminder) as plain text, for
// `kulturbot digest --dry-run` and the golden files.
func DigestText(r bot.Reply) string {
	var b strings.Builder
	if r.Title != "" {
		b.WriteString(r.Title + "\n")
		b.WriteString(strings.Repeat("=", len([]rune(r.Title))) + "\n")
	}
	if r.Text != "" {
		b.WriteString(r.Text + "\n")
	}
	if len(r.Fields) > 0 {
		b.WriteString("\n")
		for _, f := range r.Fields {
			fmt.Fprintf(&b, "%s: %s\n", f.Label, f.Value)
		}
	}
	for _, it := range r.Items {
		b.WriteString("\n" + it.Text + "\n")
		for _, bt := range it.Buttons {
			fmt.Fprintf(&b, "  [%s: %s]\n", bt.Label, bt.Command)
		}
	}
	for _, bt := range r.Buttons {
		fmt.Fprintf(&b, "[%s: %s]\n", bt.Label, bt.Command)
	}
	if r.Context != "" {
		b.WriteString("\n" + r.Context + "\n")
	}
	return b.String()
}

// digestSection is a bold heading and up to lim.lines bullet lines.
func digestSection(lang bot.Lang, lim digestLimits, heading string, lines []string) string {
	var b strings.Builder
	b.WriteString("*" + heading + "*")
	for i, l := range lines {
		if i == lim.lines {
			b.WriteString("\n" + messages.T(lang, "digest.more", len(lines)-i))
			break
		}
		b.WriteString("\n• " + digestCut(l, lim.width))
	}
	return b.String()
}

// digestList joins names, cutting a long list with "og N til".
func digestList(names []string, max int, lang bot.Lang) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:max], ", ") + " " + messages.T(lang, "digest.andmore", len(names)-max)
}

func digestSessions(lang bot.Lang, n, minutes int) string {
	if n == 1 {
		return messages.T(lang, "digest.session1", minutes)
	}
	return messages.T(lang, "digest.sessions", n, minutes)
}

// digestN is bot.T with the singular form (key + ".1") when n is 1.
func digestN(lang bot.Lang, key string, n int, args ...any) string {
	if n == 1 {
		key += ".1"
	}
	return messages.T(lang, key, append([]any{n}, args...)...)
}

// digestCut shortens s to n characters (runes) with an ellipsis, on one line.
func digestCut(s string, n int) string { return bot.Cut(strings.Join(strings.Fields(s), " "), n) }

var digestMessages = bot.Messages{
	"digest.title":             {"Ukesoppsummering %s", "Weekly digest %s"},
	"digest.period":            {"Perioden %s – %s (norsk tid) · kulturbot", "Period %s – %s (Norwegian time) · kulturbot"},
	"digest.quiet":             {"Rolig uke: ingen nye registreringer, svar, veiledning eller tilbakemeldinger siden %s.", "A quiet week: no new registrations, answers, mentoring or feedback since %s."},
	"digest.total.new":         {"%d nye", "%d new"},
	"digest.total.new.1":       {"%d ny", "%d new"},
	"digest.total.changed":     {"%d endret", "%d changed"},
	"digest.total.withdrawn":   {"%d trukket", "%d withdrawn"},
	"digest.total.rsvp":        {"%d kommuner med nytt eller endret svar", "%d municipalities with a new or changed answer"},
	"digest.total.rsvp.1":      {"%d kommune med nytt eller endret svar", "%d municipality with a new or changed answer"},
	"digest.f.interest":        {"Interessemeldinger", "Interest registrations"},
	"digest.f.rsvp":            {"Svar på samlinger", "Gathering answers"},
	"digest.f.mentoring":       {"Veiledning", "Mentoring"},
	"digest.f.downvotes":       {"Svar med 👎", "Answers with 👎"},
	"digest.f.gatherings":      {"Kommende samlinger", "Upcoming gatherings"},
	"digest.f.questions":       {"Ubesvarte spørsmål", "Unanswered questions"},
	"digest.f.deadlines":       {"Frister neste 30 dager", "Deadlines in the next 30 days"},
	"digest.late":              {"_(etter fristen)_", "_(after the deadline)_"},
	"digest.s.new":             {"Nye interessemeldinger (%d)", "New interest registrations (%d)"},
	"digest.s.changed":         {"Endrede interessemeldinger (%d)", "Changed interest registrations (%d)"},
	"digest.s.withdrawn":       {"Trukne interessemeldinger (%d)", "Withdrawn interest registrations (%d)"},
	"digest.s.mentoring":       {"Veiledning holdt i perioden: %s", "Mentoring held in the period: %s"},
	"digest.nomentoring":       {"*Ingen veiledning ennå (%d):* %s", "*No mentoring yet (%d):* %s"},
	"digest.s.questions":       {"Ubesvarte spørsmål (%d)", "Unanswered questions (%d)"},
	"digest.questions.how":     {"Svar med `/kulturbot svar <id> <tekst>`.", "Answer with `/kulturbot svar <id> <text>`."},
	"digest.s.downvotes":       {"Svar som fikk 👎 (%d)", "Answers that got 👎 (%d)"},
	"digest.s.deadlines":       {"Frister neste 30 dager", "Deadlines in the next 30 days"},
	"digest.deadline.rsvp":     {"%s: svarfrist for #%d %s", "%s: answer deadline for #%d %s"},
	"digest.deadline.interest": {"%s: frist for å melde interesse", "%s: deadline for registering interest"},
	"digest.someone":           {"ukjent", "unknown"},
	"digest.national":          {"nasjonal", "national"},
	"digest.g.answers":         {"Ja: %d · Nei: %d · Kanskje: %d", "Yes: %d · No: %d · Maybe: %d"},
	"digest.g.people":          {"%d deltakere", "%d people"},
	"digest.g.maybe":           {"(+%d kanskje)", "(+%d maybe)"},
	"digest.g.overnight":       {"%d trenger overnatting", "%d need a bed"},
	"digest.g.deadline":        {"Svarfrist %s", "Answer by %s"},
	"digest.g.nodeadline":      {"Ingen svarfrist", "No answer deadline"},
	"digest.mentoring.late":    {"Etterregistrert (holdt før perioden): %s", "Logged late (held before the period): %s"},
	"digest.g.new":             {"%d nye svar i perioden", "%d new answers in the period"},
	"digest.g.new.1":           {"%d nytt svar i perioden", "%d new answer in the period"},
	"digest.g.missing":         {"Ikke svart: %s", "Not answered: %s"},
	"digest.g.all":             {"Alle har svart.", "Everyone has answered."},
	"digest.g.button":          {"Deltakere", "Attendees"},
	"digest.r.title7":          {"Påminnelse: svarfrist om en uke for %s", "Reminder: one week left to answer for %s"},
	"digest.r.title1":          {"Påminnelse: svarfrist i morgen for %s", "Reminder: answers for %s are due tomorrow"},
	"digest.r.missing":         {"Disse %d kommunene har ikke svart ennå: %s", "These %d municipalities have not answered yet: %s"},
	"digest.r.missing.1":       {"%d kommune har ikke svart ennå: %s", "%d municipality has not answered yet: %s"},
	"digest.r.button":          {"Svar nå", "Answer now"},
	"digest.more":              {"… og %d til", "… and %d more"},
	"digest.moregatherings":    {"📅 … og %d samlinger til: se `/samling liste`.", "📅 … and %d more gatherings: see `/samling liste`."},
	"digest.andmore":           {"og %d til", "and %d more"},
	"digest.session1":          {"1 økt, %d min", "1 session, %d min"},
	"digest.sessions":          {"%d økter, %d min", "%d sessions, %d min"},
}
