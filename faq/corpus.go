package faq

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// corpusFS is the FAQ that ships inside the binary (faq/corpus/*.yaml).
//
//go:embed corpus/*.yaml
var corpusFS embed.FS

// Entry is one FAQ answer with the ways people ask for it.
type Entry struct {
	ID      string `yaml:"id" json:"id"`
	Section string `yaml:"section,omitempty" json:"section,omitempty"`
	// Questions are all the ways people ask, every language together:
	// what the engine indexes. A corpus file may list them flat (older
	// files mix languages) or group them: questions (bokmål),
	// questions_nn and questions_en; the loader appends the groups here
	// and keeps them below so tests and the engine can tell the languages.
	Questions   []string `yaml:"questions" json:"questions"`
	QuestionsNN []string `yaml:"questions_nn,omitempty" json:"-"`
	QuestionsEN []string `yaml:"questions_en,omitempty" json:"-"`
	Answer      Texts    `yaml:"answer" json:"answer"`
	Source      string   `yaml:"source,omitempty" json:"source,omitempty"`
	// Learned entries come from answers the working group gave to
	// unanswered questions (/kulturbot svar); they live in SQLite.
	Learned bool `yaml:"-" json:"learned,omitempty"`
	// tmpl is the text as written, with {{placeholders}} (facts.go).
	tmpl *entryTemplate
}

// Texts is a text in bokmål, English and (optionally) nynorsk.
type Texts struct {
	NB string `yaml:"nb" json:"nb"`
	EN string `yaml:"en" json:"en"`
	// NN is the nynorsk text, given to questions asked in nynorsk; an
	// entry without one answers them in bokmål.
	NN string `yaml:"nn,omitempty" json:"nn,omitempty"`
}

// In returns the text in lang ("nb", "nn" or "en"): nynorsk falls back to
// bokmål, and either Norwegian text and English fall back to the other.
func (t Texts) In(lang string) string {
	switch {
	case lang == "en" && t.EN != "":
		return t.EN
	case lang == "nn" && t.NN != "":
		return t.NN
	case t.NB == "":
		return t.EN
	}
	return t.NB
}

// file is the layout of one corpus YAML file: a section and its entries.
type file struct {
	Section string  `yaml:"section"`
	Source  string  `yaml:"source"`
	Entries []Entry `yaml:"entries"`
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,40}$`)

// DefaultCorpus returns the embedded FAQ: as the build-time snapshot
// parsed it (snapshot.go), or parsed now when the snapshot is stale.
func DefaultCorpus() ([]Entry, error) {
	if es, ok := snapshotCorpus(); ok {
		return es, nil
	}
	es, err := loadFS(corpusFS, "corpus")
	if err == nil {
		seedLearnedEN(es)
	}
	return es, err
}

// LoadCorpus reads a FAQ file (.yaml/.yml) or every YAML file in a folder;
// it replaces the embedded corpus (KULTURBOT_FAQ).
func LoadCorpus(path string) ([]Entry, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("faq: %w", err)
	}
	if st.IsDir() {
		return loadFS(os.DirFS(path), ".")
	}
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("faq: %w", err)
	}
	es, err := parse(filepath.Base(path), buf)
	if err != nil {
		return nil, err
	}
	return es, validate(es)
}

func loadFS(fsys fs.FS, dir string) ([]Entry, error) {
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := fs.Glob(fsys, filepath.ToSlash(filepath.Join(dir, pat)))
		if err != nil {
			return nil, err
		}
		names = append(names, m...)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("faq: no .yaml files in %s", dir)
	}
	var all []Entry
	for _, n := range names {
		buf, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		es, err := parse(n, buf)
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	return all, validate(all)
}

// parse reads one YAML file; entries inherit the file's section and source.
func parse(name string, buf []byte) ([]Entry, error) {
	var f file
	if err := yaml.Unmarshal(buf, &f); err != nil {
		return nil, fmt.Errorf("faq: %s: %w", name, err)
	}
	for i := range f.Entries {
		e := &f.Entries[i]
		if e.Section == "" {
			e.Section = f.Section
		}
		if e.Source == "" {
			e.Source = f.Source
		}
		e.Questions = append(append(e.Questions, e.QuestionsNN...), e.QuestionsEN...)
		e.Answer.NB = strings.TrimSpace(e.Answer.NB)
		e.Answer.EN = strings.TrimSpace(e.Answer.EN)
		e.Answer.NN = strings.TrimSpace(e.Answer.NN)
		if err := DefaultFacts.render(e); err != nil {
			return nil, fmt.Errorf("faq: %s: %w", name, err)
		}
	}
	return f.Entries, nil
}

// validate checks what the working group could get wrong when editing:
// ids, duplicates, missing questions or answers. The message names the entry.
func validate(es []Entry) error {
	seen := map[string]bool{}
	for _, e := range es {
		switch {
		case !idRE.MatchString(e.ID):
			return fmt.Errorf("faq: entry %q: id must be lower-case letters, digits and dashes", e.ID)
		case seen[e.ID]:
			return fmt.Errorf("faq: entry %q appears twice", e.ID)
		case len(e.Questions) == 0:
			return fmt.Errorf("faq: entry %q has no questions", e.ID)
		case e.Answer.NB == "" && e.Answer.EN == "":
			return fmt.Errorf("faq: entry %q has no answer", e.ID)
		}
		seen[e.ID] = true
	}
	return nil
}
