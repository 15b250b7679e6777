package faq

import "testing"

// TestWithoutWritingFrame: the words that shape the answer the asker will
// write — how long, in how many points — are left out; what the question
// asks about stays, and a question that is nothing but the frame is kept.
func TestWithoutWritingFrame(t *testing.T) {
	checkRewrites(t, "withoutWritingFrame", withoutWritingFrame, []rewriteCase{
		{"treng 1-2 setningar om formålet med utviklingsprogrammet, kva er hovudpoenget?", "treng formålet med utviklingsprogrammet, kva er hovudpoenget?"},
		{"Please summarise the programme's stated aims, ideally in two or three points.", "Please summarise the programme's aims."},
		{"what's the point of the programme, in a sentence or two?", "what's the point of the programme?"},
		{"kan du skrive et par setninger om hva kommunegruppa gjør?", "kan du skrive hva kommunegruppa gjør?"},
		{"ka er hensikta med heile programmet, kort forklart?", "ka er hensikta med heile programmet?"},
		{"jobber med ny kulturplan. kort fortalt, hva er hensikten med programmet?", "jobber med ny kulturplan. hva er hensikten med programmet?"},
		{"In plain terms, what is the programme trying to achieve?", "what is the programme trying to achieve?"},
		{"Hva er den overordnede hensikten med utviklingsprogrammet, sett fra kommunens ståsted?", "Hva er den overordnede hensikten med utviklingsprogrammet?"},
		{"what are the aims of the programme, short version pls", "what are the aims of the programme"},
		{"treng ei kort forklaring på kva som er føremålet", "treng kva som er føremålet"},
		// nothing left but the frame: kept as asked
		{"i to setninger?", "i to setninger?"},
		// no frame
		{"hva er fristen?", "hva er fristen?"},
		{"står det noe om reisestøtte i punktene?", "står det noe om reisestøtte i punktene?"},
	})
}

// TestWithoutExcept: a closing clause setting aside what the asker knows
// is left out; one opening its sentence, or "besides", stays.
func TestWithoutExcept(t *testing.T) {
	checkRewrites(t, "withoutExcept", withoutExcept, []rewriteCase{
		{"Er det noen krav til kommunene som skal delta, utover at de er medlemmer?", "Er det noen krav til kommunene som skal delta?"},
		{"kva er det forventa at me i styret gjer i programmet, utover å melde på kommunane?", "kva er det forventa at me i styret gjer i programmet?"},
		{"Hvilke forutsetninger må kommunen oppfylle for å delta, bortsett fra medlemskap?", "Hvilke forutsetninger må kommunen oppfylle for å delta?"},
		{"what does the money pay for apart from the gatherings?", "what does the money pay for?"},
		// opening its sentence: the question is in it
		{"Vi er tre kommunar. Utover å stille med ei gruppe – kva forventar dei av oss?", "Vi er tre kommunar. Utover å stille med ei gruppe – kva forventar dei av oss?"},
		// a time, and "besides"
		{"hva skjer utover høsten?", "hva skjer utover høsten?"},
		{"What written material is the programme based on besides the framework?", "What written material is the programme based on besides the framework?"},
	})
}

// rewriteCase is a question and what a rewriting step makes of it.
type rewriteCase struct{ q, want string }

// checkRewrites checks what f (named name) makes of each case's question.
func checkRewrites(t *testing.T, name string, f func(string) string, cases []rewriteCase) {
	t.Helper()
	for _, c := range cases {
		if got := f(c.q); got != c.want {
			t.Errorf("%s(%q) = %q, want %q", name, c.q, got, c.want)
		}
	}
}

