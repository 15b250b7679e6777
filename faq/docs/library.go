// Package docs answers questions from the programme's framework documents:
// ingest of Markdown, text and PDF into chunks in SQLite, full-text
// retrieval with a confidence, and — when an OpenAI-compatible endpoint is
// configured — embeddings, hybrid retrieval and grounded LLM answers with
// citations. The LLM is optional and never in the way: on timeout, error or
// missing configuration the answer is the retrieved passage.
package docs

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Options configure a Library. The zero value is a retrieval-only library.
type Options struct {
	// APIKey and BaseURL of an OpenAI-compatible endpoint. The LLM is used
	// when either is set (Ollama and vLLM need no key).
	APIKey  string
	BaseURL string
	// ChatModel writes grounded answers; EmbedModel computes embeddings
	// (empty: no embeddings, full-text retrieval only).
	ChatModel  string
	EmbedModel string
	// Timeout bounds the LLM step of one answer (default 20 s).
	Timeout time.Duration
	// Threshold is the confidence (0..1) a passage needs to be answered
	// without the LLM (default 0.6).
	Threshold float64
	// CacheTTL is how long an answer is reused for the same question
	// (default 10 min; negative: no cache). CacheSize bounds it (default 512).
	CacheTTL  time.Duration
	CacheSize int
	// HTTPClient talks to the endpoint (default: a client with no overall
	// timeout; every call has its own context deadline).
	HTTPClient *http.Client
	Log        *slog.Logger
	// LLMConcurrency caps the LLM answers in flight across the bot
	// (KULTURBOT_LLM_CONCURRENCY, default 4).
	LLMConcurrency int
	// PDFLimits bound reading one PDF (zero: DefaultPDFLimits).
	PDFLimits PDFLimits
	// PDFSandbox is the command that parses a PDF in a child process
	// (cmd/kulturbot: itself with SandboxCommand). Empty: in this process,
	// with PDFLimits but without the hard deadline and memory limit.
	PDFSandbox []string
	// EmbedAttempts and EmbedBackoff retry embedding requests at ingest
	// patiently (default six attempts with exponential backoff from one
	// second).
	EmbedAttempts int
	EmbedBackoff  time.Duration
}

// Library is the document store and answerer. It is safe for concurrent use.
type Library struct {
	db   *store.DB
	opt  Options
	log  *slog.Logger
	llm  *llm // nil without an endpoint
	ans  *answerCache
	vecs vecCache
	// embedMu lets one EmbedMissing run at a time (background and CLI).
	embedMu sync.Mutex
	an      analyzer
}

// New returns a Library on db. Whoever builds it hands it to those who
// share it (the answer chain and the /kulturbot dokument handler: cmd's
// wiring), so there is one per database without a registry.
func New(db *store.DB, opt Options) *Library {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 20 * time.Second
	}
	if opt.Threshold <= 0 {
		opt.Threshold = 0.6
	}
	if opt.CacheTTL == 0 {
		opt.CacheTTL = 10 * time.Minute
	}
	if opt.CacheSize <= 0 {
		opt.CacheSize = 512
	}
	if opt.LLMConcurrency <= 0 {
		opt.LLMConcurrency = 4
	}
	if opt.EmbedAttempts <= 0 {
		opt.EmbedAttempts = 6
	}
	if opt.EmbedBackoff <= 0 {
		opt.EmbedBackoff = time.Second
	}
	l := &Library{db: db, opt: opt, log: opt.Log.With("component", "docs")}
	l.ans = newAnswerCache(opt.CacheSize, opt.CacheTTL)
	if opt.APIKey != "" || opt.BaseURL != "" {
		l.llm = newLLM(opt)
	}
	return l
}

// readPDF parses a PDF in the sandbox process when one is configured.
func (l *Library) readPDF(ctx context.Context, content []byte) (parsed, error) {
	if len(l.opt.PDFSandbox) > 0 {
		return parsePDFSandboxed(ctx, l.opt.PDFSandbox, content, l.opt.PDFLimits)
	}
	return parsePDF(ctx, content, l.opt.PDFLimits)
}

// Close releases nothing today (it does not close the database); owners
// call it so a library that comes to hold resources can free them.
func (l *Library) Close() error { return nil }

// StopLLM cancels the LLM answers in flight and refuses new ones (they
// get the passage): called when the bot shuts down.
func (l *Library) StopLLM() {
	if l.llm != nil {
		l.llm.stop()
	}
}

