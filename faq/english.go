package faq

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kulturskoleradet/kulturbot/bot"
)

// English text (an English question, the corpus's questions_en and English
// answers) is read with an English stemmer, not the Norwegian one: the
// Norwegian stemmer leaves "covered", "registered", "municipalities" and
// "gatherings" whole (so each inflection had to be listed as a synonym) and
// cuts English words into Norwegian ones ("come" → "com"). The English
// Snowball stemmer (Porter2) comes from the same well-kept module as the
// Norwegian one (github.com/kljensen/snowball), so it adds no dependency.
//
// Norwegian words in English chat ("kulturskole", "samling", "fylke",
// "kommunestyret") are still read as Norwegian: the lexicon's own words
// first, then any word only the corpus's Norwegian texts use, then any
// word the English reading does not know but the Norwegian one explains
// with a programme concept (baseEN).

// stopEN (lexicon/stopwords_en.txt) are English words that carry no topic
// in an English question: filler and politeness ("sorry", "honestly",
// "tbh"). Only English text reads them: "same", "be" and "sure" are not
// Norwegian filler.
var stopEN = foldWords(lexiconWords("stopwords_en.txt"))

// wordsEN (lexicon/words_en.txt) are real English words that the reading
// of an unknown word would otherwise turn into another one: a "typo" one
// edit from a corpus word ("steer" → "steder", "coast" → "cost", "sister"
// → "siste", "plant" → "plan") or a Norwegian word ("formal" → "formål",
// "identify" → a compound). In English text such a word stays itself —
// an unknown word, weighed as one — however close it is to a corpus word.
// The list is generated from the common-word lists of English (SCOWL size
// 35, Debian's wbritish-small and wamerican-small; installed on a
// workstation, never a dependency) by TestWordsENList, which keeps only
// the words whose reading the guard changes.
var wordsEN = foldWords(lexiconWords("words_en.txt"))

// synENRaw (lexicon/synonyms_en.txt) maps English words to programme
// concepts, read in English text only ("cover" is not Norwegian "cover").
var synENRaw = func() map[string][]string {
	m := map[string][]string{}
	for k, v := range lexiconPairs("synonyms_en.txt") {
		m[k] = strings.Fields(v)
	}
	return m
}()

// synEN maps an English word as written (folded) to its concepts
// (synonyms_en.txt).
var synEN = func() map[string][]string {
	m := map[string][]string{}
	for _, k := range sortedKeys(synENRaw) {
		f := bot.Fold(k)
		m[f] = mergeConcepts(m[f], synENRaw[k])
	}
	return m
}()

// synStemTable maps English stems to concepts, so "registered",
// "registers" and "registering" find what "register" finds: every word of
// synonyms_en.txt, then every word of the shared table (synonyms.txt) that
// the stemmer only strips of an inflection ("deadlines", "funded", not
// "involvement" → "involv", which would make every "involved" a word of
// participation), unless only the corpus's Norwegian texts use it
// (noOnly: "rolle" is not "rolled"). Where two words share a stem the
// English list's, then the alphabetically first, concept wins.
func synStemTable(noOnly map[string]bool) map[string][]string {
	m := map[string][]string{}
	add := func(raw map[string][]string, all bool) {
		for _, k := range sortedKeys(raw) {
			f := bot.Fold(k)
			if strings.Contains(k, " ") || noOnly[f] || foldedNO[f] {
				continue
			}
			st := stemEN(f)
			if !all && !inflectionOf(f, st) {
				continue
			}
			if _, taken := m[st]; !taken {
				m[st] = raw[k]
			}
		}
	}
	add(synENRaw, true)
	add(synRaw, false)
	return m
}

// inflectionOf: st, the English stem of w, takes off no more than an
// inflection: at most three letters, one of them a changed last letter
// ("studies" → "studi").
func inflectionOf(w, st string) bool {
	if len(w)-len(st) > 3 || len(st) < 3 {
		return false
	}
	return strings.HasPrefix(w, st[:len(st)-1])
}

