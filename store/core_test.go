package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

var (
	fixedNow = time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	kari     = store.Author{Key: "slack:U1", Name: "Kari", Platform: bot.Slack}
	ola      = store.Author{Key: "discord:2", Name: "Ola", Platform: bot.Discord}
)

func fixedDB(t *testing.T) *store.DB {
	db := openTest(t)
	db.Now = func() time.Time { return fixedNow }
	return db
}

func date(s string) time.Time {
	t, ok := bot.ParseDate(s)
	if !ok {
		panic(s)
	}
	return t
}

func TestMunicipalityResolvesToRegister(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	before, _ := db.Municipalities(ctx)
	if len(before) != 357 {
		t.Fatalf("register rows = %d, want 357", len(before))
	}
	var ids []int64
	for _, n := range []string{"bodø", "Bodo", "BODØ", "bodoe", " Bodø ", "Bodø kommune", "1804"} {
		m, err := db.EnsureMunicipality(ctx, kari, n)
		if err != nil {
			t.Fatal(err)
		}
		if m.Name != "Bodø" || m.Number != "1804" {
			t.Errorf("%q -> %+v, want Bodø 1804 (the register's name)", n, m)
		}
		ids = append(ids, m.ID)
	}
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("ids %v: want one row", ids)
		}
	}
	if m, err := db.EnsureMunicipality(ctx, kari, "Herøy (Nordland)"); err != nil || m.Number != "1818" {
		t.Fatalf("Herøy (Nordland) = %+v, %v", m, err)
	}
	var unknown *store.UnknownMunicipalityError
	if _, err := db.EnsureMunicipality(ctx, kari, "Fauskee"); !errors.As(err, &unknown) || len(unknown.Near) != 1 || unknown.Near[0].Name != "Fauske" {
		t.Fatalf("Fauskee: err = %v", err)
	}
	var amb *store.AmbiguousMunicipalityError
	if _, err := db.EnsureMunicipality(ctx, kari, "Herøy"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("Herøy: err = %v", err)
	}
	if _, err := db.EnsureMunicipality(ctx, kari, "Bodø; DROP"); !errors.Is(err, store.ErrBadName) {
		t.Fatalf("bad name err = %v", err)
	}
	if after, _ := db.Municipalities(ctx); len(after) != 357 {
		t.Fatalf("municipalities = %d after refusals, want 357", len(after))
	}
}

func TestRegionRules(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	if _, err := db.CreateRegion(ctx, kari, "Salten", []string{"Bodø", "bodo", "Fauske"}); !isType[*store.TooFewError](err) {
		t.Fatalf("two distinct: err = %v", err)
	}
	r, err := db.CreateRegion(ctx, kari, "salten", []string{"Bodø", "Fauske", "Saltdal"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Salten" || len(r.Municipalities) != 3 {
		t.Fatalf("region = %+v", r)
	}
	var in *store.InRegionError
	_, err = db.CreateRegion(ctx, kari, "Nordland nord", []string{"Narvik", "BODO", "Lødingen"})
	if !errors.As(err, &in) || in.Region != "Salten" || in.Municipality != "Bodø" {
		t.Fatalf("conflict err = %v", err)
	}
	if _, err := db.CreateRegion(ctx, kari, "SALTEN", []string{"A", "B", "C"}); !isType[*store.RegionExistsError](err) {
		t.Fatalf("dup name err = %v", err)
	}
	if _, err := db.CreateRegion(ctx, kari, "Ofoten", []string{"Narvik", "Evenes", "Atlantis"}); !isType[*store.UnknownMunicipalityError](err) {
		t.Fatalf("unknown municipality err = %v", err)
	}
	// Nothing of the refused regions was written.
	if rs, _ := db.Regions(ctx); len(rs) != 1 {
		t.Fatalf("regions = %+v", rs)
	}
	if m, err := db.FindMunicipality(ctx, "Atlantis"); bot.ErrorCode(err) != bot.ENotFound {
		t.Fatalf("Atlantis found: %+v %v", m, err)
	}
}

func isType[T error](err error) bool {
	var t T
	return errors.As(err, &t)
}

func TestRSVPReplacesAndKeepsHistory(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	g, err := db.CreateGathering(ctx, kari, store.NewGathering{Name: "Samling 1", Date: date("2025-02-06"), Place: "Bodø", Deadline: date("2025-01-20")})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	res, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: "ja", Headcount: 3, Overnight: &yes, At: fixedNow})
	if err != nil || res.Previous != nil {
		t.Fatalf("first: %v %+v", err, res)
	}
	res, err = db.SetRSVP(ctx, ola, store.RSVPInput{GatheringID: g.ID, Municipality: "bodo", Answer: "nei", At: fixedNow})
	if err != nil || res.Previous == nil || res.Previous.Answer != "ja" {
		t.Fatalf("second: %v %+v", err, res)
	}
	rs, _ := db.RSVPs(ctx, g.ID)
	if len(rs) != 1 || rs[0].Answer != "nei" || rs[0].AnsweredBy != ola.Key {
		t.Fatalf("current = %+v", rs)
	}
	h, _ := db.RSVPHistory(ctx, g.ID, 0)
	if len(h) != 2 || h[0].Answer != "ja" || h[1].Answer != "nei" {
		t.Fatalf("history = %+v", h)
	}
	// Closed: after the deadline nothing is written.
	_, err = db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Rana", Answer: "ja", Headcount: 1, At: date("2025-01-21")})
	var ce *store.ClosedError
	if !errors.As(err, &ce) || ce.Reason != store.ClosedDeadline {
		t.Fatalf("deadline err = %v", err)
	}
	// Deadline day itself is open.
	if _, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Rana", Answer: "ja", Headcount: 1, At: date("2025-01-20").Add(23 * time.Hour)}); err != nil {
		t.Fatalf("deadline day: %v", err)
	}
}

