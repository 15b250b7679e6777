package faq

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
)

// evalCase is one labelled question (readLabelled's line).
type evalCase = labelled

func loadEval(t testing.TB, path string) []evalCase {
	t.Helper()
	cases, err := readLabelled(path)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// loadTraining is loadEval of testdata/<set>.tsv without the questions
// only the bot's own data answers: their expected answer is what
// handlers/live.go says on an empty database ("Ingen kommende samlinger
// er publisert ennå"), and the data step answers them before the FAQ is
// asked, so the engine alone is neither right nor wrong about them.
// Scored on the bot's real reply by cmd/kulturbot's TestTrainingAsk.
func loadTraining(t testing.TB, set string) []evalCase {
	var out []evalCase
	for _, c := range loadEval(t, "testdata/"+set+".tsv") {
		if !c.dataAnswered() {
			out = append(out, c)
		}
	}
	return out
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
var evalSets = []string{"eval", "holdout", "fresh", "unseen", "blind", "dev", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "validation1", "blind18", "blind19", "validation2", "blind20", "blind21", "blind22", "validation3", "blind24", "blind23", "blind26", "blind25", "blind27", "blind28", "validation4", "blind29", "validation5", "synno", "english7", "synno2", "validation6", "nbcheck8", "encheck8", "nbcheck8b", "validation7", "validation8", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44"}

// firstRunOnly are new blind sets whose per-set bars the engine has not
// been tuned to yet; they count in the training totals (and the gate fit)
// like any other set. blind18 (round 3) first ran at d2ebe05: 72.1% right,
// 9.4% confidently wrong, 81.0% out of scope declined. blind19 (round 3,
// faq-engine) first ran at 65ea293: 90.8% right, 4.7% confidently wrong,
// 90.0% declined.
// validation2 (the round-3 validation split, training since round 4) first
// ran at a47dfc5: 75.9% right, 6.5% wrong, 90.9% declined; its last run as
// the validation split (ade302d): 85.0%, 4.7%, 96.4%.
// blind20 (round 4, county persona) first ran at ea4b062: 78.8% right,
// 8.1% confidently wrong, 92.5% declined.
// blind21 (round 4, municipal persona) first ran at 0b81e12: 81.8% right,
// 5.2% confidently wrong, 100% declined.
// blind22 (round 4, mentors, working group and newcomers; heavy paraphrase)
// first ran at 04d45e7: 59.4% right, 11.1% confidently wrong, 97.8% declined.
// validation3 (the round-4 validation split, training since round 5) first
// ran through the engine at 42ee261: 76.8% right, 7.3% wrong, 98.2% declined
// (through ask 85.0%, 3.6%, 96.4%); its last run as the validation split
// (74348f3, engine): 80.0%, 6.2%, 98.2%.
// blind24 (round 5, heavy paraphrase, follow-ups without context; 5 exact
// duplicates of older training questions removed) first ran at 8d65b09:
// engine 64.3% right, 6.9% confidently wrong, 100% declined; through ask
// 67.5%, 6.9%, 100%.
// blind23 (round 5, west-coast persona, nynorsk-heavy; 6 duplicates of
// older sets or the validation split removed) first ran at 8d65b09 +
// blind24: engine 77.6% right, 4.4% confidently wrong, 94.1% declined;
// through ask 80.0%, 4.4%, 94.1%.
// blind26 (round 5, county leaders and boards; 18 duplicates of older sets
// removed, bare skole/school/skule dropped from two labels) first ran at
// c6468bc: engine 73.9% right, 5.3% confidently wrong, 91.9% declined;
// through ask 74.8%, 5.3%, 91.9%.
// blind25 (round 5, English first; 22 duplicates of older sets removed)
// first ran at b5e9a91: engine 74.3% right, 3.4% confidently wrong, 97.4%
// declined; through ask 76.1%, 3.4%, 97.4%.
// blind27 (round 5 check set, near-domain traps; 14 duplicates removed,
// loose patterns count/spør/link/ja dropped) first ran at af9e2b7, the
// end of round 5: engine 84.8% right, 6.0% confidently wrong, 89.2%
// declined; through ask 84.8%, 7.8%, 86.5%. blind28 (round 5 check set,
// precise details, details the document does not give labelled out; 8
// duplicates removed): engine 78.8%, 12.3%, 75.7%; ask 82.4%, 12.3%,
// 73.0%. Both are held out of the gate's fit (notFit). The lead ran them
// at four gate thresholds, aggregates only: 0.718 (the fit) → 0.858 cost
// 5 right answers and saved 5 wrong ones of 238 questions — the wrong
// answers on new text come with p ≥ 0.86, so the threshold is not the
// lever; the gate was left as fit.
// synno (round 7, faq-syn-no: nb/nn questions in synonyms, paraphrase
// and nynorsk forms the corpus lacks, written before their first run; held
// out of the gate's fit, notFit) first ran at af46a2d: engine 26/33 right
// (78.8%), 1/39 confidently wrong (2.6%), 6/6 declined; through ask the
// same.
// english7 (round 7, faq-syn-en: English questions in words the corpus's
// English does not use — scheme, councils, local authorities, terms,
// get-togethers, enrol, fees, grants, supervision — written before their
// first run; held out of the gate's fit, notFit) first ran at 5354bfd:
// engine 12/38 right (31.6%), 6/44 confidently wrong (13.6%), 6/6
// declined; through ask the same.
// synno2 (round 7, faq-syn-no: the same kind, written after synno's
// per-question results had been seen once, so the clean check) first ran
// at 33046a3 (main's lexicon): engine 18/22 right (81.8%), 0/25 wrong,
// 3/3 declined.
// nbcheck8 (round 8, faq-nb: bokmål/nynorsk questions as staff type them
// in work chat — abbreviations, compounds, nynorsk forms, paraphrase —
// written from the programme document before the helper looked at any miss
// and before its first run; held out of the gate's fit, notFit) first ran
// at 80970e6: engine 39/45 right (86.7%; nb 28/34, nn 11/11), 5/53
// confidently wrong (9.4%), 6/8 declined; through ask the same. At
// d454703 (faq-nb's class fixes and every other round-8 change in) still
// the same: the fixes did not transfer to it (docs/faq.md).
// nbcheck8b (round 8, faq-nb: a second such check, 32 in + 6 out, written
// at 23:45 after faq-nb's changes had landed, from the programme document,
// not from any miss; untuned, notFit) ran once on main 3f21766 with and
// without faq-nb's six answer-changing commits, engine: with 32/32 right,
// 1/38 confidently wrong, 5/6 declined; without 31/32, 1/38, 5/6.
// encheck8 (round 8, faq-en: English as Norwegians and foreigners type it
// in Slack — Norwegian words mixed in, typos, chat paraphrase — written
// before its first run and before this round's English misses were read;
// held out of the gate's fit, notFit; never tuned on) first ran at 80970e6:
// engine 37/42 right (88.1%), 1/50 confidently wrong (2.0%), 8/8 declined;
// through ask 38/42 (90.5%), 1/50 (2.0%), 7/8 declined. At the end of
// faq-en's work (8194b92, everyone's changes and the gate refits
// included): engine and ask 39/42 (92.9%), 0/50, 8/8.
var firstRunOnly = map[string]bool{"blind30": true, "blind31": true, "blind32": true, "blind33": true, "blind34": true, "blind35": true, "blind36": true, "blind37": true, "blind38": true, "blind39": true, "blind40": true, "blind41": true, "blind42": true, "blind43": true, "blind44": true, "nbcheck8b": true, "encheck8": true, "nbcheck8": true, "synno2": true, "english7": true, "synno": true, "blind29": true, "blind18": true, "blind24": true, "blind23": true, "blind26": true, "blind25": true, "blind27": true, "blind28": true}

// untuned are the blind sets written this round (round 4) by helpers who
// read only PRODUCT.md and the programme document. Their first-run figures
// are in docs/faq.md; until the engine and corpus have been tuned to them
// they count in the printed training totals and the gate fit, but not in
// the aggregate bars below, which guard the sets already tuned on. Round 5:
// validation3, the round-4 validation split, joins the training data; it
// met the bars by 15:50 (engine 192/197 right, 2/252 wrong, 55/55
// declined) and counts in them since.
//
// Round 6: validation4, the round-5 validation split, meets the bars
// (faq-engine, 18:15 UTC, main 6c5afad + gate refit: engine 208/220
// right — nb 94.3%, nn 95.3%, en 94.4% — 2/275 wrong, 55/55 declined;
// cross-validated by whole sets 205/220, 2/275) and counts in them.
//
// Round 7: validation5, the round-6 validation split (first run 31f7d8b,
// through ask 81.4% right, 4.4% wrong, 96.4% declined; last run 20d258b:
// 82.7%, 3.3%, 96.4%), joins the training data, untuned until it meets
// the bars.
//
// Round 8: validation6, the round-7 validation split (first run 33046a3,
// through ask 86.8% right, 4.4% wrong, 94.5% declined; last run 7f69c30:
// 88.2%, 4.4%, 94.5%), joins the training data, untuned until it meets
// the bars.
//
// Round 9: validation7, the round-8 validation split (first run da36d87,
// through ask 85.9% right, 4.4% wrong, 98.2% declined; last run 609d59b:
// 86.4%, 4.4%, 98.2%), joins the training data, untuned until it meets
// the bars, and out of the gate's fit (notFit) until the gate is refit.
//
// Round 10: validation8, the round-9 validation split (8 and 8b; first
// run 389b29c, through ask 84.7% right, 5.1% wrong, 91.1% declined; last
// run eefaea9: 86.7%, 5.1%, 91.1%), joins the training data, untuned until
// it meets the bars, and out of the gate's fit until the gate is refit.
var untuned = map[string]bool{"validation8": true, "validation7": true, "nbcheck8b": true, "encheck8": true, "nbcheck8": true, "validation6": true, "synno2": true, "english7": true, "synno": true, "validation5": true, "blind29": true, "blind24": true, "blind23": true, "blind26": true, "blind25": true, "blind27": true, "blind28": true}

// evalFigures counts the outcomes of a set of questions.
type evalFigures struct {
	nIn, okIn, wrongIn, unsureIn, nOut, okOut int
}

func (f *evalFigures) add(g evalFigures) {
	f.nIn += g.nIn
	f.okIn += g.okIn
	f.wrongIn += g.wrongIn
	f.unsureIn += g.unsureIn
	f.nOut += g.nOut
	f.okOut += g.okOut
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func (f evalFigures) inPct() float64    { return pct(f.okIn, f.nIn) }
func (f evalFigures) outPct() float64   { return pct(f.okOut, f.nOut) }
func (f evalFigures) wrong() int        { return f.wrongIn + f.nOut - f.okOut }
func (f evalFigures) wrongPct() float64 { return pct(f.wrong(), f.nIn+f.nOut) }

// String is the aggregate line the validation split may print: counts
// only, never a question.
func (f evalFigures) String() string {
	return fmt.Sprintf("in scope right %d/%d (%.1f%%), confidently wrong %d/%d (%.1f%%), abstained %d/%d (%.1f%%), out of scope declined %d/%d (%.1f%%)",
		f.okIn, f.nIn, f.inPct(), f.wrong(), f.nIn+f.nOut, f.wrongPct(), f.unsureIn, f.nIn, pct(f.unsureIn, f.nIn), f.okOut, f.nOut, f.outPct())
}

// questionLang is the language a training question is counted in.
func questionLang(q string) string {
	return answerLang(strings.TrimSpace(q), "")
}

// runEval answers cases and counts the outcomes by language; logf (nil:
// silent) hears about each miss.
func runEval(t testing.TB, e *Engine, cases []evalCase, langOf func(string) string, logf func(string, ...any)) map[string]evalFigures {
	out := map[string]evalFigures{}
	for _, c := range cases {
		a, err := e.Answer(context.Background(), c.question, "")
		if err != nil {
			t.Fatal(err)
		}
		l := langOf(c.question)
		f := out[l]
		right := false
		if a.Answered {
			en, _ := e.Entry(a.EntryID)
			right = c.in && (hasFact(a.Text, c.facts) || holdsFact(en, c.facts))
		}
		if c.in {
			f.nIn++
			switch {
			case right:
				f.okIn++
			case a.Answered:
				f.wrongIn++
				if logf != nil {
					logf("WRONG   %q -> %s (%.2f) want %v", c.question, a.EntryID, a.Score, c.facts)
				}
			default:
				f.unsureIn++
				if logf != nil {
					rel := []string{}
					for _, r := range a.Related {
						rel = append(rel, r.ID)
					}
					logf("UNSURE  %q (%.2f oos=%v) related=%v want %v", c.question, a.Score, a.OutOfScope, rel, c.facts)
				}
			}
		} else {
			f.nOut++
			if !a.Answered {
				f.okOut++
			} else if logf != nil {
				logf("ANSWERED out-of-scope %q -> %s (%.2f)", c.question, a.EntryID, a.Score)
			}
		}
		out[l] = f
	}
	return out
}

// TestEvaluation measures the engine on the training sets (evalSets). The
// bars are the targets on all of them together — at least 92%
// right in scope in every language, at most 2% confidently wrong, at least
// 93% of out-of-scope questions declined — and, per set, a floor that
// catches one set collapsing: 85% right, 15% wrong, 70% declined (a set
// of 33–45 questions moves 3% with every question, and its 10–15
// out-of-scope questions 7–10% each; the gate's threshold is refit with
// every change, and where it lands moves a small set by a question or two).
func TestEvaluation(t *testing.T) {
	e := newTestEngine(t)
	all := map[string]evalFigures{}   // every set, printed
	tuned := map[string]evalFigures{} // the sets the bars hold
	var total, tunedTotal evalFigures
	for _, set := range evalSets {
		t.Run(set, func(t *testing.T) {
			path := "testdata/" + set + ".tsv"
			byLang := runEval(t, e, loadTraining(t, set), questionLang, t.Logf)
			var f evalFigures
			for l, g := range byLang {
				f.add(g)
				x := all[l]
				x.add(g)
				all[l] = x
				if !untuned[set] {
					y := tuned[l]
					y.add(g)
					tuned[l] = y
				}
			}
			total.add(f)
			if !untuned[set] {
				tunedTotal.add(f)
			}
			fmt.Printf("faq eval %s: in scope %d/%d answered correctly (%.1f%%), %d unsure; out of scope %d/%d declined (%.1f%%); confidently wrong %d/%d (%.1f%%)\n",
				path, f.okIn, f.nIn, f.inPct(), f.unsureIn, f.okOut, f.nOut, f.outPct(), f.wrong(), f.nIn+f.nOut, f.wrongPct())
			if set == "eval" && (f.nIn < 100 || f.nOut < 30) {
				t.Errorf("evaluation set too small: %d in scope, %d out of scope", f.nIn, f.nOut)
			}
			if firstRunOnly[set] {
				return // a new blind set: figures printed, bars not yet earned
			}
			// 80% (85% until round 4), and never less than two
			// questions: in a set of ten one question is 10%. The gate
			// is fit on every training set, the untuned ones too; with
			// validation2 and blind20–22 (first runs 4.7–11% confidently
			// wrong) in the fit, the threshold that keeps training at 1%
			// wrong rose from 0.72 to 0.83 and the oldest short-question
			// sets lost a question or two each (fresh 39/46, blind16
			// 8/10). The floor catches a set collapsing, not that.
			if miss := f.nIn - f.okIn; f.inPct() < 80 && miss > 2 {
				t.Errorf("in scope answered correctly %.1f%% < 80%% (%d missed)", f.inPct(), miss)
			}
			if f.outPct() < 70 {
				t.Errorf("out of scope declined %.1f%% < 70%%", f.outPct())
			}
			if f.wrongPct() > 15 {
				t.Errorf("confidently wrong %.1f%% > 15%%", f.wrongPct())
			}
		})
	}
	for _, l := range []string{"nb", "nn", "en"} {
		fmt.Printf("faq eval training %s: %s\n", l, all[l])
		if tuned[l].nIn > 0 && tuned[l].inPct() < 92 {
			t.Errorf("%s: in scope right %.1f%% < 92%% (sets tuned on)", l, tuned[l].inPct())
		}
	}
	fmt.Printf("faq eval training all: %s\n", total)
	if len(untuned) > 0 {
		fmt.Printf("faq eval tuned sets all: %s\n", tunedTotal)
	}
	if tunedTotal.wrongPct() > 2 {
		t.Errorf("confidently wrong %.1f%% > 2%% (sets tuned on)", tunedTotal.wrongPct())
	}
	if tunedTotal.outPct() < 93 {
		t.Errorf("out of scope declined %.1f%% < 93%% (sets tuned on)", tunedTotal.outPct())
	}
}

// TestValidation prints the figures on the validation split
// (testdata/validation/<lang>.tsv, written blind by the lead and never
// tuned on): aggregates per language only, never a question, and no bar —
// the figures are reported as they are (docs/faq.md).
//
//	FAQ_VALIDATION=1 go test ./faq -run TestValidation -v
//
// FAQ_VALIDATION_DIR=validation10 runs another blind split of the same
// form (a directory under faq/testdata) instead.
func TestValidation(t *testing.T) {
	if os.Getenv("FAQ_VALIDATION") == "" {
		t.Skip("set FAQ_VALIDATION=1 (run it once per finished engine; never tune on it)")
	}
	e := newTestEngine(t)
	var total evalFigures
	dir := validationDir()
	for _, l := range []string{"nb", "nn", "en"} {
		p := path.Join("testdata", dir, l+".tsv")
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			continue // a split of two languages (validation35)
		}
		cases := loadEval(t, p)
		f := runEval(t, e, cases, func(string) string { return l }, nil)[l]
		total.add(f)
		fmt.Printf("faq validation %s: %s\n", l, f)
	}
	fmt.Printf("faq validation all: %s\n", total)
}

// validationDir is the blind split the validation runs read: a directory
// under faq/testdata holding nb.tsv, nn.tsv and en.tsv (FAQ_VALIDATION_DIR,
// default validation, the round's split).
func validationDir() string {
	if d := os.Getenv("FAQ_VALIDATION_DIR"); d != "" {
		return d
	}
	return "validation"
}
