package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

func TestPingPong(t *testing.T) {
	h := newHarness(t)
	w := h.post(`{"id":"1","application_id":"999","type":1,"token":"t","version":1}`)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":1}` {
		t.Fatalf("PING answered %s, want {\"type\":1}", got)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("content type %q", ct)
	}
}

func TestBadSignatureIsRefusedAndNothingRuns(t *testing.T) {
	h := newHarness(t)
	body := ix("201", 2, cmd("rsvp", "svar", sopt("samling", "3"), sopt("svar", "ja")))
	ts := strconv.FormatInt(h.now.Unix(), 10)
	good := hex.EncodeToString(ed25519.Sign(h.priv, []byte(ts+body)))
	_, other, _ := ed25519.GenerateKey(nil)
	cases := map[string]struct{ body, ts, sig string }{
		"no signature":       {body, ts, ""},
		"no timestamp":       {body, "", good},
		"other key":          {body, ts, hex.EncodeToString(ed25519.Sign(other, []byte(ts+body)))},
		"tampered body":      {strings.Replace(body, `"3"`, `"4"`, 1), ts, good},
		"other timestamp":    {body, strconv.FormatInt(h.now.Unix()+1, 10), good},
		"not hex":            {body, ts, "zz" + good[2:]},
		"short signature":    {body, ts, good[:20]},
		"stale but signed":   {body, strconv.FormatInt(h.now.Add(-time.Hour).Unix(), 10), ""},
		"probe with garbage": {"{}", ts, strings.Repeat("0", 128)},
	}
	for name, c := range cases {
		sig := c.sig
		if name == "stale but signed" {
			sig = hex.EncodeToString(ed25519.Sign(h.priv, []byte(c.ts+c.body)))
		}
		w := h.postSigned(c.body, c.ts, sig)
		if w.Code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, w.Code)
		}
	}
	if n := len(h.rc.got()); n != 0 {
		t.Fatalf("router called %d times for unsigned requests", n)
	}
	if w := h.post(body); w.Code != http.StatusOK {
		t.Fatalf("the correctly signed request failed: %d", w.Code)
	}
	if n := len(h.rc.got()); n != 1 {
		t.Fatalf("router called %d times, want 1", n)
	}
}

func TestBodyIsBounded(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.MaxBody = 100 })
	w := h.post(ix("1", 2, cmd("faq", "", sopt("spørsmål", strings.Repeat("x", 200)))))
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", w.Code)
	}
	if len(h.rc.got()) != 0 {
		t.Fatal("router ran for an oversized body")
	}
}

func TestCommandInteractionGetsTheReply(t *testing.T) {
	h := newHarness(t)
	h.rc.replies["rsvp"] = func(req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Lagret: *Bodø* svarte ja for 4 til #3.", Private: true}, nil
	}
	w := h.post(ix("301", 2, cmd("rsvp", "svar", sopt("samling", "#3 Samling i Bodø – 6. februar 2025"), sopt("svar", "ja"),
		iopt("antall", 4), sopt("kommune", "Bodø"), bopt("overnatting", true))))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	resp := decode(t, w.Body.Bytes())
	if resp["type"] != 4.0 {
		t.Fatalf("type %v, want 4: %s", resp["type"], w.Body)
	}
	data := resp["data"].(map[string]any)
	if data["content"] != "Lagret: **Bodø** svarte ja for 4 til #3." || data["flags"] != 64.0 {
		t.Fatalf("data %v", data)
	}
	reqs := h.rc.got()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	want := map[string]string{"antall": "4", "kommune": "Bodø", "overnatting": "ja"}
	if r.Command != "rsvp" || r.Text != "3 ja" || !reflect.DeepEqual(r.Form, want) || r.EventID != "301" ||
		r.Platform != bot.Discord || r.User.ID != "7" || r.User.Name != "Kari" || r.User.Admin || r.Channel != "c1" || r.Lang != bot.NB {
		t.Fatalf("request %+v", r)
	}
}

