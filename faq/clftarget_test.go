package faq

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// Studies of the classifier's target (clfTargetPower), out of fold on
// the training sets (five folds by file, as the fit's other settings):
// how often the classifier's first class is right to answer, and what
// the engine answers with each fold's classifier (the lift model off,
// so the classifier's own part is seen) for a grid of ClfDemoteBelow,
// ClfSwitchMin and ClfSwitchMaxOld. Not tests: figures for docs/faq.md
// ("The classifier's target").
//
//	FAQ_CLF_TARGETS="0 1 2 4 8" go test ./faq -run TestClassifierTargetCV -v
//	FAQ_CLF_OOF="0 2 8" go test ./faq -run TestClassifierTargetOOF -v -timeout 30m

// shippedPower is clfTargetPower as shipped, restored after a study.
var shippedPower = clfTargetPower

// studyPowers reads a space-separated list of powers (nil: none).
func studyPowers(s string) []float64 {
	var out []float64
	for _, p := range strings.Fields(s) {
		var v float64
		if _, err := fmt.Sscan(p, &v); err == nil {
			out = append(out, v)
		}
	}
	return out
}

func TestClassifierTargetCV(t *testing.T) {
	powers := studyPowers(os.Getenv("FAQ_CLF_TARGETS"))
	if powers == nil {
		t.Skip("set FAQ_CLF_TARGETS to target powers, e.g. \"0 1 2 4 8\"")
	}
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEngine(t)
	_, byFold := trainingFolds(t, e, corpus)
	defer func() { clfTargetPower = shippedPower }()
	for _, pw := range powers {
		clfTargetPower = pw
		right, n, mass := 0, 0, 0.0
		for fold := range liftFolds {
			c := foldClassifier(t, byFold, fold)
			var s clfScratch
			for _, x := range byFold[fold] {
				z := c.probs(&s, e.an.AnalyzeIn(x.q, x.lang == "en"))
				top := 0
				for i := range z {
					if z[i] > z[top] {
						top = i
					}
				}
				n++
				m := 0.0
				for _, cl := range x.classes {
					m += c.prob(z, cl)
					if c.classes[top] == cl {
						right++
					}
				}
				mass += math.Log(math.Max(m, 1e-6))
			}
		}
		fmt.Printf("pow %.0f: top-1 right %d/%d (%.2f%%), mean log mass %.4f\n", pw, right, n, 100*float64(right)/float64(n), mass/float64(n))
	}
}

func TestClassifierTargetOOF(t *testing.T) {
	pows := studyPowers(os.Getenv("FAQ_CLF_OOF"))
	if pows == nil {
		t.Skip("set FAQ_CLF_OOF to target powers, e.g. \"0 2 8\"")
	}
	corpus, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Entry{}
	for _, en := range corpus {
		byID[en.ID] = en
	}
	e := newTestEngine(t)
	e.clf = nil
	files, byFold := trainingFolds(t, e, corpus)
	caseFold := make([][]evalCase, liftFolds)
	for i, f := range files {
		for _, c := range loadEval(t, f) {
			if !c.dataAnswered() {
				caseFold[i%liftFolds] = append(caseFold[i%liftFolds], c)
			}
		}
	}
	lift, err := loadLift(liftJSON)
	if err != nil {
		t.Fatal(err)
	}
	noLift := *lift
	noLift.Threshold = 2
	type combo struct{ dem, smin, smax float64 }
	var combos []combo
	for _, d := range []float64{0, 0.003, 0.01, 0.03} {
		for _, sm := range []float64{0.5, 0.6, 0.7, 0.8} {
			for _, so := range []float64{0.05, 0.1, 0.2} {
				combos = append(combos, combo{d, sm, so})
			}
		}
	}
	defer func() { clfTargetPower = shippedPower }()
	for _, pw := range pows {
		clfTargetPower = pw
		clfs := make([]*classifier, liftFolds)
		for fold := range liftFolds {
			clfs[fold] = foldClassifier(t, byFold, fold)
			clfs[fold].lift = &noLift
		}
		for _, cb := range combos {
			e.P.ClfDemoteBelow, e.P.ClfSwitchMin, e.P.ClfSwitchMaxOld = cb.dem, cb.smin, cb.smax
			right, wrong, outans, unsure, nin := 0, 0, 0, 0, 0
			for fold := range liftFolds {
				e.clf = clfs[fold]
				for _, c := range caseFold[fold] {
					a, _ := e.Answer(context.Background(), c.question, "")
					switch {
					case !c.in:
						if a.Answered {
							outans++
						}
					case !a.Answered:
						nin++
						unsure++
					case hasFact(a.Text, c.facts) || holdsFact(byID[a.EntryID], c.facts):
						nin++
						right++
					default:
						nin++
						wrong++
					}
				}
			}
			fmt.Printf("pow %.0f dem %.3f smin %.1f smax %.2f: right %d/%d wrong %d outans %d unsure %d bad %d\n", pw, cb.dem, cb.smin, cb.smax, right, nin, wrong, outans, unsure, wrong+outans)
		}
	}
}
