package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
)

// testNow is the fixed clock: Friday 10 January 2025, 10:00 in Oslo.
var testNow = time.Date(2025, 1, 10, 10, 0, 0, 0, bot.Oslo)

type env struct {
	t   testing.TB
	db  *store.DB
	r   *bot.Router
	h   *handlers.Handlers
	now time.Time
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvAt(t, filepath.Join(t.TempDir(), "k.db"))
}

// newEnvAt is newEnv on the database file at path (which may exist).
func newEnvAt(t testing.TB, path string) *env {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, now: testNow}
	db.Now = func() time.Time { return e.now }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.r = bot.NewRouter(log)
	e.r.Use(bot.Dedup(db))
	e.h = handlers.Register(e.r, &handlers.Deps{DB: db, Config: handlers.Config{DeadlineMonth: time.September, DeadlineDay: 15}, Log: log})
	return e
}

// as runs a command line ("/rsvp 3 ja") as a user; "admin" is an admin.
func (e *env) as(user, line string) bot.Reply {
	e.t.Helper()
	return e.run(&bot.Request{User: bot.User{ID: user, Name: strings.ToUpper(user[:1]) + user[1:]}}, line)
}

func (e *env) run(req *bot.Request, line string) bot.Reply {
	cmd, text, _ := strings.Cut(strings.TrimPrefix(line, "/"), " ")
	if req.Platform == "" {
		req.Platform = bot.Slack
	}
	req.User.Admin = req.User.Admin || req.User.ID == "admin"
	req.Command, req.Text = cmd, text
	if req.Time.IsZero() {
		req.Time = e.now
	}
	return e.r.Handle(context.Background(), req)
}

