package faq

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/norwegian"
	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/edit"
)

// Term is one analysed word of a text: a folded, stemmed and normalised
// token. Weak terms are question words ("hvem", "når"): they help tell
// "who can take part" from "how to take part" but count for little.
type Term struct {
	Text string
	Weak bool
}

// Analyzer turns Norwegian (bokmål or nynorsk) and English text into terms
// that match however people type: case, æøå or ae/oe/aa/o/a, inflection,
// nynorsk forms, programme synonyms and, for longer words, one typo.
//
// The same analysis runs on the corpus and on questions, so every rule is
// symmetric: what matters is that both sides land on the same term.
type Analyzer struct {
	// surface maps every folded word seen in the corpus (and every synonym
	// key) to how often it was seen; typo correction picks from it.
	surface map[string]int
	// stems is the set of analysed terms of the corpus, used to split
	// compounds ("påmeldingsfristen" -> "frist") into known parts.
	stems map[string]bool
	// byLen indexes surface words by length for the typo search.
	byLen map[int][]string
	// folded and memo are caches while an engine is built (newEngine),
	// nil otherwise: the corpus repeats its words thousands of times.
	// folded maps a raw word to bot.Fold of it, memo a folded word to its
	// terms (only once the vocabulary is complete: word depends on it).
	folded map[string]string
	memo   map[string][]Term
	// split maps a text to its words while an engine is built: a phrasing
	// the lexicon leaves unchanged is split for the vocabulary and again
	// for the index.
	split map[string][]string
	// stemmed maps a word to its Norwegian stem while an engine is built
	// (nil otherwise): base stems the same words over and over (6,855
	// calls for 2,479 words with the shipped corpus), and the snowball
	// stemmer was about 6 % of the bot's start-up CPU. The stem is a pure
	// function of the word, so the cache changes no result.
	stemmed map[string]string
	// noOnly holds the folded words the corpus's Norwegian texts use and
	// its English texts never do ("kommunestyret", "samlingane"): in an
	// English question such a word is read as Norwegian (baseEN).
	noOnly map[string]bool
	// memoEN and stemmedEN are memo and stemmed for English text.
	memoEN    map[string][]Term
	stemmedEN map[string]string
	// stemsEN is the set of terms of the corpus's English texts read as
	// English; synStem maps an English stem to its synonyms' concepts.
	stemsEN map[string]bool
	synStem map[string][]string
	// long holds the stems of at least longStem bytes, the only ones
	// backoff's last search (a compound ending in the word) can find,
	// as they were when len(stems) was longN: stems are only ever added,
	// so while the count is the same the list is whole (indexLong).
	long  []string
	longN int
}

// longStem: backoff looks for compounds at least 4 bytes longer than a
// stem of at least 7.
const longStem = 7 + 4

// indexLong lists the long stems for backoff (after the stems change,
// before questions are answered: newAnalyzer, the snapshot, learn). The
// ~1,250 stems (94 of them long) were walked as a map for every word
// backoff explains.
func (a *Analyzer) indexLong() {
	a.long = a.long[:0]
	for c := range a.stems {
		if len(c) >= longStem {
			a.long = append(a.long, c)
		}
	}
	sort.Strings(a.long) // the same list however the set was filled (TestSnapshotFresh)
	a.longN = len(a.stems)
}

// NewAnalyzer returns an analyzer whose vocabulary (for compounds and typos)
// is the words of texts.
// The texts are read as Norwegian.
func NewAnalyzer(texts ...string) *Analyzer {
	a := newAnalyzer(map[string]string{}, texts, nil)
	a.folded, a.split, a.stemmed, a.stemmedEN = nil, nil, nil, nil
	return a
}

