package handlers_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// capturePoster records what the router delivers as notices.
type capturePoster struct {
	p    bot.Platform
	mu   sync.Mutex
	sent []sentNotice
}

type sentNotice struct {
	to  string
	rep bot.Reply
}

func (c *capturePoster) Platform() bot.Platform { return c.p }
func (c *capturePoster) Post(_ context.Context, to string, r bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, sentNotice{to, r})
	return nil
}

func (c *capturePoster) take() []sentNotice {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.sent
	c.sent = nil
	return out
}

// posters gives the env's router a capturing poster per platform.
func (e *env) posters() map[bot.Platform]*capturePoster {
	out := map[bot.Platform]*capturePoster{}
	e.r.Posters = bot.Posters{}
	for _, p := range []bot.Platform{bot.Slack, bot.Discord, bot.Console} {
		c := &capturePoster{p: p}
		out[p] = c
		e.r.Posters[p] = c
	}
	return out
}

// on runs a line as user on platform.
func (e *env) on(p bot.Platform, user, line string) bot.Reply {
	e.t.Helper()
	return e.run(&bot.Request{Platform: p, User: bot.User{ID: user, Name: user}}, line)
}

// obsRecorder is a GatheringObserver that writes down what it hears.
type obsRecorder struct {
	mu     sync.Mutex
	events []string
}

func (r *obsRecorder) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, s)
}

func (r *obsRecorder) Created(_ context.Context, g store.Gathering) {
	r.add("created #" + i64s(g.ID) + " seq " + i64s(int64(g.Sequence)))
}
func (r *obsRecorder) Changed(_ context.Context, b, a store.Gathering) {
	r.add("changed #" + i64s(a.ID) + " " + b.Place + "->" + a.Place + " seq " + i64s(int64(a.Sequence)))
}
func (r *obsRecorder) Cancelled(_ context.Context, g store.Gathering) {
	r.add("cancelled #" + i64s(g.ID) + " seq " + i64s(int64(g.Sequence)))
}
func (r *obsRecorder) Reopened(_ context.Context, g store.Gathering) {
	r.add("reopened #" + i64s(g.ID) + " seq " + i64s(int64(g.Sequence)))
}

func i64s(n int64) string { return strconv.FormatInt(n, 10) }

