package faq

import "testing"

// TestEighthSessionClasses holds one question of each class the eighth
// session's blind training sets (blind54–59) missed and its fix answers:
// a question after the three semesters is about what lasts, not the
// length; "in it for" with a word between is the benefit; a certificate
// is not something the programme gives; "inform that …" is an RSVP; a
// count of municipalities asking about a region is the region's.
func TestEighthSessionClasses(t *testing.T) {
	e := newTestEngine(t)
	checkAnswers(t, e, []answerCase{
		{"after the three semesters are finished, what then? is it just over for us", "langsiktig"},
		{"hva skjer etter de tre semestrene?", "langsiktig"},
		{"ok but whats actually in it for the kommune tho", "hva-far-vi"},
		{"How do I inform that 3 persons from our kommune are coming for the samling and 2 of them need overnight stay?", "neste-samling"},
		{"Can I get a certificate or diploma after the program?", ""},
		{"kva er hovudpoenget med utviklingsprogrammet, kort fortalt?", "hensikt"},
		// a count of municipalities before a region question: the RSVP
		// entry's "me blir 4" pulled it (blind30, blind44, blind55)
		{"Vi er 4 kommunar i indre Sogn, men vi grensar ikkje alle til kvarandre. Kan vi likevel vere ein region i programmet?", "region"},
		{"hi! we are 4 kommuner in Hallingdal, all members of the kulturskoleråd. can we be one region on our own?", "region"},
		// round 3: "legger dere i" asks what is meant; "utv.områder" is
		// an abbreviation, not an unknown thing done; the working group
		// helping a county board think it through (five writers)
		{"hva legger dere egentlig i begrepet fremtidens kulturskole?", "fremtidens-kulturskole"},
		{"hvordan skal kommunenes utv.områder henge sammen med de utviklingsområdene fylket har vedtatt?", "tema-bestemt"},
		{"The fylkesstyre is unsure if we want to join. Can somebody from the programme help us to think it through?", "digitale-moter"},
		// round 4: the phone a calendar goes into is a device, not a
		// number asked for; "somewhere to sleep" is an overnight stay
		{"is there a way to get the samlinger for our region into my phone? I live by my google calendar", "kalender"},
		{"whats the command to tell you we're bringing 3 people to the gathering and 2 of them need somewhere to sleep", "neste-samling"},
		// tax and VAT are not the programme's; "kort svar takk" asks
		// for no answer entry
		{"Is the travel support taxable income for the participants, and how should it be treated for VAT purposes?", ""},
		{"har dere noen krav til kommunene utover medlemskap? kort svar takk", ""},
		// round 4 and earlier: what the programme wants to strengthen,
		// and how it sits with the counties' ordinary work
		{"In what way is the regional programme intended to relate to the Council's other programmes and thematic efforts, as opposed to the ordinary work carried out in the counties?", "fylkenes-arbeid"},
		// round 5: an e-mail one read something in asks for no address;
		// the programme's "gold" in English
		{"Hello, I saw 'Fremtidens kulturskole' in an email. What does this name mean? Is it a new school?", "fremtidens-kulturskole"},
		{"yer man from the kommune keeps going on about the 'gold' in this programme, what's he on about at all", "en-modell"},
		// round 6: immigration papers are not the programme's
		{"how i apply for norwegian citizenship? which documents i need", ""},
		// round 7: mentoring for each municipality or shared by the
		// region (three writers)
		{"does each council get its own mentoring, or is the veiledning shared across the whole region?", "veiledning"},
		// round 9: who leads a group is a name the document does not
		// give; a comment on what partners will ask is not the question;
		// a greeting in French
		{"kven er det som leier arbeidsgruppa for dei regionale programma?", ""},
		{"How is the programme financed? Our European partners will inevitably ask about the source of funding.", "finansiering"},
		// round 10: "kva svarar eg?" asks what to tell the boss, not about
		// the bot's unanswered questions (declined then; since the ninth
		// session the reported question is asked: reported.go)
		{"rektor spør kva vi eigentleg får ut av dette. what's in it for us liksom. kva svarar eg?", "hva-far-vi"},
		// unchanged: the length itself
		{"tre semestre, stemmer det?", "varighet"},
	})
}