// TestTenthSessionClasses holds one question of each class the tenth
// session's blind training sets (blind105–) missed and its fix answers.
func TestTenthSessionClasses(t *testing.T) {
	e := newTestEngine(t)
	checkAnswers(t, e, []answerCase{
		// round 18: the frame of the text the asker will write
		{"Please summarise the programme's stated aims, ideally in two or three points.", "hensikt"},
		// the frame left out keeps the question whole (it was "what's
		// the point of the programme or two?")
		{"what's the point of the programme, in a sentence or two?", "hensikt"},
		// "I need them for …" is a purpose, like "I need it for …": the
		// framework it is for is no subject
		{"What are the objectives of the development program? I need them for my evaluation framework.", "hensikt"},
		// round 19: "kort forklart" is a frame too
		{"ka er hensikta med heile programmet, kort forklart? skal forklare det for rektor på skulen i mårå", "hensikt"},
		// dialect: "nåke" is "noe", "eigentli" "eigentleg"
		{"ka e fremtidens kulturskule for nåke eigentli", "fremtidens-kulturskole"},
		// "kulturskolefolk" are the culture school's people
		{"Hvem sitter typisk i kommunegruppa – bare kulturskolefolk?", "kommunegruppe"},
		// how a county branch decides internally (blind47, 69, 85, 105,
		// 106, 108: six writers)
		{"hvordan bør vi gå frem i styret for å avklare om vi skal melde interesse?", "fylkets-beslutning"},
		{"As regards the internal decision process within a county branch prior to registering interest - who is expected to be involved?", "fylkets-beslutning"},
		// "what about the art itself?" is the culture school's own
		// character (blind32, 46, 64, 86, 88, 107, 109: seven writers)
		{"blir det bare tverrfaglig prosjektgreier nå, hva med selve musikken og kunstfagene?? 😬", "egenart"},
		{"korleis tek de vare på det kunstfaglege i kulturskulen når alt skal vere så tverrsektorielt no?", "egenart"},
		// round 20: a sentence ends after a closing bracket, so the
		// aside in it is no longer the question's (the snow declined it)
		{"Confession: we were far too slow getting our act together for this round (blame the snow). Is there going to be another chance to join later, and roughly when?", "senere-runder"},
		// "n" is "and" in chat English
		{"how many samlinger r there n how long is the whole thing", "samlinger"},
		// "what do I tell them?" after "when <they> ask …"; "kva svarar
		// eg då?" after a quoted question
		{"when kom. ask what the state money pays for apart from the samlinger themselves, what do I tell them?", "finansiering"},
		{"Politikarane i kommunestyret kjem garantert til å spørje \"what's in it for us\". kva svarar eg då?", "hva-far-vi"},
		// "we need to describe …" is a purpose
		{"From which budget is the programme financed? We need to describe the funding model accurately.", "finansiering"},
		// "<someone> will ask me the classic question:" reports the
		// question; "I'd love a crisp line I can steal for …" is a purpose
		{"Our mayor will ask me the classic question: what do we actually get out of this? I'd love a crisp line I can steal for the council meeting.", "hva-far-vi"},
		// round 21: what the asker sets aside is not the question
		// (blind42, 52, 105, 115, 116)
		{"Stilles det krav til kommunen for å delta, utover at vi er medlem av Norsk kulturskoleråd?", "krav"},
		{"eg sit i fylkesstyret. kva er det forventa at me i styret gjer i programmet, utover å melde på kommunane?", "fylkesstyrets-rolle"},
		// the framework as a fixed recipe is the framework's entry, not
		// "one model does not fit all" (blind51, 55, 109, 116)
		{"er rammeverket ein fast oppskrift me må følgje slavisk, eller kva er det eigentleg?", "regionale-program"},
		// "To ting fra meg:" is a preface; a detail read only in the
		// whole ("how often do we travel") does not decline two sure
		// questions of their own
		{"Hei! To ting fra meg: hvor lenge varer programmet, og hvor mange ganger må vi reise på samling?", "varighet"},
		// …but "how often" asked in so many words stays the whole's
		// (multi10b: the board's meetings are not the gatherings)
		{"what does the county board do in the programme and how often does it meet?", ""},
		// …but a tail of the question before is no question of its own
		{"who's the leader of the working group? like the actual name?", ""},
		// "vera" is "være"; regional or joint gatherings
		{"kor mange samlingar blir d i alt me må vera me på", "samlinger"},
		{"blir alle samlingene bare i regionen vår eller blir det noe felles for alle deltakerne også?", "samlinger"},
		// round 22: "one set recipe" is a model to follow, not cooking;
		// "nyttår" a time; "fer" is "for"
		{"Honest question: is there one set recipe we're all expected to follow? Molde isn't Oslo, thank goodness.", "en-modell"},
		{"hello! when does the regional program start, is it after nyttår?", "tidsplan"},
		{"kor mange kommuna må ein vera fer å bli ein region", "region"},
		{"can you give me a recipe for pizza?", ""},
		// round 22: "mest foredrag" is the just-lectures question;
		// "eingongsløft" a one-off; "avgrensa til" asks what is covered,
		// not how many places; a purpose after the last comma
		{"kva er tanken med samlingane, er det mest foredrag eller?", "samlinger"},
		{"Me har hatt mange prosjekt som døydde når pengane tok slutt. Er dette nok eit eingongsløft, eller er tanken at det skal leve vidare?", "langsiktig"},
		{"Eg jobbar med oppvekst, men vi vil gjerne dra inn helse og frivilligheita òg. Er programmet avgrensa til oppvekstsektoren?", "oppvekstfeltet"},
		{"treng ei kort forklaring på kva som er føremålet med utviklingsprogrammet, skal inn i ei sak til politisk utval", "hensikt"},
		{"what are the aims of the dev programme, short version pls, need it for a slide", "hensikt"},
		// round 23: a brief question naming the currency after a cost
		// question asks the sum, which the document does not give
		{"how much it cost to participate for one kommune? how many kroner?", ""},
		{"how much does it cost to participate for one kommune?", "finansiering"},
		// an off-topic aside in a left-out sentence, a long question of
		// its own after it; a short one stays declined
		{"Real talk: we're a tiny kommune with 2.5 teachers and a piano that's older than me. Is there one standard model everyone has to follow, or can we shape it around what our local politicians actually want to achieve?", "en-modell"},
		{"Vi i kommunen bruker Visma til lønn. Kven skal eg kontakte?", ""},
		// "make more strong" is strengthening (blind32, 62, 69, 121)
		{"which are the big themes the programme want to make more strong? like the values or the key words", "oppvekstfeltet"},
		// "a course?" about the gatherings is the gatherings', about the
		// programme the programme's
		{"hva er poenget med samlingene egentlig er det kurs vi skal på eller", "samlinger"},
		{"what is the regional programme exactly? is a course for teachers or what is it", "regionale-program"},
		// round 24: an off-topic word in a condition ("hvis det
		// kolliderer med konsert") is no subject; a region across county
		// branches (blind30, 64, 125)
		{"må man være med på alle samlingene eller kan man hoppe over noen hvis det kolliderer med konsert 😅", "krav"},
		{"vi er 3 kommunar i Nordfjord + ein nabokommune som høyrer til ei anna fylkesavdeling. kan vi vere ein region alle fire?", "region-oppsett"},
		// rounds 25–26: a particular hotel is the hotel detail; a sum
		// "in NOK" is one in kroner
		{"do they use a particular hotel for the samlinger? please say it's got a pool and a decent bar", ""},
		{"What was the total allocation, in NOK, for Fremtidens kulturskole in the 2024 state budget?", ""},
		{"Do every kommune get a mentor or veileder, or only the big ones?", "veiledning"},
		// rounds 27–28: the municipalities named as selected is who got
		// in; a certificate misspelt or credits are no part of it
		{"Could you name the municipalities that have been selected for the 2024/25 round?", ""},
		{"do we get sertificate or credits after finish program", ""},
		// "kjem garantert til å spørje kva …. Korleis svarar eg på det?"
		// reports the question; the real heart of it is the gold
		{"Politikarane kjem garantert til å spørje kva kommunen får att for dette. Korleis svarar eg på det?", "hva-far-vi"},
		{"honest question from a bit of a sceptic: what do ye see as the real heart of this whole thing? like what's the one bit that makes it worth it", "en-modell"},
		// which sectors the programme emphasises is its purpose
		// (blind61, 115, 135, 137)
		{"Hvilke samfunnsområder er det programmet særlig skal fokusere på?", "hensikt"},
		{"Which policy sectors does the development programme place particular emphasis on?", "hensikt"},
		// rounds 29–30: a procedure is a process (seven writers asked
		// a county branch's internal procedure); electing a county
		// leader is the branch's own business; who chairs the working
		// group, a hotel chain, are details; sitting and listening to
		// lectures is the just-lectures question
		{"What is the expected internal procedure within a county branch prior to registering interest?", "fylkets-beslutning"},
		{"What is the procedure for electing a new county leader at the annual meeting?", ""},
		{"Who chairs the working group, and who are its members?", ""},
		{"Which hotel chain does the programme normally use for the overnight stays? Please say one with a sauna", ""},
		{"the samlinger, what we do there? only sit and listen lecture?", "samlinger"},
		// a brief "hvor mye er den?" after a fee asks its sum; when we
		// hear whether we got in is a date not given; "tilknyting" is
		// membership; "drahjelp" help; "lurer på kva … Kva svarar eg
		// henne?" a report
		{"er det en deltakeravgift for kommunene, og hvor mye er den evt.?", ""},
		{"når får vi beskjed om kommunen vår er tatt opp i programmet?", ""},
		{"kan alle kommunar bli med, eller er det krav om tilknyting til kulturskulerådet?", "hvem-kan-delta"},
		{"kan vi få litt drahjelp frå arbeidsgruppa når vi skal finne ut om fylket skal vere med?", "digitale-moter"},
		{"Rådmannen vår lurer på kva rolle kulturskulen eigentleg skal ha i kommunen etter tankegangen i programmet. Kva svarar eg henne?", "en-modell"},
		// rounds 31–32: a brief fee question after a vetoed sum; chat
		// typos of a later round's deadline; a holiday; dialect counts
		{"Hva koster det i kroner per deltaker å være med i programmet? Er det egenandel?", ""},
		{"wen is dedline for the autum 2025 round", ""},
		{"er det fri på kristi himmelfart i år og kva dato er det", ""},
		{"kor mang samlinga e d i heile progr.?", "samlinger"},
		{"ka tid starte det", "tidsplan"},
		// rounds 33–34: a fee of five words after a cost question;
		// "whn"; the whole of Norway is national
		{"kor mykje kostar det for kommunen å vere med? kor mange kroner i eigendel?", ""},
		{"whn does it start", "tidsplan"},
		{"Is all the meetings only in our region or also some for whole Norway?", "samlinger"},
		// "helt ærlig:", "Real talk:" are prefaces; "I need to warn the
		// principal …" a purpose; may every county branch apply, or were
		// some picked beforehand (blind105, blind153); the core of it
		{"helt ærlig: hva får kommunen igjen for dette?", "hva-far-vi"},
		{"står alle fritt til å søke, eller er noen fylker plukket ut på forhånd?", "hvem-soker"},
		{"Med min bakgrunn har jeg sett mange programmer komme og gå. Hva ser dere selv som kjernen i dette – det som gjør det verdt innsatsen?", "en-modell"},
		// round 35: "report interest" is registering it; which hotel we
		// stay at is a detail; 17 May is a holiday
		{"remind me, what's the deadline for the county branches to report interest?", "frist"},
		{"hvilket hotell bor vi på når vi er på samling? 🏨", ""},
		{"ka dag e 17. mai på i år", ""},
		// dialect "fyste" is "første"
		{"når startar fyste runden med regionale program?", "tidsplan"},
	})
}

