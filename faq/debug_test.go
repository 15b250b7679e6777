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
	for _, q := range strings.Split(qs, "\n") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		q, _ = e.prepare(q, "")
		ts := e.an.Analyze(q)
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
		pq, lang := e.prepare(q, "")
		if j, _ := e.judge(context.Background(), pq, lang); j != nil && j.best != nil {
			fmt.Printf("  best %s p=%.3f legacy=%.2f\n  features:", j.best.x.ID, j.p, j.legacy)
			for i, v := range j.features(e.P) {
				fmt.Printf(" %s=%.2f", featureNames[i], v)
			}
			fmt.Println()
		}
		a, _ := e.Answer(context.Background(), q, "")
		fmt.Printf("  => answered=%v oos=%v %s %.2f\n", a.Answered, a.OutOfScope, a.EntryID, a.Score)
	}
}

// TestFeatures prints, for every evaluation question that reaches ranking,
// the features of its best candidate and whether answering it would be
// right (FAQ_FEATURES=1), to study the confidence.
func TestFeatures(t *testing.T) {
	if os.Getenv("FAQ_FEATURES") == "" {
		t.Skip("set FAQ_FEATURES=1")
	}
	e := newTestEngine(t)
	for _, set := range evalSets {
		for _, c := range loadEval(t, "testdata/"+set+".tsv") {
			q := c.question
			if injection(q) || offTopic(q) || chitchat(q) {
				continue
			}
			ts := e.an.Analyze(q)
			qw := e.weights(ts)
			cs, _ := e.candidates(context.Background(), ts, qw)
			if len(cs) == 0 {
				continue
			}
			best := cs[0]
			second := 0.0
			if len(cs) > 1 {
				second = cs[1].sim
			}
			maxUnc, uncKnown, uncUnknown := 0.0, 0.0, 0.0
			total := 0.0
			for term, w := range qw {
				total += w
				if best.x.qvocab[term] || best.x.avocab[term] {
					continue
				}
				if w > maxUnc {
					maxUnc = w
				}
				if e.df[term] > 0 {
					uncKnown += w
				} else {
					uncUnknown += w
				}
			}
			secOnly := 0.0
			if len(cs) > 1 {
				for term, w := range qw {
					inB := best.x.qvocab[term] || best.x.avocab[term]
					inS := cs[1].x.qvocab[term] || cs[1].x.avocab[term]
					if inS && !inB {
						secOnly += w
					}
				}
			}
			matched, unknown := 0, 0
			for _, t := range ts {
				switch {
				case t.Weak || isNumber(t.Text):
				case best.x.qvocab[t.Text] || best.x.avocab[t.Text]:
					matched++
				case e.df[t.Text] == 0 && len(t.Text) >= 4:
					unknown++
				}
			}
			ok := c.in && hasFact(best.x.Answer.In(langOf(q)), c.facts)
			a, _ := e.Answer(context.Background(), q, "")
			fmt.Printf("F %s %v %v conf=%.2f sim=%.2f cov=%.2f prec=%.2f marg=%.2f maxunc=%.2f unck=%.2f uncu=%.2f tot=%.2f sec=%.2f mu=%d/%d ans=%v %q -> %s\n",
				set, c.in, ok, confidence(best, second, e.P), best.sim, best.cov, best.prec, best.sim-second, maxUnc, uncKnown/total, uncUnknown/total, total, secOnly/total, matched, unknown, a.Answered, q, best.x.ID)
		}
	}
}

func langOf(q string) string {
	if DetectLang(q) == "en" {
		return "en"
	}
	return "nb"
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
		case "ans":
			e.P.AnswerMatch = f
		}
	}
}
