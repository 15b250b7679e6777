package docs

import (
	"github.com/kulturskoleradet/kulturbot/bot"

	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/norwegian"
)

// Text analysis for the chunk index. It is close to the FAQ's: lower-case,
// a Norwegian stemmer, and æ/ø/å folded the ways people type them without a
// Norwegian keyboard (ae/oe/aa, a/o), so "økonomi", "okonomi" and "oekonomi"
// meet. The same function runs over chunks at ingest and over questions, so
// the two sides always agree.

// stopwords are words that carry no topic: bokmål, nynorsk and English
// function words and question words. Dropping them keeps an OR query from
// matching every chunk, and keeps the coverage-based confidence honest.
var stopwords = wordSet(`
	og i er på en et ei til av for med som det den de at å om har kan skal vil må
	ikke ikkje ikkje no nå fra frå eller men så da når hva kva hvem kven hvor kvar
	hvordan korleis hvorfor kvifor hvilke hvilken kva slags noe noko noen nokon
	jeg eg meg vi oss du deg dere dykk han hun ho hen seg sin sitt sine vår vårt
	våre deres dette denne disse der her også ogso òg bli blir ble vart vere være
	var blitt har hatt ha få får gjøre gjer gjør gjere sier seie si kunne skulle
	ville mer meir mest mange mye mykje enn ved etter over under inn ut opp ned
	om hos mot mellom uten utan alle alt all hver kvar kor står stå sto stod sier lenge ofte
	the a an and or of to in on for with is are was were be been it this that
	these those what which who whom how why when where do does did can could
	should would will shall may might must i me my we our you your they their
	there here about from by as at if not no yes any some tell please say says said
	`)

// wordSet is the set of the words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// nynorsk and informal forms mapped to the bokmål form the stemmer knows.
var normForms = map[string]string{
	"kommunar": "kommuner", "kommunane": "kommunene", "fylka": "fylkene",
	"korleis": "hvordan", "kva": "hva", "kven": "hvem", "ikkje": "ikke",
	"eg": "jeg", "frå": "fra", "berre": "bare", "mykje": "mye",
	"samlingar": "samlinger", "kulturskulen": "kulturskolen", "kulturskule": "kulturskole",
	"kulturskular": "kulturskoler", "skule": "skole", "skulen": "skolen",
}

// words splits text into lower-case words (letters and digits).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Terms analyses text into index terms: lower-cased, nynorsk forms mapped,
// stop words dropped, stemmed (Norwegian snowball) and æøå-folded.
func Terms(s string) []string { return (*analyzer)(nil).terms(s) }

// analyzer is Terms with a memory of analysed words: a document repeats
// its words many times and stemming is most of the cost of ingest. Bounded:
// emptied when full, since questions can bring any number of new words.
// Each Library has its own; a nil analyzer remembers nothing.
type analyzer struct {
	mu sync.RWMutex
	m  map[string]string
}

const termCacheMax = 100_000

func (a *analyzer) terms(s string) []string {
	ws := words(s)
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if t := a.term(w); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// term analyses one lower-case word; "" for a stop word.
func (a *analyzer) term(w string) string {
	if a == nil {
		return analyseWord(w)
	}
	a.mu.RLock()
	t, ok := a.m[w]
	a.mu.RUnlock()
	if ok {
		return t
	}
	t = analyseWord(w)
	a.mu.Lock()
	if a.m == nil || len(a.m) >= termCacheMax {
		a.m = map[string]string{}
	}
	a.m[w] = t
	a.mu.Unlock()
	return t
}

func analyseWord(w string) string {
	if n, ok := normForms[w]; ok {
		w = n
	}
	if stopwords[w] || len(w) < 2 && !unicode.IsDigit(rune(w[0])) {
		return ""
	}
	if len([]rune(w)) > 3 {
		w = norwegian.Stem(w, true)
	}
	return foldWord(w)
}

// foldWord folds æøå and their keyboard spellings the same way names are
// folded everywhere else (bot.Fold), so "Bodø", "bodo" and "Bodoe" meet.
func foldWord(w string) string { return bot.Fold(w) }

// indexText is what goes into the FTS index for a chunk: its analysed terms
// separated by spaces (the FTS tokenizer then only splits on spaces).
func (a *analyzer) indexText(section, text string) string {
	return strings.Join(a.terms(section+"\n"+text), " ")
}

// uniq returns the distinct terms in order of first appearance.
func uniq(ts []string) []string {
	seen := make(map[string]bool, len(ts))
	out := ts[:0:0]
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// enWords and nbWords are frequent function words that tell English from
// Norwegian in a short question.
var enWords = map[string]bool{
	"the": true, "what": true, "how": true, "who": true, "why": true, "when": true, "where": true,
	"is": true, "are": true, "does": true, "do": true, "can": true, "which": true, "of": true,
	"and": true, "to": true, "for": true, "in": true, "about": true, "we": true, "our": true,
	"should": true, "would": true, "there": true, "this": true, "with": true, "you": true,
}

var nbWords = map[string]bool{
	"hva": true, "kva": true, "hvordan": true, "korleis": true, "hvem": true, "kven": true,
	"er": true, "og": true, "i": true, "på": true, "til": true, "av": true, "for": true,
	"det": true, "en": true, "et": true, "om": true, "vi": true, "kan": true, "skal": true,
	"hvor": true, "kor": true, "når": true, "ikke": true, "ikkje": true, "med": true, "som": true,
	"må": true, "får": true, "eg": true, "jeg": true, "hvilke": true,
}

// DetectLang guesses "en" or "nb" from the function words of a question;
// bokmål wins ties, since it is the bot's default.
func DetectLang(q string) string {
	en, nb := 0, 0
	for _, w := range words(q) {
		if enWords[w] {
			en++
		}
		if nbWords[w] {
			nb++
		}
		if strings.ContainsAny(w, "æøå") {
			nb += 2
		}
	}
	if en > nb {
		return "en"
	}
	return "nb"
}

// normQuestion is the cache key of a question: its words, lower-case,
// folded, punctuation and spacing ignored.
func normQuestion(q string) string {
	ws := words(q)
	for i, w := range ws {
		ws[i] = foldWord(w)
	}
	return strings.Join(ws, " ")
}
