package faq

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Fact is a value the working group configures (the interest deadline,
// KULTURBOT_INTEREST_DEADLINE) written once per language. A corpus answer
// says {{name}} where the fact belongs, so the FAQ and the bot's own rules
// never disagree: change the setting and the FAQ says the new date.
type Fact struct {
	NB string // bokmål (and nynorsk when NN is empty: dates and names are written alike)
	EN string
	NN string // nynorsk where it differs ("måndagar kl. 08.00"); empty: NB
}

// Facts are the configured facts by placeholder name.
type Facts map[string]Fact

// DefaultFacts are the facts when nothing is configured: the source
// document's interest deadline, the digest's default schedule
// (KULTURBOT_DIGEST_SCHEDULE "0 8 * * 1") and the size of the embedded
// municipality register (KULTURBOT_KOMMUNER replaces it).
var DefaultFacts = Facts{
	"interessefrist": {NB: "15. september", EN: "15 September"},
	// neste-runde: when later rounds are expected, as the document said
	// (KULTURBOT_NEXT_ROUND keeps it current).
	"neste-runde":      {NB: "høsten 2025", NN: "hausten 2025", EN: "autumn 2025"},
	"oppsummeringstid": {NB: "mandager kl. 08.00", NN: "måndagar kl. 08.00", EN: "on Mondays at 08:00"},
	"antall-kommuner":  {NB: "357", EN: "357"},
}

// With returns f with g's values on top (g wins).
func (f Facts) With(g Facts) Facts {
	out := Facts{}
	for k, v := range f {
		out[k] = v
	}
	for k, v := range g {
		out[k] = v
	}
	return out
}

var placeholderRE = regexp.MustCompile(`\{\{\s*([\p{L}0-9_-]+)\s*\}\}`)

// fill replaces the placeholders of s with the fact in lang. An unknown
// placeholder is an error: a typo in the corpus must not reach users as
// "{{interesefrist}}".
func (f Facts) fill(s, lang string) (string, error) {
	if !strings.Contains(s, "{{") {
		return s, nil // no placeholder: most text, and the regexp costs start-up time
	}
	var bad []string
	out := placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.ToLower(placeholderRE.FindStringSubmatch(m)[1])
		v, ok := f[name]
		if !ok {
			bad = append(bad, name)
			return m
		}
		if lang == "en" && v.EN != "" {
			return v.EN
		}
		if lang == "nn" && v.NN != "" {
			return v.NN
		}
		return v.NB
	})
	if len(bad) > 0 {
		return s, fmt.Errorf("unknown placeholder {{%s}} (known: %s)", bad[0], strings.Join(f.names(), ", "))
	}
	return out, nil
}

func (f Facts) names() []string {
	var ns []string
	for k := range f {
		ns = append(ns, "{{"+k+"}}")
	}
	sort.Strings(ns)
	return ns
}

// render fills an entry's answers (and phrasings) from facts, starting
// from the text as written in the corpus, so it can be rendered again with
// other values. (A new answer language must be added here too.)
func (f Facts) render(e *Entry) error {
	if e.tmpl == nil {
		t := entryTemplate{answer: e.Answer, questions: append([]string(nil), e.Questions...)}
		e.tmpl = &t
	}
	var err error
	if e.Answer.NB, err = f.fill(e.tmpl.answer.NB, "nb"); err != nil {
		return fmt.Errorf("faq: entry %q: %w", e.ID, err)
	}
	if e.Answer.EN, err = f.fill(e.tmpl.answer.EN, "en"); err != nil {
		return fmt.Errorf("faq: entry %q: %w", e.ID, err)
	}
	if e.Answer.NN, err = f.fill(e.tmpl.answer.NN, "nn"); err != nil {
		return fmt.Errorf("faq: entry %q: %w", e.ID, err)
	}
	e.Questions = append(e.Questions[:0:0], e.tmpl.questions...)
	for i, q := range e.Questions {
		if !strings.Contains(q, "{{") {
			continue // nothing to fill: no language to detect (≈ 15 % of start-up CPU)
		}
		lang := "nb"
		if DetectLang(q) == "en" {
			lang = "en"
		} else if Nynorsk(q) {
			lang = "nn"
		}
		if e.Questions[i], err = f.fill(q, lang); err != nil {
			return fmt.Errorf("faq: entry %q: %w", e.ID, err)
		}
	}
	return nil
}

// entryTemplate is an entry's text as the corpus wrote it, placeholders
// and all.
type entryTemplate struct {
	answer    Texts
	questions []string
}

// WithFacts returns the entries with their placeholders filled from facts
// (on top of DefaultFacts). Loading the corpus fills the defaults; the
// program calls this with what is configured.
func WithFacts(es []Entry, facts Facts) ([]Entry, error) {
	f := DefaultFacts.With(facts)
	out := make([]Entry, len(es))
	for i, e := range es {
		if err := f.render(&e); err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}
