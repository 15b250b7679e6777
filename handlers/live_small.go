package handlers

import "strings"

// Small talk beyond the fixed phrases of smallTalkRE: "tusen takk, det
// var til god hjelp", "how are you today", "hallo, er du der?", "good
// evening!". A short message is small talk when every word of it is a
// small-talk word and it holds one that says which kind (thanks, a
// greeting, goodbye, "how are you", "are you there"). One word outside
// the list — a topic, a question word, "men" — and it is a question, so
// "takk, men når er fristen?" goes on.

// smallKinds: the words that say what kind of small talk a message is.
var smallKinds = map[string]string{
	"takk": "live.thanks", "takker": "live.thanks", "thanks": "live.thanks", "thank": "live.thanks", "thx": "live.thanks",
	"ty": "live.thanks", "tusind": "live.thanks", "cheers": "live.thanks", "takka": "live.thanks",
	"hei": "live.hello", "hallo": "live.hello", "heisann": "live.hello", "hey": "live.hello", "hi": "live.hello",
	"hello": "live.hello", "halla": "live.hello", "hoi": "live.hello", "morn": "live.hello", "morning": "live.hello",
	"morgen": "live.hello", "kveld": "live.hello", "kvelden": "live.hello", "evening": "live.hello", "afternoon": "live.hello",
	"ettermiddag": "live.hello", "heia": "live.hello", "hiya": "live.hello", "howdy": "live.hello",
	"hade": "live.bye", "snakkes": "live.bye", "bye": "live.bye", "goodbye": "live.bye", "later": "live.bye",
}

// smallWords may stand in small talk besides the kind words: politeness,
// praise, the bot's name, time of day.
var smallWords = wordSet("god godt good gode tusen mange so much a lot very many veldig kjempe hjertelig hjerteleg hjertens hjartans dear " +
	"for det var den er til the your that this it was is be you du deg dere der there are alle everyone folkens all " +
	"kulturbot bot boten again igjen i dag today da altsa assa na no now just bare berre og and " +
	"hjelpen hjelpa hjelpa hjalp hjelpte helped help hjelp svaret svara answer answers info infoen the information informasjonen " +
	"nyttig nyttige useful helpful fint flott supert super bra kjempebra great nice perfect perfekt awesome brilliant " +
	"skal ha have see you later snakes ses vi ha det bra sa ok okei okay")

// smallHowAre: "how are you (today)", "hvordan har du det (i dag)".
var smallHowAre = wordSet("hvordan korleis koss how har du det gar are you doing going s it hows i dag today da na no")

// smallTalkLoose names the kind of small talk n is (liveNorm text), or
// false.
func smallTalkLoose(n string) (string, bool) {
	// Word by word without a slice: most messages that get here are
	// questions that stop at their second or third word.
	kind := ""
	howAre, there, words := true, 0, 0
	help := false
	for rest := strings.TrimSpace(n); rest != ""; {
		w, r, _ := strings.Cut(rest, " ")
		rest = r
		words++
		if words > 10 {
			return "", false
		}
		switch w {
		case "hjelp", "help", "hjelpen", "hjelpa", "svaret", "svara", "answer", "answers", "info", "infoen", "information", "informasjonen":
			help = true
		}
		if !smallHowAre[w] {
			howAre = false
		}
		switch w {
		case "der", "there", "er", "are", "du", "you":
			there++
		}
		if k, ok := smallKinds[w]; ok {
			// Thanks wins over a greeting ("hei, takk for hjelpa").
			if kind == "" || k == "live.thanks" {
				kind = k
			}
			continue
		}
		if !smallWords[w] && !smallHowAre[w] {
			return "", false
		}
	}
	switch {
	case howAre && (strings.Contains(n, " har du det ") || strings.Contains(n, " gar det ") || strings.Contains(n, " are you ") || strings.Contains(n, " s it going ")):
		return "live.howare", true
	case kind == "":
		// "er du der?", "are you there?" alone.
		if words == 3 && there == 3 {
			return "live.hello", true
		}
		return "", false
	case kind != "live.thanks" && help:
		// A greeting with words that belong to thanks: "hei, hjelp"
		// asks for help (the capabilities answer).
		return "", false
	}
	return kind, true
}