// foldedNO are the shared table's words that only a spelling with æ, ø
// or å folds to ("formål" → "formal"): in English text the folded form is
// the English word.
var foldedNO = func() map[string]bool {
	m, plain := map[string]bool{}, map[string]bool{}
	for k := range synRaw {
		if strings.ContainsAny(k, "æøåÆØÅ") {
			m[bot.Fold(k)] = true
		} else {
			plain[bot.Fold(k)] = true
		}
	}
	for k := range plain {
		delete(m, k)
	}
	return m
}()

// synKeys are the shared table's words, folded (synonyms also holds
// their Norwegian stems).
var synKeys = func() map[string]bool {
	m := map[string]bool{}
	for k := range synRaw {
		m[bot.Fold(k)] = true
	}
	return m
}()

// stemEN is the English Snowball stem of a folded word.
func stemEN(w string) string { return english.Stem(w, true) }

// stemEN is stemEN(w), cached while an engine is built.
func (a *Analyzer) stemEN(w string) string {
	if a == nil || a.stemmedEN == nil {
		return stemEN(w)
	}
	st, ok := a.stemmedEN[w]
	if !ok {
		st = stemEN(w)
		a.stemmedEN[w] = st
	}
	return st
}

// wordEN is word for a word of English text: a typo of a corpus word is
// corrected; an unknown word is not explained by Norwegian word parts
// (backoff), which would read English words as Norwegian compounds.
func (a *Analyzer) wordEN(w string) []Term {
	ts := a.baseEN(w, false)
	if len(ts) == 0 || ts[0].Weak {
		return ts
	}
	if _, ok := a.surface[w]; ok || a.allKnownEN(ts) || len(a.stems) == 0 || wordsEN[w] {
		return ts
	}
	if fix := a.correct(w); fix != "" {
		if fixed := a.baseEN(fix, false); len(fixed) > 0 && !fixed[0].Weak {
			return fixed
		}
	}
	// A long English function word with a letter lost ("suposed",
	// "actualy") is that word (stopwordTypo).
	if stopwordTypoIn(w, longStopwordsEN) {
		return nil
	}
	return ts
}

// baseEN is base for a word of English text. building: the corpus's own
// English texts are being read (every word of them is known).
func (a *Analyzer) baseEN(w string, building bool) []Term {
	if weak, ok := weakWords[w]; ok {
		return []Term{{Text: weak, Weak: true}}
	}
	if stopwords[w] || stopEN[w] {
		return nil
	}
	if syn, ok := synEN[w]; ok {
		return terms(syn)
	}
	// The shared table's own words, not the Norwegian stems it also
	// holds ("off" is the stem of "offer", not a word of it); and not
	// "formål" read into the English word "formal": a word only its æøå
	// spelling makes, when the corpus's English uses it as typed or it is
	// a common English word (words_en.txt).
	if syn, ok := synonyms[w]; ok && synKeys[w] && !(foldedNO[w] && (learnedEN()[w] || wordsEN[w])) {
		return terms(syn)
	}
	// A Norwegian word in English chat: read as Norwegian.
	// Not a common English word that only folding makes Norwegian
	// ("formal", from "formål"): words_en.txt.
	if a != nil && a.noOnly[w] && !wordsEN[w] {
		return a.base(w)
	}
	if _, ok := nynorsk[w]; ok && !a.enKnown(w) {
		return a.base(w)
	}
	st := a.stemEN(w)
	if a != nil {
		if syn, ok := a.synStem[st]; ok {
			return terms(syn)
		}
	}
	if weak, ok := weakWords[st]; ok { // "helps", "finding"
		return []Term{{Text: weak, Weak: true}}
	}
	// Only the English list is read by stem: the shared list's "read"
	// is a verb to drop, "reading" a thing people ask for.
	if stopEN[st] {
		return nil
	}
	out := []Term{{Text: st}}
	if building || a == nil || a.stemsEN[st] || wordsEN[w] {
		return out
	}
	// Unknown as English: a Norwegian word the corpus never used in
	// English ("fylkesavdelingene", "kulturskolelærer") is read as
	// Norwegian when that finds a programme concept, or a compound of
	// corpus words.
	if nb := a.base(w); len(nb) > 1 || (len(nb) == 1 && concepts[nb[0].Text]) {
		return nb
	}
	return out
}

