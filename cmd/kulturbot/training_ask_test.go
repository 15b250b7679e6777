package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestTrainingAsk runs every training set (faq/testdata/*.tsv; never the
// validation split in faq/testdata/validation/) through `kulturbot ask
// --json` on an empty database, the path a question takes in chat: the
// bot's own data, how-to and small talk (handlers/live.go) first, then the
// FAQ. It prints one line per set, and with -v every question that was not
// answered right, with the path it took — the list to tune the live step
// on. faq's TestEvaluation measures the FAQ engine alone on the same sets.
//
//	go test ./cmd/kulturbot -run TestTrainingAsk -v
//
// FAQ_VALIDATION_OUTCOMES=file appends one JSON line per question, as
// TestValidationAsk does (scripts/validation/cmp.py compares two).
//
// Its bar is on the live step alone: of the questions the bot answers from
// its own data or commands, at most 2 % may be answered wrongly or be
// out-of-scope questions taken as its own — the live step may not steal
// programme questions from the FAQ.
func TestTrainingAsk(t *testing.T) {
	if testing.Short() {
		t.Skip("asks every training question (-short)")
	}
	paths, err := filepath.Glob(filepath.Join("..", "..", "faq", "testdata", "*.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 20 {
		t.Fatalf("only %d training sets found", len(paths))
	}
	sort.Slice(paths, func(i, j int) bool { return setOrder(paths[i]) < setOrder(paths[j]) })
	var sets [][]valCase
	var all []valCase
	for _, p := range paths {
		cs := loadValidation(t, p)
		sets = append(sets, cs)
		all = append(all, cs...)
	}
	// One process for every question: the FAQ index is built once.
	entries := corpusEntries(t)
	_, outcomes := askSet(t, all, entries)
	var total valFigures
	var live liveFigures
	for i, p := range paths {
		set := strings.TrimSuffix(filepath.Base(p), ".tsv")
		var f valFigures
		var l liveFigures
		for _, o := range outcomes[:len(sets[i])] {
			f.count(o.c, o.r, entries)
			l.count(o)
			if testing.Verbose() && o.how != "right" && o.how != "declined" {
				t.Logf("%s %s path=%s entry=%s q=%q → %q", set, o.how, o.r.Path, o.r.EntryID, o.c.question, snippet(o.r.Answer))
			}
		}
		if p := os.Getenv("FAQ_VALIDATION_OUTCOMES"); p != "" {
			writeOutcomes(t, p, set, outcomes[:len(sets[i])])
		}
		outcomes = outcomes[len(sets[i]):]
		total.add(f)
		live.add(l)
		fmt.Printf("ask training %s: %s; live step %s\n", set, f, l)
	}
	fmt.Printf("ask training all: %s; live step %s\n", total, live)
	// The bar for confidently wrong answers (2 %), on the live
	// step's own answers. (blind22's nynorsk "Kva skjer dersom boten ikkje
	// veit svaret?" is answered right, "sendt vidare til arbeidsgruppa",
	// but its facts name only the bokmål forms.)
	if live.stolen*100 > live.taken*2 {
		t.Errorf("the live step answered %d of its %d questions wrongly or took out-of-scope ones (> 2%%; run with -v)", live.stolen, live.taken)
	}
}

// liveFigures counts the questions the live step (data, how-to, small
// talk, slash-less commands) took instead of the FAQ.
type liveFigures struct{ taken, right, stolen int }

func (l *liveFigures) count(o askOutcome) {
	switch o.r.Path {
	case "data", "smalltalk", "command":
	default:
		return
	}
	l.taken++
	switch o.how {
	case "right":
		l.right++
	case "wrong", "answered-out":
		l.stolen++
	}
}

func (l *liveFigures) add(o liveFigures) {
	l.taken += o.taken
	l.right += o.right
	l.stolen += o.stolen
}

func (l liveFigures) String() string {
	return fmt.Sprintf("took %d, right %d, wrong %d", l.taken, l.right, l.stolen)
}

// setOrder sorts eval, holdout, … before blind, blind2 … blind22, then the
// old validation splits: by name, numbers compared as numbers.
func setOrder(p string) string {
	name := strings.TrimSuffix(filepath.Base(p), ".tsv")
	i := strings.IndexFunc(name, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return name + "/000"
	}
	n, _ := strconv.Atoi(name[i:])
	return fmt.Sprintf("%s/%03d", name[:i], n)
}

func snippet(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 110 {
		return string(r[:110]) + "…"
	}
	return s
}
