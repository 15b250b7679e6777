package faq

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentAnswersMatchSequential: the judgement's pooled memory
// (judgeScratch) and the other per-question pools are never shared by two
// questions at once and keep nothing from one question to the next — many
// goroutines answering the evaluation set (answered, unsure and declined
// questions, two questions in one) get exactly the answers one goroutine
// gets, in any order. Run it with -race.
func TestConcurrentAnswersMatchSequential(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	var qs []string
	for _, c := range loadEval(t, "testdata/eval.tsv") {
		qs = append(qs, c.question)
	}
	qs = append(qs, "når er fristen, og hva koster det?", "hva er UKM og hvordan melder vi på?", "", "#ukjent-id")
	want := make([]Answer, len(qs))
	for i, q := range qs {
		a, err := e.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a
	}
	const workers = 6
	var wg sync.WaitGroup
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for n := range qs {
				i := (n*7 + g*13) % len(qs) // each worker in its own order
				got, err := e.Answer(ctx, qs[i], "")
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("worker %d, %q: got %+v, want %+v", g, qs[i], got, want[i])
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

// mayCount's ASCII fold says what lowering a copy said, on the training
// questions and on text with letters that lower oddly.
func TestMayCountFold(t *testing.T) {
	old := func(q string) bool {
		l := strings.ToLower(q)
		return strings.Contains(l, "mange") || strings.Contains(l, "many") || strings.Contains(l, "number") || strings.Contains(l, "antall")
	}
	qs := []string{"Hvor MANGE dager?", "HOW MANY", "Number of", "ANTALL", "maNy", "mang", "Ærlig talt: hvor mange?", "İ K many", "manye", "nummer", "antal", "", "m"}
	for _, c := range loadEval(t, "testdata/eval.tsv") {
		qs = append(qs, c.question)
	}
	for _, q := range qs {
		if got, want := mayCount(q), old(q); got != want {
			t.Errorf("mayCount(%q) = %v, want %v", q, got, want)
		}
	}
}
