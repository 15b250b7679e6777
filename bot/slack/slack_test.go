package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/slack-go/slack"
)

const secret = "test-signing-secret"

// memDedup is an in-memory bot.Deduper (the real one is store-backed).
type memDedup struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (d *memDedup) FirstSeen(_ context.Context, p, id string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.seen[p+id] {
		return false, nil
	}
	d.seen[p+id] = true
	return true, nil
}

func (d *memDedup) Forget(_ context.Context, p, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.seen, p+id)
	return nil
}

// fake is a small set of handlers standing in for the real workflows: an
// RSVP list with buttons, a form, a question answerer, a slow command.
type fake struct {
	mu       sync.Mutex
	calls    []bot.Request
	rsvps    map[string]string // gathering -> answer
	interest []map[string]string
}

func (f *fake) record(req *bot.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, *req)
}

func (f *fake) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fake) last() bot.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[len(f.calls)-1]
}

func (f *fake) list() bot.Reply {
	f.mu.Lock()
	defer f.mu.Unlock()
	rep := bot.Reply{Title: "Kommende samlinger", Private: true, Replace: true}
	for _, id := range []string{"3", "4"} {
		ans := f.rsvps[id]
		if ans == "" {
			ans = "ikke svart"
		}
		rep.Items = append(rep.Items, bot.Item{
			Text: fmt.Sprintf("*#%s Samling %s* – 6. februar 2025, Bodø\nDitt svar: %s", id, id, ans),
			Buttons: []bot.Button{
				{Label: "Ja", Command: "/rsvp " + id + " ja", Style: "primary"},
				{Label: "Nei", Command: "/rsvp " + id + " nei"},
				{Label: "Kanskje", Command: "/rsvp " + id + " kanskje"},
			},
		})
	}
	return rep
}

func newRouter(t *testing.T) (*bot.Router, *fake) {
	t.Helper()
	f := &fake{rsvps: map[string]string{}}
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Use(bot.Dedup(&memDedup{seen: map[string]bool{}}))
	hello := bot.Messages{"test.hello": {"Hei!", "Hello!"}}
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		args, _ := req.Args()
		if len(args.Pos) == 0 {
			return f.list(), nil
		}
		if len(args.Pos) < 2 {
			return bot.Reply{}, bot.Errorf(bot.EInvalid, "Skriv svaret også, for eksempel /rsvp 3 ja")
		}
		f.mu.Lock()
		f.rsvps[args.Pos[0]] = args.Pos[1]
		f.mu.Unlock()
		if req.Clicked {
			return f.list(), nil
		}
		return bot.Reply{Text: "Lagret: " + args.Pos[1] + " for #" + args.Pos[0], Private: true}, nil
	})})
	r.Add(bot.Route{Name: "kulturbot", Admin: true, Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		var names []string
		for _, fl := range req.Files {
			names = append(names, fmt.Sprintf("%s (%d byte)", fl.Name, len(fl.Content)))
		}
		return bot.Reply{Text: "Lest inn: " + strings.Join(names, ", "), Private: true}, nil
	})})
	r.Add(bot.Route{Name: "interesse", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		if req.Text == "" && len(req.Form) == 0 {
			return bot.Reply{Form: interestForm(), Text: "/interesse fylke=<fylke> kommuner=\"a, b, c\""}, nil
		}
		args, _ := req.Args()
		fylke, _ := args.Get("fylke")
		if fylke != "Nordland" && fylke != "Innlandet" {
			return bot.Reply{}, bot.FieldError("fylke", "Ukjent fylke «"+fylke+"». Eksempel: fylke=Nordland")
		}
		k, _ := args.Get("kommuner")
		if len(bot.SplitList(k)) == 0 {
			return bot.Reply{}, bot.FieldError("kommuner", "Skriv minst én kommune.")
		}
		f.mu.Lock()
		f.interest = append(f.interest, req.Form)
		f.mu.Unlock()
		return bot.Reply{Text: "Registrert interesse for " + fylke + ": " + k, Private: true}, nil
	})})
	r.Add(bot.Route{Name: "", Aliases: []string{"faq"}, Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		return answerReply(req.Lang), nil
	})})
	r.Add(bot.Route{Name: "hei", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		return bot.Reply{Text: hello.T(req.Lang, "test.hello")}, nil
	})})
	r.Add(bot.Route{Name: "tenk", Slow: true, Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		return bot.Reply{Text: "Ferdig tenkt: " + req.Text}, nil
	})})
	r.Add(bot.Route{Name: "fil", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		f.record(req)
		big := strings.Repeat("samling;dato;kommune\n", 400)
		return bot.Reply{Text: "Her er dataene dine.", Private: true, Files: []bot.File{{Name: "data.csv", Type: "text/csv", Content: []byte(big)}}}, nil
	})})
	return r, f
}