// ok fails the test when the reply is an error.
func (e *env) ok(user, line string) bot.Reply {
	e.t.Helper()
	rep := e.as(user, line)
	if rep.Error != nil {
		e.t.Fatalf("%s: %s: %s", line, rep.Error.Code, rep.Text)
	}
	return rep
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	// The answer log is written behind the answer (store/answerlog.go).
	if err := e.db.AnswersWritten(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	if err := e.db.Reader().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// snapshot counts every table a workflow writes, to prove a refusal wrote nothing.
func (e *env) snapshot() string {
	var parts []string
	for _, tb := range []string{"municipalities", "users", "regions", "region_municipalities", "gatherings", "rsvps", "rsvp_history", "interests", "interest_municipalities", "mentoring", "changes"} {
		parts = append(parts, fmt.Sprintf("%s=%d", tb, e.count(tb)))
	}
	return strings.Join(parts, " ")
}

// all is the whole visible text of a reply.
func all(rep bot.Reply) string {
	s := rep.Title + "\n" + rep.Text + "\n" + rep.Context
	for _, f := range rep.Fields {
		s += "\n" + f.Label + ": " + f.Value
	}
	for _, it := range rep.Items {
		s += "\n" + it.Text
		for _, b := range it.Buttons {
			s += " [" + b.Label + " " + b.Command + "]"
		}
	}
	for _, b := range rep.Buttons {
		s += " [" + b.Label + " " + b.Command + "]"
	}
	return s
}

type badCase struct {
	name  string
	user  string
	line  string
	code  bot.Code
	field string
	msg   []string // substrings of the message
}

// checkBad runs refusals and checks code, field, message, an example, and
// that nothing was written.
func (e *env) checkBad(cases []badCase) {
	e.t.Helper()
	for _, c := range cases {
		e.t.(*testing.T).Run(c.name, func(t *testing.T) {
			before := e.snapshot()
			user := c.user
			if user == "" {
				user = "kari"
			}
			rep := e.as(user, c.line)
			if rep.Error == nil {
				t.Fatalf("%s: no error, reply %q", c.line, all(rep))
			}
			if rep.Error.Code != c.code {
				t.Errorf("code = %s, want %s (%s)", rep.Error.Code, c.code, rep.Text)
			}
			if c.field != "" && rep.Error.Field != c.field {
				t.Errorf("field = %q, want %q", rep.Error.Field, c.field)
			}
			for _, m := range c.msg {
				if !strings.Contains(rep.Text, m) {
					t.Errorf("message %q lacks %q", rep.Text, m)
				}
			}
			if c.code == bot.EInvalid && !strings.Contains(rep.Text, "Eksempel: /") {
				t.Errorf("message %q shows no example", rep.Text)
			}
			if !rep.Private {
				t.Error("error replies are private")
			}
			if after := e.snapshot(); after != before {
				t.Errorf("refusal wrote something:\n before %s\n after  %s", before, after)
			}
		})
	}
}

// setup creates region Salten and gathering #1 (6 Feb 2025, deadline 20 Jan).
func (e *env) setup() {
	e.t.Helper()
	e.ok("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal, Steigen"`)
	e.ok("admin", `/samling ny navn="Samling 1" dato=2025-02-06 sted="Bodø" region=salten frist=20.01.2025`)
}

func TestInterestRegister(t *testing.T) {
	e := newEnv(t)
	rep := e.ok("kari", `/interesse fylke="more og romsdal" kommuner="molde, Aukra og Hustadvika" kontakt="Kari, 900 00 000"`)
	if !strings.Contains(rep.Text, "Lagret for *Møre og Romsdal*: Molde, Aukra, Hustadvika.") {
		t.Errorf("confirmation = %q", rep.Text)
	}
	if strings.Contains(rep.Text, "⚠️") || strings.Contains(rep.Text, "sen") {
		t.Errorf("three municipalities in time: no warning expected: %q", rep.Text)
	}
	t.Run("CountyVariants", func(t *testing.T) {
		for in, want := range map[string][2]string{"ostfold": {"Østfold", "Halden, Moss, Sarpsborg"}, "TRONDELAG": {"Trøndelag", "Trondheim, Malvik, Stjørdal"},
			"Troendelag": {"Trøndelag", "Snåsa, Snåase"}, "vestland": {"Vestland", "Bergen, Voss, Kinn"}, "MØRE OG ROMSDAL": {"Møre og Romsdal", "Molde, Herøy, Ørsta"}} {
			rep := e.ok("kari", `/interesse ny fylke="`+in+`" kommuner="`+want[1]+`"`)
			// The bare "Herøy" is two municipalities, but with the county
			// given the registration can only mean one.
			if in == "MØRE OG ROMSDAL" && !strings.Contains(rep.Text, "Molde, Herøy (Møre og Romsdal), Ørsta") {
				t.Errorf("Herøy in Møre og Romsdal: %q", rep.Text)
			}
			if !strings.Contains(rep.Text, "*"+want[0]+"*") {
				t.Errorf("%s: %q", in, rep.Text)
			}
		}
	})
	t.Run("FewerThanThreeWarns", func(t *testing.T) {
		rep := e.ok("kari", `/interesse registrer fylke=Nordland kommuner=Bodø`)
		if !strings.Contains(rep.Text, "Bare 1 kommune er med") || !strings.Contains(rep.Text, "lagret") {
			t.Errorf("warning missing: %q", rep.Text)
		}
	})
	t.Run("LateIsStoredAndSaid", func(t *testing.T) {
		rep := e.run(&bot.Request{User: bot.User{ID: "kari"}, Time: time.Date(2025, 9, 16, 8, 0, 0, 0, bot.Oslo)}, `/interesse fylke=Troms kommuner="Tromsø, Balsfjord, Karlsøy"`)
		if rep.Error != nil || !strings.Contains(rep.Text, "merket som sen") || !strings.Contains(rep.Text, "15. september 2025") {
			t.Fatalf("late reply = %q", rep.Text)
		}
		onDay := e.run(&bot.Request{User: bot.User{ID: "kari"}, Time: time.Date(2025, 9, 15, 23, 0, 0, 0, bot.Oslo)}, `/interesse fylke=Troms kommuner="Tromsø"`)
		if strings.Contains(onDay.Text, "sen") {
			t.Fatalf("deadline day is in time: %q", onDay.Text)
		}
		is, _ := e.db.Interests(context.Background(), store.InterestFilter{})
		late := 0
		for _, i := range is {
			if i.Late {
				late++
			}
		}
		if late != 1 {
			t.Fatalf("late registrations = %d, want 1", late)
		}
	})
	t.Run("Form", func(t *testing.T) {
		rep := e.ok("kari", "/interesse")
		if rep.Form == nil || rep.Form.Command != "interesse" || len(rep.Form.Fields) != 4 {
			t.Fatalf("form = %+v", rep.Form)
		}
		if f := rep.Form.Fields[0]; f.Name != "fylke" || f.Kind != bot.FieldSelect || len(f.Options) != 15 {
			t.Fatalf("fylke field = %+v", f)
		}
		// Submitting the form runs the same validation.
		sub := e.run(&bot.Request{User: bot.User{ID: "kari"}, Form: map[string]string{"fylke": "Nordland", "kommuner": ""}}, "/interesse")
		if sub.Error == nil || sub.Error.Field != "kommuner" {
			t.Fatalf("empty submit = %+v", sub.Error)
		}
		sub = e.run(&bot.Request{User: bot.User{ID: "kari"}, Form: map[string]string{"fylke": "Nordland", "kommuner": "Rana, Vefsn, Alstahaug"}}, "/interesse")
		if sub.Error != nil {
			t.Fatalf("submit: %s", sub.Text)
		}
	})
}

func TestInterestBadInput(t *testing.T) {
	e := newEnv(t)
	e.checkBad([]badCase{
		{name: "NoCounty", line: `/interesse kommuner="Bodø, Fauske, Saltdal"`, code: bot.EInvalid, field: "fylke", msg: []string{"Fylke mangler"}},
		{name: "UnknownCounty", line: `/interesse fylke=Sogn kommuner="Bodø"`, code: bot.EInvalid, field: "fylke", msg: []string{"«Sogn» er ikke et av fylkene", "Østfold"}},
		{name: "OldCounty", line: `/interesse fylke="Troms og Finnmark" kommuner="Tromsø"`, code: bot.EInvalid, field: "fylke"},
		{name: "NoMunicipality", line: `/interesse fylke=Nordland`, code: bot.EInvalid, field: "kommuner", msg: []string{"Minst én kommune"}},
		{name: "EmptyMunicipalities", line: `/interesse fylke=Nordland kommuner=", ,"`, code: bot.EInvalid, field: "kommuner"},
		{name: "BadMunicipalityName", line: `/interesse fylke=Nordland kommuner="Bodø, <script>"`, code: bot.EInvalid, field: "kommuner", msg: []string{"«<script>» ser ikke ut som et kommunenavn"}},
		{name: "UnknownArgument", line: `/interesse fylke=Nordland kommuner=Bodø kommne=x`, code: bot.EInvalid, field: "kommne", msg: []string{"«kommne=»"}},
		{name: "StrayWords", line: `/interesse Nordland Bodø`, code: bot.EInvalid, msg: []string{"forsto ikke «Nordland Bodø»"}},
		{name: "ContactTooLong", line: `/interesse fylke=Nordland kommuner=Bodø kontakt="` + strings.Repeat("x", 201) + `"`, code: bot.EInvalid, field: "kontakt"},
		{name: "UnclosedQuote", line: `/interesse fylke="Nordland kommuner=Bodø`, code: bot.EInvalid},
	})
}

// TestKeyInsideQuotesIsNotRepeated: "x=" inside a quoted value is text.
func TestKeyInsideQuotesIsNotRepeated(t *testing.T) {
	e := newEnv(t)
	rep := e.ok("kari", `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=30 tema="Planer" notat="tema=økonomi, kommune=Bodø"`)
	if !strings.Contains(rep.Text, "Notat: tema=økonomi, kommune=Bodø") {
		t.Errorf("reply = %q", rep.Text)
	}
}

// TestUnquotedSpaceHint: a value with spaces typed without quotes gets the
// quoted line that works.
func TestUnquotedSpaceHint(t *testing.T) {
	e := newEnv(t)
	e.checkBad([]badCase{
		{name: "County", line: `/interesse fylke=Møre og Romsdal kommuner="Molde, Ålesund, Volda"`, code: bot.EInvalid, msg: []string{"Jeg forsto ikke «og Romsdal». Har verdien mellomrom? Sett den i anførselstegn: fylke=\"Møre og Romsdal\"."}},
		{name: "Topic", line: `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=30 tema=Lokal forankring`, code: bot.EInvalid, msg: []string{"tema=\"Lokal forankring\"."}},
		{name: "RegionName", user: "admin", line: `/region ny navn=Indre Salten kommuner="A, B, C"`, code: bot.EInvalid, msg: []string{"navn=\"Indre Salten\"."}},
	})
}

func TestInterestListAndWithdraw(t *testing.T) {
	e := newEnv(t)
	e.ok("kari", `/interesse fylke=Nordland kommuner="Bodø, Fauske, Saltdal" kontakt="kari@example.no"`)
	e.ok("ola", `/interesse fylke=Agder kommuner="Arendal, Grimstad, Froland" kontakt="ola@example.no"`)
	rep := e.ok("kari", "/interesse liste")
	text := all(rep)
	if !strings.Contains(text, "#2 Agder") || strings.Index(text, "Agder") > strings.Index(text, "Nordland") {
		t.Errorf("list not sorted by county: %q", text)
	}
	if strings.Contains(text, "ola@example.no") || !strings.Contains(text, "kari@example.no") {
		t.Errorf("contact details shown to the wrong people: %q", text)
	}
	if !strings.Contains(text, "registrert 10. januar 2025 av deg") {
		t.Errorf("date/author missing: %q", text)
	}
	e.ok("ola", `/interesse fylke=Nordland kommuner="bodo, Rana"`)
	if rep := e.ok("kari", "/interesse liste"); rep.Context == "" || !strings.HasPrefix(rep.Context, "3 registreringer, 7 kommuner.") {
		t.Errorf("Bodø counted twice: %q", rep.Context)
	}
	if rep := e.ok("kari", "/interesse liste fylke=agder"); len(rep.Items) != 1 || !strings.Contains(rep.Items[0].Text, "Agder") {
		t.Errorf("county filter: %s", all(rep))
	}
	e.checkBad([]badCase{
		{name: "ListUnknownCounty", line: "/interesse liste fylke=Narnia", code: bot.EInvalid, field: "fylke"},
		{name: "NotOwner", line: "/interesse trekk 2", code: bot.EForbidden, msg: []string{"du kan bare trekke dine egne"}},
		{name: "NotFound", line: "/interesse trekk #9", code: bot.ENotFound, msg: []string{"Fant ingen registrering #9"}},
		{name: "NoID", line: "/interesse trekk", code: bot.EInvalid, field: "id"},
		{name: "BadID", line: "/interesse trekk abc", code: bot.EInvalid, field: "id", msg: []string{"«abc» er ikke et nummer"}},
	})
	if rep := e.ok("kari", "/interesse trekk #1"); !strings.Contains(rep.Text, "Registrering #1 (Nordland: Bodø, Fauske, Saltdal) er trukket") {
		t.Errorf("withdraw = %q", rep.Text)
	}
	e.checkBad([]badCase{{name: "AlreadyWithdrawn", line: "/interesse trekk 1", code: bot.EConflict, msg: []string{"allerede trukket"}}})
	if rep := e.ok("admin", "/interesse withdraw 2"); rep.Error != nil {
		t.Fatal("admins may withdraw any registration")
	}
	if rep := e.ok("admin", "/interesse liste alle=true"); !strings.Contains(all(rep), "trukket 10. januar 2025") {
		t.Errorf("alle: %q", all(rep))
	}
}

func TestRSVPAnswerTwiceReplacesAndKeepsHistory(t *testing.T) {
	e := newEnv(t)
	e.setup()
	rep := e.ok("kari", "/rsvp 1 ja 3 kommune=bodo overnatting=ja")
	want := "✅ Lagret: *Bodø* svarer *ja* på samling #1 Samling 1, 6. februar 2025 i Bodø. 3 personer, overnatting: ja."
	if rep.Text != want {
		t.Errorf("confirmation\n got %q\nwant %q", rep.Text, want)
	}
	rep = e.ok("ola", "/rsvp #1 kanskje kommune=BODØ")
	if !strings.Contains(rep.Text, "*kanskje*") || !strings.Contains(rep.Text, "3 personer, overnatting: ja") || !strings.Contains(rep.Text, "erstatter forrige svar (ja (3))") {
		t.Errorf("second answer keeps headcount and says what it replaced: %q", rep.Text)
	}
	e.ok("kari", "/rsvp svar samling=1 svar=nei kommune=Fauske")
	if n := e.count("rsvps"); n != 2 {
		t.Fatalf("rsvps = %d, want 2 (one per municipality)", n)
	}
	if n := e.count("rsvp_history"); n != 3 {
		t.Fatalf("history = %d, want 3", n)
	}
	if n := e.count("municipalities"); n != 357 {
		t.Fatalf("municipalities = %d: bodo/BODØ must be the register's Bodø", n)
	}
	at := e.ok("admin", "/samling deltakere 1")
	text := all(at)
	for _, s := range []string{"*Bodø*: kanskje, 3 personer, overnatting: ja", "*Fauske*: nei", "Ikke svart (regionens kommuner): Saltdal, Steigen", "Kanskje: 1 kommune, 3 personer"} {
		if !strings.Contains(text, s) {
			t.Errorf("attendees lack %q:\n%s", s, text)
		}
	}
}

func TestRSVPListFormAndClick(t *testing.T) {
	e := newEnv(t)
	e.setup()
	e.ok("admin", `/samling ny navn="Nasjonal samling" dato=2025-03-01 sted=Oslo`)
	e.ok("admin", `/samling ny navn="Tidlig" dato=2025-01-20 sted=Fauske region=nasjonal`)
	rep := e.ok("kari", "/rsvp")
	if len(rep.Items) != 3 {
		t.Fatalf("items = %d: %s", len(rep.Items), all(rep))
	}
	if !strings.Contains(rep.Items[0].Text, "#3 Tidlig – 20. januar 2025") || !strings.Contains(rep.Items[2].Text, "#2 Nasjonal samling – 1. mars 2025, Oslo (nasjonal)") {
		t.Errorf("not sorted by date: %s", all(rep))
	}
	if b := rep.Items[1].Buttons; len(b) != 3 || b[0].Command != "/rsvp 1 ja" || b[2].Command != "/rsvp 1 kanskje" {
		t.Errorf("buttons = %+v", b)
	}
	if !strings.Contains(rep.Context, "/kulturbot kommune") || !strings.HasSuffix(rep.Context, "skriv /rsvp 3 ja 4 kommune=Bodø overnatting=ja") {
		t.Errorf("tip missing without profile, or its example is not the first gathering: %q", rep.Context)
	}
	if f := e.ok("kari", "/rsvp 2"); !strings.HasPrefix(f.Text, "Svar på #2 Nasjonal samling") || !strings.HasSuffix(f.Text, "eller skriv: /rsvp 2 ja 4 kommune=Bodø overnatting=ja") {
		t.Errorf("form text without profile = %q", f.Text)
	}
	// A click without a municipality: a clear error.
	click := e.run(&bot.Request{User: bot.User{ID: "kari"}, Clicked: true}, "/rsvp 1 ja")
	if click.Error == nil || click.Error.Field != "kommune" || !strings.Contains(click.Text, "/kulturbot kommune") {
		t.Fatalf("click without municipality = %q", click.Text)
	}
	e.ok("kari", "/kulturbot kommune bodø")
	click = e.run(&bot.Request{User: bot.User{ID: "kari"}, Clicked: true}, "/rsvp 1 ja")
	if click.Error != nil || !click.Replace || len(click.Items) != 3 || !strings.HasPrefix(click.Text, "✅ Lagret: *Bodø* svarer *ja*") {
		t.Fatalf("click reply = %+v", click)
	}
	b := click.Items[1].Buttons[0]
	if b.Label != "✓ Ja" || b.Style != "primary" || !strings.Contains(click.Items[1].Text, "Bodø har svart: ja (1)") {
		t.Errorf("current answer not marked: %+v %q", b, click.Items[1].Text)
	}
	form := e.ok("kari", "/rsvp 1")
	if !strings.HasSuffix(form.Text, "eller skriv: /rsvp 1 ja 4 overnatting=ja") {
		t.Errorf("form text with a profile = %q", form.Text)
	}
	if form.Form == nil || form.Form.Command != "rsvp" || form.Form.Text != "1" {
		t.Fatalf("form = %+v", form.Form)
	}
	names := []string{}
	for _, f := range form.Form.Fields {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != "svar,antall,kommune,overnatting" || form.Form.Fields[2].Initial != "Bodø" || form.Form.Fields[1].Max != 50 {
		t.Errorf("form fields = %+v", form.Form.Fields)
	}
	sub := e.run(&bot.Request{User: bot.User{ID: "kari"}, Form: map[string]string{"svar": "kanskje", "antall": "4", "kommune": "Bodø", "overnatting": "nei"}}, "/rsvp 1")
	if sub.Error != nil || !strings.Contains(sub.Text, "4 personer, overnatting: nei") {
		t.Fatalf("form submit = %q", sub.Text)
	}
	sub = e.run(&bot.Request{User: bot.User{ID: "kari"}, Form: map[string]string{"svar": "kanskje", "antall": "77"}}, "/rsvp 1")
	if sub.Error == nil || sub.Error.Field != "antall" {
		t.Fatalf("bad form submit = %+v", sub.Error)
	}
	// English.
	en := e.run(&bot.Request{User: bot.User{ID: "kari", Locale: "en-GB"}}, "/rsvp 1 yes 2")
	if !strings.Contains(en.Text, "Stored: *Bodø* answers *yes* to gathering #1 Samling 1, 6 February 2025") {
		t.Errorf("english = %q", en.Text)
	}
}

func TestRSVPBadInput(t *testing.T) {
	e := newEnv(t)
	e.setup()
	e.ok("admin", `/samling ny navn="Avlyst" dato=2025-03-01 sted=Oslo`)
	e.ok("admin", "/samling avlys 2 --bekreft")
	e.ok("admin", `/samling ny navn="I dag" dato=2025-01-10 sted=Oslo`)
	e.ok("admin", `/samling ny navn="Frist i går" dato=2025-02-01 sted=Oslo frist=2025-01-10`)
	e.now = testNow.AddDate(0, 0, 1) // 11 January: #4's deadline (10 Jan) has passed
	e.checkBad([]badCase{
		{name: "BadAnswer", line: "/rsvp 1 jepp kommune=Bodø", code: bot.EInvalid, field: "svar", msg: []string{"ja, nei eller kanskje", "«jepp»"}},
		{name: "NoAnswer", line: "/rsvp samling=1 kommune=Bodø", code: bot.EInvalid, field: "svar"},
		{name: "HeadcountZero", line: "/rsvp 1 ja 0 kommune=Bodø", code: bot.EInvalid, field: "antall", msg: []string{"fra 1 til 50"}},
		{name: "HeadcountTooMany", line: "/rsvp 1 ja antall=51 kommune=Bodø", code: bot.EInvalid, field: "antall"},
		{name: "HeadcountNotANumber", line: "/rsvp 1 ja fire kommune=Bodø", code: bot.EInvalid, field: "antall", msg: []string{"«fire»"}},
		{name: "BadOvernight", line: "/rsvp 1 ja kommune=Bodø overnatting=kanskje", code: bot.EInvalid, field: "overnatting"},
		{name: "NoMunicipality", line: "/rsvp 1 ja", code: bot.EInvalid, field: "kommune", msg: []string{"/kulturbot kommune"}},
		{name: "BadMunicipality", line: "/rsvp 1 ja kommune=#!?", code: bot.EInvalid, field: "kommune"},
		{name: "BadID", line: "/rsvp x1 ja kommune=Bodø", code: bot.EInvalid, field: "samling"},
		{name: "NoID", line: "/rsvp svar=ja kommune=Bodø", code: bot.EInvalid, field: "samling"},
		{name: "UnknownGathering", line: "/rsvp 99 ja kommune=Bodø", code: bot.ENotFound, msg: []string{"Fant ingen samling #99"}},
		{name: "UnknownGatheringNoMunicipality", line: "/rsvp 99 ja", code: bot.ENotFound, field: "samling", msg: []string{"Fant ingen samling #99"}},
		{name: "UnknownGatheringBadMunicipality", line: "/rsvp #99 ja kommune=#!?", code: bot.ENotFound, field: "samling", msg: []string{"Fant ingen samling #99"}},
		{name: "CancelledNoMunicipality", line: "/rsvp 2 ja", code: bot.EConflict, msg: []string{"Samling #2 Avlyst er avlyst"}},
		{name: "DeadlinePassedNoMunicipality", line: "/rsvp 4 nei", code: bot.EConflict, msg: []string{"Svarfristen for samling #4"}},
		{name: "Cancelled", line: "/rsvp 2 ja kommune=Bodø", code: bot.EConflict, msg: []string{"Samling #2 Avlyst er avlyst"}},
		{name: "Past", line: "/rsvp 3 ja kommune=Bodø", code: bot.EConflict, msg: []string{"var 10. januar 2025", "i gang eller over"}},
		{name: "DeadlinePassed", line: "/rsvp 4 ja kommune=Bodø", code: bot.EConflict, msg: []string{"Svarfristen for samling #4 Frist i går var 10. januar 2025"}},
		{name: "FormForClosed", line: "/rsvp 4", code: bot.EConflict},
		{name: "ExtraWords", line: "/rsvp 1 ja 2 Bodø", code: bot.EInvalid, msg: []string{"Jeg forsto ikke «Bodø».\nEksempel: /rsvp"}},
		{name: "UnquotedSpace", line: "/rsvp 1 ja 2 kommune=Nord Aurdal", code: bot.EInvalid, msg: []string{"Jeg forsto ikke «Aurdal». Har verdien mellomrom? Sett den i anførselstegn: kommune=\"Nord Aurdal\".\nEksempel: /rsvp"}},
		{name: "UnquotedSpaceMiddle", line: "/rsvp 1 ja kommune=Mo i Rana overnatting=ja", code: bot.EInvalid, msg: []string{"Jeg forsto ikke «Rana». Har verdien mellomrom? Sett den i anførselstegn: kommune=\"Mo i Rana\"."}},
		{name: "UnknownKey", line: "/rsvp 1 ja kommne=Bodø", code: bot.EInvalid, field: "kommne"},
		{name: "RepeatedKey", line: "/rsvp 1 ja kommune=Bodø kommune=Fauske", code: bot.EInvalid, field: "kommune", msg: []string{"kommune= står to ganger"}},
		{name: "RepeatedKeyCase", line: "/rsvp 1 ja antall=2 Antall=3 kommune=Bodø", code: bot.EInvalid, field: "antall"},
	})
	t.Run("DeadlineDayIsOpen", func(t *testing.T) {
		e.now = testNow
		if rep := e.as("kari", "/rsvp 4 ja kommune=Bodø"); rep.Error != nil {
			t.Fatalf("on the deadline day: %s", rep.Text)
		}
	})
}

// TestRSVPWordOrder: answer and number in either order, "3 personer" and
// a bare "overnatting" are understood; leftovers are still refused.
func TestRSVPWordOrder(t *testing.T) {
	e := newEnv(t)
	e.setup()
	for _, c := range []struct {
		line, want string
	}{
		{"/rsvp 1 ja 2 kommune=Bodø", "*Bodø* svarer *ja* på samling #1 Samling 1, 6. februar 2025 i Bodø. 2 personer."},
		{"/rsvp 1 3 kanskje kommune=Bodø", "*Bodø* svarer *kanskje* på samling #1 Samling 1, 6. februar 2025 i Bodø. 3 personer."},
		{"/rsvp 1 ja 4 personer kommune=Fauske", "*Fauske* svarer *ja* på samling #1 Samling 1, 6. februar 2025 i Bodø. 4 personer."},
		{"/rsvp #1 ja 2 overnatting kommune=Saltdal", "*Saltdal* svarer *ja* på samling #1 Samling 1, 6. februar 2025 i Bodø. 2 personer, overnatting: ja."},
		{"/rsvp 1 ja overnatting overnatting=nei kommune=Steigen", "*Steigen* svarer *ja*"},
	} {
		if rep := e.ok("kari", c.line); !strings.Contains(rep.Text, c.want) {
			t.Errorf("%s = %q, want %q", c.line, rep.Text, c.want)
		}
	}
	e.checkBad([]badCase{
		{name: "TwoNumbers", line: "/rsvp 1 ja 2 3 kommune=Bodø", code: bot.EInvalid, msg: []string{"«3»"}},
		{name: "TwoAnswers", line: "/rsvp 1 ja nei kommune=Bodø", code: bot.EInvalid, field: "antall", msg: []string{"«nei»"}},
		{name: "PeopleWithoutNumber", line: "/rsvp 1 ja personer kommune=Bodø", code: bot.EInvalid, field: "antall", msg: []string{"«personer»"}},
		{name: "WordFirst", line: "/rsvp 1 fire ja kommune=Bodø", code: bot.EInvalid, field: "svar", msg: []string{"«fire»"}},
	})
}

func TestRSVPConcurrent(t *testing.T) {
	e := newEnv(t)
	e.setup()
	// A national gathering, so that any municipality may answer.
	e.ok("admin", `/samling ny navn="Nasjonal samling" dato=2025-03-06 sted="Oslo"`)
	names := e.db.Register().Entries()
	const n = 100
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := &bot.Request{User: bot.User{ID: fmt.Sprintf("U%d", i)}, EventID: fmt.Sprintf("ev-%d", i)}
			rep := e.run(req, fmt.Sprintf("/rsvp 2 ja %d kommune=%s", i%50+1, names[i].Number))
			if rep.Error != nil {
				errs <- rep.Text
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
	if got := e.count("rsvps"); got != n {
		t.Fatalf("stored %d RSVPs, want %d", got, n)
	}
	if got := e.count("rsvp_history"); got != n {
		t.Fatalf("history %d, want %d", got, n)
	}
}

func TestMentoring(t *testing.T) {
	e := newEnv(t)
	rep := e.ok("mentor", `/veiledning logg kommune=bodø dato=6.1.2025 minutter=90 tema="Oppstart" notat="Bra møte"`)
	if !strings.Contains(rep.Text, "Veiledning #1 logget: *Bodø*, 6. januar 2025, 90 minutter – «Oppstart».") {
		t.Errorf("confirmation = %q", rep.Text)
	}
	e.ok("mentor", `/veiledning logg kommune=Fauske dato=2025-01-10 minutter=30 tema=Oppfølging`)
	e.ok("mentor", `/veiledning logg kommune=Bodo dato=02.01.2025 minutter=45 tema=Planlegging`)
	list := e.ok("kari", "/veiledning liste kommune=BODØ")
	if len(list.Items) != 2 || !strings.Contains(list.Items[0].Text, "2. januar 2025") || !strings.Contains(list.Context, "2 økter, 135 minutter") {
		t.Errorf("list = %s", all(list))
	}
	if all := e.ok("kari", "/veiledning liste"); len(all.Items) != 3 {
		t.Errorf("all = %d items", len(all.Items))
	}
	if form := e.ok("mentor", "/veiledning logg"); form.Form == nil || form.Form.Text != "logg" || form.Form.Fields[1].Kind != bot.FieldDate {
		t.Errorf("form = %+v", form.Form)
	}
	e.checkBad([]badCase{
		{name: "FutureDate", line: `/veiledning logg kommune=Bodø dato=2025-01-11 minutter=60 tema=x`, code: bot.EInvalid, field: "dato", msg: []string{"i fremtiden"}},
		{name: "ImpossibleDate", line: `/veiledning logg kommune=Bodø dato=2025-02-30 minutter=60 tema=x`, code: bot.EInvalid, field: "dato", msg: []string{"ikke en gyldig dato"}},
		{name: "NoDate", line: `/veiledning logg kommune=Bodø minutter=60 tema=x`, code: bot.EInvalid, field: "dato"},
		{name: "MinutesZero", line: `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=0 tema=x`, code: bot.EInvalid, field: "minutter", msg: []string{"fra 1 til 600"}},
		{name: "MinutesTooMany", line: `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=601 tema=x`, code: bot.EInvalid, field: "minutter"},
		{name: "MinutesText", line: `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=lenge tema=x`, code: bot.EInvalid, field: "minutter"},
		{name: "NoTopic", line: `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=60`, code: bot.EInvalid, field: "tema", msg: []string{"tema= mangler"}},
		{name: "BlankTopic", line: `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=60 tema="  "`, code: bot.EInvalid, field: "tema"},
		{name: "NoMunicipality", line: `/veiledning logg dato=2025-01-09 minutter=60 tema=x`, code: bot.EInvalid, field: "kommune"},
		{name: "UnknownVerb", line: `/veiledning arkiver 3`, code: bot.EInvalid},
	})
}

func TestRegion(t *testing.T) {
	e := newEnv(t)
	rep := e.ok("admin", `/region ny navn=Salten kommuner="bodø, Fauske og Saltdal"`)
	if rep.Text != "✅ Region *Salten* opprettet med 3 kommuner: Bodø, Fauske, Saltdal." {
		t.Errorf("confirmation = %q", rep.Text)
	}
	e.checkBad([]badCase{
		{name: "NotAdmin", user: "kari", line: `/region ny navn=X kommuner="A, B, C"`, code: bot.EForbidden, msg: []string{"arbeidsgruppen"}},
		{name: "TooFew", user: "admin", line: `/region ny navn=Lofoten kommuner="Vågan, Vestvågøy, vagan"`, code: bot.EInvalid, field: "kommuner", msg: []string{"tre eller flere kommuner", "oppga 2"}},
		{name: "InOtherRegion", user: "admin", line: `/region ny navn=Nord kommuner="Narvik, BODO, Evenes"`, code: bot.EConflict, field: "kommuner", msg: []string{"Bodø er allerede med i regionen «Salten»"}},
		{name: "Exists", user: "admin", line: `/region ny navn=SALTEN kommuner="A, B, C"`, code: bot.EConflict, field: "navn"},
		{name: "NoName", user: "admin", line: `/region ny kommuner="A, B, C"`, code: bot.EInvalid, field: "navn"},
		{name: "NoMunicipalities", user: "admin", line: `/region ny navn=Lofoten`, code: bot.EInvalid, field: "kommuner", msg: []string{"kommuner= mangler"}},
		{name: "EmptyMunicipalities", user: "admin", line: `/region ny navn=Lofoten kommuner=""`, code: bot.EInvalid, field: "kommuner", msg: []string{"kommuner= mangler"}},
		{name: "Reserved", user: "admin", line: `/region ny navn=Nasjonal kommuner="A, B, C"`, code: bot.EInvalid, field: "navn"},
	})
	if l := e.ok("admin", "/region liste"); !strings.Contains(all(l), "*Salten* – Bodø, Fauske, Saltdal") {
		t.Errorf("list = %s", all(l))
	}
}

func TestGathering(t *testing.T) {
	e := newEnv(t)
	e.setup()
	e.checkBad([]badCase{
		{name: "NotAdmin", user: "kari", line: `/samling ny navn=X dato=2025-03-01 sted=Oslo`, code: bot.EForbidden},
		{name: "NotAdminList", user: "kari", line: `/samling liste`, code: bot.EForbidden},
		{name: "UnknownRegion", user: "admin", line: `/samling ny navn=X dato=2025-03-01 sted=Oslo region=Lofoten`, code: bot.EInvalid, field: "region", msg: []string{"Ukjent region «Lofoten»", "Salten, nasjonal"}},
		{name: "PastDate", user: "admin", line: `/samling ny navn=X dato=2025-01-09 sted=Oslo`, code: bot.EInvalid, field: "dato"},
		{name: "BadDate", user: "admin", line: `/samling ny navn=X dato=31.02.2025 sted=Oslo`, code: bot.EInvalid, field: "dato"},
		{name: "DeadlineAfterDate", user: "admin", line: `/samling ny navn=X dato=2025-03-01 sted=Oslo frist=2025-03-01`, code: bot.EInvalid, field: "frist", msg: []string{"må være før samlingen"}},
		{name: "DeadlinePassed", user: "admin", line: `/samling ny navn=X dato=2025-03-01 sted=Oslo frist=2025-01-01`, code: bot.EInvalid, field: "frist"},
		{name: "NoPlace", user: "admin", line: `/samling ny navn=X dato=2025-03-01`, code: bot.EInvalid, field: "sted"},
		{name: "NoName", user: "admin", line: `/samling ny dato=2025-03-01 sted=Oslo`, code: bot.EInvalid, field: "navn"},
		{name: "AttendeesNoID", user: "admin", line: `/samling deltakere`, code: bot.EInvalid, field: "samling"},
		{name: "AttendeesUnknown", user: "admin", line: `/samling deltakere 42`, code: bot.ENotFound, msg: []string{"Fant ingen samling #42. Se alle med /samling liste alle."}},
		{name: "CancelUnknown", user: "admin", line: `/samling avlys #42`, code: bot.ENotFound, msg: []string{"Fant ingen samling #42. Se alle med /samling liste alle."}},
	})
	e.ok("kari", "/rsvp 1 ja 2 kommune=Fauske overnatting=ja")
	for _, verb := range []string{"deltakere", "attendees", "participants", "påmeldte"} {
		if rep := e.ok("admin", "/samling "+verb+" 1"); !strings.Contains(all(rep), "*Fauske*: ja, 2 personer") {
			t.Errorf("/samling %s 1 = %s", verb, all(rep))
		}
	}
	list := e.ok("admin", "/samling liste")
	if !strings.Contains(all(list), "Ja: 1 kommune (2 personer)") || !strings.Contains(all(list), "Ikke svart: 3") {
		t.Errorf("list = %s", all(list))
	}
	ask := e.ok("admin", "/samling avlys #1")
	if !strings.Contains(ask.Text, "Vil du avlyse") || len(ask.Buttons) != 1 || ask.Buttons[0].Command != "/samling avlys 1 --bekreft" {
		t.Errorf("avlys without --bekreft must ask first: %s", all(ask))
	}
	if l := e.ok("admin", "/samling liste"); strings.Contains(all(l), "AVLYST") {
		t.Errorf("asking cancelled: %s", all(l))
	}
	rep := e.ok("admin", "/samling avlys #1 --bekreft")
	if !strings.Contains(rep.Text, "Avlyst: *#1 Samling 1") || !strings.Contains(rep.Text, "1 kommune hadde svart") {
		t.Errorf("cancel = %q", rep.Text)
	}
	e.checkBad([]badCase{{name: "CancelTwice", user: "admin", line: "/samling avlys 1", code: bot.EConflict, msg: []string{"allerede avlyst"}}})
	if l := e.ok("admin", "/samling liste"); !strings.Contains(all(l), "AVLYST") {
		t.Errorf("cancelled not marked: %s", all(l))
	}
}

// TestOvernightTotals: beds for "ja" and "kanskje" are counted apart in
// the gathering list and the attendee list, as in the digest.
func TestOvernightTotals(t *testing.T) {
	for _, c := range []struct {
		name    string
		answers []string
		want    string
	}{
		{"YesOnly", []string{"/rsvp 1 ja 2 kommune=Fauske overnatting=ja"}, "Overnatting: 2 personer"},
		{"MaybeOnly", []string{"/rsvp 1 kanskje 3 kommune=Bodø overnatting=ja"}, "Overnatting: 0 personer (+3 kanskje)"},
		{"Both", []string{"/rsvp 1 ja 2 kommune=Fauske overnatting=ja", "/rsvp 1 kanskje 3 kommune=Bodø overnatting=ja", "/rsvp 1 ja 4 kommune=Saltdal overnatting=nei"}, "Overnatting: 2 personer (+3 kanskje)"},
		{"NoKeepsNoBeds", []string{"/rsvp 1 kanskje 3 kommune=Bodø overnatting=ja", "/rsvp 1 nei kommune=Bodø"}, "Overnatting: 0 personer"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.setup()
			for _, a := range c.answers {
				e.ok("kari", a)
			}
			list := all(e.ok("admin", "/samling liste"))
			if !strings.Contains(list, c.want+" ·") {
				t.Errorf("list lacks %q: %s", c.want, list)
			}
			att := e.ok("admin", "/samling deltakere 1")
			got := ""
			for _, f := range att.Fields {
				if f.Label == "Overnatting" {
					got = "Overnatting: " + f.Value
				}
			}
			if got != c.want {
				t.Errorf("attendees field %q, want %q", got, c.want)
			}
		})
	}
}

func TestKulturbotSubcommands(t *testing.T) {
	e := newEnv(t)
	e.setup()
	help := e.ok("kari", "/kulturbot hjelp")
	for _, cmd := range []string{"/faq", "/interesse fylke=", "/rsvp 3 ja", "/veiledning logg", "/region ny", "/samling ny", "/kulturbot kommune Bodø", "/kulturbot mine-data", "/kulturbot slett-meg"} {
		if !strings.Contains(help.Text, cmd) {
			t.Errorf("help lacks %s", cmd)
		}
	}
	if strings.Contains(help.Text, "eksport") {
		t.Error("non-admins are not shown admin subcommands")
	}
	if en := e.run(&bot.Request{User: bot.User{ID: "kari"}, Lang: bot.EN}, "/kulturbot help"); !strings.Contains(en.Text, "register interest") {
		t.Errorf("english help = %q", en.Text)
	}
	if bare := e.ok("kari", "/kulturbot"); bare.Title != help.Title {
		t.Error("bare /kulturbot shows help")
	}
	e.checkBad([]badCase{
		{name: "UnknownSub", line: "/kulturbot tull", code: bot.EInvalid, msg: []string{"Ukjent valg «tull»"}},
		{name: "ExportNotAdmin", line: "/kulturbot eksport rsvp", code: bot.EForbidden, msg: []string{"/kulturbot eksport er bare for arbeidsgruppen"}},
		{name: "ExportUnknown", user: "admin", line: "/kulturbot eksport alt", code: bot.EInvalid},
		{name: "ExportTwoKinds", user: "admin", line: "/kulturbot eksport rsvp interesse", code: bot.EInvalid, msg: []string{"Jeg forsto ikke «interesse»."}},
		{name: "MunicipalityNotSet", line: "/kulturbot kommune", code: bot.EInvalid, field: "kommune"},
	})
	if rep := e.ok("kari", "/kulturbot kommune nord-aurdal"); !strings.Contains(rep.Text, "*Nord-Aurdal*") {
		t.Errorf("kommune = %q", rep.Text)
	}
	// Nord-Aurdal is not in Salten: gathering 1 is not hers to answer.
	if rep := e.as("kari", "/rsvp 1 ja 2"); rep.Error == nil || rep.Error.Code != bot.EForbidden || !strings.Contains(rep.Text, "region Salten") {
		t.Fatalf("out of region = %+v", rep)
	}
	e.ok("kari", "/kulturbot kommune saltdal")
	e.ok("kari", "/rsvp 1 ja 2")
	e.ok("kari", `/interesse fylke=Innlandet kommuner="Nord-Aurdal, Sør-Aurdal, Etnedal" kontakt=kari@example.no`)

	exp := e.ok("admin", "/kulturbot eksport RSVP")
	if len(exp.Files) != 1 || !strings.HasPrefix(string(exp.Files[0].Content), "\uFEFFsamling_id;samling;dato;kommune;svar;antall;overnatting;svart_av;oppdatert;avlyst\r\n1;Samling 1;2025-02-06;Saltdal;ja;2;;Kari;2025-01-10 10:00;\r\n") {
		t.Fatalf("export = %+v", exp.Files)
	}
	if exp.Files[0].Name != "kulturbot-rsvp-2025-01-10.csv" || !strings.Contains(exp.Text, "1 rad i") {
		t.Errorf("export reply = %q %q", exp.Text, exp.Files[0].Name)
	}

	md := e.ok("kari", "/kulturbot mine-data")
	if len(md.Files) != 1 || !strings.Contains(md.Text, "egen kommune Saltdal") || !strings.Contains(md.Text, "interesseregistreringer: 1") {
		t.Fatalf("mine-data = %q", md.Text)
	}
	var pd store.PersonalData
	if err := json.Unmarshal(md.Files[0].Content, &pd); err != nil || pd.Key != "slack:kari" || len(pd.Tables["rsvps"]) != 1 {
		t.Fatalf("json = %v %+v", err, pd)
	}
	ask := e.ok("kari", "/kulturbot slett-meg")
	if len(ask.Buttons) != 1 || ask.Buttons[0].Command != "/kulturbot slett-meg bekreft" || ask.Buttons[0].Style != "danger" {
		t.Fatalf("slett-meg must ask first: %+v", ask)
	}
	if n := e.count("users"); n != 1 {
		t.Fatal("asking deleted something")
	}
	for _, no := range []string{"nei", "avbryt", "no"} {
		if rep := e.ok("kari", "/kulturbot slett-meg "+no); rep.Text != "Greit, ingenting er slettet." || e.count("users") != 1 {
			t.Fatalf("slett-meg %s = %q", no, rep.Text)
		}
	}
	done := e.run(&bot.Request{User: bot.User{ID: "kari"}, Clicked: true}, "/kulturbot slett-meg bekreft")
	if done.Error != nil || !strings.Contains(done.Text, "Ferdig") {
		t.Fatalf("forget = %q", done.Text)
	}
	if md := e.ok("kari", "/kulturbot mine-data"); !strings.Contains(md.Text, "ingenting lagret") || len(md.Files) != 0 {
		t.Fatalf("after forget: %q", md.Text)
	}
	if n := e.count("rsvps") + e.count("interests"); n != 2 {
		t.Fatalf("records were deleted instead of kept: %d", n)
	}
}

// TestHelpExamplesWork copies the write examples out of /kulturbot hjelp
// and runs them, on the test day and almost two years later: an example
// with a fixed date goes stale and is then refused.
func TestHelpExamplesWork(t *testing.T) {
	for _, c := range []struct {
		name string
		now  time.Time
	}{
		{"TestDay", testNow},
		{"TwoYearsLater", time.Date(2026, 11, 26, 9, 0, 0, 0, bot.Oslo)},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.now = c.now
			help := e.ok("admin", "/kulturbot hjelp")
			example := func(prefix string) string {
				t.Helper()
				i := strings.Index(help.Text, prefix)
				if i < 0 {
					t.Fatalf("help lacks %s", prefix)
				}
				line := help.Text[i:]
				for _, end := range []string{" · ", " – ", "\n"} {
					if j := strings.Index(line, end); j >= 0 {
						line = line[:j]
					}
				}
				return line
			}
			for _, prefix := range []string{"/region ny", "/samling ny", "/interesse fylke=", "/veiledning logg", "/kulturbot kommune"} {
				e.ok("admin", example(prefix))
			}
			e.ok("admin", "/rsvp 1 ja")
		})
	}
}

