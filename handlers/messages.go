package handlers

import (
	"fmt"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// messages are the handlers' texts: one table per workflow file, beside
// the code that uses it, and coreMessages below for the shared ones. The
// core's own texts (error.*) are bot.T.
var messages = bot.Catalog{coreMessages, dateMessages, correctionMessages, gatheringChangeMessages,
	gatheringTimeMessages, digestMessages, reminderMessages, faqMessages, docsMessages,
	slashlessMessages, rsvpDeleteMessages, webMessages}

// Text is one of the handlers' messages in lang, for the command line,
// which prints the same answers as plain text, and for the FAQ's replies.
// Lang "nn" (a question asked in nynorsk) reads the nynorsk texts the
// FAQ's replies have (faqMessagesNN); every other message is bokmål.
func Text(lang bot.Lang, key string, args ...any) string {
	if lang == "nn" {
		if s, ok := faqMessagesNN[key]; ok {
			if len(args) == 0 {
				return s
			}
			return fmt.Sprintf(s, args...)
		}
	}
	return messages.T(lang, key, args...)
}

// coreMessages are the texts of the core workflows, bokmål first, English second. Every
// error says what is wrong; bad() appends a correct example.
var coreMessages = bot.Messages{
	// Shared words and errors.
	"core.example":                 {"Eksempel: %s", "Example: %s"},
	"core.err.repeated":            {"%s= står to ganger; skriv den én gang.", "%s= is given twice; give it once."},
	"core.err.quote":               {"Et anførselstegn mangler slutten: %s", "A quote is not closed: %s"},
	"store.notfound.gathering":     {"Fant ingen samling med nummer %d.", "No gathering with number %d."},
	"store.notfound.interest":      {"Fant ingen registrering med nummer %d.", "No registration with number %d."},
	"store.notfound.question":      {"Fant ikke spørsmål #%d. Se /kulturbot spørsmål.", "No question #%d. See /kulturbot spørsmål."},
	"store.notfound.answer":        {"Fant ikke svar #%d.", "No answer #%d."},
	"store.notfound.municipality":  {"Ukjent kommune: %s", "Unknown municipality: %s"},
	"store.missing.question":       {"Spørsmålet er tomt.", "The question is empty."},
	"store.missing.answer":         {"Svaret mangler. Eksempel: /kulturbot svar 12 Ja, det går fint.", "The answer is missing. Example: /kulturbot svar 12 Yes, that is fine."},
	"store.missing.municipalities": {"Minst én kommune trengs.", "At least one municipality is needed."},
	"store.answered":               {"Spørsmål #%d er allerede besvart (%s).", "Question #%d was already answered (%s)."},
	"core.err.argstoolong":         {"Teksten er for lang (over %d tegn).", "The text is too long (over %d characters)."},
	"core.yes":                     {"ja", "yes"},
	"core.no":                      {"nei", "no"},
	"core.answer.ja":               {"ja", "yes"},
	"core.answer.nei":              {"nei", "no"},
	"core.answer.kanskje":          {"kanskje", "maybe"},
	"core.national":                {"nasjonal", "national"},
	"core.you":                     {"deg", "you"},
	"core.someone":                 {"(slettet bruker)", "(deleted user)"},
	"core.submit":                  {"Lagre", "Save"},
	"core.err.unknownarg":          {"Jeg kjenner ikke argumentet «%s» her.", "I don't know the argument “%s” here."},
	"core.err.extra":               {"Jeg forsto ikke «%s».", "I didn't understand “%s”."},
	"core.err.quotehint":           {"Har verdien mellomrom? Sett den i anførselstegn: %s=\"%s\".", "Does the value have a space? Put it in quotes: %s=\"%s\"."},
	"core.err.date":                {"%s=%s er ikke en gyldig dato. Skriv den som 2025-02-06 eller 6.2.2025.", "%s=%s is not a valid date. Write it as 2025-02-06 or 6.2.2025."},
	"core.err.range":               {"%s må være et helt tall fra %d til %d (du skrev «%s»).", "%s must be a whole number from %d to %d (you wrote “%s”)."},
	"core.err.badname":             {"«%s» ser ikke ut som et kommunenavn (bare bokstaver, mellomrom og bindestrek, høyst 80 tegn).", "“%s” does not look like a municipality name (letters, spaces and hyphens only, at most 80 characters)."},
	"core.err.nomunicipality":      {"Hvilken kommune gjelder det? Legg til kommune=<navn>, eller sett din egen kommune én gang med /kulturbot kommune <navn>.", "Which municipality is it for? Add kommune=<name>, or set your own municipality once with /kulturbot kommune <name>."},
	"core.err.missing":             {"%s= mangler.", "%s= is missing."},
	"core.err.toolong":             {"%s er for lang (høyst %d tegn).", "%s is too long (at most %d characters)."},
	"core.err.id":                  {"«%s» er ikke et nummer. Bruk nummeret fra listen, som 3 eller #3.", "“%s” is not a number. Use the number from the list, like 3 or #3."},

	// The municipality register.
	"kommune.err.unknown":        {"Fant ingen kommune som heter «%s» i kommuneregisteret. Ingenting er lagret.", "There is no municipality called “%s” in the register. Nothing was stored."},
	"kommune.err.near":           {"Fant ingen kommune som heter «%s». Mente du %s? Ingenting er lagret ennå: trykk på riktig navn, eller skriv det på nytt.", "There is no municipality called “%s”. Did you mean %s? Nothing was stored yet: click the right name, or type it again."},
	"kommune.err.ambiguous":      {"Det finnes flere kommuner som heter «%s»: %s. Hvilken mener du? Ingenting er lagret ennå: trykk på riktig, eller skriv for eksempel «Herøy (Nordland)» eller kommunenummeret.", "More than one municipality is called “%s”: %s. Which one do you mean? Nothing was stored yet: click the right one, or write e.g. “Herøy (Nordland)” or the municipality number."},
	"guest.ok":                   {"✅ %s kan nå svare på samling #%d %s, selv om kommunen ikke er med i region %s. Den svarer med %s", "✅ %s may now answer gathering #%d %s, although it is not in the region %s. It answers with %s"},
	"guest.err.national":         {"Samling #%d %s er nasjonal: alle kommuner kan svare på den allerede.", "Gathering #%d %s is national: every municipality may answer it already."},
	"guest.err.inregion":         {"%s er med i region %s og kan svare på samling #%d allerede.", "%s is in the region %s and may answer gathering #%d already."},
	"guest.err.already":          {"%s er gjest på samling #%d %s allerede.", "%s is a guest of gathering #%d %s already."},
	"gathering.attendees.guests": {"Gjester (utenfor regionen)", "Guests (outside the region)"},
	"rsvp.list.otherregion":      {"For kommunene i region %s – %s kan ikke svare her (en admin kan legge den til som gjest).", "For the municipalities of the region %s – %s cannot answer here (an admin can add it as a guest)."},
	"kommune.or":                 {"eller", "or"},
	"kommune.merge.usage":        {"Skriv navnet utenfor registeret først, så kommunen det skal slås sammen med (se kulturbot kommuner sjekk).", "Give the name outside the register first, then the municipality to merge it into (see kulturbot kommuner sjekk)."},
	"kommune.merge.inregister":   {"«%s» er en kommune i registeret; bare navn utenfor registeret (fra før registeret kom) kan slås sammen med en annen.", "“%s” is a municipality in the register; only names outside it (from before the register) can be merged into another."},
	"kommune.merge.notfound":     {"Fant ikke «%s» blant navnene utenfor registeret. Se listen med kulturbot kommuner sjekk.", "“%s” is not among the names outside the register. See the list with kulturbot kommuner sjekk."},
	"kommune.merge.ok":           {"«%s» er slått sammen med %s (%s). Flyttet: svar/historikk/interesse/veiledning/region/profiler = %s. Sammenslåingen er lagret med hvem og når.", "“%s” is merged into %s (%s). Moved: answers/history/interest/mentoring/region/profiles = %s. The merge is recorded with who and when."},
	"kommune.merge.dropped":      {"Der begge hadde noe: %s", "Where both had something: %s"},
	"interest.err.wrongcounty":   {"%s ligger i %s, ikke i %s. Meld den under fylke=%[2]s, eller ta den ut av listen. Ingenting er lagret.", "%s is in %s, not in %s. Register it under fylke=%[2]s, or leave it out of the list. Nothing was stored."},
	"rsvp.err.region":            {"%s hører ikke til region %s, og samling #%d %s er for den regionens kommuner. Svaret er ikke lagret. (En admin kan slippe kommunen inn som gjest: /samling gjest %[3]d kommune=%[1]s)", "%s is not in the region %s, and gathering #%d %s is for that region's municipalities. The answer was not stored. (An admin can let the municipality in as a guest: /samling gjest %[3]d kommune=%[1]s)"},

	// /interesse
	"interest.form.title":          {"Meld interesse", "Register interest"},
	"interest.form.text":           {"Fyll ut skjemaet, eller skriv alt på én linje: %s", "Fill in the form, or write it on one line: %s"},
	"interest.form.county":         {"Fylke", "County"},
	"interest.form.municipalities": {"Kommuner", "Municipalities"},
	"interest.form.contact":        {"Kontaktperson", "Contact person"},
	"interest.form.comment":        {"Kommentar", "Comment"},
	"interest.err.nocounty":        {"Fylke mangler: hvilket fylke melder dere interesse for?", "County is missing: which county are you registering for?"},
	"interest.err.county":          {"«%s» er ikke et av fylkene. Velg ett av: %s.", "“%s” is not one of the counties. Choose one of: %s."},
	"interest.err.nomunicipality":  {"Minst én kommune må være med (kommuner=\"Bodø, Fauske, Saltdal\").", "At least one municipality is needed (kommuner=\"Bodø, Fauske, Saltdal\")."},
	"interest.ok.title":            {"Interesse registrert (#%d)", "Interest registered (#%d)"},
	"interest.ok":                  {"Lagret for *%s*: %s.", "Stored for *%s*: %s."},
	"interest.ok.context":          {"Registrert %s. Se alle med /interesse liste.", "Registered %s. See all with /interesse liste."},
	"interest.warn.few":            {"⚠️ Bare %s er med. En region er tre eller flere kommuner, så dere trenger flere (fra eget eller nabofylke) – registreringen er likevel lagret.", "⚠️ Only %s included. A region is three or more municipalities, so you need more (from your own or a neighbouring county) – the registration is stored anyway."},
	"interest.warn.late":           {"⏰ Fristen var %s, så registreringen er merket som sen. Arbeidsgruppen ser den og tar kontakt.", "⏰ The deadline was %s, so the registration is marked late. The working group will see it and get in touch."},
	"interest.withdraw.button":     {"Trekk #%d", "Withdraw #%d"},
	"interest.list.title":          {"Interesseregistreringer", "Interest registrations"},
	"interest.list.empty":          {"Ingen registreringer ennå. Registrer med: %s", "No registrations yet. Register with: %s"},
	"interest.list.allwithdrawn":   {"Ingen gjeldende registreringer: %s er trukket. Se dem med /interesse liste alle.", "No current registrations: %s withdrawn. See them with /interesse liste alle."},
	"interest.list.registered":     {"registrert %s av %s", "registered %s by %s"},
	"interest.list.late":           {"⏰ sen", "⏰ late"},
	"interest.list.withdrawn":      {"trukket %s", "withdrawn %s"},
	"interest.list.context":        {"%s, %s. Endre med /interesse endre <nummer>, trekk med /interesse trekk <nummer>.", "%s, %s. Change one with /interesse endre <number>, withdraw with /interesse trekk <number>."},
	"interest.err.noid":            {"Hvilken registrering vil du trekke? Skriv nummeret fra /interesse liste.", "Which registration do you want to withdraw? Give its number from /interesse liste."},
	"interest.err.notfound":        {"Fant ingen registrering #%d. Se /interesse liste.", "No registration #%d. See /interesse liste."},
	"interest.err.notowner":        {"Registrering #%d ble gjort av noen andre; du kan bare trekke dine egne. Be den som registrerte, eller arbeidsgruppen, om å trekke den.", "Registration #%d was made by someone else; you can only withdraw your own. Ask whoever registered it, or the working group."},
	"interest.err.withdrawn":       {"Registrering #%d ble allerede trukket %s.", "Registration #%d was already withdrawn on %s."},
	"interest.err.noidchange":      {"Hvilken registrering vil du endre? Skriv nummeret fra /interesse liste.", "Which registration do you want to change? Give its number from /interesse liste."},
	"interest.err.nochange":        {"Ingenting å endre: oppgi fylke=, kommuner=, kontakt= eller kommentar=.", "Nothing to change: give fylke=, kommuner=, kontakt= or kommentar=."},
	"interest.changed":             {"✅ Registrering #%d er endret: *%s*: %s.", "✅ Registration #%d changed: *%s*: %s."},
	"interest.withdrawn":           {"Registrering #%d (%s: %s) er trukket.", "Registration #%d (%s: %s) is withdrawn."},

	// /rsvp
	"rsvp.err.noid":          {"Hvilken samling svarer du på? Skriv nummeret fra /rsvp.", "Which gathering are you answering? Give its number from /rsvp."},
	"rsvp.err.noanswer":      {"Svar mangler: ja, nei eller kanskje.", "The answer is missing: ja, nei or kanskje."},
	"rsvp.err.answer":        {"Svaret må være ja, nei eller kanskje (du skrev «%s»).", "The answer must be ja, nei or kanskje (yes, no or maybe; you wrote “%s”)."},
	"rsvp.err.overnight":     {"overnatting må være ja, nei eller antall personer som trenger seng (du skrev «%s»).", "overnatting must be ja, nei or the number of people who need a bed (you wrote “%s”)."},
	"rsvp.err.notfound":      {"Fant ingen samling #%d. Skriv /rsvp for å se kommende samlinger.", "No gathering #%d. Type /rsvp to see upcoming gatherings."},
	"gathering.err.notfound": {"Fant ingen samling #%d. Se alle med /samling liste alle.", "No gathering #%d. See them all with /samling liste alle."},
	"rsvp.closed.cancelled":  {"Samling #%d %s er avlyst, så den tar ikke imot svar.", "Gathering #%d %s is cancelled, so it takes no answers."},
	"rsvp.closed.past":       {"Samling #%d %s var %s – den er allerede i gang eller over, så den tar ikke imot svar.", "Gathering #%d %s was on %s – it has started or is over, so it takes no answers."},
	"rsvp.closed.deadline":   {"Svarfristen for samling #%d %s var %s, så den tar ikke imot svar lenger. Kontakt arbeidsgruppen hvis dere likevel vil komme.", "The answer deadline for gathering #%d %s was %s, so it no longer takes answers. Contact the working group if you still want to come."},
	"rsvp.ok":                {"✅ Lagret: *%s* svarer *%s* på samling #%d %s, %s i %s.", "✅ Stored: *%s* answers *%s* to gathering #%d %s, %s in %s."},
	"rsvp.people.one":        {"%d person", "%d person"},
	"rsvp.people.many":       {"%d personer", "%d people"},
	"rsvp.overnight":         {"overnatting: %s", "overnight: %s"},
	"rsvp.replaced":          {"Det erstatter forrige svar (%s).", "This replaces the previous answer (%s)."},
	"rsvp.form.title":        {"Svar på samling #%d", "Answer gathering #%d"},
	"rsvp.form.text":         {"Svar på %s – eller skriv: %s", "Answer %s – or type: %s"},
	"rsvp.form.answer":       {"Svar", "Answer"},
	"rsvp.form.count":        {"Antall personer (1–50)", "Number of people (1–50)"},
	"rsvp.form.municipality": {"Kommune", "Municipality"},
	"rsvp.form.overnight":    {"Overnatting", "Overnight stay"},
	"rsvp.list.title":        {"Kommende samlinger", "Upcoming gatherings"},
	"rsvp.list.empty":        {"Ingen kommende samlinger er lagt inn ennå.", "No upcoming gatherings yet."},
	"rsvp.list.deadline":     {"Svarfrist: %s", "Answer by: %s"},
	"rsvp.list.current":      {"%s har svart: %s", "%s answered: %s"},
	"rsvp.list.none":         {"%s har ikke svart ennå", "%s has not answered yet"},
	"rsvp.list.closed":       {"🔒 Tar ikke imot svar lenger.", "🔒 No longer takes answers."},
	"rsvp.list.tip":          {"Knappene svarer for kommunen din: sett den først med /kulturbot kommune <navn>, eller skriv %s", "The buttons answer for your municipality: set it first with /kulturbot kommune <name>, or type %s"},
	"rsvp.list.for":          {"Knappene svarer for %s. Antall og overnatting: /rsvp <nummer> ja 4 overnatting=ja", "The buttons answer for %s. Headcount and overnight stay: /rsvp <number> ja 4 overnatting=ja"},

	// /veiledning
	"mentoring.usage":             {"Logg veiledning: %s\nSe logget veiledning: %s\nRett eller slett: /veiledning endre 5 minutter=60 · /veiledning slett 5", "Log mentoring: %s\nList mentoring: %s\nCorrect or delete: /veiledning endre 5 minutter=60 · /veiledning slett 5"},
	"mentoring.err.verb":          {"Ukjent valg «%s»: bruk logg, liste, endre eller slett.", "Unknown choice “%s”: use logg, liste, endre or slett."},
	"mentoring.form.title":        {"Logg veiledning", "Log mentoring"},
	"mentoring.form.text":         {"Fyll ut skjemaet, eller skriv: %s", "Fill in the form, or type: %s"},
	"mentoring.form.municipality": {"Kommune", "Municipality"},
	"mentoring.form.date":         {"Dato", "Date"},
	"mentoring.form.minutes":      {"Minutter (1–600)", "Minutes (1–600)"},
	"mentoring.form.topic":        {"Tema", "Topic"},
	"mentoring.form.note":         {"Notat", "Note"},
	"mentoring.err.future":        {"Datoen %s er i fremtiden: logg veiledning som er gjennomført, i dag eller tidligere.", "The date %s is in the future: log mentoring that has taken place, today or earlier."},
	"mentoring.ok":                {"✅ Veiledning #%d logget: *%s*, %s, %d minutter – «%s».", "✅ Mentoring #%d logged: *%s*, %s, %d minutes – “%s”."},
	"mentoring.list.title":        {"Veiledning", "Mentoring"},
	"mentoring.list.titlefor":     {"Veiledning – %s", "Mentoring – %s"},
	"mentoring.list.unknown":      {"Ingen veiledning er logget for «%s» (kommunen er ukjent for boten).", "No mentoring logged for “%s” (the bot does not know that municipality)."},
	"mentoring.list.empty":        {"Ingen veiledning logget ennå. Logg med: %s", "No mentoring logged yet. Log with: %s"},
	"mentoring.list.context":      {"%s, %s i alt, %s.", "%s, %s in all, %s."},

	// /region
	"region.usage":        {"Ny region: %s\nSe regionene: /region liste\nEndre: /region endre Salten kommuner=\"…\" · Slett: /region slett Salten", "New region: %s\nList regions: /region liste\nChange: /region endre Salten kommuner=\"…\" · Delete: /region slett Salten"},
	"region.err.verb":     {"Ukjent valg «%s»: bruk ny, liste, endre eller slett.", "Unknown choice “%s”: use ny, liste, endre or slett."},
	"region.err.reserved": {"«%s» er reservert for nasjonale samlinger; velg et annet navn.", "“%s” is reserved for national gatherings; choose another name."},
	"region.err.toofew":   {"En region er tre eller flere kommuner (programmets egen definisjon), men du oppga %d ulike.", "A region is three or more municipalities (the programme's own definition), but you gave %d different ones."},
	"region.err.inregion": {"%s er allerede med i regionen «%s». En kommune kan bare være med i én region om gangen.", "%s is already in the region “%s”. A municipality can be in one region at a time."},
	"region.err.exists":   {"Regionen «%s» finnes allerede. Se /region liste.", "The region “%s” already exists. See /region liste."},
	"region.ok":           {"✅ Region *%s* opprettet med %d kommuner: %s.", "✅ Region *%s* created with %d municipalities: %s."},
	"region.list.title":   {"Regioner", "Regions"},
	"region.list.empty":   {"Ingen regioner ennå. Opprett med: %s", "No regions yet. Create one with: %s"},
	"region.list.created": {"opprettet %s", "created %s"},
	"region.list.context": {"%s.", "%s."},

	// /samling
	"gathering.usage":                 {"Ny samling: %s\nSe samlingene: /samling liste (alle: /samling liste alle)\nDeltakere: /samling deltakere 3 · Endre: /samling endre 3 dato=… sted=… frist=… navn=…\nAvlys: /samling avlys 3 · Angre avlysning: /samling gjenåpne 3", "New gathering: %s\nList: /samling liste (all: /samling liste alle)\nAttendees: /samling deltakere 3 · Change: /samling endre 3 dato=… sted=… frist=… navn=…\nCancel: /samling avlys 3 · Undo a cancellation: /samling gjenåpne 3"},
	"gathering.err.verb":              {"Ukjent valg «%s»: bruk ny, liste, deltakere, endre, avlys eller gjenåpne.", "Unknown choice “%s”: use ny, liste, deltakere, endre, avlys or gjenåpne."},
	"gathering.err.noid":              {"Hvilken samling? Skriv nummeret fra /samling liste.", "Which gathering? Give its number from /samling liste."},
	"gathering.err.past":              {"Datoen %s er passert; en ny samling må være i dag eller senere.", "The date %s has passed; a new gathering must be today or later."},
	"gathering.err.region":            {"Ukjent region «%s». Velg en av: %s (opprett nye med /region ny).", "Unknown region “%s”. Choose one of: %s (create new ones with /region ny)."},
	"gathering.err.deadlineafter":     {"Svarfristen %s må være før samlingen (%s).", "The answer deadline %s must be before the gathering (%s)."},
	"gathering.err.deadlinepast":      {"Svarfristen %s er allerede passert.", "The answer deadline %s has already passed."},
	"gathering.err.cancelled":         {"Samling #%d %s er allerede avlyst.", "Gathering #%d %s is already cancelled."},
	"gathering.ok":                    {"✅ Samling opprettet: *%s*", "✅ Gathering created: *%s*"},
	"gathering.nodeadline":            {"Ingen svarfrist: svar tas imot til samlingsdagen.", "No answer deadline: answers are taken until the day of the gathering."},
	"gathering.ok.next":               {"Kommunene svarer med /rsvp %d ja|nei|kanskje.", "Municipalities answer with /rsvp %d ja|nei|kanskje."},
	"gathering.list.title":            {"Samlinger", "Gatherings"},
	"gathering.list.empty":            {"Ingen samlinger. Opprett med: %s", "No gatherings. Create one with: %s"},
	"gathering.list.context":          {"Kommende samlinger, også avlyste. Tidligere: /samling liste alle", "Upcoming gatherings, cancelled ones included. Earlier ones: /samling liste alle"},
	"gathering.cancelled.mark":        {"❌ AVLYST", "❌ CANCELLED"},
	"gathering.attendees.button":      {"Deltakere", "Attendees"},
	"gathering.totals.maybeovernight": {"(+%d kanskje)", "(+%d maybe)"},
	"gathering.totals":                {"Ja: %s (%s) · Kanskje: %d (%s) · Nei: %d · Overnatting: %s", "Yes: %s (%s) · Maybe: %d (%s) · No: %d · Overnight: %s"},
	"gathering.totals.missing":        {"Ikke svart: %d", "Not answered: %d"},
	"gathering.attendees.title":       {"Deltakere: #%d %s", "Attendees: #%d %s"},
	"gathering.cancelled.line":        {"❌ Avlyst %s.", "❌ Cancelled %s."},
	"gathering.attendees.none":        {"Ingen har svart ennå.", "Nobody has answered yet."},
	"gathering.attendees.answered":    {"(svart %s)", "(answered %s)"},
	"gathering.attendees.missing":     {"Ikke svart (regionens kommuner)", "Not answered (the region's municipalities)"},
	"gathering.attendees.allanswered": {"alle har svart", "everyone has answered"},
	"gathering.attendees.context":     {"Per %s. Eksport: /kulturbot eksport rsvp", "As of %s. Export: /kulturbot eksport rsvp"},
	"gathering.cancelled":             {"❌ Avlyst: *%s*. Nye svar blir avvist.", "❌ Cancelled: *%s*. New answers are refused."},
	"gathering.cancelled.answered":    {"%s hadde svart (se /samling deltakere).", "%s had answered (see /samling deltakere)."},

	// /kulturbot
	"admin.err.unknownsub":       {"Ukjent valg «%s» for /kulturbot.", "Unknown choice “%s” for /kulturbot."},
	"admin.err.forbidden":        {"%s er bare for arbeidsgruppen (administratorer).", "%s is for the working group (admins) only."},
	"admin.help.title":           {"Kulturboten – kommandoer", "Kulturbot – commands"},
	"admin.help.intro":           {"Jeg svarer på spørsmål om Fremtidens kulturskole og tar imot påmeldinger. Skriv argumentene som ord og navn=verdi (navn=\"med mellomrom\"); kommandoer uten argumenter åpner et skjema der det passer.", "I answer questions about Fremtidens kulturskole and take registrations. Give arguments as words and name=value (name=\"with spaces\"); commands without arguments open a form where that makes sense."},
	"admin.help.context":         {"Datoer skrives 2025-02-06 eller 6.2.2025. Samlinger har nummer: 3 eller #3.", "Dates as 2025-02-06 or 6.2.2025. Gatherings have numbers: 3 or #3."},
	"admin.municipality.current": {"Din kommune er *%s*. Bytt med: %s", "Your municipality is *%s*. Change it with: %s"},
	"admin.municipality.none":    {"Du har ikke satt kommunen din ennå.", "You have not set your municipality yet."},
	"admin.municipality.ok":      {"✅ Din kommune er nå *%s*. Du kan droppe kommune= i /rsvp og /veiledning.", "✅ Your municipality is now *%s*. You can leave out kommune= in /rsvp and /veiledning."},
	"admin.mydata.title":         {"Dine data", "Your data"},
	"admin.mydata.empty":         {"Boten har ingenting lagret om deg (%s).", "The bot holds nothing about you (%s)."},
	"admin.mydata.intro":         {"Dette har boten lagret om deg (%s) – alt står i den vedlagte JSON-fila:", "This is what the bot holds about you (%s) – everything is in the attached JSON file:"},
	"admin.mydata.profile":       {"profil: egen kommune %s", "profile: own municipality %s"},
	"admin.mydata.context":       {"Vi lagrer hvem som skrev hva for å kunne følge opp programmet. /kulturbot slett-meg fjerner navnet ditt, bruker-id-en din og hvor og hvordan du kan nås; det kommunene trenger blir liggende uten deg.", "We store who wrote what to follow up the programme. /kulturbot slett-meg removes your name, your user id and where and how to reach you; what the municipalities need stays, without you."},
	"admin.forget.button":        {"Slett meg", "Delete me"},
	"admin.forget.ask":           {"Vil du slette personopplysningene dine? Profilen din slettes. Navnet ditt, bruker-id-en din, kanalen og tråden du spurte i og kontaktinfo og kommentarer i interessemeldinger du sendte fjernes overalt. Det du registrerte for en kommune blir liggende uten å peke på deg. Dette kan ikke angres.", "Delete your personal data? Your profile is deleted. Your name, your user id, the channel and thread you asked in, and the contact and comments in interest registrations you sent are removed everywhere. What you registered for a municipality stays without pointing to you. This cannot be undone."},
	"admin.forget.confirm":       {"Ja, slett meg", "Yes, delete me"},
	"admin.forget.done": {"✅ Ferdig. Profilen din er slettet, og %s peker ikke lenger på deg: navn, bruker-id, kanal og tråd der du spurte, og kontaktinfo og kommentar i interessemeldinger du sendte, er fjernet.\n*Dette blir liggende, uten deg, fordi programmet trenger det:* kommunenes svar på samlinger (antall og overnatting – kommunen er påmeldt, ikke du), interessemeldingene (fylke og kommuner), veiledningsloggene (kommune, dato, tema og notat – de handler om kommunen) og spørsmålene med svar (teksten, uten hvem som spurte eller hvor). Slettede verdier overskrives i databasefilen.",
		"✅ Done. Your profile is deleted, and %s no longer point to you: your name, user id, the channel and thread you asked in, and the contact and comment in interest registrations you sent are removed.\n*Kept, without you, because the programme needs it:* the municipalities' answers to gatherings (headcount and overnight stay – the municipality is signed up, not you), interest registrations (county and municipalities), mentoring logs (municipality, date, topic and note – they are about the municipality) and questions with their answers (the text, without who asked or where). Deleted values are overwritten in the database file."},
	"admin.forget.cancelled": {"Greit, ingenting er slettet.", "Fine, nothing was deleted."},
	"admin.export.missing":   {"Hva vil du eksportere? Velg rsvp, interesse eller veiledning.", "What do you want to export? Choose rsvp, interesse or veiledning."},
	"admin.export.unknown":   {"«%s» kan ikke eksporteres. Velg rsvp, interesse eller veiledning.", "“%s” cannot be exported. Choose rsvp, interesse or veiledning."},
	"admin.export.ok":        {"Eksport av %s: %s i %s (åpnes i Excel).", "Export of %s: %s in %s (opens in Excel)."},
}
