package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
	"github.com/kulturskoleradet/kulturbot/store"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

// figures are one gathering's numbers as a reader of one of the three
// views (digest, /samling deltakere, CSV export) would take them.
type figures struct {
	Ja, Nei, Kanskje    int
	People, MaybePeople int
	Beds, MaybeBeds     int
	Missing             string // "Kvænangen, Saltdal"
}

func (f figures) String() string {
	return fmt.Sprintf("ja %d nei %d kanskje %d · %d (+%d) personer · %d (+%d) senger · ikke svart: %s",
		f.Ja, f.Nei, f.Kanskje, f.People, f.MaybePeople, f.Beds, f.MaybeBeds, f.Missing)
}

// section returns the console output of the command line cmd (from its
// last echoed "> cmd" to the next "> ").
func section(out, cmd string) string {
	i := strings.LastIndex(out, "> "+cmd+"\n")
	if i < 0 {
		return ""
	}
	s := out[i+len(cmd)+3:]
	if j := strings.Index(s, "\n> "); j >= 0 {
		s = s[:j]
	}
	return s
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

var (
	reAttJa      = regexp.MustCompile(`(?m)^  Ja: (\d+) kommuner?, (\d+) personer?$`)
	reAttMaybe   = regexp.MustCompile(`(?m)^  Kanskje: (\d+) kommuner?, (\d+) personer?$`)
	reAttNo      = regexp.MustCompile(`(?m)^  Nei: (\d+)$`)
	reAttBeds    = regexp.MustCompile(`(?m)^  Overnatting: (\d+) personer?(?: \(\+(\d+) kanskje\))?$`)
	reAttMissing = regexp.MustCompile(`(?m)^  Ikke svart \(regionens kommuner\): (.*)$`)

	reDigestGathering = regexp.MustCompile(`(?m)^• 📅 \*#(\d+) `)
	reDigestAnswers   = regexp.MustCompile(`Ja: (\d+) · Nei: (\d+) · Kanskje: (\d+)(?: · (\d+) deltakere(?: \(\+(\d+) kanskje\))?)?(?: · (\d+) trenger overnatting(?: \(\+(\d+) kanskje\))?)?`)
	reDigestMissing   = regexp.MustCompile(`(?m)^  Ikke svart: (.*)$`)
	reDigestNew       = regexp.MustCompile(`(\d+) (?:nye|nytt) svar i perioden`)
)

// attendeeFigures reads the fields of a /samling deltakere reply.
func attendeeFigures(t *testing.T, s string) figures {
	t.Helper()
	var f figures
	m := reAttJa.FindStringSubmatch(s)
	mk := reAttMaybe.FindStringSubmatch(s)
	mn := reAttNo.FindStringSubmatch(s)
	mb := reAttBeds.FindStringSubmatch(s)
	mm := reAttMissing.FindStringSubmatch(s)
	if m == nil || mk == nil || mn == nil || mb == nil || mm == nil {
		t.Fatalf("cannot read the attendee list:\n%s", s)
	}
	f.Ja, f.People = atoi(t, m[1]), atoi(t, m[2])
	f.Kanskje, f.MaybePeople = atoi(t, mk[1]), atoi(t, mk[2])
	f.Nei, f.Beds = atoi(t, mn[1]), atoi(t, mb[1])
	if mb[2] != "" {
		f.MaybeBeds = atoi(t, mb[2])
	}
	if f.Missing = mm[1]; f.Missing == "alle har svart" {
		f.Missing = ""
	}
	return f
}

// digestFigures reads each gathering item of a digest: figures and the
// number of municipalities whose answer changed in the period.
func digestFigures(t *testing.T, s string) (map[int64]figures, map[int64]int) {
	t.Helper()
	out, news := map[int64]figures{}, map[int64]int{}
	locs := reDigestGathering.FindAllStringSubmatchIndex(s, -1)
	for i, loc := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		item := s[loc[0]:end]
		if j := strings.Index(item, "\n• "); j >= 0 { // the next section
			item = item[:j]
		}
		id, _ := strconv.ParseInt(s[loc[2]:loc[3]], 10, 64)
		m := reDigestAnswers.FindStringSubmatch(item)
		if m == nil {
			t.Fatalf("cannot read digest item:\n%s", item)
		}
		n := func(s string) int {
			if s == "" {
				return 0
			}
			return atoi(t, s)
		}
		f := figures{Ja: n(m[1]), Nei: n(m[2]), Kanskje: n(m[3]), People: n(m[4]), MaybePeople: n(m[5]), Beds: n(m[6]), MaybeBeds: n(m[7])}
		if mm := reDigestMissing.FindStringSubmatch(item); mm != nil {
			f.Missing = mm[1]
		}
		out[id] = f
		if mn := reDigestNew.FindStringSubmatch(item); mn != nil {
			news[id] = atoi(t, mn[1])
		}
	}
	return out, news
}

