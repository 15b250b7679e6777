package faq

import (
	"context"
	"strings"
	"testing"
)

// ruleCase is a question and whether the rule's entry should take it.
type ruleCase struct {
	q    string
	want bool
}

// checkRule checks that unsureAsks gives entry to every question of
// cases that wants it, and to none that does not.
func checkRule(t *testing.T, entry string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		if got := unsureAsks(c.q) == entry; got != c.want {
			t.Errorf("unsureAsks(%q) = %q, want %s: %v", c.q, unsureAsks(c.q), entry, c.want)
		}
	}
}

func TestAsksName(t *testing.T) {
	checkRule(t, nameDefEntry, []ruleCase{
		{"hei, ny her. hva er egentlig denne fremtidens kulturskole-greia?", true},
		{"kollegaen min snakka om fremtidens kulturskule i lunsjen. ka e de for noko?", true},
		{"My principal keeps mentioning “Fremtidens kulturskole” – what’s that supposed to mean?", true},
		{"what is the future culture school concept, in simple words", true},
		{"hva legges i begrepet fremtidens kultursskole", true},
		// Another question of the programme under the name: its own entry.
		{"hva er fremtidens kulturskole, og hvor lenge varer det?", false},
		{"fylket vil søke oss inn i fremtidens kulturskole. kva betyr det for oss?", false},
		{"what's the point of fremtidens kulturskole?", false},
		{"kva får eg ut av desse fremtidens kulturskole-greiene?", false},
		{"what does it cost to join Fremtidens kulturskole?", false},
		// No name, no definition.
		{"hva betyr samskaping?", false},
		{"fremtidens kulturskole", false},
	})
}

func TestUnsureRulesNot(t *testing.T) {
	for _, q := range []string{
		"hvor mange kommuner blir med i hver region?",                                        // how many municipalities
		"how many people can we bring to each gathering?",                                    // how many people
		"who gives the lectures at the gatherings?",                                          // who speaks
		"what happens between the gatherings?",                                               // the work between them
		"what does it cost us, and what's in it for us?",                                     // the cost
		"what happens if I type /samling ny with nothing after it?",                          // a command
		"Kva er det kommunen formelt forpliktar seg til i Fremtidens kulturskole?",           // what the municipality commits to
		"What is the procedure for electing a new county leader at the annual meeting?",      // another meeting
		"There are a couple of meetings on Teams in the autumn. What are they actually for?", // the digital meetings
		"hvor mange folk kan vi sende til samlingene?",                                       // how many people
		"Are the development areas decided nationally or at the county annual meetings?",     // the development areas
		"hva er poenget med samlingene?",                                                     // the gatherings' point
		"kva er hensikta med heile opplegget, eit prosjekt som stoppar opp etterpå?",         // a project that ends
	} {
		if id := unsureAsks(q); id != "" {
			t.Errorf("unsureAsks(%q) = %q, want none", q, id)
		}
	}
}

func TestAsksGroupMember(t *testing.T) {
	checkRule(t, groupEntry, []ruleCase{
		{"jeg er fiolinlærer, kan jeg også være med i gruppa fra kommunen?", true},
		{"er dette noe for oss lærere eller er det bare for ledelsen?", true},
		{"eg er assistent i barnehagen. kan eg og sitje i gruppa, elle e det berre for leiarar?", true},
		{"can our youth workers be in the municipal group too?", false},
		{"Can we be part of the team as ordinary teachers, or is it only for principals?", true},
		// Membership, the county, joining alone: other entries.
		{"kan vi være med i gruppa selv om vi ikke er medlem?", false},
		{"can I join alone or must it be a group?", false},
		{"kan fylkesavdelingen være med, eller bare kommunene?", false},
		{"må eg som lærar vere med på samlingane, elle e d berre rektor?", true},
		{"er det bare rektorene som skal på samlingene, eller vi lærere også?", true},
	})
}

