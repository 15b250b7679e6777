package main

import (
	"context"
	"log/slog"
	"os"
	"strings"

	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
)

// setupDocs builds the document library that answers when the FAQ is not
// sure: passages from ingested framework documents, and grounded LLM
// answers when an OpenAI-compatible endpoint is configured. It always
// returns the library, even with no documents yet, since an admin may
// upload one at runtime with /kulturbot dokument. With embeddings
// configured, a runner keeps them complete (a changed embedding model
// recomputes them at start).
func (a *App) setupDocs(ctx context.Context) (faq.Answerer, error) {
	lib := a.docsLibrary()
	if lib.EmbeddingsEnabled() {
		a.runners = append(a.runners, lib.RunEmbedder)
	}
	return lib, nil
}

// docsLibrary returns the App's document library, creating it on first use
// (the ingest subcommand needs it even when the FAQ wiring did not ask).
func (a *App) docsLibrary() *docs.Library {
	if a.docs == nil {
		a.docs = docs.New(a.DB, a.docsOptions())
		a.onClose(a.docs.Close)
	}
	return a.docs
}

// docsOptions maps the configuration onto the library's options.
func (a *App) docsOptions() docs.Options {
	c := a.Cfg
	o := docs.Options{
		APIKey:         c.OpenAIKey,
		BaseURL:        c.OpenAIBaseURL,
		ChatModel:      c.LLMModel,
		EmbedModel:     c.EmbedModel,
		Timeout:        c.LLMTimeout,
		LLMConcurrency: c.LLMConcurrency,
		Log:            a.Log,
		PDFSandbox:     pdfSandbox(a.Log),
	}
	// "none" (or "off") switches one model off: KULTURBOT_EMBED_MODEL=none
	// for an endpoint without embeddings (full-text retrieval only), and
	// KULTURBOT_LLM_MODEL=none for embeddings without generated answers.
	for _, m := range []*string{&o.ChatModel, &o.EmbedModel} {
		if s := strings.ToLower(strings.TrimSpace(*m)); s == "none" || s == "off" || s == "-" {
			*m = ""
		}
	}
	if o.APIKey != "" || o.BaseURL != "" {
		a.Log.Info("llm configured", "base_url", o.BaseURL, "chat_model", o.ChatModel, "embed_model", o.EmbedModel, "timeout", o.Timeout)
	} else {
		// Said once here rather than on every question.
		a.Log.Debug("llm not configured (OPENAI_API_KEY / OPENAI_BASE_URL): document answers quote the passage")
	}
	return o
}

// pdfSandbox is the command that parses one PDF in a child process: this
// binary with the hidden subcommand. Without it (no executable path) PDFs
// are read in this process, with the same limits but no hard deadline.
func pdfSandbox(log *slog.Logger) []string {
	exe, err := os.Executable()
	if err != nil {
		log.Warn("pdf sandbox unavailable: PDFs are read in the bot's own process", "err", err)
		return nil
	}
	return []string{exe, docs.SandboxCommand}
}
