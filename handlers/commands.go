package handlers

// Every command kulturbot understands is described here, once. The Slack
// manifest, the Discord command tree (and how a Discord interaction becomes
// request text), /kulturbot hjelp and the README's command table are built
// from these routes (bot/command.go says how), and the handlers find their
// verbs here too.
//
// To add a verb, e.g. "/samling gjenåpne 3":
//  1. add a bot.Verb to the route below: Name and EN, Aliases people may
//     type, Desc (≤ 100 characters, bokmål and English), an Example that
//     works when copied ({dato+30} for a date 30 days ahead), its Params
//     (Pos for the ones read as words after the verb) and Admin if only the
//     working group may use it;
//  2. handle it in the route's handler (case "gjenåpne": in gathering.go),
//     or for /kulturbot give it Run: h.yourFunc;
//  3. run `go test ./cmd/kulturbot -run Commands -update` to rewrite
//     bot/slack/manifest.json and the README table, and commit them.
// Nothing else lists commands.

import "github.com/kulturskoleradet/kulturbot/bot"

// Typed options used by several verbs.
var (
	pKommune = bot.Param{Name: "kommune", EN: "municipality", Suggest: "kommune",
		Desc: bot.W("Kommunen (velg fra listen eller skriv navnet)", "The municipality (pick from the list or type its name)")}
	pKommuner = bot.Param{Name: "kommuner", EN: "municipalities", Suggest: "kommuner",
		Desc: bot.W("Kommuner, skilt med komma: Bodø, Vefsn, Rana", "Municipalities, separated by commas: Bodø, Vefsn, Rana")}
	pDato = bot.Param{Name: "dato", EN: "date", Type: bot.ParamDate,
		Desc: bot.W("Dato: 2025-02-06 eller 6.2.2025", "Date: 2025-02-06 or 6.2.2025")}
	pSamlingID = bot.Param{Name: "id", EN: "id", Type: bot.ParamInt, Required: true, Min: 1, Suggest: "samling",
		Desc: bot.W("Samlingens nummer (#3)", "The gathering's number (#3)")}
	pMentoringID = bot.Param{Name: "id", EN: "id", Type: bot.ParamInt, Required: true, Min: 1,
		Desc: bot.W("Nummeret fra /veiledning liste", "The number from /veiledning liste")}
	pInterestID = bot.Param{Name: "id", EN: "id", Type: bot.ParamInt, Required: true, Min: 1,
		Desc: bot.W("Registreringens nummer", "The registration's number")}
	pFylke = bot.Param{Name: "fylke", EN: "county", Suggest: "fylke",
		Desc: bot.W("Fylket", "The county")}
	pKontakt = bot.Param{Name: "kontakt", EN: "contact",
		Desc: bot.W("Kontaktperson (navn, e-post)", "Contact person (name, e-mail)")}
	pKommentar = bot.Param{Name: "kommentar", EN: "comment",
		Desc: bot.W("Kommentar", "Comment")}
	pTid = bot.Param{Name: "tid", EN: "time",
		Desc: bot.W("Klokkeslett (norsk tid): 10:00 eller 10:00-15:30; uten: hele dagen", "Clock time (Norwegian): 10:00 or 10:00-15:30; none: all day")}
)

// required is p with Required set.
func required(p bot.Param) bot.Param { p.Required = true; return p }

