package handlers_test

import (
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/handlers"
)

// The digest time the FAQ states comes from KULTURBOT_DIGEST_SCHEDULE.
func TestScheduleFact(t *testing.T) {
	for spec, want := range map[string]faq.Fact{
		"":                      {NB: "mandager kl. 08.00", NN: "måndagar kl. 08.00", EN: "on Mondays at 08:00"},
		"0 8 * * 1":             {NB: "mandager kl. 08.00", NN: "måndagar kl. 08.00", EN: "on Mondays at 08:00"},
		"30 7 * * 1,4":          {NB: "mandager og torsdager kl. 07.30", NN: "måndagar og torsdagar kl. 07.30", EN: "on Mondays and Thursdays at 07:30"},
		"0 9 * * mon-fri":       {NB: "hverdager kl. 09.00", NN: "kvardagar kl. 09.00", EN: "on weekdays at 09:00"},
		"0 8,14 * * *":          {NB: "hver dag kl. 08.00 og 14.00", NN: "kvar dag kl. 08.00 og 14.00", EN: "every day at 08:00 and 14:00"},
		"0 6 1 * *":             {NB: "den 1. i måneden kl. 06.00", NN: "den 1. i månaden kl. 06.00", EN: "on day 1 of the month at 06:00"},
		"@weekly":               {NB: "søndager kl. 00.00", NN: "søndagar kl. 00.00", EN: "on Sundays at 00:00"},
		"*/15 8 * * 1":          {NB: "etter tidsplanen «*/15 8 * * 1»", EN: "on the schedule “*/15 8 * * 1”"},
		"0 8 1 * 1":             {NB: "etter tidsplanen «0 8 1 * 1»", EN: "on the schedule “0 8 1 * 1”"},
		"0 8 * 6 1":             {NB: "etter tidsplanen «0 8 * 6 1»", EN: "on the schedule “0 8 * 6 1”"},
		"CRON_TZ=UTC 0 7 * * 2": {NB: "tirsdager kl. 07.00 (UTC)", NN: "tysdagar kl. 07.00 (UTC)", EN: "on Tuesdays at 07:00 (UTC)"},
	} {
		if got := handlers.ScheduleFact(spec); got != want {
			t.Errorf("%q: got %+v, want %+v", spec, got, want)
		}
	}
	// The default is what the corpus says when nothing is configured.
	if got := handlers.ScheduleFact(""); got != faq.DefaultFacts["oppsummeringstid"] {
		t.Errorf("faq.DefaultFacts says %+v, the default schedule %+v", faq.DefaultFacts["oppsummeringstid"], got)
	}
}

// The FAQ's answer about the working group's tools says the configured
// digest time in the asker's language, and the municipality count is the
// register's.
func TestDigestTimeInTheFAQ(t *testing.T) {
	es, err := faq.DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	cfg := handlers.Config{DigestSchedule: "0 9 * * 5", Municipalities: 356}
	got, err := faq.WithFacts(es, cfg.Facts())
	if err != nil {
		t.Fatal(err)
	}
	var tools, names *faq.Entry
	for i := range got {
		switch got[i].ID {
		case "arbeidsgruppens-verktoy":
			tools = &got[i]
		case "kommunenavn":
			names = &got[i]
		}
	}
	if tools == nil || names == nil {
		t.Fatal("entries arbeidsgruppens-verktoy or kommunenavn missing")
	}
	for _, c := range []struct{ text, want string }{
		{tools.Answer.NB, "(fredager kl. 09.00)"},
		{tools.Answer.NN, "(fredagar kl. 09.00)"},
		{tools.Answer.EN, "(on Fridays at 09:00)"},
		{names.Answer.NB, "alle de 356 kommunene"},
		{names.Answer.NN, "alle dei 356 kommunane"},
		{names.Answer.EN, "all 356 municipalities"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("want %q in %q", c.want, c.text)
		}
	}
	for _, s := range []string{tools.Answer.NB, tools.Answer.NN, tools.Answer.EN} {
		if strings.Contains(s, "mandag") || strings.Contains(s, "måndag") || strings.Contains(s, "Monday") {
			t.Errorf("still the default day: %q", s)
		}
	}
}

func TestParseNextRound(t *testing.T) {
	for in, want := range map[string]faq.Fact{
		"høsten 2027":  {NB: "høsten 2027", NN: "hausten 2027", EN: "autumn 2027"},
		"Høst 2027":    {NB: "høsten 2027", NN: "hausten 2027", EN: "autumn 2027"},
		"autumn 2027":  {NB: "høsten 2027", NN: "hausten 2027", EN: "autumn 2027"},
		" vår  2028 ":  {NB: "våren 2028", NN: "våren 2028", EN: "spring 2028"},
		"hausten 2026": {NB: "høsten 2026", NN: "hausten 2026", EN: "autumn 2026"},
		"2027-09":      {NB: "september 2027", EN: "September 2027"},
		"2028-1":       {NB: "januar 2028", EN: "January 2028"},
	} {
		got, err := handlers.ParseNextRound(in)
		if err != nil || got != want {
			t.Errorf("%q: %+v %v, want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "snart", "høsten", "2027", "høsten 27", "høsten 2027x", "2027-13", "2027-09-01", "neste år 2027"} {
		if f, err := handlers.ParseNextRound(in); err == nil {
			t.Errorf("%q: %+v, want an error", in, f)
		}
	}
}
