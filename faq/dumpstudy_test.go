package faq

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDumpStudy writes, for every question of the files in FAQ_DUMP
// (space-separated globs under testdata), the engine's view as JSON lines
// to FAQ_DUMP_OUT: a study of the ranking, not a test.
func TestDumpStudy(t *testing.T) {
	globs := os.Getenv("FAQ_DUMP")
	if globs == "" {
		t.Skip("set FAQ_DUMP and FAQ_DUMP_OUT")
	}
	e := newTestEngine(t)
	clf := e.clf
	if os.Getenv("FAQ_DUMP_NOCLF") != "" {
		e.clf = nil // the engine's own answers, the classifier's view beside them
	}
	out, err := os.Create(os.Getenv("FAQ_DUMP_OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	enc := json.NewEncoder(out)
	type cand struct {
		ID                              string
		Sim, Cov, Prec, BM25, Dice, Clf float64
	}
	type row struct {
		File, Q, Prep, Lang string
		In                  bool
		Terms               []string
		Weights             []float64
		Cands               []cand
		Right               []string
		Best                string
		P                   float64
		Answered, OOS       bool
		Entry               string
		Veto, Detail        bool
		ClfBest, ClfOut     float64
		ClfTop              string
		ClfTopP             float64
		Liftable, Ambiguous bool
		VetoKind            string
		LiftP               float64 // the lift model's probability (unsure, no veto)
	}
	es, _ := DefaultCorpus()
	for _, g := range strings.Fields(globs) {
		files, _ := filepath.Glob(filepath.Join("testdata", g))
		for _, f := range files {
			rel, _ := filepath.Rel("testdata", f)
			cases := loadEval(t, f)
			var ids []string
			if strings.Contains(f, "paraphrases") {
				// entry<TAB>lang<TAB>question: labelled by entry.
				cases = cases[:0]
				b, _ := os.ReadFile(f)
				for _, l := range strings.Split(string(b), "\n") {
					if p := strings.Split(l, "\t"); len(p) == 3 {
						cases = append(cases, evalCase{in: true, question: p[2]})
						ids = append(ids, p[0])
					}
				}
			}
			for ci, c := range cases {
				if c.dataAnswered() {
					continue
				}
				q, lang := e.prepare(c.question, "")
				ts := e.an.AnalyzeIn(q, lang == "en")
				qw := e.weights(ts)
				r := row{File: rel, Q: c.question, Prep: q, Lang: lang, In: c.in}
				for _, x := range ts {
					r.Terms = append(r.Terms, x.Text)
					r.Weights = append(r.Weights, qw[x.Text])
				}
				cs, _ := e.candidates(context.Background(), ts, qw)
				var z []float64
				if clf != nil {
					var sc clfScratch
					z = clf.probs(&sc, ts)
				}
				for i, cd := range cs {
					if i == 8 {
						break
					}
					cl := 0.0
					if z != nil {
						cl = clf.prob(z, cd.x.ID)
					}
					r.Cands = append(r.Cands, cand{cd.x.ID, cd.sim, cd.cov, cd.prec, cd.bm25, cd.dice, cl})
				}
				if ids != nil {
					r.Right = []string{ids[ci]}
				} else if c.in {
					for _, en := range es {
						if holdsFact(en, c.facts) {
							r.Right = append(r.Right, en.ID)
						}
					}
				}
				if j, _ := e.judge(context.Background(), q, lang); j != nil && j.best != nil {
					r.Best, r.P = j.best.x.ID, j.p
					r.Veto, r.Detail = j.veto, j.detail != noDetail
					r.Liftable, r.Ambiguous = j.liftable, j.ambiguous
					for _, k := range []struct {
						on   bool
						name string
					}{{j.settingOnly, "settingOnly"}, {j.otherOwner, "otherOwner"}, {j.howToUnknown, "howToUnknown"}, {j.definesUnknown, "definesUnknown"}, {j.otherDocument, "otherDocument"}, {j.otherActor, "otherActor"}, {j.detail != noDetail, "detail"}} {
						if k.on {
							r.VetoKind += k.name + " "
						}
					}
					if j.veto && r.VetoKind == "" {
						if j.otherObject {
							r.VetoKind = "object"
						} else {
							r.VetoKind = "typeOrCount"
						}
					}
					if clf != nil {
						var sc clfScratch
						z := clf.probs(&sc, ts)
						r.ClfBest, r.ClfOut = clf.prob(z, j.best.x.ID), z[clf.out]
						top := 0
						for i := range z {
							if z[i] > z[top] {
								top = i
							}
						}
						r.ClfTop, r.ClfTopP = clf.classes[top], z[top]
						if !j.veto && j.p < e.threshold() {
							r.LiftP = clf.lift.Prob(liftFeatures(j, clf, z))
						}
					}
				}
				a, _ := e.Answer(context.Background(), c.question, "")
				r.Answered, r.OOS, r.Entry = a.Answered, a.OutOfScope, a.EntryID
				if err := enc.Encode(r); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