func TestGatheringChange(t *testing.T) {
	e := newEnv(t)
	rec := &obsRecorder{}
	e.h.AddGatheringObserver(rec)
	e.setup()
	ps := e.posters()
	// Kari answers on Slack, Ola on Discord (twice: he is told once).
	if rep := e.on(bot.Slack, "kari", "/rsvp 1 ja 2 kommune=Bodø"); rep.Error != nil {
		t.Fatal(rep.Text)
	}
	e.on(bot.Discord, "ola", "/rsvp 1 kanskje kommune=Fauske")
	e.on(bot.Discord, "ola", "/rsvp 1 ja kommune=Fauske")

	rep := e.ok("admin", `/samling endre 1 dato=2025-02-07 sted="Fauske hotell"`)
	e.r.Wait()
	for _, w := range []string{"Endret: *#1 Samling 1 – 7. februar 2025, Fauske hotell (Salten)*", "Dato: 6. februar 2025 → 7. februar 2025", "Sted: Bodø → Fauske hotell", "2 personer som har svart får beskjed"} {
		if !strings.Contains(rep.Text, w) {
			t.Errorf("reply lacks %q:\n%s", w, rep.Text)
		}
	}
	sl, dc := ps[bot.Slack].take(), ps[bot.Discord].take()
	if len(sl) != 1 || sl[0].to != "kari" || len(dc) != 1 || dc[0].to != "ola" {
		t.Fatalf("notices: slack %+v discord %+v", sl, dc)
	}
	n := all(sl[0].rep)
	for _, w := range []string{"Samling #1 Samling 1 er endret", "Dato: 6. februar 2025 → 7. februar 2025", "/rsvp 1"} {
		if !strings.Contains(n, w) {
			t.Errorf("notice lacks %q:\n%s", w, n)
		}
	}
	g, _ := e.db.Gathering(context.Background(), 1)
	if g.Sequence != 1 || g.Place != "Fauske hotell" || !g.Date.Equal(time.Date(2025, 2, 7, 0, 0, 0, 0, bot.Oslo)) {
		t.Errorf("stored %+v", g)
	}
	ch, _ := e.db.Changes(context.Background(), store.EntityGathering, "1")
	if len(ch) != 1 || ch[0].ChangedBy != "slack:admin" || ch[0].Detail != "dato: 2025-02-06 → 2025-02-07; sted: Bodø → Fauske hotell" || ch[0].At.IsZero() {
		t.Errorf("history %+v", ch)
	}

	t.Run("NameOnlyTellsNobody", func(t *testing.T) {
		rep := e.ok("admin", `/samling endre 1 navn="Oppstart"`)
		e.r.Wait()
		if strings.Contains(rep.Text, "beskjed") || len(ps[bot.Slack].take())+len(ps[bot.Discord].take()) != 0 {
			t.Errorf("a new name is not a change of plans: %s", rep.Text)
		}
	})
	t.Run("SameValuesChangeNothing", func(t *testing.T) {
		rep := e.ok("admin", `/samling endre 1 sted="Fauske hotell"`)
		if !strings.Contains(rep.Text, "Ingen endring") {
			t.Errorf("reply %q", rep.Text)
		}
		if g, _ := e.db.Gathering(context.Background(), 1); g.Sequence != 2 {
			t.Errorf("sequence %d, want 2", g.Sequence)
		}
	})
	t.Run("RemoveDeadline", func(t *testing.T) {
		rep := e.ok("admin", `/samling endre #1 frist=ingen`)
		if !strings.Contains(rep.Text, "Svarfrist: 20. januar 2025 → ingen") {
			t.Errorf("reply %q", rep.Text)
		}
		if g, _ := e.db.Gathering(context.Background(), 1); !g.Deadline.IsZero() {
			t.Errorf("deadline kept: %v", g.Deadline)
		}
		e.ok("admin", `/samling endre 1 frist=2025-01-25`)
	})
	e.checkBad([]badCase{
		{name: "MemberRefused", user: "kari", line: `/samling endre 1 sted=Bodø`, code: bot.EForbidden},
		{name: "Unknown", user: "admin", line: `/samling endre 42 sted=Bodø`, code: bot.ENotFound, msg: []string{"#42"}},
		{name: "NoID", user: "admin", line: `/samling endre sted=Bodø`, code: bot.EInvalid},
		{name: "Nothing", user: "admin", line: `/samling endre 1`, code: bot.EInvalid, msg: []string{"navn=, dato=, sted= eller frist="}},
		{name: "DatePast", user: "admin", line: `/samling endre 1 dato=2025-01-01`, code: bot.EInvalid, field: "dato"},
		{name: "DateBeforeDeadline", user: "admin", line: `/samling endre 1 dato=2025-01-20`, code: bot.EInvalid, field: "dato", msg: []string{"25. januar 2025 må være før samlingen (20. januar 2025)"}},
		{name: "DeadlineAfterDate", user: "admin", line: `/samling endre 1 frist=2025-03-01`, code: bot.EInvalid, field: "frist"},
		{name: "UnknownKey", user: "admin", line: `/samling endre 1 region=Ofoten`, code: bot.EInvalid},
	})
	want := []string{"created #1 seq 0", "changed #1 Bodø->Fauske hotell seq 1", "changed #1 Fauske hotell->Fauske hotell seq 2",
		"changed #1 Fauske hotell->Fauske hotell seq 3", "changed #1 Fauske hotell->Fauske hotell seq 4"}
	if strings.Join(rec.events, "\n") != strings.Join(want, "\n") {
		t.Errorf("observer heard:\n%s\nwant:\n%s", strings.Join(rec.events, "\n"), strings.Join(want, "\n"))
	}
}

