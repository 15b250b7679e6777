package faq

import (
	"strings"
	"testing"
)

func TestFacts(t *testing.T) {
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	var frist Entry
	for _, e := range es {
		if e.ID == "frist" {
			frist = e
		}
		for _, s := range append([]string{e.Answer.NB, e.Answer.EN}, e.Questions...) {
			if strings.Contains(s, "{{") {
				t.Errorf("entry %s: placeholder left after loading: %q", e.ID, s)
			}
		}
	}
	t.Run("DefaultIsTheSourceDocumentsDate", func(t *testing.T) {
		if !strings.Contains(frist.Answer.NB, "15. september") || !strings.Contains(frist.Answer.EN, "15 September") {
			t.Fatalf("%+v", frist.Answer)
		}
	})
	t.Run("ConfiguredDeadlineReplacesIt", func(t *testing.T) {
		got, err := WithFacts(es, Facts{"interessefrist": {NB: "1. oktober", EN: "1 October"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range got {
			for _, s := range []string{e.Answer.NB, e.Answer.EN} {
				if strings.Contains(s, "15. september") || strings.Contains(s, "15 September") {
					t.Errorf("entry %s still says the default deadline: %q", e.ID, s)
				}
			}
			if e.ID == "frist" && (!strings.Contains(e.Answer.NB, "innen 1. oktober.") || !strings.Contains(e.Answer.EN, "by 1 October.")) {
				t.Errorf("frist: %+v", e.Answer)
			}
		}
		// Rendering again starts from the corpus text, not the last result.
		again, err := WithFacts(got, Facts{"interessefrist": {NB: "2. mai", EN: "2 May"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range again {
			if e.ID == "frist" && !strings.Contains(e.Answer.NB, "innen 2. mai.") {
				t.Errorf("re-render: %q", e.Answer.NB)
			}
		}
	})
	t.Run("UnknownPlaceholderNamesTheEntry", func(t *testing.T) {
		_, err := parse("x.yaml", []byte("section: X\nentries:\n  - id: typo\n    questions: [\"Når?\"]\n    answer:\n      nb: Innen {{interesefrist}}.\n"))
		if err == nil || !strings.Contains(err.Error(), `"typo"`) || !strings.Contains(err.Error(), "{{interesefrist}}") || !strings.Contains(err.Error(), "{{interessefrist}}") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("LanguagePerText", func(t *testing.T) {
		got, err := WithFacts([]Entry{{ID: "x", Questions: []string{"q"}, Answer: Texts{NB: "Frist {{ interessefrist }}", EN: "By {{interessefrist}}", NN: "Innan {{interessefrist}}"}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Answer.NB != "Frist 15. september" || got[0].Answer.EN != "By 15 September" || got[0].Answer.NN != "Innan 15. september" {
			t.Fatalf("%+v", got[0].Answer)
		}
	})
}
