package discordevents_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/discord"
	"github.com/kulturskoleradet/kulturbot/discordevents"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
)

const guild = "900100200300"

// call is one scheduled-event request the stand-in received.
type call struct {
	Method, Path string
	Body         map[string]any
}

// fakeDiscord stands in for Discord's REST API for guild scheduled events;
// the real discordgo client talks to it through the adapter's
// DISCORD_API_URL rewrite.
type fakeDiscord struct {
	*httptest.Server
	mu    sync.Mutex
	calls []call
	seq   int
	fail  int           // answer the next N requests with 500
	hold  chan struct{} // when set, requests wait until it is closed
}

func newFake(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	hold := f.hold
	f.mu.Unlock()
	if hold != nil {
		<-hold
	}
	body, _ := io.ReadAll(r.Body)
	var m map[string]any
	json.Unmarshal(body, &m)
	prefix := "/api/v" + discordgo.APIVersion + "/guilds/" + guild + "/scheduled-events"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		http.Error(w, `{"message": "Unknown route", "code": 0}`, http.StatusNotFound)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, prefix), Body: m})
	if f.fail > 0 {
		f.fail--
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"message": "Internal Server Error", "code": 0}`)
		return
	}
	id := strings.TrimPrefix(r.URL.Path, prefix+"/")
	if r.Method == http.MethodPost && r.URL.Path == prefix {
		f.seq++
		id = fmt.Sprintf("77%04d", f.seq)
	}
	m["id"], m["guild_id"] = id, guild
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(m)
}

func (f *fakeDiscord) snapshot() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// waitCalls waits until the stand-in has seen n requests.
func (f *fakeDiscord) waitCalls(t *testing.T, n int) []call {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cs := f.snapshot(); len(cs) >= n {
			return cs
		}
	}
	t.Fatalf("the stand-in saw %d requests, want %d: %+v", len(f.snapshot()), n, f.snapshot())
	return nil
}

type env struct {
	t    *testing.T
	db   *store.DB
	r    *bot.Router
	sync *discordevents.Syncer
	fake *fakeDiscord
	now  time.Time
}

func newEnv(t *testing.T) *env {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, fake: newFake(t), now: time.Date(2025, 1, 10, 10, 0, 0, 0, bot.Oslo)}
	db.Now = func() time.Time { return e.now }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ad, err := discord.New(discord.Options{Token: "test-token", AppID: "1", APIURL: e.fake.URL, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	e.sync = discordevents.New(db, ad.Session(), guild, log)
	e.r = bot.NewRouter(log)
	h := handlers.Register(e.r, &handlers.Deps{DB: db, Config: handlers.Config{DeadlineMonth: time.September, DeadlineDay: 15}, Log: log})
	h.AddGatheringObserver(e.sync)
	return e
}

func (e *env) ok(line string) bot.Reply {
	e.t.Helper()
	cmd, text, _ := strings.Cut(strings.TrimPrefix(line, "/"), " ")
	rep := e.r.Handle(context.Background(), &bot.Request{Platform: bot.Discord, User: bot.User{ID: "admin", Name: "Admin", Admin: true},
		Command: cmd, Text: text, Time: e.now})
	if rep.Error != nil {
		e.t.Fatalf("%s: %s", line, rep.Text)
	}
	return rep
}

// run starts the syncer's loop for the test.
func (e *env) run() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.sync.Run(ctx); close(done) }()
	e.t.Cleanup(func() { cancel(); <-done })
}

func TestNyEndreAvlysMakeOneCallEach(t *testing.T) {
	e := newEnv(t)
	e.run()
	e.ok(`/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"`)
	e.ok(`/samling ny navn="Samling 1" dato=2025-02-06 sted="Bodø kulturhus" region=Salten frist=2025-01-31`)
	create := e.fake.waitCalls(t, 1)[0]
	e.ok(`/samling endre 1 sted="Fauske" tid=10-12:30`)
	update := e.fake.waitCalls(t, 2)[1]
	e.ok(`/samling avlys 1 --bekreft`)
	cancel := e.fake.waitCalls(t, 3)[2]
	// Nothing more comes: a few more passes find everything in step.
	for i := 0; i < 3; i++ {
		res, err := e.sync.Sync(context.Background())
		if err != nil || res != (discordevents.Result{}) {
			t.Fatalf("extra pass: %+v %v", res, err)
		}
	}
	if cs := e.fake.snapshot(); len(cs) != 3 {
		t.Fatalf("%d requests, want exactly 3: %+v", len(cs), cs)
	}

	if create.Method != "POST" || create.Path != "" {
		t.Errorf("create: %s %s", create.Method, create.Path)
	}
	b := create.Body
	if b["name"] != "Samling 1 (Salten)" || b["entity_type"] != float64(3) || b["privacy_level"] != float64(2) || b["channel_id"] != nil {
		t.Errorf("create body %v", b)
	}
	if loc := b["entity_metadata"].(map[string]any)["location"]; loc != "Bodø kulturhus" {
		t.Errorf("create location %v", loc)
	}
	// 09:00–16:00 Oslo on 6 February (UTC+1).
	if b["scheduled_start_time"] != "2025-02-06T08:00:00Z" || b["scheduled_end_time"] != "2025-02-06T15:00:00Z" {
		t.Errorf("create times %v – %v", b["scheduled_start_time"], b["scheduled_end_time"])
	}
	if d, _ := b["description"].(string); !strings.Contains(d, "/rsvp 1 ja|nei|kanskje") {
		t.Errorf("create description %q", d)
	}
	if update.Method != "PATCH" || update.Path != "/770001" || update.Body["entity_metadata"].(map[string]any)["location"] != "Fauske" {
		t.Errorf("update: %s %s %v", update.Method, update.Path, update.Body)
	}
	// With a time of day the event has the gathering's own times.
	if update.Body["scheduled_start_time"] != "2025-02-06T09:00:00Z" || update.Body["scheduled_end_time"] != "2025-02-06T11:30:00Z" {
		t.Errorf("update times %v – %v", update.Body["scheduled_start_time"], update.Body["scheduled_end_time"])
	}
	if cancel.Method != "PATCH" || cancel.Path != "/770001" || cancel.Body["status"] != float64(4) {
		t.Errorf("cancel: %s %s %v", cancel.Method, cancel.Path, cancel.Body)
	}
	evs, err := e.db.DiscordEvents(context.Background(), guild)
	if err != nil {
		t.Fatal(err)
	}
	if ev := evs[1]; ev.EventID != "770001" || !ev.Canceled || ev.Synced != 2 {
		t.Errorf("stored %+v", ev)
	}

	// Reopened: Discord cannot un-cancel, so a new event.
	e.ok(`/samling gjenåpne 1`)
	if again := e.fake.waitCalls(t, 4)[3]; again.Method != "POST" {
		t.Errorf("reopen: %s %s", again.Method, again.Path)
	}
}

