package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// discordREST is a small stand-in for Discord's REST API: it records
// command registrations, callbacks and webhook edits.
type discordREST struct {
	*httptest.Server
	mu    sync.Mutex
	calls []string // "METHOD path"
	edits []map[string]any
	posts map[string][]map[string]any // channel id -> messages posted
}

func newDiscordREST(t *testing.T) *discordREST {
	d := &discordREST{}
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		d.mu.Lock()
		d.calls = append(d.calls, r.Method+" "+r.URL.Path)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		if r.Method == http.MethodPatch {
			d.edits = append(d.edits, m)
		}
		if ch, ok := strings.CutPrefix(r.URL.Path, "/api/v9/channels/"); ok && r.Method == http.MethodPost && strings.HasSuffix(ch, "/messages") {
			if d.posts == nil {
				d.posts = map[string][]map[string]any{}
			}
			ch = strings.TrimSuffix(ch, "/messages")
			d.posts[ch] = append(d.posts[ch], m)
		}
		d.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPut {
			w.Write(b) // bulk overwrite echoes the commands
			return
		}
		io.WriteString(w, `{"id":"m1","channel_id":"c1"}`)
	}))
	t.Cleanup(d.Close)
	return d
}

func (d *discordREST) called(prefix string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, c := range d.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

// discordE2E is the real App (handlers, SQLite store, router middleware)
// with the Discord adapter on its HTTP mux, driven by signed interactions.
type discordE2E struct {
	t    *testing.T
	app  *App
	srv  *httptest.Server
	rest *discordREST
	priv ed25519.PrivateKey
	seq  int
}

func newDiscordE2E(t *testing.T) *discordE2E {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	rest := newDiscordREST(t)
	cfg := &Config{
		DB: filepath.Join(t.TempDir(), "k.db"), Admins: "discord:42", RateLimit: 0, Retention: time.Hour,
		DiscordBotToken: "test-token", DiscordAppID: "999", DiscordPublicKey: hex.EncodeToString(pub),
		DiscordGuildID: "g1", DiscordAPIURL: rest.URL, InterestDeadline: "15.09",
	}
	a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	ok, err := a.startDiscord(context.Background())
	if err != nil || !ok {
		t.Fatalf("startDiscord: %v %v", ok, err)
	}
	if !a.httpUsed || a.Posters[bot.Discord] == nil {
		t.Fatal("the endpoint or the poster was not wired")
	}
	e := &discordE2E{t: t, app: a, rest: rest, priv: priv}
	e.srv = httptest.NewServer(a.Mux)
	t.Cleanup(e.srv.Close)
	return e
}

// send posts a signed interaction and returns the status and decoded body.
func (e *discordE2E) send(id string, typ int, user, data string) (int, map[string]any) {
	e.t.Helper()
	body := `{"id":"` + id + `","application_id":"999","type":` + strconv.Itoa(typ) + `,"token":"tok-` + id +
		`","version":1,"channel_id":"c1","guild_id":"g1","locale":"nb","member":{"user":{"id":"` + user +
		`","username":"u` + user + `"},"roles":[]},"data":` + data + `}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/discord/interactions", strings.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(e.priv, []byte(ts+body))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := testClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m
}

// command runs a slash command and returns the response text (content or
// embed title+description).
func (e *discordE2E) command(user, name, sub string, opts ...string) map[string]any {
	e.t.Helper()
	e.seq++
	data := `{"id":"1","name":"` + name + `","type":1,"options":[{"name":"` + sub + `","type":1,"options":[` + strings.Join(opts, ",") + `]}]}`
	code, resp := e.send(strconv.Itoa(5000+e.seq), 2, user, data)
	if code != http.StatusOK {
		e.t.Fatalf("/%s %s: status %d", name, sub, code)
	}
	return resp
}

func text(resp map[string]any) string {
	d, _ := resp["data"].(map[string]any)
	if d == nil {
		return ""
	}
	s, _ := d["content"].(string)
	if es, ok := d["embeds"].([]any); ok {
		for _, e := range es {
			em := e.(map[string]any)
			for _, k := range []string{"title", "description"} {
				if v, ok := em[k].(string); ok {
					s += "\n" + v
				}
			}
		}
	}
	return s
}

func so(name, v string) string {
	return `{"name":"` + name + `","type":3,"value":` + strconv.Quote(v) + `}`
}

func (e *discordE2E) export(kind string) string {
	b, _, err := e.app.DB.ExportBytes(context.Background(), kind)
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

func TestDiscordEndToEnd(t *testing.T) {
	t.Parallel()
	e := newDiscordE2E(t)
	if n := e.rest.called("PUT /api/v9/applications/999/guilds/g1/commands"); n != 1 {
		t.Fatalf("commands registered %d times at start-up; calls %v", n, e.rest.calls)
	}

	// Admin set-up through typed options.
	if r := e.command("42", "region", "ny", so("navn", "Salten"), so("kommuner", "Bodø, Fauske, Saltdal")); !strings.Contains(text(r), "Salten") {
		t.Fatalf("region: %s", text(r))
	}
	t.Logf("region ny -> %q", text(e.command("42", "region", "liste")))
	r := e.command("42", "samling", "ny", so("navn", "Oppstartssamling"), so("dato", "4.2."+ty), so("sted", "Bodø"), so("region", "Salten"), so("frist", ty+"-01-20"))
	if !strings.Contains(text(r), "Oppstartssamling") {
		t.Fatalf("samling: %s", text(r))
	}
	t.Logf("samling ny -> %q", text(r))
	// Not an admin: refused, nothing created.
	if r := e.command("7", "samling", "ny", so("navn", "Snik"), so("dato", ty+"-03-01"), so("sted", "Bodø")); r["data"].(map[string]any)["flags"] != 64.0 {
		t.Fatalf("non-admin samling ny: %v", r)
	}

	// Autocomplete with the real Suggester shows the gathering by name and date.
	_, ac := e.send("6001", 4, "7", `{"id":"1","name":"rsvp","type":1,"options":[{"name":"svar","type":1,"options":[{"name":"samling","type":3,"value":"opp","focused":true}]}]}`)
	ch := ac["data"].(map[string]any)["choices"].([]any)
	if len(ch) != 1 || ch[0].(map[string]any)["name"] != "#1 Oppstartssamling – 4. februar "+ty || ch[0].(map[string]any)["value"] != "1" {
		t.Fatalf("autocomplete %v", ac)
	}

	// The user sets their municipality, lists gatherings, clicks "ja".
	e.command("7", "kulturbot", "kommune", so("navn", "bodo"))
	list := e.command("7", "rsvp", "liste")
	comps := list["data"].(map[string]any)["components"].([]any)
	btn := comps[0].(map[string]any)["components"].([]any)[0].(map[string]any)
	if btn["custom_id"] != "/rsvp 1 ja" {
		t.Fatalf("first button %v", btn)
	}
	code, click := e.send("6002", 3, "7", `{"custom_id":"/rsvp 1 ja","component_type":2}`)
	t.Logf("click -> type %v %q", click["type"], text(click))
	if code != 200 || click["type"] != 7.0 {
		t.Fatalf("click answered %d %v", code, click)
	}
	if csv := e.export("rsvp"); !strings.Contains(csv, ";Bodø;ja;") {
		t.Fatalf("the click did not store the RSVP:\n%s", csv)
	}

	// Typed options for another municipality; a repeat of the same
	// interaction id is answered harmlessly and stores nothing twice.
	svar := `{"id":"1","name":"rsvp","type":1,"options":[{"name":"svar","type":1,"options":[` +
		so("samling", "1") + `,` + so("svar", "kanskje") + `,{"name":"antall","type":4,"value":3},` + so("kommune", "Fauske") + `,{"name":"overnatting","type":5,"value":true}]}]}`
	_, first := e.send("6003", 2, "7", svar)
	_, again := e.send("6003", 2, "7", svar)
	if !strings.Contains(text(first), "Fauske") || !strings.Contains(text(again), "allerede behandlet") {
		t.Fatalf("first %q, again %q", text(first), text(again))
	}
	hist, err := e.app.DB.RSVPs(context.Background(), 1)
	if err != nil || len(hist) != 2 {
		t.Fatalf("rsvps %v %v", hist, err)
	}
	if csv := e.export("rsvp"); !strings.Contains(csv, ";Fauske;kanskje;3;ja;") {
		t.Fatalf("typed RSVP not stored:\n%s", csv)
	}

	// Bare /interesse ny opens the modal; submitting it stores the registration.
	modal := e.command("7", "interesse", "ny")
	if modal["type"] != 9.0 || modal["data"].(map[string]any)["custom_id"] != "/interesse" {
		t.Fatalf("no modal: %v", modal)
	}
	submit := func(id, county string) map[string]any {
		_, r := e.send(id, 5, "7", `{"custom_id":"/interesse","components":[`+
			`{"type":1,"components":[{"type":4,"custom_id":"fylke","value":"`+county+`"}]},`+
			`{"type":1,"components":[{"type":4,"custom_id":"kommuner","value":"Bodø, Fauske, Saltdal"}]},`+
			`{"type":1,"components":[{"type":4,"custom_id":"kontakt","value":"Kari Nordmann"}]}]}`)
		return r
	}
	bad := submit("6004", "Nordlandd")
	t.Logf("invalid modal -> %q", text(bad))
	if bad["data"].(map[string]any)["flags"] != 64.0 || !strings.Contains(text(bad), "⚠️") {
		t.Fatalf("invalid modal answered %v", bad)
	}
	if csv := e.export("interesse"); strings.Count(csv, "\n") != 1 {
		t.Fatalf("an invalid submit wrote something:\n%s", csv)
	}
	ok := submit("6005", "nordland")
	if strings.Contains(text(ok), "⚠️") {
		t.Fatalf("valid modal answered %q", text(ok))
	}
	if csv := e.export("interesse"); !strings.Contains(csv, "Nordland;Bodø, Fauske, Saltdal;Kari Nordmann") {
		t.Fatalf("registration not stored:\n%s", csv)
	}

	// A bad signature is refused and writes nothing.
	body := `{"id":"6006","application_id":"999","type":3,"token":"x","member":{"user":{"id":"7"}},"data":{"custom_id":"/rsvp 1 nei","component_type":2}}`
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/discord/interactions", strings.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", strings.Repeat("ab", 64))
	req.Header.Set("X-Signature-Timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	resp, err := testClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("bad signature: %d", resp.StatusCode)
	}
	if csv := e.export("rsvp"); !strings.Contains(csv, ";Bodø;ja;") {
		t.Fatalf("a forged click changed the answer:\n%s", csv)
	}
}

func TestDiscordRegisterCommand(t *testing.T) {
	t.Parallel()
	rest := newDiscordREST(t)
	env := noEnv
	var out, errOut strings.Builder
	code := Main(context.Background(), []string{"--discord-bot-token", "test-token", "--discord-app-id", "999",
		"--discord-api-url", rest.URL, "--discord-guild-id", "g9", "discord", "register"}, env, strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got := strings.TrimSpace(out.String()); got != "registered 7 Discord commands in guild g9: /faq /interesse /rsvp /veiledning /region /samling /kulturbot" {
		t.Fatalf("output %q", got)
	}
	if n := rest.called("PUT /api/v9/applications/999/guilds/g9/commands"); n != 1 {
		t.Fatalf("bulk overwrite calls: %v", rest.calls)
	}
	// --print needs neither token nor network.
	out.Reset()
	if code := Main(context.Background(), []string{"discord", "register", "--print"}, env, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("--print exit %d: %s", code, errOut.String())
	}
	var cmds []map[string]any
	if err := json.Unmarshal([]byte(out.String()), &cmds); err != nil || len(cmds) != 7 {
		t.Fatalf("--print gave %d commands, %v", len(cmds), err)
	}
	// Without a token: a clear error.
	errOut.Reset()
	if code := Main(context.Background(), []string{"discord", "register"}, env, strings.NewReader(""), &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "DISCORD_BOT_TOKEN") {
		t.Fatalf("no token: exit %d, %q", code, errOut.String())
	}
}

// TestDiscordQuestionLoop: /faq answers with feedback buttons; a question
// the working group answers later reaches the asker in the channel where
// they asked, through the Discord poster, with a ping.
func TestDiscordQuestionLoop(t *testing.T) {
	t.Parallel()
	e := newDiscordE2E(t)
	_, ans := e.send("7001", 2, "7", `{"id":"1","name":"faq","type":1,"options":[`+so("spørsmål", "Hvor mange samlinger er det i et regionprogram?")+`]}`)
	if ans["type"] == 5.0 {
		e.app.Router.Wait()
	} else {
		data := ans["data"].(map[string]any)
		if !strings.Contains(text(ans), "seks") {
			t.Fatalf("answer %q", text(ans))
		}
		row := data["components"].([]any)[0].(map[string]any)["components"].([]any)
		if row[0].(map[string]any)["label"] != "👍" || !strings.HasPrefix(row[0].(map[string]any)["custom_id"].(string), "/kulturbot stemme ") {
			t.Fatalf("feedback buttons %v", row)
		}
		// The 👍 click is stored as the asker's vote.
		code, vote := e.send("7002", 3, "7", `{"custom_id":"`+row[0].(map[string]any)["custom_id"].(string)+`","component_type":2}`)
		if code != 200 || strings.Contains(text(vote), "⚠") {
			t.Fatalf("vote %d %v", code, vote)
		}
	}

	// A question logged from Discord channel c-spørsmål, answered by an admin.
	ctx := context.Background()
	asker := &bot.Request{Platform: bot.Discord, User: bot.User{ID: "7", Name: "Kari"}}
	qid, err := e.app.DB.AddQuestion(ctx, store.Question{Question: "Hvilken farge har logoen?", Lang: "nb", Asker: store.AuthorOf(asker), Channel: "c-sporsmal"})
	if err != nil {
		t.Fatal(err)
	}
	r := e.command("42", "kulturbot", "svar", `{"name":"id","type":4,"value":`+strconv.FormatInt(qid, 10)+`}`,
		so("tekst", `Den er "kulturskolegrønn".`), `{"name":"ikke-faq","type":5,"value":true}`)
	if strings.Contains(text(r), "⚠") || r["data"].(map[string]any)["flags"] != 64.0 {
		t.Fatalf("svar answered %v", r)
	}
	e.app.Router.Wait() // notices are delivered in the background
	e.rest.mu.Lock()
	posted := e.rest.posts["c-sporsmal"]
	e.rest.mu.Unlock()
	if len(posted) != 1 {
		t.Fatalf("notice posts %v (calls %v)", posted, e.rest.calls)
	}
	embed := posted[0]["embeds"].([]any)[0].(map[string]any)
	// The asker is mentioned in content, where Discord notifies.
	if posted[0]["content"] != "<@7>" || !strings.Contains(embed["description"].(string), `Den er "kulturskolegrønn".`) {
		t.Fatalf("notice %v", posted[0])
	}
	q, err := e.app.DB.Question(ctx, qid)
	if err != nil || q.Answer != `Den er "kulturskolegrønn".` {
		t.Fatalf("stored answer %q %v", q.Answer, err)
	}
}

// With DISCORD_GUILD_ID and a bot token, a gathering made through Discord
// gets one scheduled event in the guild (the syncer is wired to the
// handlers and talks to Discord through the adapter's REST client).
func TestDiscordScheduledEventWired(t *testing.T) {
	e := newDiscordE2E(t)
	if e.app.DiscordEvents == nil {
		t.Fatal("no scheduled-event syncer with DISCORD_GUILD_ID and a token")
	}
	e.command("42", "region", "ny", so("navn", "Salten"), so("kommuner", "Bodø, Fauske, Saltdal"))
	e.command("42", "samling", "ny", so("navn", "Oppstartssamling"), so("dato", "4.2."+ty), so("sted", "Bodø"), so("region", "Salten"))
	res, err := e.app.DiscordEvents.Sync(context.Background())
	if err != nil || res.Created != 1 {
		t.Fatalf("sync: %+v %v", res, err)
	}
	if n := e.rest.called("POST /api/v9/guilds/g1/scheduled-events"); n != 1 {
		t.Fatalf("%d scheduled events created; calls %v", n, e.rest.calls)
	}
}
