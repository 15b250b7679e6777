package dashboard_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/dashboard"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
)

// env is a seeded bot and its web server: the chat commands (through the
// real router and handlers) and the dashboard read the same SQLite file.
type env struct {
	t   testing.TB
	db  *store.DB
	r   *bot.Router
	web *dashboard.Server
	srv *httptest.Server
	now time.Time
}

func at(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, bot.Oslo) }

func newEnv(t testing.TB) *env {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, now: at(2024, 9, 2, 10)}
	db.Now = func() time.Time { return e.now }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// The county shares come from the store's municipality register.
	e.web = &dashboard.Server{DB: db, Log: log, Now: func() time.Time { return e.now }}
	mux := http.NewServeMux()
	e.web.Register(mux)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	e.web.PublicURL = e.srv.URL
	e.r = bot.NewRouter(log)
	handlers.Register(e.r, &handlers.Deps{DB: db, Config: handlers.Config{DeadlineMonth: time.September, DeadlineDay: 15}, Log: log, Web: e.web})
	return e
}

// as runs a command line as a user; "admin" is an admin.
func (e *env) as(user, line string) bot.Reply {
	e.t.Helper()
	cmd, text, _ := strings.Cut(strings.TrimPrefix(line, "/"), " ")
	req := &bot.Request{Platform: bot.Slack, User: bot.User{ID: user, Name: strings.ToUpper(user[:1]) + user[1:], Admin: user == "admin"},
		Command: cmd, Text: text, Time: e.now}
	return e.r.Handle(context.Background(), req)
}

func (e *env) ok(user, line string) bot.Reply {
	e.t.Helper()
	rep := e.as(user, line)
	if rep.Error != nil {
		e.t.Fatalf("%s: %s: %s", line, rep.Error.Code, rep.Text)
	}
	return rep
}

