package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/testutil"
)

// call is one request the fake Discord REST API received.
type call struct {
	Method, Path, Query string
	Auth                string
	JSON                map[string]any // JSON body, or payload_json of a multipart body
	Raw                 []byte
	Files               map[string]string // multipart file name -> content
}

// fakeDiscord stands in for Discord's REST API: command registration,
// interaction callbacks, webhook edits/follow-ups, channel messages, DMs and
// the CDN. The real discordgo client talks to it through DISCORD_API_URL.
type fakeDiscord struct {
	*httptest.Server
	mu    sync.Mutex
	calls []call
	// rateLimit makes the next N channel messages answer 429.
	rateLimit int
	// unknownChannel answers channel posts to this id with 404 Unknown Channel.
	unknownChannel string
	// refuseReference answers messages that reply to another message with
	// 400, as Discord does without Read Message History.
	refuseReference bool
	// gateway: frames to send to a connected gateway client, and the
	// IDENTIFY payload it sent.
	gwSend     chan string
	identified chan map[string]any
	// members of guild g1 (GET /guilds/g1/members/{id}); others are 404.
	members map[string]bool
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{gwSend: make(chan string, 16), identified: make(chan map[string]any, 1)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/gw") {
		f.gateway(w, r)
		return
	}
	c := call{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization")}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		c.Files = map[string]string{}
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			b, _ := io.ReadAll(p)
			if p.FormName() == "payload_json" {
				c.Raw = b
				_ = json.Unmarshal(b, &c.JSON)
			} else {
				c.Files[p.FileName()] = string(b)
			}
		}
	} else {
		c.Raw, _ = io.ReadAll(r.Body)
		if len(c.Raw) > 0 {
			_ = json.Unmarshal(c.Raw, &c.JSON)
		}
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	limited := false
	if strings.HasSuffix(r.URL.Path, "/messages") && strings.HasPrefix(r.URL.Path, "/api/v9/channels/") && f.rateLimit > 0 {
		f.rateLimit--
		limited = true
	}
	unknown := f.unknownChannel != "" && r.URL.Path == "/api/v9/channels/"+f.unknownChannel+"/messages"
	refused := f.refuseReference && c.JSON["message_reference"] != nil
	f.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	p := r.URL.Path
	switch {
	case limited:
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"message":"You are being rate limited.","retry_after":1.5,"global":false}`)
	case refused:
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"message":"Invalid Form Body","code":50035}`)
	case unknown:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Unknown Channel","code":10003}`)
	case strings.HasPrefix(p, "/attachments/"):
		w.Header().Set("Content-Type", "text/markdown")
		io.WriteString(w, "# Rammeverk\n\nTekst.\n")
	case p == "/api/v9/gateway" && c.Auth == "Bot bad-token":
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"401: Unauthorized","code":0}`)
	case p == "/api/v9/gateway":
		io.WriteString(w, `{"url":"ws://`+r.Host+`/gw"}`)
	case p == "/api/v9/oauth2/applications/@me":
		io.WriteString(w, `{"id":"999","name":"kulturbot"}`)
	case strings.HasSuffix(p, "/commands") && r.Method == http.MethodPut:
		var cmds []map[string]any
		_ = json.Unmarshal(c.Raw, &cmds)
		for i, cmd := range cmds {
			cmd["id"] = strconv.Itoa(1000 + i)
		}
		_ = json.NewEncoder(w).Encode(cmds)
	case strings.HasSuffix(p, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(p, "/api/v9/guilds/g1/members/"):
		id := strings.TrimPrefix(p, "/api/v9/guilds/g1/members/")
		f.mu.Lock()
		ok := f.members[id]
		f.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"Unknown Member","code":10007}`)
			return
		}
		io.WriteString(w, `{"user":{"id":"`+id+`","username":"m"},"roles":[]}`)
	case p == "/api/v9/users/@me/channels":
		io.WriteString(w, `{"id":"dm-1","type":1}`)
	default: // message creation and edits
		io.WriteString(w, `{"id":"m1","channel_id":"c1","content":""}`)
	}
}

// find returns the calls whose method and path (prefix) match.
func (f *fakeDiscord) find(method, pathPrefix string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method && strings.HasPrefix(c.Path, pathPrefix) {
			out = append(out, c)
		}
	}
	return out
}