func interestForm() *bot.Form {
	return &bot.Form{
		ID: "interesse", Command: "interesse", Title: "Meld interesse", Submit: "Registrer",
		Fields: []bot.FormField{
			{Name: "fylke", Label: "Fylke", Kind: bot.FieldSelect, Options: []bot.Option{{Label: "Nordland", Value: "Nordland"}, {Label: "Innlandet", Value: "Innlandet"}}},
			{Name: "kommuner", Label: "Kommuner", Kind: bot.FieldText, Placeholder: "Bodø, Vefsn, Rana"},
			{Name: "frist", Label: "Dato", Kind: bot.FieldDate, Optional: true, Initial: "2025-02-06"},
			{Name: "antall", Label: "Antall", Kind: bot.FieldNumber, Min: 1, Max: 50, Optional: true},
			{Name: "kommentar", Label: "Kommentar", Kind: bot.FieldMultiline, Optional: true},
		},
	}
}

func answerReply(lang bot.Lang) bot.Reply {
	return bot.Reply{
		Text:    "En region er *tre eller flere* medlemskommuner med geografisk og/eller tematisk nærhet.",
		Context: "Kilde: Fremtidens kulturskole – FAQ, «Regioner» · 6. februar 2025",
		Buttons: []bot.Button{
			{Label: "👍", Command: "/kulturbot stemme 12 opp"},
			{Label: "👎", Command: "/kulturbot stemme 12 ned"},
			{Label: "Påmelding", Command: "/faq #7"},
		},
		Lang: lang,
	}
}

// ackMessage decodes a message payload (slack.Block is an interface).
type ackMessage struct {
	ResponseType    string            `json:"response_type"`
	ReplaceOriginal bool              `json:"replace_original"`
	Text            string            `json:"text"`
	Blocks          []json.RawMessage `json:"blocks"`
}

