package discord

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/internal/testutil"
)

// Discord's rule for command and option names.
var nameRule = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

func checkName(t *testing.T, where, name string) {
	t.Helper()
	if !nameRule.MatchString(name) || strings.ToLower(name) != name {
		t.Errorf("%s: name %q breaks Discord's naming rule", where, name)
	}
}

func checkDesc(t *testing.T, where, d string, loc map[discordgo.Locale]string) {
	t.Helper()
	if n := utf8.RuneCountInString(d); n < 1 || n > 100 {
		t.Errorf("%s: description of %d characters", where, n)
	}
	for l, v := range loc {
		if n := utf8.RuneCountInString(v); n < 1 || n > 100 {
			t.Errorf("%s: %s description of %d characters", where, l, n)
		}
	}
}

func checkOptions(t *testing.T, where string, opts []*discordgo.ApplicationCommandOption) {
	t.Helper()
	if len(opts) > 25 {
		t.Errorf("%s: %d options", where, len(opts))
	}
	seen := map[string]bool{}
	seenLoc := map[string]bool{}
	optional := false
	for _, o := range opts {
		w := where + " " + o.Name
		checkName(t, w, o.Name)
		checkDesc(t, w, o.Description, o.DescriptionLocalizations)
		if seen[o.Name] {
			t.Errorf("%s: duplicate", w)
		}
		seen[o.Name] = true
		for l, n := range o.NameLocalizations {
			checkName(t, w+" "+string(l), n)
			if seenLoc[string(l)+n] {
				t.Errorf("%s: duplicate %s name %q", w, l, n)
			}
			seenLoc[string(l)+n] = true
		}
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			checkOptions(t, w, o.Options)
			continue
		}
		if o.Required && optional {
			t.Errorf("%s: required option after an optional one", w)
		}
		optional = optional || !o.Required
		if o.Autocomplete && len(o.Choices) > 0 {
			t.Errorf("%s: autocomplete and choices are exclusive", w)
		}
	}
}

func TestCommandsFollowDiscordRules(t *testing.T) {
	cmds := Commands(testutil.Routes())
	names := map[string]bool{}
	for _, c := range cmds {
		checkName(t, c.Name, c.Name)
		checkDesc(t, c.Name, c.Description, *c.DescriptionLocalizations)
		checkOptions(t, "/"+c.Name, c.Options)
		names[c.Name] = true
		if c.DescriptionLocalizations == nil || (*c.DescriptionLocalizations)[discordgo.EnglishUS] == "" || (*c.DescriptionLocalizations)[discordgo.EnglishGB] == "" {
			t.Errorf("/%s has no English description", c.Name)
		}
	}
	for _, want := range []string{"faq", "interesse", "rsvp", "veiledning", "region", "samling", "kulturbot"} {
		if !names[want] {
			t.Errorf("command /%s missing", want)
		}
	}
	// Typed options where the issue asks for them.
	svar := find(t, cmds, "rsvp", "svar")
	if o := opt0(svar, "svar"); len(o.Choices) != 3 || o.Choices[2].Value != "kanskje" {
		t.Errorf("rsvp svar choices %+v", o.Choices)
	}
	if o := opt0(svar, "antall"); o.Type != discordgo.ApplicationCommandOptionInteger || *o.MinValue != 1 || o.MaxValue != 50 {
		t.Errorf("antall %+v", o)
	}
	if o := opt0(svar, "overnatting"); o.Type != discordgo.ApplicationCommandOptionBoolean {
		t.Errorf("overnatting %+v", o)
	}
	if o := opt0(svar, "samling"); !o.Autocomplete {
		t.Errorf("samling is not autocompleted")
	}
	if o := opt0(find(t, cmds, "veiledning", "logg"), "minutter"); *o.MinValue != 1 || o.MaxValue != 600 {
		t.Errorf("minutter %+v", o)
	}
	if o := opt0(find(t, cmds, "kulturbot", "dokument"), "fil"); o.Type != discordgo.ApplicationCommandOptionAttachment {
		t.Errorf("fil %+v", o)
	}
}

func find(t *testing.T, cmds []*discordgo.ApplicationCommand, name, sub string) *discordgo.ApplicationCommandOption {
	t.Helper()
	for _, c := range cmds {
		if c.Name == name {
			for _, o := range c.Options {
				if o.Name == sub {
					return o
				}
			}
		}
	}
	t.Fatalf("/%s %s not found", name, sub)
	return nil
}

func opt0(sub *discordgo.ApplicationCommandOption, name string) *discordgo.ApplicationCommandOption {
	for _, o := range sub.Options {
		if o.Name == name {
			return o
		}
	}
	return &discordgo.ApplicationCommandOption{}
}

func TestRegisterCommandsByBulkOverwrite(t *testing.T) {
	// Guild-scoped with a known application id.
	h := newHarness(t, func(o *Options) { o.GuildID = "g-55" })
	got, err := h.ad.RegisterCommands(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(Commands(testutil.Routes())) || got[0].ID == "" {
		t.Fatalf("registered %d commands: %+v", len(got), got)
	}
	puts := h.fd.find(http.MethodPut, "/api/v9/applications/999/guilds/g-55/commands")
	if len(puts) != 1 || puts[0].Auth != "Bot test-token" {
		t.Fatalf("guild overwrite calls %+v", puts)
	}
	// Global, with the application id looked up from the token.
	h = newHarness(t, func(o *Options) { o.AppID = ""; o.Token = "Bot t2" })
	if _, err := h.ad.RegisterCommands(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fd.find(http.MethodPut, "/api/v9/applications/999/commands")); n != 1 {
		t.Fatalf("%d global overwrites; calls %+v", n, h.fd.calls)
	}
	// No token and no id: a clear error, no request.
	h = newHarness(t, func(o *Options) { o.AppID = ""; o.Token = "" })
	if _, err := h.ad.RegisterCommands(context.Background()); err == nil || !strings.Contains(err.Error(), "DISCORD_APP_ID") {
		t.Fatalf("err %v", err)
	}
}