// memDedup is a small in-memory bot.Deduper for unit tests.
type memDedup struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (d *memDedup) FirstSeen(_ context.Context, platform, id string) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	k := platform + ":" + id
	if d.seen[k] {
		return false, nil
	}
	d.seen[k] = true
	return true, nil
}

func (d *memDedup) Forget(_ context.Context, platform, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.seen, platform+":"+id)
	return nil
}

// recorder is a router whose routes record what reached them and answer
// with a reply chosen by the test.
type recorder struct {
	mu      sync.Mutex
	reqs    []bot.Request
	replies map[string]func(*bot.Request) (bot.Reply, error)
	release chan struct{} // when set, "treg" waits for it
}

func (rc *recorder) got() []bot.Request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]bot.Request(nil), rc.reqs...)
}

func newRouter(rc *recorder) *bot.Router {
	r := bot.NewRouter(nil)
	r.Use(bot.Dedup(&memDedup{}))
	h := func(name string) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
			rc.mu.Lock()
			rc.reqs = append(rc.reqs, *req)
			fn := rc.replies[name]
			release := rc.release
			rc.mu.Unlock()
			if name == "treg" && release != nil {
				<-release
			}
			if fn != nil {
				return fn(req)
			}
			return bot.Text("ok " + name + " " + req.Text), nil
		})
	}
	// kulturbot's own commands (their metadata says how an interaction
	// becomes request text), each answered by the recorder.
	for _, rt := range testutil.Routes() {
		c := *rt
		c.Handler, c.Slow, c.Admin = h(rt.Name), false, false // admin checks are the router's, tested there
		r.Add(c)
	}
	for _, n := range []string{"treg", ""} {
		r.Add(bot.Route{Name: n, Handler: h(n)})
	}
	r.Add(bot.Route{Name: "sakte", Handler: h("sakte"), Slow: true})
	return r
}

// fakeSuggester completes from fixed lists.
type fakeSuggester struct{}

func (fakeSuggester) Suggest(_ context.Context, field, prefix string, lang bot.Lang) []bot.Option {
	all := map[string][]bot.Option{
		"samling": {{Label: "#3 Samling i Bodø – 6. februar 2025", Value: "3"}, {Label: "#4 Samling i Vefsn – 8. mai 2025", Value: "4"}, {Label: "#7 Nasjonal samling – 2. oktober 2025", Value: "7"}},
		"kommune": {{Label: "Bodø", Value: "Bodø"}, {Label: "Bø", Value: "Bø"}, {Label: "Vefsn", Value: "Vefsn"}, {Label: "Rana", Value: "Rana"}},
		"fylke":   {{Label: "Nordland", Value: "Nordland"}, {Label: "Nord-Norge?", Value: "x"}},
	}
	all["kommuner"] = all["kommune"]
	// Like the handlers: a list completes its last name, keeping the rest.
	head := ""
	if k := strings.LastIndexAny(prefix, ",;"); field == "kommuner" && k >= 0 {
		head, prefix = strings.TrimSpace(prefix[:k+1])+" ", strings.TrimSpace(prefix[k+1:])
	}
	var out []bot.Option
	for _, o := range all[field] {
		if prefix == "" || strings.Contains(bot.Fold(o.Label), bot.Fold(prefix)) {
			out = append(out, bot.Option{Label: head + o.Label, Value: head + o.Value})
		}
	}
	return out
}

// harness is an adapter wired to a fake Discord and a recording router.
type harness struct {
	t    *testing.T
	fd   *fakeDiscord
	rc   *recorder
	ad   *Adapter
	priv ed25519.PrivateKey
	now  time.Time
}

