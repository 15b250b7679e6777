package faq

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestGateHoldout measures how the gate generalises (FAQ_HOLDOUT=set,set):
// the gate is fit — penalty and threshold chosen by cross-validation, as
// TestRefitGate does — on every training set except the named ones, and
// its figures on the held-out sets are printed per set and language, next
// to the figures of the same gate on the sets it was fit on. The corpus
// and the word lists were tuned on every set, so this isolates the gate's
// own fitting, not the whole engine's.
//
//	FAQ_HOLDOUT=blind16,blind17 go test ./faq -run TestGateHoldout -v
func TestGateHoldout(t *testing.T) {
	spec := os.Getenv("FAQ_HOLDOUT")
	if spec == "" {
		t.Skip("set FAQ_HOLDOUT to the sets to hold out, comma-separated")
	}
	if spec == "each" {
		gateLeaveOneSetOut(t)
		return
	}
	held := map[string]bool{}
	for _, s := range strings.Split(spec, ",") {
		held[strings.TrimSpace(s)] = true
	}
	var fitSets []string
	for _, s := range evalSets {
		if !held[s] {
			fitSets = append(fitSets, s)
		}
	}
	all := collectExamples(t, evalSets)
	var fit, test []example
	for _, ex := range all {
		if held[ex.set] {
			test = append(test, ex)
		} else {
			fit = append(fit, ex)
		}
	}
	g, cv := fitGate(t, fit)
	fmt.Printf("fit on %d sets (%d questions): threshold %.4f; cross-validated %s\n", len(fitSets), len(fit), g.Threshold, cv)
	report := func(name string, exs []example) {
		by := map[string][]example{}
		for _, ex := range exs {
			by[ex.lang] = append(by[ex.lang], ex)
			by["all"] = append(by["all"], ex)
		}
		for _, l := range []string{"nb", "nn", "en", "all"} {
			if len(by[l]) == 0 {
				continue
			}
			probs := make([]float64, len(by[l]))
			for i, ex := range by[l] {
				if ex.x != nil {
					probs[i] = g.Prob(ex.x)
				}
			}
			fmt.Printf("  %-8s %-3s %s\n", name, l, figuresAt(by[l], probs, g.Threshold))
		}
	}
	report("fit", fit)
	report("held", test)
	if os.Getenv("FAQ_HOLDOUT_P") != "" {
		// How right and wrong answers of the held-out sets spread over
		// the probability: where a stricter threshold would cut.
		for _, lo := range []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95} {
			var r, w, hr, hw int
			for _, ex := range test {
				if ex.x == nil || g.Prob(ex.x) < lo {
					continue
				}
				if ex.right {
					r++
				} else {
					w++
				}
			}
			for _, ex := range fit {
				if ex.x == nil || g.Prob(ex.x) < lo {
					continue
				}
				if ex.right {
					hr++
				} else {
					hw++
				}
			}
			fmt.Printf("  p >= %.2f: held %d right %d wrong; fit %d right %d wrong\n", lo, r, w, hr, hw)
		}
	}
	if os.Getenv("FAQ_HOLDOUT_V") != "" {
		for _, ex := range test {
			if ex.x == nil {
				continue
			}
			p := g.Prob(ex.x)
			if p >= g.Threshold && !ex.right {
				fmt.Printf("  WRONG  %s %.2f %q -> %s\n", ex.set, p, ex.q, ex.entry)
			}
			if p < g.Threshold && ex.right {
				fmt.Printf("  UNSURE %s %.2f %q -> %s\n", ex.set, p, ex.q, ex.entry)
			}
		}
	}
}

// fitGate fits a gate on exs the way TestRefitGate does: the penalty with
// the lowest cross-validated log loss, the threshold chosen on the
// out-of-fold probabilities.
func fitGate(t testing.TB, exs []example) (*Gate, gateFigures) {
	bestLambda, bestLoss := 0.0, math.Inf(1)
	for _, l := range gateLambdas {
		if loss := logLoss(exs, crossValidate(exs, l)); loss < bestLoss {
			bestLambda, bestLoss = l, loss
		}
	}
	xs, ys := trainingData(exs)
	m, s, w, b := fitLogistic(xs, ys, bestLambda)
	thr, cv, ok := chooseThreshold(exs, crossValidate(exs, bestLambda))
	if !ok {
		t.Fatalf("no threshold meets the targets")
	}
	return gateOf(m, s, w, b, thr), cv
}

