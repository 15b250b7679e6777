package faq

import (
	"regexp"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// injectionRE catches attempts to steer the bot instead of asking it.
var injectionRE = regexp.MustCompile(`(?i)(ignore|ignorer|disregard|glem|forget|overse|se bort fra)\b.{0,40}\b(instruction|instruks|regel|regler|rule|prompt|previous|tidligere|above|ovenfor|alt du|everything)|system ?prompt|jailbreak|developer mode|you are now|du er nå|act as\b|pretend|lat som|late som|roleplay|rollespill|reveal your|your instructions|dine instruksjoner|\bDAN\b`)

// injectionHints are words every injection pattern contains; most
// questions have none, and skip the regular expression.
var injectionHints = []string{"ignor", "disregard", "glem", "forget", "overse", "se bort", "prompt", "jailbreak",
	"developer", "you are", "du er", "act as", "pretend", "lat som", "late som", "roleplay", "rollespill", "reveal",
	"instruction", "instruks", "dan"}

func injection(q string) bool {
	l := strings.ToLower(q)
	for _, h := range injectionHints {
		if strings.Contains(l, h) {
			return injectionRE.MatchString(q)
		}
	}
	return false
}

// offTopicWords are subjects outside the programme (weather, sport, other
// programmes and organisations, general knowledge, tasks for a chatbot).
var offTopicWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
været vaeret værmelding værvarsel weather forecast regn regner rain snø snow temperatur temperature yr.no
fotball football soccer håndball handball hockey eliteserien premier league vm-finalen champions sjakk chess tabellen
skolesekken dks erasmus erasmus+ kulturtanken ukm kulturmønstring spaserstokken kulturrådet kulturradet fritidskortet
kulturløftet lotteri lotto tipping
bitcoin krypto crypto aksje aksjer stock stocks skatt skatten tax taxes renta renten mortgage boliglån
recipe pizza middag dinner lunsj kake cake vits joke jokes dikt poem lyrics
hovedstad hovedstaden capital president statsminister minister stortinget election valget
film movie movies netflix spotify serie tv-serie
matte matematikk math maths lekser leksene mattelekser matteleksene leksehjelp
python javascript programmering programming kode code sql
kjæreste dating horoskop horoscope lønn lønna lønnsøkning lønnstillegg lønnsoppgjør tariff salary stillingsannonse skoleåret skolestart
undervisning spilletime spilletimer elevplass elevplassen kulturskoleplass kulturskoleplassen venteliste semesteravgift gitar gitaren piano fiolin trommer korps instrument instrumenter instrumentene instruments
`) {
		m[bot.Fold(w)] = true
	}
	return m
}()

// anchors are terms only the programme's own questions use: a question with
// one of them is in scope even when the FAQ cannot answer it, so it goes
// to the working group rather than being declined.
var anchors = set("program", "kulturskole", "kulturskolerad", "samling", "pamelding", "frist", "veiledning", "region",
	"regional", "arbeidsgruppe", "utviklingsomrade", "rammeverk", "fremtid", "semester", "tidsplan", "dialoghefte",
	"kunnskapsgrunnlag", "samskaping", "pilot", "egenart", "delta", "styre", "kommune", "fylke")

// chitchatRE is small talk: thanks, greetings, how are you.
var chitchatRE = regexp.MustCompile(`(?i)^\W*(tusen takk|takk|thanks|thank you|ty|hei|hallo|heisann|hey|hi|hello|god morgen|good morning|ha det|bye)\b[^?]{0,30}$|(?i)hvordan har du det|how are you|hvem er du\b|who are you|hva heter du|what'?s your name`)

func chitchat(q string) bool { return chitchatRE.MatchString(q) }

// offTopicPhrases are multi-word subjects outside the programme.
var offTopicPhrases = []string{"søke jobb", "søker jobb", "søke på jobb", "ledig stilling", "apply for a job", "job opening",
	"school year", "skoleår", "what time is it", "hva er klokka", "hvor mye tjener",
	"gå på kulturskolen", "går på kulturskolen", "begynne på kulturskolen", "begynne i kulturskolen",
	"plass på kulturskolen", "plass i kulturskolen", "pris på kulturskolen", "koster kulturskolen",
	"barnet mitt", "barna mine", "sønnen min", "datteren min", "ungen min", "my child", "my kid", "my son", "my daughter"}

// jobRE is job hunting, which shares words ("søke", "kulturskolen") with
// the programme's own questions.
var jobRE = regexp.MustCompile(`(?i)\b(søk\w*|sok\w*|apply|applying|find)\b.{0,25}\b(jobb|job|stilling|arbeid som)\b`)

// taskRE is a request to produce something (write an application, a
// poem, a translation): the FAQ answers questions, it does not write.
var taskRE = regexp.MustCompile(`(?i)^\W*(kan du |could you |can you |please |vær så snill og )?(skriv|skrive|lag|lage|write|draft|compose|generate|generer|oversett|oversette|translate|oppsummer|summarize|summarise|dikt|regn ut|regne ut|beregn|beregne|calculate|compute)\b`)

// loginRE is IT support (logging in, passwords), which shares "logge"
// with logging a mentoring session.
var loginRE = regexp.MustCompile(`(?i)\b(logg\w*|log)\s+(\w+\s+)?(inn|in)\b|\b(innlogging|passord|password|login)\b`)

func offTopic(q string) bool {
	l := strings.ToLower(q)
	if jobRE.MatchString(l) || taskRE.MatchString(l) || loginRE.MatchString(l) {
		return true
	}
	for _, p := range offTopicPhrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !(r == '+' || r == '.' || r == '-' || strings.ContainsRune("abcdefghijklmnopqrstuvwxyzæøåäöé0123456789", r))
	}) {
		f = strings.Trim(f, ".-")
		w := bot.Fold(f)
		if offTopicWords[w] {
			return true
		}
		// Norwegian compounds end in their head: "gitarundervisning".
		for i := 3; i+6 <= len(w); i++ {
			if offTopicWords[w[i:]] {
				return true
			}
		}
	}
	return false
}