type env struct {
	t     *testing.T
	fake  *fake
	slack *slacktest.Server
	a     *Adapter
	srv   *httptest.Server
	now   time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	router, f := newRouter(t)
	s := slacktest.NewServer(t)
	now := time.Date(2025, 1, 20, 10, 0, 0, 0, time.UTC)
	a, err := New(Options{
		BotToken: "xoxb-test", AppToken: "xapp-test", SigningSecret: secret, APIURL: s.APIURL(),
		Router: router, Admins: map[string]bool{"slack:UADMIN": true},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now },
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(func() { srv.Close(); a.Close() })
	return &env{t: t, fake: f, slack: s, a: a, srv: srv, now: now}
}

// post sends a signed request the way Slack does.
func (e *env) post(ctype string, body []byte, hdr ...string) (*http.Response, []byte) {
	e.t.Helper()
	ts := strconv.FormatInt(e.now.Unix(), 10)
	req, _ := http.NewRequest("POST", e.srv.URL+"/slack/events", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", Sign(secret, ts, body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

func (e *env) slash(cmd, text, user string) (*http.Response, []byte) {
	e.t.Helper()
	f := url.Values{
		"team_id": {"T0TEST"}, "channel_id": {"C0GEN"}, "channel_name": {"general"},
		"user_id": {user}, "user_name": {strings.ToLower(user)}, "command": {cmd}, "text": {text},
		"response_url": {e.slack.ResponseURL("cmd")}, "trigger_id": {"trig-1"},
	}
	return e.post("application/x-www-form-urlencoded", []byte(f.Encode()))
}

func (e *env) interact(payload any) (*http.Response, []byte) {
	e.t.Helper()
	b, _ := json.Marshal(payload)
	return e.post("application/x-www-form-urlencoded", []byte(url.Values{"payload": {string(b)}}.Encode()))
}

func TestVerifySlackDocumentationExample(t *testing.T) {
	const (
		secret = "8f742231b10e8888abcd99yyyzzz85a5"
		ts     = "1531420618"
		body   = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
		want   = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	)
	if got := Sign(secret, ts, []byte(body)); got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", ts)
	h.Set("X-Slack-Signature", want)
	at := time.Unix(1531420618, 0)
	if err := Verify(h, []byte(body), secret, at); err != nil {
		t.Fatalf("Verify at the request time: %v", err)
	}
	if err := Verify(h, []byte(body), secret, at.Add(4*time.Minute)); err != nil {
		t.Fatalf("Verify 4 minutes later: %v", err)
	}
	if err := Verify(h, []byte(body), secret, at.Add(6*time.Minute)); err != ErrStale {
		t.Fatalf("Verify 6 minutes later = %v, want ErrStale", err)
	}
	if err := Verify(h, []byte(body+"x"), secret, at); err != ErrBadSignature {
		t.Fatalf("tampered body = %v, want ErrBadSignature", err)
	}
}

func TestSignedSlashCommandIsAnsweredInTheAck(t *testing.T) {
	e := newEnv(t)
	res, body := e.slash("/rsvp", "3 ja", "U1")
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	var m ackMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("ack is not a message: %v: %s", err, body)
	}
	if m.ResponseType != "ephemeral" || !strings.Contains(m.Text, "Lagret: ja for #3") {
		t.Fatalf("ack = %+v", m)
	}
	req := e.fake.last()
	if req.Platform != bot.Slack || req.User.ID != "U1" || req.Channel != "C0GEN" || req.Command != "rsvp" || req.Text != "3 ja" {
		t.Fatalf("request = %+v", req)
	}
	if req.UserKey() != "slack:U1" || req.User.Admin {
		t.Fatalf("user = %+v", req.User)
	}
}

func TestUnsignedRequestsAreRefused(t *testing.T) {
	e := newEnv(t)
	body := []byte(url.Values{"command": {"/rsvp"}, "text": {"3 ja"}, "user_id": {"U1"}, "channel_id": {"C1"}}.Encode())
	ts := strconv.FormatInt(e.now.Unix(), 10)
	stale := strconv.FormatInt(e.now.Add(-6*time.Minute).Unix(), 10)
	cases := []struct {
		name   string
		ts     string
		sig    string
		secret string
	}{
		{"Missing", "", "", ""},
		{"MissingTimestamp", "", Sign(secret, ts, body), ""},
		{"WrongSecret", ts, Sign("another-secret", ts, body), ""},
		{"Garbage", ts, "v0=zz", ""},
		{"Stale", stale, Sign(secret, stale, body), ""},
		{"FromTheFuture", strconv.FormatInt(e.now.Add(6*time.Minute).Unix(), 10), "", "future"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", e.srv.URL, strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if c.ts != "" {
				req.Header.Set("X-Slack-Request-Timestamp", c.ts)
			}
			sig := c.sig
			if c.secret == "future" {
				sig = Sign(secret, c.ts, body)
			}
			if sig != "" {
				req.Header.Set("X-Slack-Signature", sig)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status = %d, want 401", res.StatusCode)
			}
		})
	}
	if n := e.fake.count(); n != 0 {
		t.Fatalf("router called %d times for refused requests", n)
	}
	if calls := e.slack.Calls(""); len(calls) != 0 {
		t.Fatalf("Slack API called for refused requests: %v", calls)
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	e := newEnv(t)
	body := []byte("command=%2Frsvp&text=" + strings.Repeat("a", MaxBody))
	res, _ := e.post("application/x-www-form-urlencoded", body)
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status = %d, want 413", res.StatusCode)
	}
	if e.fake.count() != 0 {
		t.Fatal("router called")
	}
}

