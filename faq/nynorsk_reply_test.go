package faq

import (
	"context"
	"testing"
)

// TestNynorskReplies: a question asked in nynorsk is declined, and told
// there is no sure answer, in nynorsk; the same questions in bokmål and
// English keep their texts.
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
		a := ask("Lurer på om kommunen kan søkje direkte sjølv, eller må det gå via nokon andre?")
		if a.Lang != "nn" || a.Answered || a.OutOfScope || a.Partial || a.Text != "Eg har ikkje noko sikkert svar på det." {
			t.Fatalf("lang %q answered %v out of scope %v partial %v: %q", a.Lang, a.Answered, a.OutOfScope, a.Partial, a.Text)
		}
		nb := ask("Lurer på om kommunen kan søke direkte selv, eller må det gå via noen andre?")
		if nb.Lang != "nb" || nb.Answered || nb.Text != "Jeg har ikke noe sikkert svar på det." {
			t.Fatalf("bokmål: lang %q answered %v %q", nb.Lang, nb.Answered, nb.Text)
		}
	})

}
