package handlers_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// TestAnswersSameWithoutRelit: every training question (faq/testdata/*.tsv,
// never the validation split) gets the same answer — live step and FAQ,
// every field — with the patterns' literal filters (internal/relit) as
// without them.
func TestAnswersSameWithoutRelit(t *testing.T) {
	if testing.Short() {
		t.Skip("asks every training question twice (-short)")
	}
	e := newFAQEnv(t)
	e.ask("admin", `/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	e.ask("admin", `/samling ny navn="Oppstartssamling" dato=2025-02-06 sted="Bodø" region=Salten frist=2025-01-31`)
	files, err := filepath.Glob(filepath.Join("..", "faq", "testdata", "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatal("no training sets", err)
	}
	var qs []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if parts := strings.Split(sc.Text(), "\t"); len(parts) >= 2 && !strings.HasPrefix(parts[0], "#") {
				qs = append(qs, parts[1])
			}
		}
		fh.Close()
	}
	answers := func() []string {
		out := make([]string, len(qs))
		for i, q := range qs {
			a, err := e.h.Answer(context.Background(), handlers.Query{Text: q, Now: testNow, Lang: "nb"})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(a)
			out[i] = string(b)
		}
		return out
	}
	with := answers()
	relit.Bypass(true)
	without := answers()
	relit.Bypass(false)
	for i := range qs {
		if with[i] != without[i] {
			t.Errorf("%q:\n with filters    %s\n without filters %s", qs[i], with[i], without[i])
		}
	}
	t.Logf("%d questions", len(qs))
}
