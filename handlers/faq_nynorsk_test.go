package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestFAQNynorsk: a question asked in nynorsk gets the reply's own words in
// nynorsk too — "no sure answer, passed on", the related topics' line and
// titles, a detail not given, a decline, the source line — through the
// handler, with the question queued and logged as before (stored as
// bokmål, the language the working group's notice and lists read).
func TestFAQNynorsk(t *testing.T) {
	t.Run("UnsureQueued", func(t *testing.T) {
		e := newFAQEnv(t)
		question := "Kva skjer med plassen vår om kommunen blir slått saman med nabokommunen?"
		rep := e.ask("U2", question)
		const want = "Eg har ikkje noko sikkert svar på det enno, så eg har sendt spørsmålet vidare til arbeidsgruppa (sak #1). Du får melding her når dei har svart."
		if rep.Error != nil || rep.Text != want {
			t.Fatalf("reply %q, want %q (%+v)", rep.Text, want, rep.Error)
		}
		if rep.Context != "Kanskje eit av desse temaa hjelper:" {
			t.Fatalf("context %q", rep.Context)
		}
		if len(rep.Buttons) == 0 || len(rep.Buttons) > 3 {
			t.Fatalf("related buttons %+v", rep.Buttons)
		}
		for _, b := range rep.Buttons {
			id, ok := strings.CutPrefix(b.Command, "/faq #")
			if !ok {
				t.Fatalf("button %+v", b)
			}
			x, ok := e.eng.Entry(id)
			if !ok || len(x.QuestionsNN) == 0 || b.Label != bot.Cut(x.QuestionsNN[0], 70) {
				t.Errorf("button %+v: want the entry's first nynorsk phrasing (%v)", b, x.QuestionsNN)
			}
		}
		if rep.Buttons[0].Label != "Kor mange kommunar kan vere med?" {
			t.Errorf("first related %+v", rep.Buttons[0])
		}
		// Queued for the working group as any unsure question, the stored
		// language as before.
		qs, err := e.db.OpenQuestions(context.Background(), 10)
		if err != nil || len(qs) != 1 {
			t.Fatalf("open questions %+v %v", qs, err)
		}
		if q := qs[0]; q.ID != 1 || q.Question != question || q.Asker.Key != "slack:U2" || q.Channel != "C1" || q.Thread != "T1" || q.Lang != "nb" {
			t.Fatalf("question %+v", q)
		}
		if n := e.count(`SELECT COUNT(*) FROM answers WHERE answered = 0 AND lang = 'nb' AND asked_by = 'slack:U2'`); n != 1 {
			t.Fatalf("unsure answers logged: %d", n)
		}
		if got := e.counts.get(bot.FAQUnsure); got != 1 {
			t.Fatalf("unsure counted %d times", got)
		}
		// Asked again, the same case.
		again := e.ask("U4", question)
		if !strings.Contains(again.Text, "arbeidsgruppa (sak #1)") {
			t.Fatalf("again: %q", again.Text)
		}
	})
	t.Run("DetailNotGiven", func(t *testing.T) {
		e := newFAQEnv(t)
		rep := e.ask("U3", "/faq kva dato er det digitale møtet i november?")
		if rep.Error != nil || !strings.HasPrefix(rep.Text, "Programdokumentet seier ikkje den nøyaktige datoen.") ||
			!strings.HasSuffix(rep.Text, "\n\nEg har sendt spørsmålet vidare til arbeidsgruppa (sak #1). Du får melding her når dei har svart.") {
			t.Fatalf("reply %q", rep.Text)
		}
		if rep.Context != "Kanskje eit av desse temaa hjelper:" {
			t.Fatalf("context %q", rep.Context)
		}
		if n := e.count(`SELECT COUNT(*) FROM questions WHERE lang = 'nb'`); n != 1 {
			t.Fatalf("queued: %d", n)
		}
	})
	t.Run("Declined", func(t *testing.T) {
		e := newFAQEnv(t)
		rep := e.ask("U3", "Kva blir vêret i morgon i Voss?")
		const want = "Det kan eg dessverre ikkje svare på – eg svarar berre på spørsmål om Fremtidens kulturskole og dei regionale programma (til dømes «Når er fristen for å melde interesse?»). /kulturbot hjelp viser kva eg kan."
		if rep.Text != want || len(rep.Buttons) != 0 || rep.Context != "" {
			t.Fatalf("reply %+v", rep)
		}
		if n := e.count(`SELECT COUNT(*) FROM questions`); n != 0 {
			t.Fatalf("declined question queued: %d", n)
		}
		if n := e.count(`SELECT COUNT(*) FROM answers WHERE answered = 0 AND lang = 'nb'`); n != 1 {
			t.Fatalf("decline logged: %d", n)
		}
	})
	t.Run("AnsweredSource", func(t *testing.T) {
		e := newFAQEnv(t)
		rep := e.ask("U1", "/faq Kor lenge varer programmet?")
		if !strings.Contains(rep.Text, "tre semester") || !strings.HasPrefix(rep.Context, "Kjelde: Fremtidens kulturskole") || len(rep.Buttons) != 2 {
			t.Fatalf("reply %+v", rep)
		}
	})
	t.Run("BokmålUnchanged", func(t *testing.T) {
		e := newFAQEnv(t)
		rep := e.ask("U2", "Kan vi bytte region underveis i programmet?")
		if !strings.HasPrefix(rep.Text, "Jeg har ikke noe sikkert svar på det ennå, så jeg har sendt spørsmålet videre til arbeidsgruppen (sak #1).") ||
			rep.Context != "Kanskje et av disse temaene hjelper:" {
			t.Fatalf("reply %+v", rep)
		}
		if rep := e.ask("U1", "/faq Hvor lenge varer programmet?"); !strings.HasPrefix(rep.Context, "Kilde: ") {
			t.Fatalf("context %q", rep.Context)
		}
	})
}