// seed builds the acceptance data set: two regions, four gatherings (one
// past, one cancelled, one national), answers that change over time,
// interest from three counties (two late, one withdrawn), mentoring over
// three months, open and answered questions with votes.
func (e *env) seed() {
	ctx := context.Background()
	// Interest before and after the 15 September deadline.
	e.ok("nordland", `/interesse fylke=Nordland kommuner="Bodø, Fauske, Saltdal" kontakt="Kari Nordmann"`)
	e.ok("troms", `/interesse fylke=Troms kommuner="Tromsø, Balsfjord, Karlsøy"`)
	e.ok("troms", `/interesse fylke=Troms kommuner="Lyngen"`)
	e.now = at(2024, 9, 20, 9)
	e.ok("agder", `/interesse fylke=Agder kommuner="Kristiansand, Vennesla" kommentar="Sent, beklager <b>"`)
	e.ok("nordland", `/interesse fylke=Nordland kommuner="Vågan, Bodø"`)
	e.ok("troms", `/interesse trekk 3`)

	e.now = at(2024, 10, 1, 9)
	e.ok("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal, Sørfold"`)
	e.ok("admin", `/region ny navn=Lofoten kommuner="Vågan, Vestvågøy, Flakstad"`)
	e.ok("admin", `/samling ny navn="Oppstart Salten" dato=2024-10-20 sted="Bodø" region=Salten frist=2024-10-15`)
	e.ok("admin", `/samling ny navn="Samling 2 Salten" dato=2025-02-10 sted="Fauske" region=Salten frist=2025-01-31`)
	e.ok("admin", `/samling ny navn="Lofoten 1" dato=2025-01-15 sted="Svolvær" region=Lofoten`)
	e.ok("admin", `/samling ny navn="Nasjonal samling" dato=2025-03-05 sted="Oslo" region=nasjonal tid=10:00-15:30`)

	e.now = at(2024, 10, 2, 12)
	e.ok("bodo", `/rsvp 1 ja 4 kommune=Bodø overnatting=ja`)
	e.ok("fauske", `/rsvp 1 kanskje 2 kommune=Fauske overnatting=ja`)
	e.now = at(2024, 10, 5, 12)
	e.ok("saltdal", `/rsvp 1 nei kommune=Saltdal`)
	e.ok("bodo", `/rsvp 2 ja 3 kommune=Bodø overnatting=ja`)
	e.ok("vagan", `/rsvp 3 ja 5 kommune=Vågan overnatting=nei`)
	e.now = at(2024, 10, 9, 12)
	e.ok("fauske", `/rsvp 1 ja 3 kommune=Fauske overnatting=nei`)
	e.ok("sorfold", `/rsvp 2 kanskje 1 kommune=Sørfold overnatting=ja`)
	e.ok("bodo", `/rsvp 4 ja 2 kommune=Bodø`)
	e.ok("vagan", `/rsvp 4 kanskje 1 kommune=Vågan overnatting=ja`)

	e.now = at(2024, 12, 10, 10)
	e.ok("mentor", `/veiledning logg kommune=Bodø dato=2024-10-07 minutter=90 tema="Oppstart"`)
	e.ok("mentor", `/veiledning logg kommune=Fauske dato=2024-11-12 minutter=60 tema="Utviklingsområde"`)
	e.ok("mentor", `/veiledning logg kommune=Bodø dato=2024-11-28 minutter=45 tema="Oppfølging"`)
	e.ok("mentor", `/veiledning logg kommune=Vågan dato=2024-12-03 minutter=120 tema="Første møte" notat="<script>alert(1)</script>"`)

	// Questions: two open, one answered; answers with votes.
	for i, q := range []string{"Kan vi ta med barnehagen på samlingen?", "Hvem betaler reisen til <Oslo> & tilbake?", "Når starter neste runde?"} {
		e.now = at(2024, 12, 1+i, 10)
		id, err := e.db.AddQuestion(ctx, store.Question{Question: q, Lang: "nb", Asker: store.Author{Key: "slack:u" + strconv.Itoa(i), Name: "Spør " + strconv.Itoa(i), Platform: bot.Slack}})
		if err != nil {
			e.t.Fatal(err)
		}
		if i == 2 {
			if _, err := e.db.AnswerQuestion(ctx, id, "I januar.", store.Author{Key: "slack:admin", Platform: bot.Slack}, nil); err != nil {
				e.t.Fatal(err)
			}
		}
	}
	e.now = at(2024, 12, 5, 10)
	for i, a := range []struct {
		q, entry string
		answered bool
		votes    []bool
	}{
		{"Hva er en region?", "region", true, []bool{true, true}},
		{"hva er en region egentlig", "region", true, []bool{false}},
		{"Hvor mange samlinger er det?", "samlinger", true, []bool{true}},
		{"Hva koster kaffe?", "", false, nil},
	} {
		id, err := e.db.LogAnswer(ctx, store.AnswerLog{Question: a.q, Lang: "nb", Answered: a.answered, Path: "faq", EntryID: a.entry, Score: 1, Answer: "…",
			Author: store.Author{Key: "slack:q" + strconv.Itoa(i), Platform: bot.Slack}})
		if err != nil {
			e.t.Fatal(err)
		}
		for j, up := range a.votes {
			if _, err := e.db.Vote(ctx, id, up, store.Author{Key: fmt.Sprintf("slack:v%d%d", i, j), Platform: bot.Slack}); err != nil {
				e.t.Fatal(err)
			}
		}
	}

	e.now = at(2024, 12, 10, 10)
	e.ok("admin", `/samling avlys 3 --bekreft`)
	e.now = at(2024, 12, 10, 12)
}

// link is a fresh dashboard link in lang, on the test server.
func (e *env) link(lang bot.Lang) string {
	e.t.Helper()
	l, _, err := e.web.DashboardLink(context.Background(), lang)
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

var (
	numRE   = regexp.MustCompile(`\d+`)
	titleRE = regexp.MustCompile(`\((\d+)\)`)
)

// nums are the numbers in s, in order.
func nums(s string) []string { return numRE.FindAllString(s, -1) }

// chatFigures asks the chat commands for every figure the page shows and
// returns them under the page's data-figure names.
func (e *env) chatFigures() map[string]string {
	e.t.Helper()
	want := map[string]string{}
	for id := 1; id <= 4; id++ {
		rep := e.ok("admin", fmt.Sprintf("/samling deltakere %d", id))
		field := map[string]string{}
		for _, f := range rep.Fields {
			field[f.Label] = f.Value
		}
		g := fmt.Sprintf("g%d-", id)
		yes, maybe := nums(field["Ja"]), nums(field["Kanskje"])
		want[g+"yes"], want[g+"yes-people"] = yes[0], yes[1]
		want[g+"maybe"], want[g+"maybe-people"] = maybe[0], maybe[1]
		want[g+"no"] = field["Nei"]
		on := nums(field["Overnatting"])
		want[g+"overnight"] = on[0]
		want[g+"maybe-overnight"] = "0"
		if len(on) > 1 {
			want[g+"maybe-overnight"] = on[1]
		}
		if m, ok := field["Ikke svart"]; ok {
			n := 0
			if m != "alle har svart" {
				n = len(strings.Split(m, ", "))
			}
			want[g+"missing"] = strconv.Itoa(n)
		}
	}
	// "/interesse liste": "5 registreringer, 10 kommuner. ..."
	c := nums(e.ok("admin", "/interesse liste").Context)
	want["i-registrations"], want["i-municipalities"] = c[0], c[1]
	for _, county := range []string{"Nordland", "Troms", "Agder"} {
		rep := e.ok("admin", "/interesse liste fylke="+county)
		want["county-"+county+"-registrations"] = nums(rep.Context)[0]
	}
	// "/veiledning liste": "4 økter, 315 minutter i alt, 3 kommuner."
	c = nums(e.ok("admin", "/veiledning liste").Context)
	want["m-sessions"], want["m-minutes"], want["m-municipalities"] = c[0], c[1], c[2]
	for _, m := range []string{"Bodø", "Fauske", "Vågan"} {
		c := nums(e.ok("admin", "/veiledning liste kommune="+m).Context)
		want["mun-"+m+"-sessions"], want["mun-"+m+"-minutes"] = c[0], c[1]
	}
	// "/kulturbot spørsmål": "Ubesvarte spørsmål (2)".
	want["f-open"] = titleRE.FindStringSubmatch(e.ok("admin", "/kulturbot spørsmål").Title)[1]
	return want
}

var figureRE = regexp.MustCompile(`data-figure="([^"]+)"[^>]*>([^<]*)<`)

// htmlFigures reads the data-figure elements of a served page.
func htmlFigures(page string) map[string]string {
	got := map[string]string{}
	for _, m := range figureRE.FindAllStringSubmatch(page, -1) {
		got[m[1]] = strings.TrimSpace(m[2])
	}
	return got
}

// compareFigures fails for every chat figure the page shows differently.
func compareFigures(t testing.TB, want, got map[string]string) {
	t.Helper()
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("figure %s: not on the page (chat says %s)", k, w)
		} else if g != w {
			t.Errorf("figure %s: page %q, chat %q", k, g, w)
		}
	}
}

// linkIn is the address in a reply text: a bot.Link's URL, or the first
// http(s) address in the plain text.
func linkIn(text string) string {
	var plain strings.Builder
	for _, sp := range bot.Spans(text) {
		if sp.URL != "" {
			return sp.URL
		}
		plain.WriteString(sp.Text + " ")
	}
	return regexp.MustCompile(`https?://\S+`).FindString(plain.String())
}