// TestUnclosedQuote: the parser's error is shown in the asker's language
// only, with the command's example, and nothing is written.
func TestUnclosedQuote(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		name, line string
		lang       bot.Lang
		want, not  string
	}{
		{"Bokmål", `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=30 tema="Oppstart`, bot.NB, "Et anførselstegn mangler slutten: \"Oppstart\nEksempel: /veiledning logg", "A quote"},
		{"English", `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=30 tema="Kick-off`, bot.EN, "A quote is not closed: \"Kick-off\nExample: /veiledning logg", "anførselstegn"},
		{"Interest", `/interesse fylke=Nordland kommuner="Bodø, Rana`, bot.NB, "Et anførselstegn mangler slutten: \"Bodø, Rana\nEksempel: /interesse", "A quote"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := e.snapshot()
			rep := e.run(&bot.Request{User: bot.User{ID: "kari"}, Lang: c.lang}, c.line)
			if rep.Error == nil || rep.Error.Code != bot.EInvalid {
				t.Fatalf("want an invalid-argument error, got %+v", rep)
			}
			if !strings.HasPrefix(rep.Text, c.want) || strings.Contains(rep.Text, c.not) {
				t.Errorf("message %q, want it to start with %q and not mention %q", rep.Text, c.want, c.not)
			}
			if after := e.snapshot(); after != before {
				t.Errorf("wrote something: %s -> %s", before, after)
			}
		})
	}
}

