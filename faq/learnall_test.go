package faq

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// TestSnapshotPlusLearnedMatchesBuilt: the program starts from the
// snapshot and learns the entries configured facts change plus the
// working group's answers (cmd/kulturbot setupFAQ), where it used to build
// the whole index from them. Over every training question the two engines
// answer alike: the same entry, answered or not, the same score.
func TestSnapshotPlusLearnedMatchesBuilt(t *testing.T) {
	if testing.Short() {
		t.Skip("asks every training question twice (-short)")
	}
	ctx := context.Background()
	defaults, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	facts := Facts{
		"interessefrist": {NB: "1. oktober", EN: "1 October"},
		"neste-runde":    {NB: "våren 2027", NN: "våren 2027", EN: "spring 2027"},
	}
	configured, err := WithFacts(defaults, facts)
	if err != nil {
		t.Fatal(err)
	}
	taught := []Entry{
		{ID: "svar-1", Section: "Fra arbeidsgruppen", Questions: []string{"Får vi parkering ved samlingen i Bodø?"},
			Answer: Texts{NB: "Ja, det er gratis parkering ved hotellet.", EN: "Yes, parking at the hotel is free."}, Source: "Arbeidsgruppen", Learned: true},
		{ID: "svar-2", Section: "Fra arbeidsgruppen", Questions: []string{"Kan vi ta med en politiker på samlingen?"},
			Answer: Texts{NB: "Ja, gjerne en fra oppvekstutvalget.", EN: "Yes, preferably someone from the committee."}, Source: "Arbeidsgruppen", Learned: true},
	}
	var changed []Entry
	for i := range configured {
		if !reflect.DeepEqual(configured[i], defaults[i]) {
			changed = append(changed, configured[i])
		}
	}
	// The program compares with DefaultCorpus's entries as they come
	// (parsing fills the default facts): only the few entries quoting a
	// configured fact may differ, or every start would learn them all.
	if len(changed) == 0 || len(changed) > 5 {
		t.Fatalf("%d entries differ from the default corpus with two facts configured, want 1–5", len(changed))
	}
	g, err := loadGate(gateJSON)
	if err != nil {
		t.Fatal(err)
	}
	built, err := buildEngine(ctx, append(append([]Entry{}, configured...), taught...), g)
	if err != nil {
		t.Fatal(err)
	}
	learned, err := NewEngine(ctx, defaults)
	if err != nil {
		t.Fatal(err)
	}
	if learned.IndexSource() != "snapshot" {
		t.Fatalf("not from the snapshot: %s", learned.IndexSource())
	}
	if err := learned.LearnAll(ctx, append(changed, taught...)); err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.tsv"))
	qs := []string{"Når er fristen for å melde interesse?", "når kommer neste runde", "Får vi parkering ved samlingen i Bodø?", "kan politikere bli med på samling"}
	for _, p := range paths {
		for _, c := range loadEval(t, p) {
			qs = append(qs, c.question)
		}
	}
	differ := 0
	for _, q := range qs {
		a, err := built.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		b, err := learned.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Answered != b.Answered || a.EntryID != b.EntryID || a.Score != b.Score || a.Text != b.Text {
			differ++
			if differ <= 10 {
				t.Errorf("%q: built %v %s %.2f, snapshot+learned %v %s %.2f", q, a.Answered, a.EntryID, a.Score, b.Answered, b.EntryID, b.Score)
			}
		}
	}
	t.Logf("%d questions, %d answered differently", len(qs), differ)
	if differ > 0 {
		t.Errorf("%d of %d questions answered differently", differ, len(qs))
	}
}
