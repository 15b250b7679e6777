package handlers_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store/storetest"
)

// buttons lists a reply's buttons as "label → command".
func buttons(rep bot.Reply) []string {
	var out []string
	for _, b := range rep.Buttons {
		out = append(out, b.Label+" → "+b.Command)
	}
	return out
}

func TestMunicipalityResolution(t *testing.T) {
	e := newEnv(t)
	e.setup()
	t.Run("SpellingsOfOneMunicipality", func(t *testing.T) {
		for _, typed := range []string{"bodo", `"Bodø kommune"`, "1804", "BODØ", "Bodoe"} {
			rep := e.ok("kari", "/rsvp 1 ja 2 kommune="+typed)
			if !strings.Contains(rep.Text, "*Bodø* svarer") || !strings.Contains(rep.Text, "*ja*") {
				t.Errorf("%s: %q", typed, rep.Text)
			}
		}
		if n := e.count("rsvps"); n != 1 {
			t.Errorf("rsvps = %d, want one (Bodø's)", n)
		}
	})
	t.Run("OtherOfficialNames", func(t *testing.T) {
		for typed, want := range map[string]string{"Kárášjohka": "Karasjok", "Guovdageaidnu": "Kautokeino", "Karasjohka": "Karasjok", "Aarborte": "Hattfjelldal"} {
			rep := e.ok("mentor", "/veiledning logg kommune="+typed+" dato=2025-01-09 minutter=60 tema=Oppstart")
			if !strings.Contains(rep.Text, want) {
				t.Errorf("%s: %q, want %s", typed, rep.Text, want)
			}
		}
	})
	t.Run("NearMissAsksAndStoresNothing", func(t *testing.T) {
		before := e.snapshot()
		rep := e.as("kari", "/rsvp 1 ja 2 kommune=Fauskee")
		if rep.Error == nil || rep.Error.Code != bot.EInvalid || rep.Error.Field != "kommune" || !strings.Contains(rep.Text, "Mente du Fauske?") {
			t.Fatalf("near miss = %+v", rep)
		}
		if b := buttons(rep); len(b) != 1 || b[0] != "Fauske → /rsvp 1 ja 2 kommune=Fauske" {
			t.Fatalf("buttons = %q", b)
		}
		if after := e.snapshot(); after != before {
			t.Fatalf("a near miss wrote something:\n%s\n%s", before, after)
		}
		click := e.run(&bot.Request{User: bot.User{ID: "kari"}, Clicked: true}, rep.Buttons[0].Command)
		if click.Error != nil || !strings.Contains(click.Text, "*Fauske* svarer *ja*") {
			t.Fatalf("click = %q", click.Text)
		}
	})
	t.Run("NearMissInAList", func(t *testing.T) {
		rep := e.as("admin", `/region ny navn=Ofoten kommuner="Narvik, Evnes, Lødingen"`)
		if b := buttons(rep); len(b) != 1 || b[0] != `Evenes → /region ny navn=Ofoten kommuner="Narvik, Evenes, Lødingen"` {
			t.Fatalf("buttons = %q (%s)", b, rep.Text)
		}
		if n := e.count("regions"); n != 1 {
			t.Fatalf("regions = %d", n)
		}
		e.ok("admin", rep.Buttons[0].Command)
	})
	t.Run("NearMissInAForm", func(t *testing.T) {
		rep := e.run(&bot.Request{User: bot.User{ID: "kari"}, Form: map[string]string{"svar": "kanskje", "kommune": "Saltdla"}}, "/rsvp 1")
		if b := buttons(rep); len(b) != 1 || b[0] != "Saltdal → /rsvp 1 kommune=Saltdal svar=kanskje" {
			t.Fatalf("buttons = %q (%s)", b, rep.Text)
		}
	})
	t.Run("SharedNameAsksWhich", func(t *testing.T) {
		before := e.snapshot()
		rep := e.as("ola", "/kulturbot kommune Herøy")
		want := []string{`Herøy (Møre og Romsdal) → /kulturbot kommune "Herøy (Møre og Romsdal)"`, `Herøy (Nordland) → /kulturbot kommune "Herøy (Nordland)"`}
		if rep.Error == nil || !strings.Contains(rep.Text, "Det finnes flere kommuner som heter «Herøy»") || strings.Join(buttons(rep), "|") != strings.Join(want, "|") {
			t.Fatalf("Herøy = %q %q", rep.Text, buttons(rep))
		}
		if after := e.snapshot(); after != before {
			t.Fatalf("a shared name wrote something:\n%s\n%s", before, after)
		}
		for _, typed := range []string{`"Herøy (Nordland)"`, "Herøy Nordland", "heroy i nordland", "1818"} {
			if rep := e.ok("ola", "/kulturbot kommune "+typed); !strings.Contains(rep.Text, "*Herøy (Nordland)*") {
				t.Errorf("%s: %q", typed, rep.Text)
			}
		}
		if rep := e.as("ola", "/kulturbot kommune Våler"); len(rep.Buttons) != 2 || !strings.Contains(rep.Text, "Våler (Østfold) eller Våler (Innlandet)") {
			t.Errorf("Våler = %q", rep.Text)
		}
	})
	t.Run("UnknownSaysSo", func(t *testing.T) {
		rep := e.as("kari", "/rsvp 1 ja 2 kommune=Atlantis")
		if rep.Error == nil || !strings.Contains(rep.Text, "Fant ingen kommune som heter «Atlantis»") || len(rep.Buttons) != 0 {
			t.Fatalf("unknown = %+v", rep)
		}
	})
	t.Run("ListsWithOgInNames", func(t *testing.T) {
		rep := e.ok("kari", `/interesse fylke=Buskerud kommuner="Nore og Uvdal, Flesberg og Rollag"`)
		if !strings.Contains(rep.Text, "Nore og Uvdal, Flesberg, Rollag") {
			t.Errorf("og = %q", rep.Text)
		}
	})
}

