package dashboard_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	eical "github.com/emersion/go-ical"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// calendarLink asks the chat for a feed link, as a user would.
func (e *env) calendarLink(line string) string {
	e.t.Helper()
	return linkIn(e.ok("admin", line).Text)
}

func TestCalendarFeed(t *testing.T) {
	e := newEnv(t)
	e.seed()
	all := e.calendarLink("/kulturbot kalender alle")
	res, body := get(t, all)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}

	// Parser 1: the library that wrote it.
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("golang-ical: %v", err)
	}
	events := cal.Events()
	if len(events) != 4 {
		t.Fatalf("golang-ical: %d events, want 4", len(events))
	}
	uids := map[string]bool{}
	for _, ev := range events {
		uids[ev.Id()] = true
	}
	if len(uids) != 4 {
		t.Errorf("UIDs not unique: %v", uids)
	}

	// Parser 2: emersion/go-ical, which also checks the required
	// properties (UID, DTSTAMP, PRODID, VERSION) when it encodes again.
	ecal, err := eical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("go-ical: %v", err)
	}
	if err := eical.NewEncoder(&bytes.Buffer{}).Encode(ecal); err != nil {
		t.Fatalf("go-ical: not valid RFC 5545: %v", err)
	}
	byUID := map[string]eical.Event{}
	for _, ev := range ecal.Events() {
		uid, _ := ev.Props.Text(eical.PropUID)
		byUID[uid] = ev
	}
	if len(byUID) != 4 {
		t.Fatalf("go-ical: %d events", len(byUID))
	}
	for _, ev := range events {
		id := ev.Id()
		eev, ok := byUID[id]
		if !ok {
			t.Fatalf("go-ical lacks %s", id)
		}
		summary, _ := eev.Props.Text(eical.PropSummary)
		status, _ := eev.Status()
		start, err := eev.DateTimeStart(bot.Oslo)
		if err != nil {
			t.Fatal(err)
		}
		timed := strings.HasPrefix(summary, "Nasjonal")
		if allDay := eev.Props.Get(eical.PropDateTimeStart).ValueType() == eical.ValueDate; allDay == timed {
			t.Errorf("%s: all-day %v, want %v", id, allDay, !timed)
		}
		if timed {
			end, err := eev.DateTimeEnd(bot.Oslo)
			if err != nil {
				t.Fatal(err)
			}
			if got := start.In(bot.Oslo).Format("2006-01-02 15:04") + "–" + end.In(bot.Oslo).Format("15:04"); got != "2025-03-05 10:00–15:30" {
				t.Errorf("timed gathering: %s (Oslo)", got)
			}
		}
		desc, _ := eev.Props.Text(eical.PropDescription)
		loc, _ := eev.Props.Text(eical.PropLocation)
		seq := eev.Props.Get(eical.PropSequence).Value
		t.Logf("%s %q %s %s %s seq=%s", id, summary, start.Format("2006-01-02"), loc, status, seq)
		switch {
		case strings.HasPrefix(summary, "Lofoten 1"):
			if status != eical.EventCancelled {
				t.Errorf("cancelled gathering: STATUS %q", status)
			}
			if seq == "0" {
				t.Error("cancelled gathering kept SEQUENCE 0")
			}
			if start.Format("2006-01-02") != "2025-01-15" || loc != "Svolvær" {
				t.Errorf("Lofoten 1: %s %s", start, loc)
			}
		default:
			if status != eical.EventConfirmed {
				t.Errorf("%s: STATUS %q", summary, status)
			}
			if !strings.Contains(desc, "/rsvp ") {
				t.Errorf("%s: description without the RSVP command: %q", summary, desc)
			}
		}
	}

	// A region's feed: its gatherings and the national one.
	rep := e.ok("admin", "/kulturbot kalender Salten")
	_, body = get(t, linkIn(rep.Text))
	cal, err = ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ev := range cal.Events() {
		names = append(names, ev.GetProperty(ics.ComponentPropertySummary).Value)
	}
	if strings.Join(names, "|") != "Oppstart Salten (Salten)|Samling 2 Salten (Salten)|Nasjonal samling" {
		t.Errorf("Salten feed: %v", names)
	}

	// A change: same UID, the new place, a higher SEQUENCE.
	seqOf := func(ev *ics.VEvent) string { return ev.GetProperty(ics.ComponentPropertySequence).Value }
	e.ok("admin", `/samling endre 2 sted="Rognan"`)
	if rep := e.ok("admin", `/samling endre 4 tid="hele dagen"`); !strings.Contains(rep.Text, "Tid: kl. 10:00–15:30 → hele dagen") {
		t.Errorf("endre tid: %q", rep.Text)
	}
	_, again := get(t, all)
	cal2, err := ics.ParseCalendar(strings.NewReader(again))
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range cal2.Events() {
		if ev.Id() != events[i].Id() {
			t.Errorf("UID changed: %s -> %s", events[i].Id(), ev.Id())
		}
		if strings.HasPrefix(ev.Id(), "samling-4@") {
			if p := ev.GetProperty(ics.ComponentPropertyDtStart); p.Value != "20250305" {
				t.Errorf("time removed: DTSTART %q, want the all-day 20250305", p.Value)
			}
		}
		if strings.HasPrefix(ev.Id(), "samling-2@") {
			if loc := ev.GetProperty(ics.ComponentPropertyLocation).Value; loc != "Rognan" {
				t.Errorf("changed gathering: LOCATION %q", loc)
			}
			if before, after := seqOf(events[i]), seqOf(ev); after <= before {
				t.Errorf("changed gathering: SEQUENCE %s -> %s", before, after)
			}
		}
	}
}

func TestCalendarNeedsToken(t *testing.T) {
	e := newEnv(t)
	e.seed()
	link := e.calendarLink("/kulturbot kalender alle")
	for _, u := range []string{
		e.srv.URL + "/kalender.ics",
		e.srv.URL + "/kalender.ics?token=",
		link[:len(link)-3],
		e.srv.URL + "/kalender/1.ics?token=x",
	} {
		res, _ := get(t, u)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", u, res.StatusCode)
		}
	}
	tok := link[strings.Index(link, "token="):]
	if res, _ := get(t, e.srv.URL+"/kalender/99.ics?"+tok); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown region: status %d", res.StatusCode)
	}
	// The token lives in the database: a new server on the same file
	// hands out the same link.
	l2, err := e.web.CalendarLink(context.Background(), 0)
	if err != nil || l2 != link {
		t.Errorf("link changed: %s vs %s (%v)", l2, link, err)
	}
}
