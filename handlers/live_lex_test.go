package handlers

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// lexQuestions are every training question (faq/testdata/*.tsv), the
// command questions of testdata/commands7.tsv and the wordings of
// TestHowNeed.
func lexQuestions(t testing.TB) []string {
	paths, _ := filepath.Glob(filepath.Join("..", "faq", "testdata", "*.tsv"))
	paths = append(paths, filepath.Join("testdata", "commands7.tsv"))
	return append(tsvQuestions(t, paths), lexExtra...)
}

// tsvQuestions reads the question column of labelled sets; fewer than
// 1,000 questions means the sets were not found.
func tsvQuestions(t testing.TB, paths []string) []string {
	var qs []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if parts := strings.Split(line, "\t"); len(parts) >= 2 && !strings.HasPrefix(line, "#") {
				qs = append(qs, parts[1])
			}
		}
	}
	if len(qs) < 1000 {
		t.Fatalf("only %d questions", len(qs))
	}
	return qs
}

// lexExtra: wordings of the live tests (TestLiveHowTo, TestHowNeed) that
// reach the patterns through rarer words.
var lexExtra = []string{
	"hvordan sletter jeg en kommunes rsvp", "Bodø svarte for feil kommune", "vi svarte galt kommune",
	"samlinga må avlysast, korleis", "the gathering has to be moved, how", "kor finn eg id-en til samlinga",
	"hvordan forteller jeg boten hvilken kommune", "how do I tell you which municipality",
	"kan rettleiarar endre kvarandre sine oppføringar?", "can mentors see everyone's sessions?",
	"how do I let a municipality from another county attend our gathering?", "legg til Bodø som gjest",
	"hva skjer om jeg glemmer kommune= i rsvp", "hvordan oppgir jeg hvor mange vi blir?", "oppga feil antall på samlinga, hva nå",
	"we need two beds, where do I say that", "vi trenger overnatting til 2, hvor sier jeg ifra", "kan jeg sende deg en dm", "kan jeg tagge deg",
	"må jeg skrive faq hver gang", "hvordan nevner jeg boten", "jeg skrev Herøy og boten spør tilbake", "når kommer ukentlig e-post",
	"vi svarte ja men må endre til nei, hvordan?", "hvordan sier jeg at vi er 4 stk og trenger overnatting", "ser jeg at påmeldingen faktisk ble lagret?",
	"which time zone does the bot use?", "virker kommandoene i Discord også?", "må jeg kunne alle parameterne utenat?",
	"gjenkjenner boten samiske kommunenavn?", "finnes det en side der jeg ser alt?", "korleis spør eg deg om noko?",
	"Korleis veit eg kvar svaret kjem frå?", "Temaet mitt har mellomrom – hvordan skriver jeg det i kommandoen?",
	"what happens if I type the command wrong", "hvordan sletter jeg dataene mine?", "how can I see what information you keep about me?",
	"kan boten svare på engelsk", "how do we withdraw, we changed our minds", "korleis seier eg frå at vi ikkje kjem?",
	"hva skjer hvis kommandoen mangler et felt?", "who answers when the FAQ has no answer?", "hvem skal bruke /veiledning?",
	"vis alle regionene", "kan du gi meg en kalender", "hvordan får jeg ut en csv", "når samles vi?", "hvor skal vi møtes neste gang?",
	"har Fauske svart?", "har alle kommunene svart?", "hvilke kommuner mangler svar?", "har Nordland meldt interesse?",
	"er det noen som har meldt interesse enda?", "hvor mange kommuner kjenner boten til?", "which commands do you support",
	"hva er kommandoene", "har vi svart?", "when is the weekly digest sent", "what timezone are the dates in",
	"hvilket datoformat vil boten ha?", "what format does the date need to be in?", "I typed 03.04.2025 and it complained. why?",
	"what format are the gatherings in, lectures or workshops?",
	"I typed Tromso without the ø in /rsvp, will that still work?", "boten svarte «mente du Våler (Innlandet)?» – hva betyr det?",
	"what does 'did you mean' mean in english?",
}

// TestLiveTopics: the lexicon's speed-ups change no answer. On every
// question of lexQuestions, each how-to pattern that matches is in a
// question with one of its topics, and live() answers exactly as it does
// with the speed-ups off (every pattern on every question).
func TestLiveTopics(t *testing.T) {
	qs := lexQuestions(t)
	for _, q := range qs {
		n := fixGatheringTypos(liveNorm(q))
		f := liveFeats(n)
		for li, list := range [][]howIntent{freeIntents, howIntents} {
			topics := [][]feat{freeTopics, howTopics}[li]
			for i := range list {
				if f&topics[i] == 0 && list[i].re.MatchString(n) {
					t.Errorf("%s matches %q, which has none of its topics", list[i].key, q)
				}
			}
		}
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2025, 1, 10, 10, 0, 0, 0, bot.Oslo)
	db.Now = func() time.Time { return now }
	h := &Handlers{Deps: &Deps{DB: db}}
	defer func() { liveGateOff = false }()
	taken := 0
	for _, q := range qs {
		liveGateOff = false
		a1, ok1, err1 := h.live(ctx, Query{Text: q, Now: now})
		liveGateOff = true
		a2, ok2, err2 := h.live(ctx, Query{Text: q, Now: now})
		if ok1 != ok2 || !reflect.DeepEqual(a1, a2) || (err1 == nil) != (err2 == nil) {
			t.Errorf("%q: with the lexicon %v %+v, without %v %+v", q, ok1, a1, ok2, a2)
		}
		if ok2 {
			taken++
		}
	}
	t.Logf("%d questions, %d taken by the live step", len(qs), taken)
}