// TestDateForms: dates as the bot writes them, and unpadded ISO, are
// accepted; impossible ones are refused and write nothing.
func TestDateForms(t *testing.T) {
	e := newEnv(t)
	for i, c := range []struct {
		in, want string
	}{
		{"2025-01-06", "6. januar 2025"},
		{"6.1.2025", "6. januar 2025"},
		{"2025-1-6", "6. januar 2025"},
		{`"6. januar 2025"`, "6. januar 2025"},
		{`"6 January 2025"`, "6. januar 2025"},
		{`"29. februar 2024"`, "29. februar 2024"},
		{`"3. des 2024"`, "3. desember 2024"},
		{`"i dag"`, "10. januar 2025"},
		{"idag", "10. januar 2025"},
		{`"i går"`, "9. januar 2025"},
		{"yesterday", "9. januar 2025"},
	} {
		rep := e.ok("kari", fmt.Sprintf("/veiledning logg kommune=Bodø dato=%s minutter=30 tema=t%d", c.in, i))
		if !strings.Contains(rep.Text, "*Bodø*, "+c.want+",") {
			t.Errorf("dato=%s: %q, want %s", c.in, rep.Text, c.want)
		}
	}
	e.checkBad([]badCase{
		{name: "Feb30", line: `/veiledning logg kommune=Bodø dato=2025-02-30 minutter=30 tema=x`, code: bot.EInvalid, field: "dato", msg: []string{"ikke en gyldig dato"}},
		{name: "WrittenFeb29", line: `/veiledning logg kommune=Bodø dato="29. februar 2023" minutter=30 tema=x`, code: bot.EInvalid, field: "dato"},
		{name: "UnknownMonth", line: `/veiledning logg kommune=Bodø dato="6. brumaire 2024" minutter=30 tema=x`, code: bot.EInvalid, field: "dato"},
		{name: "Future", line: `/veiledning logg kommune=Bodø dato="6. februar 2025" minutter=30 tema=x`, code: bot.EInvalid, field: "dato", msg: []string{"i fremtiden"}},
		{name: "Tomorrow", line: `/veiledning logg kommune=Bodø dato="i morgen" minutter=30 tema=x`, code: bot.EInvalid, field: "dato", msg: []string{"Datoen 11. januar 2025 er i fremtiden"}},
	})
}