// LLMEnabled reports whether an OpenAI-compatible endpoint is configured.
func (l *Library) LLMEnabled() bool { return l.llm != nil }

// EmbeddingsEnabled reports whether chunks get embeddings.
func (l *Library) EmbeddingsEnabled() bool { return l.llm != nil && l.llm.embedModel != "" }

// Document is an ingested document.
type Document struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Title      string    `json:"title"`
	Path       string    `json:"path"`
	SHA256     string    `json:"sha256"`
	Pages      int       `json:"pages"`
	Chunks     int       `json:"chunks"`
	IngestedAt time.Time `json:"ingested_at"`
	IngestedBy string    `json:"ingested_by"`
}

// Status says what an ingest did.
type Status string

// Ingest outcomes.
const (
	Added     Status = "added"
	Replaced  Status = "replaced"
	Unchanged Status = "unchanged"
)

// IngestResult is the outcome of ingesting one document.
type IngestResult struct {
	Doc    Document
	Status Status
}

// MaxDocumentSize bounds what one ingest reads (uploads included).
const MaxDocumentSize = 50 << 20

const tsLayout = "2006-01-02T15:04:05.000000Z"

// IngestFile reads and ingests one file.
func (l *Library) IngestFile(ctx context.Context, path, by string) (IngestResult, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return IngestResult{}, err
	}
	if fi.Size() > MaxDocumentSize {
		return IngestResult{}, fmt.Errorf("%s: larger than %d MB", path, MaxDocumentSize>>20)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return IngestResult{}, err
	}
	abs, _ := filepath.Abs(path)
	return l.Ingest(ctx, filepath.Base(path), abs, content, by)
}

