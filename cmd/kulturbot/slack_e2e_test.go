package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/kulturskoleradet/kulturbot/store"
)

const e2eSecret = "e2e-signing-secret"

// slackE2E is the real App (handlers, SQLite, router middleware) with the
// Slack adapter on its mux, talking to a local fake Slack.
type slackE2E struct {
	t     *testing.T
	app   *App
	srv   *httptest.Server
	slack *slacktest.Server
}

func newSlackE2E(t *testing.T, socket bool) *slackE2E {
	t.Helper()
	s := slacktest.NewServer(t)
	cfg := &Config{
		DB: filepath.Join(t.TempDir(), "k.db"), Admins: "slack:UADMIN", RateLimit: 0, Retention: time.Hour,
		SlackBotToken: "xoxb-e2e", SlackSigningSecret: e2eSecret, SlackAPIURL: s.APIURL(),
		InterestDeadline: "15.09", HTTPAddr: "127.0.0.1:0",
	}
	if socket {
		cfg.SlackAppToken = "xapp-e2e"
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	ok, err := a.startSlack(context.Background())
	if err != nil || !ok {
		t.Fatalf("startSlack: %v %v", ok, err)
	}
	if !a.httpUsed || a.Posters[bot.Slack] == nil {
		t.Fatal("the endpoint or the poster was not wired")
	}
	e := &slackE2E{t: t, app: a, slack: s}
	e.srv = httptest.NewServer(a.Mux)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *slackE2E) post(ctype, body string, hdr ...string) (int, string) {
	e.t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", kslack.Sign(e2eSecret, ts, []byte(body)))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := testClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// slash sends a signed slash command and returns the ack body.
func (e *slackE2E) slash(user, cmd, text string) string {
	e.t.Helper()
	code, body := e.post("application/x-www-form-urlencoded", url.Values{
		"team_id": {"T0"}, "channel_id": {"C0GEN"}, "user_id": {user}, "user_name": {strings.ToLower(user)},
		"command": {cmd}, "text": {text}, "response_url": {e.slack.ResponseURL(user)}, "trigger_id": {"trig-" + user},
	}.Encode())
	if code != 200 {
		e.t.Fatalf("%s %s: status %d %s", cmd, text, code, body)
	}
	return body
}

func (e *slackE2E) interact(payload any) (int, string) {
	e.t.Helper()
	b, _ := json.Marshal(payload)
	return e.post("application/x-www-form-urlencoded", url.Values{"payload": {string(b)}}.Encode())
}

// seed creates a region and a gathering as an admin, through Slack.
func (e *slackE2E) seed() {
	e.t.Helper()
	out := e.slash("UADMIN", "/region", `ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	if !strings.Contains(out, "Salten") || strings.Contains(out, ":warning:") {
		e.t.Fatalf("/region ny: %s", out)
	}
	out = e.slash("UADMIN", "/samling", `ny navn="Oppstartssamling" dato=`+ty+`-02-04 sted="Bodø" region=Salten frist=`+ty+`-01-20`)
	if !strings.Contains(out, "Oppstartssamling") || strings.Contains(out, ":warning:") {
		e.t.Fatalf("/samling ny: %s", out)
	}
}

// rsvpButton asks for U1's /rsvp list and returns the value and action
// id of the first button whose value starts with prefix. Each list is
// asked for with a trigger id of its own: the same signed /rsvp again
// within the second would be a replay.
func (e *slackE2E) rsvpButton(prefix string) (value, action string) {
	e.t.Helper()
	var m struct {
		Blocks []struct {
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	_, out := e.post("application/x-www-form-urlencoded", url.Values{
		"team_id": {"T0"}, "channel_id": {"C0GEN"}, "user_id": {"U1"}, "user_name": {"u1"},
		"command": {"/rsvp"}, "response_url": {e.slack.ResponseURL("U1")}, "trigger_id": {"trig-list-" + strconv.FormatInt(time.Now().UnixNano(), 10)},
	}.Encode())
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		e.t.Fatalf("list = %s", out)
	}
	for _, b := range m.Blocks {
		for _, el := range b.Elements {
			if strings.HasPrefix(el.Value, prefix) {
				return el.Value, el.ActionID
			}
		}
	}
	e.t.Fatalf("no %q button in %s", prefix, out)
	return "", ""
}

// clickBody is the form body of U1's click on a button of an ephemeral
// list. Slack stamps each click (action_ts): two clicks are two payloads.
func clickBody(responseURL, value, action string) string {
	b, _ := json.Marshal(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": "U1", "name": "u1"},
		"channel": map[string]any{"id": "C0GEN"}, "trigger_id": "trig-click", "response_url": responseURL,
		"container": map[string]any{"type": "message", "message_ts": "1700000000.000001", "channel_id": "C0GEN", "is_ephemeral": true},
		"actions": []map[string]any{{"type": "button", "block_id": "kb_item0_0", "action_id": action, "value": value,
			"action_ts": strconv.FormatInt(time.Now().UnixNano(), 10)}},
	})
	return url.Values{"payload": {string(b)}}.Encode()
}

func (e *slackE2E) rsvps() []store.RSVP {
	e.t.Helper()
	rs, err := e.app.DB.RSVPs(context.Background(), 1)
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

func TestSlackEndToEnd(t *testing.T) {
	t.Parallel()
	e := newSlackE2E(t, false)
	e.seed()

	t.Run("SignedSlashCommandStoresAndAnswers", func(t *testing.T) {
		out := e.slash("U1", "/rsvp", "1 ja 3 kommune=bodo overnatting=ja")
		var m struct {
			ResponseType string `json:"response_type"`
			Text         string `json:"text"`
		}
		if err := json.Unmarshal([]byte(out), &m); err != nil || m.ResponseType != "ephemeral" || !strings.Contains(m.Text, "Bodø") {
			t.Fatalf("ack = %s", out)
		}
		rs := e.rsvps()
		if len(rs) != 1 || rs[0].Answer != "ja" || rs[0].Headcount != 3 || rs[0].AnsweredBy != "slack:U1" || rs[0].Platform != "slack" {
			t.Fatalf("stored = %+v", rs)
		}
	})

	t.Run("UnsignedIsRefusedAndWritesNothing", func(t *testing.T) {
		body := url.Values{"command": {"/rsvp"}, "text": {"1 nei kommune=Fauske"}, "user_id": {"U9"}, "channel_id": {"C0GEN"}}.Encode()
		for _, sig := range []string{"", "v0=" + strings.Repeat("ab", 32)} {
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/slack/events", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
			if sig != "" {
				req.Header.Set("X-Slack-Signature", sig)
			}
			res, err := testClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 401 {
				t.Fatalf("status %d, want 401", res.StatusCode)
			}
		}
		if rs := e.rsvps(); len(rs) != 1 {
			t.Fatalf("a refused request wrote: %+v", rs)
		}
	})

	t.Run("ButtonClickStoresAndUpdatesTheList", func(t *testing.T) {
		// With their municipality set, the list's buttons answer for it.
		if out := e.slash("U1", "/kulturbot", "kommune Bodø"); strings.Contains(out, ":warning:") {
			t.Fatalf("/kulturbot kommune: %s", out)
		}
		// Find the "Nei" button of gathering 1 in the rendered list.
		value, action := e.rsvpButton("/rsvp 1 nei")
		before := len(e.slack.Calls("response_url"))
		code, _ := e.post("application/x-www-form-urlencoded", clickBody(e.slack.ResponseURL("click"), value, action))
		if code != 200 {
			t.Fatalf("click status %d", code)
		}
		rs := e.rsvps()
		if len(rs) != 1 || rs[0].Answer != "nei" || rs[0].Municipality.Name != "Bodø" {
			t.Fatalf("after the click on %q: %+v\ncalls: %+v", value, rs, e.slack.Calls(""))
		}
		c := e.slack.Wait(t, "response_url", before+1)[before]
		if c.JSON["replace_original"] != true || !strings.Contains(string(c.Body), "nei") {
			t.Fatalf("the list was not replaced: %s", c.Body)
		}
	})

	t.Run("ReplayedClickDoesNotRevert", func(t *testing.T) {
		// Someone who saw the user's signed "ja" click sends it again
		// after the user changed the answer to "nei": within the
		// signature's 5 minutes it verifies, and without the replay
		// guard it would set the answer back to "ja".
		click := func(prefix string) string {
			value, action := e.rsvpButton(prefix)
			return clickBody(e.slack.ResponseURL("click"), value, action)
		}
		answer := func() string {
			rs := e.rsvps()
			if len(rs) != 1 {
				t.Fatalf("rsvps = %+v", rs)
			}
			return rs[0].Answer
		}
		ja := click("/rsvp 1 ja")
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		sig := kslack.Sign(e2eSecret, ts, []byte(ja))
		const form = "application/x-www-form-urlencoded"
		if code, _ := e.post(form, ja, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sig); code != 200 || answer() != "ja" {
			t.Fatalf("the ja click: %d, answer %q", code, answer())
		}
		if code, _ := e.post(form, click("/rsvp 1 nei")); code != 200 || answer() != "nei" {
			t.Fatalf("the nei click: %d, answer %q", code, answer())
		}
		for _, s := range []string{sig, "v0=" + strings.ToUpper(sig[3:])} {
			if code, body := e.post(form, ja, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", s); code != 200 {
				t.Fatalf("replay: %d %s", code, body)
			}
			if a := answer(); a != "nei" {
				t.Fatalf("a replayed click set the answer back to %q", a)
			}
		}
	})

	t.Run("ModalSubmissionStoresInterest", func(t *testing.T) {
		if out := e.slash("U2", "/interesse", ""); out != "" {
			t.Fatalf("a bare /interesse should open a modal, got %s", out)
		}
		open := e.slack.Wait(t, "views.open", 1)[0]
		var view struct {
			CallbackID      string `json:"callback_id"`
			PrivateMetadata string `json:"private_metadata"`
			Blocks          []struct {
				BlockID string `json:"block_id"`
			} `json:"blocks"`
		}
		json.Unmarshal([]byte(open.Get("view")), &view)
		if open.Get("trigger_id") != "trig-U2" || len(view.Blocks) == 0 || view.Blocks[0].BlockID != "fylke" {
			t.Fatalf("views.open = %s", open.Get("view"))
		}
		submit := func(fylke, kommuner string) string {
			_, body := e.interact(map[string]any{
				"type": "view_submission", "user": map[string]any{"id": "U2", "name": "u2"},
				"view": map[string]any{"id": "V1", "callback_id": view.CallbackID, "private_metadata": view.PrivateMetadata,
					"state": map[string]any{"values": map[string]any{
						"fylke":    map[string]any{"fylke": map[string]any{"type": "static_select", "selected_option": map[string]any{"value": fylke}}},
						"kommuner": map[string]any{"kommuner": map[string]any{"type": "plain_text_input", "value": kommuner}},
						"kontakt":  map[string]any{"kontakt": map[string]any{"type": "plain_text_input", "value": "Kari Nordmann"}},
					}}},
			})
			return body
		}
		body := submit("Nordland", "")
		if !strings.Contains(body, `"response_action":"errors"`) || !strings.Contains(body, `"kommuner"`) {
			t.Fatalf("no inline error for missing municipalities: %s", body)
		}
		if is, _ := e.app.DB.Interests(context.Background(), store.InterestFilter{}); len(is) != 0 {
			t.Fatalf("an invalid form was stored: %+v", is)
		}
		body = submit("Nordland", "Bodø, Fauske, Saltdal")
		if !strings.Contains(body, `"response_action":"clear"`) {
			t.Fatalf("valid submission: %s", body)
		}
		is, _ := e.app.DB.Interests(context.Background(), store.InterestFilter{})
		if len(is) != 1 || is[0].County != "Nordland" || len(is[0].Municipalities) != 3 || is[0].CreatedBy != "slack:U2" {
			t.Fatalf("stored = %+v", is)
		}
		c := e.slack.Wait(t, "chat.postEphemeral", 1)[0]
		if c.Get("user") != "U2" || c.Get("channel") != "C0GEN" {
			t.Fatalf("confirmation = %v", c.Form)
		}
	})

	t.Run("RetriedEventIsProcessedOnce", func(t *testing.T) {
		ev, _ := json.Marshal(map[string]any{"type": "event_callback", "event_id": "Ev0E2E", "team_id": "T0",
			"event": map[string]any{"type": "app_mention", "user": "U3", "text": "<@UBOT> /rsvp 1 kanskje 2 kommune=Fauske",
				"ts": "1700000000.000200", "channel": "C0GEN"}})
		for i, retry := range []string{"", "1", "2"} {
			var hdr []string
			if retry != "" {
				hdr = []string{"X-Slack-Retry-Num", retry, "X-Slack-Retry-Reason", "http_timeout"}
			}
			if code, _ := e.post("application/json", string(ev), hdr...); code != 200 {
				t.Fatalf("delivery %d: status %d", i, code)
			}
		}
		e.slack.Wait(t, "chat.postEphemeral", 2)
		time.Sleep(100 * time.Millisecond) // let any duplicate run, if one were to
		var hist []store.RSVPChange
		for _, r := range e.rsvps() {
			if r.Municipality.Name == "Fauske" {
				hist, _ = e.app.DB.RSVPHistory(context.Background(), 1, r.Municipality.ID)
			}
		}
		if len(hist) != 1 {
			t.Fatalf("a retried event wrote %d answers, want 1", len(hist))
		}
	})
}

func TestSlackSocketModeEndToEnd(t *testing.T) {
	t.Parallel()
	e := newSlackE2E(t, true)
	e.seed()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, r := range e.app.runners {
			go r(ctx)
		}
		<-ctx.Done()
	}()
	defer func() { cancel(); <-done }()
	id := e.slack.Send(t, "slash_commands", map[string]any{
		"command": "/rsvp", "text": "1 ja 4 kommune=Saltdal", "user_id": "U5", "user_name": "u5",
		"channel_id": "C0GEN", "response_url": e.slack.ResponseURL("sock"), "trigger_id": "trig-s",
	})
	ack := e.slack.WaitAck(t, id)
	if !strings.Contains(string(ack.Payload), "Saltdal") {
		t.Fatalf("ack payload = %s", ack.Payload)
	}
	found := false
	for _, r := range e.rsvps() {
		if r.Municipality.Name == "Saltdal" && r.Answer == "ja" && r.Headcount == 4 {
			found = true
		}
	}
	if !found {
		t.Fatalf("socket RSVP not stored: %+v", e.rsvps())
	}
}

// manifest runs `kulturbot manifest args...` (a noApp subcommand: no
// database is opened).
func manifest(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errOut strings.Builder
	env := noEnv
	db := filepath.Join(t.TempDir(), "never-created.db")
	code := Main(context.Background(), append([]string{"--db", db, "manifest"}, args...), env, strings.NewReader(""), &out, &errOut)
	if _, err := os.Stat(db); err == nil {
		t.Error("manifest opened the database")
	}
	return out.String() + errOut.String(), code
}

func TestManifestSubcommand(t *testing.T) {
	t.Parallel()
	out, code := manifest(t, "slack", "--http", "https://bot.example.no")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var m kslack.Manifest
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if m.Settings.SocketModeEnabled || m.Settings.Interactivity.RequestURL != "https://bot.example.no/slack/events" || len(m.Features.SlashCommands) != 7 {
		t.Fatalf("manifest = %s", out)
	}
	out, code = manifest(t, "slack", "--yaml")
	if code != 0 || !strings.Contains(out, "socket_mode_enabled: true") || !strings.Contains(out, "- command: /rsvp") {
		t.Fatalf("yaml manifest (exit %d):\n%s", code, out)
	}
	if _, code := manifest(t, "discord"); code == 0 {
		t.Fatal("manifest discord should fail with usage")
	}
}
