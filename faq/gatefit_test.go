package faq

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Fitting the gate (gate.go). The labelled questions of the training sets
// (evalSets: everything in faq/testdata except validation/) are run
// through the engine without a gate; every question that reaches a best
// candidate is one example, labelled 1 when that candidate's answer holds
// the expected fact. A logistic regression (Newton's method, L2 penalty
// chosen by cross-validation over five groups of whole sets) is fit on
// them, and the threshold is the one that answers most in-scope questions
// rightly while keeping confidently wrong answers at or below 1%
// (cross-validated) and out-of-scope declines at or above 93% of the
// training questions. The bar is far below the 2% target on purpose:
// questions nobody tuned on come out 2–4× more wrong than the
// cross-validated figure (the validation split's first run 3.1% against
// 1.2%, blind19's 4.7% against 1.1%; docs/faq.md), so a threshold at the
// 2% edge of training data misses it on new questions.
//
//	FAQ_REFIT=1 go test ./faq -run TestRefitGate -v
//
// rewrites faq/gate.json and prints the training and cross-validated
// figures. Refit after changing the corpus, the analysis, the scoring or
// the features; then run TestEvaluation.

// gateTargets are the bars the threshold is chosen under (training data,
// out-of-fold probabilities); gateMaxWrong keeps a margin under the 2%
// target. Measured when it moved from 1.5% (FAQ_HOLDOUT=each: every set
// from blind7 on held out in turn and scored by a gate fit without it;
// 921 questions with blind18; features then still with the language
// flags): at 1.5% 622/677 right and 24/921 wrong (2.6%), at 1% 616 and
// 17 (1.8%), at 0.75% 612 and 15 (1.6%); without the language flags, at
// 1% 619 and 20, at 0.75% 608 and 13. At 0.75% the training sets fall
// under the 92% bar in English and two small sets under their 85% floor;
// 1% is the strictest bar they pass.
//
// Round 4 (faq-engine): 1% → 1.25%. With validation2 and blind20–22 in
// the fit (29 sets, 2,695 questions; the new sets first ran at 4.7–11%
// confidently wrong), 1% put the threshold at 0.84 and the tuned sets
// under the 92% bar in bokmål (91.8%) and English (91.7%); 1.1% still
// failed English. 1.25% (threshold 0.77) is the strictest bar they pass.
// Held out set by set (FAQ_HOLDOUT=each, 1,908 questions): at 1% 1275/1464
// right (87.1%) and 29 wrong (1.5%), at 1.25% 1291 (88.2%) and 35 (1.8%);
// choosing the threshold on the tuned sets only (the untuned in the
// weights' fit alone) gave 1325 (90.5%) and 44 (2.3%), over the target.
//
// Round 5 (faq-engine): the bar stays 1.25%. validation3 and blind24
// joined the fit untuned; blind23, blind25 and blind26 are held out of it
// (notFit). A 1.4% bar was landed for a while (on the corpus of b5e9a91,
// held out blind23/blind26: +3 right, no more wrong); with the tie-break
// by the question's own words (tiebreak.go) and the corpus of defaa44,
// 1.25% gives cross-validated 2226/2359 right, 38/3107 wrong, and on the
// held-out sets 312/349 right, 4/459 wrong.
//
// Round 6 (faq-engine, after faq-oos's proposal): two bars instead of
// one. The single bar counted in-scope wrong answers and answered
// out-of-scope questions together over all questions, so every question
// the scope guard newly declined freed room that the next refit spent by
// lowering the threshold, partly on out-of-scope questions the guard does
// not know (round 5: the validation split went from 90.9% to 87.3%
// declined while training stayed at 97–98%). Now the in-scope wrong
// answers have their own bar (gateMaxWrongIn of the in-scope questions)
// and the out-of-scope questions theirs (gateMinOutDeclined, near the
// training level): a question the guard declines moves neither binding
// term, and when the out-of-scope bar binds the refit raises the
// threshold. The in-scope bar is the one meant to bind: at 1.4% the
// out-of-scope floor bound instead, and faq-oos's veto of details the
// document does not give (81f9415) moved the threshold 0.744 → 0.687 —
// the spending again, on the other side. At 1.0% (the refit of
// 81f9415: threshold 0.728, cross-validated 2992/3157 right, 50/4171
// wrong, 98.1% declined) the floor has room.
//
// gateMinThreshold: the bars are measured on sets the corpus has been
// tuned on, so every corpus fix for a set's misses lowers its
// cross-validated wrong answers and the next refit lowers the threshold
// (0.749 → 0.677 within one afternoon of round 6, corpus changes only).
// The threshold does not go below about the level the features were
// chosen at (0.744–0.749). Cross-validated on the corpus of fea07ae,
// 0.677 → 0.75 costs 19 right answers of 3157 and saves 9 wrong ones of
// 4171 (on the four newest sets, validation4 and blind27–29: 4 right, 1
// wrong). The exact value is a judgement: at 0.75 blind16 (11 questions)
// fell under its set floor by one answer at p 0.741, at 0.72 an unknown
// object ("hvem holder foredrag på samlingene?", TestCountedNoun) was
// answered at p 0.731; 0.735 lies between (gate of 2a9dc74).
//
// Round 10 (faq-gate): the floor 0.735 → 0.8, chosen on text nobody had
// tuned on (TestGateCV, gatecv_test.go). At the first runs of the
// round-7–9 splits and check sets (1,249 questions; each scored by a gate
// fit at the commit where it first ran), 0.735 → 0.8 answered 816 → 806
// right and 64 → 55 wrong; left out round by round on today's engine
// (4,386 questions, tuned on by the corpus up to round 8) 3255 → 3228
// right and 52 → 47 wrong. A wrong answer costs more than a question
// passed to the working group; on new text the trade is about one right
// answer for one wrong one, so the floor moved. 0.85 costs twice the
// right answers per wrong one saved (first runs 787/48).
const (
	gateMaxWrongIn     = 0.010
	gateMinOutDeclined = 0.975
	gateMinThreshold   = 0.8
)

