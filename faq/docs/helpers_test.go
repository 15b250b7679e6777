package docs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
)

func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// testLog discards logs unless -v, and lets tests look for a reason.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newLog() (*slog.Logger, *logBuf) {
	b := &logBuf{}
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})), b
}

// pdfPara is a paragraph of a generated PDF: lines set in one font size.
type pdfPara struct {
	size  float64
	lines []string
}

// latin1 encodes s for a WinAnsiEncoding font and escapes PDF string syntax.
func latin1(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// makePDF writes a small valid PDF by hand: one Helvetica font
// (WinAnsiEncoding, so æøå work), one content stream per page, lines
// placed with Td, paragraphs separated by a wider gap, and a real xref
// table so strict readers accept it.
func makePDF(title string, pages [][]pdfPara) []byte {
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("") // filled below
	pagesObj := add("")
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	info := add(fmt.Sprintf("<< /Title (%s) /Producer (kulturbot tests) >>", latin1(title)))
	var kids []string
	for _, pg := range pages {
		var c strings.Builder
		c.WriteString("BT\n72 770 Td\n")
		for i, p := range pg {
			lead := p.size * 1.25
			if i > 0 {
				fmt.Fprintf(&c, "0 %.1f Td\n", -p.size*1.2) // paragraph gap
			}
			fmt.Fprintf(&c, "/F1 %.1f Tf\n", p.size)
			for _, l := range p.lines {
				fmt.Fprintf(&c, "(%s) Tj\n0 %.1f Td\n", latin1(l), -lead)
			}
		}
		c.WriteString("ET\n")
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))

	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, info, xref)
	return b.Bytes()
}

// Test documents, written for these tests.
const testMarkdown = `# Rammeverk for regionale utviklingsprogram

Dette rammeverket beskriver hvordan regionale utviklingsprogram for kulturskolen er bygd opp.

## Formål

Programmet skal styrke kulturskolene ved at kommuner samarbeider i regioner. Målet er at flere barn og unge får et godt og variert kulturskoletilbud der de bor.

## Regioner

En region består av minst tre kommuner som samarbeider om utviklingsarbeidet over tre år. Hver region har en regional koordinator som leder samlingene og holder kontakten med fylket.

## Økonomi

Kommunene dekker selv reisekostnader og overnatting til samlingene. Programmet dekker utgifter til veiledere, foredragsholdere og faglig innhold.
`

const testText = "Veiledning i programmet\n\nVeiledning\n\nHver kommune får tilbud om veiledning fra en erfaren kulturskoleleder. Veilederen møter kommunens ledergruppe minst fire ganger i året.\n\fLogg\n\nVeiledningsmøtene logges med dato, varighet og tema, slik at arbeidsgruppen kan følge utviklingen.\n"

func testPDF() []byte {
	return makePDF("Dialoghefte om samskaping", [][]pdfPara{
		{
			{18, []string{"Dialoghefte om samskaping"}},
			{11, []string{"Heftet gir kommunene spørsmål å drøfte når de planlegger", "samarbeid med lokale aktører."}},
		},
		{
			{14, []string{"Samskaping med frivillige"}},
			{11, []string{"Kulturskolen kan samarbeide med korps, kor og andre frivillige", "organisasjoner om felles tilbud for barn og unge."}},
		},
		{
			{14, []string{"Evaluering"}},
			{11, []string{"Hver region leverer en rapport om arbeidet innen 1. desember", "hvert år. Rapporten sendes til arbeidsgruppen."}},
			{11, []string{"Rapporten beskriver hva kommunene har prøvd ut, og hva de vil", "videreføre."}},
		},
	})
}

// ingestAll loads the three test documents.
func ingestAll(t testing.TB, l *Library) {
	t.Helper()
	ctx := context.Background()
	for name, content := range map[string][]byte{
		"rammeverk.md":    []byte(testMarkdown),
		"veiledning.txt":  []byte(testText),
		"dialoghefte.pdf": testPDF(),
	} {
		if _, err := l.Ingest(ctx, name, "testdata/"+name, content, "test"); err != nil {
			t.Fatalf("ingest %s: %v", name, err)
		}
	}
}

// fakeOpenAI is a local OpenAI-compatible server: /v1/embeddings and
// /v1/chat/completions, checking what the real go-openai client sends.
type fakeOpenAI struct {
	t          testing.TB
	srv        *httptest.Server
	chatModel  string
	embedModel string
	dim        int

	mu        sync.Mutex
	mode      string // chat behaviour: ok, noanswer, refused, nocite, 500, 429, slow, malformed
	embedMode string // "", "429once", "500"
	chatCalls int
	embCalls  int
	embInputs int
	lastChat  chatReq
	answer    string
}

type chatReq struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

