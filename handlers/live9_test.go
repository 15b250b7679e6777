package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/handlers"
)

// TestLiveNearDomain: per class of near-domain question the live step
// used to take (round 9), questions it must leave to the FAQ and, of the
// same words, the bot's own questions it must keep. Against the seeded
// database, where a wrong take would answer from real rows.
func TestLiveNearDomain(t *testing.T) {
	e := newFAQEnv(t)
	e.seed(saltenSeed...)
	classes := []struct {
		name  string
		leave []string
		keep  map[string]string // question → entry id
	}{
		{"other tools' exports",
			[]string{"how do I export my outlook calendar to excel", "kan jeg eksportere kontaktlista i teams til excel?"},
			map[string]string{"how do we get the rsvp data into excel": "data:eksport", "kan jeg få eksportert påmeldingene til excel": "data:eksport"}},
		{"other bodies' meetings",
			[]string{"when is the next county council meeting in Nordland?", "when is the next staff meeting?", "when is the next board meeting of the council?"},
			map[string]string{"when is the next gathering?": "neste-samling", "where's the next meeting?": "neste-samling"}},
		{"other groups' gatherings",
			[]string{"hvor er neste samling for dirigentene?", "kor er neste samling for korpsa i fylket?", "når er neste treff i nettverket for kulturskolerektorer?", "where is the choir's next gathering?"},
			map[string]string{"når er neste samling i Bodø?": "neste-samling", "kvar er neste samling": "neste-samling"}},
		{"answers and sign-ups to other things",
			[]string{"har Bodø kommune svart på høringen?", "har Bodø meldt seg på UKM i år?", "har Fauske svart på invitasjonen til julekonserten?", "has Bodø replied to the budget email?", "har Bodø meldt seg inn i KS?", "er Alta påmeldt landsmøtet?"},
			map[string]string{"har Fauske svart?": "data:har-svart", "har Fauske svart på invitasjonen?": "data:har-svart", "har Bodø svart på samling 1 ennå?": "data:har-svart", "has Saltdal replied yet?": "data:har-svart"}},
		{"another body gathers (samles), a collection (samlingen på museet)",
			[]string{"når samles kommunestyret neste gang?", "hvor samles korpset før konserten?", "når er neste treff i bokklubben?", "når åpner samlingen på museet?"},
			map[string]string{"når samles vi?": "neste-samling", "når samles vi neste gang?": "neste-samling"}},
		{"registrations for other things",
			[]string{"hvordan melder jeg interesse for en stilling i kulturskolen?", "hvordan sletter jeg påmeldingen til svømmekurset?", "how do I sign up for the conference?"},
			map[string]string{"hvordan melder jeg interesse?": "interesse-i-boten", "hvordan sletter jeg påmeldingen til samling 1?": "data:rsvp-slett"}},
		{"how-tos done in another tool",
			[]string{"hvordan logger jeg veiledningstimer i visma?", "how do I rsvp to a calendar invite in outlook?"},
			map[string]string{"hvordan logger jeg veiledning?": "logge-veiledning", "how do I rsvp": "neste-samling", "hvordan får jeg samlingene inn i outlook": "kalender"}},
	}
	ctx := context.Background()
	for _, c := range classes {
		t.Run(c.name, func(t *testing.T) {
			for _, q := range c.leave {
				a, err := e.h.Answer(ctx, handlers.Query{Text: q, Now: testNow})
				if err != nil {
					t.Fatal(err)
				}
				if a.Path == handlers.PathData || a.Path == handlers.PathSmallTalk || a.Path == handlers.PathCommand {
					t.Errorf("%q taken by the live step: %s %s", q, a.Path, a.EntryID)
				}
			}
			for q, id := range c.keep {
				a, err := e.h.Answer(ctx, handlers.Query{Text: q, Now: testNow})
				if err != nil {
					t.Fatal(err)
				}
				if !a.Answered || a.EntryID != id {
					t.Errorf("%q: %s %s answered=%v, want %s", q, a.Path, a.EntryID, a.Answered, id)
				}
			}
		})
	}
}

// TestLiveTwoPartOutside: a two-part question whose other part is outside
// the programme answers the bot's part and says the other was not
// answered, in the question's language (it used to be declined whole, or
// answered by its first part alone as if that were all).
func TestLiveTwoPartOutside(t *testing.T) {
	e := newFAQEnv(t)
	e.seed(saltenSeed...)
	for q, want := range map[string]string{
		"når er neste samling, og hva blir været i Bodø?":                 "Én del av spørsmålet ligger utenfor",
		"når er neste samling og kan du skrive referatet fra styremøtet?": "Én del av spørsmålet ligger utenfor",
		"kva tid er neste samling, og kan du laga ein budsjettmal?":       "Éin del av spørsmålet ligg utanfor",
	} {
		a, err := e.h.Answer(context.Background(), handlers.Query{Text: q, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if a.Path != handlers.PathData || !strings.Contains(a.Text, "6. februar 2025") || !strings.Contains(a.Text, want) {
			t.Errorf("%q: %s %q, want the next gathering and %q", q, a.Path, a.Text, want)
		}
	}
	// Both parts the bot's or the programme's: no such line.
	a, err := e.h.Answer(context.Background(), handlers.Query{Text: "har Fauske svart, og når er fristen for å melde interesse?", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "utenfor det jeg kan svare på") {
		t.Errorf("both parts answerable, yet: %q", a.Text)
	}
}