func TestTranslation(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name, payload string
		command, text string
		form          map[string]string
	}{
		{"faq keeps the question as typed", cmd("faq", "", sopt("spørsmål", `Hva er "fristen" for påmelding?`)), "faq", `Hva er "fristen" for påmelding?`, nil},
		{"interesse ny", cmd("interesse", "ny", sopt("fylke", "Nordland"), sopt("kommuner", "Bodø, Vefsn, Rana"), sopt("kontakt", "kari@bodo.kommune.no")), "interesse", "",
			map[string]string{"fylke": "Nordland", "kommuner": "Bodø, Vefsn, Rana", "kontakt": "kari@bodo.kommune.no"}},
		{"interesse ny bare", cmd("interesse", "ny"), "interesse", "", nil},
		{"interesse liste", cmd("interesse", "liste"), "interesse", "liste", nil},
		{"interesse trekk", cmd("interesse", "trekk", iopt("id", 5)), "interesse", "trekk 5", nil},
		{"rsvp liste", cmd("rsvp", "liste"), "rsvp", "", nil},
		{"rsvp svar without answer opens the form", cmd("rsvp", "svar", sopt("samling", "3")), "rsvp", "3", nil},
		{"rsvp svar typed name", cmd("rsvp", "svar", sopt("samling", "#12 Samling"), sopt("svar", "nei")), "rsvp", "12 nei", nil},
		{"veiledning logg", cmd("veiledning", "logg", sopt("kommune", "Bodø"), sopt("dato", "6.2.2025"), iopt("minutter", 90), sopt("tema", "Oppstart"), sopt("notat", "Godt møte")), "veiledning", "logg",
			map[string]string{"kommune": "Bodø", "dato": "6.2.2025", "minutter": "90", "tema": "Oppstart", "notat": "Godt møte"}},
		{"veiledning liste", cmd("veiledning", "liste", sopt("kommune", "Rana")), "veiledning", "liste", map[string]string{"kommune": "Rana"}},
		{"region ny", cmd("region", "ny", sopt("navn", "Helgeland"), sopt("kommuner", "Vefsn, Rana, Alstahaug")), "region", "ny", map[string]string{"navn": "Helgeland", "kommuner": "Vefsn, Rana, Alstahaug"}},
		{"samling ny", cmd("samling", "ny", sopt("navn", "Samling 1"), sopt("dato", "2025-02-06"), sopt("sted", "Bodø"), sopt("region", "nasjonal"), sopt("frist", "20.1.2025")), "samling", "ny",
			map[string]string{"navn": "Samling 1", "dato": "2025-02-06", "sted": "Bodø", "region": "nasjonal", "frist": "20.1.2025"}},
		{"samling deltakere", cmd("samling", "deltakere", iopt("id", 3)), "samling", "deltakere 3", nil},
		{"samling avlys", cmd("samling", "avlys", iopt("id", 4)), "samling", "avlys 4", nil},
		{"kulturbot hjelp", cmd("kulturbot", "hjelp"), "kulturbot", "hjelp", nil},
		{"kulturbot kommune with spaces", cmd("kulturbot", "kommune", sopt("navn", "Nord Fron")), "kulturbot", "kommune «Nord Fron»", nil},
		{"kulturbot eksport", cmd("kulturbot", "eksport", sopt("type", "veiledning")), "kulturbot", "eksport veiledning", nil},
		{"kulturbot svar", cmd("kulturbot", "svar", iopt("id", 12), sopt("tekst", `Fristen er 15. september, "sa" hun.`), bopt("ikke-faq", true)), "kulturbot", `svar 12 Fristen er 15. september, "sa" hun. --ikke-faq`, nil},
		{"kulturbot svar faq", cmd("kulturbot", "svar", iopt("id", 12), sopt("tekst", "Ja"), bopt("ikke-faq", false)), "kulturbot", "svar 12 Ja", nil},
		{"kulturbot spørsmål", cmd("kulturbot", "spørsmål"), "kulturbot", "spørsmål", nil},
		{"kulturbot slett-meg", cmd("kulturbot", "slett-meg"), "kulturbot", "slett-meg", nil},
	}
	for n, c := range cases {
		id := strconv.Itoa(1000 + n)
		w := h.post(ix(id, 2, c.payload))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", c.name, w.Code)
		}
		reqs := h.rc.got()
		r := reqs[len(reqs)-1]
		if r.Command != c.command || r.Text != c.text || !reflect.DeepEqual(r.Form, c.form) {
			t.Errorf("%s: got command %q text %q form %v; want %q %q %v", c.name, r.Command, r.Text, r.Form, c.command, c.text, c.form)
		}
		// What the handler parses must be what the user chose (the answer
		// text is read raw by its handler, so it may not parse as args).
		if args, err := r.Args(); err != nil && c.name != "kulturbot svar" {
			t.Errorf("%s: args do not parse: %v", c.name, err)
		} else if c.name == "kulturbot kommune with spaces" && args.Arg(1) != "Nord Fron" {
			t.Errorf("%s: args %v", c.name, args)
		}
	}
}

