package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// adminCommands is every command (or subcommand) that only the working
// group may run, as typed.
var adminCommands = []struct{ cmd, text string }{
	{"region", `ny navn=Nordkysten kommuner="Steigen, Hamarøy, Lødingen"`},
	{"region", "liste"},
	{"region", `endre Salten kommuner="Bodø, Fauske, Saltdal, Steigen"`},
	{"region", "slett Salten"},
	{"rsvp", "1 slett kommune=Bodø"},
	{"rsvp", "slett 1 kommune=Bodø"},
	{"region", ""},
	{"samling", `ny navn="Ekstra" dato=` + ty + `-03-01 sted="Bodø" region=nasjonal`},
	{"samling", "liste"},
	{"samling", "deltakere 1"},
	{"samling", "avlys 1"},
	{"samling", "avlys 1 --bekreft"},
	{"samling", "endre 1 sted=Oslo"},
	{"samling", "gjenåpne 1"},
	{"gathering", "list"},
	{"kulturbot", "spørsmål"},
	{"kulturbot", "sporsmal"},
	{"kulturbot", "svar 1 Ja, det kan dere."},
	{"kulturbot", "digest"},
	{"kulturbot", "eksport rsvp"},
	{"kulturbot", "dokument"},
}

// forbiddenText is how a refusal must read: it names who may do it.
var forbiddenText = regexp.MustCompile(`(?i)arbeidsgruppen|working group`)

// authzApp is the real App with a region, a gathering and one open
// question, made by an admin.
func authzApp(t *testing.T) *App {
	t.Helper()
	a := newTestApp(t, &Config{RateLimit: 0, Retention: time.Hour, InterestDeadline: "15.09"})
	ctx := context.Background()
	admin := bot.User{ID: "console", Admin: true}
	for _, line := range [][2]string{
		{"region", `ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`},
		{"samling", `ny navn="Oppstart" dato=` + ty + `-02-04 sted="Bodø" region=Salten`},
	} {
		if rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Console, User: admin, Command: line[0], Text: line[1]}); rep.Error != nil {
			t.Fatalf("seed /%s %s: %s", line[0], line[1], rep.Text)
		}
	}
	if _, err := a.DB.Writer().ExecContext(ctx, `INSERT INTO questions (question, lang, asked_by, platform, created_at)
		VALUES ('Kan vi ta med elever?', 'nb', 'slack:U9', 'slack', '2025-01-01T10:00:00.000000Z')`); err != nil {
		t.Fatal(err)
	}
	return a
}

// fingerprint sums up everything an admin command could change.
func fingerprint(t *testing.T, db *store.DB) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		`SELECT COUNT(*) FROM regions`,
		`SELECT COUNT(*) FROM region_municipalities`,
		`SELECT COUNT(*) FROM gatherings`,
		`SELECT COUNT(*) FROM gatherings WHERE cancelled_at IS NOT NULL`,
		`SELECT COUNT(*) FROM questions WHERE answered_at IS NOT NULL`,
		`SELECT COUNT(*) FROM municipalities`,
	} {
		var n int
		if err := db.Reader().QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		parts = append(parts, strconv.Itoa(n))
	}
	return strings.Join(parts, ",")
}

