package faq

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"testing"
)

// liftFolds is how many folds the lift model's fit splits the training
// files into (by file: a file is one writer's or one round's questions,
// so a fold's questions are worded by people the classifier never read).
const liftFolds = 5

// liftExample is one unsure training question the lift model may answer:
// its features (classifier probabilities out of fold) and whether
// answering its first candidate would be right.
type liftExample struct {
	x     []float64
	right bool
	fold  int
	lang  string
}

// liftExamples judges every training question with the engine alone (no
// classifier) and, for those the lift model would be asked about —
// unsure, no veto, the first candidate best, not out of scope — gives
// its features with the classifier fit without the question's fold.
func liftExamples(t *testing.T) []liftExample {
	t.Helper()
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEngine(t)
	e.clf = nil
	_, byFold := trainingFolds(t, e, corpus)
	var out []liftExample
	ctx := context.Background()
	for fold := range liftFolds {
		c := foldClassifier(t, byFold, fold)
		var s clfScratch
		for _, ex := range byFold[fold] {
			j, err := e.judge(ctx, ex.q, ex.lang)
			if err != nil {
				t.Fatal(err)
			}
			if j.best != nil && !j.noTopic && !j.veto && j.p < e.threshold() && j.best == &j.cands[0] && !e.outOfScope(j) {
				z := c.probs(&s, j.scratch.terms)
				out = append(out, liftExample{x: liftFeatures(j, c, z), right: slices.Contains(ex.classes, j.best.x.ID), fold: fold, lang: ex.lang})
			}
			j.release()
		}
	}
	return out
}

// trainingFolds reads the training files' labelled questions as
// classifier examples, in liftFolds folds by file (a file is one
// writer's or one round's questions), and returns the files too.
func trainingFolds(t *testing.T, e *Engine, corpus []Entry) ([]string, [][]clfExample) {
	t.Helper()
	files, err := clfFiles("testdata")
	if err != nil {
		t.Fatal(err)
	}
	byFold := make([][]clfExample, liftFolds)
	for i, f := range files {
		xs, err := clfExamples(e, corpus, f)
		if err != nil {
			t.Fatal(err)
		}
		byFold[i%liftFolds] = append(byFold[i%liftFolds], xs...)
	}
	return files, byFold
}

// foldClassifier is the classifier fit on every fold but fold.
func foldClassifier(t *testing.T, byFold [][]clfExample, fold int) *classifier {
	t.Helper()
	var train []clfExample
	for k, xs := range byFold {
		if k != fold {
			train = append(train, xs...)
		}
	}
	c, err := decodeClassifier(string(fitClassifier(train).encode()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRefitLift refits faq/lift.json (FAQ_REFIT_LIFT=1): the lift
// model on the training sets' unsure questions, its threshold the lowest
// at which every band of a tenth above it is right at least as often as
// the gate's own threshold asks of an answer — on the model's
// probabilities out of fold (each fold scored by a model fit on the
// others).
func TestRefitLift(t *testing.T) {
	if os.Getenv("FAQ_REFIT_LIFT") == "" {
		t.Skip("set FAQ_REFIT_LIFT=1 to refit faq/lift.json")
	}
	exs := liftExamples(t)
	xy := func(keep func(liftExample) bool) ([][]float64, []float64) {
		var xs [][]float64
		var ys []float64
		for _, ex := range exs {
			if keep(ex) {
				xs = append(xs, ex.x)
				ys = append(ys, flag(ex.right))
			}
		}
		return xs, ys
	}
	const lambda = 1.0
	cv := make([]float64, len(exs))
	for fold := range liftFolds {
		fx, fy := xy(func(ex liftExample) bool { return ex.fold != fold })
		m, s, w, b := fitLogistic(fx, fy, lambda)
		g := &Gate{Mean: m, Scale: s, Weights: w, Bias: b}
		for i, ex := range exs {
			if ex.fold == fold {
				cv[i] = g.Prob(ex.x)
			}
		}
	}
	gate, err := loadGate(gateJSON)
	if err != nil {
		t.Fatal(err)
	}
	thr := liftThreshold(exs, cv, gate.Threshold)
	xs, ys := xy(func(liftExample) bool { return true })
	m, s, w, b := fitLogistic(xs, ys, lambda)
	g := Gate{Features: liftFeatureNames, Mean: m, Scale: s, Weights: w, Bias: b, Threshold: thr}
	right, bad := 0, 0
	for i, ex := range exs {
		if cv[i] >= thr {
			if ex.right {
				right++
			} else {
				bad++
			}
		}
	}
	fmt.Printf("lift: %d unsure training questions (%d right to answer), threshold %.2f: out of fold %d right, %d wrong or outside answered\n", len(exs), right0(ys), thr, right, bad)
	for k, n := range liftFeatureNames {
		fmt.Printf("  %-10s %+.3f\n", n, w[k])
	}
	// Out of fold by language and band: where the model is sure enough.
	for _, l := range []string{"nb", "nn", "en"} {
		for _, lo := range []float64{0.8, 0.65, 0.5, 0.35} {
			n, r := 0, 0
			for i, ex := range exs {
				if ex.lang == l && cv[i] >= lo && cv[i] < lo+0.15 {
					n++
					if ex.right {
						r++
					}
				}
			}
			fmt.Printf("  %s [%.2f, %.2f): %d of %d right\n", l, lo, lo+0.15, r, n)
		}
	}
	g.Fit = map[string]any{
		"command":     "FAQ_REFIT_LIFT=1 go test ./faq -run TestRefitLift -v",
		"questions":   len(exs),
		"lambda":      lambda,
		"out_of_fold": fmt.Sprintf("%d right, %d wrong or outside answered at the threshold", right, bad),
	}
	buf, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("lift.json", append(buf, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// liftThreshold walks down from 0.95 in bands of a tenth and stops above
// the first band whose questions are right less often than minRight.
func liftThreshold(exs []liftExample, probs []float64, minRight float64) float64 {
	thr := 2.0 // never
	for top := 1.0; top > 0.5; top -= 0.05 {
		lo := top - 0.1
		n, right := 0, 0
		for i, ex := range exs {
			if probs[i] >= lo && probs[i] < top+1e-9 {
				n++
				if ex.right {
					right++
				}
			}
		}
		if n > 0 && float64(right)/float64(n) < minRight {
			break
		}
		thr = math.Round(lo*100) / 100
	}
	return thr
}

// TestShippedLift: lift.json loads and matches the code's features.
func TestShippedLift(t *testing.T) {
	g, err := loadLift(liftJSON)
	if err != nil {
		t.Fatal(err)
	}
	if g.Threshold < 0.5 || g.Threshold > 1 {
		t.Errorf("threshold %v", g.Threshold)
	}
}

func right0(ys []float64) int {
	n := 0
	for _, y := range ys {
		if y == 1 {
			n++
		}
	}
	return n
}