func TestAsksGroupDuty(t *testing.T) {
	checkRule(t, groupEntry, []ruleCase{
		{"jeg er styrer i en barnehage og skal sitte i kommunegruppa. hva forventes av meg?", true},
		{"eg leiar sfo og er spurd om å vere med i gruppa. kva forpliktar det?", true},
		{"the kulturskole wants our school in their group — what does that involve in practice?", true},
		// The work between gatherings, how long, the working group, the
		// municipality's duties beyond setting up a group: other entries.
		{"hva forventes av kommunegruppa mellom samlingene?", false},
		{"how long does the group have to commit for?", false},
		{"what does the working group expect from the counties?", false},
		{"utover å stille med ei gruppe, kva forventar dei av kommunane?", false},
		// A partner asking its part without naming the group (written
		// for this test).
		{"jeg leder en SFO på Hamar og kulturskolen vil ha oss med. hva må SFO-en bidra med?", true},
		{"eg er styrar i ein barnehage. kva blir venta av barnehagen vår i programmet?", true},
		{"our school has been asked to join – what would we be expected to contribute?", true},
		{"hva må skolen gjøre i praksis?", true},
		// Why the sector, its themes, other partners, the culture
		// school's own part: other entries.
		{"hvorfor forventes det at skolen og barnehagen er med?", false},
		{"kva tema er det venta at skulen jobbar med?", false},
		{"can the library contribute as well as the school?", false},
		{"hva forventes av skolen mellom samlingene?", false},
		// "være" is not the weather; the attitude expected is the duties'.
		{"vi i SFO skal være med i programmet. hva må SFO gjøre?", true},
		{"hvilken innstilling forventes av skolen?", false},
	})
}

func TestAsksEligible(t *testing.T) {
	checkRule(t, eligibleEntry, []ruleCase{
		{"so who is allowed in on this programme, honestly?", true},
		{"What are the eligibility criteria for municipalities?", true},
		{"kven kan vere med i programmet?", true},
		// Partners, the group, oneself, applying, another scheme.
		{"who can join as partners, only the school?", false},
		{"hvem kan være med? jeg er bare korleder", false},
		{"who can apply for this?", false},
		{"What are the eligibility criteria for Frifond?", false},
		// Who it is meant for, and partners abroad (eighteenth session,
		// written for this test).
		{"we run a kulturskola in Jämtland. who is this programme actually meant for?", true},
		{"Our music school is in Tallinn, Estonia. Could we join the programme?", true},
		{"an Estonian school wants to observe one gathering, is that possible?", false},
		{"is this meant for the long run?", false},
	})
}

func TestAsksFunding(t *testing.T) {
	checkRule(t, fundingEntry, []ruleCase{
		{"Could you kindly tell me how the programme is funded?", true},
		{"hvordan er programmet finansiert, egentlig?", true},
		{"korleis blir det finansiert?", true},
		// Travel, what the municipality pays itself, another scheme.
		{"how is travel to the gatherings funded?", false},
		{"hvordan finansieres El Sistema?", false},
		{"how is the talent programme funded?", false},
	})
}

func TestAsksBoardPart(t *testing.T) {
	checkRule(t, boardEntry, []ruleCase{
		{"jeg er ny i fylkesstyret. hvilken rolle har styret når programmet går?", true},
		{"what is the county board meant to do once it starts, apart from the påmelding?", true},
		{"kva er forventa av oss i fylkesstyret?", true},
		{"Sitter i styret i Agder fylkesavdeling. Hva forventes av oss i styret?", true},
		// How to register, who applies, what the municipalities must do,
		// how the county decides: other entries.
		{"how does the county board register interest in the bot?", false},
		{"må kommunene søke selv, eller må fylkesstyret gjøre det?", false},
		{"do we as kommune apply directly or must the fylkesstyre do it for us?", false},
		{"the fylkesstyre wants to sign up six kommuner, can the board do that for them?", false},
		{"sitter i fylkesstyret: hva forventes av kommunene som blir med?", false},
		{"hvordan avgjør fylkesstyret om vi skal melde interesse?", false},
	})
}

