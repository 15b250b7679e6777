package handlers_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/internal/testutil"
	"github.com/kulturskoleradet/kulturbot/store"
)

func oslo(t testing.TB, s string) time.Time { return testutil.Oslo(t, s) }

func utc(t testing.TB, s string) string { return testutil.UTC(t, s) }

func openDB(t testing.TB, path string) *store.DB { return testutil.OpenDB(t, path) }

func newHandlers(t testing.TB, db *store.DB) *handlers.Handlers {
	t.Helper()
	return handlers.Register(bot.NewRouter(quietLog()), &handlers.Deps{
		DB:     db,
		Config: handlers.Config{DeadlineMonth: time.December, DeadlineDay: 1},
		Log:    quietLog(),
	})
}

func quietLog() *slog.Logger { return testutil.QuietLog() }

// seed is testutil.SeedWeek: the period under test is [Mon 16 Nov 2026
// 08:00, Mon 23 Nov 2026 08:00) Oslo time.
func seed(t testing.TB, db *store.DB) { testutil.SeedWeek(t, db) }

func golden(t *testing.T, name, got string) { testutil.Golden(t, name, []byte(got)) }

func TestDigestGolden(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	seed(t, db)
	h := newHandlers(t, db)
	since, until := oslo(t, "2026-11-16 08:00"), oslo(t, "2026-11-23 08:00")

	t.Run("Seeded", func(t *testing.T) {
		rep, err := h.Digest(ctx, since, until, bot.NB)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Title != "Ukesoppsummering 16.–22. november 2026" {
			t.Errorf("title %q", rep.Title)
		}
		if len(rep.Fields) == 0 || rep.Fields[0].Label != "Interessemeldinger" || rep.Fields[0].Value != "1 ny · 1 endret · 1 trukket" {
			t.Errorf("totals should come first, got %+v", rep.Fields)
		}
		golden(t, "digest.golden", handlers.DigestText(rep))
	})
	t.Run("English", func(t *testing.T) {
		rep, err := h.Digest(ctx, since, until, bot.EN)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "digest_en.golden", handlers.DigestText(rep))
	})
	t.Run("NothingNewButDeadlines", func(t *testing.T) {
		// A week later nothing happened, but the gathering's deadline and
		// the open questions still need acting on.
		rep, err := h.Digest(ctx, oslo(t, "2026-11-23 09:30"), oslo(t, "2026-11-23 09:40"), bot.NB)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(rep.Text, "Rolig uke") {
			t.Errorf("text %q", rep.Text)
		}
		golden(t, "digest_nothing_new.golden", handlers.DigestText(rep))
	})
	t.Run("QuietWeek", func(t *testing.T) {
		// Default interest deadline (15 September): nothing due in November.
		empty := handlers.Register(bot.NewRouter(quietLog()), &handlers.Deps{DB: openDB(t, filepath.Join(t.TempDir(), "empty.db")), Log: quietLog()})
		rep, err := empty.Digest(ctx, since, until, bot.NB)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Fields) != 0 || len(rep.Items) != 0 || strings.Contains(rep.Text, "\n") {
			t.Errorf("a quiet week is one line, got %+v", rep)
		}
		golden(t, "digest_quiet.golden", handlers.DigestText(rep))
	})
	t.Run("Reminder", func(t *testing.T) {
		gs, err := db.ReminderGatherings(ctx, oslo(t, "2026-11-19 08:00"))
		if err != nil {
			t.Fatal(err)
		}
		// The national gathering has no deadline: nothing to remind of.
		if len(gs) != 1 || gs[0].ID != 1 {
			t.Fatalf("reminder gatherings %+v", gs)
		}
		golden(t, "digest_reminder.golden", handlers.DigestText(handlers.BuildReminder(gs[0], store.Reminder7d, bot.NB)))
	})
}

