package faq

import (
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// injectionRE catches attempts to steer the bot instead of asking it.
var injectionRE = relit.MustCompile(`(?i)(ignore|ignorer|disregard|glem|forget|overse|se bort fra)\b.{0,40}\b(instruction|instruks|regel|regler|rule|prompt|previous|tidligere|above|ovenfor|alt du|everything)|system ?prompt|jailbreak|developer mode|you are now|du er nå|act as\b|pretend|lat som|late som|roleplay|rollespill|reveal your|your instructions|dine instruksjoner|\bDAN\b`)

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

// offTopicWords (lexicon/offtopic_words.txt) are subjects outside the programme (weather, sport, other
// programmes and organisations, general knowledge, tasks for a chatbot).
var offTopicWords = foldedSet("offtopic_words.txt")

// anchors (lexicon/anchors.txt) are terms only the programme's own questions use: a question with
// one of them is in scope even when the FAQ cannot answer it, so it goes
// to the working group rather than being declined.
var anchors = set(lexiconWords("anchors.txt")...)

// chitchatRE is small talk: thanks, greetings, how are you.
var chitchatRE = relit.MustCompile(`(?i)^\W*(tusen takk|takk|thanks|thank you|ty|hei|hallo|heisann|hey|hi|hello|god morgen|good morning|ha det|bye)\b[^?]{0,30}$|(?i)hvordan har du det|how are you|hvem er du\b|who are you|hva heter du|what'?s your name`)

func chitchat(q string) bool { return chitchatRE.MatchString(q) }

// offTopicPhrases (lexicon/offtopic_phrases.txt) are multi-word subjects outside the programme.
var offTopicPhrases = lexiconLines("offtopic_phrases.txt")

// jobRE is job hunting, which shares words ("søke", "kulturskolen") with
// the programme's own questions.
var jobRE = relit.MustCompile(`(?i)\b(søk\w*|sok\w*|apply|applying|find)\b.{0,25}\b(jobb|job|stilling|arbeid som)\b`)

// taskRE is a request to produce something (write an application, a
// poem, a translation, plan a concert), asked of the bot as "du" or by
// name ("can the bot write our application"): the FAQ answers
// questions, it does not write.
var taskRE = relit.MustCompile(`(?i)^\W*((kan|kunne|could|can|will|would) (du|dere|you|u|boten|kulturboten|kulturbot|the bot|the chatbot|it) |please |pls |vær så snill og )?(help me (to )?(plan|write|draft|organi[sz]e|make|prepare)|hjelp meg (å |med å )?(planlegge|skrive|lage|organisere)|skriv|skrive|lag|lage|write|draft|compose|generate|generer|oversett|oversette|translate|oppsummer|summarize|summarise|dikt|regn ut|regne ut|beregn|beregne|calculate|compute)\b`)

// loginRE is IT support (logging in, passwords), which shares "logge"
// with logging a mentoring session.
var loginRE = relit.MustCompile(`(?i)\b(logg\w*|log)\s+(\w+\s+)?(inn|in)\b|\b(innlogging|passord|password|login)\b`)

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