// Ingest stores a document under name (its file name). The same content
// again is a no-op; changed content replaces the document's chunks in one
// transaction. Embeddings are not computed here: call EmbedMissing (the CLI
// does after a batch; the running bot does in the background).
func (l *Library) Ingest(ctx context.Context, name, path string, content []byte, by string) (IngestResult, error) {
	name = strings.TrimSpace(filepath.Base(name))
	if name == "" || name == "." {
		return IngestResult{}, errors.New("docs: a document needs a file name")
	}
	if len(content) > MaxDocumentSize {
		return IngestResult{}, fmt.Errorf("%s: larger than %d MB", name, MaxDocumentSize>>20)
	}
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:])
	old, err := l.docByName(ctx, l.db.Reader(), name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return IngestResult{}, err
	}
	if err == nil && old.SHA256 == hash {
		return IngestResult{Doc: old, Status: Unchanged}, nil
	}
	p, err := parseDocWith(ctx, name, content, l.readPDF)
	if err != nil {
		return IngestResult{}, err
	}
	chunks := chunkBlocks(p.blocks)
	if len(chunks) == 0 {
		return IngestResult{}, fmt.Errorf("%s: no text found (a scanned PDF needs OCR first)", name)
	}
	title := strings.TrimSpace(p.title)
	if title == "" {
		title = titleFromName(name)
	}
	doc := Document{Name: name, Title: title, Path: path, SHA256: hash, Pages: p.pages, Chunks: len(chunks),
		IngestedAt: l.db.Now().UTC().Truncate(time.Microsecond), IngestedBy: by}

	status := Added
	var unchanged *Document
	if err := store.InTx(ctx, l.db.Writer(), func(tx *sql.Tx) error {
		// Read again inside the write transaction: another ingest may have won.
		prev, err := l.docByName(ctx, tx, name)
		switch {
		case err == nil && prev.SHA256 == hash:
			unchanged = &prev
			return nil
		case err == nil:
			status = Replaced
			doc.ID = prev.ID
			if _, err := tx.ExecContext(ctx, `DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)`, doc.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM chunks WHERE doc_id = ?`, doc.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE documents SET title=?, path=?, sha256=?, pages=?, chunks=?, ingested_at=?, ingested_by=? WHERE id=?`,
				doc.Title, doc.Path, doc.SHA256, doc.Pages, doc.Chunks, doc.IngestedAt.Format(tsLayout), doc.IngestedBy, doc.ID); err != nil {
				return err
			}
		case errors.Is(err, sql.ErrNoRows):
			res, err := tx.ExecContext(ctx, `INSERT INTO documents (name, title, path, sha256, pages, chunks, ingested_at, ingested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				doc.Name, doc.Title, doc.Path, doc.SHA256, doc.Pages, doc.Chunks, doc.IngestedAt.Format(tsLayout), doc.IngestedBy)
			if err != nil {
				return err
			}
			doc.ID, _ = res.LastInsertId()
		default:
			return err
		}
		insChunk, err := tx.PrepareContext(ctx, `INSERT INTO chunks (doc_id, ord, section, page, text, terms) VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insChunk.Close()
		insFTS, err := tx.PrepareContext(ctx, `INSERT INTO chunks_fts (rowid, body) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer insFTS.Close()
		for _, c := range chunks {
			terms := l.an.indexText(c.section, c.text)
			res, err := insChunk.ExecContext(ctx, doc.ID, c.ord, c.section, c.page, c.text, terms)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if _, err := insFTS.ExecContext(ctx, id, terms); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return IngestResult{}, err
	}
	if unchanged != nil {
		return IngestResult{Doc: *unchanged, Status: Unchanged}, nil
	}
	l.ans.clear()
	return IngestResult{Doc: doc, Status: status}, nil
}

// titleFromName makes "rammeverk_regionale-program.pdf" into
// "Rammeverk regionale program".
func titleFromName(name string) string {
	t := strings.TrimSuffix(name, filepath.Ext(name))
	t = strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(t)), " ")
	if t == "" {
		return name
	}
	rs := []rune(t)
	rs[0] = []rune(strings.ToUpper(string(rs[0])))[0]
	return string(rs)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const docCols = `id, name, title, path, sha256, pages, chunks, ingested_at, ingested_by`

func scanDoc(row interface{ Scan(...any) error }) (Document, error) {
	var d Document
	var at string
	err := row.Scan(&d.ID, &d.Name, &d.Title, &d.Path, &d.SHA256, &d.Pages, &d.Chunks, &at, &d.IngestedBy)
	d.IngestedAt, _ = time.Parse(tsLayout, at)
	return d, err
}

func (l *Library) docByName(ctx context.Context, q querier, name string) (Document, error) {
	return scanDoc(q.QueryRowContext(ctx, `SELECT `+docCols+` FROM documents WHERE name = ?`, name))
}

// List returns the ingested documents by title.
func (l *Library) List(ctx context.Context) ([]Document, error) {
	rows, err := l.db.Reader().QueryContext(ctx, `SELECT `+docCols+` FROM documents ORDER BY title, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ErrNoDocument is returned by Remove for an unknown document.
var ErrNoDocument = errors.New("no such document")

// Remove deletes a document (by id, file name or title, case-insensitive)
// with its chunks, index entries and embeddings.
func (l *Library) Remove(ctx context.Context, ref string) (Document, error) {
	ref = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(ref), "#"))
	docs, err := l.List(ctx)
	if err != nil {
		return Document{}, err
	}
	var found *Document
	for i, d := range docs {
		if strconv.FormatInt(d.ID, 10) == ref || d.Name == ref {
			found = &docs[i]
			break
		}
	}
	if found == nil {
		for i, d := range docs {
			if bot.SameName(d.Name, ref) || bot.SameName(d.Title, ref) || bot.SameName(strings.TrimSuffix(d.Name, filepath.Ext(d.Name)), ref) {
				found = &docs[i]
				break
			}
		}
	}
	if found == nil {
		return Document{}, fmt.Errorf("%q: %w", ref, ErrNoDocument)
	}
	if err := store.InTx(ctx, l.db.Writer(), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)`, found.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, found.ID)
		return err
	}); err != nil {
		return Document{}, err
	}
	l.ans.clear()
	return *found, nil
}

// ChunkCount is the number of stored chunks.
func (l *Library) ChunkCount(ctx context.Context) (int, error) {
	var n int
	err := l.db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM chunks`).Scan(&n)
	return n, err
}

// stamp identifies the state of the corpus and its embeddings, so caches
// notice an ingest done by another process (the CLI beside a running bot).
func (l *Library) stamp(ctx context.Context) (string, error) {
	var n, emb int
	var last string
	err := l.db.Reader().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(ingested_at), ''), (SELECT COUNT(*) FROM embeddings) FROM documents`).Scan(&n, &last, &emb)
	return fmt.Sprintf("%d|%s|%d", n, last, emb), err
}
