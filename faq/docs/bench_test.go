package docs

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
)

// Benchmarks (not run by go test without -bench):
//
//	go test -run '^$' -bench . -benchtime 3s ./faq/docs/
//
// BenchmarkIngestPDF reports pages/s for a 40-page generated PDF;
// BenchmarkAnswer10k answers questions over 10,000 chunks without an LLM
// (fts), with embeddings and the LLM on a local server (hybrid_llm), and
// the vector scan alone (vector_scan).

var benchWords = strings.Fields(`kulturskole kommune region samling veiledning rammeverk utvikling
	program fylke samarbeid elever lærere musikk dans teater visuell kunst tilbud barn unge ledelse
	plan strategi økonomi tilskudd reise overnatting frist rapport evaluering nettverk kompetanse
	foreldre frivillige korps kor bibliotek skole barnehage inkludering mangfold kvalitet
	undervisning talent fordypning breddetilbud venteliste kapasitet rekruttering ansatte`)

// benchText makes deterministic Norwegian-looking text: real programme
// words mixed with a long Zipf tail of made-up words, like a real corpus.
type benchText struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
}

func newBenchText(seed uint64) *benchText {
	r := rand.New(rand.NewPCG(seed, 7))
	syl := strings.Fields("ka ku ri to le sa vi mo ne di ba fo gre sta kle bjø rå sæ tin ver")
	vocab := append([]string{}, benchWords...)
	for len(vocab) < 8000 {
		n := 2 + r.IntN(3)
		var w strings.Builder
		for i := 0; i < n; i++ {
			w.WriteString(syl[r.IntN(len(syl))])
		}
		vocab = append(vocab, w.String())
	}
	return &benchText{r: r, zipf: rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (g *benchText) sentence() string {
	n := 8 + g.r.IntN(12)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.vocab[g.zipf.Uint64()]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *benchText) paragraph(chars int) string {
	var b strings.Builder
	for b.Len() < chars {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.sentence())
	}
	return b.String()
}

// benchMarkdown is a document of `sections` sections of about 1,000
// characters each, so it becomes `sections` chunks.
func (g *benchText) markdown(title string, sections int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	for i := 0; i < sections; i++ {
		fmt.Fprintf(&b, "## Del %d %s\n\n%s\n\n%s\n\n", i+1, g.vocab[g.r.IntN(200)], g.paragraph(500), g.paragraph(450))
	}
	return b.String()
}

var benchDir struct {
	once sync.Once
	dir  string
}

func TestMain(m *testing.M) {
	if os.Getenv(sandboxTestEnv) == "1" {
		// Re-executed by a sandbox test as the PDF reader process.
		if os.Getenv(sandboxTestEnv+"_HANG") == "1" {
			select {} // a reader stuck where no limit check runs
		}
		os.Exit(ServePDFSandbox(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	if benchDir.dir != "" {
		os.RemoveAll(benchDir.dir)
	}
	os.Exit(code)
}

// benchCorpus is a database with 10,000 chunks (100 documents of 100
// sections, plus the three test documents), built once per run.
type benchCorpus struct {
	path   string
	chunks int
	build  time.Duration
	emb    map[string]bool // embedding models computed
}

var corpus struct {
	once sync.Once
	c    benchCorpus
	err  error
}

func tenThousandChunks(b *testing.B) benchCorpus {
	corpus.once.Do(func() {
		dir, err := os.MkdirTemp("", "kulturbot-bench-")
		if err != nil {
			corpus.err = err
			return
		}
		benchDir.dir = dir
		path := filepath.Join(dir, "bench.db")
		ctx := context.Background()
		db, err := store.Open(ctx, path)
		if err != nil {
			corpus.err = err
			return
		}
		defer db.Close()
		l := New(db, Options{})
		defer l.Close()
		g := newBenchText(1)
		start := time.Now()
		for d := 0; d < 100; d++ {
			md := g.markdown(fmt.Sprintf("Dokument %d", d), 100)
			if _, err := l.Ingest(ctx, fmt.Sprintf("doc-%03d.md", d), "", []byte(md), "bench"); err != nil {
				corpus.err = err
				return
			}
		}
		ingestAll(b, l)
		corpus.c = benchCorpus{path: path, build: time.Since(start), emb: map[string]bool{}}
		corpus.c.chunks, corpus.err = l.ChunkCount(ctx)
	})
	if corpus.err != nil {
		b.Fatal(corpus.err)
	}
	return corpus.c
}

var benchQuestions = []string{
	"Når skal regionene levere rapport?",
	"Hvem dekker reisekostnader og overnatting til samlingene?",
	"Hvor ofte møter veilederen ledergruppen?",
	"Kan kulturskolen samarbeide med korps og frivillige?",
	"Hva sier rammeverket om venteliste og kapasitet i kulturskolen?",
	"hvordan jobber kommunene med inkludering og mangfold",
	"What does the framework say about talent development?",
	"Hva blir været i morgen?",
}

func BenchmarkAnswer10k(b *testing.B) {
	c := tenThousandChunks(b)
	ctx := context.Background()
	open := func(b *testing.B) *store.DB {
		db, err := store.Open(ctx, c.path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}
	b.Run("fts", func(b *testing.B) {
		l := New(open(b), Options{CacheTTL: -1})
		defer l.Close()
		b.ReportMetric(float64(c.chunks), "chunks")
		answered := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			a, err := l.Answer(ctx, benchQuestions[i%len(benchQuestions)], "")
			if err != nil {
				b.Fatal(err)
			}
			if a.Answered {
				answered++
			}
		}
		b.ReportMetric(float64(answered)/float64(b.N), "answered/op")
	})
	b.Run("hybrid_llm", func(b *testing.B) {
		f := newFakeOpenAI(b)
		f.dim = 1536 // text-embedding-3-small's size
		log, _ := newLog()
		opt := f.options(log)
		opt.CacheTTL = -1
		opt.EmbedModel = "bench-embed-1536"
		f.embedModel = opt.EmbedModel
		l := New(open(b), opt)
		defer l.Close()
		if !c.emb[opt.EmbedModel] {
			start := time.Now()
			n, err := l.EmbedMissing(ctx)
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("embedded %d chunks (dim %d) through the local server in %v", n, f.dim, time.Since(start).Round(time.Millisecond))
			c.emb[opt.EmbedModel] = true
		}
		llmAnswers := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			a, err := l.Answer(ctx, benchQuestions[i%len(benchQuestions)], "")
			if err != nil {
				b.Fatal(err)
			}
			if a.Path == PathLLM {
				llmAnswers++
			}
		}
		b.ReportMetric(float64(llmAnswers)/float64(b.N), "llm/op")
	})
	b.Run("vector_scan", func(b *testing.B) {
		f := newFakeOpenAI(b)
		log, _ := newLog()
		opt := f.options(log)
		opt.EmbedModel = "bench-embed-1536"
		l := New(open(b), opt)
		defer l.Close()
		stamp, _ := l.stamp(ctx)
		snap, err := l.vectors(ctx, stamp)
		if err != nil || len(snap.ids) == 0 {
			b.Skip("run together with hybrid_llm (needs its embeddings)")
		}
		q := fakeVector(benchQuestions[0], snap.dim)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			snap.search(q, ftsCandidates)
		}
	})
}

// BenchmarkIngestPDF ingests a generated 40-page PDF (about 2,500
// characters a page) as a new document each round; pages/s is the figure.
func BenchmarkIngestPDF(b *testing.B) {
	g := newBenchText(2)
	var pages [][]pdfPara
	for p := 0; p < 40; p++ {
		pg := []pdfPara{{14, []string{fmt.Sprintf("Kapittel %d", p+1)}}}
		for k := 0; k < 4; k++ {
			var lines []string
			para := g.paragraph(600)
			for len(para) > 0 {
				cut := min(len(para), 90)
				if i := strings.LastIndexByte(para[:cut], ' '); i > 0 && cut < len(para) {
					cut = i
				}
				lines = append(lines, strings.TrimSpace(para[:cut]))
				para = para[cut:]
			}
			pg = append(pg, pdfPara{10, lines})
		}
		pages = append(pages, pg)
	}
	content := makePDF("Benchmark", pages)
	l := New(openDB(b), Options{})
	defer l.Close()
	ctx := context.Background()
	b.SetBytes(int64(len(content)))
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := l.Ingest(ctx, fmt.Sprintf("bench-%d.pdf", i), "", content, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(40*b.N)/time.Since(start).Seconds(), "pages/s")
}

// BenchmarkIngestMarkdown ingests a 100-section Markdown document
// (100 chunks) as a new document each round.
func BenchmarkIngestMarkdown(b *testing.B) {
	md := []byte(newBenchText(3).markdown("Bench", 100))
	l := New(openDB(b), Options{})
	defer l.Close()
	ctx := context.Background()
	b.SetBytes(int64(len(md)))
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := l.Ingest(ctx, fmt.Sprintf("bench-%d.md", i), "", md, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(100*b.N)/time.Since(start).Seconds(), "chunks/s")
}