func TestQuoteRoundTrips(t *testing.T) {
	for _, v := range []string{"Bodø", "Nord Fron", `Det heter "Fremtidens kulturskole"`, "Don't «stop» now", `a » b " c ' d`} {
		a, err := bot.ParseArgs("svar 1 " + quote(v))
		if strings.ContainsAny(v, "»") && strings.ContainsAny(v, `"`) && strings.ContainsAny(v, "'") {
			continue // no quote left; passed as typed
		}
		if err != nil || a.Arg(2) != v {
			t.Errorf("quote(%q) = %q parses to %v, %v", v, quote(v), a.Pos, err)
		}
	}
}

func TestAdminsAndLocale(t *testing.T) {
	h := newHarness(t)
	h.post(ix("401", 2, cmd("kulturbot", "hjelp"), `"member":{"user":{"id":"42","username":"admin"},"roles":[]}`))
	h.post(ix("402", 2, cmd("kulturbot", "hjelp"), `"member":{"user":{"id":"43","username":"leder"},"roles":["role-x","role-admin"]}`, `"locale":"en-GB"`))
	h.post(ix("403", 2, cmd("kulturbot", "hjelp"), `"user":{"id":"44","username":"dm"}`, `"locale":"en-US"`))
	r := h.rc.got()
	if len(r) != 3 {
		t.Fatalf("%d requests", len(r))
	}
	if !r[0].User.Admin || !r[1].User.Admin || r[2].User.Admin {
		t.Fatalf("admin flags %v %v %v", r[0].User.Admin, r[1].User.Admin, r[2].User.Admin)
	}
	if r[0].Lang != bot.NB || r[1].Lang != bot.EN || r[2].Lang != bot.EN || r[2].User.ID != "44" {
		t.Fatalf("langs %v %v %v", r[0].Lang, r[1].Lang, r[2].Lang)
	}
}

func TestButtonRunsItsCommandAndUpdatesTheMessage(t *testing.T) {
	h := newHarness(t)
	h.rc.replies["rsvp"] = func(req *bot.Request) (bot.Reply, error) {
		if !req.Clicked {
			return bot.Reply{}, errors.New("not clicked")
		}
		return bot.Reply{Title: "Kommende samlinger", Replace: true, Items: []bot.Item{{Text: "#3 Samling i Bodø – 6. februar 2025 · Bodø: ja", Buttons: []bot.Button{{Label: "Ja", Command: "/rsvp 3 ja"}}}}}, nil
	}
	w := h.post(ix("501", 3, `{"custom_id":"/rsvp 3 ja","component_type":2}`, `"message":{"id":"m-list","channel_id":"c1"}`))
	resp := decode(t, w.Body.Bytes())
	if resp["type"] != 7.0 {
		t.Fatalf("type %v, want 7 (update message): %s", resp["type"], w.Body)
	}
	r := h.rc.got()[0]
	if r.Command != "rsvp" || r.Text != "3 ja" || !r.Clicked || r.Thread != "m-list" || r.EventID != "501" {
		t.Fatalf("request %+v", r)
	}
	// A click on a button that answers with a new message.
	h.rc.replies["kulturbot"] = func(req *bot.Request) (bot.Reply, error) { return bot.PrivateText("Takk for stemmen!"), nil }
	w = h.post(ix("502", 3, `{"custom_id":"/kulturbot stemme 12 opp","component_type":2}`))
	resp = decode(t, w.Body.Bytes())
	if resp["type"] != 4.0 || resp["data"].(map[string]any)["flags"] != 64.0 {
		t.Fatalf("vote answered %s", w.Body)
	}
}