// newAnalyzer is NewAnalyzer of the Norwegian texts and the English texts
// enTexts, folding words through the cache folded, which it leaves in
// place (newEngine goes on using it).
func newAnalyzer(folded map[string]string, texts, enTexts []string) *Analyzer {
	a := &Analyzer{surface: map[string]int{}, stems: map[string]bool{}, byLen: map[int][]string{}, folded: folded, split: map[string][]string{}, stemmed: map[string]string{},
		noOnly: map[string]bool{}, stemmedEN: map[string]string{}, stemsEN: map[string]bool{}}
	// Synonym words as people write them (not their stems: "bookl" is no
	// word, and "booke" must not be corrected to it).
	for k := range synRaw {
		a.surface[bot.Fold(k)] += 1
	}
	for k := range nynorsk {
		a.surface[k] += 1
	}
	enSeen := map[string]bool{}
	for _, t := range enTexts {
		for _, w := range a.splitOnce(t) {
			enSeen[w] = true
		}
	}
	for _, t := range texts {
		for _, w := range a.splitOnce(t) {
			a.surface[w]++
			if !enSeen[w] {
				a.noOnly[w] = true
			}
			for _, term := range a.base(w) {
				if !term.Weak {
					a.stems[term.Text] = true
				}
			}
		}
	}
	// English words are stemmed as English (baseEN), into a set of their
	// own: the Norwegian reading (compounds, typos) keeps the terms it
	// had, English stems such as "relev" are no parts of Norwegian words.
	// The synonyms are looked up by English stem, except words only the
	// Norwegian texts use ("rolle" is not "rolled").
	a.synStem = synStemTable(a.noOnly)
	for _, t := range enTexts {
		for _, w := range a.splitOnce(t) {
			a.surface[w]++
			for _, term := range a.base(w) {
				if !term.Weak {
					a.stems[term.Text] = true
				}
			}
			for _, term := range a.baseEN(w, true) {
				if !term.Weak {
					a.stemsEN[term.Text] = true
				}
			}
		}
	}
	for w := range a.surface {
		n := utf8.RuneCountInString(w)
		a.byLen[n] = append(a.byLen[n], w)
	}
	for _, l := range a.byLen {
		sort.Strings(l)
	}
	a.indexLong()
	return a
}

// Known reports whether term occurs in the analyzer's vocabulary.
func (a *Analyzer) Known(term string) bool { return a.stems[term] || a.stemsEN[term] }

// words lower-cases, applies multi-word phrases and splits text into folded
// words.
func words(text string) []string { return splitWords(text, nil) }

// splitOnce is splitWords with the build's caches; the words returned
// may be shared and must not be changed.
func (a *Analyzer) splitOnce(text string) []string {
	if a.split == nil {
		return splitWords(text, a.folded)
	}
	ws, ok := a.split[text]
	if !ok {
		ws = splitWords(text, a.folded)
		a.split[text] = ws
	}
	return ws
}

// spacedWords is phraseKey of text lower-cased with punctuation and
// hyphens as spaces, in one pass (it was strings.Map, ReplaceAll,
// strings.Fields and strings.Join: splitting the corpus's texts was the
// largest part of the bot's start-up). Punctuation becomes space, so
// phrases match before "?" too; hyphens too, since words are split at
// them anyway, so a phrase also matches when people hyphenate it
// ("one-size-fits-all"). TestSpacedWords holds it to the four steps.
//
// An apostrophe stays only inside a word ("what's", "don't"): one before
// or after a word is a quotation mark ("spør 'kva får vi ut av dette'"),
// and kept, it hid the quoted words from the phrases ("kva får vi ut
// av").
func spacedWords(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 8)
	b.WriteByte(' ')
	inWord, any, prevAlnum := false, false, false
	for i, r := range text {
		alnum := r != '-' && (unicode.IsLetter(r) || unicode.IsDigit(r))
		switch {
		case alnum:
			r = unicode.ToLower(r)
		case (r == '\'' || r == '’' || r == '‘') && prevAlnum && alnumAt(text, i+utf8.RuneLen(r)):
			r = '\''
		default:
			inWord, prevAlnum = false, false
			continue
		}
		prevAlnum = alnum
		if !inWord && any {
			b.WriteString("  ")
		}
		inWord, any = true, true
		b.WriteRune(r)
	}
	b.WriteByte(' ')
	return b.String()
}

