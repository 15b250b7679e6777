package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
)

// TestQueueStaysClean: repeated questions are one case with a count whose
// answer reaches every asker; commands typed without their slash are
// offered as commands, not filed.
func TestQueueStaysClean(t *testing.T) {
	e := newFAQEnv(t)
	question := "Kan vi bytte region underveis i programmet?"
	first := e.ask("U1", question)
	if !strings.Contains(first.Text, "(sak #1)") {
		t.Fatalf("%+v", first)
	}
	for _, q := range []string{question, "kan vi bytte region underveis i programmet", "Kan  vi bytte region underveis i programmet ??"} {
		for _, u := range []string{"U1", "U2"} {
			if rep := e.ask(u, q); !strings.Contains(rep.Text, "(sak #1)") {
				t.Fatalf("%s %q: %+v", u, q, rep)
			}
		}
	}
	if n := e.count(`SELECT COUNT(*) FROM questions`); n != 1 {
		t.Fatalf("%d cases for one question", n)
	}
	t.Run("ListShowsTheCount", func(t *testing.T) {
		rep := e.ask("admin", "/kulturbot spørsmål")
		if len(rep.Items) != 1 || !strings.Contains(rep.Items[0].Text, "spurt 7 ganger") {
			t.Fatalf("%+v", rep.Items)
		}
	})
	t.Run("DigestShowsTheCount", func(t *testing.T) {
		d, err := e.db.DigestData(context.Background(), testNow.Add(-7*24*time.Hour), testNow.Add(time.Hour))
		if err != nil || len(d.OpenQuestions) != 1 || d.OpenQuestions[0].Asks != 7 {
			t.Fatalf("%+v %v", d, err)
		}
		rep := handlers.BuildDigest(d, time.Time{}, bot.NB)
		if !strings.Contains(strings.Join(itemTexts(rep.Items), "\n"), "· spurt 7 ganger") {
			t.Fatalf("%+v", rep.Items)
		}
	})
	t.Run("CommandsWithoutSlash", func(t *testing.T) {
		for line, want := range map[string]string{
			"rsvp 1 ja 2":                  "/rsvp 1 ja 2",
			"interesse liste":              "/interesse liste",
			"kulturbot hjelp":              "/kulturbot hjelp",
			"Samling deltakere 3":          "/samling deltakere 3",
			"veiledning logg kommune=Bodø": "/veiledning logg kommune=Bodø",
			// A value may hold a question word; the line is a command.
			`rsvp 1 nei kommentar="syk, hva nå"`: `/rsvp 1 nei kommentar="syk, hva nå"`,
		} {
			rep := e.ask("U3", line)
			if bot.PlainText(rep.Text) != "Mente du "+want+"? Kommandoer starter med skråstrek – trykk på knappen for å kjøre den." ||
				len(rep.Buttons) != 1 || rep.Buttons[0].Command != want {
				t.Errorf("%q: %+v", line, rep)
			}
		}
		// The console has numbered choices, not buttons to press.
		creq := &bot.Request{Platform: bot.Console, User: bot.User{ID: "console", Name: "Kari"}, Channel: "console", Time: testNow, Text: "rsvp 1 ja 2"}
		if rep := e.r.Handle(context.Background(), creq); bot.PlainText(rep.Text) != "Mente du /rsvp 1 ja 2? Kommandoer starter med skråstrek – skriv 1 for å kjøre den." ||
			len(rep.Buttons) != 1 || rep.Buttons[0].Command != "/rsvp 1 ja 2" {
			t.Errorf("console: %+v", rep)
		}
		// The button runs the command.
		if rep := e.ask("U3", "/kulturbot hjelp"); !strings.Contains(rep.Text+rep.Title+strings.Join(itemTexts(rep.Items), ""), "/rsvp") {
			t.Errorf("button command: %+v", rep)
		}
		if n := e.count(`SELECT COUNT(*) FROM questions`); n != 1 {
			t.Fatalf("a command without its slash was filed: %d cases", n)
		}
		// Typed the English way (an English answer word or key), the
		// hint is English.
		for line, want := range map[string]string{
			"rsvp 1 yes 3":                  "/rsvp 1 yes 3",
			"rsvp 1 ja count=3":             "/rsvp 1 ja count=3",
			"rsvp 1 ja 2 municipality=Bodø": "/rsvp 1 ja 2 municipality=Bodø",
		} {
			rep := e.ask("U3", line)
			if !strings.HasPrefix(bot.PlainText(rep.Text), "Did you mean "+want+"? Commands start with a slash") || len(rep.Buttons) != 1 || rep.Buttons[0].Command != want {
				t.Errorf("%q: %+v", line, rep)
			}
		}
		// Questions that start with a command's name stay questions.
		for _, q := range []string{"rsvp", "region nord er stor, hva gjør vi?", "samling i Bodø neste uke"} {
			if rep := e.ask("U3", q); strings.HasPrefix(rep.Text, "Mente du") {
				t.Errorf("%q taken for a command: %q", q, rep.Text)
			}
		}
	})
	t.Run("AnswerReachesEveryAsker", func(t *testing.T) {
		rep := e.ask("admin", "/kulturbot svar 1 Ja, si fra til arbeidsgruppen.")
		if rep.Error != nil || !strings.Contains(rep.Text, "Alle 2 som spurte") {
			t.Fatalf("%+v", rep)
		}
		e.r.Wait()
		var to []string
		for _, p := range e.slack.posts {
			if strings.Contains(p.Reply.Text, "Ja, si fra til arbeidsgruppen.") {
				to = append(to, "<@"+p.Reply.Mention+">")
			}
		}
		if len(to) != 2 || !strings.Contains(strings.Join(to, ","), "<@U1>") || !strings.Contains(strings.Join(to, ","), "<@U2>") {
			t.Fatalf("notices to %v (%+v)", to, e.slack.posts)
		}
	})
}

func itemTexts(items []bot.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Text)
	}
	return out
}