// enKnown: w is a word of the corpus's English texts.
func (a *Analyzer) enKnown(w string) bool {
	if a == nil {
		return false
	}
	_, seen := a.surface[w]
	return seen && !a.noOnly[w]
}

// englishPhrasing reports whether e's i-th phrasing is English: listed
// under questions_en, or, in an entry without such a list (a learned one),
// detected as English.
func englishPhrasing(e Entry, i int) bool {
	if len(e.QuestionsEN) > 0 {
		return i >= len(e.Questions)-len(e.QuestionsEN)
	}
	return DetectLang(e.Questions[i]) == "en"
}

// allKnownEN is allKnown for terms of English text.
func (a *Analyzer) allKnownEN(ts []Term) bool {
	for _, t := range ts {
		if !a.stemsEN[t.Text] && !a.stems[t.Text] {
			return false
		}
	}
	return true
}

// particlesEN are English phrasal verbs whose particle a writer puts after
// the object ("put their councils forward", "who sends it in", "sign our
// municipality up"): the lexicon's phrases ("put forward", "send in",
// "sign up", "pull out") match only the joined form, so the loose verb and
// particle each read as a word of their own ("put" and "forward" weigh
// 2.0, the registration they mean is lost). Verb forms as written, each
// with the particles whose joined phrase the lexicon knows.
var particlesEN = map[string]string{
	"put": "forward", "puts": "forward", "putting": "forward",
	"send": "in", "sends": "in", "sending": "in", "sent": "in",
	"hand": "in", "hands": "in", "handing": "in", "handed": "in",
	"sign": "up", "signs": "up", "signing": "up", "signed": "up",
	"pull": "out", "pulls": "out", "pulling": "out", "pulled": "out",
	"back": "out", "backs": "out", "backing": "out", "backed": "out",
}

// particleEndEN are the words that may follow a moved particle: the
// particle closes the verb phrase ("sign us up for the programme"), where
// any other word makes it a preposition ("send it in English").
var particleEndEN = set("by", "before", "for", "to", "now", "yet", "already", "and", "or", "this", "next", "again", "too", "as", "at", "on")

// joinParticlesEN moves the particle of a separated phrasal verb next to
// its verb ("who sends it in?" → "who sends in it?"), when one to three
// words stand between them, none of them ends a clause, and the particle
// ends the phrase (end of text, a clause mark, or a word of
// particleEndEN). q is an English question as normalized; it comes back
// unchanged (same string) when nothing moves.
func joinParticlesEN(q string) string {
	var fb [32]string
	fields := fb[:0]
	for f := range strings.FieldsSeq(q) {
		fields = append(fields, f)
	}
	moved := false
	for i := 0; i < len(fields); i++ {
		_, core, post := wordCore(fields[i])
		var lb [16]byte
		part, ok := particlesEN[string(lowerASCII(lb[:0], core))]
		if !ok || post != "" {
			continue
		}
		for j := i + 2; j <= i+4 && j < len(fields); j++ {
			if _, c, p := wordCore(fields[j-1]); c == "" || p != "" || strings.HasSuffix(c, ".") {
				break // a clause ends inside the object
			}
			_, pc, pp := wordCore(fields[j])
			dot := ""
			if c, ok := strings.CutSuffix(pc, "."); ok {
				pc, dot = c, "."
			}
			if !strings.EqualFold(pc, part) {
				continue
			}
			if pp == "" && dot == "" && j+1 < len(fields) {
				_, nc, _ := wordCore(fields[j+1])
				var nb [16]byte
				if !particleEndEN[string(lowerASCII(nb[:0], nc))] {
					break
				}
			}
			pp = dot + pp
			// verb, particle, object…, then what followed the particle
			obj := append([]string(nil), fields[i+1:j]...)
			last := len(obj) - 1
			// the particle's trailing mark ("in?") goes to the object's end
			obj[last] += pp
			fields[i+1] = pc
			copy(fields[i+2:j+1], obj)
			moved = true
			i = j
			break
		}
	}
	if !moved {
		return q
	}
	return strings.Join(fields, " ")
}

// lowerASCII appends s lowered (ASCII letters only) to b: a map key
// looked up as string(b) costs no allocation, where strings.ToLower of a
// capitalised word ("Put", "Who") would allocate on every question.
func lowerASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
