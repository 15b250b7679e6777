package discord

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// English client locales get the English names and descriptions; everyone
// else sees the Norwegian ones (Discord has no bokmål locale besides "no").
var enLocales = []discordgo.Locale{discordgo.EnglishUS, discordgo.EnglishGB}

func loc(en string) map[discordgo.Locale]string {
	if en == "" {
		return nil
	}
	m := map[discordgo.Locale]string{}
	for _, l := range enLocales {
		m[l] = en
	}
	return m
}

func locp(en string) *map[discordgo.Locale]string {
	m := loc(en)
	if m == nil {
		return nil
	}
	return &m
}

// opt builds an option: name/description in Norwegian, then English.
func opt(t discordgo.ApplicationCommandOptionType, name, nameEN, desc, descEN string, required bool) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Type: t, Name: name, Description: desc, Required: required,
		DescriptionLocalizations: loc(descEN),
	}
	if nameEN != name {
		o.NameLocalizations = loc(nameEN)
	}
	return o
}

func str(name, nameEN, desc, descEN string, required bool) *discordgo.ApplicationCommandOption {
	o := opt(discordgo.ApplicationCommandOptionString, name, nameEN, desc, descEN, required)
	o.MaxLength = 1000
	return o
}

func auto(o *discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	o.Autocomplete = true
	return o
}

func integer(name, nameEN, desc, descEN string, required bool, min, max int) *discordgo.ApplicationCommandOption {
	o := opt(discordgo.ApplicationCommandOptionInteger, name, nameEN, desc, descEN, required)
	lo := float64(min)
	o.MinValue = &lo
	if max > 0 {
		o.MaxValue = float64(max)
	}
	return o
}

func boolean(name, nameEN, desc, descEN string) *discordgo.ApplicationCommandOption {
	return opt(discordgo.ApplicationCommandOptionBoolean, name, nameEN, desc, descEN, false)
}

func choices(o *discordgo.ApplicationCommandOption, cs ...[2]string) *discordgo.ApplicationCommandOption {
	for _, c := range cs {
		o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c[0], Value: c[0], NameLocalizations: loc(c[1])})
	}
	return o
}

func sub(name, nameEN, desc, descEN string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	o := opt(discordgo.ApplicationCommandOptionSubCommand, name, nameEN, desc, descEN, false)
	o.Options = opts
	return o
}

func command(name, nameEN, desc, descEN string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
	c := &discordgo.ApplicationCommand{
		Type: discordgo.ChatApplicationCommand, Name: name, Description: desc,
		DescriptionLocalizations: locp(descEN), Options: opts,
	}
	if nameEN != name {
		c.NameLocalizations = locp(nameEN)
	}
	return c
}

