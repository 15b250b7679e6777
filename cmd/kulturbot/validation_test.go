package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/faq"
)

// TestValidationAsk runs the FAQ validation split (faq/testdata/validation,
// written blind and never tuned on) through `kulturbot ask --json` on an
// empty database: the path a question takes in chat (the bot's own data,
// how-to and small talk first, then the FAQ), not the FAQ engine alone.
// Like faq's TestValidation it prints aggregates per language only, never a
// question, and sets no bar: the figures are reported as they are
// (docs/faq.md).
//
//	FAQ_VALIDATION=1 go test ./cmd/kulturbot -run TestValidationAsk -v
//
// FAQ_VALIDATION_OUTCOMES=file appends one JSON line per question (its
// outcome, path and entry) for engine work on the splits already selected
// on; never set it for a split's first run.
func TestValidationAsk(t *testing.T) {
	if os.Getenv("FAQ_VALIDATION") == "" {
		t.Skip("set FAQ_VALIDATION=1 (run it once per finished engine; never tune on it)")
	}
	entries := corpusEntries(t)
	var total valFigures
	// FAQ_VALIDATION_DIR=validation10: another blind split of the same
	// form, a directory under faq/testdata.
	dir := "validation"
	if d := os.Getenv("FAQ_VALIDATION_DIR"); d != "" {
		dir = d
	}
	for _, l := range []string{"nb", "nn", "en"} {
		p := filepath.Join("..", "..", "faq", "testdata", dir, l+".tsv")
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			continue // a split of two languages (validation35)
		}
		cases := loadValidation(t, p)
		f, outcomes := askSet(t, cases, entries)
		total.add(f)
		if p := os.Getenv("FAQ_VALIDATION_OUTCOMES"); p != "" {
			writeOutcomes(t, p, dir+"/"+l, outcomes)
		}
		fmt.Printf("ask validation %s: %s\n", l, f)
	}
	fmt.Printf("ask validation all: %s\n", total)
}

// writeOutcomes appends each question's outcome to path as a JSON line.
func writeOutcomes(t *testing.T, path, set string, outcomes []askOutcome) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, o := range outcomes {
		row := struct {
			Set, Q, How, Path, Entry string
			Facts                    []string
			Score                    float64
			Parts                    int
		}{set, o.c.question, o.how, o.r.Path, o.r.EntryID, o.c.facts, o.r.Score, len(o.r.Parts)}
		if err := enc.Encode(row); err != nil {
			t.Fatal(err)
		}
	}
}

// corpusEntries is the shipped corpus by entry id, for counting an answer
// right by its entry's text in any language.
func corpusEntries(t *testing.T) map[string]faq.Entry {
	t.Helper()
	corpus, err := faq.DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	entries := map[string]faq.Entry{}
	for _, e := range corpus {
		entries[e.ID] = e
	}
	return entries
}

// askOutcome is one question's answer through `kulturbot ask --json` and
// how it counted.
type askOutcome struct {
	c   valCase
	r   askResult
	how string // "right", "wrong", "unsure", "declined", "answered-out"
}

// askSet asks cases through `kulturbot ask --json` on an empty database
// (one process, one question per stdin line) and counts the outcomes.
func askSet(t *testing.T, cases []valCase, entries map[string]faq.Entry) (valFigures, []askOutcome) {
	t.Helper()
	var in strings.Builder
	for _, c := range cases {
		in.WriteString(c.question + "\n")
	}
	db := filepath.Join(t.TempDir(), "k.db")
	out, errOut, code := run(t, db, in.String(), "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("%d answers to %d questions", len(lines), len(cases))
	}
	var f valFigures
	outcomes := make([]askOutcome, len(cases))
	for i, c := range cases {
		var r askResult
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil {
			t.Fatal(err)
		}
		outcomes[i] = askOutcome{c: c, r: r, how: f.count(c, r, entries)}
	}
	return f, outcomes
}

type valCase struct {
	in       bool
	question string
	facts    []string
}

func loadValidation(t *testing.T, path string) []valCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []valCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		p := strings.Split(line, "\t")
		c := valCase{in: p[0] == "in", question: p[1]}
		if c.in {
			c.facts = strings.Split(p[2], "|")
		}
		out = append(out, c)
	}
	return out
}

// valFigures counts outcomes the way faq's evaluation does: an answer is
// right when its text, or any language version of the FAQ entry it came
// from, holds one of the question's facts; confidently wrong counts wrong
// in-scope answers and answered out-of-scope questions, over all questions.
type valFigures struct{ nIn, okIn, wrongIn, unsureIn, nOut, okOut int }

func (f *valFigures) count(c valCase, r askResult, entries map[string]faq.Entry) string {
	if !c.in {
		f.nOut++
		if !r.Answered {
			f.okOut++
			return "declined"
		}
		return "answered-out"
	}
	f.nIn++
	switch {
	case !r.Answered:
		f.unsureIn++
		return "unsure"
	case holdsFact(r.Answer, c.facts):
		f.okIn++
	case r.EntryID != "" && holdsFact(entries[r.EntryID].Answer.NB+"\n"+entries[r.EntryID].Answer.NN+"\n"+entries[r.EntryID].Answer.EN, c.facts):
		f.okIn++
	default:
		f.wrongIn++
		return "wrong"
	}
	return "right"
}

func (f *valFigures) add(o valFigures) {
	f.nIn += o.nIn
	f.okIn += o.okIn
	f.wrongIn += o.wrongIn
	f.unsureIn += o.unsureIn
	f.nOut += o.nOut
	f.okOut += o.okOut
}

func (f valFigures) String() string {
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	wrong := f.wrongIn + f.nOut - f.okOut
	return fmt.Sprintf("in scope right %d/%d (%.1f%%), confidently wrong %d/%d (%.1f%%), abstained %d/%d (%.1f%%), out of scope declined %d/%d (%.1f%%)",
		f.okIn, f.nIn, pct(f.okIn, f.nIn), wrong, f.nIn+f.nOut, pct(wrong, f.nIn+f.nOut), f.unsureIn, f.nIn, pct(f.unsureIn, f.nIn), f.okOut, f.nOut, pct(f.okOut, f.nOut))
}

func holdsFact(text string, facts []string) bool {
	lt := strings.ToLower(text)
	for _, f := range facts {
		if strings.Contains(lt, strings.ToLower(f)) {
			return true
		}
	}
	return false
}
