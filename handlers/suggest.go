package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
)

// maxSuggestions is Discord's limit for autocomplete choices.
const maxSuggestions = 25

// Suggest offers completions for an option being typed (bot.Suggester):
// "samling" (upcoming gatherings, value = id), "fylke", "kommune",
// "kommuner" (completes the last name of a comma list) and "region".
// Matching ignores case and æøå spelling.
func (h *Handlers) Suggest(ctx context.Context, field, prefix string, lang bot.Lang) []bot.Option {
	req := &bot.Request{Lang: lang}
	switch bot.Fold(field) {
	case "samling", "gathering", "id":
		return h.suggestGatherings(ctx, req, prefix)
	case "fylke", "county":
		var out []bot.Option
		for _, c := range h.counties() {
			if matches(c, prefix) {
				out = append(out, bot.Option{Label: c, Value: c})
			}
		}
		return limit(out)
	case "kommune", "municipality":
		return h.suggestMunicipalities(ctx, "", prefix)
	case "kommuner", "municipalities":
		// "Bodø, Fa" completes the last name and keeps the ones before.
		head, last := "", prefix
		if i := strings.LastIndexAny(prefix, ",;"); i >= 0 {
			head = strings.TrimSpace(prefix[:i+1]) + " "
			last = prefix[i+1:]
		}
		return h.suggestMunicipalities(ctx, head, last)
	case "region":
		var out []bot.Option
		if matches("nasjonal", prefix) {
			out = append(out, bot.Option{Label: t(req, "core.national"), Value: "nasjonal"})
		}
		rs, err := h.DB.Regions(ctx)
		if err != nil {
			h.Log.Warn("suggest regions", "err", err)
			return out
		}
		for _, r := range rs {
			if matches(r.Name, prefix) {
				out = append(out, bot.Option{Label: r.Name, Value: r.Name})
			}
		}
		return limit(out)
	}
	return nil
}

func (h *Handlers) suggestGatherings(ctx context.Context, req *bot.Request, prefix string) []bot.Option {
	gs, err := h.DB.UpcomingGatherings(ctx, h.DB.Now())
	if err != nil {
		h.Log.Warn("suggest gatherings", "err", err)
		return nil
	}
	p := strings.TrimPrefix(strings.TrimSpace(prefix), "#")
	var out []bot.Option
	for _, g := range gs {
		id := fmt.Sprint(g.ID)
		if p != "" && !strings.HasPrefix(id, p) && !matches(g.Name, p) && !matches(g.Place, p) {
			continue
		}
		out = append(out, bot.Option{Label: fmt.Sprintf("#%d %s – %s", g.ID, g.Name, date(req, g.Date)), Value: id})
	}
	return limit(out)
}

func (h *Handlers) suggestMunicipalities(ctx context.Context, head, prefix string) []bot.Option {
	// From the register, so a municipality nobody has named yet is
	// offered too, and the Sami names find theirs (Guovdageaidnu).
	es := h.DB.Register().Entries()
	nb := norsk.New()
	sort.SliceStable(es, func(i, j int) bool { return nb.Less(es[i].Name, es[j].Name) })
	var out []bot.Option
	for _, e := range es {
		if e.Matches(prefix) {
			out = append(out, bot.Option{Label: head + e.Name, Value: head + e.Name})
		}
	}
	return limit(out)
}

// matches reports whether name starts with prefix, or one of its words
// does ("aurdal" finds "Nord-Aurdal"), ignoring case and æøå spelling.
func matches(name, prefix string) bool {
	p := bot.Fold(prefix)
	if p == "" {
		return true
	}
	if strings.HasPrefix(bot.Fold(name), p) {
		return true
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if strings.HasPrefix(bot.Fold(w), p) {
			return true
		}
	}
	return false
}

func limit(o []bot.Option) []bot.Option {
	if len(o) > maxSuggestions {
		return o[:maxSuggestions]
	}
	return o
}
