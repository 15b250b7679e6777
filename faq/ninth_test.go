package faq

import (
	"context"
	"strings"
	"testing"
)

// answerCase is a question and the entry that answers it ("" for none:
// declined or unsure).
type answerCase struct{ q, want string }

// checkAnswers asks each case's question of e and checks the entry it is
// answered with (the session class tables).
func checkAnswers(t *testing.T, e *Engine, cases []answerCase) {
	t.Helper()
	for _, c := range cases {
		a, err := e.Answer(context.Background(), c.q, "")
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if a.Answered {
			got = a.EntryID
		}
		if got != c.want {
			t.Errorf("%q answered with %q, want %q", c.q, got, c.want)
		}
	}
}

// TestNinthSessionClasses holds one question of each class the ninth
// session's blind training sets (blind84–) missed and its fix answers.
func TestNinthSessionClasses(t *testing.T) {
	e := newTestEngine(t)
	checkAnswers(t, e, []answerCase{
		// round 11: "binding" is its own concept beside the requirements
		// (the deadline entry's phrasings ask it), so a second clause
		// about changing one's mind does not carry the question to the
		// bot's registration command
		{"Er interessemeldingen bindende, eller kan vi ombestemme oss etterpå?", "frist"},
		// "egentleg", a bokmål–nynorsk blend of "actually", is filler
		{"Kor kjem pengane til programmet frå egentleg?", "finansiering"},
		// "likevel" counts for little: alone it carried a region question
		// to the RSVP entry's "kan likevel kome"
		{"Hei! Surnadal har mykje samarbeid med Rindal og Oppdal som høyrer til Trøndelag. Kan vi gå saman som region likevel?", "region"},
		{"me sa nei men kan likevel kome", "neste-samling"},
		// a question someone will ask the asker, and "what do I answer?"
		// (six writers): the quoted or reported question is asked
		{"Politikarane kjem garantert til å spørja 'kva får vi ut av dette'. Kva skal eg svara?", "hva-far-vi"},
		{"rektor spør kva vi eigentleg får ut av dette. what's in it for us liksom. kva svarar eg?", "hva-far-vi"},
		// a statement naming a sum in kroner after the question is the
		// request: the funding answer has no amount
		{"Hva må kommunen betale i deltakeravgift? Trenger et beløp i kroner til budsjettet", ""},
		// who of the municipalities got in: a list the document does not
		// give (blind89)
		{"kven av kommunane vart tekne opp i første runde?", ""},
		// round 12: a preface that only says a question follows, and who
		// will ask the same, are left out; "actual" is filler; the
		// asker's need for a short text is a purpose; "definere" asks
		// what a thing means (blind84, blind87, blind88)
		{"Honest question, no snark intended (ok maybe a little): what's in it for us? My kommune is going to ask what we actually get out of this", "hva-far-vi"},
		{"If we say yes, when does the actual program kick off? Need to know before I plan the spring musical, the kids are already fighting over the lead role", "frist"},
		{"Korleis definerer de 'Fremtidens kulturskole'? Må ha ei kort forklaring i saksutgreiinga", "fremtidens-kulturskole"},
		// "go" is filler in English: alone it carried gathering questions
		// to the county board's "go to the gatherings" (three writers)
		{"hi, how many samling we have to go to in the programe?", "samlinger"},
		{"is mandatory to go all samlinger??", "krav"},
		// a subject named only to go past it ("meir enn undervisning") is
		// not the question's; named as the subject, it is still declined
		{"ka rolle e kulturskulen tenkt å ha i kommunen, meir enn undervisning?", "en-modell"},
		{"har dere gitarundervisning for voksne?", ""},
		{"Beyond the gatherings themselves, which programme costs are covered by public funds?", "finansiering"},
		// classes many writers asked (blind25–88): "just lectures, or …?"
		// asks what the gatherings are for; whether the programme is a
		// fixed curriculum (the national curriculum framework is another
		// document); the most valuable part (the "gold"); the policy
		// fields it reaches
		{"what is the point of the samlinger, it is lectures only or what do we do there together", "samlinger"},
		{"whats the point of the samlinger, just lectures?", "samlinger"},
		{"hvem holder foredrag på samlingene?", ""},
		{"Is the regional programme essentially a set curriculum with fixed content, or is it something looser?", "regionale-program"},
		{"what does the national curriculum framework say about group vs individual lessons", ""},
		{"what would you say is the most valuable part of the programme? my swedish colleague thinks it all sounds a bit vague tbh", "en-modell"},
		{"Which wider policy domains, beyond arts education proper, is the programme trying to reach?", "oppvekstfeltet"},
		// round 13: arranging substitutes is a purpose; which county
		// branches were selected is a list the document does not give
		{"hvor mange samlnger blir det egentlig?? må ordne vikar for hver gang 😬", "samlinger"},
		{"Which county branches and municipalities were selected for the first programme round?", ""},
		// round 14 (blind93–95): "spør rett ut:", "henvende meg til",
		// dialect "nåkka"/"eigentle", "må vite ift. vikar", formal
		// English of costs and of how regions are composed
		{"rådmannen i Volda spør rett ut: kva får kommunen att for å bruke tid på dette?", "hva-far-vi"},
		{"Hvis jeg har et spørsmål om programmet som ikke står i FAQ-en, hvem kan jeg henvende meg til?", "arbeidsgruppen"},
		{"ka e eigentle fremtidens kulturskole for nåkka?", "fremtidens-kulturskole"},
		{"hvor mange samlinger blir det totalt? må vite ift. vikar 😅", "samlinger"},
		{"Which expenditure items, other than the gatherings themselves, are covered by the programme's public funding?", "finansiering"},
		{"How will the regional configurations of participating municipalities be determined, and at what stage of the process?", "region-oppsett"},
		// gatherings per region or for all of Norway; "samligane" typed
		// fast (blind82, blind83)
		{"do the gatherings happen per region or is everyone from all over norway meeting together?", "nasjonalt-niva"},
		{"blir alle samligane her i regionen, eller må vi reise lenger av og til?", "samlinger"},
		// round 15 (blind96–98): "principal objectives" are the main aims;
		// "for the purposes of" frames a question; an exact end date is a
		// date the document does not give; "kan vi likevel vere ein
		// region" is the region's (the RSVP entry's "kan likevel kome"
		// carried it); "måtte" is no maths
		{"Good afternoon. Could you briefly outline the principal objectives of the regional programme under Fremtidens kulturskole?", "hensikt"},
		{"Dear bot, for the purposes of the programme, how is a 'region' defined?", "region"},
		{"What's the exact end date of the programme? I'd like to book a long holiday the day after it finishes.", ""},
		{"vi er fire kommunar i Sunnhordland som samarbeider ein del, men vi grensar ikkje alle til kvarandre. kan vi likevel vere ein region?", "region"},
		// round 16 (blind99–101): a greeting with a smiley before the
		// asker's role ("hei:) eg er …"); dialect "nokke", "elle"
		{"hei:) eg er pedagogisk leiar i barnehagen og har vorte spurd om å vere med i kommunegrupa. kva er eigentleg poenget med desse samlingane, kva skjer der?", "samlinger"},
		{"ka e egentlig fremtidens kulturskole for nokke? e det et prosjekt elle?", "fremtidens-kulturskole"},
		// teaching is the culture school's own work, not off topic; "fær"
		{"mista kulturskulen sin egenart me dette? ska vi slutte me vanlig undervisning då", "egenart"},
		{"fær kommunen veiledar elle må vi ordne det sjøl?", "veiledning"},
		// a greeting and a question without its mark are no small talk
		// (blind102); a greeting alone still is
		{"hello what is the deadline", "frist"},
		{"hi what is a kommunegruppe", "kommunegruppe"},
		{"hei takk for sist", ""},
		// round 17 (blind102, blind104): "al" is "all" typed short;
		// "bli rekna som" asks what is; where politics comes in
		{"who pay for al this", "finansiering"},
		{"kor mange kommunar må ein vere for å bli rekna som ein region?", "region"},
		{"where does politics come into this? does our city council get a say or is it just us teachers doing the heavy lifting again", "politikerne"},
		// a reason clause naming something off topic is background; a
		// request for something off topic with a reason stays declined
		{"vi rekker nok ikke å bli med denne gangen fordi vi har så mye på gang med skolekonserter og forestillinger og alt mulig, kommer det en ny sjanse senere eller er det nå eller aldri?", "senere-runder"},
		{"kan dere anbefale en konsert fordi jeg kjeder meg?", ""},
		// the working group's support while a county branch decides is
		// the sparring, not the municipalities' mentoring (blind91, blind100)
		{"Does the working group offer any support to county branches while they consider whether to register interest?", "digitale-moter"},
		// who the municipality puts in its group (blind90)
		{"Til saksutgreiinga om deltaking: kven skal kommunen setje inn i kommunegruppa? Er det meint at berre kulturskulen deltek, eller også andre einingar?", "kommunegruppe"},
		// "explicitly seek to" is filler around the question (blind91)
		{"Which horizontal priorities does the programme explicitly seek to strengthen? Our partner wishes to map them against the Erasmus+ priorities.", "hensikt"},
	})
}

