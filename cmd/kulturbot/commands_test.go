package main

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/discord"
	"github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/handlers"
)

var update = flag.Bool("update", false, "rewrite the README's command table")

// readmeDay dates the examples of the README's command table, so the
// generated table does not change from one day to the next.
var readmeDay = time.Date(2027, 1, 4, 12, 0, 0, 0, bot.Oslo)

// surfaces are what people see of the commands, each built from routes.
type surfaces struct {
	manifest slack.Manifest
	tree     []*discordgo.ApplicationCommand
	help     []string
}

func build(routes []*bot.Route) surfaces {
	return surfaces{
		manifest: slack.NewManifest("", routes),
		tree:     discord.Commands(routes),
		help:     handlers.HelpLines(routes, bot.NB, true, readmeDay),
	}
}

// agree checks that the Slack manifest, the Discord tree and the help all
// show every command and verb of routes, with the same options.
func agree(t *testing.T, routes []*bot.Route, s surfaces) {
	t.Helper()
	for _, rt := range routes {
		if !rt.Listed() {
			continue
		}
		i := slices.IndexFunc(s.manifest.Features.SlashCommands, func(c slack.ManifestCommand) bool { return c.Command == "/"+rt.Name })
		if i < 0 {
			t.Errorf("/%s: not in the Slack manifest", rt.Name)
			continue
		}
		hint := s.manifest.Features.SlashCommands[i].UsageHint
		j := slices.IndexFunc(s.tree, func(c *discordgo.ApplicationCommand) bool { return c.Name == rt.Name })
		if j < 0 {
			t.Errorf("/%s: not in the Discord tree", rt.Name)
			continue
		}
		cmd := s.tree[j]
		if len(rt.Verbs) == 0 && !slices.ContainsFunc(s.help, func(l string) bool { return strings.HasPrefix(l, rt.Example+" – ") }) {
			t.Errorf("/%s: not in the help", rt.Name)
		}
		for _, v := range rt.Verbs {
			if !slices.ContainsFunc(s.help, func(l string) bool { return strings.HasPrefix(l, v.ExampleAt(readmeDay)+" – ") }) {
				t.Errorf("/%s %s: example %q not in the help", rt.Name, v.Name, v.Example)
			}
			if v.Button {
				continue
			}
			// Slack's hint is 100 characters: the working group's verbs may
			// give way (the hint then ends in "…"); everyone else's may not.
			if !v.Bare && !strings.Contains(hint, v.Name) && !(v.Admin && strings.HasSuffix(hint, "…")) {
				t.Errorf("/%s %s: not in the Slack usage hint %q", rt.Name, v.Name, hint)
			}
			k := slices.IndexFunc(cmd.Options, func(o *discordgo.ApplicationCommandOption) bool { return o.Name == v.Name })
			if k < 0 {
				t.Errorf("/%s %s: not a Discord subcommand", rt.Name, v.Name)
				continue
			}
			sub := cmd.Options[k]
			if len(sub.Options) != len(v.Params) {
				t.Errorf("/%s %s: %d Discord options for %d params", rt.Name, v.Name, len(sub.Options), len(v.Params))
				continue
			}
			for n, p := range v.Params {
				if o := sub.Options[n]; o.Name != p.Name || o.Required != p.Required || o.Autocomplete != (p.Suggest != "") || len(o.Choices) != len(p.Choices) {
					t.Errorf("/%s %s: Discord option %d is %+v, param %+v", rt.Name, v.Name, n, o, p)
				}
			}
		}
	}
}

// TestCommandsFromRoutes: the Slack manifest, the Discord command tree and
// /kulturbot hjelp are built from the same routes and agree; a verb added
// to a route (the one edit in handlers/commands.go) shows up in all three.
func TestCommandsFromRoutes(t *testing.T) {
	t.Parallel()
	routes := commandRoutes()
	agree(t, routes, build(routes))

	// One edit: a new verb on /samling.
	var edited []*bot.Route
	for _, rt := range routes {
		c := *rt
		if c.Name == "samling" {
			c.Verbs = append(slices.Clone(c.Verbs), bot.Verb{
				Name: "kopier", EN: "copy", Desc: bot.W("Lag en ny samling som en kopi", "Create a new gathering as a copy"),
				Example: "/samling kopier 3", Pos: []string{"id"},
				Params: []bot.Param{{Name: "id", Type: bot.ParamInt, Required: true, Min: 1, Suggest: "samling", Desc: bot.W("Samlingens nummer", "The gathering's number")}},
			})
		}
		edited = append(edited, &c)
	}
	s := build(edited)
	agree(t, edited, s)
	if !slices.ContainsFunc(s.help, func(l string) bool {
		return strings.HasPrefix(l, "/samling kopier 3 – lag en ny samling som en kopi")
	}) {
		t.Errorf("new verb not in the help: %q", s.help)
	}
	if !strings.Contains(string(s.manifest.JSON()), "kopier") {
		t.Error("new verb not in the Slack manifest")
	}
	if !strings.Contains(commandTable(edited), "`/samling kopier 3`") {
		t.Error("new verb not in the README table")
	}
	if got, want := len(build(routes).tree), len(s.tree); got != want {
		t.Errorf("the edit changed the number of commands: %d, %d", got, want)
	}
}

const (
	tableBegin = "<!-- commands: generated from handlers/commands.go by `go test ./cmd/kulturbot -run Readme -update` -->\n"
	tableEnd   = "<!-- /commands -->\n"
)

// commandTable is the README's table of chat commands: one row per verb
// (per command without verbs), with its example and what it does.
func commandTable(routes []*bot.Route) string {
	var b strings.Builder
	b.WriteString("| command | what it does |\n|---|---|\n")
	row := func(example string, desc bot.Words, admin bool) {
		d := desc.EN
		if admin {
			d = "admin: " + d
		}
		b.WriteString("| `" + bot.ExpandDates(example, readmeDay) + "` | " + strings.ReplaceAll(d, "|", `\|`) + " |\n")
	}
	for _, rt := range routes {
		if !rt.Listed() {
			continue
		}
		if len(rt.Verbs) == 0 {
			row(rt.Example, rt.Desc, rt.Admin)
		}
		for _, v := range rt.Verbs {
			row(v.Example, v.Desc, rt.Admin || v.Admin)
		}
	}
	return b.String()
}

// TestReadmeCommandTable keeps the README's command table equal to the
// routes (-update rewrites it).
func TestReadmeCommandTable(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, tableBegin), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no generated command table (markers %q … %q)", tableBegin, tableEnd)
	}
	want := commandTable(commandRoutes())
	if got := readme[i+len(tableBegin) : j]; got != want {
		if *update {
			if err := os.WriteFile("../../README.md", []byte(readme[:i+len(tableBegin)]+want+readme[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's command table is out of date (go test ./cmd/kulturbot -run Readme -update):\n%s", want)
	}
}