// notFit are training sets the gate is not fit on (yet): a new blind set
// held out while the engine is changed, so that its figures say how the
// changes do on questions nobody looked at (TestHeldOutSet prints them,
// counts only). Round 5: blind23, blind25 and blind26, held out by
// faq-engine, and the lead's end-of-round check sets blind27 and blind28.
// FAQ_FIT_ALL=1 fits on every set.
//
// Round 6: every set is fit on (validation4, blind23 and blind25–28
// joined); the check on questions the gate was not fit on is the
// cross-validation by whole sets, printed per set and language by
// TestRefitGate, and FAQ_HOLDOUT=each (holdout_test.go).
// Round 7: synno and synno2, faq-syn-no's checks on its own synonym work,
// stay out of the fit so that their figures are not the gate's in-sample
// ones; so does english7, faq-syn-en's check on its English synonym work.
// Round 8: encheck8, faq-en's check on its English work, likewise.
// Round 9 (faq-dups): validation7, the round-8 validation split, joins the
// fit after the near-duplicate corpus work. Out of the fit, a refit scored
// it (engine) 195/220 right, 6/275 wrong; in the fit, cross-validated by
// whole sets, 193/220 and 4/275, and the untuned sets together (in-sample
// for validation7) 1466 → 1470/1576 right, 22 → 22/2023 wrong; the
// threshold stays at the 0.735 floor either way.
//
// Round 10 (faq-gate): validation8, the round-9 validation split, joins
// the fit. Its questions were never read by anyone tuning the engine, so
// left out of the fit it is the cleanest round TestGateCV has (r9); in the
// fit it tells the gate what untuned text looks like to today's engine.
var notFit = map[string]bool{"nbcheck8b": true, "encheck8": true, "nbcheck8": true, "synno": true, "synno2": true, "english7": true}

// gateFitSets are the evalSets the gate is fit on.
func gateFitSets() []string {
	var out []string
	for _, s := range evalSets {
		if !notFit[s] || os.Getenv("FAQ_FIT_ALL") != "" {
			out = append(out, s)
		}
	}
	return out
}