// TestInterestListAllWithdrawn: an empty list says the registrations were
// withdrawn (and where to see them), not that there are none yet.
func TestInterestListAllWithdrawn(t *testing.T) {
	e := newEnv(t)
	e.ok("admin", `/interesse fylke=Nordland kommuner="Bodø, Fauske, Saltdal"`)
	e.ok("admin", `/interesse fylke=Troms kommuner="Tromsø, Balsfjord, Karlsøy"`)
	e.ok("admin", "/interesse trekk 1")
	e.ok("admin", "/interesse trekk 2")
	for _, c := range []struct {
		user, line, want string
	}{
		{"admin", "/interesse liste", "Ingen gjeldende registreringer: 2 registreringer er trukket. Se dem med /interesse liste alle."},
		{"admin", "/interesse liste fylke=troms", "Ingen gjeldende registreringer: 1 registrering er trukket."},
		{"admin", "/interesse liste fylke=Agder", "Ingen registreringer ennå."},
		{"kari", "/interesse liste", "Ingen registreringer ennå."},
	} {
		if rep := e.ok(c.user, c.line); !strings.HasPrefix(rep.Text, c.want) {
			t.Errorf("%s %s = %q, want %q", c.user, c.line, rep.Text, c.want)
		}
	}
}

// TestSubcommandErrorsInOneLanguage: the store's typed refusals reach
// the asker worded in their language only.
func TestSubcommandErrorsInOneLanguage(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		line string
		lang bot.Lang
		want string
	}{
		{"/kulturbot svar 99 Hei", bot.NB, "Fant ikke spørsmål #99. Se /kulturbot spørsmål."},
		{"/kulturbot svar 99 Hi", bot.EN, "No question #99. See /kulturbot spørsmål."},
		{"/kulturbot stemme 99 opp", bot.NB, "Fant ikke svar #99."},
		{"/kulturbot stemme 99 up", bot.EN, "No answer #99."},
	} {
		rep := e.run(&bot.Request{User: bot.User{ID: "admin"}, Lang: c.lang}, c.line)
		if rep.Error == nil || rep.Error.Code != bot.ENotFound || rep.Text != c.want {
			t.Errorf("%s (%s) = %q, want %q", c.line, c.lang, rep.Text, c.want)
		}
	}
}