func TestModalOpensAndSubmitReachesRouter(t *testing.T) {
	h := newHarness(t)
	form := &bot.Form{ID: "rsvp", Command: "rsvp", Text: "3", Title: "Svar på samling #3", Fields: []bot.FormField{
		{Name: "svar", Label: "Kommer dere?", Kind: bot.FieldSelect, Options: []bot.Option{{Label: "Ja", Value: "ja"}, {Label: "Nei", Value: "nei"}, {Label: "Kanskje", Value: "kanskje"}}},
		{Name: "antall", Label: "Antall", Kind: bot.FieldNumber, Min: 1, Max: 50, Optional: true},
		{Name: "kommune", Label: "Kommune", Kind: bot.FieldText},
		{Name: "overnatting", Label: "Overnatting", Kind: bot.FieldSelect, Options: []bot.Option{{Label: "Ja", Value: "ja"}, {Label: "Nei", Value: "nei"}}, Optional: true},
	}}
	h.rc.replies["rsvp"] = func(req *bot.Request) (bot.Reply, error) {
		if req.Form == nil {
			return bot.Reply{Form: form}, nil
		}
		if req.Form["antall"] == "99" {
			return bot.Reply{}, bot.FieldError("antall", "Antall må være mellom 1 og 50, for eksempel 4.")
		}
		return bot.PrivateText("Lagret."), nil
	}
	w := h.post(ix("601", 2, cmd("rsvp", "svar", sopt("samling", "3"))))
	resp := decode(t, w.Body.Bytes())
	if resp["type"] != 9.0 {
		t.Fatalf("type %v, want 9 (modal): %s", resp["type"], w.Body)
	}
	data := resp["data"].(map[string]any)
	if data["custom_id"] != "/rsvp 3" || len(data["components"].([]any)) != 4 {
		t.Fatalf("modal %s", w.Body)
	}
	submit := func(id, antall string) map[string]any {
		body := ix(id, 5, `{"custom_id":"/rsvp 3","components":[`+
			`{"type":1,"components":[{"type":4,"custom_id":"svar","value":"JA"}]},`+
			`{"type":1,"components":[{"type":4,"custom_id":"antall","value":"`+antall+`"}]},`+
			`{"type":1,"components":[{"type":4,"custom_id":"kommune","value":"Bodø "}]},`+
			`{"type":1,"components":[{"type":4,"custom_id":"overnatting","value":""}]}]}`)
		return decode(t, h.post(body).Body.Bytes())
	}
	resp = submit("602", "4")
	if resp["type"] != 4.0 {
		t.Fatalf("submit answered %v", resp)
	}
	reqs := h.rc.got()
	r := reqs[len(reqs)-1]
	want := map[string]string{"svar": "ja", "antall": "4", "kommune": "Bodø"}
	if r.Command != "rsvp" || r.Text != "3" || !reflect.DeepEqual(r.Form, want) {
		t.Fatalf("submit reached the router as %q %q %v", r.Command, r.Text, r.Form)
	}
	// An invalid value: a clear ephemeral message naming the field, and a
	// button that opens the form again.
	resp = submit("603", "99")
	data = resp["data"].(map[string]any)
	if resp["type"] != 4.0 || data["flags"] != 64.0 || !strings.Contains(data["content"].(string), "Antall: Antall må være mellom 1 og 50") {
		t.Fatalf("error answered %v", resp)
	}
	btn := data["components"].([]any)[0].(map[string]any)["components"].([]any)[0].(map[string]any)
	if btn["custom_id"] != "/rsvp 3" {
		t.Fatalf("retry button %v", btn)
	}
}

