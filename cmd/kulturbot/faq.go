package main

import "context"

// setupFAQ builds the FAQ answerer (and the document library when present).
// (Placeholder until the FAQ engine lands.)
func (a *App) setupFAQ(ctx context.Context) error { return nil }