// Each of these was unsure, declined as outside the programme or
// answered from another entry at the session's start (e636be1); the rule
// of unsure.go answers it from its entry.
func TestUnsureAsksAnswers(t *testing.T) {
	e := newTestEngine(t)
	for q, want := range map[string]string{
		// What the name means.
		"kollegaen min snakka om fremtidens kulturskule i lunsjen. ka e de for noko?":                         nameDefEntry,
		"My principal keeps mentioning “Fremtidens kulturskole” – what’s that supposed to mean?":              nameDefEntry,
		"hva legges i begrepet fremtidens kultursskole":                                                       nameDefEntry,
		"folk her snakker om fremtidens kulturskole hele tida, og jeg henger ikke med. hva er greia?":         nameDefEntry,
		"rektor dro det opp på fagmøtet i går: \"fremtidens kulturskule\". kva meiner dei eigentleg med det?": nameDefEntry,
		// The gatherings: only regional or national too, how many, what
		// happens at them; what the municipality gets out of it; others
		// in the group; the booklet; a one-off; mentoring per municipality.
		"will we all be trooping off to Oslo at some point, or is it strictly regional gatherings?":           gatheringsEntry,
		"my kids have concerts every week so I need to plan. how many times do we meet over the whole thing?": gatheringsEntry,
		"sjefen spør kor mange samlingar det blir, ho må planleggje vikarar":                                  gatheringsEntry,
		"ok so practically, the gatherings, what are they like? lectures all day or workshops?":               gatheringsEntry,
		"the rektor keeps asking me 'what's in it for us' before she signs anything. what do I tell her?":     valueEntry,
		"rådmannen lurer på hva vi får igjen for dette, han er ganske skeptisk":                               valueEntry,
		"i work at the ungdomsklubb in Moss, can we be part of this too?":                                     partnersEntry,
		"folk snakker om kulturskolen som døråpner, ka meina dem med det?":                                    basisEntry,
		"is this just a one-and-done deal or something lasting?":                                              longTermEntry,
		"so can we run one project and be done with it?":                                                      longTermEntry,
		"quick q: the mentoring, is that per kommune or shared?":                                              mentoringEntry,
		// Declined as outside the programme at the session's start.
		"jeg dirigerer et korps i Tynset. er dette bare for kulturskolen, eller kan frivilligheten være med?": partnersEntry,
		"honestly whats in it for us? we're already drowning in concerts":                                     valueEntry,
		"ny lærer i Vefsn og har hørt masse om fremtidens kulturskole. hva er det egentlig?":                  nameDefEntry,
		// Whether the asker can be in the group.
		"er dette noe for oss lærere eller er det bare for ledelsen?":                           groupEntry,
		"eg er assistent i barnehagen. kan eg og sitje i gruppa, elle e det berre for leiarar?": groupEntry,
		"I'm just a choir teacher lol, is this thing for me too or only for the bosses?":        groupEntry,
		// A sure answer from another entry replaced: the gatherings'
		// entry answered this surely.
		"må me lærarar vere med på samlingane, elle e det berre rektor?": groupEntry,
		// The county board's part: the duration's, the politicians' and
		// the deadline's entry answered these surely (1f38cd8).
		"eg sit i fylkesstyret. kva er forventa av oss i styret gjennom heile programperioden?": boardEntry,
		"jeg sitter i fylkesstyret. hva slags rolle får vi i programmet?":                       boardEntry,
		"what does the fylkesstyre need to do here, beyond sending the påmelding?":              boardEntry,
		// Unsure, and the lift model vouched for another entry (the
		// duration's, the funding's): the rule's entry answers first.
		"is it a one-and-done kind of project, or a long game?":              longTermEntry,
		"could we do a single project with the funding and be done with it?": longTermEntry,
		// A school or municipality abroad asking to join: unsure
		// (1f38cd8).
		"Hi from Finland! Could a Finnish kommune take part in one of the regions?": eligibleEntry,
		// Who may take part, asked as eligibility: the duties' entry
		// answered this (1f38cd8).
		"is this open to all municipalities in Norway or are there conditions?": eligibleEntry,
		// Whether we must attend every gathering: unsure (1f38cd8).
		"må vi i biblioteket stille på alle samlingene?":                           dutiesEntry,
		"i work mondays so i cannot join all of them, or must we come every time?": dutiesEntry,
		// The point of the whole thing: the childhood sector's entry
		// answered this (1f38cd8).
		"what's the point of the whole thing, short version please": purposeEntry,
		// Why the childhood sector is so central, with context after it:
		// the purpose's entry answered these (1f38cd8), as one of two
		// parts.
		"hvorfor så mye fokus på oppvekst? koret mitt er mest for voksne":    partnersEntry,
		"Hvorfor står oppvekstfeltet så sentralt? vi er jo kultur og fritid": partnersEntry,
		// The childhood sector's entry answered this surely (1f38cd8).
		"hei, eg er styrar i ein barnehage. kulturskulen spør om me vil vere med i kommunegruppa deira. kva er det me forpliktar oss til då?": groupEntry,
		"I run the SFO here and the kulturskole asked us to join their kommunegruppe. What is expected of us?":                                groupEntry,
		// Eighteenth session: a partner's duties without the group
		// named, and why the sector should take part.
		"eg leier SFO på Voss. kva er det venta at SFO-en skal gjere i programmet?": groupEntry,
		"rektor her. hvorfor skal vi som skole bry oss om dette?":                   partnersEntry,
		// Scored 1 without being an exact phrasing: the rule still answers.
		"hei, eg er SFO-leiar og kommunen skal vere med. kva må eigentleg SFO gjere i dette?": groupEntry,
	} {
		a, err := e.Answer(context.Background(), q, "")
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || a.EntryID != want {
			t.Errorf("%q: answered %v (out of scope %v) with %q, want %s", q, a.Answered, a.OutOfScope, a.EntryID, want)
		}
	}
	// A two-part answer stands: the name asked with how long it lasts.
	a, err := e.Answer(context.Background(), "hva er fremtidens kulturskole, og hvor lenge varer det?", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.EntryID == nameDefEntry && len(a.Parts) == 0 {
		t.Errorf("two questions answered as the name alone: %+v", a)
	}
}

func TestUnsureRulesSixteenth(t *testing.T) {
	for q, want := range map[string]string{
		"veil. – per kommune eller felles for regionen?":               mentoringEntry,
		"is this a one-time prosjekt or more longer term?":             longTermEntry,
		"why do we need to meet at the gatherings, what are they for?": gatheringsEntry,
		"hvor mange samlinger må skolen sende folk på?":                gatheringsEntry,
		// Eighteenth session (written for this test).
		"so what is the real point of the whole programme, honestly?": purposeEntry,
		"how many time must we travel to samling in the program?":     gatheringsEntry,
	} {
		if got := unsureAsks(q); got != want {
			t.Errorf("unsureAsks(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestWordEndAfterNonASCII: a group of words ending in "å" or "ø" is
// read before a space, a question mark or the end (wordEnd; Go's \b
// alone never matched there).
func TestWordEndAfterNonASCII(t *testing.T) {
	if detailAsked("hva er lønnsnivå for en veileder?") != detailPay {
		t.Error(`"lønnsnivå for" is not read as pay`)
	}
	if detailAsked("hvilket hotell på samlinga i bodø?") != detailHotel {
		t.Error(`"hvilket hotell på" is not read as the hotel`)
	}
	if id := unsureAsks("hva er fremtidens kulturskole, og hva vil vi oppnå?"); id == nameDefEntry {
		t.Error(`"hva vil vi oppnå?" after the name is read as the name's definition`)
	}
	if !purposeRE.MatchString("rektor kommer til å lure på") {
		t.Error(`"kommer til å lure på" is not read as who will ask`)
	}
	if !isIntro("eg kjem frå Voss.") {
		t.Error(`"eg kjem frå" is not read as an introduction`)
	}
}

// Whether a municipality may apply by itself is who applies; deciding
// alone, help, a gathering and the bot's commands are not (nineteenth
// session; the first three written for this test).
func TestUnsureSelfApply(t *testing.T) {
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"kan Bodø bare søke selv, eller hvordan er det?", whoAppliesEntry},
		{"could our kommune just sign up on its own?", whoAppliesEntry},
		{"kan vi i Luster melde oss på sjølv?", whoAppliesEntry},
		{"kan vi i Kongsberg melde oss på selv, eller hvordan funker det?", whoAppliesEntry},
	})
	checkRule(t, whoAppliesEntry, []ruleCase{
		{"who in the fylkesavd. decides whether we sign up - the board alone?", false},
		{"kan vi melde oss på samlingen selv?", false},
		{"kan vi få hjelp fra arbeidsgruppa når vi skal vurdere om vi skal melde oss på, eller må vi finne ut av alt selv", false},
	})
}

// What a region is, asked alone, is the region entry (split 118; the
// first written for this test); a question after it is not only that.
func TestUnsureRegionDefinition(t *testing.T) {
	for q, want := range map[string]string{
		"kva er ein region her?":                               regionEntry,
		"hva er egentlig en \"region\" i denne sammenhengen?":  regionEntry,
		"def. of region?":                                      regionEntry,
		"hva er en region? må kommunene grense til hverandre?": "",
	} {
		if got := unsureAsks(q); got != want {
			t.Errorf("unsureAsks(%q) = %q, want %q", q, got, want)
		}
	}
}

// The information meetings asked about are their entry's, also when the
// message was read as two parts, one answered from the gatherings'
// entry and one left unanswered (splits 119 and 124); the booklet asked
// after a meeting in the background is not the gatherings' (split 71).
func TestUnsureInfoMeetings(t *testing.T) {
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"hvor mange infomøter blir det ifm. programmet, og er de fysiske eller på teams?", infoMeetingsEntry},
		{"how many information meetings are there and are they physical ones?", infoMeetingsEntry},
		{"blir det noen infomøter før oppstart, og er de på teams?", infoMeetingsEntry},
		// no rule took it before this one
		{"are the info meetings online or do we travel to Oslo?", infoMeetingsEntry},
		// an info session (blind148, written before this rule)
		{"Is there some kind of online info session where I can hear more about what we'd actually be signing up for?", infoMeetingsEntry},
	})
	checkRule(t, infoMeetingsEntry, []ruleCase{
		{"what is the teams link for the info meeting in october?", false},
		{"Førebur spørsmål til infomøtet: kva rolle er fylkesstyret forventa å ha?", false},
	})
	checkRule(t, gatheringsEntry, []ruleCase{
		{"someone at the KS meeting mentioned a dialoghefte - what's it called and what is it for?", false},
	})
}