// TestAdminCommandsRefusedForNonAdmins runs every admin command through
// the router as a non-admin on each platform's identity, in both
// languages: each is refused with a message that says who may do it, and
// nothing changes. The same commands as an admin are not refused (so the
// list is real).
func TestAdminCommandsRefusedForNonAdmins(t *testing.T) {
	t.Parallel()
	a := authzApp(t)
	ctx := context.Background()
	before := fingerprint(t, a.DB)
	for _, p := range []bot.Platform{bot.Console, bot.Slack, bot.Discord} {
		for _, lang := range []bot.Lang{bot.NB, bot.EN} {
			for _, c := range adminCommands {
				req := &bot.Request{Platform: p, User: bot.User{ID: "U-member", Name: "Kari"}, Command: c.cmd, Text: c.text, Lang: lang, Channel: "C1"}
				rep := a.Router.Handle(ctx, req)
				if rep.Error == nil || rep.Error.Code != bot.EForbidden {
					t.Errorf("%s %s: /%s %s by a non-admin: got %+v, want forbidden", p, lang, c.cmd, c.text, rep.Error)
					continue
				}
				if !rep.Private || !forbiddenText.MatchString(rep.Text) {
					t.Errorf("%s %s: /%s %s: refusal %q (private %v) does not say who may do it", p, lang, c.cmd, c.text, rep.Text, rep.Private)
				}
				if lang == bot.EN && !strings.Contains(rep.Text, "working group") {
					t.Errorf("%s: English refusal in bokmål: %q", p, rep.Text)
				}
			}
		}
	}
	if after := fingerprint(t, a.DB); after != before {
		t.Fatalf("refused commands changed data: %s -> %s", before, after)
	}
	// A clicked button runs the same check (a member cannot cancel by
	// clicking an admin's button).
	rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Slack, User: bot.User{ID: "U-member"}, Command: "samling", Text: "avlys 1 bekreft", Clicked: true})
	if rep.Error == nil || rep.Error.Code != bot.EForbidden {
		t.Fatalf("clicked admin button: %+v", rep.Error)
	}
	// Help for a member does not advertise admin subcommands.
	help := a.Router.Handle(ctx, &bot.Request{Platform: bot.Slack, User: bot.User{ID: "U-member"}, Command: "kulturbot", Text: "hjelp"})
	if strings.Contains(help.Text, "/kulturbot svar") || strings.Contains(help.Text, "/kulturbot eksport") {
		t.Errorf("member help lists admin subcommands:\n%s", help.Text)
	}
	// Positive control: an admin on each platform is not refused.
	for _, p := range []bot.Platform{bot.Console, bot.Slack, bot.Discord} {
		for _, c := range adminCommands {
			rep := a.Router.Handle(ctx, &bot.Request{Platform: p, User: bot.User{ID: "U-admin", Admin: true}, Command: c.cmd, Text: c.text, Channel: "C1"})
			if rep.Error != nil && rep.Error.Code == bot.EForbidden {
				t.Errorf("%s: /%s %s refused for an admin: %s", p, c.cmd, c.text, rep.Text)
			}
		}
	}
}

// TestUsersCannotTouchOthersRecords: an interest registration can be
// withdrawn or changed by the person who made it (same platform, same id)
// and by admins — nobody else, not even the same user id on another
// platform.
func TestUsersCannotTouchOthersRecords(t *testing.T) {
	t.Parallel()
	a := authzApp(t)
	ctx := context.Background()
	owner := bot.User{ID: "U1", Name: "Kari"}
	rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Slack, User: owner, Command: "interesse",
		Text: `fylke=Nordland kommuner="Bodø, Fauske, Saltdal" kontakt="Kari Nordmann"`})
	if rep.Error != nil {
		t.Fatalf("register: %s", rep.Text)
	}
	is, err := a.DB.Interests(ctx, store.InterestFilter{})
	if err != nil || len(is) != 1 {
		t.Fatalf("interests: %v %v", is, err)
	}
	id := strconv.FormatInt(is[0].ID, 10)
	others := []struct {
		p bot.Platform
		u bot.User
	}{
		{bot.Slack, bot.User{ID: "U2", Name: "Ola"}},
		{bot.Discord, bot.User{ID: "U1", Name: "Kari på Discord"}}, // same id, other platform: another person
		{bot.Console, bot.User{ID: "someone"}},
	}
	for _, o := range others {
		for _, text := range []string{"trekk " + id, "endre " + id + ` kommuner="Bodø, Fauske, Saltdal, Steigen"`} {
			rep := a.Router.Handle(ctx, &bot.Request{Platform: o.p, User: o.u, Command: "interesse", Text: text})
			if rep.Error == nil || rep.Error.Code != bot.EForbidden {
				t.Errorf("%s:%s /interesse %s: got %+v, want forbidden", o.p, o.u.ID, text, rep.Error)
			} else if !strings.Contains(rep.Text, "#"+id) {
				t.Errorf("refusal does not name the registration: %q", rep.Text)
			}
		}
	}
	in, err := a.DB.Interest(ctx, is[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if in.Withdrawn() || len(in.Municipalities) != 3 {
		t.Fatalf("another user changed the registration: %+v", in)
	}
	// The owner and an admin may.
	if rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Slack, User: owner, Command: "interesse", Text: "endre " + id + ` kommuner="Bodø, Fauske, Saltdal, Steigen"`}); rep.Error != nil {
		t.Fatalf("owner change: %s", rep.Text)
	}
	if rep := a.Router.Handle(ctx, &bot.Request{Platform: bot.Discord, User: bot.User{ID: "42", Admin: true}, Command: "interesse", Text: "trekk " + id}); rep.Error != nil {
		t.Fatalf("admin withdraw: %s", rep.Text)
	}
	if in, _ := a.DB.Interest(ctx, is[0].ID); !in.Withdrawn() {
		t.Fatal("admin withdrawal not stored")
	}
}

