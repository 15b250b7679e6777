// Package loadq holds the ordinary questions the load generator asks and the
// /faq benchmark answers, so both measure the same work.
package loadq

// questions are 30 ordinary questions, asked in turn: bokmål, nynorsk and
// English, short and long, the way people type them.
var questions = [...]string{
	"hva er en region?", "hvor mange samlinger er det?", "når er fristen for å melde interesse?",
	"what is Fremtidens kulturskole?", "hvem kan delta?", "får vi reisestøtte?",
	"hvor lenge varer programmet", "hvem skal være med i kommunegruppa?", "får vi veiledning?",
	"hvem betaler for samlingene", "kan kommunen søke selv?", "hva er et utviklingsområde",
	"kor mange samlingar blir det?", "kven kan søkje?", "kva kostar det å vere med",
	"how long does the programme last?", "who can apply?", "is accommodation covered?",
	"do we get a mentor", "what counts as a region", "når starter programmet",
	"kan regionen gå på tvers av fylker?", "må vi ha tema klart før vi søker", "hvem driver programmet",
	"hva er hensikten med programmet", "blir det digitale informasjonsmøter", "hva er fylkesstyrets rolle",
	"må vi delta på alle samlingene?", "is it free for the municipalities?", "hva bygger programmet på",
}

// Question returns the i-th question, cycling through the list.
func Question(i int) string { return questions[i%len(questions)] }

// Len is the number of questions.
func Len() int { return len(questions) }
