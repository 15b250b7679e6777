package dashboard

import (
	"embed"
	"html/template"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

//go:embed page.html
var pageFS embed.FS

// page is the dashboard's template, parsed on first use: parsed in the
// package's initialisation, its ~150 kB of parse tree stayed in the heap of
// every bot process, most of which never serve a dashboard (the collector
// keeps the heap a fixed share above what is live, so each live byte is
// paid for again in RSS: docs/operations.md "Round 9: memory"). The tests
// render the page, so a template that does not parse fails them.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page.html").Funcs(template.FuncMap{
		"t":        func(l bot.Lang, key string, args ...any) string { return messages.T(l, key, args...) },
		"date":     func(l bot.Lang, d time.Time) string { return bot.FormatDate(d, l) },
		"datetime": func(l bot.Lang, d time.Time) string { return bot.FormatDateTime(d, l) },
		"month":    func(l bot.Lang, m time.Time) string { return monthName(m, l) },
		"answer": func(l bot.Lang, a string) string {
			if a == "" {
				return messages.T(l, "dash.g.none")
			}
			return messages.T(l, "dash.answer."+a)
		},
		"yesno": func(l bot.Lang, b *bool) string {
			switch {
			case b == nil:
				return "–"
			case *b:
				return messages.T(l, "dash.yes")
			}
			return messages.T(l, "dash.no")
		},
		"is":         func(a, b string) bool { return a == b },
		"noun":       noun,
		"pair":       func(l bot.Lang, g gatheringView) gatheringCard { return gatheringCard{Lang: l, G: g} },
		"percent":    percent,
		"upcoming":   func(g store.Gathering) bool { return !g.Cancelled() },
		"answerKeys": func() []string { return []string{store.AnswerYes, store.AnswerMaybe, store.AnswerNo, ""} },
	}).ParseFS(pageFS, "page.html"))
})

// nouns are the singular and plural of the nouns counted on the page:
// bokmål, then English.
var nouns = map[string][4]string{
	"kommune": {"kommune", "kommuner", "municipality", "municipalities"},
	"person":  {"person", "personer", "person", "people"},
}

// noun is the form of a counted noun for n ("1 kommune", "3 kommuner").
func noun(l bot.Lang, n int, key string) string {
	w := nouns[key]
	i := 0
	if l == bot.EN {
		i = 2
	}
	if n != 1 {
		i++
	}
	return w[i]
}

// gatheringCard is what the "gathering" template gets: one gathering and
// the page's language.
type gatheringCard struct {
	Lang bot.Lang
	G    gatheringView
}