// csvRows parses a kulturbot CSV export into maps by column name.
func csvRows(t *testing.T, data string) []map[string]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\ufeff")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("export: %v\n%s", err, data)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestDataAcceptance is issue 12's acceptance script: a piped console
// session with regions in two counties, gatherings with and without a
// deadline, answers with misspelt, ambiguous and out-of-region
// municipality names, changes, corrections, a cancellation and mentoring
// dated last month. Afterwards: no municipality outside the register, no
// answer from outside a gathering's region, and the digest, /samling
// deltakere and the CSV exports agree to the number.
func TestDataAcceptance(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	now := time.Now().In(bot.Oslo)
	day := func(days int) string { return now.AddDate(0, 0, days).Format("2006-01-02") }
	lastMonth := now.AddDate(0, -1, 0).Format("2006-01-02")
	script := []string{
		// Regions in two counties (Nordland, Troms).
		`/region ny navn=Salten kommuner="Bodø, fauske kommune, Saltdal"`,
		`/region ny navn=Nord-Troms kommuner="Skjervøy, Nordreisa, Kvænangen, Kåfjord"`,
		// With a deadline, national without one, regional without one; the
		// first line again (the README example run twice) only warns.
		`/samling ny navn="Oppstart Salten" dato=` + day(40) + ` sted="Bodø" region=Salten frist=` + day(20),
		`/samling ny navn="Nasjonal samling" dato=` + day(60) + ` sted="Oslo"`,
		`/samling ny navn="Nord-Troms samling" dato=` + day(50) + ` sted="Skjervøy" region=Nord-Troms`,
		`/samling ny navn="Oppstart Salten" dato=` + day(40) + ` sted="Bodø" region=Salten frist=` + day(20),
		`/samling ny navn="Høstsamling" dato=` + day(70) + ` sted="Fauske" region=Salten`,
		// Answers: folded, misspelt, "X kommune", repeated, out of region,
		// ambiguous and then made plain, changed, removed.
		`/rsvp 1 ja 3 kommune=bodo overnatting=2`,
		`/rsvp 1 ja 2 kommune=Fauskee`,
		`/rsvp 1 ja 2 kommune="Fauske kommune" overnatting=ja`,
		`/rsvp 1 ja 2 kommune="Fauske kommune" overnatting=ja`,
		`/rsvp 1 ja 1 kommune=Tromsø`,
		`/rsvp 1 kanskje 2 kommune=Saltdal overnatting=ja`,
		`/rsvp 1 slett kommune=Saltdal`,
		`/rsvp 2 kanskje 2 kommune=Herøy`,
		`/rsvp 2 kanskje 2 kommune="Herøy (Nordland)" overnatting=ja`,
		`/rsvp 2 ja 5 kommune=Våler`,
		`/rsvp 2 ja 1 kommune=Bodø`,
		`/rsvp 3 ja 4 kommune=Skjervøy overnatting=ja`,
		`/rsvp 3 nei kommune=Nordreisa`,
		`/rsvp 3 ja 2 kommune=Nordreisa`,
		`/rsvp 3 kanskje 3 kommune=Gáivuotna overnatting=1`,
		`/rsvp 3 kanskje 1 kommune=Bodø`,
		`/rsvp 4 nei kommune=Saltdal`,
		// Corrections.
		`/samling endre 3 sted="Storslett" dato=` + day(51),
		`/samling avlys 2`,
		`/samling avlys 2 --bekreft`,
		`/samling avlys 4 --bekreft`,
		`/samling gjenåpne 4`,
		`/region endre Nord-Troms kommuner="Skjervøy, Nordreisa, Kvænangen, Kåfjord, Lyngen"`,
		// Mentoring last month, yesterday, and one corrected.
		`/veiledning logg kommune=Saltdal dato=` + lastMonth + ` minutter=60 tema="Oppstart"`,
		`/veiledning logg kommune=Bodø dato="i går" minutter=30 tema="Plan"`,
		`/veiledning logg kommune=Skjervoy dato="i dag" minutter=45 tema="Lokal forankring"`,
		`/veiledning endre 3 minutter=50`,
		// The three views, at one moment.
		`/samling deltakere 1`,
		`/samling deltakere 3`,
		`/samling deltakere 4`,
		`/kulturbot digest`,
	}
	out, errOut, code := run(t, db, strings.Join(script, "\n")+"\n")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for cmd, want := range map[string]string{
		script[5]:  "finnes allerede (#1)",
		script[8]:  "Mente du Fauske?",
		script[10]: "Uendret",
		script[11]: "hører ikke til region Salten",
		script[14]: "Herøy (Møre og Romsdal) eller Herøy (Nordland)",
		script[16]: "Våler (Østfold) eller Våler (Innlandet)",
		script[22]: "hører ikke til region Nord-Troms",
		script[25]: "Vil du avlyse",
		script[26]: "Avlyst",
		script[28]: "Gjenåpnet",
	} {
		if s := section(out, cmd); !strings.Contains(s, want) {
			t.Errorf("%s\n  answered %q, want %q", cmd, s, want)
		}
	}

	// The database: nothing outside the register, nothing out of region.
	ctx := context.Background()
	sdb, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	reg := kommuner.Default()
	rows, err := sdb.Reader().QueryContext(ctx, `SELECT name, COALESCE(number, '') FROM municipalities`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, number string
		rows.Scan(&name, &number)
		if e, ok := reg.ByNumber(number); !ok || e.Name != name {
			t.Errorf("municipality %q (%q) is not the register's", name, number)
		}
	}
	rows.Close()
	var outside int
	sdb.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM rsvps r JOIN gatherings g ON g.id = r.gathering_id
		WHERE g.region_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM region_municipalities rm WHERE rm.region_id = g.region_id AND rm.municipality_id = r.municipality_id)
		AND NOT EXISTS (SELECT 1 FROM gathering_guests gg WHERE gg.gathering_id = g.id AND gg.municipality_id = r.municipality_id)`).Scan(&outside)
	if outside != 0 {
		t.Errorf("%d answers from outside their gathering's region", outside)
	}

	// The exports, right after.
	rsvpCSV, _, code := run(t, db, "", "export", "rsvp")
	if code != 0 {
		t.Fatalf("export rsvp exit %d", code)
	}
	mentCSV, _, _ := run(t, db, "", "export", "veiledning")
	if !strings.HasPrefix(rsvpCSV, "\ufeffsamling_id;samling;dato;kommune;svar;antall;overnatting;svart_av;oppdatert;avlyst\r\n") {
		t.Fatalf("rsvp export header: %q", strings.SplitN(rsvpCSV, "\n", 2)[0])
	}
	export := map[int64]figures{}
	answered := map[int64]map[string]bool{}
	rowsPer := map[int64]int{}
	for _, r := range csvRows(t, rsvpCSV) {
		id, _ := strconv.ParseInt(r["samling_id"], 10, 64)
		rowsPer[id]++
		if r["avlyst"] == "ja" {
			if id != 2 {
				t.Errorf("gathering %d marked cancelled in the export", id)
			}
			continue
		}
		if r["avlyst"] != "" || id == 2 {
			t.Errorf("avlyst column %q for gathering %d", r["avlyst"], id)
		}
		f := export[id]
		n := atoi(t, r["antall"])
		beds := 0
		switch r["overnatting"] {
		case "ja":
			beds = n
		case "", "nei":
		default:
			beds = atoi(t, r["overnatting"])
		}
		switch r["svar"] {
		case "ja":
			f.Ja, f.People, f.Beds = f.Ja+1, f.People+n, f.Beds+beds
		case "kanskje":
			f.Kanskje, f.MaybePeople, f.MaybeBeds = f.Kanskje+1, f.MaybePeople+n, f.MaybeBeds+beds
		case "nei":
			f.Nei++
		}
		export[id] = f
		if answered[id] == nil {
			answered[id] = map[string]bool{}
		}
		answered[id][r["kommune"]] = true
	}
	regions, _ := sdb.Regions(ctx)
	for _, g := range []int64{1, 3, 4} {
		gg, _ := sdb.Gathering(ctx, g)
		var missing []string
		for _, r := range regions {
			if r.ID != gg.RegionID {
				continue
			}
			for _, m := range r.Municipalities {
				if !answered[g][m.Name] {
					missing = append(missing, m.Name)
				}
			}
		}
		nb := norsk.New()
		sort.Slice(missing, func(i, j int) bool { return nb.Less(missing[i], missing[j]) })
		f := export[g]
		f.Missing = strings.Join(missing, ", ")
		export[g] = f
	}

	digest := section(out, "/kulturbot digest")
	dg, news := digestFigures(t, digest)
	for _, g := range []int64{1, 3, 4} {
		att := attendeeFigures(t, section(out, fmt.Sprintf("/samling deltakere %d", g)))
		if att != export[g] || dg[g] != export[g] {
			t.Errorf("gathering %d does not agree:\n  deltakere %v\n  digest    %v\n  export    %v", g, att, dg[g], export[g])
		}
		if news[g] != rowsPer[g] {
			t.Errorf("gathering %d: digest says %d new answers, the export has %d answers given this week", g, news[g], rowsPer[g])
		}
	}
	if _, ok := dg[2]; ok {
		t.Errorf("the cancelled gathering is in the digest:\n%s", digest)
	}
	// Every answer in the export was given in this digest's period, so
	// "Nye svar" is the number of rows; the repeated one and the removed
	// one (Saltdal, #1) are not among them.
	total := 0
	for _, n := range rowsPer {
		total += n
	}
	if want := fmt.Sprintf("Svar på samlinger: %d kommuner med nytt eller endret svar", total); !strings.Contains(digest, want) {
		t.Errorf("digest lacks %q:\n%s", want, digest)
	}
	// No invented deadline: #3 and #4 have none, and only #1's is listed.
	for _, want := range []string{"Ingen svarfrist · ", "svarfrist for #1 Oppstart Salten"} {
		if !strings.Contains(digest, want) {
			t.Errorf("digest lacks %q:\n%s", want, digest)
		}
	}
	if strings.Contains(digest, "svarfrist for #3") || strings.Contains(digest, "svarfrist for #4") || strings.Count(digest, "Svarfrist ") != 1 {
		t.Errorf("a deadline nobody set:\n%s", digest)
	}
	if gs, _ := sdb.ReminderGatherings(ctx, time.Now()); len(gs) != 1 || gs[0].ID != 1 {
		t.Errorf("reminders would follow %+v", gs)
	}

	// Mentoring by the day it was held, as the export dates it.
	since, err := (&handlers.Handlers{Deps: &handlers.Deps{DB: sdb}}).DigestSince(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	from, to := store.MentoringDays(since, time.Now())
	held, heldMin, late, lateMin := 0, 0, 0, 0
	for _, r := range csvRows(t, mentCSV) {
		d, _ := time.ParseInLocation("2006-01-02", r["dato"], bot.Oslo)
		switch {
		case !d.Before(from) && !d.After(to):
			held, heldMin = held+1, heldMin+atoi(t, r["minutter"])
		case d.Before(from):
			late, lateMin = late+1, lateMin+atoi(t, r["minutter"])
		}
		if r["dato"] == lastMonth && !d.Before(from) {
			t.Errorf("last month's session counted in this period")
		}
	}
	sessions := func(n, min int) string {
		if n == 1 {
			return fmt.Sprintf("1 økt, %d min", min)
		}
		return fmt.Sprintf("%d økter, %d min", n, min)
	}
	if held > 0 && !strings.Contains(digest, "Veiledning: "+sessions(held, heldMin)) {
		t.Errorf("digest mentoring, want %s held:\n%s", sessions(held, heldMin), digest)
	}
	if held == 0 && strings.Contains(digest, "Veiledning: ") {
		t.Errorf("digest counts mentoring held outside the period:\n%s", digest)
	}
	if late < 1 || !strings.Contains(digest, "Etterregistrert (holdt før perioden): "+sessions(late, lateMin)) {
		t.Errorf("digest late mentoring, want %s:\n%s", sessions(late, lateMin), digest)
	}

	// Every correction left history on the console platform.
	got := changeLog(t, sdb)
	want := []string{"gathering 3 change console:console console", "gathering 2 cancel console:console console",
		"gathering 4 cancel console:console console", "gathering 4 reopen console:console console",
		"rsvp", "region 2 change console:console console", "mentoring 3 change console:console console"}
	sort.Strings(got)
	sort.Strings(want)
	if len(got) != len(want) {
		t.Fatalf("history:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("history[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