// alnumAt reports whether text[i:] opens with a letter or a digit.
func alnumAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// splitWords is words, folding through the cache folded when not nil.
func splitWords(text string, folded map[string]string) []string {
	return splitWordsInto(nil, text, folded)
}

// splitWordsInto is splitWords appended to buf[:0] (Answer hands it a
// pooled slice, judgeScratch).
func splitWordsInto(buf []string, text string, folded map[string]string) []string {
	s := spacedWords(text)
	s = phraseReplacer.Replace(s)
	out := buf[:0]
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		w, ok := folded[f]
		if !ok {
			w = bot.Fold(f)
			if folded != nil {
				folded[f] = w
			}
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Analyze returns the terms of text, in order, duplicates kept, reading
// it as Norwegian.
func (a *Analyzer) Analyze(text string) []Term {
	return a.analyzeWords(splitWords(text, a.folded))
}

// AnalyzeIn is Analyze reading text as English when en is set (baseEN).
func (a *Analyzer) AnalyzeIn(text string, en bool) []Term {
	return a.analyzeWordsIn(splitWords(text, a.folded), en)
}

// analyzeWords is Analyze of text already split by words.
func (a *Analyzer) analyzeWords(ws []string) []Term { return a.analyzeWordsIn(ws, false) }

// analyzeWordsIn is AnalyzeIn of text already split by words.
func (a *Analyzer) analyzeWordsIn(ws []string, en bool) []Term {
	return a.analyzeWordsInto(nil, ws, en)
}

// analyzeWordsInto is analyzeWordsIn appended to buf[:0] (judgeWords
// hands it a pooled slice, judgeScratch).
func (a *Analyzer) analyzeWordsInto(buf []Term, ws []string, en bool) []Term {
	out := buf[:0]
	memo, word := a.memo, a.word
	if en {
		memo, word = a.memoEN, a.wordEN
	}
	for _, w := range ws {
		if memo == nil {
			out = append(out, word(w)...)
			continue
		}
		ts, ok := memo[w]
		if !ok {
			ts = word(w)
			memo[w] = ts
		}
		out = append(out, ts...)
	}
	return out
}

// word analyses one folded word, correcting a typo when the word is unknown.
func (a *Analyzer) word(w string) []Term {
	ts := a.base(w)
	if len(ts) == 0 || ts[0].Weak {
		return ts
	}
	if _, ok := a.surface[w]; ok || a.allKnown(ts) || len(a.stems) == 0 || commonWords[w] {
		return ts
	}
	// A "typo" of a stop word is more likely a word of its own ("livet"
	// is not "lovet"): only a correction to a content word is taken.
	if fix := a.correct(w); fix != "" && !realWordsNB[w] {
		if fixed := a.base(fix); len(fixed) > 0 && !fixed[0].Weak {
			return fixed
		}
	}
	// A long function word with a letter lost in typing ("egentli",
	// "hvorda", "kanskj") is that word, not a topic the corpus never
	// heard of: it weighed as one and sank the question's coverage.
	if stopwordTypo(w) {
		return nil
	}
	if bs := a.backoff(w); bs != nil {
		return bs
	}
	return ts
}

// stopwordTypo reports whether w is a stop word of seven or more letters
// with one letter left out. Only a long word: a short one with a letter
// less is often a word of its own ("livet" is not "lovet"; neither is
// one deletion from the other, but "var" is "vår" without a letter), and
// the caller asks only about words the corpus does not know.
func stopwordTypo(w string) bool { return stopwordTypoIn(w, longStopwords) }

// stopwordTypoIn is stopwordTypo against the long stop words long.
func stopwordTypoIn(w string, long []string) bool {
	n := len(w)
	if n < 6 {
		return false
	}
	for _, sw := range long {
		if len(sw) == n+1 && oneDeletion(sw, w) {
			return true
		}
	}
	return false
}

// longStopwords are the stop words of seven letters or more (ASCII
// after folding), for stopwordTypo.
var longStopwords = longWords(stopwords)

// longStopwordsEN are the stop words English text reads (the shared list
// and its own, stopEN) of seven letters or more: "suposed", "actualy"
// (blind38).
var longStopwordsEN = longWords(stopwords, stopEN)

// longWords are the words of the sets with seven letters or more, sorted.
func longWords(sets ...map[string]bool) []string {
	var out []string
	for _, set := range sets {
		for w := range set {
			if len(w) >= 7 {
				out = append(out, w)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// oneDeletion reports whether short is long with one byte left out.
func oneDeletion(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	return long[i+1:] == short[i:]
}

// realWordsNB (lexicon/words_nb.txt) are Norwegian words one edit from a
// corpus word that are words of their own, never typos of it ("heiter" is
// not "henter", "befale" not "betale").
var realWordsNB = foldedSet("words_nb.txt")

// personHeads are the folded forms of a person's title as a compound's
// last part ("kulturskolelærer", "fagleder"): a person, not the topic of
// their first part.
var personHeads = set("laerer", "larer", "lerer", "laereren", "lareren", "leder", "lederen", "leiar", "leiaren", "rektor", "rektoren", "sjef", "sjefen", "radgiver", "radgjevar")

// derivSuffixes are endings that make a noun of a verb the corpus knows
// ("vurderinga", "prioritering" from "vurdere", "prioritere"), longest
// first.
var derivSuffixes = []string{"ingane", "ingene", "ingar", "inger", "ingen", "inga", "ing", "elsen", "else"}

// backoff explains a word the corpus does not know, and no typo of it,
// by words it does: a verb's noun ("vurderinga" is "vurdere") or a
// compound of two corpus words ("oppmøteplikt", "samfunnsarbeidet"). A
// question in words nobody wrote into the corpus then still meets its
// entry, instead of losing the word's whole weight as an unknown topic.
// Only for questions in practice: every corpus word is known.
func (a *Analyzer) backoff(w string) []Term {
	if len(w) < 7 {
		return nil
	}
	known := func(s string) (string, bool) {
		if len(s) < 4 || stopwords[s] {
			return "", false
		}
		ts := a.base(s)
		if len(ts) == 0 || ts[0].Weak || len(ts[0].Text) < 4 || !a.stems[ts[0].Text] {
			return "", false
		}
		return ts[0].Text, true
	}
	// An intensifier before a word ("bitteliten", "kjempeviktig",
	// "superkort") says how much, not what: the word itself.
	for _, p := range intensifiers {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 3 {
			if ts := a.base(rest); len(ts) > 0 && (a.stems[ts[0].Text] || commonWords[rest]) {
				return ts
			}
		}
	}
	// Nynorsk by rule: the passive in -ast ("styrkjast", "gjerast",
	// "søkjast") is the infinitive's word, and a stem in -kj/-gj
	// ("styrkj", "leggj") is the bokmål stem without the j.
	if stem, ok := strings.CutSuffix(w, "ast"); ok && len(stem) >= 3 {
		for _, c := range []string{stem + "e", stem, strings.TrimSuffix(stem, "j") + "e"} {
			ts := a.base(c)
			if len(ts) > 0 && !ts[0].Weak && a.stems[ts[0].Text] {
				return ts
			}
			if nb := nynorsk[c]; len(ts) == 0 && nb != "" && stopwords[nb] {
				return []Term{} // "gjerast": a function verb, no topic
			}
		}
	}
	if st := a.stem(w); strings.HasSuffix(st, "kj") || strings.HasSuffix(st, "gj") {
		if b := st[:len(st)-1]; a.stems[b] {
			return []Term{{Text: b}}
		}
	}
	// "samfunnsgreiene", "rapportgreia": the thing the first part names.
	for _, suf := range []string{"greiene", "greiane", "greier", "greia", "greie"} {
		if mod, ok := strings.CutSuffix(w, suf); ok {
			for _, m := range []string{mod, strings.TrimSuffix(mod, "s")} {
				if t, ok := known(m); ok {
					return []Term{{Text: t}}
				}
			}
		}
	}
	for _, suf := range derivSuffixes {
		if stem, ok := strings.CutSuffix(w, suf); ok {
			if t, ok := known(stem); ok {
				return []Term{{Text: t}}
			}
			if t, ok := known(stem + "e"); ok {
				return []Term{{Text: t}}
			}
		}
	}
	for i := len(w) - 5; i >= 4; i-- { // the longest known head first
		// "styremøte", "kulturskolelærer": a meeting or a person of some
		// other kind, not the programme's.
		if meetingHeads[w[i:]] || personHeads[w[i:]] {
			return nil
		}
		head, ok := known(w[i:])
		if !ok || len(head) < 5 { // "rettleiaren" is not "rettlei" + "aren"
			continue
		}
		for _, mod := range []string{w[:i], strings.TrimSuffix(w[:i], "s"), strings.TrimSuffix(w[:i], "e")} {
			if m, ok := known(mod); ok {
				return []Term{{Text: norwegian.Stem(w, true), Weak: true}, {Text: m}, {Text: head}}
			}
		}
	}
	// The word may be the last part of one compound the corpus uses
	// ("utfordringane" of "samfunnsutfordringer", "oppdraget" of
	// "kjerneoppdrag"): that compound, when there is exactly one.
	// Which one is found does not depend on the order they are tried in
	// (two or more are none), so the long stems' list (indexLong) serves
	// as well as the set while it is whole.
	if st := a.stem(w); len(st) >= 7 {
		found := ""
		tail := func(c string) bool {
			if len(c) >= len(st)+4 && strings.HasSuffix(c, st) {
				if found != "" {
					return false
				}
				found = c
			}
			return true
		}
		if a.longN == len(a.stems) && a.longN > 0 {
			for _, c := range a.long {
				if !tail(c) {
					return nil
				}
			}
		} else {
			for c := range a.stems {
				if !tail(c) {
					return nil
				}
			}
		}
		if found != "" {
			return []Term{{Text: found}}
		}
	}
	return nil
}

// intensifiers are prefixes that strengthen a word without changing what
// it is about.
var intensifiers = []string{"bitte", "kjempe", "super", "mega", "drit", "ekstra", "kjempa"}

func (a *Analyzer) allKnown(ts []Term) bool {
	for _, t := range ts {
		if !a.stems[t.Text] {
			return false
		}
	}
	return true
}

// base analyses a folded word without typo correction: nynorsk to bokmål,
// stop words out, synonyms to their concept, stemming, compound splitting.
// stem is norwegian.Stem(w, true), cached while an engine is built.
func (a *Analyzer) stem(w string) string {
	if a == nil || a.stemmed == nil {
		return norwegian.Stem(w, true)
	}
	st, ok := a.stemmed[w]
	if !ok {
		st = norwegian.Stem(w, true)
		a.stemmed[w] = st
	}
	return st
}

func (a *Analyzer) base(w string) []Term {
	if nb, ok := nynorsk[w]; ok {
		w = nb
	}
	if weak, ok := weakWords[w]; ok {
		return []Term{{Text: weak, Weak: true}}
	}
	if stopwords[w] {
		return nil
	}
	if syn, ok := synonyms[w]; ok {
		return terms(syn)
	}
	st := a.stem(w)
	// An everyday word (common.txt) is itself: not a synonym that only
	// shares its stem ("tydelig" is not "tyde" = mean, "særlig" not
	// "særpreg"), not a compound ("forsøke" is not "før" + "søke"), and
	// (word) not a typo of a corpus word.
	if commonWords[w] && !stopwords[st] {
		return []Term{{Text: st}}
	}
	if syn, ok := synonyms[st]; ok {
		return terms(syn)
	}
	if stopwords[st] {
		return nil
	}
	out := []Term{{Text: st}}
	// Compounds: "påmeldingsfristen" also means "frist"; "reisestøtte"
	// also "støtte". Only split on parts the corpus knows, so the split
	// is the same on both sides and never invents terms.
	if a != nil && len(w) >= 8 && !a.stems[st] {
		for i := 3; i <= len(w)-4; i++ {
			head, mod := w[i:], w[:i]
			// "styremøte", "foreldremøte": a compound on "møte" is some other
			// meeting, not one of the programme's gatherings.
			if meetingHeads[head] {
				continue
			}
			var hs []string
			switch {
			case synonyms[head] != nil && compoundHeads[synonyms[head][0]]:
				hs = synonyms[head]
			// A head whose stem is three letters is more often a word's tail
			// than a word ("eigentleg" is not "eig" + "entleg" = "ent").
			case len(head) >= 6 && a.stems[a.stem(head)] && synonyms[head] == nil && len(a.stem(head)) >= 4:
				hs = []string{a.stem(head)}
			default:
				continue
			}
			out = append(out, terms(hs)...)
			explained := false
			for _, m := range []string{mod, strings.TrimSuffix(mod, "s")} {
				if syn := synonyms[m]; syn != nil && !badModifiers[syn[0]] {
					out = append(out, terms(syn)...)
					explained = true
					break
				}
				if ms := a.stem(m); len(m) >= 4 && a.stems[ms] {
					out = append(out, Term{Text: ms})
					explained = true
					break
				}
			}
			// The whole compound, unknown to the corpus, is explained by
			// its parts: it should not count as a foreign topic word.
			// Unless its head is a generic word ("melding" in
			// "årsmelding"), not a programme noun, and its first part is
			// unknown: then what it is about is that first part.
			out[0].Weak = explained || synonyms[head] != nil
			break
		}
	}
	return out
}

// compoundHeads are the concepts a compound may be split into: nouns of
// the programme ("påmeldingsfrist", "reisestøtte", "regionsamling"), never
// verbs or particles ("oversette" is not "over" + "sette").
var compoundHeads = set("samling", "pamelding", "frist", "veiledning", "okonomi", "stotte", "reise", "opphold",
	"region", "regional", "kommune", "fylke", "styre", "gruppe", "arbeidsgruppe", "program", "kulturskole", "tema",
	"utviklingsomrade", "tidsplan", "rammeverk", "elev", "skole", "barnehage", "helse", "oppvekst", "digital",
	"samarbeid", "modell", "rolle", "medlem", "soke", "leder", "plass", "delta", "kunnskapsgrunnlag", "dialoghefte")

// meetingHeads are the folded forms of "møte" as a compound's last part.
var meetingHeads = set("mote", "moter", "motet", "motene")

// badModifiers are concepts that a compound's first part must not become.
var badModifiers = set("slutt", "organisere", "sende", "videre", "etter", "bety", "hvorfor", "varighet", "ulik")

func terms(ss []string) []Term {
	out := make([]Term, len(ss))
	for i, s := range ss {
		out[i] = Term{Text: s}
	}
	return out
}

// correct finds the corpus word one edit away from w (insert, delete,
// substitute or swap two neighbours), preferring the most frequent. Short
// words are left alone: one edit turns too many of them into others.
//
// It tries every corpus word of about w's length (~800), so the test per
// word is cheap first: the edit distance before the frequency look-up,
// and on bytes when both words are ASCII (nearly every folded word):
// both tests are pure, so their order changes no verdict.
func (a *Analyzer) correct(w string) string {
	rw := []rune(w)
	if len(rw) < 5 {
		return ""
	}
	ascii := edit.IsASCII(w)
	best, bestN := "", 0
	for n := len(rw) - 1; n <= len(rw)+1; n++ {
		for _, c := range a.byLen[n] {
			// In a short word a different first letter is more likely a
			// different word ("boller" is not "roller") than a typo.
			if len(rw) <= 6 {
				if r, _ := utf8.DecodeRuneInString(c); r != rw[0] {
					continue
				}
			}
			var near bool
			if ascii && edit.IsASCII(c) {
				near = edit.Within1ASCII(w, c)
			} else {
				near = edit.Within1(rw, []rune(c))
			}
			if near && a.surface[c] > bestN {
				best, bestN = c, a.surface[c]
			}
		}
	}
	return best
}

func set(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}
