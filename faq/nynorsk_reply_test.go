package faq

import (
	"context"
	"strings"
	"testing"
	"unicode"
)

// TestNynorskReplies: a question asked in nynorsk is declined, and told
// there is no sure answer, in nynorsk, and its related topics are named by
// their nynorsk phrasing; the same questions in bokmål and English keep
// their texts and titles.
func TestNynorskReplies(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	ask := func(q string) Answer {
		t.Helper()
		a, err := e.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	t.Run("Declined", func(t *testing.T) {
		for _, c := range []struct{ q, lang, text string }{
			{"Kva blir vêret i morgon i Voss?", "nn", "Det kan eg dessverre ikkje svare på – eg svarar berre på spørsmål om Fremtidens kulturskole og dei regionale programma (til dømes «Når er fristen for å melde interesse?»). /kulturbot hjelp viser kva eg kan."},
			{"Hva blir været i morgen på Voss?", "nb", "Det kan jeg dessverre ikke svare på – jeg svarer bare på spørsmål om Fremtidens kulturskole og de regionale programmene (for eksempel «Når er fristen for å melde interesse?»). /kulturbot hjelp viser hva jeg kan."},
			{"What will the weather be like in Voss tomorrow?", "en", "Sorry, I can't help with that – I only answer questions about Fremtidens kulturskole and its regional programmes (for example “When is the deadline to register interest?”). /kulturbot hjelp shows what I can do."},
		} {
			a := ask(c.q)
			if a.Lang != c.lang || a.Answered || !a.OutOfScope || a.Text != c.text {
				t.Errorf("%q: lang %q answered %v out of scope %v\n%q\nwant %q", c.q, a.Lang, a.Answered, a.OutOfScope, a.Text, c.text)
			}
		}
	})

	t.Run("Unsure", func(t *testing.T) {
		// A question the engine is not sure of (the ones asked here
		// before are answered: applying "via nokon andre" since round
		// 39, "kan me slå oss i lag med kommunar over fylkesgrensa?"
		// since the word classifier, classifier.go, and "Kan vi byte ut
		// ein person i kommunegruppa undervegs?" since its refit on
		// blind207–212 — by the lift model, with the municipal group's
		// entry, which does not say; its bokmål twin, asked below until
		// the classifier learned from the entries holding the most facts,
		// is now "Kan vi bytte region underveis i programmet?").
		a := ask("Kva skjer med plassen vår om kommunen blir slått saman med nabokommunen?")
		if a.Lang != "nn" || a.Answered || a.OutOfScope || a.Partial || a.Text != "Eg har ikkje noko sikkert svar på det." {
			t.Fatalf("lang %q answered %v out of scope %v partial %v: %q", a.Lang, a.Answered, a.OutOfScope, a.Partial, a.Text)
		}
		if len(a.Related) == 0 {
			t.Fatal("no related topics")
		}
		for _, r := range a.Related {
			x, ok := e.Entry(r.ID)
			if !ok || len(x.QuestionsNN) == 0 {
				t.Fatalf("related %+v: entry %v, no nynorsk phrasing", r, ok)
			}
			if r.Question != asTitle(x.QuestionsNN[0]) {
				t.Errorf("related %s: %q, want its first nynorsk phrasing %q", r.ID, r.Question, asTitle(x.QuestionsNN[0]))
			}
		}
		if a.Related[0].ID != "antall-plasser" || a.Related[0].Question != "Kor mange kommunar kan vere med?" {
			t.Errorf("first related %+v", a.Related[0])
		}

		nb := ask("Kan vi bytte region underveis i programmet?")
		if nb.Lang != "nb" || nb.Answered || nb.Text != "Jeg har ikke noe sikkert svar på det." || len(nb.Related) == 0 {
			t.Fatalf("bokmål: lang %q answered %v %q related %+v", nb.Lang, nb.Answered, nb.Text, nb.Related)
		}
		for _, r := range nb.Related {
			if r.Question != e.entries[r.ID].titleNB {
				t.Errorf("bokmål related %s: %q, want %q", r.ID, r.Question, e.entries[r.ID].titleNB)
			}
		}
	})

	t.Run("TitleOfEveryEntry", func(t *testing.T) {
		for id, x := range e.entries {
			want := x.titleNB
			if len(x.QuestionsNN) > 0 && !strings.Contains(x.QuestionsNN[0], "{{") {
				want = asTitle(x.QuestionsNN[0])
			}
			if got := x.title("nn"); got != "" && (!unicode.IsUpper([]rune(got)[0]) && unicode.IsLetter([]rune(got)[0]) || !strings.HasSuffix(got, "?") && !strings.HasSuffix(got, ".") && !strings.HasSuffix(got, "!")) {
				t.Errorf("%s: nynorsk title %q is not capitalised and asked", id, got)
			}
			if got := x.title("nn"); got != want {
				t.Errorf("%s: nynorsk title %q, want %q", id, got, want)
			}
			if x.title("nb") != x.titleNB || x.title("en") != x.titleEN {
				t.Errorf("%s: bokmål or English title changed", id)
			}
		}
		// An entry without nynorsk phrasings (one the working group taught)
		// is named by its bokmål title.
		if err := e.Learn(ctx, Entry{ID: "svar-1", Section: "Svar fra arbeidsgruppen", Questions: []string{"Kan vi bytte region underveis i programmet?"},
			Answer: Texts{NB: "Ja.", EN: "Yes."}, Learned: true}); err != nil {
			t.Fatal(err)
		}
		if x := e.entries["svar-1"]; x.title("nn") != "Kan vi bytte region underveis i programmet?" {
			t.Errorf("learned entry's nynorsk title %q", x.title("nn"))
		}
	})
}