// TestTwoWordSubcommands: mine-data and slett-meg typed as two words.
func TestTwoWordSubcommands(t *testing.T) {
	e := newEnv(t)
	e.ok("kari", "/kulturbot kommune Bodø")
	for _, c := range []struct {
		line, want string
	}{
		{"/kulturbot mine data", "egen kommune Bodø"},
		{"/kulturbot Mine Data", "egen kommune Bodø"},
		{"/kulturbot my data", "egen kommune Bodø"},
		{"/kulturbot slett meg", "Vil du slette personopplysningene dine?"},
	} {
		if rep := e.ok("kari", c.line); !strings.Contains(rep.Text, c.want) {
			t.Errorf("%s = %q, want %q", c.line, rep.Text, c.want)
		}
	}
	if n := e.count("users"); n != 1 {
		t.Fatal("slett meg deleted without confirmation")
	}
	e.checkBad([]badCase{
		{name: "StillUnknown", line: "/kulturbot mine tull", code: bot.EInvalid, msg: []string{"Ukjent valg «mine»"}},
		{name: "AdminTwoWords", line: "/kulturbot eksport rsvp", code: bot.EForbidden},
	})
}

func TestSuggest(t *testing.T) {
	e := newEnv(t)
	e.setup()
	ctx := context.Background()
	got := e.h.Suggest(ctx, "samling", "", bot.NB)
	if len(got) != 1 || got[0].Value != "1" || got[0].Label != "#1 Samling 1 – 6. februar 2025" {
		t.Errorf("samling = %+v", got)
	}
	if got := e.h.Suggest(ctx, "fylke", "mo", bot.NB); len(got) != 1 || got[0].Value != "Møre og Romsdal" {
		t.Errorf("fylke = %+v", got)
	}
	if got := e.h.Suggest(ctx, "fylke", "ost", bot.NB); len(got) != 1 || got[0].Value != "Østfold" {
		t.Errorf("fylke ost = %+v", got)
	}
	if got := e.h.Suggest(ctx, "kommune", "bod", bot.NB); len(got) != 1 || got[0].Value != "Bodø" {
		t.Errorf("kommune = %+v", got)
	}
	if got := e.h.Suggest(ctx, "kommuner", "Bodø, fau", bot.NB); len(got) != 1 || got[0].Value != "Bodø, Fauske" {
		t.Errorf("kommuner = %+v", got)
	}
	if got := e.h.Suggest(ctx, "region", "", bot.NB); len(got) != 2 {
		t.Errorf("region = %+v", got)
	}
}

