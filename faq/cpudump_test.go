package faq

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestDumpAnswers writes, for every training question (testdata/*.tsv,
// not the validation split's folder) and every corpus phrasing, the answer
// and the judgement behind it to full precision, one line each, so a change
// meant to keep answers byte-identical can be checked with cmp (engine-cpu,
// round 9). Off unless FAQ_DUMP names the file to write.
//
//	FAQ_DUMP=/tmp/before.txt go test ./faq -run TestDumpAnswers
func TestDumpAnswers(t *testing.T) {
	path := os.Getenv("FAQ_DUMP")
	if path == "" {
		t.Skip("FAQ_DUMP not set")
	}
	e := newTestEngine(t)
	ctx := context.Background()
	var qs []string
	files, _ := filepath.Glob("testdata/*.tsv")
	sort.Strings(files)
	for _, f := range files {
		for _, c := range loadEval(t, f) {
			qs = append(qs, c.question)
		}
	}
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range es {
		qs = append(qs, x.Questions...)
		qs = append(qs, "#"+x.ID)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	for _, q := range qs {
		for _, lang := range []string{"", "en", "nn"} {
			a, err := e.Answer(ctx, q, lang)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(w, "Q %q %s\nA %v %q %q %.17g %s %s %s %v %v %v\n", q, lang, a.Answered, a.Text, a.Source, a.Score, a.Lang, a.Path, a.EntryID, a.OutOfScope, a.Partial, a.Related)
			if lang != "" {
				continue
			}
			pq, pl := e.prepare(q, lang)
			j, err := e.judge(ctx, pq, pl)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(w, "J %q %s %v %v %v %v %v %.17g %.17g %v %v %v %v %v %v %d %d %d %d %v %.10f %v %.17g\n", pq, pl,
				j.noTopic, j.offTopic, j.otherObject, j.detail, j.detailKnown, j.second, j.knownShare, j.anchored,
				j.typeFit, j.notTop, j.veto, j.asksType, j.misfitPlain, j.matched, j.unknownNames, j.unknownCommon, j.terms,
				j.tied, j.tieLead, j.ambiguous, j.legacy)
			fmt.Fprintf(w, "P %.10f", j.p) // tieLead, and so p, vary in the last bits from run to run (tiebreak.go numbers words in map order)
			if j.best != nil {
				fmt.Fprintf(w, " best=%s", j.best.x.ID)
			}
			if j.rival != nil {
				fmt.Fprintf(w, " rival=%s", j.rival.x.ID)
			}
			for _, c := range j.cands {
				fmt.Fprintf(w, " [%s %.17g %.17g %.17g %.17g %.17g]", c.x.ID, c.bm25, c.cov, c.prec, c.sim, c.dice)
			}
			fmt.Fprintln(w)
			var qwk []string
			for k, v := range j.scratch.qw {
				qwk = append(qwk, fmt.Sprintf("%s=%.17g", k, v))
			}
			sort.Strings(qwk)
			fmt.Fprintf(w, "W %s\n", strings.Join(qwk, " "))
			j.release()
		}
	}
}
