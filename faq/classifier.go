package faq

import (
	_ "embed" // classifier.bin, lift.json
	"encoding/binary"
	"errors"
	"math"
	"sync"
)

// The word classifier: a second opinion on which entry a question asks
// for, learned from the labelled questions of the training sets.
//
// The engine ranks entries by how much of a question their phrasings and
// answers share, weighted by hand (score.go), and a gate fit on the
// training sets decides whether the best is sure enough (gate.go). Both
// look at one question against one entry at a time, so what tells two
// overlapping entries apart — which words people use for one and never
// for the other — is only in the phrasings somebody wrote. Eleven rounds
// of phrasings and word lists fixed the questions they were written for
// and did not carry to new writers (docs/faq.md). The classifier learns
// those words from every labelled question instead: a multinomial
// logistic regression over the question's analysed terms and pairs of
// neighbouring terms, one class per entry and one for questions outside
// the programme, fit by clfgen (`go generate ./faq`) on the training
// sets of faq/testdata — never on a validation split.
//
// It never answers on its own. It only
//   - moves a sure answer to another of the engine's first candidates it
//     is confident of, when it all but rules out the gate's choice;
//   - leaves a sure answer unsure when it all but rules it out and
//     offers nothing to move to (Params ClfSwitch…, ClfDemoteBelow);
//   - feeds the lift model (liftJSON), which may answer an unsure
//     question with the engine's own first candidate as Answer's last
//     resort, after every reading of the message was unsure.
// Vetoes (a detail the document does not give, a subject outside the
// programme) stand, and an entry learned after the build gets no
// opinion (the classifier never saw its questions).
//
// The figures that chose all this, and what it is worth on fresh blind
// splits: docs/faq.md, "The word classifier and the lift model".

//go:embed classifier.bin
var classifierData string

// liftJSON is the lift model: a logistic regression that says, for a
// question the gate is unsure of, how likely answering its first
// candidate is to be right, from the gate's probability and the
// classifier's (liftFeatureNames). It is fit out of fold — each
// question's classifier probabilities from a classifier fit without its
// file — by `FAQ_REFIT_LIFT=1 go test ./faq -run TestRefitLift`, which
// also chooses its threshold (liftfit_test.go).
//
//go:embed lift.json
var liftJSON []byte

// liftFeatureNames are the lift model's inputs, in liftFeatures' order.
var liftFeatureNames = []string{"gate_logit", "clf_best", "clf_out", "sim", "cov", "prec", "margin", "ambiguous"}

const classifierMagic = "kulturbot faq classifier\n"

// classifierFormat is the layout's version (fitted.encode).
const classifierFormat = 1

// outClass is the class of questions outside the programme.
const outClass = "_out"

type classifier struct {
	classes []string         // entry ids, and outClass
	class   map[string]int   // entry id -> class
	out     int              // outClass's index
	feat    map[string]int32 // feature -> row
	// w is the rows of len(classes) weights (int8, in units of scale),
	// by feature, in the embedded data itself.
	w     string
	scale float32
	// lift is the lift model (liftJSON).
	lift *Gate
}

// defaultClassifier is the embedded classifier, decoded at its first use
// (nil when the file is empty or damaged: the engine then decides
// without it).
var defaultClassifier = sync.OnceValue(func() *classifier {
	l, err := loadLift(liftJSON)
	if err != nil {
		return nil
	}
	c, err := decodeClassifier(classifierData)
	if err != nil {
		return nil
	}
	c.lift = l
	return c
})

// loadLift reads the shipped lift model and checks it fits the code.
func loadLift(buf []byte) (*Gate, error) {
	return loadModel(buf, "lift.json", liftFeatureNames, "FAQ_REFIT_LIFT=1 go test ./faq -run TestRefitLift")
}

func decodeClassifier(s string) (*classifier, error) {
	bad := errors.New("faq: damaged classifier")
	if len(s) < len(classifierMagic) || s[:len(classifierMagic)] != classifierMagic {
		return nil, bad
	}
	s = s[len(classifierMagic):]
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		if n <= 0 {
			return 0, false
		}
		s = s[n:]
		return v, true
	}
	str := func() (string, bool) {
		n, ok := uv()
		if !ok || n > uint64(len(s)) {
			return "", false
		}
		v := s[:n]
		s = s[n:]
		return v, true
	}
	if v, ok := uv(); !ok || v != classifierFormat {
		return nil, bad
	}
	k, ok := uv()
	if !ok || k == 0 || k > 1024 {
		return nil, bad
	}
	c := &classifier{class: map[string]int{}, out: -1}
	for i := 0; i < int(k); i++ {
		id, ok := str()
		if !ok {
			return nil, bad
		}
		c.classes = append(c.classes, id)
		c.class[id] = i
		if id == outClass {
			c.out = i
		}
	}
	if len(s) < 4 {
		return nil, bad
	}
	c.scale = math.Float32frombits(binary.LittleEndian.Uint32([]byte(s[:4])))
	s = s[4:]
	nf, ok := uv()
	if !ok || nf > uint64(len(s)) || nf*k > uint64(len(s)) { // each feature holds k weights
		return nil, bad
	}
	c.feat = make(map[string]int32, nf)
	for i := 0; i < int(nf); i++ {
		f, ok := str()
		if !ok {
			return nil, bad
		}
		c.feat[f] = int32(i)
	}
	// The rows follow the names in one block: kept where they are, in
	// the embedded data, not copied onto the heap.
	if uint64(len(s)) != nf*k || c.out < 0 || len(c.feat) != int(nf) {
		return nil, bad
	}
	c.w = s
	return c, nil
}

