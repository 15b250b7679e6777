package slack

import (
	"encoding/json"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// SlashCommands are the slash commands of the routes (bot.Route
// metadata; routes without a description are not commands), in the
// router's order: the description in bokmål and English, and a usage hint
// with every verb ("liste | trekk <id>").
func SlashCommands(routes []*bot.Route) []ManifestCommand {
	var out []ManifestCommand
	for _, rt := range routes {
		if !rt.Listed() {
			continue
		}
		c := ManifestCommand{Command: "/" + rt.Name, Description: rt.Desc.NB}
		if both := rt.Desc.NB + " / " + rt.Desc.EN; rt.Desc.EN != "" && len(both) <= maxHint {
			c.Description = both
		}
		// Slack shows at most 100 characters: every verb with all its
		// options when that fits, else with the required ones, else the
		// verb words alone.
		hint := func(optional, words bool) []string {
			var h []string
			for _, p := range rt.Params {
				h = append(h, "<"+p.Name+">")
			}
			for i := range rt.Verbs {
				v := &rt.Verbs[i]
				switch {
				case v.Button:
				case words && !v.Bare:
					h = append(h, v.Name)
				case !words:
					if u := v.Usage(optional); u != "" {
						h = append(h, u)
					}
				}
			}
			return h
		}
		var short []string
		for _, h := range [][]string{hint(true, false), hint(false, false), hint(false, true)} {
			short = h
			if c.UsageHint = strings.Join(h, " | "); len(c.UsageHint) <= maxHint {
				break
			}
		}
		// Every verb without the spaces around "|" beats some verbs cut off.
		if len(c.UsageHint) > maxHint && len(strings.Join(short, "|")) <= maxHint {
			c.UsageHint = strings.Join(short, "|")
		}
		// Still too long: the working group's verbs give way first (the hint
		// is shown to everyone; /kulturbot hjelp lists them for admins).
		if len(c.UsageHint) > maxHint {
			var open []string
			for i := range rt.Verbs {
				if v := &rt.Verbs[i]; !v.Admin && !v.Button && !v.Bare {
					open = append(open, v.Name)
				}
			}
			if len(open) > 0 && len(open) < len(short) {
				kept := append([]string(nil), open...)
				for i := range rt.Verbs {
					v := &rt.Verbs[i]
					if !v.Admin || v.Button || v.Bare {
						continue
					}
					if len(strings.Join(append(kept, v.Name), "|")+"|…") > maxHint {
						break
					}
					kept = append(kept, v.Name)
				}
				short = kept
				c.UsageHint = strings.Join(kept, "|") + "|…"
			}
		}
		for len(c.UsageHint) > maxHint && len(short) > 1 {
			short = short[:len(short)-1]
			c.UsageHint = strings.Join(short, " | ") + " | …"
		}
		out = append(out, c)
	}
	return out
}

// maxHint is Slack's limit on a command's description and usage hint
// (counted in bytes here, to be safe with æøå).
const maxHint = 100

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

// NewManifest builds the app manifest with the slash commands of routes.
// With host == "" the app uses Socket Mode; otherwise every request URL is
// host + "/slack/events" (HTTP mode).
func NewManifest(host string, routes []*bot.Route) Manifest {
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
	for _, c := range SlashCommands(routes) {
		c.URL = url
		m.Features.SlashCommands = append(m.Features.SlashCommands, c)
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
