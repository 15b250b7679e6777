package faq

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// The gate's signals as an older commit computed them (scripts/gatecv-snap.sh
// copies this file into an export of that commit and runs TestGateSnapDump
// there). At the commit where a round's validation split first ran, nobody
// had read its questions: its signals are a first run's, the training
// sets' are as tuned by then. TestGateCV (FAQ_GATECV_SNAP=dir) fits each
// setup on that commit's training examples and scores it on the split — a
// check on text the corpus was never tuned on, which the leave-one-round-out
// figures (corpus tuned on every old round) cannot give. This file must
// compile against those commits too: it uses only collectExamples,
// gateFitSets, splitQuestions and questionLang, which they have.

// cvExtraNames are signals the shipped gate does not use, computed for
// the experiments (cvExtras): whether the runner-up is from the same
// corpus section ("family") as the best; the margin as a ratio (log
// space); the share of the question's content words best's entry knows;
// the language; a two-part question; a very short one; best not ranked
// first (the answer type moved it).
var cvExtraNames = []string{"same_section", "log_margin", "content_cov", "lang_nn", "lang_en", "multi", "short", "not_top"}

// cvExtras computes cvExtraNames for a judgement with a best candidate.
func cvExtras(j *judgement, q string) []float64 {
	b := j.best
	same := 0.0
	if j.rival != nil && j.rival.x.Section == b.x.Section {
		same = 1
	}
	lm := math.Log(math.Max(b.sim, 0.01)) - math.Log(math.Max(j.second, 0.01))
	content := float64(j.matched) / math.Max(1, float64(j.matched+j.unknownCommon+j.unknownNames))
	l := questionLang(q)
	return []float64{
		same,
		math.Min(lm, 3),
		content,
		flag(l == "nn"),
		flag(l == "en"),
		flag(len(splitQuestions(q)) >= 2),
		flag(j.terms <= 2),
		flag(j.notTop),
	}
}

// gateSnap is one commit's examples: the sets its gate was fit on and the
// split (set "zzsplit") it had not seen.
type gateSnap struct {
	Commit   string        `json:"commit"`
	Features []string      `json:"features"`
	Extras   []string      `json:"extras"`
	Fit      []string      `json:"fit"`
	Examples []snapExample `json:"examples"`
	name     string        // the file name: the round
}

type snapExample struct {
	Set   string    `json:"set"`
	In    bool      `json:"in"`
	Lang  string    `json:"lang"`
	Right bool      `json:"right"`
	X     []float64 `json:"x,omitempty"`
	Extra []float64 `json:"extra,omitempty"`
}

// TestGateSnapDump writes FAQ_GATESNAP_OUT (run by scripts/gatecv-snap.sh).
func TestGateSnapDump(t *testing.T) {
	out := os.Getenv("FAQ_GATESNAP_OUT")
	if out == "" {
		t.Skip("run by scripts/gatecv-snap.sh")
	}
	fit := gateFitSets()
	exs := collectExamples(t, append(fit, "zzsplit"))
	s := gateSnap{Commit: os.Getenv("FAQ_GATESNAP_COMMIT"), Features: featureNames, Extras: cvExtraNames, Fit: fit}
	for _, ex := range exs {
		s.Examples = append(s.Examples, snapExample{Set: ex.set, In: ex.in, Lang: ex.lang, Right: ex.right, X: ex.x, Extra: ex.extra})
	}
	buf, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