// clfScratch is one question's classifier memory (pooled with the
// judgement): the feature key being built, the rows seen, the sums.
type clfScratch struct {
	key  []byte
	rows []int32
	z    []float64
}

// probs sets s.z to the class probabilities of the question whose
// analysed terms are ts: each term, and each pair of neighbouring terms,
// once (the features clfgen fit on, clfFeatures).
func (c *classifier) probs(s *clfScratch, ts []Term) []float64 {
	s.rows = s.rows[:0]
	add := func(key []byte) {
		r, ok := c.feat[string(key)] // no string allocated for the look-up
		if !ok {
			return
		}
		for _, x := range s.rows {
			if x == r {
				return
			}
		}
		s.rows = append(s.rows, r)
	}
	for i, t := range ts {
		s.key = append(append(s.key[:0], "t:"...), t.Text...)
		add(s.key)
		if i > 0 {
			s.key = append(append(append(append(s.key[:0], "b:"...), ts[i-1].Text...), '_'), t.Text...)
			add(s.key)
		}
	}
	s.key = append(s.key[:0], "bias"...)
	add(s.key)
	k := len(c.classes)
	if cap(s.z) < k {
		s.z = make([]float64, k)
	}
	z := s.z[:k]
	clear(z)
	for _, r := range s.rows {
		row := c.w[int(r)*k : int(r+1)*k]
		for j := 0; j < k; j++ {
			z[j] += float64(int8(row[j]))
		}
	}
	for j := range z {
		z[j] *= float64(c.scale)
	}
	softmax(z)
	return z
}

// prob is the probability of entry id in z (0 for an entry it does not
// know: one learned after the build, or of another corpus).
func (c *classifier) prob(z []float64, id string) float64 {
	if i, ok := c.class[id]; ok {
		return z[i]
	}
	return 0
}

// secondOpinion applies the classifier to j (judgeWords, after the gate
// and the vetoes): it may move a sure answer to another of the first
// candidates or leave it unsure, and marks an unsure one the lift model
// vouches for (j.liftable, answered only as Answer's last resort; the
// comment at the top of this file).
// fits reports whether a candidate may answer the question at all (the
// kind of fact asked for, the sides of a choice, the thing counted) and
// the vetoes that depend on the entry.
func (e *Engine) secondOpinion(j *judgement, ts []Term, fits func(*candidate) bool) {
	c := e.clf
	if c == nil || e.P.ClfSwitchRank == 0 || j.best == nil || j.veto || len(j.cands) == 0 {
		return
	}
	if _, ok := c.class[j.best.x.ID]; !ok {
		// An entry learned after the build (the working group's answer):
		// the classifier never saw its questions and has no opinion.
		return
	}
	s := &j.scratch.clf
	z := c.probs(s, ts)
	thr := e.threshold()
	if j.p >= thr {
		if c.prob(z, j.best.x.ID) >= e.P.ClfSwitchMaxOld {
			return
		}
		for i := range j.cands[:min(len(j.cands), e.P.ClfSwitchRank)] {
			cd := &j.cands[i]
			if cd != j.best && c.prob(z, cd.x.ID) >= e.P.ClfSwitchMin && fits(cd) {
				j.best, j.switched = cd, true
				return
			}
		}
		// Nothing to move to, and the gate's choice all but ruled out:
		// not sure after all (the working group answers).
		if c.prob(z, j.best.x.ID) < e.P.ClfDemoteBelow {
			j.p, j.demoted = math.Nextafter(thr, 0), true
		}
		return
	}
	j.liftable = j.best == &j.cands[0] && !e.outOfScope(j) && c.lift.Prob(liftFeatures(j, c, z)) >= c.lift.Threshold
}

// liftFeatures are the lift model's inputs for j's best candidate, in
// liftFeatureNames' order: the gate's probability as log-odds, the
// classifier's probabilities of best and of the outside class, and
// best's similarity, coverage, precision and margin to the best other
// candidate, and whether the engine found the first two a coin toss.
func liftFeatures(j *judgement, c *classifier, z []float64) []float64 {
	p := min(max(j.p, 1e-4), 1-1e-4)
	b := j.best
	return []float64{math.Log(p / (1 - p)), c.prob(z, b.x.ID), z[c.out], b.sim, b.cov, b.prec, b.sim - j.second, flag(j.ambiguous)}
}