// Joining alone or with other municipalities asks what a region is
// (splits 42–128; the first written for this test); coming alone to a
// gathering does not.
func TestUnsureJoinAlone(t *testing.T) {
	for q, want := range map[string]string{
		"kan Vefsn være med alene, eller må vi ha med nabokommunene?":        regionEntry,
		"can my kommune join alone? or we need other kommuner with us?":      regionEntry,
		"kan vi være med alene eller må vi gå sammen med andre?":             regionEntry,
		"can I come alone to the samling or together with other colleagues?": "",
	} {
		if got := unsureAsks(q); got != want {
			t.Errorf("unsureAsks(%q) = %q, want %q", q, got, want)
		}
	}
}

// Who runs the programme, asked with "styrer" or for the organisation,
// is the working group's (splits 114–139; the first three written for
// this test); who decides how many take part, or the programme in a
// county, is not. A message asking it beside another question gets
// both answers, the rule's in the order asked.
func TestUnsureWhoRuns(t *testing.T) {
	checkRule(t, workingGroupEntry, []ruleCase{
		{"hvem er det egentlig som styrer hele greia?", true},
		{"which organisation runs the regional programmes?", true},
		{"kven styrer eigentleg opplegget?", true},
		{"ok. og kven er det som styrer det heile då?", true},
		{"hvem styrer hvilke kommuner som får være med?", false},
		{"who runs the programme in Nordland?", false},
		{"who should I run this by in the county?", false},
	})
	e := newTestEngine(t)
	checkAnswers(t, e, []answerCase{
		{"kven er det som styrer programmet, og kven kan eg spørje om ting du ikkje veit?", workingGroupEntry},
		{"which organisation runs this programme actually, and who do I contact with questions the bot cannot answer?", workingGroupEntry},
	})
	a, err := e.Answer(context.Background(), "Two things for my report: who actually runs the program day to day, and what's the funding source?", "")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Answered || a.EntryID != workingGroupEntry || !strings.Contains(a.Text, "leads the work") || !strings.Contains(a.Text, "state budget") {
		t.Errorf("who runs it and the funding: %q %q, want the working group's answer, then the funding's", a.EntryID, a.Text)
	}
}