// TestDeterministic: the same question gets the same entry and score every
// time it is asked (ties between entries are broken by rule, never by the
// order Go happens to walk a map in).
func TestDeterministic(t *testing.T) {
	e := newTestEngine(t)
	for _, set := range evalSets {
		for _, c := range loadTraining(t, set) {
			first, err := e.Answer(context.Background(), c.question, "")
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 3; i++ {
				a, _ := e.Answer(context.Background(), c.question, "")
				if a.EntryID != first.EntryID || a.Score != first.Score || a.Answered != first.Answered || fmt.Sprint(a.Related) != fmt.Sprint(first.Related) {
					t.Errorf("%q: %s %.2f %v %v, then %s %.2f %v %v", c.question, first.EntryID, first.Score, first.Answered, first.Related, a.EntryID, a.Score, a.Answered, a.Related)
					break
				}
			}
		}
	}
}

// TestHeldOutSet prints the aggregate figures, per language, of sets that
// are not (yet) training data (FAQ_SETS=blind19): counts only, never a
// question, so running it does not turn the set into something tuned on.
//
//	FAQ_SETS=blind19 go test ./faq -run TestHeldOutSet -v
func TestHeldOutSet(t *testing.T) {
	spec := os.Getenv("FAQ_SETS")
	if spec == "" {
		t.Skip("set FAQ_SETS to held-out sets in testdata, comma-separated")
	}
	e := newTestEngine(t)
	for _, set := range strings.Split(spec, ",") {
		var logf func(string, ...any)
		if os.Getenv("FAQ_SETS_V") != "" {
			logf = t.Logf // per question: the set stops being held out
		}
		by := runEval(t, e, loadTraining(t, strings.TrimSpace(set)), questionLang, logf)
		var all evalFigures
		for _, l := range []string{"nb", "nn", "en"} {
			all.add(by[l])
			fmt.Printf("faq held-out %s %s: %s\n", set, l, by[l])
		}
		fmt.Printf("faq held-out %s all: %s\n", set, all)
	}
}

// gateLeaveOneSetOut (FAQ_HOLDOUT=each): every set from blind7 on is held
// out in turn, the gate fit on all the others; the held-out figures are
// summed, so a change to the features is judged on ~1,000 questions no
// gate it was scored by had seen.
func gateLeaveOneSetOut(t *testing.T) {
	all := collectExamples(t, evalSets)
	by := map[string]gateFigures{}
	for _, set := range evalSets[slices.Index(evalSets, "blind7"):] {
		var fit, test []example
		for _, ex := range all {
			if ex.set == set {
				test = append(test, ex)
			} else {
				fit = append(fit, ex)
			}
		}
		g, _ := fitGate(t, fit)
		for _, l := range []string{"nb", "nn", "en", "all"} {
			var sub []example
			for _, ex := range test {
				if ex.lang == l || l == "all" {
					sub = append(sub, ex)
				}
			}
			probs := make([]float64, len(sub))
			for i, ex := range sub {
				if ex.x != nil {
					probs[i] = g.Prob(ex.x)
				}
			}
			f := figuresAt(sub, probs, g.Threshold)
			if l == "all" && os.Getenv("FAQ_HOLDOUT_V") != "" {
				for i, ex := range sub {
					if ex.x != nil && probs[i] >= g.Threshold && !ex.right {
						fmt.Printf("  WRONG  %s %s %.2f %q -> %s\n", ex.set, ex.lang, probs[i], ex.q, ex.entry)
					}
				}
			}
			x := by[l]
			x.nIn += f.nIn
			x.right += f.right
			x.wrongIn += f.wrongIn
			x.nOut += f.nOut
			x.answeredOut += f.answeredOut
			by[l] = x
		}
	}
	for _, l := range []string{"nb", "nn", "en", "all"} {
		fmt.Printf("  each-held %-3s %s\n", l, by[l])
	}
}
