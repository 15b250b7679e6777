package faq

import (
	"context"
	"testing"
)

// TestEleventhSessionClasses holds one question of each class the
// eleventh session's blind training sets (blind159–) missed and its fix
// answers ("" for a question the document does not answer).
func TestEleventhSessionClasses(t *testing.T) {
	e := newTestEngine(t)
	checkAnswers(t, e, []answerCase{
		// round 36: "Dear kulturbot," greets; the asker's own task after
		// it is left out ("briefing note", "partner" asked for the
		// digital meetings)
		{"Dear kulturbot, I am preparing a briefing note for an international partner organisation. Could you please summarise the overall purpose of the Fremtidens kulturskole regional programme?", "hensikt"},
		// "hvordan prioriteres det?" asks how applicants are chosen
		{"hva skjer om alle fylkene vil være med, hvordan prioriteres det?", "antall-plasser"},
		// "grunnlagsmateriell" is what the programme rests on
		{"finnes det noe grunnlagsmateriell programmet bygger på som vi kan lese før vi bestemmer oss?", "grunnlag"},
		// "kor lang er kvar samling" asks one gathering's length, which
		// the document does not give
		{"kor lang er kvar samling – ein dag, eller to med overnatting?", ""},
		// "the rest of the country" is a national gathering's; "at some
		// point" is a time, not the programme's point
		{"Will we only ever meet the other municipalities in our own region, or also folks from the rest of the country at some point?", "samlinger"},
		// round 37: "in broad terms" is a frame ("terms" read as
		// semesters)
		{"How is the programme financed, in broad terms?", "finansiering"},
		// "spør for styret" after the question only says whom the asker
		// asks for (it pulled the answer to the board's entry)
		{"er det noen krav til kommunene som vil delta, utover at de er medlem? spør for styret", "krav"},
		// a lottery is a draw among applicants
		{"Random thought: what happens if half of Norway signs up? Is there like a lottery, or first come first served?", "antall-plasser"},
		// round 38: how the regional programmes (the framework) relate to
		// the development areas the county branches adopted — they put
		// them into practice (three writers this round, eleven before);
		// the municipality's own area against the county's stays the
		// theme entry's
		{"Hvordan henger rammeverket sammen med utviklingsområdene som fk vedtok?", "regionale-program"},
		{"What function is the framework intended to serve in relation to the development areas already adopted by the county branches?", "regionale-program"},
		{"kva rolle har dei regionale programma ift utviklingsområda som fylkesavdelingane har vedtatt?", "regionale-program"},
		{"hvordan skal kommunenes utviklingsområder henge sammen med det fylket har vedtatt?", "tema-bestemt"},
		// "overarching" and "constitutes" carry no topic; "in formal
		// terms" is a frame ("terms" read as semesters); nynorsk
		// "annleis", "døyr"; "ærleg talt –" is a preface without a colon
		{"Could you summarise the overarching aims of the regional programmes under Fremtidens kulturskole? I am preparing a briefing for colleagues in a European Music Council network.", "hensikt"},
		{"In formal terms, what constitutes a region within the programme structure?", "region-oppsett"},
		{"vi har hatt mange prosjekt som døyr når pengane tek slutt. kva er annleis med dette?", "langsiktig"},
		{"ærlig talt hva er vitsen for oss. what's in it for us liksom", "hva-far-vi"},
		// round 39: applying directly or "through someone else" (four
		// writers) is who applies; hours a month are a detail the
		// document does not give
		{"kan vi søkje direkte som kommune eller må det gå via nokon andre", "hvem-soker"},
		{"hei, kan kommunen søke om å være med direkte selv, eller må det gå gjennom noen andre?", "hvem-soker"},
		{"kor mange timar i månaden må vi rekne med å setje av til mellomarbeidet?", ""},
		// round 40: "ex ante" and "up front" are beforehand; "grup" is a
		// group a letter short (three writers); lectures from experts
		// ask what the gatherings are for
		{"Is the thematic focus of each participating municipality specified ex ante by the programme, or is it determined during implementation?", "tema-bestemt"},
		{"im youth worker not teacher, can i still be in the grup", "kommunegruppe"},
		{"Excuse me, what is actual point of the gatherings - is it lectures from experts or something else?", "samlinger"},
		// round 41: "busy" and "klubben" are everyday words, not a
		// subject outside the programme
		{"honestly wats in it for us, we r very busy at klubben", "hva-far-vi"},
		// ("skjønnner ikke hva det ER liksom" after the question only
		// says the asker does not understand; its example, "hva mener di
		// med at programmet er et rammeverk? …", was unsure here and is
		// answered by the lift model since the twelfth session, with the
		// regional programmes — not the entry that holds its fact; one of
		// the lift's misses, docs/faq.md.) "real meeting" is a physical one;
		// "get going" is the start; "kven er plukka ut" asks who was
		// selected, which the document does not say
		{"how many samlinger we have in the whole program?? and is it on teams or real meeting", "samlinger"},
		{"hi bot! roughly when does the first regional program actually get going? like month-wise, I don't need the exact samling dates", "tidsplan"},
		{"kven er plukka ut til første runde av programmet?", ""},
		// round 42: a closing "ut over å møte opp" sets aside like
		// "utover"; a closing "we intend to map them against …" is a
		// purpose
		{"Long story short: kulturskulen vår i Sunnhordland har vore mykje i si eiga boble, men no vil kommunalsjefen at vi skal søkje. Er det nokon krav til oss som deltakarar ut over å møte opp?", "krav"},
		{"Which cross-cutting principles does the programme aim to strengthen? We intend to map them against the Erasmus+ horizontal priorities.", "oppvekstfeltet"},
		// the term itself: "buzzword", "svevande", "defined somewhere",
		// "where is it described" (eleven writers over the rounds)
		{"«fremtidens kulturskole» – er det bare et nytt buzzword eller er det faktisk definert noe sted?", "fremtidens-kulturskole"},
		{"ka legg dei eigentleg i uttrykket \"fremtidens kulturskole\"? høyres litt svevande ut", "fremtidens-kulturskole"},
		{"what does 'fremtidens kulturskole' even mean lol, sounds like a buzzword", "fremtidens-kulturskole"},
		// round 43: a verb after "kor mange" names nothing counted (the
		// region's "three or more" was vetoed for not counting "må");
		// leaving the council is about membership; "internet" is
		// digital, "meting" a meeting
		{"vi er 4 kom. i Nordhordland som vurderer å gå saman. kor mange må ein minst vere for å telje som ein region?", "region"},
		{"kommunen vår melde seg ut av kulturskulerådet i fjor pga økonomi. kan me likevel bli med?", "hvem-kan-delta"},
		{"there is info meting on internet before start? wen", "digitale-moter"},
		// round 44: a report followed by "does the programme say
		// anything about that?" asks the reported question; a straight
		// apostrophe inside a word closes no quote; mentoring "or must we
		// manage on our own"
		{"Our kommunalsjef asked me straight out 'what's in it for us?' and I'd love to have a decent answer rather than waffle on. Does the programme say anything about that?", "hva-far-vi"},
		{"politikarane spør kva kommunen faktisk får att for dette. har de ei god formulering om nytteverdien?", "hva-far-vi"},
		{"får vi veiledning elr må vi klare oss sjølv", "veiledning"},
		// round 45: a project that "dør når pengene er brukt opp" ends
		// with the money (four writers)
		{"er dette enda et prosjekt som dør når pengene er brukt opp? vi har hatt nok av de", "langsiktig"},
		{"blir dette endå eit prosjekt som forsvinn når pengane er brukt opp, eller er det meint å vare?", "langsiktig"},
		// "entities" carries no topic ("which entities are eligible",
		// four writers; the eligibility phrasings tried on the entry
		// itself pulled "who picks the group" to it and were left out)
		{"Regarding eligibility: which entities constitute the formal target group of the regional programmes?", "hvem-kan-delta"},
		// round 46: the mentor's name is a detail the document does not
		// give; a short part after a detail's own part asks more of it
		// ("og kva tid på dagen?" was answered with the digest's hour);
		// whether every county branch may apply (two writers)
		{"Hvem er veilederen som blir tildelt kommunene i Buskerud? Hva heter hun/han?", ""},
		{"kva dato er det digitale infomøtet i oktober og kva tid på dagen?", ""},
		{"Kan alle fylkesavdelinger melde seg på, eller er det bare noen utvalgte fylker som er invitert med?", "hvem-soker"},
		// "sett fra kommunens side" is a frame; "Vi trenger en kort
		// begrunnelse til saksframlegget" a purpose (two writers)
		{"Hva er formålet med utviklingsprogrammet sett fra kommunens side? Vi trenger en kort begrunnelse til saksframlegget.", "hensikt"},
		// round 47: "For the 'value' section:" names the text the
		// answer is for; "Treng ei kort formulering." after the question
		// is its purpose
		{"For the 'value' section: how does the programme describe what participating municipalities get out of it?", "hva-far-vi"},
		{"Held på med eit saksframlegg til formannskapet. Kva krav stiller programmet til deltakarkommunane, utover å møte opp på samlingane? Treng ei kort formulering.", "krav"},
		// rounds 48–49: "så jeg kan planlegge vikarer" and "må vite om
		// jeg må skaffe vikar" are purposes (substitutes are no subject
		// of the question); a closing "(sorry if that's a daft
		// question)" is no question; "Førebur spørsmål til infomøtet:"
		// is a preface; more than the culture school taking
		// responsibility (five writers)
		{"hvor mange samlinger blir det totalt i løpet av programmet, så jeg kan planlegge vikarer", "samlinger"},
		{"hvor mange samliger blir det totalt da? må vite om jeg må skaffe vikar mye lol", "samlinger"},
		{"we'd like to chip in some money from another project we run with the fylke - can that be combined with the programme funding somehow? (sorry if that's a daft question)", "samordne-midler"},
		{"Førebur spørsmål til infomøtet: kva rolle er fylkesstyret forventa å ha undervegs i programmet?", "fylkesstyrets-rolle"},
		{"Hvordan skal programmet bidra til at flere enn kulturskolen selv tar ansvar for kulturfeltet i lokalsamfunnet?", "elevene"},
		// misspelt "comunes", "mony"; "reg interest"
		{"how many comunes in one region??", "region"},
		{"is there mony for travel", "reisestotte"},
		{"how reg interest for bergen in the bot", "interesse-i-boten"},
		// "meinast" is "menes" (it read as "senest"); what the mindset
		// means is the mindset's entry
		{"ka meinast me «tankesett» i dette programmet??", "hvorfor-tankesett"},
		// rounds 50–51: "finn vi ut av det" is finding out, not what we
		// get out of it; the gold; a brand, a project or a motto; the
		// theme "or can it come later"
		{"Må vi ha bestemt utviklingsområdet vårt før vi blir med, eller finn vi ut av det undervegs?", "tema-bestemt"},
		{"noen sa at det ligger noe \"gull\" i dette programmet, hva menes med det?", "en-modell"},
		{"question from a confused Aussie: is 'Fremtidens kulturskole' a brand, a project, a motto...? everyone in our staffroom uses it differently", "fremtidens-kulturskole"},
		{"Must our municipality decide the theme for our work already before we apply, or can it come later?", "tema-bestemt"},
	})
}

// TestAsideNotOffTopic: a message whose whole is declined as off-topic
// for an aside ("there will be pizza") while its question sentence asks
// about the programme is not declined as off-topic: unsure of that
// question alone, the bot says so and the working group gets it.
func TestAsideNotOffTopic(t *testing.T) {
	e := newTestEngine(t)
	a, err := e.Answer(context.Background(), "Our Nordland county board is meeting next week (there will be pizza, I am told). What is the county board actually expected to do in this program, besides applying for us?", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.OutOfScope {
		t.Errorf("declined as off-topic: %q", a.Text)
	}
	// A question about the aside stays declined.
	a, err = e.Answer(context.Background(), "Hei, eg har gløymt passordet til Visma. Kven skal eg kontakte?", "")
	if err != nil {
		t.Fatal(err)
	}
	if !a.OutOfScope {
		t.Errorf("Visma question not declined as off-topic: answered %v %q", a.Answered, a.Text)
	}
}