// Who is meant to be in the municipality's group is the group's entry,
// also when the kindergarten or the school is named after it (splits
// 66, 123 and 132; the first three written for this test); the county's
// group is not.
func TestUnsureWhoInGroup(t *testing.T) {
	checkRule(t, groupEntry, []ruleCase{
		{"who's supposed to be in the kommunegruppe, just us teachers or the barnehage people too?", true},
		{"kven skal eigentleg sitje i kommunegruppa hjå oss?", true},
		{"hvem skal være med i gruppa fra kommunen, bare kulturskolen eller også skole og bhg?", true},
		{"who is in the group from the county?", false},
	})
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"hi! I was just put in our kommunegruppe and no one told me who's meant to be in it - only kulturskole staff or also the SFO?", groupEntry},
	})
}

// More wanting to join than there is room for is the places' entry
// (splits 18–132; the first three written for this test); how many
// want something, or a gathering's numbers, is not.
func TestUnsureManyWant(t *testing.T) {
	checkRule(t, placesEntry, []ruleCase{
		{"hva om absolutt alle fylkene vil være med, hvordan velger dere?", true},
		{"kva skjer dersom veldig mange kommunar vil delta?", true},
		{"what if loads of kommuner want in, do small ones get cut?", true},
		{"kan jeg se hvor mange som vil være med på samlingen?", false},
		{"how many want overnatting at the gathering?", false},
	})
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"kva om alle fylka vil vere med, kjem alle med då?", placesEntry},
	})
}

