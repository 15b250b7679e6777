package faq

import (
	"io/fs"
	"sync"

	"go.yaml.in/yaml/v3"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// DetectLang guesses whether text is English or Norwegian from its common
// words. It returns "" when there is no evidence either way ("økonomi?").
func DetectLang(text string) string { return detectLangLower(strings.ToLower(text)) }

// detectLangLower is DetectLang of text already lower-cased (answerLang
// lowers a question once for this and nynorskLower).
func detectLangLower(text string) string {
	en, nb := 0, 0
	for f := range strings.FieldsFuncSeq(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'')
	}) {
		// Names say nothing about the language they are used in.
		if strings.HasPrefix(f, "kulturskole") || strings.HasPrefix(f, "fremtidens") {
			continue
		}
		if enWords[f] {
			en += 2
		} else if learnedEN()[f] {
			// A word only the corpus's English texts use ("meetup",
			// "expenses") is weaker evidence than a function word, but
			// it is all a two-word chat question like "next meetup?"
			// has.
			en++
		}
		if nbWords[f] {
			nb += 2
		}
		if strings.ContainsAny(f, "æøå") {
			nb++
		}
	}
	switch {
	case en > nb:
		return string(bot.EN)
	case nb > 0:
		return string(bot.NB)
	}
	return ""
}

// Nynorsk reports whether Norwegian text is written in nynorsk: it holds
// more words that only nynorsk uses ("kva", "ikkje", "kommunar") than words
// that only bokmål uses ("hva", "ikke", "kommuner"). Words both use say
// nothing; a question with neither kind is bokmål, the default.
func Nynorsk(text string) bool { return nynorskLower(strings.ToLower(text)) }

// Bokmal reports whether text holds more words only bokmål uses than
// words only nynorsk uses: a part of a nynorsk message with no marker of
// its own ("skjønar boten det?") is not bokmål.
func Bokmal(text string) bool {
	nn, nb := markers(strings.ToLower(text))
	return nb > nn
}

// nynorskLower is Nynorsk of text already lower-cased.
func nynorskLower(text string) bool {
	nn, nb := markers(text)
	return nn > nb
}

// markers counts the words of text (lower-cased) only nynorsk and only
// bokmål use.
func markers(text string) (nn, nb int) {
	prev := ""
	for f := range strings.FieldsFuncSeq(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'')
	}) {
		w := bot.Fold(f)
		name := prev == "fremtidens" || prev == "norsk"
		prev = w
		switch {
		case name:
			// "Fremtidens kulturskole" and "Norsk kulturskoleråd"
			// are names, spelled so in nynorsk too.
		case nnRaw[f] || nnOnly[w] || nnForm(w):
			nn++
		case nbOnly[w] || nbForm(w):
			nb++
		}
	}
	return nn, nb
}

// nnRaw are nynorsk-only words that fold into a bokmål word ("òg" → og,
// "frå" → fra, "då" → da): they count only as typed.
var nnRaw = map[string]bool{"òg": true, "frå": true, "då": true}

// nnForm and nbForm recognise the endings only one standard uses, so a
// word the lists have never seen still counts: nynorsk definite plurals
// ("midlane", "satsingane"), -ing plurals ("satsingar"), -kje/-gje verbs
// ("dekkje", "trekkje", "byggjer"), -leg adjectives ("heilskapleg") and
// -heit nouns; bokmål -inger/-ingene plurals, -lig adjectives, -het nouns.
func nnForm(w string) bool {
	switch {
	case len(w) >= 7 && strings.HasSuffix(w, "ane") && !strings.HasSuffix(w, "bane") && !strings.HasSuffix(w, "vane"):
		return true
	case len(w) >= 7 && (strings.HasSuffix(w, "ingar") || strings.HasSuffix(w, "ingane")):
		return true
	case len(w) >= 5 && (strings.HasSuffix(w, "kje") || strings.HasSuffix(w, "kjer") || strings.HasSuffix(w, "gje") || strings.HasSuffix(w, "gjer")):
		return true
	case len(w) >= 6 && (strings.HasSuffix(w, "leg") || strings.HasSuffix(w, "lege") || strings.HasSuffix(w, "legt")) && w != "kollega" && !strings.HasSuffix(w, "kollege"):
		return true
	case len(w) >= 6 && (strings.HasSuffix(w, "heit") || strings.HasSuffix(w, "heita")):
		return true
	}
	return false
}

