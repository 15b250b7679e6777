package main

import (
	"context"
	"fmt"
	"time"

	"github.com/kulturskoleradet/kulturbot/faq"
)

// setupFAQ builds the FAQ engine — the embedded corpus, or KULTURBOT_FAQ
// (a YAML file or folder) instead, plus the entries the working group
// taught it through /kulturbot svar — and chains the document library
// behind it: FAQ first, documents when the FAQ is not sure.
func (a *App) setupFAQ(ctx context.Context) error {
	start := time.Now()
	var entries []faq.Entry
	var err error
	if a.Cfg.FAQPath != "" {
		entries, err = faq.LoadCorpus(a.Cfg.FAQPath)
	} else {
		entries, err = faq.DefaultCorpus()
	}
	if err != nil {
		return fmt.Errorf("KULTURBOT_FAQ: %w", err)
	}
	// Answers quote the configured facts (the interest deadline, the
	// counties) instead of repeating them: one source.
	hc, err := handlerConfig(a.Cfg)
	if err != nil {
		return err
	}
	if reg := a.DB.Register(); reg != nil {
		hc.Municipalities = reg.Len() // "Boten kjenner alle de N kommunene" (KULTURBOT_KOMMUNER)
	}
	if entries, err = faq.WithFacts(entries, hc.Facts()); err != nil {
		return fmt.Errorf("KULTURBOT_FAQ: %w", err)
	}
	corpus := len(entries)
	learned, err := a.DB.FAQEntries(ctx)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.ID] = true
	}
	for _, l := range learned {
		if seen[l.ID] {
			continue // a corpus entry with the same id wins
		}
		entries = append(entries, faq.Entry{ID: l.ID, Section: l.Section, Questions: []string{l.Question},
			Answer: faq.Texts{NB: l.AnswerNB, EN: l.AnswerEN}, Source: l.Source, Learned: true})
	}
	eng, err := faq.NewEngine(ctx, entries)
	if err != nil {
		return err
	}
	a.onClose(eng.Close)
	a.faqEngine = eng
	// "index": "snapshot" (precomputed at build time, faq/index.snap) or
	// "built: <why not>" — KULTURBOT_FAQ, learned entries or other facts
	// are built at start, as is everything when the snapshot is stale.
	a.Log.Info("faq ready", "entries", corpus, "learned", len(entries)-corpus, "custom", a.Cfg.FAQPath != "",
		"index", eng.IndexSource(), "ms", time.Since(start).Milliseconds())
	docs, err := a.setupDocs(ctx)
	if err != nil {
		return err
	}
	a.FAQ = &faq.Chain{FAQ: eng, Docs: docs, Log: a.Log}
	return nil
}
