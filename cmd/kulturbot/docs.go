package main

import (
	"context"

	"github.com/kulturskoleradet/kulturbot/faq"
)

// setupDocs builds the document library (ingested framework documents,
// optionally with an LLM) that answers when the FAQ is not sure. It returns
// nil when there is nothing to add. (Placeholder until faq/docs lands.)
func (a *App) setupDocs(ctx context.Context) (faq.Answerer, error) { return nil, nil }