// gateLambdas are the L2 penalties cross-validation chooses from.
var gateLambdas = []float64{0.03, 0.1, 0.3, 1, 3, 10, 30}

// maxWrong is gateMaxWrongIn, or FAQ_MAXWRONG for an experiment.
func maxWrong() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("FAQ_MAXWRONG"), 64); err == nil {
		return v
	}
	return gateMaxWrongIn
}

// example is one training question as the engine saw it.
type example struct {
	set    string
	in     bool
	x      []float64 // nil: no candidate (never answered)
	right  bool      // answering best would be right
	legacy float64
	// lang is the question's language; q the question and entry the best
	// candidate's id, for reports.
	lang, q, entry string
	idx            int // place among all examples
	// extra are candidate signals the shipped gate does not use
	// (cvExtraNames, gatecv_test.go), for TestGateCV's experiments.
	extra []float64
}

// collectExamples runs every training question through a gateless engine.
func collectExamples(t testing.TB, sets []string) []example {
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	e, err := newEngine(context.Background(), es, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var out []example
	for _, set := range sets {
		for _, c := range loadTraining(t, set) {
			q, lang := e.prepare(c.question, "")
			j, err := e.judge(context.Background(), q, lang)
			if err != nil {
				t.Fatal(err)
			}
			ex := example{set: set, in: c.in, lang: questionLang(c.question), q: c.question}
			// A vetoed answer is never given: not an example to learn from.
			if j.best != nil && !j.noTopic && !j.veto {
				ex.x = j.features(e.P)
				dropFeatures(ex.x)
				ex.legacy = j.legacy
				ex.right = c.in && holdsFact(j.best.x.Entry, c.facts)
				ex.entry = j.best.x.ID
				ex.extra = cvExtras(j, c.question)
			}
			ex.idx = len(out)
			out = append(out, ex)
		}
	}
	return out
}

// dropFeatures zeroes the features named in FAQ_DROP (comma-separated):
// a constant feature gets no weight, so a refit with FAQ_DROP=dice says
// what the feature adds (compare "mean right at bars" and the log loss).
func dropFeatures(x []float64) {
	for _, n := range strings.Split(os.Getenv("FAQ_DROP"), ",") {
		if i := slices.Index(featureNames, n); i >= 0 {
			x[i] = 0
		}
	}
}

// gateFigures are the outcome of a gate on examples.
type gateFigures struct {
	nIn, right, wrongIn, nOut, answeredOut int
}

func (f gateFigures) wrongShare() float64 {
	return float64(f.wrongIn+f.answeredOut) / float64(f.nIn+f.nOut)
}
func (f gateFigures) wrongInShare() float64 { return float64(f.wrongIn) / float64(f.nIn) }
func (f gateFigures) outDeclined() float64  { return 1 - float64(f.answeredOut)/float64(f.nOut) }
func (f gateFigures) rightShare() float64   { return float64(f.right) / float64(f.nIn) }
func (f gateFigures) String() string {
	return fmt.Sprintf("in scope right %d/%d (%.1f%%), confidently wrong %d/%d (%.1f%%), out of scope declined %.1f%%",
		f.right, f.nIn, 100*f.rightShare(), f.wrongIn+f.answeredOut, f.nIn+f.nOut, 100*f.wrongShare(), 100*f.outDeclined())
}

func figuresAt(exs []example, probs []float64, thr float64) gateFigures {
	var f gateFigures
	for i, ex := range exs {
		ans := ex.x != nil && probs[i] >= thr
		if ex.in {
			f.nIn++
			switch {
			case ans && ex.right:
				f.right++
			case ans:
				f.wrongIn++
			}
		} else {
			f.nOut++
			if ans {
				f.answeredOut++
			}
		}
	}
	return f
}

// chooseThreshold returns the threshold with the most right answers under
// the bars (ties: the higher threshold, the safer one).
func chooseThreshold(exs []example, probs []float64) (float64, gateFigures, bool) {
	return chooseThresholdAt(exs, probs, maxWrong())
}

// chooseThresholdAt is chooseThreshold with the wrong-answer bar bar.
// The candidate thresholds are the examples' probabilities, walked from
// the highest down with running counts (the same choice as counting
// figuresAt at each one, in n log n rather than n²: TestGateCV fits
// hundreds of gates).
func chooseThresholdAt(exs []example, probs []float64, bar float64) (float64, gateFigures, bool) {
	var base gateFigures // nothing answered
	var order []int
	for i, ex := range exs {
		if ex.in {
			base.nIn++
		} else {
			base.nOut++
		}
		if ex.x != nil {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool { return probs[order[a]] > probs[order[b]] })
	bestThr, found := 1.0, false
	var best gateFigures
	f := base
	for k := 0; k < len(order); {
		thr := probs[order[k]]
		for ; k < len(order) && probs[order[k]] == thr; k++ {
			ex := exs[order[k]]
			switch {
			case !ex.in:
				f.answeredOut++
			case ex.right:
				f.right++
			default:
				f.wrongIn++
			}
		}
		if f.wrongInShare() > bar || f.outDeclined() < gateMinOutDeclined {
			continue
		}
		// Walking down, a tie in right answers keeps the higher (safer)
		// threshold found first.
		if !found || f.right > best.right {
			bestThr, best, found = thr, f, true
		}
	}
	return bestThr, best, found
}

// fitLogistic fits weights (on standardised features) and a bias by
// Newton's method with an L2 penalty lambda on the weights.
func fitLogistic(xs [][]float64, ys []float64, lambda float64) (mean, scale, w []float64, bias float64) {
	n, d := len(xs), len(xs[0])
	mean, scale = make([]float64, d), make([]float64, d)
	for _, x := range xs {
		for k, v := range x {
			mean[k] += v / float64(n)
		}
	}
	for _, x := range xs {
		for k, v := range x {
			scale[k] += (v - mean[k]) * (v - mean[k]) / float64(n)
		}
	}
	for k := range scale {
		scale[k] = math.Sqrt(scale[k])
		if scale[k] < 1e-9 {
			scale[k] = 1 // a constant feature: its weight stays 0
		}
	}
	z := make([][]float64, n) // standardised, with a leading 1 for the bias
	for i, x := range xs {
		z[i] = make([]float64, d+1)
		z[i][0] = 1
		for k, v := range x {
			z[i][k+1] = clipZ((v - mean[k]) / scale[k]) // as Gate.Prob does
		}
	}
	beta := make([]float64, d+1)
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, d+1)
		hess := make([][]float64, d+1)
		for a := range hess {
			hess[a] = make([]float64, d+1)
		}
		for i, zi := range z {
			s := 0.0
			for k, v := range zi {
				s += beta[k] * v
			}
			p := 1 / (1 + math.Exp(-s))
			r := p * (1 - p)
			for a, va := range zi {
				grad[a] += (p - ys[i]) * va
				for b := a; b < len(zi); b++ {
					hess[a][b] += r * va * zi[b]
				}
			}
		}
		for a := 1; a <= d; a++ {
			grad[a] += lambda * beta[a]
			hess[a][a] += lambda
		}
		hess[0][0] += 1e-6
		for a := range hess {
			for b := 0; b < a; b++ {
				hess[a][b] = hess[b][a]
			}
		}
		step := solve(hess, grad)
		change := 0.0
		for k := range beta {
			beta[k] -= step[k]
			change = math.Max(change, math.Abs(step[k]))
		}
		if change < 1e-9 {
			break
		}
	}
	return mean, scale, beta[1:], beta[0]
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64{}, a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x
}