// A county leader asking whom to talk to before registering interest,
// or what to do first, is the county's decision; the gatherings asked
// physical or digital are the gatherings' entry, not the information
// meetings'; "vanlige lærere" asked against the leaders is the group's;
// a count of gatherings with typos is the gatherings' (splits 113–145;
// the cases written for this test).
func TestUnsureTwentiethSession(t *testing.T) {
	checkRule(t, countyDecisionEntry, []ruleCase{
		{"som fylkesleiar: kven bør eg snakke med før vi melder interesse?", true},
		{"I am fylkesleder - what should I do first if our fylke wants to join?", true},
		{"who should I talk to about the gathering?", false},
		{"what should I do first in the bot?", false},
	})
	checkRule(t, gatheringsEntry, []ruleCase{
		{"blir samlingene fysiske eller på teams?", true},
		{"are the gatherings online or in person?", true},
		{"er infomøtene fysiske eller digitale?", false},
		{"hvor mnage samlinger blir det?", true},
	})
	checkRule(t, groupEntry, []ruleCase{
		{"er det bare for rektorene eller kan vanlige lærere også være med?", true},
		{"kan vanlege lærarar vere med, eler er det berre for leiarar?", true},
	})
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"er samlingene fysiske eller digitale?", gatheringsEntry},
		{"im fylkesleder. who should i talk to before we register interest?", countyDecisionEntry},
	})
}

