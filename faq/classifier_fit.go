package faq

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Fitting the word classifier (classifier.go), run by clfgen at
// `go generate ./faq` and by TestClassifierFresh.

// The fit's settings, chosen out of fold on the training sets (five
// folds by file; docs/faq.md "The word classifier and the lift model"):
// Adagrad over
// clfEpochs passes in a fixed shuffled order, L2 penalty clfL2, features
// seen in fewer than clfMinCount questions dropped.
const (
	clfEpochs   = 10
	clfL2       = 1e-4
	clfRate     = 0.5
	clfMinCount = 2
)

// clfTargetPower sharpens a question's target towards the entries that
// hold the most of its facts: a label accepts every entry whose answer
// holds one of them ("hver kommune" is in five answers), and shared out
// equally the classifier learned that a mentoring question is as much
// the work between gatherings' as mentoring's. Squared counts, chosen out
// of fold on the training sets (clftarget_test.go): the first class right
// 90.7 → 94.2 %, and with the shipped switch and demotion settings 29
// more right answers and 10 fewer wrong ones. A var for that study.
var clfTargetPower = 2.0

// clfExample is one labelled question: its features and the classes a
// right answer may come from (outClass for a question outside the
// programme).
type clfExample struct {
	feats   []string
	classes []string
	// weights are how many of the question's facts each class's entry
	// holds (nil: one each); the target's shares are their
	// clfTargetPower'th powers.
	weights []float64
	// q and lang are the question as prepare left it (for the lift
	// model's fit, which judges it).
	q, lang string
}

// FitClassifier fits the classifier on the labelled question files
// dir/*.tsv (the training sets' format: "in\tquestion\tfact|fact" or
// "out\tquestion") and returns it encoded, for faq/classifier.bin.
func FitClassifier(dir string) ([]byte, error) {
	corpus, err := DefaultCorpus()
	if err != nil {
		return nil, err
	}
	e, err := NewEngine(context.Background(), corpus)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	files, err := clfFiles(dir)
	if err != nil {
		return nil, err
	}
	var exs []clfExample
	for _, f := range files {
		xs, err := clfExamples(e, corpus, f)
		if err != nil {
			return nil, err
		}
		exs = append(exs, xs...)
	}
	if len(exs) == 0 {
		return nil, fmt.Errorf("faq: no labelled questions in %s", dir)
	}
	return fitClassifier(exs).encode(), nil
}

// clfFiles are the labelled question files of dir the classifier is fit
// on, sorted.
func clfFiles(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	slices.Sort(files)
	return files, err
}

// clfExamples reads one labelled file. A question only the bot's own
// data answers (its fact is the data step's "not published" reply) and
// one whose facts no entry holds are left out: neither says which entry
// is right.
func clfExamples(e *Engine, corpus []Entry, path string) ([]clfExample, error) {
	cases, err := readLabelled(path)
	if err != nil {
		return nil, err
	}
	var out []clfExample
	for _, c := range cases {
		x := clfExample{}
		if c.in {
			if c.dataAnswered() {
				continue
			}
			for _, en := range corpus {
				if n := factsHeld(en, c.facts); n > 0 {
					x.classes = append(x.classes, en.ID)
					x.weights = append(x.weights, float64(n))
				}
			}
			if len(x.classes) == 0 {
				continue
			}
		} else {
			x.classes = []string{outClass}
		}
		x.q, x.lang = e.prepare(c.question, "")
		x.feats = clfFeatures(e.an.AnalyzeIn(x.q, x.lang == "en"))
		out = append(out, x)
	}
	return out, nil
}

// labelled is one line of a labelled question file: "in", the question
// and the facts a right answer holds one of, or "out" and the question.
type labelled struct {
	in       bool
	question string
	facts    []string
}