func TestDigestData(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	seed(t, db)
	d, err := db.DigestData(ctx, oslo(t, "2026-11-16 08:00"), oslo(t, "2026-11-23 08:00"))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(list []store.DigestInterest) (out []int64) {
		for _, i := range list {
			out = append(out, i.ID)
		}
		return out
	}
	if got := ids(d.NewInterests); len(got) != 1 || got[0] != 2 || !d.NewInterests[0].Late ||
		strings.Join(d.NewInterests[0].Municipalities, ",") != "Bodø,Fauske,Saltdal" {
		t.Errorf("new interests %+v", d.NewInterests)
	}
	if got := ids(d.ChangedInterests); len(got) != 1 || got[0] != 3 {
		t.Errorf("changed interests %v", got)
	}
	if got := ids(d.WithdrawnInterests); len(got) != 1 || got[0] != 1 {
		t.Errorf("withdrawn interests %v", got)
	}
	if d.RSVPAnswers != 3 {
		t.Errorf("rsvp answers in period = %d, want 3", d.RSVPAnswers)
	}
	if len(d.Gatherings) != 2 {
		t.Fatalf("upcoming gatherings %+v (cancelled and past ones must be left out)", d.Gatherings)
	}
	g := d.Gatherings[0]
	if g.ID != 1 || g.Ja != 1 || g.Nei != 1 || g.Headcount != 5 || g.Overnight != 5 || g.NewAnswers != 2 ||
		strings.Join(g.Missing, ",") != "Saltdal" {
		t.Errorf("gathering 1 %+v", g)
	}
	if n := d.Gatherings[1]; n.Region != "" || strings.Join(n.Missing, ",") != "Alta,Fauske,Saltdal,Ås" || n.MaybeHeadcount != 2 {
		t.Errorf("national gathering %+v", n)
	}
	if d.MentoringSessions != 3 || d.MentoringMinutes != 195 || len(d.Mentoring) != 2 || d.Mentoring[0].Municipality != "Bodø" {
		t.Errorf("mentoring %+v", d.Mentoring)
	}
	if strings.Join(d.NoMentoring, ",") != "Alta,Saltdal,Ås" {
		t.Errorf("no mentoring %v", d.NoMentoring)
	}
	if len(d.OpenQuestions) != 2 || d.OpenQuestions[0].ID != 3 {
		t.Errorf("open questions %+v", d.OpenQuestions)
	}
	if len(d.Downvotes) != 1 || d.Downvotes[0].AnswerID != 1 || d.Downvotes[0].Votes != 2 {
		t.Errorf("downvotes %+v", d.Downvotes)
	}
	if len(d.Deadlines) != 1 || d.Deadlines[0].ID != 1 {
		t.Errorf("deadlines %+v", d.Deadlines)
	}
}

func TestPeriodLabel(t *testing.T) {
	for _, tc := range []struct{ since, until, want string }{
		{"2026-11-16 08:00", "2026-11-23 08:00", "16.–22. november 2026"},
		{"2026-10-26 08:00", "2026-11-02 08:00", "26. oktober – 1. november 2026"},
		{"2026-12-28 08:00", "2027-01-04 08:00", "28. desember 2026 – 3. januar 2027"},
		{"2026-11-23 08:00", "2026-11-25 14:00", "23.–25. november 2026"},
		{"2026-11-23 08:00", "2026-11-23 09:00", "23. november 2026"},
		{"2026-11-16 00:00", "2026-11-23 00:00", "16.–22. november 2026"},
	} {
		if got := handlers.PeriodLabel(oslo(t, tc.since), oslo(t, tc.until), bot.NB); got != tc.want {
			t.Errorf("PeriodLabel(%s, %s) = %q, want %q", tc.since, tc.until, got, tc.want)
		}
	}
	// A preview made now (not on a whole minute) reaches today.
	now := oslo(t, "2026-11-26 08:32").Add(17 * time.Second)
	if got := handlers.PeriodLabel(oslo(t, "2026-11-19 08:32"), now, bot.NB); got != "19.–26. november 2026" {
		t.Errorf("preview label %q", got)
	}
}