// TestLearnReadsAsBuilt: an analyzer that learns texts after it was built
// knows the same stems, Norwegian and English, as one built with them —
// the program starts from the snapshot and learns the working group's
// answers and the configured facts' entries. Learned English texts once
// put their English stems among the Norwegian ones, so "Hedmarken" split
// into "mark" in a started bot and not in a built index.
func TestLearnReadsAsBuilt(t *testing.T) {
	base := []string{"Hvor lenge varer programmet?"}
	baseEN := []string{"How long does the programme last?"}
	more := []string{"Ja, det er gratis parkering ved hotellet."}
	moreEN := []string{"Yes, the market hall next to the hotel has free parking and remarkable views."}
	built := newAnalyzer(map[string]string{}, append(append([]string{}, base...), more...), append(append([]string{}, baseEN...), moreEN...))
	learned := newAnalyzer(map[string]string{}, base, baseEN)
	learned.learn(more, moreEN)
	for name, sets := range map[string][2]map[string]bool{"stems": {built.stems, learned.stems}, "stemsEN": {built.stemsEN, learned.stemsEN}} {
		for k := range sets[1] {
			if !sets[0][k] {
				t.Errorf("%s: learned %q, a built analyzer does not know it", name, k)
			}
		}
		for k := range sets[0] {
			if !sets[1][k] {
				t.Errorf("%s: built knows %q, the learned analyzer does not", name, k)
			}
		}
	}
}
