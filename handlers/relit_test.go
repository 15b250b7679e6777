package handlers_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// relitChildOut names the file a child process of
// TestAnswersSameWithoutRelit writes its answers to.
const relitChildOut = "KULTURBOT_TEST_RELIT_OUT"

// TestAnswersSameWithoutRelit: every training question (faq/testdata/*.tsv,
// never the validation split) gets the same answer — live step and FAQ,
// every field — with the patterns' literal filters (internal/relit) as
// without them. The filters are off only in a process started with
// relit.BypassEnv set, so the test runs itself once more that way.
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
	answers := make([]string, len(qs))
	for i, q := range qs {
		a, err := e.h.Answer(context.Background(), handlers.Query{Text: q, Now: testNow, Lang: "nb"})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(a)
		answers[i] = string(b)
	}
	if out := os.Getenv(relitChildOut); out != "" {
		if !relit.Bypassed() {
			t.Fatalf("child process without %s=1", relit.BypassEnv)
		}
		b, _ := json.Marshal(answers)
		if err := os.WriteFile(out, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	if relit.Bypassed() {
		t.Fatalf("%s is set: the filters are off in this process too", relit.BypassEnv)
	}
	out := filepath.Join(t.TempDir(), "without.json")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnswersSameWithoutRelit$", "-test.count=1")
	cmd.Env = append(os.Environ(), relit.BypassEnv+"=1", relitChildOut+"="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the run without filters: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var without []string
	if err := json.Unmarshal(b, &without); err != nil {
		t.Fatal(err)
	}
	if len(without) != len(qs) {
		t.Fatalf("%d answers without filters for %d questions", len(without), len(qs))
	}
	for i := range qs {
		if answers[i] != without[i] {
			t.Errorf("%q:\n with filters    %s\n without filters %s", qs[i], answers[i], without[i])
		}
	}
	t.Logf("%d questions", len(qs))
}
