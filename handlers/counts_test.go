package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
)

// TestOvernightPeople: overnatting takes a number; ja is everyone coming.
func TestOvernightPeople(t *testing.T) {
	e := newEnv(t)
	e.setup()
	rep := e.ok("kari", "/rsvp 1 ja 4 kommune=Bodø overnatting=2")
	if !strings.Contains(rep.Text, "4 personer, overnatting: 2 av 4.") {
		t.Errorf("confirmation %q", rep.Text)
	}
	e.ok("kari", "/rsvp 1 kanskje 3 kommune=Fauske overnatting=ja")
	// Discord's typed options: overnatting (yes/no) and overnatting-antall.
	typed := e.run(&bot.Request{Platform: bot.Discord, User: bot.User{ID: "ola"}, Form: map[string]string{
		"samling": "1", "svar": "ja", "antall": "3", "kommune": "Saltdal", "overnatting": "true", "overnatting-antall": "1"}}, "/rsvp svar")
	if typed.Error != nil || !strings.Contains(typed.Text, "overnatting: 1 av 3") {
		t.Errorf("typed options: %s", all(typed))
	}
	e.ok("admin", "/rsvp 1 slett kommune=Saltdal")
	at := e.ok("admin", "/samling deltakere 1")
	if s := all(at); !strings.Contains(s, "*Bodø*: ja, 4 personer, overnatting: 2 av 4") || !strings.Contains(s, "Overnatting: 2 personer (+3 kanskje)") {
		t.Errorf("attendees:\n%s", s)
	}
	// A later answer without overnatting= keeps "2 of them"; fewer people
	// than beds makes it all of them.
	e.ok("kari", "/rsvp 1 ja 5 kommune=Bodø")
	if a, _ := e.db.Attendance(context.Background(), 1); a.Totals.Overnight != 2 {
		t.Errorf("beds after 5 people %d, want 2", a.Totals.Overnight)
	}
	e.ok("kari", "/rsvp 1 ja 1 kommune=Bodø")
	if a, _ := e.db.Attendance(context.Background(), 1); a.Totals.Overnight != 1 {
		t.Errorf("beds after 1 person %d, want 1", a.Totals.Overnight)
	}
	e.ok("kari", "/rsvp 1 ja 3 kommune=Bodø overnatting=0")
	if a, _ := e.db.Attendance(context.Background(), 1); a.Totals.Overnight != 0 {
		t.Errorf("overnatting=0 gave %d beds", a.Totals.Overnight)
	}
	e.checkBad([]badCase{
		{name: "MoreBedsThanPeople", line: "/rsvp 1 ja 2 kommune=Bodø overnatting=3", code: bot.EInvalid, field: "overnatting", msg: []string{"overnatting=3 er flere enn de som kommer (2)"}},
		{name: "Words", line: "/rsvp 1 ja 2 kommune=Bodø overnatting=noen", code: bot.EInvalid, field: "overnatting", msg: []string{"antall personer"}},
	})
	csv := string(e.ok("admin", "/kulturbot eksport rsvp").Files[0].Content)
	if !strings.Contains(csv, ";Bodø;ja;3;nei;") || !strings.Contains(csv, ";Fauske;kanskje;3;ja;") {
		t.Errorf("export:\n%s", csv)
	}
	e.ok("kari", "/rsvp 1 ja 3 kommune=Bodø overnatting=1")
	if csv := string(e.ok("admin", "/kulturbot eksport rsvp").Files[0].Content); !strings.Contains(csv, ";Bodø;ja;3;1;") {
		t.Errorf("some beds in the export:\n%s", csv)
	}
}

