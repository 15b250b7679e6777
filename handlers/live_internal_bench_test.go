package handlers

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// BenchmarkLiveMiss is what the live step costs a question it hands to the
// FAQ (no database touched).
func BenchmarkLiveMiss(b *testing.B) {
	h := &Handlers{Deps: &Deps{}}
	for i := 0; i < b.N; i++ {
		if _, ok, _ := h.live(context.Background(), Query{Text: "Når er fristen for å melde interesse?"}); ok {
			b.Fatal("taken")
		}
	}
}

// TestWhenIn: the stretch of time a question names, on liveNorm text.
func TestWhenIn(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, bot.Oslo)
	for q, want := range map[string]string{
		"nar er samlingen i var":         "våren 2027", // "i vår" in December: the coming spring
		"samlingen til varen":            "våren 2027",
		"neste samling i haust":          "hausten 2026",
		"samlingene hosten 2027":         "hausten 2027",
		"gatherings this fall":           "hausten 2026",
		"samlinger neste maned":          "i januar 2027",
		"samlinger i 2027":               "i 2027",
		"samlinger neste ar":             "i 2027",
		"samlingene i var og host":       "våren 2027",
		"samlingen i var region":         "",
		"i sa fall samlingen":            "",
		"hvor var samlingen":             "",
		"samlingen for vart fylke":       "",
		"er det samling i varsemesteret": "våren 2027",
		"gatherings next week":           "neste veke",
		"samlinger vinteren 2027":        "vinteren 2027",
		"nar er varsamlingen":            "våren 2027",
		"haustsamlinga 2027":             "hausten 2027",
		"samlingsdatoene":                "",
	} {
		w := whenIn(" "+q+" ", now)
		got := ""
		if w != nil {
			got = w.in("nn")
		}
		if got != want {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}

// TestHowNeed: an intent's need strings are only a speed-up — on every
// training question (and a few wordings of each), whenever its pattern
// matches, the question holds one of them.
func TestHowNeed(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "faq", "testdata", "*.tsv"))
	qs := []string{"hvordan sletter jeg en kommunes rsvp", "Bodø svarte for feil kommune", "vi svarte galt kommune",
		"samlinga må avlysast, korleis", "the gathering has to be moved, how", "kor finn eg id-en til samlinga",
		"hvor finner jeg samlingsnummeret til samlingen", "what's the gathering id of the meeting", "samlingen sitt nummer",
		"hvordan forteller jeg boten hvilken kommune", "how do I tell you which municipality",
		// Round 6: the need-filtered wordings of TestLiveHowTo.
		"kan rettleiarar endre kvarandre sine oppføringar?", "can mentors see everyone's sessions?", "kan veiledere slette noen andres logger",
		"how do I let a municipality from another county attend our gathering?", "legg til Bodø som gjest", "hvordan slipper jeg inn en kommune utenfor regionen på samlingen",
		"how do I add a reply deadline to a gathering?", "kan vi sette en egen svarfrist for samlingen", "hva skjer hvis kommandoen mangler et felt?",
		"hva skjer om jeg glemmer kommune= i rsvp", "hvordan oppgir jeg hvor mange vi blir?", "oppga feil antall på samlinga, hva nå",
		"we need two beds, where do I say that", "vi trenger overnatting til 2, hvor sier jeg ifra", "kan jeg sende deg en dm", "kan jeg tagge deg",
		"må jeg skrive faq hver gang", "hvordan nevner jeg boten", "jeg skrev Herøy og boten spør tilbake", "når kommer ukentlig e-post",
		"hvordan registrerer styret i fylket interesse for kommunene?", "korleis melder eg kommunen min på samlinga i mai?", "how do I register our municipality for the next gathering"}
	qs = append(qs, tsvQuestions(t, paths)...)
	for _, q := range qs {
		n := fixGatheringTypos(liveNorm(q))
		for _, list := range [][]howIntent{freeIntents, howIntents} {
			for i := range list {
				h := &list[i]
				if (len(h.need) > 0 || h.pre != nil) && h.re.MatchString(n) && !h.mayMatch(n, ^feat(0), ^feat(0)) {
					t.Errorf("%s matches %q, which holds none of %q", h.key, q, h.need)
				}
			}
		}
	}
}

// BenchmarkLiveNoTopic is what the live step costs a programme question
// with no word of its lexicon (live_lex.go): the common /faq question.
//
//	go test ./handlers -run '^$' -bench BenchmarkLiveNoTopic -benchmem
func BenchmarkLiveNoTopic(b *testing.B) {
	h := &Handlers{Deps: &Deps{}}
	qs := []string{"Hva er målet med programmet?", "Hvem står bak Fremtidens kulturskole?", "Hva betyr utviklingsområde?",
		"What is the purpose of the programme?", "Kva er eit utviklingsområde?"}
	for i := 0; i < b.N; i++ {
		if _, ok, _ := h.live(context.Background(), Query{Text: qs[i%len(qs)]}); ok {
			b.Fatal("taken")
		}
	}
}