// TestWithoutReported: the question reported and "what do I answer?" is
// the reported question; without the closing question, or with anything
// else in the message, the message stays whole.
func TestWithoutReported(t *testing.T) {
	checkRewrites(t, "withoutReported", withoutReported, []rewriteCase{
		{"politikarane kjem garantert til å spørje «kva får me igjen for dette?». kva svarar eg dei", "kva får me igjen for dette?"},
		{"Politikarane kjem garantert til å spørja 'kva får vi ut av dette'. Kva skal eg svara?", "kva får vi ut av dette?"},
		{"sjefen min spør kva kommunen faktisk får ut av dette, kva svarar eg", "kva kommunen faktisk får ut av dette?"},
		{"My boss asks what the municipality actually gets out of this. What do I tell him?", "what the municipality actually gets out of this?"},
		// "does the programme say anything about that?", "har de ei god
		// formulering …?" ask for the answer too; the asker's own comment
		// may follow the quote (blind183, blind185)
		{"politikarane spør kva kommunen faktisk får att for dette. har de ei god formulering om nytteverdien?", "kva kommunen faktisk får att for dette?"},
		{"Our kommunalsjef asked me straight out 'what's in it for us?' and I'd love to have a decent answer rather than waffle on. Does the programme say anything about that?", "what's in it for us?"},
		// no "what do I answer": the report may be the question's context
		{"rektor spør kva vi får ut av dette", "rektor spør kva vi får ut av dette"},
		// a quote that is not a question, or more after the quote
		{"rektor spør om «Fremtidens kulturskole». kva svarar eg?", "rektor spør om «Fremtidens kulturskole». kva svarar eg?"},
		{"rektor spør «kva får vi ut av dette» på møtet i morgon, og kva om vi ikkje får plass? kva svarar eg?", "rektor spør «kva får vi ut av dette» på møtet i morgon, og kva om vi ikkje får plass? kva svarar eg?"},
		// "kva svarar eg" alone is the asker's own question
		{"kva svarar eg?", "kva svarar eg?"},
	})
}