func TestDigestPreviewThroughRouter(t *testing.T) {
	// Data entered through the real commands, previewed with
	// /kulturbot digest: what the working group would see.
	e := newEnv(t)
	e.setup() // region Salten (Bodø, Fauske, Saltdal, Steigen), gathering #1
	e.ok("kari", `/interesse fylke=Nordland kommuner="Bodø, Fauske, Saltdal"`)
	e.ok("kari", "/rsvp 1 ja 5 kommune=Bodø overnatting=ja")
	e.ok("mentor", `/veiledning logg kommune=Fauske dato=2025-01-08 minutter=60 tema=Oppstart`)
	e.now = e.now.Add(time.Hour)

	rep := e.ok("admin", "/kulturbot digest")
	if !rep.Private || !strings.HasPrefix(rep.Title, "Ukesoppsummering") {
		t.Fatalf("preview should be private and titled: %+v", rep)
	}
	text := handlers.DigestText(rep)
	for _, want := range []string{
		"Interessemeldinger: 1 ny",
		"Nordland: Bodø, Fauske, Saltdal",
		"#1 Samling 1",
		"Ja: 1 · Nei: 0 · Kanskje: 0 · 5 deltakere · 5 trenger overnatting",
		"Ikke svart: Fauske, Saltdal, Steigen",
		"Fauske: 1 økt, 60 min",
		"20. januar 2025: svarfrist for #1 Samling 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}

	// The same period as the scheduled digest and --dry-run: since the
	// last Monday 08:00 (6 January), not the last seven days.
	if !strings.HasPrefix(rep.Title, "Ukesoppsummering 6.–") {
		t.Errorf("preview period %q, want since Monday 6 January 08:00", rep.Title)
	}

	denied := e.as("kari", "/kulturbot digest")
	if denied.Error == nil || denied.Error.Code != bot.EForbidden {
		t.Errorf("non-admin got %+v", denied)
	}
}

func TestBusyWeekFitsOneMessage(t *testing.T) {
	// 60 registrations, 20 gatherings, 40 open questions: the digest is
	// shortened, never cut off, so the deadlines at the end survive.
	until := oslo(t, "2026-11-23 08:00")
	d := &store.DigestData{Since: until.AddDate(0, 0, -7), Until: until}
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("Kommune med et langt navn %d", i))
	}
	for i := range 60 {
		it := store.DigestInterest{ID: int64(i + 1), County: "Vestland", Municipalities: many[:5]}
		d.NewInterests = append(d.NewInterests, it)
		d.ChangedInterests = append(d.ChangedInterests, it)
		d.WithdrawnInterests = append(d.WithdrawnInterests, it)
	}
	for i := range 20 {
		g := store.DigestGathering{ID: int64(i + 1), Name: "Regionsamling med langt navn", Place: "Bergen", Region: "Vest",
			Date: until.AddDate(0, 1, i), Deadline: until.AddDate(0, 0, 10+i), Ja: 3, Missing: many}
		d.Gatherings = append(d.Gatherings, g)
		d.Deadlines = append(d.Deadlines, g)
	}
	for i := range 40 {
		d.OpenQuestions = append(d.OpenQuestions, store.OpenQuestion{ID: int64(i + 1), Question: strings.Repeat("Hvordan fungerer dette egentlig? ", 5), At: until})
	}
	d.NoMentoring = many
	rep := handlers.BuildDigest(d, time.Time{}, bot.NB)
	size := len([]rune(rep.Text))
	for _, it := range rep.Items {
		size += len([]rune(it.Text)) + 2
	}
	if size > 3800 {
		t.Errorf("digest holds %d characters; Discord cuts an embed at 4096", size)
	}
	text := handlers.DigestText(rep)
	for _, want := range []string{"Interessemeldinger: 60 nye · 60 endret · 60 trukket", "… og", "samlinger til", "*Frister neste 30 dager*"} {
		if !strings.Contains(text, want) {
			t.Errorf("busy digest lacks %q:\n%s", want, text)
		}
	}
}