func TestGatheringCancelReopen(t *testing.T) {
	e := newEnv(t)
	rec := &obsRecorder{}
	e.h.AddGatheringObserver(rec)
	e.setup()
	ps := e.posters()
	e.on(bot.Slack, "kari", "/rsvp 1 ja 2 kommune=Bodø")
	e.on(bot.Console, "per", "/rsvp 1 nei kommune=Saltdal")

	ask := e.ok("admin", "/samling avlys 1")
	e.r.Wait()
	if !strings.Contains(ask.Text, "2 kommuner har svart og får beskjed") || len(ps[bot.Slack].take()) != 0 {
		t.Fatalf("ask = %s", all(ask))
	}
	if g, _ := e.db.Gathering(context.Background(), 1); g.Cancelled() {
		t.Fatal("asking cancelled the gathering")
	}
	for _, confirm := range []string{"--bekreft"} {
		rep := e.ok("admin", "/samling avlys 1 "+confirm)
		e.r.Wait()
		if !strings.Contains(rep.Text, "Avlyst: *#1 Samling 1") || !strings.Contains(rep.Text, "/samling gjenåpne 1") {
			t.Errorf("cancel = %q", rep.Text)
		}
	}
	sl, co := ps[bot.Slack].take(), ps[bot.Console].take()
	if len(sl) != 1 || len(co) != 1 || !strings.Contains(all(sl[0].rep), "er avlyst") || co[0].to != "per" {
		t.Fatalf("cancel notices: %+v %+v", sl, co)
	}
	e.checkBad([]badCase{
		{name: "ChangeCancelled", user: "admin", line: `/samling endre 1 sted=Oslo`, code: bot.EConflict, msg: []string{"gjenåpne"}},
		{name: "CancelAgain", user: "admin", line: `/samling avlys 1 --bekreft`, code: bot.EConflict, msg: []string{"allerede avlyst"}},
		{name: "MemberReopen", user: "kari", line: `/samling gjenåpne 1`, code: bot.EForbidden},
	})
	rep := e.ok("admin", "/samling gjenapne 1")
	e.r.Wait()
	if !strings.Contains(rep.Text, "Gjenåpnet") || !strings.Contains(rep.Text, "gjelder igjen (2 kommuner)") {
		t.Errorf("reopen = %q", rep.Text)
	}
	if sl := ps[bot.Slack].take(); len(sl) != 1 || !strings.Contains(all(sl[0].rep), "gjenåpnet") {
		t.Errorf("reopen notices %+v", sl)
	}
	if r := e.on(bot.Slack, "kari", "/rsvp 1 kanskje kommune=Bodø"); r.Error != nil {
		t.Errorf("reopened gathering refuses answers: %s", r.Text)
	}
	e.checkBad([]badCase{{name: "ReopenOpen", user: "admin", line: `/samling gjenåpne 1`, code: bot.EConflict, msg: []string{"ikke avlyst"}}})
	ch, _ := e.db.Changes(context.Background(), store.EntityGathering, "1")
	if len(ch) != 2 || ch[0].Action != store.ActionCancel || ch[1].Action != store.ActionReopen {
		t.Errorf("history %+v", ch)
	}
	want := "created #1 seq 0\ncancelled #1 seq 1\nreopened #1 seq 2"
	if got := strings.Join(rec.events, "\n"); got != want {
		t.Errorf("observer heard:\n%s", got)
	}
	t.Run("TypedOption", func(t *testing.T) {
		// Discord's boolean option arrives as a form value.
		rep := e.run(&bot.Request{Platform: bot.Discord, User: bot.User{ID: "admin"}, Form: map[string]string{"id": "1", "bekreft": "true"}}, "/samling avlys")
		if rep.Error != nil || !strings.Contains(rep.Text, "Avlyst") {
			t.Errorf("typed confirm = %s", all(rep))
		}
	})
}

func TestGatheringSameTwice(t *testing.T) {
	e := newEnv(t)
	e.setup()
	line := `/samling ny navn="samling 1" dato=2025-02-06 sted="Bodø" region=salten frist=20.01.2025`
	rep := e.ok("admin", line)
	if !strings.Contains(rep.Text, "finnes allerede (#1)") || len(rep.Buttons) != 1 {
		t.Fatalf("warning = %s", all(rep))
	}
	if n := e.count("gatherings"); n != 1 {
		t.Fatalf("%d gatherings after a warning", n)
	}
	// The button creates it anyway, with the same values.
	cmd := rep.Buttons[0].Command
	if !strings.HasSuffix(cmd, "--bekreft") || !strings.Contains(cmd, `navn="samling 1"`) || !strings.Contains(cmd, "frist=2025-01-20") {
		t.Errorf("button = %q", cmd)
	}
	if rep := e.ok("admin", cmd); !strings.Contains(rep.Text, "Samling opprettet: *#2") {
		t.Errorf("confirmed = %s", rep.Text)
	}
	// Another day is another gathering.
	e.ok("admin", `/samling ny navn="Samling 1" dato=2025-03-06 sted="Bodø"`)
	if n := e.count("gatherings"); n != 3 {
		t.Errorf("%d gatherings", n)
	}
}

// TestGatheringHistoryShown: /samling deltakere shows who changed what, when.
func TestGatheringHistoryShown(t *testing.T) {
	e := newEnv(t)
	e.setup()
	e.ok("kari", "/rsvp 1 ja 2 kommune=Bodø")
	e.ok("admin", `/samling endre 1 sted="Fauske"`)
	e.ok("admin", "/rsvp 1 slett kommune=Bodø")
	s := all(e.ok("admin", "/samling deltakere 1"))
	for _, w := range []string{"*Endringer*", "10. januar 2025 kl. 10:00, Admin – svar slettet: Bodø: ja (2)", "Admin – endret: sted: Bodø → Fauske"} {
		if !strings.Contains(s, w) {
			t.Errorf("attendees lack %q:\n%s", w, s)
		}
	}
	if i, j := strings.Index(s, "svar slettet"), strings.Index(s, "endret: sted"); i > j {
		t.Errorf("newest first:\n%s", s)
	}
}