// TestPreface: a preface before a colon that only says a question
// follows is left out; one that names the subject stays.
func TestPreface(t *testing.T) {
	checkRewrites(t, "withoutReporter", withoutReporter, []rewriteCase{
		{"Honest question, no snark intended: what's in it for us?", "what's in it for us?"},
		{"Til saksutgreiinga om deltaking: kven skal kommunen setje inn i kommunegruppa?", "kven skal kommunen setje inn i kommunegruppa?"},
		{"For a briefing to our Baltic partner network: what is the stated purpose of the programme?", "what is the stated purpose of the programme?"},
		{"kjapt spørsmål: når er fristen?", "når er fristen?"},
		{"spørsmål om fristen: når er den?", "spørsmål om fristen: når er den?"},
		{"question about the gatherings: where are they?", "question about the gatherings: where are they?"},
	})
}

// TestContrastNotOffTopic: an off-topic word a few words after "utover",
// "meir enn" is gone past: the question is the programme's (not declined
// as out of scope), whatever the gate makes of it.
func TestContrastNotOffTopic(t *testing.T) {
	e := newTestEngine(t)
	for _, q := range []string{
		"Hvilke roller ser dere for dere at kulturskolen skal ha i kommunen, utover å gi undervisning?",
		"ka rolle e kulturskulen tenkt å ha i kommunen, meir enn undervisning?",
	} {
		a, err := e.Answer(context.Background(), q, "")
		if err != nil {
			t.Fatal(err)
		}
		if a.OutOfScope {
			t.Errorf("%q declined as out of scope", q)
		}
	}
	// "måtte" (had to) folds onto "matte" (maths)
	if a, _ := e.Answer(context.Background(), "Er det noko fagleg materiell programmet byggjer på? sist måtte vi lage alt grunnlaget sjølve", ""); a.OutOfScope {
		t.Errorf("måtte: declined as out of scope")
	}
	if a, _ := e.Answer(context.Background(), "hvor får jeg undervisning i gitar?", ""); !a.OutOfScope {
		t.Errorf("a lesson asked for is still out of scope: %+v", a.Answered)
	}
}

// TestCrossCountyRegion: a region across county branches (asked by
// writers of nine rounds) is answered with the fact, whichever of the two
// region entries the question meets: both say a region's municipalities
// may belong to different county branches.
func TestCrossCountyRegion(t *testing.T) {
	e := newTestEngine(t)
	for _, q := range []string{
		"vi er tolga og os og vil gjerne ha med røros som hører til trøndelag – går det an å bli region sammen da? 🤔",
		"kan kommuner fra ulike fylker være i samme region?",
		"can a region span several counties?",
	} {
		a, err := e.Answer(context.Background(), q, "")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || (a.EntryID != "region" && a.EntryID != "region-oppsett") {
			t.Errorf("%q: answered %v with %q", q, a.Answered, a.EntryID)
			continue
		}
		low := strings.ToLower(a.Text)
		if !strings.Contains(low, "ulike fylkesavdeling") && !strings.Contains(low, "different county branches") {
			t.Errorf("%q: %s's answer does not say regions may cross county branches: %q", q, a.EntryID, a.Text)
		}
	}
}

// TestSummaryOfProgramme: a summary of the programme's aims is the FAQ's
// answer; a summary of anything else is still a writing task, declined.
func TestSummaryOfProgramme(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		q    string
		want string
	}{
		{"Could you summarise the overall aims of the regional programmes in Fremtidens kulturskole, for an international partner audience?", "hensikt"},
		{"Could you summarise the stated purposes of the development programme?", "hensikt"},
	} {
		if a, _ := e.Answer(context.Background(), c.q, ""); !a.Answered || a.EntryID != c.want {
			t.Errorf("%q: answered %v with %q, want %q", c.q, a.Answered, a.EntryID, c.want)
		}
	}
	if a, _ := e.Answer(context.Background(), "can you summarise this email for me?", ""); !a.OutOfScope {
		t.Errorf("a summary of an e-mail: %+v", a)
	}
}