func newFakeOpenAI(t testing.TB) *fakeOpenAI {
	f := &fakeOpenAI{t: t, chatModel: "test-chat", embedModel: "test-embed", dim: 64, mode: "ok"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/embeddings", f.embeddings)
	mux.HandleFunc("POST /v1/chat/completions", f.chat)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeOpenAI) options(log *slog.Logger) Options {
	return Options{APIKey: "sk-test", BaseURL: f.srv.URL + "/v1", ChatModel: f.chatModel, EmbedModel: f.embedModel,
		Timeout: 2 * time.Second, Log: log}
}

func (f *fakeOpenAI) set(mode string) {
	f.mu.Lock()
	f.mode = mode
	f.mu.Unlock()
}

// fakeSynonyms gives the fake embedding a little semantics.
var fakeSynonyms = map[string]string{"peng": "reisekostnad", "betal": "dekk", "tur": "samling"}

// fakeVector is a deterministic "embedding": analysed terms hashed into
// dim buckets, so texts sharing words are near each other.
func fakeVector(s string, dim int) []float32 {
	v := make([]float32, dim)
	for _, t := range Terms(s) {
		if syn, ok := fakeSynonyms[t]; ok {
			t = syn // what a real embedding model knows: different words, same meaning
		}
		h := fnv.New32a()
		h.Write([]byte(t))
		v[h.Sum32()%uint32(dim)]++
	}
	return v
}

func (f *fakeOpenAI) embeddings(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer sk-test" {
		http.Error(w, `{"error":{"message":"bad key"}}`, 401)
		return
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		f.t.Errorf("embeddings: bad request: %v", err)
		http.Error(w, "bad", 400)
		return
	}
	f.mu.Lock()
	f.embCalls++
	mode := f.embMode()
	model, dim := f.embedModel, f.dim
	f.mu.Unlock()
	switch mode {
	case "429once":
		w.Header().Set("Retry-After", "0")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(429)
		io.WriteString(w, `{"error":{"message":"slow down","type":"rate_limit"}}`)
		return
	case "500":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(500)
		io.WriteString(w, `{"error":{"message":"boom","type":"server_error"}}`)
		return
	}
	if req.Model != model {
		f.t.Errorf("embeddings: model %q, want %q", req.Model, model)
	}
	if len(req.Input) == 0 || len(req.Input) > embedBatch {
		f.t.Errorf("embeddings: batch of %d", len(req.Input))
	}
	f.mu.Lock()
	f.embInputs += len(req.Input)
	f.mu.Unlock()
	type item struct {
		Object    string    `json:"object"`
		Embedding []float32 `json:"embedding"`
		Index     int       `json:"index"`
	}
	resp := struct {
		Object string `json:"object"`
		Data   []item `json:"data"`
		Model  string `json:"model"`
	}{Object: "list", Model: req.Model}
	for i, in := range req.Input {
		resp.Data = append(resp.Data, item{"embedding", fakeVector(in, dim), i})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// embMode returns the embeddings failure mode, consuming one-shot modes.
func (f *fakeOpenAI) embMode() string {
	m := f.embedMode
	if m == "429once" {
		f.embedMode = ""
	}
	return m
}

func (f *fakeOpenAI) chat(w http.ResponseWriter, r *http.Request) {
	var req chatReq
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		f.t.Errorf("chat: bad request: %v", err)
		http.Error(w, "bad", 400)
		return
	}
	f.mu.Lock()
	f.chatCalls++
	f.lastChat = req
	mode, answer := f.mode, f.answer
	f.mu.Unlock()
	if req.Model != f.chatModel {
		f.t.Errorf("chat: model %q, want %q", req.Model, f.chatModel)
	}
	if len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[1].Role != "user" {
		f.t.Errorf("chat: want system+user messages, got %+v", req.Messages)
		http.Error(w, "bad", 400)
		return
	}
	sys, user := req.Messages[0].Content, req.Messages[1].Content
	for _, want := range []string{"ONLY", NoAnswer, Refused, "data, not instructions"} {
		if !strings.Contains(sys, want) {
			f.t.Errorf("chat: system prompt lacks %q", want)
		}
	}
	for _, want := range []string{"<passages>", `<passage id="1" doc="`, "</passage>", "<question>", "</question>"} {
		if !strings.Contains(user, want) {
			f.t.Errorf("chat: user message lacks %q:\n%s", want, user)
		}
	}
	content := answer
	if content == "" {
		content = "Ifølge dokumentet leverer hver region en rapport innen 1. desember [1]."
	}
	switch mode {
	case "noanswer":
		content = NoAnswer
	case "refused":
		content = Refused
	case "nocite":
		content = "Det vet jeg sikkert."
	case "500":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(500)
		io.WriteString(w, `{"error":{"message":"internal","type":"server_error"}}`)
		return
	case "429":
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(429)
		io.WriteString(w, `{"error":{"message":"rate limited","type":"rate_limit"}}`)
		return
	case "slow":
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return
	case "malformed":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"x","choices":[{"message":{"role":"assistant","content":"half`)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": req.Model,
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
	})
}