// Travel paid for is the travel support's entry, not its amount nor
// travel named as the reason for another question; more applications
// than places, asked how one is chosen, is the places' entry, also from
// abroad; what one must do in the group is the group's (splits 9–148;
// the cases written for this test).
func TestUnsureTravelAndChoosing(t *testing.T) {
	checkRule(t, travelEntry, []ruleCase{
		{"får vi dekket reiseutgiftene når vi skal på samling?", true},
		{"is there travel money for the kommunegruppe?", true},
		{"hvor mye reisepenger får vi i kroner?", false},
		// "nok" is "enough" unless beside a number (kronerExpr)
		{"dekkes reiseutgiftene? vi har nok ikke budsjett til det", true},
		{"is travel covered, like 2000 nok per person?", false},
		// the amount after the question is still the question (split 154)
		{"dekkjer programmet reisa til samlingane, evt. kor mykje?", true},
		{"hva er hensikten med samlingene? må begrunne reiseutgiftene overfor rådmannen", false},
	})
	checkRule(t, placesEntry, []ruleCase{
		{"hvis det kommer mange søknader, hvordan velger dere hvem som får plass?", true},
		{"Greetings from Denmark! How do you choose which municipalities join?", true},
	})
	checkRule(t, groupEntry, []ruleCase{
		{"they put me in the kommunegruppe. what do i have to do?", true},
	})
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"will we get travel money for the samlinger? we are far away", travelEntry},
	})
}

// Whom the programme is meant for is who may take part (split 150; the
// first two written for this test).
func TestUnsureMeantFor(t *testing.T) {
	checkRule(t, eligibleEntry, []ruleCase{
		{"hvem er programmet egentlig ment for?", true},
		{"who is this actually intended for?", true},
		{"kven er det meint for å leie gruppa?", false},
	})
}

// The culture school's role in the municipality is the one-model
// entry's (its roles balanced on local ambitions); the attitude to it
// expected of participants, why the programme frames it, or a person's
// role is not (splits 17–151; the cases written for this test).
func TestUnsureSchoolRole(t *testing.T) {
	checkRule(t, oneModelEntry, []ruleCase{
		{"hvilken rolle skal kulturskolen ha i kommunen i dette programmet? bare undervisning?", true},
		{"who decides the culture school's role in our municipality?", true},
		{"hva slags holdning til kulturskolens rolle forventes av oss?", false},
		{"why does the programme talk so much about the culture school's role in society?", false},
		{"I just took on the role of deputy head at the kulturskole, what is this programme?", false},
		{"hva er fylkesstyrets rolle overfor kulturskolene?", false},
	})
}

// Who signs the municipalities up is who applies; interest greater than
// capacity is the places'; how the group is composed is the group's, a
// region's make-up is not (splits 134–153; the cases written for this
// test).
func TestUnsureSignUpCapacityComposed(t *testing.T) {
	checkRule(t, whoAppliesEntry, []ruleCase{
		{"hvem melder oss på, fylket eller vi?", true},
		{"who signs up the municipalities?", true},
		{"hvem melder på til samlingen?", false},
	})
	checkRule(t, placesEntry, []ruleCase{
		{"hva skjer om interessen blir større enn kapasiteten?", true},
		{"what if demand exceeds capacity?", true},
	})
	checkRule(t, groupEntry, []ruleCase{
		{"how should the kommunegruppe be composed?", true},
		{"kan en region bestå av kommuner fra to fylker?", false},
	})
}

// What one does at the gatherings is the gatherings' entry (split 154;
// written for this test).
func TestUnsureAtGatherings(t *testing.T) {
	checkRule(t, gatheringsEntry, []ruleCase{
		{"hva skal vi gjøre på samlingene, egentlig?", true},
		{"what will we do at the gatherings?", true},
		{"hva skal vi gjøre mellom samlingene?", false},
	})
}

// A question with the asker's purpose after it, its subject left out
// ("tenker mtp. budsjett"), is the question alone; how a county leader
// handles it internally is the county's decision (split 157; written
// for this test).
func TestQuestionThenPurpose(t *testing.T) {
	checkAnswers(t, newTestEngine(t), []answerCase{
		{"hvor lenge varer et sånt regionalt program egentlig? tenker mtp. budsjett og vikarer", "varighet"},
	})
	checkRule(t, countyDecisionEntry, []ruleCase{
		{"as fylkesleder, how do I handle this internally before we register interest?", true},
	})
}