func TestAutocomplete(t *testing.T) {
	h := newHarness(t)
	focused := func(name, v string) string {
		return `{"name":"` + name + `","type":3,"value":` + strconv.Quote(v) + `,"focused":true}`
	}
	choices := func(w []byte) []map[string]any {
		resp := decode(t, w)
		if resp["type"] != 8.0 {
			t.Fatalf("type %v, want 8", resp["type"])
		}
		var out []map[string]any
		for _, c := range resp["data"].(map[string]any)["choices"].([]any) {
			out = append(out, c.(map[string]any))
		}
		return out
	}
	got := choices(h.post(ix("701", 4, cmd("rsvp", "svar", focused("samling", "bod")))).Body.Bytes())
	if len(got) != 1 || got[0]["name"] != "#3 Samling i Bodø – 6. februar 2025" || got[0]["value"] != "3" {
		t.Fatalf("samling choices %v", got)
	}
	got = choices(h.post(ix("702", 4, cmd("rsvp", "svar", focused("samling", "")))).Body.Bytes())
	if len(got) != 3 {
		t.Fatalf("all gatherings: %v", got)
	}
	// Integer ids autocomplete with numeric values.
	got = choices(h.post(ix("703", 4, cmd("samling", "deltakere", `{"name":"id","type":4,"value":"vef","focused":true}`))).Body.Bytes())
	if len(got) != 1 || got[0]["value"] != 4.0 {
		t.Fatalf("id choices %v", got)
	}
	// A list completes its last name and keeps the others.
	got = choices(h.post(ix("704", 4, cmd("interesse", "ny", sopt("fylke", "Nordland"), focused("kommuner", "Bodø, Vefsn, ra")))).Body.Bytes())
	if len(got) != 1 || got[0]["value"] != "Bodø, Vefsn, Rana" {
		t.Fatalf("kommuner choices %v", got)
	}
	got = choices(h.post(ix("705", 4, cmd("kulturbot", "kommune", focused("navn", "bo")))).Body.Bytes())
	if len(got) != 2 {
		t.Fatalf("kommune choices %v", got)
	}
	if len(h.rc.got()) != 0 {
		t.Fatal("autocomplete must not run commands")
	}
	// No suggester: an empty list, not an error.
	h2 := newHarness(t, func(o *Options) { o.Suggester = nil })
	if got := choices(h2.post(ix("706", 4, cmd("rsvp", "svar", focused("samling", "")))).Body.Bytes()); len(got) != 0 {
		t.Fatalf("choices without suggester %v", got)
	}
}

func TestRepeatedInteractionIsHandledOnce(t *testing.T) {
	h := newHarness(t)
	body := ix("801", 2, cmd("rsvp", "svar", sopt("samling", "3"), sopt("svar", "ja")))
	first := decode(t, h.post(body).Body.Bytes())
	second := decode(t, h.post(body).Body.Bytes())
	if n := len(h.rc.got()); n != 1 {
		t.Fatalf("handler ran %d times for one interaction", n)
	}
	if first["data"].(map[string]any)["content"] != "ok rsvp 3 ja" {
		t.Fatalf("first %v", first)
	}
	d := second["data"].(map[string]any)
	if second["type"] != 4.0 || d["flags"] != 64.0 || d["content"] != "Dette er allerede behandlet." {
		t.Fatalf("duplicate answered %v", second)
	}
	// A repeated click is acknowledged without touching the message.
	click := ix("802", 3, `{"custom_id":"/rsvp 3 nei","component_type":2}`)
	h.post(click)
	if resp := decode(t, h.post(click).Body.Bytes()); resp["type"] != 6.0 {
		t.Fatalf("repeated click answered %v", resp)
	}
	if n := len(h.rc.got()); n != 2 {
		t.Fatalf("handler ran %d times, want 2", n)
	}
}

