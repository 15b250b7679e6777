package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/store"
)

// The working group's corrections through the real Slack and Discord
// adapters (signed requests, the real clients against local fakes): each
// works, is refused for members where it is admin-only, tells the people
// who answered in a private message, and leaves history with the platform
// and who did it. The console path is in TestDataAcceptance.

// changeLog is every recorded correction as "entity key action by platform".
func changeLog(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	for _, ent := range []string{store.EntityGathering, store.EntityRSVP, store.EntityRegion, store.EntityMentoring} {
		cs, err := db.Changes(context.Background(), ent, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.At.IsZero() {
				t.Errorf("change without a time: %+v", c)
			}
			out = append(out, c.Entity+" "+c.Key+" "+c.Action+" "+c.ChangedBy+" "+c.Platform)
		}
	}
	return out
}

func TestCorrectionsThroughSlack(t *testing.T) {
	e := newSlackE2E(t, false)
	e.seed() // region Salten (Bodø, Fauske, Saltdal), gathering #1 with a deadline
	ok := func(user, cmd, text string, wants ...string) string {
		t.Helper()
		out := e.slash(user, cmd, text)
		if strings.Contains(out, ":warning:") || strings.Contains(out, ":no_entry") {
			t.Fatalf("%s %s %s: %s", user, cmd, text, out)
		}
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("%s %s: reply lacks %q: %s", cmd, text, w, out)
			}
		}
		return out
	}
	refused := func(user, cmd, text, want string) {
		t.Helper()
		before := fingerprint(t, e.app.DB)
		out := e.slash(user, cmd, text)
		if !strings.Contains(out, want) {
			t.Errorf("%s %s %s: want a refusal with %q, got %s", user, cmd, text, want, out)
		}
		if after := fingerprint(t, e.app.DB); after != before {
			t.Errorf("%s %s: refused but wrote", cmd, text)
		}
	}
	// dms waits for n private messages and returns the text of each DM
	// by user (the Slack poster opens the DM channel first).
	dms := func(n int) map[string]string {
		t.Helper()
		out := map[string]string{}
		for _, c := range e.slack.Wait(t, "chat.postMessage", n)[n-2:] {
			// slacktest opens the DM of U1 as channel D1.
			out["U"+strings.TrimPrefix(c.Get("channel"), "D")] += c.Get("text")
		}
		return out
	}
	ok("U1", "/rsvp", "1 ja 2 kommune=Bodø")
	ok("U2", "/rsvp", "1 nei kommune=Fauske")

	refused("U1", "/samling", "endre 1 sted=Fauske", "arbeidsgruppen")
	ok("UADMIN", "/samling", `endre 1 sted="Fauske kulturhus" dato=`+ty+`-02-05`, "Endret", "Fauske kulturhus", "2 personer som har svart")
	m := dms(2)
	if !strings.Contains(m["U1"], "er endret") || !strings.Contains(m["U2"], "Fauske kulturhus") {
		t.Fatalf("change notices: %v", m)
	}

	// avlys asks first; the button confirms.
	ask := ok("UADMIN", "/samling", "avlys 1", "Vil du avlyse")
	if !strings.Contains(ask, "/samling avlys 1 --bekreft") {
		t.Fatalf("no confirm button: %s", ask)
	}
	if g, _ := e.app.DB.Gathering(context.Background(), 1); g.Cancelled() {
		t.Fatal("asking cancelled")
	}
	code, _ := e.interact(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "UADMIN", "name": "admin"},
		"channel": map[string]any{"id": "C0GEN"}, "trigger_id": "trig-x", "response_url": e.slack.ResponseURL("avlys"),
		"container": map[string]any{"type": "message", "message_ts": "1700000000.000002", "channel_id": "C0GEN", "is_ephemeral": true},
		"actions":   []map[string]any{{"type": "button", "block_id": "kb_0", "action_id": "kb_btn_0", "value": "/samling avlys 1 --bekreft"}},
	})
	if code != 200 {
		t.Fatalf("click status %d", code)
	}
	m = dms(4)
	if g, _ := e.app.DB.Gathering(context.Background(), 1); !g.Cancelled() || g.Sequence != 2 {
		t.Fatalf("after the confirm click: %+v", g)
	}
	if !strings.Contains(m["U1"], "avlyst") || !strings.Contains(m["U2"], "avlyst") {
		t.Fatalf("cancel notices: %v", m)
	}
	refused("U1", "/samling", "gjenåpne 1", "arbeidsgruppen")
	ok("UADMIN", "/samling", "gjenåpne 1", "Gjenåpnet")
	dms(6)

	refused("U1", "/rsvp", "1 slett kommune=Fauske", "arbeidsgruppen")
	ok("UADMIN", "/rsvp", "1 slett kommune=Fauske", "Slettet svaret fra *Fauske*")

	refused("U1", "/region", `endre Salten kommuner="Bodø, Fauske, Saltdal, Steigen"`, "arbeidsgruppen")
	ok("UADMIN", "/region", `endre Salten kommuner="Bodø, Fauske, Saltdal, Steigen"`, "Steigen")
	ok("UADMIN", "/region", `ny navn=Tom kommuner="Alta, Hammerfest, Kautokeino"`)
	refused("UADMIN", "/region", "slett Salten", "har samlinger")
	refused("U1", "/region", "slett Tom", "arbeidsgruppen")
	ok("UADMIN", "/region", "slett Tom", "slettet")

	ok("U1", "/veiledning", `logg kommune=Bodø dato="i går" minutter=90 tema=Oppstart`)
	refused("U2", "/veiledning", "endre 1 minutter=45", "dine egne")
	ok("U1", "/veiledning", "endre 1 minutter=45", "45 min")
	refused("U2", "/veiledning", "slett 1", "dine egne")
	ok("UADMIN", "/veiledning", "slett 1", "slettet")

	want := []string{
		"gathering 1 change slack:UADMIN slack", "gathering 1 cancel slack:UADMIN slack", "gathering 1 reopen slack:UADMIN slack",
		"rsvp 1/2 delete slack:UADMIN slack",
		"region 1 change slack:UADMIN slack", "region 2 delete slack:UADMIN slack",
		"mentoring 1 change slack:U1 slack", "mentoring 1 delete slack:UADMIN slack",
	}
	got := changeLog(t, e.app.DB)
	if len(got) != len(want) {
		t.Fatalf("history:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		// The RSVP key holds the municipality's row id, which the register decides.
		if strings.HasPrefix(want[i], "rsvp ") {
			if !strings.HasPrefix(got[i], "rsvp 1/") || !strings.HasSuffix(got[i], " delete slack:UADMIN slack") {
				t.Errorf("history[%d] = %q", i, got[i])
			}
			continue
		}
		if got[i] != want[i] {
			t.Errorf("history[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestCorrectionsThroughDiscord(t *testing.T) {
	e := newDiscordE2E(t)
	io := func(n string, v int) string { return `{"name":"` + n + `","type":4,"value":` + strconv.Itoa(v) + `}` }
	bo := func(n string, v bool) string {
		return `{"name":"` + n + `","type":5,"value":` + strconv.FormatBool(v) + `}`
	}
	ok := func(user, name, sub string, wants []string, opts ...string) string {
		t.Helper()
		resp := e.command(user, name, sub, opts...)
		got := text(resp)
		if strings.Contains(got, "⚠️") || strings.Contains(got, "⛔") || got == "" {
			t.Fatalf("%s /%s %s: %s", user, name, sub, got)
		}
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("/%s %s: reply lacks %q: %s", name, sub, w, got)
			}
		}
		return got
	}
	refused := func(user, name, sub, want string, opts ...string) {
		t.Helper()
		before := fingerprint(t, e.app.DB)
		if got := text(e.command(user, name, sub, opts...)); !strings.Contains(got, want) {
			t.Errorf("%s /%s %s: want a refusal with %q, got %s", user, name, sub, want, got)
		}
		if after := fingerprint(t, e.app.DB); after != before {
			t.Errorf("/%s %s: refused but wrote", name, sub)
		}
	}
	dm := func(user string, n int) string {
		t.Helper()
		e.app.Router.Wait()
		e.rest.mu.Lock()
		defer e.rest.mu.Unlock()
		ps := e.rest.posts[user]
		if len(ps) != n {
			t.Fatalf("%d DMs to %s, want %d: %v", len(ps), user, n, ps)
		}
		b, _ := json.Marshal(ps[n-1])
		return string(b)
	}
	ok("42", "region", "ny", nil, so("navn", "Salten"), so("kommuner", "Bodø, Fauske, Saltdal"))
	ok("42", "samling", "ny", nil, so("navn", "Oppstart"), so("dato", ty+"-02-04"), so("sted", "Bodø"), so("region", "Salten"), so("frist", ty+"-01-20"))
	ok("7", "rsvp", "svar", nil, so("samling", "1"), so("svar", "ja"), io("antall", 3), so("kommune", "Bodø"), bo("overnatting", true), io("overnatting-antall", 2))
	if rs, _ := e.app.DB.RSVPs(context.Background(), 1); len(rs) != 1 || rs[0].Beds() != 2 {
		t.Fatalf("typed overnight count: %+v", rs)
	}

	refused("7", "samling", "endre", "arbeidsgruppen", io("id", 1), so("sted", "Fauske"))
	ok("42", "samling", "endre", []string{"Fauske", "Endret"}, io("id", 1), so("sted", "Fauske"))
	if n := dm("7", 1); !strings.Contains(n, "er endret") {
		t.Errorf("change DM: %s", n)
	}
	ok("42", "samling", "avlys", []string{"Vil du avlyse"}, io("id", 1))
	// The confirm button, clicked.
	code, resp := e.send("6001", 3, "42", `{"component_type":2,"custom_id":"/samling avlys 1 --bekreft"}`)
	if code != 200 || resp == nil {
		t.Fatalf("click: %d %v", code, resp)
	}
	if g, _ := e.app.DB.Gathering(context.Background(), 1); !g.Cancelled() {
		t.Fatalf("not cancelled by the click: %v", resp)
	}
	if n := dm("7", 2); !strings.Contains(n, "avlyst") {
		t.Errorf("cancel DM: %s", n)
	}
	refused("7", "samling", "gjenåpne", "arbeidsgruppen", io("id", 1))
	ok("42", "samling", "gjenåpne", []string{"Gjenåpnet"}, io("id", 1))
	dm("7", 3)
	// Typed confirm: cancel without asking, then reopen again.
	ok("42", "samling", "avlys", []string{"Avlyst"}, io("id", 1), bo("bekreft", true))
	ok("42", "samling", "gjenåpne", []string{"Gjenåpnet"}, io("id", 1))

	refused("7", "rsvp", "slett", "arbeidsgruppen", so("samling", "1"), so("kommune", "Bodø"))
	ok("42", "rsvp", "slett", []string{"Slettet svaret fra **Bodø**"}, so("samling", "1"), so("kommune", "Bodø"))

	refused("7", "region", "endre", "arbeidsgruppen", so("navn", "Salten"), so("kommuner", "Bodø, Fauske, Saltdal, Steigen"))
	ok("42", "region", "endre", []string{"Steigen"}, so("navn", "Salten"), so("kommuner", "Bodø, Fauske, Saltdal, Steigen"))
	ok("42", "region", "ny", nil, so("navn", "Tom"), so("kommuner", "Alta, Hammerfest, Kautokeino"))
	refused("42", "region", "slett", "har samlinger", so("navn", "Salten"))
	ok("42", "region", "slett", []string{"slettet"}, so("navn", "Tom"))

	ok("7", "veiledning", "logg", nil, so("kommune", "Bodø"), so("dato", "i går"), io("minutter", 60), so("tema", "Oppstart"))
	refused("8", "veiledning", "endre", "dine egne", io("id", 1), io("minutter", 45))
	ok("7", "veiledning", "endre", []string{"45 min"}, io("id", 1), io("minutter", 45))
	refused("8", "veiledning", "slett", "dine egne", io("id", 1))
	ok("42", "veiledning", "slett", []string{"slettet"}, io("id", 1))

	got := changeLog(t, e.app.DB)
	want := []string{"gathering 1 change discord:42 discord", "gathering 1 cancel discord:42 discord", "gathering 1 reopen discord:42 discord",
		"gathering 1 cancel discord:42 discord", "gathering 1 reopen discord:42 discord",
		"rsvp", "region 1 change discord:42 discord", "region 2 delete discord:42 discord",
		"mentoring 1 change discord:7 discord", "mentoring 1 delete discord:42 discord"}
	if len(got) != len(want) {
		t.Fatalf("history:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("history[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