func nbForm(w string) bool {
	switch {
	case len(w) >= 7 && (strings.HasSuffix(w, "inger") || strings.HasSuffix(w, "ingene")):
		return true
	case len(w) >= 6 && (strings.HasSuffix(w, "lig") || strings.HasSuffix(w, "lige") || strings.HasSuffix(w, "ligt")):
		return true
	case len(w) >= 6 && (strings.HasSuffix(w, "heten") || strings.HasSuffix(w, "heter")):
		return true
	}
	return false
}

// nnOnly and nbOnly are frequent words of one written standard that the
// other spells differently (folded: æ->ae, ø->o, å->a). Words both share
// ("kan", "skal", "samling") are in neither. Not "òg": folded it is
// "og", and every bokmål "og" would count as nynorsk.
var nnOnly, nbOnly = onlyIn(foldSet(`kva korleis kven kvifor kvar kor ikkje eg dykk dokker noko nokon nokre mykje meir berre vere
		vert kjem fleire heile eigen eige eigne ein eit sjølv kvart velje treng trengs
		kommunar kommunane samlingar samlingane skule skulen skular kulturskule kulturskulen kulturskular
		deltakar deltakarar deltakarane deltaking rettleiing rettleiar
		rettleiarar pengar søkje søkjer kostar betalar gjere gjer spørje regionar regionane seinare startar
		byrjar byrje elevar elevane føremål føremålet kome gje gjev tek høyrer difor fylka
		arbeidsgruppa gruppa rundar dei desse kvifor einaste stønad tilbod hjå
		finst saman heng halde held lenkje midlar midlane satsingar satsingane trekkje handsame dekkje
		dekkjer omgrep omgrepet att meiner vedtek sitje førehand høyrt mistar eigenarten eigenart
		byggjer vegner pengane fekk sjå ho vore vorte
		utval arbeidsutvalet fylkesrådgjevar rådgjevar no gjeld heilt`),
	foldSet(`hva hvordan hvem hvorfor hvor ikke jeg dere noe noen mye mer bare være kommer flere hele
		egen eget egne en et selv hvert velge trenger også kommuner kommunene samlinger samlingene
		skole skolen skoler kulturskole kulturskolen kulturskoler deltaker
		deltakere deltakerne deltakelse veiledning veileder veiledere penger søke søker koster betaler gjøre
		gjør spørre regioner regionene senere starter begynner begynne elever elevene formål formålet komme
		gi gir tar hører derfor fylkene arbeidsgruppen gruppen runder de disse eneste hos hun
		finnes sammen henger holde midler midlene satsinger satsingene behandle
		begrep begrepet igjen mener vedtar forhånd hørt mister egenarten egenart
		bygger vegne pengene fikk se hun annet nå gjelder helt saken sakene forberede forbereder saksfremlegg saksfremlegget`))

// onlyIn drops the words nn and nb share: folded, "frå" and "fra" (or
// "då" and "da") are one word, and such words say nothing.
func onlyIn(nn, nb map[string]bool) (nnOut, nbOut map[string]bool) {
	nnOut, nbOut = map[string]bool{}, map[string]bool{}
	for w := range nn {
		if !nb[w] {
			nnOut[w] = true
		}
	}
	for w := range nb {
		if !nn[w] {
			nbOut[w] = true
		}
	}
	return nnOut, nbOut
}

func foldSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[bot.Fold(w)] = true
	}
	return m
}

var enWords = set("the", "what", "what's", "whats", "how", "who", "when", "where", "why", "which", "is", "are", "do", "does",
	"can", "we", "our", "you", "your", "my", "of", "to", "a", "an", "and", "about", "there", "it", "will", "be", "get",
	"much", "many", "this", "that", "with", "from", "have", "has", "should", "must", "any", "us", "if", "or", "at", "on",
	"would", "could", "pay", "take", "part", "join", "please", "tell", "me", "programme", "program's", "i'm", "does", "did",
	"gathering", "gatherings", "funding", "deadline", "region", "municipality", "municipalities", "county", "counties")