func blockActions(value, channel, ts string, ephemeral bool, responseURL string) map[string]any {
	return map[string]any{
		"type":         "block_actions",
		"user":         map[string]any{"id": "U1", "name": "u1"},
		"channel":      map[string]any{"id": channel},
		"trigger_id":   "trig-click",
		"response_url": responseURL,
		"container":    map[string]any{"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral},
		"message":      map[string]any{"ts": ts, "text": "Kommende samlinger"},
		"actions": []map[string]any{{
			"type": "button", "action_id": "kb_item0_0", "block_id": "kb_item0_0", "value": value,
			"text": map[string]any{"type": "plain_text", "text": "Ja"},
		}},
	}
}

func TestButtonClickStoresAndUpdatesTheMessage(t *testing.T) {
	t.Run("PublicMessageUsesChatUpdate", func(t *testing.T) {
		e := newEnv(t)
		res, _ := e.interact(blockActions("/rsvp 3 ja", "C0GEN", "1700000000.000001", false, e.slack.ResponseURL("click")))
		if res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
		req := e.fake.last()
		if !req.Clicked || req.Command != "rsvp" || req.Text != "3 ja" || req.User.ID != "U1" {
			t.Fatalf("request = %+v", req)
		}
		if e.fake.rsvps["3"] != "ja" {
			t.Fatalf("not stored before the ack: %v", e.fake.rsvps)
		}
		up := e.slack.Wait(t, "chat.update", 1)[0]
		if up.Get("channel") != "C0GEN" || up.Get("ts") != "1700000000.000001" {
			t.Fatalf("chat.update of %s/%s", up.Get("channel"), up.Get("ts"))
		}
		if !strings.Contains(up.Get("blocks"), "Ditt svar: ja") {
			t.Fatalf("updated message does not show the answer: %s", up.Get("blocks"))
		}
	})
	t.Run("EphemeralMessageUsesResponseURL", func(t *testing.T) {
		e := newEnv(t)
		e.interact(blockActions("/rsvp 4 nei", "C0GEN", "1700000000.000002", true, e.slack.ResponseURL("click")))
		c := e.slack.Wait(t, "response_url", 1)[0]
		if c.JSON["replace_original"] != true {
			t.Fatalf("response_url post does not replace the original: %v", c.JSON)
		}
		if !strings.Contains(string(c.Body), "Ditt svar: nei") {
			t.Fatalf("replacement = %s", c.Body)
		}
		if len(e.slack.Calls("chat.update")) != 0 {
			t.Fatal("chat.update used on an ephemeral message")
		}
	})
	t.Run("FeedbackButtonRunsItsCommand", func(t *testing.T) {
		e := newEnv(t)
		e.interact(blockActions("/faq #7", "C0GEN", "1700000000.000003", false, e.slack.ResponseURL("fb")))
		req := e.fake.last()
		if req.Command != "faq" || req.Text != "#7" || !req.Clicked {
			t.Fatalf("request = %+v", req)
		}
		// Not a Replace reply: a new message through response_url.
		c := e.slack.Wait(t, "response_url", 1)[0]
		if c.JSON["replace_original"] == true {
			t.Fatal("a related-topic click replaced the answer")
		}
	})
}

func TestModalOpensAndSubmits(t *testing.T) {
	e := newEnv(t)
	res, body := e.slash("/interesse", "", "U1")
	if res.StatusCode != 200 || len(body) != 0 {
		t.Fatalf("ack for a form = %d %q, want an empty 200", res.StatusCode, body)
	}
	open := e.slack.Wait(t, "views.open", 1)[0]
	if open.Get("trigger_id") != "trig-1" {
		t.Fatalf("views.open trigger = %q", open.Get("trigger_id"))
	}
	var view slack.View
	if err := json.Unmarshal([]byte(open.Get("view")), &view); err != nil {
		t.Fatal(err)
	}
	if view.CallbackID != callbackForm || len(view.Blocks.BlockSet) != 5 {
		t.Fatalf("view = %s", open.Get("view"))
	}
	submit := func(fylke, kommuner string) (int, []byte) {
		payload := map[string]any{
			"type": "view_submission",
			"user": map[string]any{"id": "U1", "name": "u1"},
			"view": map[string]any{
				"id": "V1", "callback_id": view.CallbackID, "private_metadata": view.PrivateMetadata,
				"state": map[string]any{"values": map[string]any{
					"fylke":    map[string]any{"fylke": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": fylke}}},
					"kommuner": map[string]any{"kommuner": map[string]any{"type": "plain_text_input", "value": kommuner}},
					"frist":    map[string]any{"frist": map[string]any{"type": "datepicker", "selected_date": "2025-02-06"}},
					"antall":   map[string]any{"antall": map[string]any{"type": "number_input", "value": "4"}},
				}},
			},
		}
		res, body := e.interact(payload)
		return res.StatusCode, body
	}
	t.Run("InvalidShowsFieldError", func(t *testing.T) {
		code, body := submit("Atlantis", "Bodø")
		if code != 200 {
			t.Fatalf("status %d", code)
		}
		var r slack.ViewSubmissionResponse
		json.Unmarshal(body, &r)
		if r.ResponseAction != slack.RAErrors || !strings.Contains(r.Errors["fylke"], "Ukjent fylke") {
			t.Fatalf("response = %s", body)
		}
		if len(e.fake.interest) != 0 {
			t.Fatal("invalid form stored")
		}
	})
	t.Run("ValidStoresAndConfirms", func(t *testing.T) {
		code, body := submit("Nordland", "Bodø, Vefsn, Rana")
		var r slack.ViewSubmissionResponse
		json.Unmarshal(body, &r)
		if code != 200 || r.ResponseAction != slack.RAClear {
			t.Fatalf("response %d %s", code, body)
		}
		req := e.fake.last()
		want := map[string]string{"fylke": "Nordland", "kommuner": "Bodø, Vefsn, Rana", "frist": "2025-02-06", "antall": "4"}
		for k, v := range want {
			if req.Form[k] != v {
				t.Fatalf("Form[%s] = %q, want %q (form %v)", k, req.Form[k], v, req.Form)
			}
		}
		if req.Command != "interesse" {
			t.Fatalf("command = %q", req.Command)
		}
		c := e.slack.Wait(t, "chat.postEphemeral", 1)[0]
		if c.Get("channel") != "C0GEN" || c.Get("user") != "U1" || !strings.Contains(c.Get("text"), "Registrert interesse for Nordland") {
			t.Fatalf("confirmation = %v", c.Form)
		}
	})
	t.Run("ReplayIsNotStoredAgain", func(t *testing.T) {
		// The same signed submission again (same body, same signature).
		code, body := submit("Nordland", "Bodø, Vefsn, Rana")
		var r slack.ViewSubmissionResponse
		json.Unmarshal(body, &r)
		if code != 200 || r.ResponseAction != slack.RAClear {
			t.Fatalf("replay: response %d %s", code, body)
		}
		if len(e.fake.interest) != 1 {
			t.Fatalf("%d interests stored for one submission and its replay", len(e.fake.interest))
		}
	})
}

func eventBody(id, typ, text string, extra map[string]any) []byte {
	ev := map[string]any{"type": typ, "user": "U1", "text": text, "ts": "1700000000.000100", "channel": "C0GEN"}
	for k, v := range extra {
		ev[k] = v
	}
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": id, "team_id": "T0TEST", "event": ev})
	return b
}

func TestRetriedEventIsProcessedOnce(t *testing.T) {
	e := newEnv(t)
	body := eventBody("Ev001", "app_mention", "<@UBOT> hva er en region?", nil)
	res, _ := e.post("application/json", body)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	post := e.slack.Wait(t, "chat.postMessage", 1)[0]
	if post.Get("channel") != "C0GEN" || post.Get("thread_ts") != "1700000000.000100" {
		t.Fatalf("answer not in the thread: %v", post.Form)
	}
	res, _ = e.post("application/json", body, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
	if res.StatusCode != 200 {
		t.Fatalf("retry status %d", res.StatusCode)
	}
	e.a.Wait()
	if n := e.fake.count(); n != 1 {
		t.Fatalf("handler ran %d times, want 1", n)
	}
	if n := len(e.slack.Calls("chat.postMessage")); n != 1 {
		t.Fatalf("%d answers posted, want 1", n)
	}
	req := e.fake.last()
	if req.Text != "hva er en region?" || req.Command != "" || req.EventID != "Ev001" {
		t.Fatalf("request = %+v", req)
	}
}

func TestEvents(t *testing.T) {
	t.Run("URLVerification", func(t *testing.T) {
		e := newEnv(t)
		_, body := e.post("application/json", []byte(`{"type":"url_verification","token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`))
		if !strings.Contains(string(body), `"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"`) {
			t.Fatalf("challenge answer = %s", body)
		}
	})
	t.Run("DirectMessageIsAnsweredInTheDM", func(t *testing.T) {
		e := newEnv(t)
		e.post("application/json", eventBody("Ev002", "message", "hva er en region?", map[string]any{"channel": "D0U1", "channel_type": "im"}))
		post := e.slack.Wait(t, "chat.postMessage", 1)[0]
		if post.Get("channel") != "D0U1" || post.Get("thread_ts") != "" {
			t.Fatalf("DM answer = %v", post.Form)
		}
	})
	t.Run("BotMessagesAndEditsAreIgnored", func(t *testing.T) {
		e := newEnv(t)
		e.post("application/json", eventBody("Ev003", "message", "jeg er en bot", map[string]any{"channel": "D0U1", "channel_type": "im", "bot_id": "BBOT"}))
		e.post("application/json", eventBody("Ev004", "message", "endret", map[string]any{"channel": "D0U1", "channel_type": "im", "subtype": "message_changed"}))
		e.post("application/json", eventBody("Ev005", "message", "i en kanal", map[string]any{"channel_type": "channel"}))
		e.a.Wait()
		if n := e.fake.count(); n != 0 {
			t.Fatalf("router ran %d times", n)
		}
	})
	t.Run("CommandInAMention", func(t *testing.T) {
		e := newEnv(t)
		e.post("application/json", eventBody("Ev006", "app_mention", "<@UBOT> /rsvp 3 kanskje", nil))
		e.slack.Wait(t, "chat.postEphemeral", 1)
		if e.fake.rsvps["3"] != "kanskje" {
			t.Fatalf("rsvps = %v", e.fake.rsvps)
		}
	})
}

func TestSlowCommandIsAckedThenCompleted(t *testing.T) {
	e := newEnv(t)
	res, body := e.slash("/tenk", "hvorfor?", "U1")
	if res.StatusCode != 200 || len(body) != 0 {
		t.Fatalf("ack = %d %q, want an empty 200", res.StatusCode, body)
	}
	c := e.slack.Wait(t, "response_url", 1)[0]
	if !strings.Contains(string(c.Body), "Ferdig tenkt: hvorfor?") || c.JSON["response_type"] != "in_channel" {
		t.Fatalf("completion = %s", c.Body)
	}
	if !e.fake.last().Slow {
		t.Fatal("request not marked Slow")
	}
}

func TestAdminAndLocale(t *testing.T) {
	e := newEnv(t)
	e.slack.SetLocale("UADMIN", "en-GB")
	// The first command of a new user is answered without waiting for
	// users.info (bokmål: the text says nothing of the language); the
	// lookup runs in the background and the next command knows the locale.
	_, body := e.slash("/hei", "", "UADMIN")
	if !strings.Contains(string(body), "Hei!") {
		t.Fatalf("first command waited for users.info? got %s", body)
	}
	waitFor(t, func() bool {
		e.a.users.mu.Lock()
		defer e.a.users.mu.Unlock()
		u := e.a.users.m["UADMIN"]
		return u != nil && !u.until.IsZero()
	})
	// (A different text: the same signed body twice would be a replay.)
	_, body = e.slash("/hei", "igjen", "UADMIN")
	if !strings.Contains(string(body), "Hello!") {
		t.Fatalf("English user got %s", body)
	}
	req := e.fake.last()
	if !req.User.Admin || req.User.Locale != "en-GB" || req.Lang != bot.EN {
		t.Fatalf("user = %+v lang %s", req.User, req.Lang)
	}
	_, body = e.slash("/hei", "", "U2")
	if !strings.Contains(string(body), "Hei!") {
		t.Fatalf("Norwegian user got %s", body)
	}
	e.slash("/hei", "en gang til", "UADMIN")
	waitFor(t, func() bool { return len(e.slack.Calls("users.info")) >= 2 })
	if n := len(e.slack.Calls("users.info")); n != 2 {
		t.Fatalf("users.info called %d times for 2 users, want 2 (cached)", n)
	}
}

func TestLargeFileIsUploadedToTheDM(t *testing.T) {
	e := newEnv(t)
	_, body := e.slash("/fil", "", "U1")
	if !strings.Contains(string(body), "Her er dataene dine.") {
		t.Fatalf("ack = %s", body)
	}
	done := e.slack.Wait(t, "files.completeUploadExternal", 1)[0]
	if done.Get("channel_id") != "D1" {
		t.Fatalf("file shared in %q, want the DM", done.Get("channel_id"))
	}
	if len(e.slack.Calls("upload")) != 1 || len(e.slack.Calls("conversations.open")) != 1 {
		t.Fatalf("calls = %v", e.slack.Calls(""))
	}
}

func TestPoster(t *testing.T) {
	e := newEnv(t)
	p := e.a.Poster()
	ctx := context.Background()
	if err := p.Post(ctx, "C0DIGEST", bot.Reply{Title: "Ukens oppsummering", Text: "Ingen nye registreringer."}); err != nil {
		t.Fatal(err)
	}
	c := e.slack.Wait(t, "chat.postMessage", 1)[0]
	if c.Get("channel") != "C0DIGEST" || c.Token != "xoxb-test" {
		t.Fatalf("post = %v", c.Form)
	}
	t.Run("DirectMessageOpensAConversation", func(t *testing.T) {
		if err := p.Post(ctx, "U7", bot.Text("Svar på spørsmålet ditt")); err != nil {
			t.Fatal(err)
		}
		cs := e.slack.Wait(t, "chat.postMessage", 2)
		if cs[1].Get("channel") != "D7" {
			t.Fatalf("DM posted to %q", cs[1].Get("channel"))
		}
	})
	t.Run("InThread", func(t *testing.T) {
		if err := p.PostInThread(ctx, "C0GEN", "1700000000.000100", bot.Text("Svar")); err != nil {
			t.Fatal(err)
		}
		cs := e.slack.Wait(t, "chat.postMessage", 3)
		if cs[2].Get("thread_ts") != "1700000000.000100" {
			t.Fatalf("thread_ts = %q", cs[2].Get("thread_ts"))
		}
	})
	t.Run("RateLimitCarriesRetryAfter", func(t *testing.T) {
		e.slack.RateLimit("chat.postMessage", 1, 7*time.Second)
		err := p.Post(ctx, "C0DIGEST", bot.Text("x"))
		rl, ok := err.(*bot.RateLimitError)
		if !ok || rl.RetryAfter != 7*time.Second {
			t.Fatalf("err = %#v, want *bot.RateLimitError{7s}", err)
		}
		if err := p.Post(ctx, "C0DIGEST", bot.Text("x")); err != nil {
			t.Fatalf("after the limit: %v", err)
		}
	})
}

func TestSocketMode(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.a.RunSocket(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunSocket: %v", err)
		}
	}()
	t.Run("SlashCommandIsAckedWithItsAnswer", func(t *testing.T) {
		id := e.slack.Send(t, "slash_commands", map[string]any{
			"command": "/rsvp", "text": "4 ja", "user_id": "U1", "user_name": "u1", "channel_id": "C0GEN",
			"response_url": e.slack.ResponseURL("sock"), "trigger_id": "trig-s",
		})
		ack := e.slack.WaitAck(t, id)
		var m ackMessage
		if err := json.Unmarshal(ack.Payload, &m); err != nil || !strings.Contains(m.Text, "Lagret: ja for #4") || m.ResponseType != "ephemeral" {
			t.Fatalf("ack payload = %s (%v)", ack.Payload, err)
		}
	})
	t.Run("EventIsAckedThenAnswered", func(t *testing.T) {
		var ev map[string]any
		json.Unmarshal(eventBody("EvS1", "app_mention", "<@UBOT> hva er en region?", nil), &ev)
		id := e.slack.Send(t, "events_api", ev)
		e.slack.WaitAck(t, id)
		e.slack.Wait(t, "chat.postMessage", 1)
		// Slack redelivers an event it thinks was lost: same event_id.
		id = e.slack.Send(t, "events_api", ev)
		e.slack.WaitAck(t, id)
		e.a.Wait()
		if n := len(e.slack.Calls("chat.postMessage")); n != 1 {
			t.Fatalf("%d answers for one event", n)
		}
	})
	t.Run("ReconnectsWhenTheConnectionDrops", func(t *testing.T) {
		before := e.slack.Connections()
		e.slack.DropConnections()
		deadline := time.Now().Add(10 * time.Second)
		for e.slack.Connections() <= before {
			if time.Now().After(deadline) {
				t.Fatal("no reconnect")
			}
			time.Sleep(20 * time.Millisecond)
		}
		id := e.slack.Send(t, "slash_commands", map[string]any{
			"command": "/hei", "text": "", "user_id": "U2", "channel_id": "C0GEN", "response_url": e.slack.ResponseURL("sock2"),
		})
		if ack := e.slack.WaitAck(t, id); !strings.Contains(string(ack.Payload), "Hei!") {
			t.Fatalf("ack after reconnect = %s", ack.Payload)
		}
	})
	t.Run("ButtonClickIsAckedAndUpdates", func(t *testing.T) {
		id := e.slack.Send(t, "interactive", blockActions("/rsvp 3 nei", "C0GEN", "1700000000.000009", false, e.slack.ResponseURL("sock3")))
		e.slack.WaitAck(t, id)
		up := e.slack.Wait(t, "chat.update", 1)[0]
		if up.Get("ts") != "1700000000.000009" {
			t.Fatalf("updated %q", up.Get("ts"))
		}
	})
}

// BenchmarkSignedSlashCommand measures the Slack layer alone over real
// HTTP: signing, verification, parsing, the router with a trivial handler,
// Block Kit rendering and the JSON ack.
//
//	go test ./bot/slack -run XXX -bench SignedSlashCommand -cpu 2
func BenchmarkSignedSlashCommand(b *testing.B) {
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Lagret: *ja* for #" + req.Text, Private: true}, nil
	})})
	s := slacktest.NewServer(b)
	s.Quiet = true
	a, err := New(Options{BotToken: "xoxb-test", SigningSecret: secret, APIURL: s.APIURL(), Router: r,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 256}
	client := &http.Client{Transport: tr}
	var seq atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := seq.Add(1)
			body := url.Values{"command": {"/rsvp"}, "text": {"1 ja 3"}, "user_id": {fmt.Sprintf("U%d", i%200)},
				"channel_id": {"C1"}, "response_url": {s.ResponseURL("x")}, "trigger_id": {"t"}}.Encode()
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req, _ := http.NewRequest("POST", srv.URL, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", Sign(secret, ts, []byte(body)))
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Fatalf("status %d", res.StatusCode)
			}
		}
	})
}