func TestInterestCountyCheck(t *testing.T) {
	e := newEnv(t)
	before := e.snapshot()
	rep := e.as("kari", `/interesse fylke=Troms kommuner="Tromsø, Bodø, Balsfjord"`)
	if rep.Error == nil || rep.Error.Field != "kommuner" || !strings.Contains(rep.Text, "Bodø ligger i Nordland, ikke i Troms") || !strings.Contains(rep.Text, "fylke=Nordland") {
		t.Fatalf("wrong county = %+v", rep)
	}
	if after := e.snapshot(); after != before {
		t.Fatalf("refusal wrote:\n%s\n%s", before, after)
	}
	rep = e.ok("kari", `/interesse fylke=Nordland kommuner="Bodø, Herøy, Vefsn"`)
	if !strings.Contains(rep.Text, "Bodø, Herøy (Nordland), Vefsn") {
		t.Errorf("Herøy in Nordland = %q", rep.Text)
	}
	if rep := e.as("kari", "/interesse endre 1 fylke=Troms"); rep.Error == nil || !strings.Contains(rep.Text, "ligger i Nordland, ikke i Troms") {
		t.Errorf("change county = %q", rep.Text)
	}
	if rep := e.as("kari", `/interesse endre 1 kommuner="Bodø, Alta"`); rep.Error == nil || !strings.Contains(rep.Text, "Alta ligger i Finnmark, ikke i Nordland") {
		t.Errorf("change municipalities = %q", rep.Text)
	}
}

func TestRegionRules(t *testing.T) {
	e := newEnv(t)
	e.setup() // #1 Salten: Bodø, Fauske, Saltdal, Steigen
	e.ok("admin", `/region ny navn=Nord kommuner="Tromsø, Balsfjord, Karlsøy"`)
	e.ok("admin", `/samling ny navn="Nord 1" dato=2025-01-20 sted=Tromsø region=Nord`) // #2
	e.ok("admin", `/samling ny navn="Nasjonal samling" dato=2025-03-01 sted=Oslo`)     // #3

	t.Run("OutOfRegionRefused", func(t *testing.T) {
		before := e.snapshot()
		rep := e.as("ola", "/rsvp 1 ja 2 kommune=Tromsø")
		if rep.Error == nil || rep.Error.Code != bot.EForbidden || !strings.Contains(rep.Text, "Tromsø hører ikke til region Salten") || !strings.Contains(rep.Text, "/samling gjest 1 kommune=Tromsø") {
			t.Fatalf("out of region = %+v", rep)
		}
		if after := e.snapshot(); after != before {
			t.Fatalf("refusal wrote:\n%s\n%s", before, after)
		}
		e.ok("ola", "/rsvp 3 ja 2 kommune=Tromsø") // national: anyone
		e.ok("ola", "/rsvp 2 ja 2 kommune=Tromsø") // its own region
	})
	t.Run("Guest", func(t *testing.T) {
		if rep := e.as("ola", "/samling gjest 1 kommune=Tromsø"); rep.Error == nil || rep.Error.Code != bot.EForbidden {
			t.Fatalf("guest by non-admin = %+v", rep.Error)
		}
		rep := e.ok("admin", "/samling gjest 1 kommune=tromso")
		if !strings.Contains(rep.Text, "Tromsø kan nå svare på samling #1") {
			t.Errorf("guest = %q", rep.Text)
		}
		e.ok("ola", "/rsvp 1 kanskje 2 kommune=Tromsø")
		at := all(e.ok("admin", "/samling deltakere 1"))
		if !strings.Contains(at, "*Tromsø*: kanskje") || !strings.Contains(at, "Gjester (utenfor regionen): Tromsø") {
			t.Errorf("attendees = %s", at)
		}
		for line, want := range map[string]string{
			"/samling gjest 1 kommune=Tromsø":  "er gjest på samling #1",
			"/samling gjest 1 kommune=Bodø":    "er med i region Salten",
			"/samling gjest 3 kommune=Tromsø":  "er nasjonal",
			"/samling gjest 9 kommune=Tromsø":  "9",
			"/samling gjest 1 kommune=Tromsøø": "Mente du Tromsø?",
			"/samling gjest 1":                 "kommune= mangler",
		} {
			if rep := e.as("admin", line); rep.Error == nil || !strings.Contains(rep.Text, want) {
				t.Errorf("%s: %q, want %q", line, rep.Text, want)
			}
		}
	})
}