func TestConfiguredCountiesAndEnglishErrors(t *testing.T) {
	e := newEnv(t)
	e.h.Config.Counties = []string{"Sápmi", "Svalbard"}
	if rep := e.ok("kari", `/interesse fylke=sapmi kommuner="Kautokeino, Karasjok, Tana"`); !strings.Contains(rep.Text, "*Sápmi*") {
		t.Errorf("configured county: %q", rep.Text)
	}
	rep := e.run(&bot.Request{User: bot.User{ID: "kari", Locale: "en-US"}}, `/interesse fylke=Nordland kommuner=Bodø`)
	if rep.Error == nil || rep.Text != "“Nordland” is not one of the counties. Choose one of: Sápmi, Svalbard.\nExample: "+`/interesse fylke=Nordland kommuner="Bodø, Fauske, Saltdal" kontakt="Kari Nordmann, 900 00 000"` {
		t.Errorf("english error = %q", rep.Text)
	}
	rep = e.run(&bot.Request{User: bot.User{ID: "kari", Locale: "en-US"}}, `/veiledning logg kommune=Bodø dato=2025-01-09 minutter=700 tema=x`)
	if rep.Error == nil || !strings.HasPrefix(rep.Text, "minutter must be a whole number from 1 to 600 (you wrote “700”).\nExample: /veiledning logg") {
		t.Errorf("english error = %q", rep.Text)
	}
}