type fakeSuggester struct{}

func (fakeSuggester) Suggest(_ context.Context, field, prefix string, _ bot.Lang) []bot.Option {
	if field != "kommune" {
		return nil
	}
	var out []bot.Option
	for _, k := range []string{"Bodø", "Bø", "Fauske"} {
		if strings.HasPrefix(strings.ToLower(k), strings.ToLower(prefix)) {
			out = append(out, bot.Option{Label: k, Value: k})
		}
	}
	return out
}

func TestExternalSelectSuggestions(t *testing.T) {
	f := &bot.Form{Command: "veiledning", Text: "logg", Fields: []bot.FormField{{Name: "kommune", Label: "Kommune", Kind: bot.FieldSelect}}}
	v := renderView(f, "{}", bot.NB)
	b, _ := json.Marshal(v)
	if !strings.Contains(string(b), `"type":"external_select"`) || !strings.Contains(string(b), `"min_query_length":0`) {
		t.Fatalf("a select without options should load them as the user types: %s", b)
	}
	e := newEnv(t)
	e.a.opts.Suggester = fakeSuggester{}
	_, body := e.interact(map[string]any{
		"type": "block_suggestion", "user": map[string]any{"id": "U1"}, "action_id": "kommune", "block_id": "kommune", "value": "bo",
	})
	if !strings.Contains(string(body), `"value":"Bodø"`) || strings.Contains(string(body), "Fauske") {
		t.Fatalf("suggestions = %s", body)
	}
}

// waitFor polls cond for up to 5 s (background work such as the users.info
// lookup finishes on its own schedule).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