func TestSlowCommandIsDeferredAndEdited(t *testing.T) {
	h := newHarness(t)
	h.rc.replies["sakte"] = func(req *bot.Request) (bot.Reply, error) {
		if !req.Slow {
			return bot.Reply{}, errors.New("not marked slow")
		}
		return bot.Reply{Title: "Svar", Text: "Programmet varer i tre semestre.", Context: "Kilde: FAQ",
			Buttons: []bot.Button{{Label: "👍", Command: "/kulturbot stemme 5 opp"}, {Label: "👎", Command: "/kulturbot stemme 5 ned"}}}, nil
	}
	w := h.post(ix("901", 2, cmd("sakte", "", sopt("spørsmål", "hvor lenge?"))))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":5}` {
		t.Fatalf("slow command answered %s, want deferred", got)
	}
	h.ad.Wait()
	edits := h.fd.find(http.MethodPatch, "/api/v9/webhooks/999/tok-901/messages/@original")
	if len(edits) != 1 {
		t.Fatalf("%d edits of the original response; calls %+v", len(edits), h.fd.calls)
	}
	e := edits[0].JSON
	if e["embeds"].([]any)[0].(map[string]any)["title"] != "Svar" || len(e["components"].([]any)) != 1 {
		t.Fatalf("edit %s", edits[0].Raw)
	}
}

func TestSlowPrivateReplyBecomesEphemeralFollowup(t *testing.T) {
	h := newHarness(t)
	h.rc.replies["sakte"] = func(req *bot.Request) (bot.Reply, error) { return bot.PrivateText("bare for deg"), nil }
	h.post(ix("902", 2, cmd("sakte", "")))
	h.ad.Wait()
	if n := len(h.fd.find(http.MethodDelete, "/api/v9/webhooks/999/tok-902/messages/@original")); n != 1 {
		t.Fatalf("public placeholder deleted %d times", n)
	}
	f := h.fd.find(http.MethodPost, "/api/v9/webhooks/999/tok-902")
	if len(f) != 1 || f[0].JSON["flags"] != 64.0 || f[0].JSON["content"] != "bare for deg" {
		t.Fatalf("follow-up %+v", f)
	}
}

func TestBusyHandlerIsDeferredInTime(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.AckTimeout = time.Millisecond })
	h.rc.release = make(chan struct{})
	w := h.post(ix("903", 2, cmd("treg", "")))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":5}` {
		t.Fatalf("busy handler answered %s, want deferred", got)
	}
	close(h.rc.release)
	h.ad.Wait()
	edits := h.fd.find(http.MethodPatch, "/api/v9/webhooks/999/tok-903/messages/@original")
	if len(edits) != 1 || edits[0].JSON["content"] != "ok treg " {
		t.Fatalf("edits %+v", edits)
	}
	// A click that takes long: type 6 now, then the list is updated in place.
	h.rc.release = make(chan struct{})
	h.rc.replies["treg"] = func(req *bot.Request) (bot.Reply, error) { return bot.Reply{Text: "oppdatert", Replace: true}, nil }
	w = h.post(ix("904", 3, `{"custom_id":"/treg","component_type":2}`))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":6}` {
		t.Fatalf("busy click answered %s", got)
	}
	close(h.rc.release)
	h.ad.Wait()
	if edits := h.fd.find(http.MethodPatch, "/api/v9/webhooks/999/tok-904/messages/@original"); len(edits) != 1 || edits[0].JSON["content"] != "oppdatert" {
		t.Fatalf("click edits %+v", edits)
	}
}

func TestFilesAreSentAsAttachments(t *testing.T) {
	h := newHarness(t)
	h.rc.replies["kulturbot"] = func(req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Dine data", Private: true, Files: []bot.File{{Name: "mine-data.json", Type: "application/json", Content: []byte(`{"bruker":"7"}`)}}}, nil
	}
	// Endpoint mode: the JSON response cannot carry files, so defer
	// (ephemeral, as the reply is private) and attach them in the edit.
	w := h.post(ix("1001", 2, cmd("kulturbot", "mine-data")))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":5,"data":{"tts":false,"content":"","components":null,"embeds":null,"flags":64}}` {
		t.Fatalf("answered %s", got)
	}
	h.ad.Wait()
	edits := h.fd.find(http.MethodPatch, "/api/v9/webhooks/999/tok-1001/messages/@original")
	if len(edits) != 1 || edits[0].Files["mine-data.json"] != `{"bruker":"7"}` || edits[0].JSON["content"] != "Dine data" {
		t.Fatalf("edits %+v", edits)
	}
}