// routes are kulturbot's commands in the order the help, the manifest and
// the Discord tree list them. slow marks /faq as slow (an LLM may answer).
func (h *Handlers) routes(slow bool) []bot.Route {
	return []bot.Route{
		{
			Name: "faq", EN: "faq", Handler: bot.HandlerFunc(h.ask), Slow: slow, RawText: true,
			Desc:    bot.W("Spør om Fremtidens kulturskole (også @kulturbot og DM)", "Ask about Fremtidens kulturskole (also @kulturbot and DM)"),
			Example: "/faq Hva er en region?",
			Params: []bot.Param{{Name: "spørsmål", EN: "question", Required: true,
				Desc: bot.W("Spørsmålet ditt", "Your question")}},
		},
		{
			Name: "interesse", EN: "interest", Aliases: []string{"interest"}, Handler: bot.HandlerFunc(h.interest),
			Desc: bot.W("Meld interesse for regionprogrammet på vegne av kommuner", "Register interest in the regional programme for municipalities"),
			Verbs: []bot.Verb{
				{Name: "ny", EN: "new", Aliases: []string{"registrer", "register"}, Bare: true,
					Desc:    bot.W("Meld interesse (uten valg åpnes et skjema)", "Register interest (without options a form opens)"),
					Example: exInterest,
					Params:  []bot.Param{pFylke, pKommuner, pKontakt, pKommentar}},
				{Name: "liste", EN: "list", Aliases: []string{"vis"},
					Desc:    bot.W("Vis registrerte interesser", "Show registered interest"),
					Example: "/interesse liste"},
				{Name: "endre", EN: "change", Aliases: []string{"edit", "oppdater"}, Pos: []string{"id"},
					Desc:    bot.W("Endre en registrering (kommuner, kontakt, kommentar)", "Change a registration (municipalities, contact, comment)"),
					Example: exInterestChange,
					Params:  []bot.Param{pInterestID, pFylke, pKommuner, pKontakt, pKommentar}},
				{Name: "trekk", EN: "withdraw", Aliases: []string{"trekk-tilbake"}, Pos: []string{"id"},
					Desc:    bot.W("Trekk en registrering", "Withdraw a registration"),
					Example: exInterestWithdraw,
					Params:  []bot.Param{pInterestID}},
			},
		},
		{
			Name: "rsvp", EN: "rsvp", Aliases: []string{"svar-samling"}, Handler: bot.HandlerFunc(h.rsvp),
			Desc: bot.W("Svar på samlinger", "Answer invitations to gatherings"),
			Verbs: []bot.Verb{
				{Name: "liste", EN: "list", Aliases: []string{"vis"}, Bare: true,
					Desc:    bot.W("Kommende samlinger med svarknapper", "Upcoming gatherings with answer buttons"),
					Example: "/rsvp"},
				{Name: "svar", EN: "answer", Bare: true, Pos: []string{"samling", "svar"},
					Desc:    bot.W("Svar for en kommune; et nytt svar erstatter det forrige", "Answer for a municipality; a new answer replaces the old one"),
					Example: exRSVP,
					Params: []bot.Param{
						{Name: "samling", EN: "gathering", Required: true, Suggest: "samling", Desc: bot.W("Samlingen", "The gathering")},
						{Name: "svar", EN: "response", Desc: bot.W("Kommer dere?", "Are you coming?"),
							Choices: []bot.Choice{{Value: "ja", EN: "yes"}, {Value: "nei", EN: "no"}, {Value: "kanskje", EN: "maybe"}}},
						{Name: "antall", EN: "count", Type: bot.ParamInt, Min: 1, Max: 50, Desc: bot.W("Hvor mange kommer (1–50)", "How many are coming (1–50)")},
						pKommune,
						{Name: "overnatting", EN: "overnight", Type: bot.ParamBool, Desc: bot.W("Trenger dere overnatting? (skrevet: ja, nei eller antall)", "Do you need overnight accommodation? (typed: ja, nei or a number)")},
						{Name: "overnatting-antall", EN: "overnight-count", Type: bot.ParamInt, Min: 0, Max: 50, Desc: bot.W("Hvor mange av dere trenger seng (0–50)", "How many of you need a bed (0–50)")},
					}},
				{Name: "slett", EN: "delete", Aliases: []string{"fjern", "remove"}, Admin: true, Pos: []string{"samling"},
					Desc:    bot.W("Fjern en kommunes feil svar", "Remove a municipality's wrong answer"),
					Example: exRSVPDelete,
					Params: []bot.Param{
						{Name: "samling", EN: "gathering", Required: true, Suggest: "samling", Desc: bot.W("Samlingen", "The gathering")},
						required(pKommune),
					}},
			},
		},
		{
			Name: "veiledning", EN: "mentoring", Aliases: []string{"mentoring"}, Handler: bot.HandlerFunc(h.mentoring),
			Desc: bot.W("Logg og vis veiledning", "Log and list mentoring"),
			Verbs: []bot.Verb{
				{Name: "logg", EN: "log", Aliases: []string{"ny", "new", "registrer"},
					Desc:    bot.W("Logg veiledning (uten valg åpnes et skjema)", "Log a mentoring session (without options a form opens)"),
					Example: exMentoringSlot,
					Params: []bot.Param{pKommune, pDato,
						{Name: "minutter", EN: "minutes", Type: bot.ParamInt, Min: 1, Max: 600, Desc: bot.W("Varighet i minutter (1–600)", "Duration in minutes (1–600)")},
						{Name: "tema", EN: "topic", Desc: bot.W("Tema", "Topic")},
						{Name: "notat", EN: "note", Desc: bot.W("Notat", "Note")},
					}},
				{Name: "liste", EN: "list", Aliases: []string{"vis"},
					Desc:    bot.W("Vis veiledning", "List mentoring sessions"),
					Example: exMentoringList,
					Params:  []bot.Param{pKommune}},
				{Name: "endre", EN: "change", Aliases: []string{"edit", "rediger"}, Pos: []string{"id"},
					Desc:    bot.W("Endre en logget veiledning (egne; arbeidsgruppen alle)", "Change a logged session (your own; the working group any)"),
					Example: exMentoringChange,
					Params: []bot.Param{pMentoringID, pKommune, pDato,
						{Name: "minutter", EN: "minutes", Type: bot.ParamInt, Min: 1, Max: 600, Desc: bot.W("Varighet i minutter (1–600)", "Duration in minutes (1–600)")},
						{Name: "tema", EN: "topic", Desc: bot.W("Tema", "Topic")},
						{Name: "notat", EN: "note", Desc: bot.W("Notat", "Note")},
					}},
				{Name: "slett", EN: "delete", Aliases: []string{"fjern", "remove"}, Pos: []string{"id"},
					Desc:    bot.W("Slett en logget veiledning (egne; arbeidsgruppen alle)", "Delete a logged session (your own; the working group any)"),
					Example: exMentoringDelete,
					Params:  []bot.Param{pMentoringID}},
			},
		},
		{
			Name: "region", EN: "region", Handler: bot.HandlerFunc(h.region), Admin: true,
			Desc: bot.W("Regioner (arbeidsgruppen)", "Regions (working group)"),
			Verbs: []bot.Verb{
				{Name: "ny", EN: "new", Aliases: []string{"opprett"},
					Desc:    bot.W("Lag en region av tre eller flere kommuner", "Create a region of three or more municipalities"),
					Example: exRegion,
					Params: []bot.Param{
						{Name: "navn", EN: "name", Required: true, Desc: bot.W("Regionens navn", "The region's name")},
						required(pKommuner),
					}},
				{Name: "liste", EN: "list", Aliases: []string{"vis"},
					Desc:    bot.W("Vis regionene", "List the regions"),
					Example: "/region liste"},
				{Name: "endre", EN: "change", Aliases: []string{"edit", "rediger"}, Pos: []string{"navn"},
					Desc:    bot.W("Bytt ut kommunene i en region", "Replace a region's municipalities"),
					Example: exRegionChange,
					Params: []bot.Param{
						{Name: "navn", EN: "name", Required: true, Suggest: "region", Desc: bot.W("Regionens navn", "The region's name")},
						required(pKommuner),
					}},
				{Name: "slett", EN: "delete", Aliases: []string{"fjern", "remove"}, Pos: []string{"navn"},
					Desc:    bot.W("Slett en region uten samlinger", "Delete a region that has no gatherings"),
					Example: exRegionDelete,
					Params: []bot.Param{
						{Name: "navn", EN: "name", Required: true, Suggest: "region", Desc: bot.W("Regionens navn", "The region's name")},
					}},
			},
		},
		{
			Name: "samling", EN: "gathering", Aliases: []string{"gathering"}, Handler: bot.HandlerFunc(h.gathering), Admin: true,
			Desc: bot.W("Samlinger (arbeidsgruppen)", "Gatherings (working group)"),
			Verbs: []bot.Verb{
				{Name: "ny", EN: "new", Aliases: []string{"opprett"},
					Desc:    bot.W("Lag en samling", "Create a gathering"),
					Example: exGatheringSlot,
					Params: []bot.Param{
						{Name: "navn", EN: "name", Required: true, Desc: bot.W("Samlingens navn", "The gathering's name")},
						required(pDato),
						{Name: "sted", EN: "place", Required: true, Desc: bot.W("Sted", "Place")},
						{Name: "region", EN: "region", Suggest: "region", Desc: bot.W("Region (eller nasjonal)", "Region (or nasjonal for national)")},
						{Name: "frist", EN: "deadline", Type: bot.ParamDate, Desc: bot.W("Svarfrist: 2025-01-20 eller 20.1.2025", "RSVP deadline: 2025-01-20 or 20.1.2025")},
						pTid,
					}},
				{Name: "liste", EN: "list", Aliases: []string{"vis"},
					Desc:    bot.W("Vis samlingene", "List the gatherings"),
					Example: "/samling liste"},
				{Name: "deltakere", EN: "attendees", Aliases: []string{"participants", "deltagere", "pameldte"}, Pos: []string{"id"},
					Desc:    bot.W("Hvem kommer til en samling", "Who is coming to a gathering"),
					Example: "/samling deltakere 3",
					Params:  []bot.Param{pSamlingID}},
				{Name: "endre", EN: "change", Aliases: []string{"edit", "rediger"}, Pos: []string{"id"},
					Desc:    bot.W("Endre navn, dato, tid, sted eller svarfrist (de som har svart får beskjed)", "Change name, date, time, place or deadline (those who answered are told)"),
					Example: `/samling endre 3 sted="Fauske"`,
					Params: []bot.Param{pSamlingID,
						{Name: "navn", EN: "name", Desc: bot.W("Nytt navn", "New name")},
						{Name: "dato", EN: "date", Type: bot.ParamDate, Desc: bot.W("Ny dato: 2025-02-06, 6.2.2025 eller 6.2", "New date: 2025-02-06, 6.2.2025 or 6.2")},
						{Name: "sted", EN: "place", Desc: bot.W("Nytt sted", "New place")},
						{Name: "frist", EN: "deadline", Type: bot.ParamDate, Desc: bot.W("Ny svarfrist (ingen: fjern fristen)", "New RSVP deadline (ingen: remove it)")},
						pTid,
					}},
				{Name: "avlys", EN: "cancel", Pos: []string{"id"},
					Desc:    bot.W("Avlys en samling (de som har svart får beskjed)", "Cancel a gathering (those who answered are told)"),
					Example: "/samling avlys 3",
					Params: []bot.Param{pSamlingID,
						{Name: "bekreft", EN: "confirm", Type: bot.ParamBool, Desc: bot.W("Avlys uten å spørre først", "Cancel without asking first")}}},
				{Name: "gjenåpne", EN: "reopen", Aliases: []string{"gjenopprett"}, Pos: []string{"id"},
					Desc:    bot.W("Angre en avlysning", "Undo a cancellation"),
					Example: "/samling gjenåpne 3",
					Params:  []bot.Param{pSamlingID}},
				{Name: "gjest", EN: "guest", Pos: []string{"id"},
					Desc:    bot.W("La en kommune utenfor regionen svare på en samling", "Let a municipality outside the region answer a gathering"),
					Example: "/samling gjest 3 kommune=Tromsø",
					Params:  []bot.Param{pSamlingID, required(pKommune)}},
			},
		},
		{
			Name: "kulturbot", EN: "kulturbot", Handler: bot.HandlerFunc(h.kulturbot),
			Desc: bot.W("Hjelp, egne data og verktøy for arbeidsgruppen", "Help, your data and tools for the working group"),
			Verbs: []bot.Verb{
				{Name: "hjelp", EN: "help", Run: h.subHelp,
					Desc:    bot.W("Alle kommandoer med eksempler", "Every command with examples"),
					Example: "/kulturbot hjelp"},
				{Name: "kommune", EN: "municipality", Run: h.subMunicipality, Pos: []string{"navn"},
					Desc:    bot.W("Sett din egen kommune, så kan du droppe kommune= senere", "Set your own municipality so kommune= can be left out later"),
					Example: "/kulturbot kommune Bodø",
					Params: []bot.Param{{Name: "navn", EN: "name", Required: true, Suggest: "kommune",
						Desc: bot.W("Kommunen din", "Your municipality")}}},
				{Name: "kommune-slå-sammen", EN: "merge-municipality", Aliases: []string{"kommune-sla-sammen"}, Run: h.subMerge, Admin: true, Pos: []string{"fra", "til"},
					Desc:    bot.W("Slå et navn utenfor kommuneregisteret sammen med riktig kommune", "Merge a name outside the municipality register into the right municipality"),
					Example: "/kulturbot kommune-slå-sammen Fauskee Fauske",
					Params: []bot.Param{
						{Name: "fra", EN: "from", Required: true, Desc: bot.W("Navnet utenfor registeret (kulturbot kommuner sjekk)", "The name outside the register (kulturbot kommuner sjekk)")},
						{Name: "til", EN: "into", Required: true, Suggest: "kommune", Desc: bot.W("Kommunen i registeret det skal bli", "The register municipality it becomes")},
					}},
				{Name: "mine-data", EN: "my-data", Aliases: []string{"minedata", "mydata"}, Run: h.subMyData,
					Desc:    bot.W("Se hva kulturbot har lagret om deg", "See what kulturbot stores about you"),
					Example: "/kulturbot mine-data"},
				{Name: "slett-meg", EN: "delete-me", Aliases: []string{"slettmeg", "forget-me"}, Run: h.subForget,
					Desc:    bot.W("Slett personopplysningene dine (du blir spurt først)", "Delete your personal data (you are asked first)"),
					Example: "/kulturbot slett-meg"},
				{Name: "stemme", EN: "vote", Run: h.subVote, Button: true,
					Desc:    bot.W("👍/👎 på et svar (knappene under svarene gjør dette)", "👍/👎 on an answer (the buttons under answers do this)"),
					Example: "/kulturbot stemme 7 opp"},
				{Name: "digest", EN: "digest", Aliases: []string{"oppsummering"}, Run: h.subDigest, Admin: true,
					Desc:    bot.W("Forhåndsvis ukesoppsummeringen (bare for deg)", "Preview the weekly digest (only you see it)"),
					Example: "/kulturbot digest"},
				{Name: "eksport", EN: "export", Run: h.subExport, Admin: true, Pos: []string{"type"},
					Desc:    bot.W("CSV-fil med svar, interesse eller veiledning", "CSV file of answers, interest or mentoring"),
					Example: "/kulturbot eksport rsvp",
					Params: []bot.Param{{Name: "type", EN: "type", Required: true, Desc: bot.W("Hva skal eksporteres", "What to export"),
						Choices: []bot.Choice{{Value: "rsvp", EN: ""}, {Value: "interesse", EN: "interest"}, {Value: "veiledning", EN: "mentoring"}}}}},
				{Name: "spørsmål", EN: "questions", Aliases: []string{"sporsmal"}, Run: h.subQuestions, Admin: true,
					Desc:    bot.W("Ubesvarte spørsmål til arbeidsgruppen", "Unanswered questions for the working group"),
					Example: "/kulturbot spørsmål"},
				{Name: "svar", EN: "answer", Run: h.subAnswer, Admin: true, Pos: []string{"id", "tekst"}, RawLast: true,
					Desc:    bot.W("Svar på et spørsmål; spørreren får beskjed og FAQ-en lærer svaret", "Answer a question; the asker is told and the FAQ learns the answer"),
					Example: "/kulturbot svar 12 Ja, det går fint.",
					Params: []bot.Param{
						{Name: "id", EN: "id", Type: bot.ParamInt, Required: true, Min: 1, Desc: bot.W("Spørsmålets nummer", "The question's number")},
						{Name: "tekst", EN: "text", Required: true, Desc: bot.W("Svaret", "The answer")},
						{Name: "ikke-faq", EN: "not-faq", Type: bot.ParamBool, Flag: true, Desc: bot.W("Ikke legg svaret til i FAQ-en", "Do not add the answer to the FAQ")},
					}},
				{Name: "dashbord", EN: "dashboard", Run: h.subDashboard, Admin: true,
					Desc:    bot.W("Lenke til arbeidsgruppens oversikt på nett (gyldig i 12 timer)", "Link to the working group's web overview (valid for 12 hours)"),
					Example: "/kulturbot dashbord"},
				{Name: "kalender", EN: "calendar", Run: h.subCalendar, Pos: []string{"region"},
					Desc:    bot.W("Kalenderlenke (ICS) med samlingene i din region", "Calendar link (ICS) with your region's gatherings"),
					Example: "/kulturbot kalender",
					Params: []bot.Param{{Name: "region", EN: "region", Suggest: "region",
						Desc: bot.W("Regionen (standard: regionen til kommunen din; «alle» for alle)", "The region (default: your municipality's; “alle” for all)")}}},
				{Name: "dokument", EN: "document", Aliases: []string{"dokumenter", "documents"}, Run: h.subDocs, Admin: true,
					Desc:    bot.W("Last inn et rammedokument (PDF, Markdown, tekst); også «liste», «fjern»", "Load a framework document (PDF, Markdown, text); also “liste”, “fjern”"),
					Example: "/kulturbot dokument",
					Params: []bot.Param{{Name: "fil", EN: "file", Type: bot.ParamFile, Required: true,
						Desc: bot.W("Dokumentet", "The document")}}},
			},
		},
	}
}