var messages = bot.Messages{
	"dash.title":            {"Fremtidens kulturskole – arbeidsgruppens oversikt", "Fremtidens kulturskole – the working group's overview"},
	"dash.generated":        {"Tall per %s. Lenken virker til %s.", "Figures as of %s. The link works until %s."},
	"dash.readonly":         {"Siden viser bare; endringer gjøres i chatten.", "This page only shows; changes are made in the chat."},
	"dash.nav":              {"Innhold", "Contents"},
	"dash.s.gatherings":     {"Samlinger", "Gatherings"},
	"dash.s.interest":       {"Interesse", "Interest"},
	"dash.s.mentoring":      {"Veiledning", "Mentoring"},
	"dash.s.faq":            {"FAQ", "FAQ"},
	"dash.s.downloads":      {"Nedlastinger", "Downloads"},
	"dash.g.upcoming":       {"Kommende", "Upcoming"},
	"dash.g.past":           {"Tidligere", "Past"},
	"dash.g.noneupcoming":   {"Ingen kommende samlinger. Opprett en med /samling ny.", "No upcoming gatherings. Create one with /samling ny."},
	"dash.g.nonepast":       {"Ingen tidligere samlinger.", "No past gatherings."},
	"dash.g.national":       {"nasjonal", "national"},
	"dash.g.cancelled":      {"Avlyst", "Cancelled"},
	"dash.g.cancelledon":    {"Avlyst %s", "Cancelled %s"},
	"dash.g.deadline":       {"Svarfrist: %s", "Answer by: %s"},
	"dash.g.nodeadline":     {"Ingen svarfrist (svar tas imot til samlingsdagen)", "No deadline (answers are taken until the day)"},
	"dash.g.municipality":   {"Kommune", "Municipality"},
	"dash.g.headcount":      {"Antall", "People"},
	"dash.g.answer":         {"Svar", "Answer"},
	"dash.g.time":           {"kl. %s", "at %s"},
	"dash.g.overnight":      {"Overnatting", "Overnight"},
	"dash.g.answered":       {"Svart", "Answered"},
	"dash.g.none":           {"ikke svart", "not answered"},
	"dash.g.noanswers":      {"Ingen svar ennå.", "No answers yet."},
	"dash.g.notinregion":    {"utenfor regionen", "outside the region"},
	"dash.g.people":         {"personer", "people"},
	"dash.g.municipalities": {"kommuner", "municipalities"},
	"dash.g.maybebeds":      {"+%d kanskje", "+%d maybe"},
	"dash.answer.ja":        {"ja", "yes"},
	"dash.answer.nei":       {"nei", "no"},
	"dash.answer.kanskje":   {"kanskje", "maybe"},
	"dash.total.yes":        {"Ja", "Yes"},
	"dash.total.maybe":      {"Kanskje", "Maybe"},
	"dash.total.no":         {"Nei", "No"},
	"dash.total.missing":    {"Ikke svart", "Not answered"},
	"dash.total.overnight":  {"Overnatting", "Overnight"},
	"dash.total":            {"Sum", "Total"},
	"dash.yes":              {"ja", "yes"},
	"dash.no":               {"nei", "no"},
	"dash.chart.answers":    {"Svar over tid: ja (grønn), kanskje (gul), nei (rød)", "Answers over time: yes (green), maybe (yellow), no (red)"},
	"dash.chart.counties":   {"Registreringer per fylke; sene i oransje", "Registrations per county; late ones in orange"},
	"dash.chart.months":     {"Veiledning i minutter per måned", "Mentoring minutes per month"},
	"dash.i.summary":        {"%d registreringer (%d sene) dekker %d kommuner.", "%d registrations (%d late) cover %d municipalities."},
	"dash.i.withdrawn":      {"%d trukket (ikke med i tallene).", "%d withdrawn (not counted)."},
	"dash.i.none":           {"Ingen registreringer ennå.", "No registrations yet."},
	"dash.i.county":         {"Fylke", "County"},
	"dash.i.registrations":  {"Registreringer", "Registrations"},
	"dash.i.late":           {"Sene", "Late"},
	"dash.i.municipalities": {"Kommuner", "Municipalities"},
	"dash.i.coverage":       {"Av fylkets kommuner", "Of the county's municipalities"},
	"dash.interest.late":    {"etter fristen", "after the deadline"},
	"dash.m.summary":        {"%d økter, %d minutter i alt, %d kommuner.", "%d sessions, %d minutes in all, %d municipalities."},
	"dash.m.none":           {"Ingen veiledning logget ennå.", "No mentoring logged yet."},
	"dash.m.minutes":        {"Minutter per kommune og måned", "Minutes per municipality and month"},
	"dash.m.sessions":       {"Økter", "Sessions"},
	"dash.m.last":           {"Siste økt", "Last session"},
	"dash.m.nomentoring":    {"Kommuner i en region uten veiledning ennå (%d)", "Municipalities in a region with no mentoring yet (%d)"},
	"dash.m.allmentored":    {"Alle kommuner i regionene har fått veiledning.", "Every municipality in the regions has had mentoring."},
	"dash.f.share":          {"%s av %d spørsmål besvart (%d).", "%s of %d questions answered (%d)."},
	"dash.f.noasked":        {"Ingen spørsmål stilt ennå.", "No questions asked yet."},
	"dash.f.open":           {"Ubesvarte spørsmål (%d), eldste først", "Unanswered questions (%d), oldest first"},
	"dash.f.noopen":         {"Ingen ubesvarte spørsmål.", "No unanswered questions."},
	"dash.f.howto":          {"Svar med /kulturbot svar <nummer> <tekst>.", "Answer with /kulturbot svar <number> <text>."},
	"dash.f.topics":         {"Mest spurt", "Most asked"},
	"dash.f.entry":          {"Oppføring", "Entry"},
	"dash.f.asked":          {"Ganger", "Times"},
	"dash.f.example":        {"Siste spørsmål", "Latest question"},
	"dash.f.votes":          {"Stemmer per oppføring (👍/👎)", "Votes per entry (👍/👎)"},
	"dash.f.up":             {"Nyttig", "Helpful"},
	"dash.f.down":           {"Ikke nyttig", "Not helpful"},
	"dash.g.over":           {"Svar over tid", "Answers over time"},
	"dash.i.ontime":         {"innen fristen", "on time"},
	"dash.f.novotes":        {"Ingen stemmer ennå.", "No votes yet."},
	"dash.f.question":       {"Spørsmål", "Question"},
	"dash.f.who":            {"Fra", "From"},
	"dash.f.when":           {"Stilt", "Asked"},
	"dash.d.intro":          {"De samme CSV-filene som kulturbot export og /kulturbot eksport gir (UTF-8, semikolon, åpnes i Excel).", "The same CSV files as kulturbot export and /kulturbot eksport (UTF-8, semicolons, open in Excel)."},
	"dash.d.rows":           {"%d rader", "%d rows"},
	"dash.d.rsvp":           {"Svar på samlinger", "Answers to gatherings"},
	"dash.d.interesse":      {"Interesseregistreringer", "Interest registrations"},
	"dash.d.veiledning":     {"Veiledning", "Mentoring"},
}