func TestDocumentUploadIsDownloadedForTheHandler(t *testing.T) {
	h := newHarness(t)
	var got []bot.File
	h.rc.replies["kulturbot"] = func(req *bot.Request) (bot.Reply, error) {
		if err := req.LoadFiles(context.Background()); err != nil {
			return bot.Reply{}, err
		}
		got = req.Files
		return bot.PrivateText("Lest inn."), nil
	}
	data := `{"id":"1","name":"kulturbot","type":1,"options":[{"name":"dokument","type":1,"options":[{"name":"fil","type":11,"value":"att1"}]}],` +
		`"resolved":{"attachments":{"att1":{"id":"att1","filename":"rammeverk.md","content_type":"text/markdown","size":20,"url":"https://cdn.discordapp.com/attachments/1/2/rammeverk.md"}}}}`
	w := h.post(ix("1002", 2, data, `"member":{"user":{"id":"42","username":"admin"},"roles":[]}`))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":5}` {
		t.Fatalf("upload answered %s, want deferred", got)
	}
	h.ad.Wait()
	if len(got) != 1 || got[0].Name != "rammeverk.md" || string(got[0].Content) != "# Rammeverk\n\nTekst.\n" {
		t.Fatalf("files %+v", got)
	}
	if r := h.rc.got()[0]; r.Text != "dokument" || !r.User.Admin {
		t.Fatalf("request %+v", r)
	}
}

func TestGatewayInteractionUsesCallback(t *testing.T) {
	h := newHarness(t)
	h.rc.replies["kulturbot"] = func(req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "CSV", Files: []bot.File{{Name: "rsvp.csv", Type: "text/csv", Content: []byte("\ufeffsamling_id;samling\n")}}}, nil
	}
	i := interaction(t, ix("1101", 2, cmd("kulturbot", "eksport", sopt("type", "rsvp"))))
	h.ad.onInteraction(context.Background(), i)
	h.ad.Wait()
	cb := h.fd.find(http.MethodPost, "/api/v9/interactions/1101/tok-1101/callback")
	if len(cb) != 1 || cb[0].JSON["type"] != 4.0 || cb[0].Files["rsvp.csv"] == "" {
		t.Fatalf("callback %+v", cb)
	}
	if cb[0].Auth != "Bot test-token" {
		t.Fatalf("authorization %q", cb[0].Auth)
	}
}

func TestMalformedInteractionsNeverPanic(t *testing.T) {
	h := newHarness(t)
	for _, body := range []string{
		`{"type":2}`,
		`{"id":"1","type":2,"data":null}`,
		`{"id":"1","type":3,"data":null}`,
		`{"id":"1","type":4,"data":{"name":"rsvp","options":[{"name":"svar","type":1,"options":[{"name":"samling","type":3,"value":{"x":1},"focused":true}]}]}}`,
		`{"id":"1","type":5,"data":{"custom_id":"","components":[{"type":1,"components":[{"type":4,"custom_id":"a"}]}]}}`,
		`{"id":"2","type":2,"data":{"name":"samling","options":[{"name":"deltakere","type":1,"options":[{"name":"id","type":4,"value":"x"}]}]}}`,
		`{"id":"3","type":2,"data":{"name":"kulturbot","options":[{"name":"dokument","type":1,"options":[{"name":"fil","type":11,"value":"nope"}]}]}}`,
		`{"id":"4","type":99}`,
		`[1,2,3]`,
		`{"id":"5","type":3,"data":{"custom_id":"/","component_type":2}}`,
	} {
		w := h.post(body)
		if w.Code >= 500 {
			t.Errorf("%s: status %d", body, w.Code)
		}
	}
	h.ad.Wait()
}
