package handlers

import "testing"

// TestCmdHelp: the general recogniser on its own (live_cmd.go): the
// command or the words of a request for a tool name the help text;
// programme questions, other tools' how-tos and feedback on the bot's
// answers are not its.
func TestCmdHelp(t *testing.T) {
	for q, want := range map[string]string{
		"/veiledning syntax":                             "live.how.veiledning",
		"/samling avlys":                                 "live.how.avlys",
		"hva gjør /kulturbot eksport":                    "live.how.eksport",
		"lag region med Bodø, Fauske og Saltdal":         "live.how.region",
		"fjerne rsvp for Våler fra samling 5":            "live.how.rsvpslett",
		"se alle veiledningsloggene for Fauske":          "live.how.veiledning",
		"korleis får eg datoane inn i kalenderen":        "faq:kalender",
		"kan eg få påmeldingane ut som csv":              "live.how.eksport",
		"how do I tell the bot which kommune I'm in":     "live.how.kommune",
		"hvordan bruker jeg interesse-kommandoen":        "live.how.interesse",
		"slett samling 3":                                "live.how.avlys",
		"legg inn ei ny nasjonal samling":                "faq:samling-admin",
		"change our answer to maybe for gathering 2":     "live.how.rsvp",
		"kan du vise meg de ubesvarte spørsmålene":       "live.how.sporsmal",
		"trekk interessemeldingen for Agder":             "live.how.interesse",
		"liste over kommandoene":                         "live.can",
		"show me who signed up for the spring gathering": "live.how.deltakere",
		// Round 8 (faq-live): classes from the untuned training sets.
		"kva skjer om eg berre skriv /rsvp utan noko meir?":             "live.how.form",
		"eg skreiv Herøy i /rsvp og no spør boten kva for ein, kvifor?": "faq:kommunenavn",
		"og svarfrist for samlingen, hvordan setter jeg den?":           "faq:samling-admin",
		"og overnatting, kor legg eg inn det?":                          "live.how.rsvp",
		"vi blir 5 fra Nord-Fron, hvordan svarer jeg for kommunen":      "live.how.rsvp",
		"kan eg svare på rsvp for nabokommunen vår i same region":       "live.how.rsvp",
		"leggje til Meløy i regionen":                                   "live.how.region",
		"hvordan ser jeg påmeldingene til samling 1":                    "live.how.deltakere",
		// Round 10, fourteenth session (splits 10–32, selected on): the
		// gatherings ahead are /rsvp's list, not who comes; telling the
		// bot who comes is answering.
		"hvordan ser jeg hvilke samlinger som kommer?":                                 "live.how.rsvp",
		"how i see the list of gatherings coming":                                      "live.how.rsvp",
		"Korleis kan eg sjå kva samlingar som er planlagde framover, og svare på dei?": "live.how.rsvp",
		"hvordan ser jeg hvilke kommuner som kommer på neste samling?":                 "live.how.deltakere",
		"how do I see who is coming to the next gathering":                             "live.how.deltakere",
		"Hei. Hvordan gir jeg beskjed om at kommunen vår kommer på en samling?":        "live.how.rsvp",
	} {
		n := fixGatheringTypos(liveNorm(q))
		if got, ok := cmdHelp(q, n, liveFeats(n)); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", q, got, ok, want)
		}
	}
	for _, q := range []string{
		"hvor mange samlinger er det",
		"how many gatherings are there",
		"kan vi lage region sammen med kommuner i nabofylket",
		// "kvar si" is a possessive, not "si" (say): blind90
		"Kan vi vere ein region saman sjølv om vi høyrer til kvar si fylkesavdeling?",
		"kan vi bytte region etter oppstart",
		"hvordan registrerer vi oss for veiledning?",
		"hvordan får vi veiledning fra arbeidsgruppen",
		"hvordan logger jeg inn på teams?",
		"hvordan lager jeg pivottabell i excel",
		"how do I set up a shared calendar in outlook for my staff?",
		"hvordan gir jeg tilbakemelding på et svar fra boten",
		"lag en plan for vår første samling",
		"kvar finn eg skildringa av dei regionale programma?",
		"hvem kan delta på samlingene?",
		"når må vi svare på samlingen?",
		"hvordan eksporterer vi kunnskapen tilbake til kommunen?",
		"Finner ikke svar på det jeg lurer på i FAQ-en – hvem kan jeg kontakte for en avklaring?",
		// a verb first with "you" after it asks, it does not bid (split 121)
		"Bruker dere noe annet dokument enn rammeverket som grunnlag for arbeidet i regionene?",
		"lager dere regionene selv, eller gjør fylkene det?",
	} {
		n := fixGatheringTypos(liveNorm(q))
		if got, ok := cmdHelp(q, n, liveFeats(n)); ok {
			t.Errorf("%q taken as %q", q, got)
		}
	}
}
