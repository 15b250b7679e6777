package handlers_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/handlers"
)

// TestSelfConsistency: the bot understands its own words. Every phrasing
// in the corpus answers with its own entry (or, for the questions about
// the bot itself, from the bot's own data); every related-topic button,
// typed back as text, answers with the entry it names; every example the
// bot gives in its help, usage, greeting and decline texts is answered.
// It asks through Handlers.Answer, the path /faq and free text take.
func TestSelfConsistency(t *testing.T) {
	e := newFAQEnv(t)
	ctx := context.Background()
	answer := func(q, lang string) faq.Answer {
		t.Helper()
		a, err := e.h.Answer(ctx, handlers.Query{Text: q, Lang: lang, Now: testNow})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return a
	}
	es, err := faq.DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("CorpusPhrasings", func(t *testing.T) {
		bad := 0
		for _, en := range es {
			for _, q := range en.Questions {
				a := answer(q, "")
				if a.Answered && (a.EntryID == en.ID || a.Path == handlers.PathData) {
					continue
				}
				bad++
				t.Errorf("%s: %q -> answered=%v entry=%q path=%q score=%.2f", en.ID, q, a.Answered, a.EntryID, a.Path, a.Score)
			}
		}
		if bad > 0 {
			t.Logf("%d phrasings do not answer with their own entry", bad)
		}
	})

	t.Run("RelatedButtonsTypedBack", func(t *testing.T) {
		// The buttons of an unsure reply show the entry's first phrasing in
		// the asker's language, cut to 70 characters; people retype them.
		seen := map[string]bool{}
		for _, en := range es {
			for _, lang := range []string{"nb", "en"} {
				a, _ := e.eng.Answer(ctx, "#"+en.ID, lang)
				if !a.Answered {
					t.Fatalf("#%s not answered", en.ID)
				}
			}
		}
		for _, q := range []string{"Kan vi bytte region underveis i programmet?", "hvordan kan vi bruke samlingene til å jobbe med utviklingsområdet",
			"What about the gatherings and the mentoring?", "fylket og kommunen og regionen"} {
			a := answer(q, "")
			for _, r := range a.Related {
				label := r.Question
				if utf8.RuneCountInString(label) > 70 || seen[label] {
					continue
				}
				seen[label] = true
				b := answer(label, a.Lang)
				if !b.Answered || (b.EntryID != r.ID && b.Path != handlers.PathData) {
					t.Errorf("button %q (%s) typed back -> answered=%v entry=%q", label, r.ID, b.Answered, b.EntryID)
				}
			}
		}
	})

	t.Run("HelpExamples", func(t *testing.T) {
		var texts []string
		for _, line := range []string{"/kulturbot hjelp", "/faq", "hei", "Hva kan du?", "What can you do?", "hva blir været i morgen?", "what's the weather tomorrow?"} {
			rep := e.ask("U1", line)
			texts = append(texts, all(rep))
		}
		for _, rt := range e.r.Routes() {
			texts = append(texts, rt.Example)
			for _, v := range rt.Verbs {
				texts = append(texts, v.Example)
			}
		}
		examples := helpExamples(strings.Join(texts, "\n"))
		if len(examples) < 4 {
			t.Fatalf("found only %d examples in the help texts: %q", len(examples), examples)
		}
		for _, q := range examples {
			a := answer(q, "")
			if !a.Answered {
				t.Errorf("help example %q is not answered (path %q, score %.2f)", q, a.Path, a.Score)
			}
		}
	})
}

// quotedRE finds questions the bot quotes as examples («...?», “...?”)
// and questions after /faq.
var (
	quotedRE = regexp.MustCompile(`[«“]([^»”]+\?)[»”]`)
	faqExRE  = regexp.MustCompile(`/faq ([^\n#<]+\?)`)
)

func helpExamples(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, re := range []*regexp.Regexp{quotedRE, faqExRE} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			q := strings.TrimSpace(m[1])
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
			}
		}
	}
	return out
}