var nbWords = set("hva", "hvordan", "hvem", "når", "nar", "hvor", "hvorfor", "hvilke", "hvilken", "er", "og", "det", "jeg", "vi",
	"kan", "til", "på", "pa", "med", "som", "ikke", "av", "en", "et", "ei", "den", "de", "må", "skal", "blir", "får", "far", "oss",
	"kva", "korleis", "kven", "kvifor", "kor", "kvar", "ikkje", "eg", "me", "ein", "eit", "noko", "dykk", "vere", "være", "vaere",
	"hei", "mellom", "om", "noe", "noen", "fra", "frå", "hos", "sin", "sitt", "sine", "vår", "vart", "dere", "deres", "bli", "gjøre",
	"programmet", "samling", "samlinger", "samlingene", "kommune", "kommunen", "kommuner", "fylke", "fylket", "frist", "fristen")

// learnedEN is the English vocabulary of the shipped corpus: the words of
// its English answers and English phrasings (questions_en) that none of
// its Norwegian texts use. It is read from the embedded YAML, not from
// the loaded corpus, so DetectLang needs no engine (and loading the
// corpus, which detects languages, does not wait on itself). DefaultCorpus
// hands it the entries it has just parsed (seedLearnedEN), so a start-up
// does not parse the YAML a second time (8 % of start-up CPU).
func learnedEN() map[string]bool {
	learnedENOnce.Do(func() { learnedENSet = learnedENOf(embeddedTexts()) })
	return learnedENSet
}

var (
	learnedENOnce sync.Once
	learnedENSet  map[string]bool
)

// seedLearnedEN builds learnedEN from the shipped corpus's entries as
// parse left them (their texts as written), unless it is built already.
func seedLearnedEN(es []Entry) {
	learnedENOnce.Do(func() {
		var ts []corpusTexts
		for _, e := range es {
			if e.tmpl == nil {
				return // not as parsed: leave it to the first use
			}
			// tmpl.questions is questions, then questions_nn, then
			// questions_en (parse).
			q := e.tmpl.questions
			ts = append(ts, corpusTexts{en: append([]string{e.tmpl.answer.EN}, e.QuestionsEN...),
				no: append([]string{e.tmpl.answer.NB, e.tmpl.answer.NN}, q[:len(q)-len(e.QuestionsEN)]...)})
		}
		learnedENSet = learnedENOf(ts)
	})
}

// corpusTexts are one entry's English and Norwegian texts as written.
type corpusTexts struct{ en, no []string }

// embeddedTexts reads every entry's texts from the embedded YAML.
func embeddedTexts() []corpusTexts {
	type texts struct {
		NB, NN, EN string
	}
	type file struct {
		Entries []struct {
			Questions   []string `yaml:"questions"`
			QuestionsNN []string `yaml:"questions_nn"`
			QuestionsEN []string `yaml:"questions_en"`
			Answer      texts    `yaml:"answer"`
		} `yaml:"entries"`
	}
	var out []corpusTexts
	paths, _ := fs.Glob(corpusFS, "corpus/*.yaml")
	for _, p := range paths {
		b, err := corpusFS.ReadFile(p)
		if err != nil {
			continue
		}
		var f file
		if yaml.Unmarshal(b, &f) != nil {
			continue
		}
		for _, e := range f.Entries {
			out = append(out, corpusTexts{en: append([]string{e.Answer.EN}, e.QuestionsEN...),
				no: append(append([]string{e.Answer.NB, e.Answer.NN}, e.Questions...), e.QuestionsNN...)})
		}
	}
	return out
}

// learnedENOf is the English-only vocabulary of ts.
func learnedENOf(ts []corpusTexts) map[string]bool {
	// Each text's lower-cased words (runs of letters and apostrophes),
	// as strings.FieldsFunc(strings.ToLower(s), …) gives them, gathered
	// in one reused buffer: a word is copied into the set only the first
	// time (this ran over every text of the corpus at start-up).
	var buf []byte
	add := func(m map[string]bool) {
		if len(buf) > 0 && !m[string(buf)] {
			m[string(buf)] = true
		}
		buf = buf[:0]
	}
	words := func(m map[string]bool, ss []string) {
		for _, s := range ss {
			for _, r := range s {
				if r = unicode.ToLower(r); unicode.IsLetter(r) || r == '\'' {
					buf = utf8.AppendRune(buf, r)
				} else {
					add(m)
				}
			}
			add(m)
		}
	}
	en, no := map[string]bool{}, map[string]bool{}
	for _, t := range ts {
		words(en, t.en)
		words(no, t.no)
	}
	out := map[string]bool{}
	for w := range en {
		// Short words and words with Norwegian letters are no evidence.
		if len(w) >= 3 && !no[w] && !nbWords[w] && !strings.ContainsAny(w, "æøå") {
			out[w] = true
		}
	}
	return out
}
