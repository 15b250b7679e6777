package faq

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDebug prints the analysis and the top candidates of the questions in
// FAQ_DEBUG (one per line), to see why the engine answered as it did.
func TestDebug(t *testing.T) {
	qs := os.Getenv("FAQ_DEBUG")
	if qs == "" {
		t.Skip("set FAQ_DEBUG to questions, one per line")
	}
	e := newTestEngine(t)
	for _, raw := range strings.Split(qs, "\n") {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		// The figures below are of the question as prepared; the
		// answer is of the question as asked (prepared once, as in
		// chat).
		q, lang := e.prepare(raw, "")
		ts := e.an.AnalyzeIn(q, lang == "en")
		qw := e.weights(ts)
		fmt.Printf("Q %q\n  terms:", q)
		for _, x := range ts {
			fmt.Printf(" %s(%.2f df=%d)", x.Text, qw[x.Text], e.df[x.Text])
		}
		fmt.Println()
		cs, _ := e.candidates(context.Background(), ts, qw)
		for i, c := range cs {
			if i == 4 {
				break
			}
			fmt.Printf("  %-22s sim=%.2f cov=%.2f prec=%.2f bm25=%.2f\n", c.x.ID, c.sim, c.cov, c.prec, c.bm25)
		}
		if j, _ := e.judge(context.Background(), q, lang); j != nil && j.best != nil {
			fmt.Printf("  best %s p=%.3f legacy=%.2f veto=%v detail=%d otherObject=%v twoPart=%v typeFit=%v ambiguous=%v switched=%v liftable=%v\n  features:", j.best.x.ID, j.p, j.legacy, j.veto, j.detail, j.otherObject, j.twoPart, j.typeFit, j.ambiguous, j.switched, j.liftable)
			for i, v := range j.features(e.P) {
				fmt.Printf(" %s=%.2f", featureNames[i], v)
			}
			fmt.Println()
		}
		a, _ := e.Answer(context.Background(), raw, "")
		fmt.Printf("  => answered=%v oos=%v %s %.2f\n", a.Answered, a.OutOfScope, a.EntryID, a.Score)
	}
}

// TestFeatures prints, for every training question that reaches an
// entry, the gate's features, its probability and whether answering would
// be right (FAQ_FEATURES=1), to study the gate.
func TestFeatures(t *testing.T) {
	if os.Getenv("FAQ_FEATURES") == "" {
		t.Skip("set FAQ_FEATURES=1")
	}
	e := newTestEngine(t)
	fmt.Printf("F set in right p %s question entry\n", strings.Join(featureNames, " "))
	for _, set := range evalSets {
		for _, c := range loadTraining(t, set) {
			q, lang := e.prepare(c.question, "")
			j, err := e.judge(context.Background(), q, lang)
			if err != nil {
				t.Fatal(err)
			}
			if j.noTopic || j.best == nil {
				continue
			}
			var fs []string
			for _, v := range j.features(e.P) {
				fs = append(fs, fmt.Sprintf("%.3f", v))
			}
			right := c.in && holdsFact(j.best.x.Entry, c.facts)
			fmt.Printf("F %s %v %v %.3f %s %q %s\n", set, c.in, right, j.p, strings.Join(fs, " "), c.question, j.best.x.ID)
		}
	}
}

// envParams lets an experiment override Params without editing code:
// FAQ_PARAMS="thr=0.6,cap=1.5,unk=2,weak=0.3,ans=0.7".
func envParams(e *Engine) {
	for _, kv := range strings.Split(os.Getenv("FAQ_PARAMS"), ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		var f float64
		fmt.Sscan(v, &f)
		switch k {
		case "thr":
			if e.gate != nil {
				g := *e.gate
				g.Threshold = f
				e.gate = &g
			}
		case "cap":
			e.P.GenericCap = f
		case "unk":
			e.P.UnknownWeight = f
		case "weak":
			e.P.WeakFactor = f
		case "common":
			e.P.CommonWeak = f != 0
		case "mincov":
			e.P.MinCoverage = f
		case "name":
			e.P.NameWeight = f
		case "rawtie":
			e.P.RawTieGap = f
		case "ans":
			e.P.AnswerMatch = f
		}
	}
	e.refreshDens() // the phrasing weights read the parameters
}