// Discord being slow or down never holds up the command, and a failed
// call is retried later (with backoff), creating the event once.
func TestFailuresNeverBlockAndAreRetried(t *testing.T) {
	e := newEnv(t)
	e.fake.mu.Lock()
	e.fake.hold = make(chan struct{})
	e.fake.fail = 1
	e.fake.mu.Unlock()
	e.run()
	e.ok(`/samling ny navn="Nasjonal samling" dato=2025-03-05 sted="Oslo" region=nasjonal`)
	// The reply came while the stand-in still holds the request.
	rep := e.ok(`/samling liste`)
	if !strings.Contains(rep.Items[0].Text, "Nasjonal samling") {
		t.Fatalf("list %+v", rep)
	}
	close(e.fake.hold)
	e.fake.waitCalls(t, 1)
	// The failure is recorded; the next try waits for the backoff.
	var ev store.DiscordEvent
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		evs, err := e.db.DiscordEvents(context.Background(), guild)
		if err != nil {
			t.Fatal(err)
		}
		if ev = evs[1]; ev.Attempts == 1 {
			break
		}
	}
	if ev.Attempts != 1 || ev.EventID != "" || !strings.Contains(ev.LastError, "500") {
		t.Fatalf("after a failure: %+v", ev)
	}
	if res, _ := e.sync.Sync(context.Background()); res.Created+res.Failed != 0 {
		t.Fatalf("retried before the backoff: %+v", res)
	}
	e.now = e.now.Add(31 * time.Second)
	res, err := e.sync.Sync(context.Background())
	if err != nil || res.Created != 1 {
		t.Fatalf("retry: %+v %v", res, err)
	}
	posts := 0
	for _, c := range e.fake.snapshot() {
		if c.Method == "POST" {
			posts++
		}
	}
	if posts != 2 {
		t.Errorf("%d creates sent (one failed, one retry), want 2", posts)
	}
	evs, _ := e.db.DiscordEvents(context.Background(), guild)
	if evs[1].EventID == "" || evs[1].Attempts != 0 {
		t.Errorf("after the retry: %+v", evs[1])
	}
}
