package slack

import (
	"encoding/json"
	"strings"
)

// Command is one slash command of the app.
type Command struct {
	Name        string // with slash: "/rsvp"
	Description string
	UsageHint   string
}

// Commands are kulturbot's slash commands (PRODUCT.md), in the order Slack
// lists them.
var Commands = []Command{
	{"/faq", "Spør om Fremtidens kulturskole / Ask about the programme", "[spørsmål / question]"},
	{"/interesse", "Meld interesse for kommunene i fylket / Register interest", `fylke=<fylke> kommuner="a, b, c" | liste | trekk <id>`},
	{"/rsvp", "Svar på en samling / Answer a gathering", "[<id> ja|nei|kanskje [antall] [kommune=..] [overnatting=ja|nei]]"},
	{"/veiledning", "Logg og se veiledning / Log and list mentoring", "logg kommune=.. dato=.. minutter=.. tema=.. | liste"},
	{"/region", "Regioner (arbeidsgruppen) / Regions (admins)", `ny navn=<navn> kommuner="a, b, c" | liste`},
	{"/samling", "Samlinger (arbeidsgruppen) / Gatherings (admins)", `ny navn=.. dato=.. sted=.. | liste | deltakere|endre|avlys|gjenåpne <id>`},
	{"/kulturbot", "Hjelp, egne data og verktøy / Help, your data, tools", "hjelp | kommune <navn> | mine-data | slett-meg | eksport .."},
}

// BotScopes are the OAuth scopes the bot token needs.
var BotScopes = []string{
	"commands", "chat:write", "chat:write.public", "app_mentions:read",
	"im:history", "im:read", "im:write", "users:read", "files:write", "files:read",
}

// BotEvents are the Events API events the bot subscribes to.
var BotEvents = []string{"app_mention", "message.im"}

// Manifest is a Slack app manifest (https://docs.slack.dev/reference/app-manifest).
type Manifest struct {
	DisplayInformation struct {
		Name            string `json:"name"`
		Description     string `json:"description"`
		LongDescription string `json:"long_description,omitempty"`
		BackgroundColor string `json:"background_color"`
	} `json:"display_information"`
	Features struct {
		AppHome struct {
			HomeTabEnabled             bool `json:"home_tab_enabled"`
			MessagesTabEnabled         bool `json:"messages_tab_enabled"`
			MessagesTabReadOnlyEnabled bool `json:"messages_tab_read_only_enabled"`
		} `json:"app_home"`
		BotUser struct {
			DisplayName  string `json:"display_name"`
			AlwaysOnline bool   `json:"always_online"`
		} `json:"bot_user"`
		SlashCommands []ManifestCommand `json:"slash_commands"`
	} `json:"features"`
	OAuthConfig struct {
		Scopes struct {
			Bot []string `json:"bot"`
		} `json:"scopes"`
	} `json:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			RequestURL string   `json:"request_url,omitempty"`
			BotEvents  []string `json:"bot_events"`
		} `json:"event_subscriptions"`
		Interactivity struct {
			IsEnabled             bool   `json:"is_enabled"`
			RequestURL            string `json:"request_url,omitempty"`
			MessageMenuOptionsURL string `json:"message_menu_options_url,omitempty"`
		} `json:"interactivity"`
		OrgDeployEnabled     bool `json:"org_deploy_enabled"`
		SocketModeEnabled    bool `json:"socket_mode_enabled"`
		TokenRotationEnabled bool `json:"token_rotation_enabled"`
	} `json:"settings"`
}

// ManifestCommand is a slash command in a manifest.
type ManifestCommand struct {
	Command      string `json:"command"`
	URL          string `json:"url,omitempty"`
	Description  string `json:"description"`
	UsageHint    string `json:"usage_hint,omitempty"`
	ShouldEscape bool   `json:"should_escape"`
}

// NewManifest builds the app manifest. With host == "" the app uses Socket
// Mode; otherwise every request URL is host + "/slack/events" (HTTP mode).
func NewManifest(host string) Manifest {
	var m Manifest
	m.DisplayInformation.Name = "kulturbot"
	m.DisplayInformation.Description = "Fremtidens kulturskole: FAQ, påmelding, samlinger og veiledning"
	m.DisplayInformation.LongDescription = "kulturbot hjelper fylkesavdelinger, kommunegrupper, veiledere og arbeidsgruppen i Fremtidens kulturskole " +
		"(Norsk kulturskoleråd): spør om programmet med /faq, @kulturbot eller i en direktemelding, meld interesse med /interesse, " +
		"svar på samlinger med /rsvp og logg veiledning med /veiledning. Arbeidsgruppen lager regioner og samlinger, ser deltakerlister " +
		"og får en ukentlig oppsummering."
	m.DisplayInformation.BackgroundColor = "#2c2d72"
	m.Features.AppHome.MessagesTabEnabled = true
	m.Features.BotUser.DisplayName = "kulturbot"
	m.Features.BotUser.AlwaysOnline = true
	url := ""
	if host != "" {
		url = strings.TrimRight(host, "/") + "/slack/events"
	}
	for _, c := range Commands {
		m.Features.SlashCommands = append(m.Features.SlashCommands, ManifestCommand{
			Command: c.Name, URL: url, Description: c.Description, UsageHint: c.UsageHint,
		})
	}
	m.OAuthConfig.Scopes.Bot = append([]string(nil), BotScopes...)
	m.Settings.EventSubscriptions.BotEvents = append([]string(nil), BotEvents...)
	m.Settings.EventSubscriptions.RequestURL = url
	m.Settings.Interactivity.IsEnabled = true
	m.Settings.Interactivity.RequestURL = url
	m.Settings.Interactivity.MessageMenuOptionsURL = url
	m.Settings.SocketModeEnabled = host == ""
	return m
}

// JSON renders the manifest as indented JSON, ready to paste into
// "Create an app → From a manifest".
func (m Manifest) JSON() []byte {
	b, _ := json.MarshalIndent(m, "", "  ")
	return append(b, '\n')
}