func TestMyDataAndForgetUser(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	if _, err := db.SetUserMunicipality(ctx, kari, "Bodø"); err != nil {
		t.Fatal(err)
	}
	i, err := db.CreateInterest(ctx, kari, store.NewInterest{County: "Nordland", Municipalities: []string{"Bodø", "Rana"}, Contact: "kari@example.no"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.LogMentoring(ctx, kari, store.NewMentoring{Municipality: "Bodø", Date: date("2025-01-09"), Minutes: 60, Topic: "Oppstart"}); err != nil {
		t.Fatal(err)
	}
	// A question and an answer written by another package's code.
	if _, err := db.Writer().ExecContext(ctx, `INSERT INTO questions (question, lang, asked_by, asked_name, platform, created_at) VALUES ('hva?', 'nb', ?, 'Kari', 'slack', 'x')`, kari.Key); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateInterest(ctx, ola, store.NewInterest{County: "Troms", Municipalities: []string{"Tromsø"}}); err != nil {
		t.Fatal(err)
	}
	pd, err := db.MyData(ctx, kari.Key)
	if err != nil {
		t.Fatal(err)
	}
	if pd.Profile == nil || pd.Profile.Municipality.Name != "Bodø" {
		t.Fatalf("profile = %+v", pd.Profile)
	}
	for _, tb := range []string{"interests", "mentoring", "questions"} {
		if len(pd.Tables[tb]) == 0 {
			t.Errorf("MyData misses table %s: %v", tb, pd.TableNames())
		}
	}
	if len(pd.Tables["interests"]) != 1 {
		t.Errorf("interests = %v (Ola's must not be there)", pd.Tables["interests"])
	}
	fr, err := db.ForgetUser(ctx, kari.Key)
	if err != nil || !fr.Profile {
		t.Fatalf("forget: %v %+v", err, fr)
	}
	pd, _ = db.MyData(ctx, kari.Key)
	if pd.Count() != 0 {
		t.Fatalf("after forget still held: %v", pd.Tables)
	}
	got, _ := db.Interest(ctx, i.ID)
	if got.CreatedBy != "" || got.CreatedName != "" || got.County != "Nordland" {
		t.Fatalf("record after forget = %+v (kept, no longer pointing at Kari)", got)
	}
	var name string
	db.Reader().QueryRowContext(ctx, `SELECT asked_name FROM questions`).Scan(&name)
	if name != "" {
		t.Fatalf("asked_name = %q", name)
	}
}

func TestExportHeadersAndBOM(t *testing.T) {
	db := fixedDB(t)
	ctx := context.Background()
	g, _ := db.CreateGathering(ctx, kari, store.NewGathering{Name: "Samling; «én»", Date: date("2025-02-06"), Place: "Bodø"})
	if _, err := db.SetRSVP(ctx, kari, store.RSVPInput{GatheringID: g.ID, Municipality: "Bodø", Answer: "ja", Headcount: 2, At: fixedNow}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"rsvp":       "samling_id;samling;dato;kommune;svar;antall;overnatting;svart_av;oppdatert;avlyst",
		"interesse":  "id;fylke;kommuner;kontakt;kommentar;sen;trukket;registrert_av;registrert",
		"veiledning": "id;kommune;dato;minutter;tema;notat;veileder;registrert",
	}
	for kind, header := range want {
		b, _, err := db.ExportBytes(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if !strings.HasPrefix(s, "\uFEFF"+header+"\r\n") {
			t.Errorf("%s starts %q", kind, s[:min(len(s), 90)])
		}
		if kind == "rsvp" && !strings.Contains(s, "\r\n1;\"Samling; «én»\";2025-02-06;Bodø;ja;2;;Kari;2025-01-10 10:00;\r\n") {
			t.Errorf("rsvp row: %q", s)
		}
	}
}