// TestAdminRefusedThroughSlack sends the admin commands as signed Slack
// slash commands from a member (KULTURBOT_ADMINS names only slack:UADMIN):
// the real adapter decides who is admin, and each is refused.
func TestAdminRefusedThroughSlack(t *testing.T) {
	t.Parallel()
	e := newSlackE2E(t, false)
	e.seed()
	before := fingerprint(t, e.app.DB)
	for _, c := range adminCommands {
		body := e.slash("UMEMBER", "/"+c.cmd, c.text)
		if !forbiddenText.MatchString(body) || !strings.Contains(body, "ephemeral") {
			t.Errorf("Slack /%s %s by a member: %s", c.cmd, c.text, body)
		}
	}
	if after := fingerprint(t, e.app.DB); after != before {
		t.Fatalf("refused Slack commands changed data: %s -> %s", before, after)
	}
	if body := e.slash("UADMIN", "/region", "liste"); forbiddenText.MatchString(body) && strings.Contains(body, ":warning:") {
		t.Fatalf("Slack admin refused: %s", body)
	}
}

// TestAdminRefusedThroughDiscord does the same through the signed Discord
// interactions endpoint (KULTURBOT_ADMINS names only discord:42).
func TestAdminRefusedThroughDiscord(t *testing.T) {
	t.Parallel()
	e := newDiscordE2E(t)
	so := func(n, v string) string { return `{"name":"` + n + `","type":3,"value":` + strconv.Quote(v) + `}` }
	io := func(n string, v int) string { return `{"name":"` + n + `","type":4,"value":` + strconv.Itoa(v) + `}` }
	if got := text(e.command("42", "region", "ny", so("navn", "Salten"), so("kommuner", "Bodø, Fauske, Saltdal"))); !strings.Contains(got, "Salten") {
		t.Fatalf("admin /region ny: %s", got)
	}
	if got := text(e.command("42", "samling", "ny", so("navn", "Oppstart"), so("dato", ty+"-02-04"), so("sted", "Bodø"), so("region", "Salten"))); !strings.Contains(got, "Oppstart") {
		t.Fatalf("admin /samling ny: %s", got)
	}
	before := fingerprint(t, e.app.DB)
	cases := []struct {
		name, sub string
		opts      []string
	}{
		{"region", "ny", []string{so("navn", "Nord"), so("kommuner", "Steigen, Hamarøy, Lødingen")}},
		{"region", "liste", nil},
		{"samling", "ny", []string{so("navn", "X"), so("dato", ty+"-03-01"), so("sted", "Bodø")}},
		{"samling", "liste", nil},
		{"samling", "deltakere", []string{io("id", 1)}},
		{"samling", "avlys", []string{io("id", 1)}},
		{"samling", "avlys", []string{io("id", 1), `{"name":"bekreft","type":5,"value":true}`}},
		{"samling", "endre", []string{io("id", 1), so("sted", "Oslo")}},
		{"samling", "gjenåpne", []string{io("id", 1)}},
		{"kulturbot", "spørsmål", nil},
		{"kulturbot", "svar", []string{io("id", 1), so("tekst", "Ja.")}},
		{"kulturbot", "digest", nil},
		{"kulturbot", "eksport", []string{so("type", "rsvp")}},
	}
	for _, c := range cases {
		resp := e.command("7", c.name, c.sub, c.opts...)
		got := text(resp)
		d, _ := resp["data"].(map[string]any)
		flags, _ := d["flags"].(float64)
		if !forbiddenText.MatchString(got) || int(flags)&64 == 0 {
			t.Errorf("Discord /%s %s by a member: %q (flags %v)", c.name, c.sub, got, flags)
		}
	}
	if after := fingerprint(t, e.app.DB); after != before {
		t.Fatalf("refused Discord commands changed data: %s -> %s", before, after)
	}
}