// TestRepeatedAnswerIsUnchanged: the same answer twice is no change — the
// reply says so, updated stays, and the digest does not count it.
func TestRepeatedAnswerIsUnchanged(t *testing.T) {
	e := newEnv(t)
	e.setup()
	e.ok("kari", "/rsvp 1 ja 3 kommune=Bodø overnatting=ja")
	first, _ := e.db.RSVPs(context.Background(), 1)
	e.now = e.now.Add(time.Hour)
	rep := e.ok("ola", "/rsvp 1 ja 3 kommune=bodo")
	if !strings.Contains(rep.Text, "Uendret: *Bodø* svarer fortsatt *ja*") || strings.Contains(rep.Text, "erstatter") {
		t.Errorf("repeat = %q", rep.Text)
	}
	en := e.run(&bot.Request{User: bot.User{ID: "kari", Locale: "en-GB"}}, "/rsvp 1 yes 3 kommune=Bodø")
	if !strings.Contains(en.Text, "Unchanged") {
		t.Errorf("english repeat = %q", en.Text)
	}
	after, _ := e.db.RSVPs(context.Background(), 1)
	if !after[0].UpdatedAt.Equal(first[0].UpdatedAt) || after[0].AnsweredBy != "slack:kari" || after[0].Answer != "ja" {
		t.Errorf("a repeat changed the current answer: %+v -> %+v", first[0], after[0])
	}
	// The history still knows Ola confirmed it (he is told of changes).
	if who, _ := e.db.GatheringAnswerers(context.Background(), 1); strings.Join(who, ",") != "slack:kari,slack:ola" {
		t.Errorf("answerers %v", who)
	}
	d, err := e.db.DigestData(context.Background(), testNow.Add(-time.Minute), e.now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if d.RSVPAnswers != 1 {
		t.Errorf("digest counts %d new answers for one municipality", d.RSVPAnswers)
	}
	// Eight changes by one municipality in a later week: one changed answer.
	since := e.now.Add(time.Minute)
	for i, a := range []string{"nei", "ja 2", "kanskje", "ja 4", "nei", "ja 3", "kanskje 1", "ja 5"} {
		e.now = since.Add(time.Duration(i+1) * time.Minute)
		e.ok("kari", "/rsvp 1 "+a+" kommune=Bodø")
	}
	d, _ = e.db.DigestData(context.Background(), since, e.now.Add(time.Minute))
	if d.RSVPAnswers != 1 || d.Gatherings[0].NewAnswers != 1 {
		t.Errorf("8 changes by one municipality: %d (%d)", d.RSVPAnswers, d.Gatherings[0].NewAnswers)
	}
	// Changed and changed back within the week: no change.
	since = e.now.Add(time.Minute)
	e.now = since.Add(time.Minute)
	e.ok("kari", "/rsvp 1 nei kommune=Bodø")
	e.now = e.now.Add(time.Minute)
	e.ok("kari", "/rsvp 1 ja 5 kommune=Bodø")
	if d, _ = e.db.DigestData(context.Background(), since, e.now.Add(time.Minute)); d.RSVPAnswers != 0 {
		t.Errorf("there and back counted %d", d.RSVPAnswers)
	}
}

// TestAdminLateAnswer: after the deadline members are refused, an
// admin's answer is taken and marked.
func TestAdminLateAnswer(t *testing.T) {
	e := newEnv(t)
	e.setup() // deadline 20 January
	e.now = time.Date(2025, 1, 22, 9, 0, 0, 0, bot.Oslo)
	e.checkBad([]badCase{{name: "MemberLate", line: "/rsvp 1 ja kommune=Bodø", code: bot.EConflict, msg: []string{"Svarfristen"}}})
	rep := e.ok("admin", "/rsvp 1 ja 2 kommune=Bodø")
	if !strings.Contains(rep.Text, "Svarfristen var 20. januar 2025") || !strings.Contains(rep.Text, "etter fristen") {
		t.Errorf("late = %q", rep.Text)
	}
	rs, _ := e.db.RSVPs(context.Background(), 1)
	if len(rs) != 1 || !rs[0].Late {
		t.Fatalf("rsvps %+v", rs)
	}
	if s := all(e.ok("admin", "/samling deltakere 1")); !strings.Contains(s, "*Bodø*: ja, 2 personer (svart 22. januar 2025) ⏰ etter fristen") {
		t.Errorf("attendees:\n%s", s)
	}
	// On the day itself not even an admin: it "er i dag".
	e.now = time.Date(2025, 2, 6, 9, 0, 0, 0, bot.Oslo)
	e.checkBad([]badCase{{name: "Today", user: "admin", line: "/rsvp 1 ja kommune=Fauske", code: bot.EConflict, msg: []string{"er i dag (6. februar 2025)"}}})
	if s := all(e.ok("admin", "/samling liste")); !strings.Contains(s, "Samlingen er i dag") {
		t.Errorf("list on the day:\n%s", s)
	}
}

// TestDatesWithoutYear: the next such day for gatherings, the last for
// mentoring; three years ahead is the limit.
func TestDatesWithoutYear(t *testing.T) {
	e := newEnv(t) // 10 January 2025
	e.ok("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	for in, want := range map[string]string{
		"28.11":      "28. november 2025",
		"2. februar": "2. februar 2025",
		"10.1":       "10. januar 2025",
		"9/1":        "9. januar 2026",
		"February 3": "3. februar 2025",
	} {
		rep := e.ok("admin", `/samling ny navn="S `+in+`" dato="`+in+`" sted=Bodø`)
		if !strings.Contains(rep.Text, want) {
			t.Errorf("%s: %q, want %s", in, rep.Text, want)
		}
	}
	rep := e.ok("mentor", `/veiledning logg kommune=Bodø dato=28.11 minutter=60 tema=Oppstart`)
	if !strings.Contains(rep.Text, "28. november 2024") {
		t.Errorf("mentoring 28.11 = %q", rep.Text)
	}
	e.checkBad([]badCase{
		{name: "ThreeYears", user: "admin", line: `/samling ny navn=X dato=2028-01-11 sted=Bodø`, code: bot.EInvalid, field: "dato", msg: []string{"mer enn 3 år fram i tid"}},
		{name: "Year2127", user: "admin", line: `/samling ny navn=X dato=2127-03-01 sted=Bodø`, code: bot.EInvalid, field: "dato"},
		{name: "LeapDayTooFar", user: "admin", line: `/samling ny navn=X dato=29.2 sted=Bodø`, code: bot.EInvalid, field: "dato", msg: []string{"29. februar 2028"}},
		{name: "NoSuchDay", user: "admin", line: `/samling ny navn=X dato=31.4 sted=Bodø`, code: bot.EInvalid, field: "dato"},
		{name: "ChangeTooFar", user: "admin", line: `/samling endre 1 dato=2127-03-01`, code: bot.EInvalid, field: "dato"},
	})
	e.ok("admin", `/samling ny navn=Grense dato=2028-01-10 sted=Bodø`)
}

// TestNoDeadlineNoDeadline: a gathering made without a deadline shows none
// in the digest, is not among "Frister neste 30 dager" and gets no reminder.
func TestNoDeadlineNoDeadline(t *testing.T) {
	e := newEnv(t)
	e.ok("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	rep := e.ok("admin", `/samling ny navn="Uten frist" dato=2025-02-06 sted=Bodø region=Salten`)
	if !strings.Contains(rep.Text, "Ingen svarfrist") {
		t.Errorf("create = %q", rep.Text)
	}
	dg := handlers.DigestText(e.ok("admin", "/kulturbot digest"))
	if strings.Contains(dg, "Svarfrist") || strings.Contains(dg, "svarfrist for") || !strings.Contains(dg, "Ingen svarfrist") {
		t.Errorf("digest invents a deadline:\n%s", dg)
	}
	if gs, _ := e.db.ReminderGatherings(context.Background(), testNow); len(gs) != 0 {
		t.Errorf("reminders for a gathering without a deadline: %+v", gs)
	}
	d, _ := e.db.DigestData(context.Background(), testNow.AddDate(0, 0, -7), testNow)
	if len(d.Deadlines) != 0 {
		t.Errorf("deadlines %+v", d.Deadlines)
	}
}

// TestMentoringByItsDate: the digest reports mentoring in the week it
// took place; one logged now for last month is shown as logged late.
func TestMentoringByItsDate(t *testing.T) {
	e := newEnv(t) // Friday 10 January 2025
	e.ok("mentor", `/veiledning logg kommune=Bodø dato=2024-12-05 minutter=60 tema=Etterslep`)
	e.ok("mentor", `/veiledning logg kommune=Fauske dato=2025-01-08 minutter=30 tema=Oppstart`)
	d, err := e.db.DigestData(context.Background(), time.Date(2025, 1, 6, 8, 0, 0, 0, bot.Oslo), e.now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if d.MentoringSessions != 1 || d.MentoringMinutes != 30 || d.Mentoring[0].Municipality != "Fauske" || d.MentoringLate != 1 || d.MentoringLateMinutes != 60 {
		t.Errorf("mentoring %+v late %d/%d", d.Mentoring, d.MentoringLate, d.MentoringLateMinutes)
	}
	text := handlers.DigestText(handlers.BuildDigest(d, time.Time{}, bot.NB))
	if !strings.Contains(text, "Veiledning: 1 økt, 30 min") || !strings.Contains(text, "Etterregistrert (holdt før perioden): 1 økt, 60 min") {
		t.Errorf("digest:\n%s", text)
	}
}

// TestRSVPDelete: the working group removes a wrong answer; it is kept in
// the history and counted as a change.
func TestRSVPDelete(t *testing.T) {
	e := newEnv(t)
	e.setup()
	e.ok("kari", "/rsvp 1 ja 3 kommune=Bodø")
	e.ok("kari", "/rsvp 1 nei kommune=Fauske")
	since := e.now.Add(time.Minute)
	e.now = since.Add(time.Minute)
	e.checkBad([]badCase{
		{name: "Member", line: "/rsvp 1 slett kommune=Bodø", code: bot.EForbidden, msg: []string{"arbeidsgruppen"}},
		{name: "NoAnswer", user: "admin", line: "/rsvp 1 slett kommune=Saltdal", code: bot.ENotFound, msg: []string{"Saltdal har ikke noe svar"}},
		{name: "Unknown", user: "admin", line: "/rsvp 9 slett kommune=Bodø", code: bot.ENotFound},
		{name: "NoMunicipality", user: "admin", line: "/rsvp 1 slett", code: bot.EInvalid, field: "kommune"},
	})
	rep := e.ok("admin", "/rsvp 1 slett kommune=bodo")
	if !strings.Contains(rep.Text, "Slettet svaret fra *Bodø* (ja (3))") || !strings.Contains(rep.Text, "/rsvp 1 ja 3 kommune=Bodø") {
		t.Errorf("delete = %q", rep.Text)
	}
	rep = e.ok("admin", "/rsvp slett 1 Fauske")
	if !strings.Contains(rep.Text, "Angre: /rsvp 1 nei kommune=Fauske") {
		t.Errorf("delete = %q", rep.Text)
	}
	if at, _ := e.db.Attendance(context.Background(), 1); len(at.RSVPs) != 0 || len(at.Missing) != 4 {
		t.Errorf("attendance after delete %+v", at)
	}
	ch, _ := e.db.Changes(context.Background(), "rsvp", "")
	if len(ch) != 2 || ch[0].Detail != "Bodø: ja (3)" || ch[0].ChangedBy != "slack:admin" || ch[1].Detail != "Fauske: nei" {
		t.Errorf("changes %+v", ch)
	}
	if d, _ := e.db.DigestData(context.Background(), since, e.now.Add(time.Minute)); d.RSVPAnswers != 2 {
		t.Errorf("removed answers are changes: %d", d.RSVPAnswers)
	}
	// The admin who removed answers is not an "answerer" to notify.
	if who, _ := e.db.GatheringAnswerers(context.Background(), 1); strings.Join(who, ",") != "slack:kari" {
		t.Errorf("answerers %v", who)
	}
}

// TestOvernightInTheForm: the answer form offers "all", "no" and a number
// of beds, and a submitted number is stored as such.
func TestOvernightInTheForm(t *testing.T) {
	e := newEnv(t)
	e.setup()
	form := e.ok("kari", "/rsvp 1").Form
	if form == nil {
		t.Fatal("no form")
	}
	var values []string
	for _, f := range form.Fields {
		if f.Name == "overnatting" {
			for _, o := range f.Options {
				values = append(values, o.Value)
			}
		}
	}
	if strings.Join(values, ",") != "ja,nei,1,2,3,4,5,6,7,8,9,10" {
		t.Errorf("options %v", values)
	}
	rep := e.run(&bot.Request{User: bot.User{ID: "kari"}, Form: map[string]string{"svar": "ja", "antall": "4", "kommune": "Bodø", "overnatting": "3"}}, "/rsvp 1")
	if rep.Error != nil || !strings.Contains(rep.Text, "overnatting: 3 av 4") {
		t.Errorf("submitted: %s", all(rep))
	}
}

// TestLiveToday: asked on the day of a gathering, the bot says it "er i
// dag" (not that it has taken place).
func TestLiveToday(t *testing.T) {
	e := newFAQEnv(t)
	for _, line := range []string{
		`/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`,
		`/samling ny navn="Oppstartssamling" dato=2025-02-06 sted="Bodø" region=Salten`,
	} {
		if rep := e.ask("admin", line); rep.Error != nil {
			t.Fatalf("%s: %+v", line, rep.Error)
		}
	}
	day := time.Date(2025, 2, 6, 9, 0, 0, 0, bot.Oslo)
	a, err := e.h.Answer(context.Background(), handlers.Query{Text: "Hvor er neste samling?", Now: day})
	if err != nil || !strings.Contains(bot.PlainText(a.Text), "Den er i dag.") || strings.Contains(a.Text, "allerede holdt") {
		t.Fatalf("on the day: %+v %v", a, err)
	}
}
