package docs

import (
	"context"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/faq"
)

var groupEntry = faq.Entry{ID: "kommunegruppe", Section: "Organiseringen",
	Questions: []string{"Hvem kan sitte i kommunegruppen?"},
	Answer:    faq.Texts{NB: "Kommunen setter selv sammen gruppen sin: representanter fra kulturskolen og samarbeidspartnere.", EN: "The municipality puts its own group together."},
	Source:    "Fremtidens kulturskole – Oppstart av regionale program 2024/25: Organiseringen"}

// TestAnswerWithFAQEntries: with an LLM and no document at all, the FAQ's
// nearest entries go to the model, and a citation of one answers with that
// entry and its source.
func TestAnswerWithFAQEntries(t *testing.T) {
	ctx := context.Background()
	f := newFakeOpenAI(t)
	log, _ := newLog()
	l := New(openDB(t), f.options(log)) // nothing ingested
	const q = "Kan vi bytte region underveis i programmet?"

	f.answer = "Ja – kommunen setter selv sammen gruppen sin [1], så den kan også endre den."
	a, err := l.AnswerWith(ctx, q, "nb", []faq.Entry{groupEntry})
	if err != nil {
		t.Fatal(err)
	}
	if f.chatCalls != 1 {
		t.Fatalf("the model was asked %d times; an unsure FAQ question must reach it without documents", f.chatCalls)
	}
	user := f.lastChat.Messages[1].Content
	for _, want := range []string{`<passage id="1" doc="Fremtidens kulturskole – Oppstart av regionale program 2024/25: Organiseringen" section="FAQ: Organiseringen">`,
		"Spørsmål: Hvem kan sitte i kommunegruppen?", "Svar: Kommunen setter selv sammen gruppen sin", "<question>\n" + q} {
		if !strings.Contains(user, want) {
			t.Errorf("prompt lacks %q:\n%s", want, user)
		}
	}
	if !a.Answered || a.Path != PathLLM || a.EntryID != "kommunegruppe" || a.Source != "[1] "+groupEntry.Source {
		t.Fatalf("%+v", a)
	}

	t.Run("NoAnswerLeavesItUnanswered", func(t *testing.T) {
		f.set("noanswer")
		a, err := l.AnswerWith(ctx, "Hvor mange parkeringsplasser har hotellet?", "nb", []faq.Entry{groupEntry})
		if err != nil || a.Answered || a.OutOfScope {
			t.Fatalf("%+v %v", a, err)
		}
		f.set("ok")
	})
	t.Run("EnglishEntryText", func(t *testing.T) {
		f.answer = "The municipality puts its own group together [1]."
		a, _ := l.AnswerWith(ctx, "Can we swap a person in our municipal group?", "en", []faq.Entry{groupEntry})
		if !strings.Contains(f.lastChat.Messages[1].Content, "Answer: The municipality puts its own group together.") || a.EntryID != "kommunegruppe" {
			t.Fatalf("%+v\n%s", a, f.lastChat.Messages[1].Content)
		}
	})
	t.Run("WithoutLLMNothingChanges", func(t *testing.T) {
		plain := New(openDB(t), Options{Log: log})
		a, err := plain.AnswerWith(ctx, q, "nb", []faq.Entry{groupEntry})
		b, err2 := plain.Answer(ctx, q, "nb")
		if err != nil || err2 != nil || a.Answered || b.Answered || a.Text != b.Text {
			t.Fatalf("%+v %+v %v %v", a, b, err, err2)
		}
	})
}

// TestChainGroundsOnFAQ drives the real FAQ engine and the library through
// faq.Chain: an unsure FAQ question goes to the model with the entries the
// FAQ ranked nearest; the model's citation maps back to one of them; its
// NO_ANSWER keeps the FAQ's unsure reply (and related topics) for the
// working group.
func TestChainGroundsOnFAQ(t *testing.T) {
	ctx := context.Background()
	es, err := faq.DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := faq.NewEngine(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	var q string
	var unsure faq.Answer
	for _, c := range []string{
		"Kan vi bytte region underveis i programmet?",
		"Hvor mange fra hver kommune kan bo på hotellet i Tromsø gratis?",
		"Må rektor på skolen være med i kommunegruppa, eller holder det med en lærer?",
		"Kan to små kommuner dele én plass i regionen?",
	} {
		a, err := eng.Answer(ctx, c, "")
		if err == nil && !a.Answered && !a.OutOfScope && len(a.Related) > 0 {
			q, unsure = c, a
			break
		}
	}
	if q == "" {
		t.Fatal("no unsure question with related topics among the candidates: pick new ones")
	}
	f := newFakeOpenAI(t)
	log, _ := newLog()
	lib := New(openDB(t), f.options(log))
	chain := &faq.Chain{FAQ: eng, Docs: lib, Log: log}
	f.answer = "Det står i FAQ-en [1]."
	a, err := chain.Answer(ctx, q, "")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := eng.Entry(unsure.Related[0].ID)
	user := f.lastChat.Messages[1].Content
	if f.chatCalls != 1 || !strings.Contains(user, want.Answer.NB) {
		t.Fatalf("calls %d; the nearest entry's answer is not in the prompt:\n%s", f.chatCalls, user)
	}
	if !a.Answered || a.Path != PathLLM || a.EntryID != want.ID || !strings.Contains(a.Source, want.Source) {
		t.Fatalf("%+v (want entry %s)", a, want.ID)
	}
	f.set("noanswer")
	lib.ans.clear()
	b, err := chain.Answer(ctx, q, "")
	if err != nil || b.Answered || b.OutOfScope || len(b.Related) == 0 {
		t.Fatalf("NO_ANSWER: %+v %v", b, err)
	}
}