func newHarness(t *testing.T, mod ...func(*Options)) *harness {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, fd: newFakeDiscord(t), rc: &recorder{replies: map[string]func(*bot.Request) (bot.Reply, error){}}, priv: priv,
		now: time.Date(2025, 1, 10, 12, 0, 0, 0, time.UTC)}
	opt := Options{
		Router: newRouter(h.rc), Suggester: fakeSuggester{}, Token: "test-token", AppID: "999",
		PublicKey: hex.EncodeToString(pub), APIURL: h.fd.URL, Admins: map[string]bool{"discord:42": true},
		AdminRole: "role-admin", Now: func() time.Time { return h.now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	for _, m := range mod {
		m(&opt)
	}
	h.ad, err = New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// post sends a signed interaction to the endpoint and returns the response.
func (h *harness) post(body string) *httptest.ResponseRecorder {
	h.t.Helper()
	ts := strconv.FormatInt(h.now.Unix(), 10)
	sig := ed25519.Sign(h.priv, []byte(ts+body))
	return h.postSigned(body, ts, hex.EncodeToString(sig))
}

func (h *harness) postSigned(body, ts, sig string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if sig != "" {
		r.Header.Set("X-Signature-Ed25519", sig)
	}
	if ts != "" {
		r.Header.Set("X-Signature-Timestamp", ts)
	}
	w := httptest.NewRecorder()
	h.ad.ServeHTTP(w, r)
	return w
}

// decode parses a JSON response body.
func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, b)
	}
	return m
}

// ix builds an interaction payload as Discord sends it. extra may replace
// the member ("member":... or "user":... for a DM) or add fields (a later
// "locale" wins over the default).
func ix(id string, typ int, data string, extra ...string) string {
	member := `"member":{"user":{"id":"7","username":"kari","global_name":"Kari"},"roles":[],"nick":""}`
	var more []string
	for _, e := range extra {
		if strings.HasPrefix(e, `"member"`) || strings.HasPrefix(e, `"user"`) {
			member = e
		} else {
			more = append(more, e)
		}
	}
	s := `{"id":"` + id + `","application_id":"999","type":` + strconv.Itoa(typ) +
		`,"token":"tok-` + id + `","version":1,"channel_id":"c1","guild_id":"g1","locale":"nb",` + member
	for _, m := range more {
		s += "," + m
	}
	return s + `,"data":` + data + `}`
}

// cmd builds application command data with one subcommand.
func cmd(name, sub string, opts ...string) string {
	o := strings.Join(opts, ",")
	if sub == "" {
		return `{"id":"1","name":"` + name + `","type":1,"options":[` + o + `]}`
	}
	return `{"id":"1","name":"` + name + `","type":1,"options":[{"name":"` + sub + `","type":1,"options":[` + o + `]}]}`
}

func sopt(name, v string) string {
	return `{"name":"` + name + `","type":3,"value":` + strconv.Quote(v) + `}`
}
func iopt(name string, v int) string {
	return `{"name":"` + name + `","type":4,"value":` + strconv.Itoa(v) + `}`
}
func bopt(name string, v bool) string {
	return `{"name":"` + name + `","type":5,"value":` + strconv.FormatBool(v) + `}`
}

// interaction parses a payload as the gateway would deliver it.
func interaction(t *testing.T, body string) *discordgo.Interaction {
	t.Helper()
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(body), &i); err != nil {
		t.Fatal(err)
	}
	return &i
}

// gateway speaks just enough of Discord's gateway protocol for discordgo:
// HELLO, IDENTIFY, READY, then the dispatches the test queues.
func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	if c.WriteMessage(websocket.TextMessage, []byte(`{"op":10,"d":{"heartbeat_interval":45000}}`)) != nil {
		return
	}
	var id map[string]any
	if err := c.ReadJSON(&id); err != nil {
		return
	}
	f.identified <- id
	ready := `{"op":0,"s":1,"t":"READY","d":{"v":9,"session_id":"s1","user":{"id":"bot-1","username":"kulturbot","bot":true},"application":{"id":"999"},"guilds":[]}}`
	if c.WriteMessage(websocket.TextMessage, []byte(ready)) != nil {
		return
	}
	go func() { // drain heartbeats and notice the client closing
		for {
			if _, _, err := c.ReadMessage(); err != nil {
				return
			}
		}
	}()
	for {
		select {
		case m := <-f.gwSend:
			if c.WriteMessage(websocket.TextMessage, []byte(m)) != nil {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}

// waitFor polls until n calls match, or fails after a generous bound (this
// waits for work to happen; it asserts nothing about how fast).
func (f *fakeDiscord) waitFor(t *testing.T, method, path string, n int) []call {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := f.find(method, path)
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}