func gateOf(mean, scale, w []float64, bias, thr float64) *Gate {
	return &Gate{Features: featureNames, Mean: mean, Scale: scale, Weights: w, Bias: bias, Threshold: thr}
}

// trainingData returns the examples that reach a candidate as features and
// labels.
func trainingData(exs []example) ([][]float64, []float64) {
	var xs [][]float64
	var ys []float64
	for _, ex := range exs {
		if ex.x == nil {
			continue
		}
		xs = append(xs, ex.x)
		ys = append(ys, flag(ex.right))
	}
	return xs, ys
}

// crossValidate returns out-of-fold probabilities. The folds are groups
// of whole training sets (foldOf): a question is scored by a gate fit
// without any question of its own set, so the probabilities carry the
// difference between one writer's wording and another's — what a
// question nobody has seen brings — and not only the noise within a set.
// The sets are grouped cvRepeats different ways and the probabilities
// averaged, so the threshold chosen on them does not hang on one way of
// grouping (with one, a refit after a few new phrasings moved it by 0.06).
func crossValidate(exs []example, lambda float64) []float64 {
	probs := make([]float64, len(exs))
	for r := 0; r < cvRepeats; r++ {
		for f := 0; f < cvFolds; f++ {
			var train []example
			for _, ex := range exs {
				if foldOf(ex, r) != f {
					train = append(train, ex)
				}
			}
			xs, ys := trainingData(train)
			m, s, w, b := fitLogistic(xs, ys, lambda)
			g := gateOf(m, s, w, b, 0)
			for i, ex := range exs {
				if foldOf(ex, r) == f && ex.x != nil {
					probs[i] += g.Prob(ex.x) / cvRepeats
				}
			}
		}
	}
	return probs
}