func TestRSVPListOrderByRegion(t *testing.T) {
	e := newEnv(t)
	e.setup() // #1 Salten, 6 February
	e.ok("admin", `/region ny navn=Nord kommuner="Tromsø, Balsfjord, Karlsøy"`)
	e.ok("admin", `/samling ny navn="Nord 1" dato=2025-01-20 sted=Tromsø region=Nord`) // #2
	e.ok("admin", `/samling ny navn="Nasjonal samling" dato=2025-03-01 sted=Oslo`)     // #3
	e.ok("kari", "/kulturbot kommune Bodø")
	e.ok("ola", "/kulturbot kommune Tromsø")
	order := func(rep bot.Reply) (ids []string, withButtons []bool) {
		for _, it := range rep.Items {
			ids = append(ids, strings.Fields(strings.TrimPrefix(it.Text, "*"))[0])
			withButtons = append(withButtons, len(it.Buttons) > 0)
		}
		return
	}
	kari := e.ok("kari", "/rsvp")
	if ids, b := order(kari); strings.Join(ids, " ") != "#1 #3 #2" || !b[0] || !b[1] || b[2] {
		t.Errorf("Bodø's list: %v %v\n%s", ids, b, all(kari))
	}
	if !strings.Contains(kari.Items[2].Text, "For kommunene i region Nord – Bodø kan ikke svare her") {
		t.Errorf("other region's line = %q", kari.Items[2].Text)
	}
	if ids, b := order(e.ok("ola", "/rsvp")); strings.Join(ids, " ") != "#2 #3 #1" || b[2] {
		t.Errorf("Tromsø's list: %v %v", ids, b)
	}
	e.ok("admin", "/samling gjest 1 kommune=Tromsø")
	if ids, b := order(e.ok("ola", "/rsvp")); strings.Join(ids, " ") != "#2 #1 #3" || !b[1] {
		t.Errorf("Tromsø as guest of #1: %v %v", ids, b)
	}
	// Answering for another municipality than one's own: the list that
	// comes back answers for that one, and its buttons say so.
	click := e.run(&bot.Request{User: bot.User{ID: "kari"}, Clicked: true}, "/rsvp 3 ja kommune=Fauske")
	if click.Error != nil || click.Items[0].Buttons[0].Command != "/rsvp 1 ja kommune=Fauske" {
		t.Errorf("buttons for Fauske = %+v", click.Items[0].Buttons)
	}
	// Without a municipality nothing is hidden or reordered.
	if ids, b := order(e.ok("per", "/rsvp")); strings.Join(ids, " ") != "#2 #1 #3" || !b[0] || !b[1] || !b[2] {
		t.Errorf("no municipality: %v %v", ids, b)
	}
}

func TestMergeCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	storetest.OldDatabase(t, path, storetest.SeedOld)
	e := newEnvAt(t, path)
	if rep := e.as("kari", "/kulturbot kommune-slå-sammen Fauskee Fauske"); rep.Error == nil || rep.Error.Code != bot.EForbidden {
		t.Fatalf("non-admin = %+v", rep)
	}
	rep := e.ok("admin", "/kulturbot kommune-sla-sammen Fauskee Fauske")
	if !strings.Contains(rep.Text, "«Fauskee» er slått sammen med Fauske (1841)") || !strings.Contains(rep.Text, "= 1/1/0/0/1/1") {
		t.Errorf("merge = %q", rep.Text)
	}
	for line, want := range map[string]string{
		"/kulturbot kommune-slå-sammen Bodø Fauske":      "«Bodø» er en kommune i registeret",
		"/kulturbot kommune-slå-sammen Fauskee Fauske":   "Fant ikke «Fauskee» blant navnene utenfor registeret",
		"/kulturbot kommune-slå-sammen Herøy Herøy":      "Det finnes flere kommuner som heter «Herøy»",
		"/kulturbot kommune-slå-sammen Atlantis Atlntis": "Fant ingen kommune som heter «Atlntis»",
		"/kulturbot kommune-slå-sammen Atlantis":         "Skriv navnet utenfor registeret først",
	} {
		if rep := e.as("admin", line); rep.Error == nil || !strings.Contains(rep.Text, want) {
			t.Errorf("%s: %q, want %q", line, rep.Text, want)
		}
	}
	rep = e.ok("admin", `/kulturbot kommune-slå-sammen Herøy "Herøy (Nordland)"`)
	if !strings.Contains(rep.Text, "sammen med Herøy (Nordland) (1818)") {
		t.Errorf("Herøy = %q", rep.Text)
	}
	at := all(e.ok("admin", "/samling deltakere 1"))
	if !strings.Contains(at, "*Fauske*: ja") || strings.Contains(at, "Fauskee") {
		t.Errorf("attendees after merge = %s", at)
	}
}