// Commands returns kulturbot's application commands. Option names are the
// argument keys the handlers read (samling=, svar=, kommune=, ...), so an
// interaction translates into a request without a mapping table. Options
// that a form can ask for are optional: a command used without them opens
// the modal instead.
func Commands() []*discordgo.ApplicationCommand {
	kommune := func(required bool) *discordgo.ApplicationCommandOption {
		return auto(str("kommune", "municipality", "Kommunen (velg fra listen eller skriv navnet)", "The municipality (pick from the list or type its name)", required))
	}
	kommuner := func(required bool) *discordgo.ApplicationCommandOption {
		return auto(str("kommuner", "municipalities", "Kommuner, skilt med komma: Bodø, Vefsn, Rana", "Municipalities, separated by commas: Bodø, Vefsn, Rana", required))
	}
	dato := func(name, nameEN, desc, descEN string, required bool) *discordgo.ApplicationCommandOption {
		o := str(name, nameEN, desc, descEN, required)
		o.MaxLength = 10
		return o
	}
	samlingID := func() *discordgo.ApplicationCommandOption {
		// Integer ids still autocomplete: the list shows "#3 Name – date".
		return auto(integer("id", "id", "Samlingens nummer (#3)", "The gathering's number (#3)", true, 1, 0))
	}
	return []*discordgo.ApplicationCommand{
		command("faq", "faq", "Spør om Fremtidens kulturskole", "Ask about Fremtidens kulturskole",
			str("spørsmål", "question", "Spørsmålet ditt", "Your question", true)),
		command("interesse", "interest", "Meld interesse for regionprogrammet på vegne av kommuner", "Register interest in the regional programme for municipalities",
			sub("ny", "new", "Meld interesse (uten valg åpnes et skjema)", "Register interest (without options a form opens)",
				auto(str("fylke", "county", "Fylket", "The county", false)),
				kommuner(false),
				str("kontakt", "contact", "Kontaktperson (navn, e-post)", "Contact person (name, e-mail)", false),
				str("kommentar", "comment", "Kommentar", "Comment", false)),
			sub("liste", "list", "Vis registrerte interesser", "Show registered interest"),
			sub("trekk", "withdraw", "Trekk en registrering", "Withdraw a registration",
				integer("id", "id", "Registreringens nummer", "The registration's number", true, 1, 0))),
		command("rsvp", "rsvp", "Svar på samlinger", "Answer invitations to gatherings",
			sub("liste", "list", "Kommende samlinger med svarknapper", "Upcoming gatherings with answer buttons"),
			sub("svar", "answer", "Svar for en kommune (uten svar åpnes et skjema)", "Answer for a municipality (without an answer a form opens)",
				auto(str("samling", "gathering", "Samlingen", "The gathering", true)),
				choices(str("svar", "response", "Kommer dere?", "Are you coming?", false),
					[2]string{"ja", "yes"}, [2]string{"nei", "no"}, [2]string{"kanskje", "maybe"}),
				integer("antall", "count", "Hvor mange kommer (1–50)", "How many are coming (1–50)", false, 1, 50),
				kommune(false),
				boolean("overnatting", "overnight", "Trenger dere overnatting?", "Do you need overnight accommodation?"))),
		command("veiledning", "mentoring", "Logg og vis veiledning", "Log and list mentoring",
			sub("logg", "log", "Logg veiledning (uten valg åpnes et skjema)", "Log a mentoring session (without options a form opens)",
				kommune(false),
				dato("dato", "date", "Dato: 2025-02-06 eller 6.2.2025", "Date: 2025-02-06 or 6.2.2025", false),
				integer("minutter", "minutes", "Varighet i minutter (1–600)", "Duration in minutes (1–600)", false, 1, 600),
				str("tema", "topic", "Tema", "Topic", false),
				str("notat", "note", "Notat", "Note", false)),
			sub("liste", "list", "Vis veiledning", "List mentoring sessions", kommune(false))),
		command("region", "region", "Regioner (arbeidsgruppen)", "Regions (working group)",
			sub("ny", "new", "Lag en region av tre eller flere kommuner", "Create a region of three or more municipalities",
				str("navn", "name", "Regionens navn", "The region's name", true),
				kommuner(true)),
			sub("liste", "list", "Vis regionene", "List the regions")),
		command("samling", "gathering", "Samlinger (arbeidsgruppen)", "Gatherings (working group)",
			sub("ny", "new", "Lag en samling", "Create a gathering",
				str("navn", "name", "Samlingens navn", "The gathering's name", true),
				dato("dato", "date", "Dato: 2025-02-06 eller 6.2.2025", "Date: 2025-02-06 or 6.2.2025", true),
				str("sted", "place", "Sted", "Place", true),
				auto(str("region", "region", "Region (eller nasjonal)", "Region (or nasjonal for national)", false)),
				dato("frist", "deadline", "Svarfrist: 2025-01-20 eller 20.1.2025", "RSVP deadline: 2025-01-20 or 20.1.2025", false)),
			sub("liste", "list", "Vis samlingene", "List the gatherings"),
			sub("deltakere", "attendees", "Hvem kommer til en samling", "Who is coming to a gathering", samlingID()),
			sub("endre", "change", "Endre navn, dato, sted eller svarfrist (de som har svart får beskjed)", "Change name, date, place or deadline (those who answered are told)",
				samlingID(),
				str("navn", "name", "Nytt navn", "New name", false),
				dato("dato", "date", "Ny dato: 2025-02-06, 6.2.2025 eller 6.2", "New date: 2025-02-06, 6.2.2025 or 6.2", false),
				str("sted", "place", "Nytt sted", "New place", false),
				dato("frist", "deadline", "Ny svarfrist (ingen: fjern fristen)", "New RSVP deadline (ingen: remove it)", false)),
			sub("avlys", "cancel", "Avlys en samling (de som har svart får beskjed)", "Cancel a gathering (those who answered are told)", samlingID(),
				boolean("bekreft", "confirm", "Avlys uten å spørre først", "Cancel without asking first")),
			sub("gjenåpne", "reopen", "Angre en avlysning", "Undo a cancellation", samlingID())),
		command("kulturbot", "kulturbot", "Hjelp, egne data og verktøy for arbeidsgruppen", "Help, your data and tools for the working group",
			sub("hjelp", "help", "Alle kommandoer med eksempler", "Every command with examples"),
			sub("kommune", "municipality", "Sett din egen kommune", "Set your own municipality",
				auto(str("navn", "name", "Kommunen din", "Your municipality", true))),
			sub("digest", "digest", "Forhåndsvis ukesoppsummeringen", "Preview the weekly digest"),
			sub("eksport", "export", "Eksporter CSV", "Export CSV",
				choices(str("type", "type", "Hva skal eksporteres", "What to export", true),
					[2]string{"rsvp", ""}, [2]string{"interesse", "interest"}, [2]string{"veiledning", "mentoring"})),
			sub("spørsmål", "questions", "Ubesvarte spørsmål", "Unanswered questions"),
			sub("svar", "answer", "Svar på et ubesvart spørsmål", "Answer an unanswered question",
				integer("id", "id", "Spørsmålets nummer", "The question's number", true, 1, 0),
				str("tekst", "text", "Svaret", "The answer", true),
				boolean("ikke-faq", "not-faq", "Ikke legg svaret til i FAQ-en", "Do not add the answer to the FAQ")),
			sub("mine-data", "my-data", "Se hva kulturbot har lagret om deg", "See what kulturbot stores about you"),
			sub("slett-meg", "delete-me", "Slett dine personopplysninger", "Delete your personal data"),
			sub("dokument", "document", "Last inn et dokument (PDF, Markdown, tekst)", "Load a document (PDF, Markdown, text)",
				opt(discordgo.ApplicationCommandOptionAttachment, "fil", "file", "Dokumentet", "The document", true))),
	}
}

// RegisterCommands replaces the application's commands with Commands() in
// one bulk overwrite: in DISCORD_GUILD_ID when set (visible at once),
// globally otherwise (Discord may take a while to show changes).
func (a *Adapter) RegisterCommands(ctx context.Context) ([]*discordgo.ApplicationCommand, error) {
	appID, err := a.AppID(ctx)
	if err != nil {
		return nil, err
	}
	got, err := a.session.ApplicationCommandBulkOverwrite(appID, a.opt.GuildID, Commands(), discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("register Discord commands: %w", err)
	}
	return got, nil
}