// readLabelled reads a labelled question file (the training sets' and
// the validation splits' format; # starts a comment line).
func readLabelled(path string) ([]labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) < 2 || (p[0] == "in" && len(p) < 3) {
			return nil, fmt.Errorf("%s: %q: want in/out, a tab, the question and (in scope) a tab and its facts", path, line)
		}
		c := labelled{in: p[0] == "in", question: p[1]}
		if c.in {
			c.facts = strings.Split(p[2], "|")
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// holdsFact reports whether any language version of en's answer holds
// one of facts, case folded: how the sets count an answer right (the
// sets' facts are mostly bokmål or English; nynorsk questions are
// answered in nynorsk where the corpus has it).
func holdsFact(en Entry, facts []string) bool {
	return hasFact(en.Answer.NB+"\n"+en.Answer.NN+"\n"+en.Answer.EN, facts)
}

// factsHeld is how many of facts en's answer holds, in any language.
func factsHeld(en Entry, facts []string) int {
	return factCount(en.Answer.NB+"\n"+en.Answer.NN+"\n"+en.Answer.EN, facts, false)
}

// weight is the i'th class's share of x's target before normalising.
func (x clfExample) weight(i int) float64 {
	if x.weights == nil {
		return 1
	}
	return x.weights[i]
}

// hasFact reports whether text holds one of facts, case folded.
func hasFact(text string, facts []string) bool { return factCount(text, facts, true) > 0 }

// factCount is how many of facts text holds, case folded; with first, it
// stops at the first (one or none).
func factCount(text string, facts []string, first bool) int {
	lt := strings.ToLower(text)
	n := 0
	for _, f := range facts {
		if strings.Contains(lt, strings.ToLower(f)) {
			n++
			if first {
				break
			}
		}
	}
	return n
}

// dataAnswered: the question's facts are the bot's own data step's reply
// on an empty database ("Ingen kommende samlinger er publisert ennå"):
// the data step answers it before the FAQ is asked, so it says nothing
// about which entry is right.
func (c labelled) dataAnswered() bool {
	for _, f := range c.facts {
		if strings.EqualFold(f, "ikke publisert") || strings.EqualFold(f, "not published") {
			return true
		}
	}
	return false
}

// clfFeatures are the features of a question's terms, as
// classifier.probs reads them: each term, each pair of neighbouring
// terms, and the bias, once each in first-seen order.
func clfFeatures(ts []Term) []string {
	var out []string
	add := func(f string) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	for i, t := range ts {
		add("t:" + t.Text)
		if i > 0 {
			add("b:" + ts[i-1].Text + "_" + t.Text)
		}
	}
	add("bias")
	return out
}

// fitted is a classifier being fit, in float64.
type fitted struct {
	classes []string
	feats   []string
	w       [][]float64 // by feature
}

func fitClassifier(exs []clfExample) *fitted {
	m := &fitted{}
	class := map[string]int{}
	count := map[string]int{}
	for _, x := range exs {
		for _, c := range x.classes {
			if _, ok := class[c]; !ok {
				class[c] = -1
				m.classes = append(m.classes, c)
			}
		}
		for _, f := range x.feats {
			count[f]++
		}
	}
	slices.Sort(m.classes)
	for i, c := range m.classes {
		class[c] = i
	}
	row := map[string]int{}
	for f, n := range count {
		if n >= clfMinCount || f == "bias" {
			m.feats = append(m.feats, f)
		}
	}
	slices.Sort(m.feats)
	for i, f := range m.feats {
		row[f] = i
	}
	k := len(m.classes)
	m.w = make([][]float64, len(m.feats))
	g2 := make([][]float64, len(m.feats))
	for i := range m.w {
		m.w[i], g2[i] = make([]float64, k), make([]float64, k)
	}
	type ex struct {
		rows []int
		y    []float64
	}
	data := make([]ex, len(exs))
	for i, x := range exs {
		d := ex{y: make([]float64, k)}
		for _, f := range x.feats {
			if r, ok := row[f]; ok {
				d.rows = append(d.rows, r)
			}
		}
		sum := 0.0
		for i := range x.classes {
			sum += math.Pow(x.weight(i), clfTargetPower)
		}
		for i, c := range x.classes {
			d.y[class[c]] = math.Pow(x.weight(i), clfTargetPower) / sum
		}
		data[i] = d
	}
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(1, 2))
	z := make([]float64, k)
	for ep := 0; ep < clfEpochs; ep++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			d := data[i]
			clear(z)
			for _, r := range d.rows {
				for j, v := range m.w[r] {
					z[j] += v
				}
			}
			softmax(z)
			for _, r := range d.rows {
				w, g := m.w[r], g2[r]
				for j := range w {
					gr := z[j] - d.y[j] + clfL2*w[j]
					g[j] += gr * gr
					w[j] -= clfRate * gr / (math.Sqrt(g[j]) + 1e-8)
				}
			}
		}
	}
	return m
}

func softmax(z []float64) {
	mx := math.Inf(-1)
	for _, v := range z {
		mx = math.Max(mx, v)
	}
	sum := 0.0
	for j := range z {
		z[j] = math.Exp(z[j] - mx)
		sum += z[j]
	}
	for j := range z {
		z[j] /= sum
	}
}

// encode writes m in classifier.bin's layout (decodeClassifier): the
// magic, the format, the classes, the scale, the features' names, then
// their weights in one block, a byte each in units of the largest
// weight / 127.
func (m *fitted) encode() []byte {
	b := []byte(classifierMagic)
	b = binary.AppendUvarint(b, classifierFormat)
	b = binary.AppendUvarint(b, uint64(len(m.classes)))
	for _, c := range m.classes {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	mx := 0.0
	for _, w := range m.w {
		for _, v := range w {
			mx = math.Max(mx, math.Abs(v))
		}
	}
	scale := float32(mx / 127)
	if scale == 0 {
		scale = 1
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
	b = binary.AppendUvarint(b, uint64(len(m.feats)))
	for _, f := range m.feats {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	for _, w := range m.w {
		for _, v := range w {
			b = append(b, byte(int8(math.Round(v/float64(scale)))))
		}
	}
	return b
}
