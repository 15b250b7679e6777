package main

import (
	"context"
	"fmt"
	"reflect"
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
	configured, err := faq.WithFacts(entries, hc.Facts())
	if err != nil {
		return fmt.Errorf("KULTURBOT_FAQ: %w", err)
	}
	corpus := len(configured)
	learned, err := a.DB.FAQEntries(ctx)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, e := range configured {
		seen[e.ID] = true
	}
	var taught []faq.Entry
	for _, l := range learned {
		if seen[l.ID] {
			continue // a corpus entry with the same id wins
		}
		taught = append(taught, faq.Entry{ID: l.ID, Section: l.Section, Questions: []string{l.Question},
			Answer: faq.Texts{NB: l.AnswerNB, EN: l.AnswerEN}, Source: l.Source, Learned: true})
	}
	// The embedded corpus with the default facts is what the build-time
	// snapshot holds (faq/index.snap): load that, then learn what
	// differs — the few entries a configured fact changes
	// (KULTURBOT_INTEREST_DEADLINE, KULTURBOT_NEXT_ROUND, …) and the
	// working group's answers. Building the whole index at start instead
	// was ~50 ms of the cold start (106 ms to /healthz with one fact set,
	// 55 without).
	// The embedded corpus comes with the default facts filled (parsing
	// fills them), so it is the snapshot's entries as it is.
	base, changed := configured, []faq.Entry(nil)
	if a.Cfg.FAQPath == "" {
		base = entries
		for i := range configured {
			if !reflect.DeepEqual(configured[i], base[i]) {
				changed = append(changed, configured[i])
			}
		}
	}
	eng, err := faq.NewEngine(ctx, base)
	if err != nil {
		return err
	}
	if err := eng.LearnAll(ctx, append(changed, taught...)); err != nil {
		return err
	}
	a.onClose(eng.Close)
	a.faqEngine = eng
	// "index": "snapshot" (precomputed at build time, faq/index.snap; the
	// entries configured facts change and the learned ones are indexed on
	// top, "facts" and "learned") or "built: <why not>" — KULTURBOT_FAQ is
	// built at start, as is everything when the snapshot is stale.
	a.Log.Info("faq ready", "entries", corpus, "learned", len(taught), "facts", len(changed), "custom", a.Cfg.FAQPath != "",
		"index", eng.IndexSource(), "ms", time.Since(start).Milliseconds())
	docs, err := a.setupDocs(ctx)
	if err != nil {
		return err
	}
	a.FAQ = &faq.Chain{FAQ: eng, Docs: docs, Log: a.Log}
	return nil
}