// cvFolds is how many groups cross-validation splits the sets into, and
// cvRepeats how many different groupings it averages.
const (
	cvFolds   = 5
	cvRepeats = 4
)

// foldOf is the fold of ex in grouping r: grouping 0 puts the sets by
// their place in evalSets modulo cvFolds, the others by a hash of the
// set's name and r (fixed, so the grouping is the same on every run) —
// every set is one fold's whole. FAQ_CV=random: the old per-question
// folds, for comparison.
func foldOf(ex example, r int) int {
	if os.Getenv("FAQ_CV") == "random" {
		return (ex.idx + r) % cvFolds
	}
	if i := slices.Index(evalSets, ex.set); r == 0 && i >= 0 {
		return i % cvFolds
	}
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d", ex.set, r)
	return int(h.Sum32() % cvFolds)
}

func logLoss(exs []example, probs []float64) float64 {
	s, n := 0.0, 0
	for i, ex := range exs {
		if ex.x == nil {
			continue
		}
		p := math.Min(math.Max(probs[i], 1e-9), 1-1e-9)
		if ex.right {
			s -= math.Log(p)
		} else {
			s -= math.Log(1 - p)
		}
		n++
	}
	return s / float64(n)
}

// TestRefitGate refits faq/gate.json (FAQ_REFIT=1).
func TestRefitGate(t *testing.T) {
	if os.Getenv("FAQ_REFIT") == "" {
		t.Skip("set FAQ_REFIT=1 to refit faq/gate.json")
	}
	sets := gateFitSets()
	exs := collectExamples(t, sets)
	bestLambda, bestLoss := 0.0, math.Inf(1)
	for _, l := range gateLambdas {
		loss := logLoss(exs, crossValidate(exs, l))
		fmt.Printf("lambda %-4g cross-validated log loss %.4f\n", l, loss)
		if loss < bestLoss {
			bestLambda, bestLoss = l, loss
		}
	}
	xs, ys := trainingData(exs)
	m, s, w, b := fitLogistic(xs, ys, bestLambda)
	g := gateOf(m, s, w, b, 0)
	probs := make([]float64, len(exs))
	for i, ex := range exs {
		if ex.x != nil {
			probs[i] = g.Prob(ex.x)
		}
	}
	// The threshold is chosen on the out-of-fold probabilities: a gate
	// scoring the questions it was fit on is more sure of them than it
	// will be of new ones.
	cvProbs := crossValidate(exs, bestLambda)
	thr, cv, ok := chooseThreshold(exs, cvProbs)
	if !ok {
		t.Fatalf("no threshold meets the targets on the training data")
	}
	if thr < gateMinThreshold {
		fmt.Printf("threshold %.4f from the bars, raised to the floor %.3f\n", thr, gateMinThreshold)
		thr, cv = gateMinThreshold, figuresAt(exs, cvProbs, gateMinThreshold)
	}
	g.Threshold = thr
	fig := figuresAt(exs, probs, thr)
	legacy := make([]float64, len(exs))
	for i, ex := range exs {
		legacy[i] = ex.legacy
	}
	old := figuresAt(exs, legacy, DefaultParams.LegacyThreshold)
	fmt.Printf("training (%d questions, %d reach a candidate), lambda %g, threshold %.4f\n", len(exs), len(xs), bestLambda, thr)
	fmt.Printf("  fit:             %s\n  cross-validated: %s\n  legacy rules:    %s\n", fig, cv, old)
	for k, n := range featureNames {
		fmt.Printf("  %-22s %+.3f\n", n, w[k])
	}
	printFiguresBy(exs, probs, cvProbs, thr)
	// The trade of right for wrong answers at other bars, cross-validated:
	// what a feature change buys, whatever bar is chosen.
	for _, bar := range []float64{0.008, 0.011, 0.014, 0.02} {
		if th, f, ok := chooseThresholdAt(exs, cvProbs, bar); ok {
			fmt.Printf("  in-scope wrong bar %.1f%%: threshold %.3f, cross-validated %s\n", 100*bar, th, f)
		}
	}
	// One number for comparing features: the mean of the right answers
	// at the in-scope wrong bars 0.6%, 0.7%, ... 2.0% (less noisy than
	// any one bar).
	sum, n := 0, 0
	for b := 6; b <= 20; b++ {
		if _, f, ok := chooseThresholdAt(exs, cvProbs, float64(b)/1000); ok {
			sum += f.right
			n++
		}
	}
	if n > 0 {
		fmt.Printf("  mean right at bars 0.6–2.0%%: %.1f of %d (cross-validated)\n", float64(sum)/float64(n), figuresAt(exs, cvProbs, 1).nIn)
	}
	g.Fit = map[string]any{
		"command":         "FAQ_REFIT=1 go test ./faq -run TestRefitGate -v",
		"sets":            sets,
		"questions":       len(exs),
		"examples":        len(xs),
		"lambda":          bestLambda,
		"training":        fig.String(),
		"cross_validated": cv.String(),
		"targets":         fmt.Sprintf("in scope wrong <= %.1f%% of in scope, out of scope declined >= %.1f%%, threshold >= %.2f", 100*gateMaxWrongIn, 100*gateMinOutDeclined, gateMinThreshold),
	}
	buf, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("gate.json", append(buf, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// printFiguresBy prints the figures of the gate at thr per language and
// per set (counts only), in-sample (probs: the gate fit on every set) and
// cross-validated (cvProbs: each question scored by gates fit without its
// own set) — the second is the figure for wording the gate has not seen.
func printFiguresBy(exs []example, probs, cvProbs []float64, thr float64) {
	type group struct {
		exs        []example
		prob, cvPr []float64
	}
	groups := map[string]*group{}
	var names []string
	add := func(k string, i int) {
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
			names = append(names, k)
		}
		g.exs = append(g.exs, exs[i])
		g.prob = append(g.prob, probs[i])
		g.cvPr = append(g.cvPr, cvProbs[i])
	}
	for i, ex := range exs {
		add("lang "+ex.lang, i)
		add("set "+ex.set, i)
	}
	sort.Strings(names)
	for _, k := range names {
		g := groups[k]
		fmt.Printf("  %-18s fit: %s\n  %-18s cv:  %s\n", k, figuresAt(g.exs, g.prob, thr), "", figuresAt(g.exs, g.cvPr, thr))
	}
}

// TestShippedGate: gate.json loads, matches the code's features, and its
// probabilities are probabilities.
func TestShippedGate(t *testing.T) {
	g, err := loadGate(gateJSON)
	if err != nil {
		t.Fatal(err)
	}
	if g.Threshold <= 0 || g.Threshold >= 1 {
		t.Errorf("threshold %v", g.Threshold)
	}
	x := make([]float64, len(featureNames))
	if p := g.Prob(x); p <= 0 || p >= 1 || math.IsNaN(p) {
		t.Errorf("Prob(0) = %v", p)
	}
	if _, err := loadGate([]byte(`{"features":["sim"],"mean":[0],"scale":[1],"weights":[1]}`)); err == nil {
		t.Error("a gate fit on other features was accepted")
	}
}

// TestFitLogistic: the fit recovers a separable rule and solve inverts.
func TestFitLogistic(t *testing.T) {
	var xs [][]float64
	var ys []float64
	for i := 0; i < 200; i++ {
		v := float64(i%20) / 20
		xs = append(xs, []float64{v, float64(i % 3)})
		ys = append(ys, flag(v > 0.5))
	}
	m, s, w, b := fitLogistic(xs, ys, 0.1)
	g := gateOf(m, s, w, b, 0.5)
	if g.Prob([]float64{0.9, 1}) < 0.9 || g.Prob([]float64{0.1, 1}) > 0.1 {
		t.Errorf("fit does not separate: %v %v", g.Prob([]float64{0.9, 1}), g.Prob([]float64{0.1, 1}))
	}
	if math.Abs(w[1]) > math.Abs(w[0])/10 {
		t.Errorf("noise feature weighs %v against %v", w[1], w[0])
	}
}

// TestChooseThresholdWalk: the one-pass walk picks the threshold that
// counting figuresAt at every candidate picks (most right answers under
// the bars, ties to the higher threshold), on random examples with many
// equal probabilities.
func TestChooseThresholdWalk(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	found := 0
	for it := 0; it < 200; it++ {
		var exs []example
		var probs []float64
		for i := 0; i < 50+r.Intn(300); i++ {
			ex := example{in: r.Float64() < 0.8}
			p := 0.0
			if r.Float64() < 0.9 {
				ex.x = []float64{1}
				p = float64(r.Intn(40)) / 40
				if !ex.in && r.Float64() < 0.99 {
					p = 0
				}
				ex.right = ex.in && r.Float64() < p+0.1
			}
			exs = append(exs, ex)
			probs = append(probs, p)
		}
		for _, bar := range []float64{0.01, 0.05, 0.2} {
			// The rule, counted at every candidate.
			want, wantOK := 1.0, false
			var wantF gateFigures
			for i, ex := range exs {
				if ex.x == nil {
					continue
				}
				f := figuresAt(exs, probs, probs[i])
				if f.wrongInShare() > bar || f.outDeclined() < gateMinOutDeclined {
					continue
				}
				if !wantOK || f.right > wantF.right || (f.right == wantF.right && probs[i] > want) {
					want, wantF, wantOK = probs[i], f, true
				}
			}
			got, gotF, ok := chooseThresholdAt(exs, probs, bar)
			if got != want || gotF != wantF || ok != wantOK {
				t.Fatalf("case %d bar %v: walk %v %+v %v, counted %v %+v %v", it, bar, got, gotF, ok, want, wantF, wantOK)
			}
			if ok {
				found++
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d cases had a threshold under the bars: the test checks too little", found)
	}
}

// TestTwoPartFeature: two questions in one set the gate's two_part
// signal; one question, however long, does not.
func TestTwoPartFeature(t *testing.T) {
	e := newTestEngine(t)
	i := slices.Index(featureNames, "two_part")
	for q, want := range map[string]bool{
		"hva koster det å delta? og når er fristen?":               true,
		"when is the deadline and how many can come?":              true,
		"hvor mange kommuner må være med i en region":              false,
		"kan vi søke om reisestøtte for alle som skal på samlinga": false,
	} {
		pq, lang := e.prepare(q, "")
		j, err := e.judge(context.Background(), pq, lang)
		if err != nil {
			t.Fatal(err)
		}
		if j.best == nil {
			t.Fatalf("%q: no candidate", q)
		}
		if got := j.features(e.P)[i] == 1; got != want {
			t.Errorf("%q: two_part %v, want %v", q, got, want)
		}
		j.release()
	}
}
