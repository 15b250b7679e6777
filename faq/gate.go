package faq

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// The gate decides whether the engine answers with its best candidate. It
// turns the signals of a judgement (similarity, coverage, margin, answer
// type, language, the hand-set rules' verdict, ...) into one probability
// that the answer is right, with a logistic regression fit on the labelled
// questions in faq/testdata (never on faq/testdata/validation), and answers
// at or above a threshold chosen on the same data. The fitted weights ship
// as data (gate.json); `FAQ_REFIT=1 go test ./faq -run TestRefitGate`
// refits them (gatefit_test.go, docs/faq.md).

//go:embed gate.json
var gateJSON []byte

// Gate is a fitted logistic regression over the judgement's features.
type Gate struct {
	// Features names the inputs in order; it must equal featureNames, so
	// weights never meet the wrong signal after a change of code.
	Features []string `json:"features"`
	// Mean and Scale standardise each feature; Weights apply to the
	// standardised values; Bias is the intercept.
	Mean    []float64 `json:"mean"`
	Scale   []float64 `json:"scale"`
	Weights []float64 `json:"weights"`
	Bias    float64   `json:"bias"`
	// Threshold is the probability an answer needs.
	Threshold float64 `json:"threshold"`
	// Fit records how and on what the gate was fit, for people.
	Fit map[string]any `json:"fit,omitempty"`
}

// featureNames are the gate's inputs, in the order features() gives them.
var featureNames = []string{
	"sim", "cov", "prec", "margin", "bm25", "confidence", "type_fit", "asks_type",
	"known_share", "anchored", "single_topic_unknown", "single_topic_name", "unknown_common", "unknown_names",
	"ambiguous", "terms", "rival_cov_lead", "coverage_shortfall", "misfit_or_single",
	"dice", "tied", "tie_lead", "misfit_plain", "two_part",
}

// features are the judgement's signals as numbers, in featureNames order.
func (j *judgement) features(p Params) []float64 { return j.appendFeatures(nil, p) }

// appendFeatures is features appended to dst (judgeWords: a buffer on
// its stack, so the gate's input is not allocated per question).
func (j *judgement) appendFeatures(dst []float64, p Params) []float64 {
	b := j.best
	// With no other candidate at all (a small custom FAQ), the rival
	// covers nothing.
	rivalLead := -b.cov
	if j.rival != nil {
		rivalLead = j.rival.cov - b.cov
	}
	return append(dst,
		b.sim,
		b.cov,
		b.prec,
		b.sim-j.second,
		-b.bm25/(-b.bm25+p.BM25Half),
		confidence(*b, j.second, p),
		flag(j.typeFit),
		flag(j.asksType),
		j.knownShare,
		flag(j.anchored),
		flag(j.matched == 1 && j.unknownCommon > 0),
		flag(j.matched == 1 && j.unknownNames > 0),
		math.Min(float64(j.unknownCommon), 3),
		math.Min(float64(j.unknownNames), 3),
		flag(j.ambiguous),
		math.Log1p(float64(j.terms)),
		rivalLead,
		// How far below the hand-set minimum the coverage falls: a hinge
		// lets the fit punish the uncovered part of the question without
		// bending its trust in coverage above it.
		math.Max(0, p.MinCoverage-b.cov),
		// Any of the rules that were (nearly) always right on the data
		// they were made from: a misfit answer type, a lone topic word
		// beside an unknown one, a coin toss.
		flag(!j.typeFit || (j.matched == 1 && j.unknownCommon > 0) || j.ambiguous || j.unknownCommon >= 2),
		// How closely one phrasing of best says what the question says,
		// in the analysed terms (score.go): cov and prec may each come
		// from a different phrasing or the answer.
		b.dice,
		flag(j.tied),
		j.tieLead,
		flag(j.misfitPlain),
		// Two questions in one (round 10, chosen by leave-one-round-out
		// cross-validation, docs/faq.md): the shortfall in coverage that
		// the other half brings is not a sign of a wrong entry.
		flag(j.twoPart),
	)
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Prob is the probability that an answer with features x is right.
func (g *Gate) Prob(x []float64) float64 {
	z := g.Bias
	for i, v := range x {
		z += g.Weights[i] * clipZ((v-g.Mean[i])/g.Scale[i])
	}
	return 1 / (1 + math.Exp(-z))
}

// zClip bounds a standardised feature: a value far outside what the
// gate was fit on (the margin and bm25 of a one-entry custom FAQ, 4–5
// standard deviations out) must not swing the probability by a weight
// the fit never tested there.
const zClip = 4

func clipZ(z float64) float64 { return math.Max(-zClip, math.Min(zClip, z)) }

// loadGate reads the shipped gate and checks that it fits the code.
func loadGate(buf []byte) (*Gate, error) {
	return loadModel(buf, "gate.json", featureNames, "FAQ_REFIT=1 go test ./faq -run TestRefitGate")
}

// loadModel reads a fitted logistic regression shipped as file (the gate,
// the lift model) and checks that it was fit on the code's features,
// names, in order; refit is the command that fits it again.
func loadModel(buf []byte, file string, names []string, refit string) (*Gate, error) {
	var g Gate
	if err := json.Unmarshal(buf, &g); err != nil {
		return nil, fmt.Errorf("faq: %s: %w", file, err)
	}
	n := len(names)
	if !slices.Equal(g.Features, names) || len(g.Mean) != n || len(g.Scale) != n || len(g.Weights) != n {
		return nil, fmt.Errorf("faq: %s was fit on features %v, the code has %v: refit it (%s)", file, g.Features, names, refit)
	}
	for i, s := range g.Scale {
		if !(s > 0) {
			return nil, fmt.Errorf("faq: %s: scale of %s is %v", file, names[i], s)
		}
	}
	return &g, nil
}
