package faq

import (
	"strings"
	"unicode"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// DetectLang guesses whether text is English or Norwegian from its common
// words. It returns "" when there is no evidence either way ("økonomi?").
func DetectLang(text string) string {
	en, nb := 0, 0
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'')
	}) {
		// Names say nothing about the language they are used in.
		if strings.HasPrefix(f, "kulturskole") || strings.HasPrefix(f, "fremtidens") {
			continue
		}
		if enWords[f] {
			en += 2
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
func Nynorsk(text string) bool {
	nn, nb := 0, 0
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '\'')
	}) {
		w := bot.Fold(f)
		switch {
		case nnOnly[w]:
			nn++
		case nbOnly[w]:
			nb++
		}
	}
	return nn > nb
}

// nnOnly and nbOnly are frequent words of one written standard that the
// other spells differently (folded: æ->ae, ø->o, å->a). Words both share
// ("kan", "skal", "samling") are in neither. Not "òg": folded it is
// "og", and every bokmål "og" would count as nynorsk.
var (
	nnOnly = foldSet(`kva korleis kven kvifor kvar kor ikkje eg dykk dokker noko nokon nokre mykje meir berre vere
		vert kjem fleire heile eigen eige eigne ein eit sjølv kvart velje treng trengs
		kommunar kommunane samlingar samlingane skule skulen skular kulturskule kulturskulen kulturskular
		kulturskuleråd kulturskulerådet deltakar deltakarar deltakarane deltaking rettleiing rettleiar
		rettleiarar pengar søkje søkjer kostar betalar gjere gjer spørje regionar regionane seinare startar
		byrjar byrje elevar elevane føremål føremålet kome gje gjev tek høyrer difor fylka
		arbeidsgruppa gruppa rundar dei desse kvifor einaste stønad tilbod hjå`)
	nbOnly = foldSet(`hva hvordan hvem hvorfor hvor ikke jeg dere noe noen mye mer bare være blir kommer flere hele
		egen eget egne en et selv hvert velge trenger også kommuner kommunene samlinger samlingene
		skole skolen skoler kulturskole kulturskolen kulturskoler kulturskoleråd kulturskolerådet deltaker
		deltakere deltakerne deltakelse veiledning veileder veiledere penger søke søker koster betaler gjøre
		gjør spørre regioner regionene senere starter begynner begynne elever elevene formål formålet komme
		gi gir tar hører derfor fylkene arbeidsgruppen gruppen runder de disse eneste hos hun`)
)

// Folded, "frå" and "fra" (or "då" and "da") are one word: such words say
// nothing and are dropped from both sets.
func init() {
	for w := range nnOnly {
		if nbOnly[w] {
			delete(nnOnly, w)
			delete(nbOnly, w)
		}
	}
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
