package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

func TestRegionChangeDelete(t *testing.T) {
	e := newEnv(t)
	e.ok("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	e.ok("admin", `/region ny navn=Ofoten kommuner="Narvik, Evenes, Gratangen"`)
	e.ok("admin", `/region ny navn=Tom kommuner="Alta, Hammerfest, Kautokeino"`)
	e.ok("admin", `/samling ny navn="Samling 1" dato=2025-02-06 sted=Bodø region=Salten`)

	rep := e.ok("admin", `/region endre salten kommuner="Bodø, Fauske, Saltdal, Steigen"`)
	if !strings.Contains(rep.Text, "Før: Bodø, Fauske, Saltdal") || !strings.Contains(rep.Text, "Nå: Bodø, Fauske, Saltdal, Steigen") {
		t.Errorf("change = %q", rep.Text)
	}
	// Steigen may answer now; Saltdal, taken out, may not.
	e.ok("kari", "/rsvp 1 ja kommune=Steigen")
	rep = e.ok("admin", `/region endre Salten kommuner="Bodø, Fauske, Steigen"`)
	if !strings.Contains(rep.Text, "Saltdal") {
		t.Errorf("removed not named: %q", rep.Text)
	}
	if r := e.as("kari", "/rsvp 1 ja kommune=Saltdal"); r.Error == nil {
		t.Errorf("Saltdal answered after leaving the region: %s", r.Text)
	}
	ch, _ := e.db.Changes(context.Background(), store.EntityRegion, "")
	if len(ch) != 2 || ch[0].ChangedBy != "slack:admin" || ch[0].Detail != "kommuner: Bodø, Fauske, Saltdal → Bodø, Fauske, Saltdal, Steigen" {
		t.Errorf("history %+v", ch)
	}
	e.checkBad([]badCase{
		{name: "Member", line: `/region endre Salten kommuner="Bodø, Fauske, Saltdal"`, code: bot.EForbidden},
		{name: "Unknown", user: "admin", line: `/region endre Lofoten kommuner="Bodø, Fauske, Saltdal"`, code: bot.ENotFound, msg: []string{"Fant ingen region «Lofoten»", "Ofoten, Salten, Tom"}},
		{name: "TooFew", user: "admin", line: `/region endre Salten kommuner="Bodø, Fauske"`, code: bot.EInvalid, field: "kommuner"},
		{name: "InOther", user: "admin", line: `/region endre Salten kommuner="Bodø, Fauske, Narvik"`, code: bot.EConflict, msg: []string{"Narvik", "Ofoten"}},
		{name: "NoName", user: "admin", line: `/region endre kommuner="Bodø, Fauske, Steigen"`, code: bot.EInvalid, field: "navn"},
		{name: "DeleteInUse", user: "admin", line: `/region slett Salten`, code: bot.EConflict, msg: []string{"#1 Samling 1"}},
		{name: "DeleteMember", line: `/region slett Tom`, code: bot.EForbidden},
	})
	misspelt(t, e, "admin", `/region endre Salten kommuner="Bodø, Fauskee, Steigen"`)
	rep = e.ok("admin", "/region slett tom")
	if !strings.Contains(rep.Text, "Region *Tom* slettet") {
		t.Errorf("delete = %q", rep.Text)
	}
	if e.count("regions") != 2 {
		t.Error("region not deleted")
	}
	// Its municipalities are free for a new region.
	e.ok("admin", `/region ny navn=Vest-Finnmark kommuner="Alta, Hammerfest, Kautokeino"`)
	if ch, _ := e.db.Changes(context.Background(), store.EntityRegion, ""); len(ch) != 3 || ch[2].Action != store.ActionDelete {
		t.Errorf("history %+v", ch)
	}
}

func TestMentoringChangeDelete(t *testing.T) {
	e := newEnv(t)
	e.ok("mentor", `/veiledning logg kommune=Bodø dato=2025-01-08 minutter=90 tema=Oppstart`)
	e.ok("other", `/veiledning logg kommune=Fauske dato=2025-01-09 minutter=30 tema=Plan`)
	rep := e.ok("mentor", `/veiledning endre 1 minutter=60 dato=7.1 kommune=Saltdal`)
	if !strings.Contains(rep.Text, "Før: Bodø, 8. januar 2025, 90 min – «Oppstart»") || !strings.Contains(rep.Text, "Nå: Saltdal, 7. januar 2025, 60 min – «Oppstart»") {
		t.Errorf("change = %q", rep.Text)
	}
	e.checkBad([]badCase{
		{name: "NotYours", user: "mentor", line: `/veiledning endre 2 minutter=45`, code: bot.EForbidden, msg: []string{"Other", "dine egne"}},
		{name: "NotYoursDelete", user: "mentor", line: `/veiledning slett 2`, code: bot.EForbidden},
		{name: "Unknown", user: "mentor", line: `/veiledning slett 9`, code: bot.ENotFound},
		{name: "Nothing", user: "mentor", line: `/veiledning endre 1`, code: bot.EInvalid},
		{name: "Future", user: "mentor", line: `/veiledning endre 1 dato=2025-02-01`, code: bot.EInvalid, field: "dato"},
	})
	misspelt(t, e, "mentor", `/veiledning endre 1 kommune=Fauskee`)
	// An admin may change and delete anyone's.
	e.ok("admin", `/veiledning endre 2 tema="Plan for våren"`)
	rep = e.ok("admin", `/veiledning slett 2`)
	if !strings.Contains(rep.Text, "Veiledning #2 slettet") || !strings.Contains(rep.Text, `/veiledning logg kommune=Fauske dato=2025-01-09 minutter=30 tema="Plan for våren"`) {
		t.Errorf("delete = %q", rep.Text)
	}
	e.ok("mentor", `/veiledning slett 1`)
	if e.count("mentoring") != 0 {
		t.Error("not deleted")
	}
	ch, _ := e.db.Changes(context.Background(), store.EntityMentoring, "")
	want := []string{"1 change mentor kommune: Bodø → Saltdal; dato: 2025-01-08 → 2025-01-07; minutter: 90 → 60",
		"2 change admin tema: Plan → Plan for våren", "2 delete admin Fauske, 2025-01-09, 30 min, Plan for våren", "1 delete mentor Saltdal, 2025-01-07, 60 min, Oppstart"}
	var got []string
	for _, c := range ch {
		got = append(got, c.Key+" "+c.Action+" "+strings.TrimPrefix(c.ChangedBy, "slack:")+" "+c.Detail)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s", strings.Join(got, "\n"))
	}
}

// misspelt checks that a near miss is refused with "Mente du" and a
// button, and writes nothing.
func misspelt(t *testing.T, e *env, user, line string) {
	t.Helper()
	before := e.snapshot()
	rep := e.as(user, line)
	if rep.Error == nil || rep.Error.Code != bot.EInvalid || !strings.Contains(rep.Text, "Mente du Fauske?") || !strings.Contains(all(rep), "Fauske") {
		t.Errorf("%s: %s", line, all(rep))
	}
	if after := e.snapshot(); after != before {
		t.Errorf("%s wrote: %s -> %s", line, before, after)
	}
}