func TestInterestChange(t *testing.T) {
	e := newEnv(t)
	e.ok("kari", `/interesse fylke=Nordland kommuner="Bodø, Fauske" kontakt=kari@example.no`)
	e.now = e.now.Add(time.Hour)
	rep := e.ok("kari", `/interesse endre 1 kommuner="Bodø, Fauske, Saltdal" kommentar="Steigen kommer kanskje"`)
	if !strings.Contains(rep.Text, "Registrering #1 er endret: *Nordland*: Bodø, Fauske, Saltdal.") || strings.Contains(rep.Text, "⚠️") {
		t.Errorf("change = %q", rep.Text)
	}
	i, _ := e.db.Interest(context.Background(), 1)
	if i.Contact != "kari@example.no" || i.Comment != "Steigen kommer kanskje" || !i.UpdatedAt.After(i.CreatedAt) {
		t.Errorf("stored = %+v", i)
	}
	e.checkBad([]badCase{
		{name: "NotOwner", user: "ola", line: `/interesse endre 1 kontakt=ola`, code: bot.EForbidden},
		{name: "NothingToChange", line: `/interesse endre 1`, code: bot.EInvalid},
		{name: "BadCounty", line: `/interesse endre 1 fylke=Narnia`, code: bot.EInvalid, field: "fylke"},
		{name: "EmptyMunicipalities", line: `/interesse endre 1 kommuner=""`, code: bot.EInvalid, field: "kommuner"},
		{name: "NoID", line: `/interesse endre kontakt=x`, code: bot.EInvalid, field: "id"},
	})
}

func TestRetriedEventWritesOnce(t *testing.T) {
	e := newEnv(t)
	e.setup()
	for i := 0; i < 3; i++ {
		rep := e.run(&bot.Request{User: bot.User{ID: "kari"}, EventID: "Ev42"}, "/rsvp 1 ja 2 kommune=Bodø")
		if i > 0 && !bot.IsDuplicate(rep) {
			t.Fatalf("retry %d not recognised: %+v", i, rep)
		}
	}
	if n := e.count("rsvp_history"); n != 1 {
		t.Fatalf("history = %d, want 1", n)
	}
}

func TestRSVPConcurrentSameMunicipality(t *testing.T) {
	e := newEnv(t)
	e.setup()
	const n = 100
	var wg sync.WaitGroup
	var failed sync.Map
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answer := []string{"ja", "nei", "kanskje"}[i%3]
			rep := e.run(&bot.Request{User: bot.User{ID: fmt.Sprintf("U%d", i)}}, fmt.Sprintf("/rsvp 1 %s kommune=Bodø", answer))
			if rep.Error != nil {
				failed.Store(i, rep.Text)
			}
		}()
	}
	wg.Wait()
	failed.Range(func(k, v any) bool { t.Errorf("%v: %v", k, v); return true })
	if got := e.count("rsvps"); got != 1 {
		t.Fatalf("current answers = %d, want 1", got)
	}
	if got := e.count("rsvp_history"); got != n {
		t.Fatalf("history = %d, want %d", got, n)
	}
}

// TestEveryMessageKeyExists catches a message key used in the code but
// missing from the catalogue (it would show as the bare key).
func TestEveryMessageKeyExists(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"((?:core|interest|rsvp|mentoring|region|gathering|admin)\.[a-z.]+[a-z])"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "messages.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			for _, lang := range []bot.Lang{bot.NB, bot.EN} {
				if handlers.Text(lang, m[1]) == m[1] {
					t.Errorf("%s: message %q missing (%s)", f, m[1], lang)
				}
			}
		}
	}
	for _, a := range []string{"ja", "nei", "kanskje"} {
		if handlers.Text(bot.EN, "core.answer."+a) == "core.answer."+a {
			t.Errorf("answer label %s missing", a)
		}
	}
}
