package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestIngestCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(filepath.Join(docs, "sub"), 0o755)
	os.WriteFile(filepath.Join(docs, "rammeverk.md"), []byte("# Rammeverk\n\n## Regioner\n\nEn region består av minst tre kommuner.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "sub", "veiledning.txt"), []byte("Veiledning\n\nHver kommune får veiledning fire ganger i året.\n"), 0o644)
	os.WriteFile(filepath.Join(docs, "bilde.png"), []byte{0x89, 'P', 'N', 'G'}, 0o644) // skipped by extension

	out, errOut, code := run(t, db, "", "ingest", docs)
	if code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	mustContain(t, out, `added      rammeverk.md  "Rammeverk"`, `added      veiledning.txt  "Veiledning"`, "pages/s")

	out, _, _ = run(t, db, "", "ingest", docs)
	mustContain(t, out, "unchanged  rammeverk.md", "unchanged  veiledning.txt")

	out, _, _ = run(t, db, "", "ingest", "--list")
	mustContain(t, out, "ID  NAME", "rammeverk.md", "Veiledning", "cli")

	out, errOut, code = run(t, db, "", "ingest", "--remove", "rammeverk")
	if code != 0 {
		t.Fatalf("remove: %s", errOut)
	}
	mustContain(t, out, `removed  rammeverk.md  "Rammeverk"`)
	if _, errOut, code := run(t, db, "", "ingest", "--remove", "rammeverk"); code == 0 {
		t.Fatalf("second remove succeeded: %s", errOut)
	}
	if _, _, code := run(t, db, "", "ingest", filepath.Join(docs, "bilde.png")); code == 0 {
		t.Fatal("png ingested")
	}
}

func TestSetupDocsAlwaysReturnsLibrary(t *testing.T) {
	t.Parallel()
	cfg := &Config{DB: filepath.Join(t.TempDir(), "k.db")}
	a, err := NewApp(context.Background(), cfg, nil, os.Stdout, newLogger(os.Stderr, "error"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ans, err := a.setupDocs(context.Background())
	if err != nil || ans == nil {
		t.Fatalf("setupDocs: %v %v", ans, err)
	}
	if got, _ := ans.Answer(context.Background(), "Hva er en region?", ""); got.Answered {
		t.Fatalf("answered from an empty library: %+v", got)
	}
}

// TestAskWithLLM runs ingest and `ask --json` against a local
// OpenAI-compatible server: the answer comes from the LLM path with the
// citation of the passage it was given.
func TestAskWithLLM(t *testing.T) {
	t.Parallel()
	var chats, embeds atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Input    []string                   `json:"input"`
			Messages []struct{ Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/embeddings":
			embeds.Add(1)
			var data []map[string]any
			for i := range req.Input {
				data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": []float32{1, float32(i), 0.5}})
			}
			json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
		case "/v1/chat/completions":
			chats.Add(1)
			if len(req.Messages) != 2 || !strings.Contains(req.Messages[1].Content, `<passage id="1" doc="Rammeverk"`) {
				t.Errorf("chat request: %+v", req.Messages)
			}
			json.NewEncoder(w).Encode(map[string]any{"choices": []map[string]any{{"index": 0,
				"message": map[string]any{"role": "assistant", "content": "Hver region leverer en rapport innen 1. desember [1]."}}}})
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	doc := filepath.Join(dir, "rammeverk.md")
	os.WriteFile(doc, []byte("# Rammeverk\n\n## Evaluering\n\nHver region leverer en rapport om arbeidet innen 1. desember hvert år. Arbeidsgruppen sammenstiller rapportene.\n"), 0o644)
	llm := []string{"--openai-api-key", "sk-test", "--openai-base-url", srv.URL + "/v1", "--llm-timeout", "5s"}
	out, errOut, code := run(t, db, "", append(llm, "ingest", doc)...)
	if code != 0 {
		t.Fatalf("ingest: %s %s", out, errOut)
	}
	mustContain(t, out, "embeddings: 1 chunks with text-embedding-3-small")
	out, errOut, code = run(t, db, "", append(llm, "ask", "--json", "Hvem sammenstiller rapportene fra regionene?")...)
	if code != 0 {
		t.Fatalf("ask: %s", errOut)
	}
	var res struct {
		Answered  bool
		Path      string
		Answer    string
		Source    string
		Citations []struct {
			N       int
			Doc     string
			Section string
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !res.Answered || res.Path != "llm" || len(res.Citations) != 1 || res.Citations[0].Doc != "Rammeverk" || res.Citations[0].Section != "Evaluering" || res.Source != "[1] Rammeverk" {
		t.Fatalf("ask --json: %s", out)
	}
	if chats.Load() != 1 || embeds.Load() < 2 {
		t.Errorf("calls: chat %d embeddings %d", chats.Load(), embeds.Load())
	}
}

// TestAskWithLLMNoDocuments: with an LLM configured and no document
// ingested, a question the FAQ is unsure of still reaches the model, with
// the FAQ's nearest entries as its passages; the answer names the cited
// entry and its source. NO_ANSWER sends the question to the working group.
func TestAskWithLLMNoDocuments(t *testing.T) {
	t.Parallel()
	var chats atomic.Int32
	var mode atomic.Value
	mode.Store("cite")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		chats.Add(1)
		if len(req.Messages) != 2 || !strings.Contains(req.Messages[1].Content, `section="FAQ: `) || !strings.Contains(req.Messages[1].Content, "Svar: ") {
			t.Errorf("no FAQ entry in the prompt: %+v", req.Messages)
		}
		content := "Kommunen setter selv sammen gruppen [1]."
		if mode.Load() == "none" {
			content = "NO_ANSWER"
		}
		json.NewEncoder(w).Encode(map[string]any{"choices": []map[string]any{{"index": 0,
			"message": map[string]any{"role": "assistant", "content": content}}}})
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "k.db")
	llm := []string{"--openai-api-key", "sk-test", "--openai-base-url", srv.URL + "/v1", "--llm-timeout", "5s", "--embed-model", "none"}
	q := "Kan vi bytte region underveis i programmet?"
	out, errOut, code := run(t, db, "", append(llm, "ask", "--json", q)...)
	if code != 0 {
		t.Fatalf("ask: %s", errOut)
	}
	var res askResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if chats.Load() != 1 || !res.Answered || res.Path != "llm" || res.EntryID == "" || strings.HasPrefix(res.EntryID, "chunk:") ||
		!strings.HasPrefix(res.Source, "[1] Fremtidens kulturskole") {
		t.Fatalf("calls %d, ask --json: %s", chats.Load(), out)
	}
	mode.Store("none")
	out, errOut, code = run(t, db, q+"\n", llm...)
	if code != 0 {
		t.Fatalf("console: %s", errOut)
	}
	mustContain(t, out, "(sak #1)")
}
