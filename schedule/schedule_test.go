package schedule_test

import (
	"context"
	"encoding/json"
	"errors"
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

	"github.com/kulturskoleradet/kulturbot/bot"
	kdiscord "github.com/kulturskoleradet/kulturbot/bot/discord"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/internal/testutil"
	"github.com/kulturskoleradet/kulturbot/schedule"
	"github.com/kulturskoleradet/kulturbot/store"
)

// clock is a controllable clock; Sleep moves it forward instead of waiting.
type clock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	return ctx.Err()
}

// recorder is a poster that keeps what it was asked to post and can fail.
type recorder struct {
	platform bot.Platform
	mu       sync.Mutex
	posts    []bot.Reply
	channels []string
	fail     []error // returned by the next calls, in order
}

func (r *recorder) Platform() bot.Platform { return r.platform }

func (r *recorder) Post(_ context.Context, channel string, rep bot.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.fail) > 0 {
		err := r.fail[0]
		r.fail = r.fail[1:]
		return err
	}
	r.posts = append(r.posts, rep)
	r.channels = append(r.channels, channel)
	return nil
}

func (r *recorder) titles() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, p := range r.posts {
		out = append(out, p.Title)
	}
	return out
}

func newScheduler(t testing.TB, db *store.DB, c *clock, posters bot.Posters, channels string) *schedule.Scheduler {
	t.Helper()
	s, err := schedule.New(newHandlers(t, db), posters, channels, "")
	if err != nil {
		t.Fatal(err)
	}
	s.Now, s.Sleep = c.Now, c.Sleep
	db.Now = c.Now // records carry the same clock
	return s
}

func oslo(t testing.TB, s string) time.Time { return testutil.Oslo(t, s) }

func openDB(t testing.TB, path string) *store.DB { return testutil.OpenDB(t, path) }

func seed(t testing.TB, db *store.DB) { testutil.SeedWeek(t, db) }

func quietLog() *slog.Logger { return testutil.QuietLog() }

func newHandlers(t testing.TB, db *store.DB) *handlers.Handlers {
	t.Helper()
	return handlers.Register(bot.NewRouter(quietLog()), &handlers.Deps{
		DB:     db,
		Config: handlers.Config{DeadlineMonth: time.December, DeadlineDay: 1},
		Log:    quietLog(),
	})
}

func digestTitles(titles []string) (out []string) {
	for _, t := range titles {
		if strings.HasPrefix(t, "Ukesoppsummering") {
			out = append(out, t)
		}
	}
	return out
}

func TestDigestOncePerPeriod(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	c := &clock{t: oslo(t, "2026-11-16 08:00")}
	rec := &recorder{platform: bot.Slack}
	s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C123")
	ctx := context.Background()
	for _, at := range []string{"2026-11-16 08:00", "2026-11-16 08:01", "2026-11-16 09:00", "2026-11-20 12:00", "2026-11-23 07:59"} {
		c.Set(oslo(t, at))
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := rec.titles(); len(got) != 1 || got[0] != "Ukesoppsummering 9.–15. november 2026" {
		t.Fatalf("posts in the first period: %q", got)
	}
	c.Set(oslo(t, "2026-11-23 08:00"))
	for range 3 {
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := rec.titles(); len(got) != 2 || got[1] != "Ukesoppsummering 16.–22. november 2026" {
		t.Fatalf("posts after the second period: %q", got)
	}
	if last, err := db.LastDigestSentAt(ctx); err != nil || !last.Equal(oslo(t, "2026-11-23 08:00")) {
		t.Errorf("last sent at %v %v", last, err)
	}
	if rec.channels[0] != "C123" {
		t.Errorf("posted to %q, want C123", rec.channels[0])
	}
	recs, err := db.Digests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Status != store.StatusSent || recs[0].Attempts != 1 || recs[0].SentAt.IsZero() ||
		!recs[0].PeriodEnd.Equal(oslo(t, "2026-11-23 08:00")) || !recs[0].PeriodStart.Equal(oslo(t, "2026-11-16 08:00")) {
		t.Errorf("records %+v", recs)
	}
}

func TestRunLoopWakesAtScheduleAndHourly(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	// Start on a Monday before 08:00: the previous Monday's digest is
	// caught up at once, then one digest per Monday at 08:00.
	c := &clock{t: oslo(t, "2026-11-16 07:30")}
	rec := &recorder{platform: bot.Discord}
	s := newScheduler(t, db, c, bot.Posters{bot.Discord: rec}, "discord:456")
	ctx, cancel := context.WithCancel(context.Background())
	stopAt := oslo(t, "2026-11-30 09:00")
	s.Sleep = func(ctx context.Context, d time.Duration) error {
		if d <= 0 || d > time.Hour {
			t.Errorf("sleep %v: the loop must wake at least hourly", d)
		}
		c.Sleep(ctx, d)
		if !c.Now().Before(stopAt) {
			cancel()
		}
		return ctx.Err()
	}
	if err := s.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v, want context.Canceled", err)
	}
	want := []string{
		"Ukesoppsummering 2.–8. november 2026",
		"Ukesoppsummering 9.–15. november 2026",
		"Ukesoppsummering 16.–22. november 2026",
		"Ukesoppsummering 23.–29. november 2026",
	}
	if got := rec.titles(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("posts\n got %q\nwant %q", got, want)
	}
}

func TestDigestCatchUp(t *testing.T) {
	ctx := context.Background()
	t.Run("MissedOneSendsOnceAtStart", func(t *testing.T) {
		db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
		// The bot sent the 9 November digest, then was down on Monday 16th.
		if _, err := db.BeginDigest(ctx, store.DigestScheduled, oslo(t, "2026-11-02 08:00"), oslo(t, "2026-11-09 08:00"), "slack:C1", "test"); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkDigestSent(ctx, store.DigestScheduled, oslo(t, "2026-11-09 08:00"), "slack:C1"); err != nil {
			t.Fatal(err)
		}
		c := &clock{t: oslo(t, "2026-11-18 10:00")}
		rec := &recorder{platform: bot.Slack}
		s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
		for range 3 {
			if err := s.Tick(ctx); err != nil {
				t.Fatal(err)
			}
			c.Sleep(ctx, time.Hour)
		}
		if got := rec.titles(); len(got) != 1 || got[0] != "Ukesoppsummering 9.–15. november 2026" {
			t.Fatalf("posts %q", got)
		}
	})
	t.Run("DownForWeeksSendsOneCoveringTheGap", func(t *testing.T) {
		db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
		if _, err := db.BeginDigest(ctx, store.DigestScheduled, oslo(t, "2026-10-19 08:00"), oslo(t, "2026-10-26 08:00"), "slack:C1", "test"); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkDigestSent(ctx, store.DigestScheduled, oslo(t, "2026-10-26 08:00"), "slack:C1"); err != nil {
			t.Fatal(err)
		}
		c := &clock{t: oslo(t, "2026-11-18 10:00")}
		rec := &recorder{platform: bot.Slack}
		s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if got := rec.titles(); len(got) != 1 || got[0] != "Ukesoppsummering 26. oktober – 15. november 2026" {
			t.Fatalf("posts %q", got)
		}
	})
}

func TestRestartDoesNotSendTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	c := &clock{t: oslo(t, "2026-11-16 08:00")}
	rec := &recorder{platform: bot.Slack}

	db1, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seed(t, db1)
	if err := newScheduler(t, db1, c, bot.Posters{bot.Slack: rec}, "slack:C1,discord:9").Tick(ctx); err == nil {
		t.Fatal("discord has no poster: the tick should report it")
	}
	db1.Close()

	// The process restarts five minutes later, now with Discord configured.
	c.Set(oslo(t, "2026-11-16 08:05"))
	drec := &recorder{platform: bot.Discord}
	db2 := openDB(t, path)
	s2 := newScheduler(t, db2, c, bot.Posters{bot.Slack: rec, bot.Discord: drec}, "slack:C1,discord:9")
	for range 2 {
		if err := s2.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(digestTitles(rec.titles())); n != 1 {
		t.Errorf("slack got %d digests, want 1", n)
	}
	if n := len(digestTitles(drec.titles())); n != 1 {
		t.Errorf("discord got %d digests after the restart, want 1 (the failed one retried)", n)
	}
	got, ok, err := db2.Digest(ctx, store.DigestScheduled, oslo(t, "2026-11-16 08:00"), "discord:9")
	if err != nil || !ok || got.Status != store.StatusSent || got.Attempts != 2 {
		t.Errorf("discord record %+v %v %v", got, ok, err)
	}
}

func TestCrashedWhilePosting(t *testing.T) {
	// A process recorded the digest as pending and died before the
	// platform answered. A restart within the lease leaves it (the dead
	// process might be a live second one); after the lease it posts once.
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	c := &clock{t: oslo(t, "2026-11-16 08:00")}
	db.Now = c.Now
	if _, err := db.BeginDigest(ctx, store.DigestScheduled, oslo(t, "2026-11-09 08:00"), oslo(t, "2026-11-16 08:00"), "slack:C1", "dead-process"); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{platform: bot.Slack}
	c.Set(oslo(t, "2026-11-16 08:02"))
	s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
	if err := s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rec.posts) != 0 {
		t.Fatalf("posted within the lease: %q", rec.titles())
	}
	c.Set(oslo(t, "2026-11-16 09:00"))
	for range 2 {
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.posts) != 1 {
		t.Fatalf("after the lease: %d posts, want 1", len(rec.posts))
	}
}

func TestDigestRetries(t *testing.T) {
	ctx := context.Background()
	t.Run("RateLimitHonoursRetryAfter", func(t *testing.T) {
		db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
		c := &clock{t: oslo(t, "2026-11-16 08:00")}
		rec := &recorder{platform: bot.Slack, fail: []error{&bot.RateLimitError{RetryAfter: 7 * time.Second}}}
		s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if len(rec.posts) != 1 || len(c.sleeps) != 1 || c.sleeps[0] != 7*time.Second {
			t.Fatalf("posts %d, waits %v; want one post after waiting the Retry-After of 7s", len(rec.posts), c.sleeps)
		}
	})
	t.Run("RepeatedFailureRecordedThenRetriedNextTick", func(t *testing.T) {
		db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
		c := &clock{t: oslo(t, "2026-11-16 08:00")}
		boom := errors.New("slack: 503 service unavailable")
		rec := &recorder{platform: bot.Slack, fail: []error{boom, boom, boom, boom}}
		s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
		if err := s.Tick(ctx); err == nil || !strings.Contains(err.Error(), "503") {
			t.Fatalf("tick error %v, want the 503", err)
		}
		if fmt.Sprint(c.sleeps) != "[2s 4s 8s]" {
			t.Errorf("backoff waits %v, want [2s 4s 8s]", c.sleeps)
		}
		r, _, _ := db.Digest(ctx, store.DigestScheduled, oslo(t, "2026-11-16 08:00"), "slack:C1")
		if r.Status != store.StatusFailed || r.Attempts != 4 || !strings.Contains(r.LastError, "503") {
			t.Errorf("record %+v", r)
		}
		c.Set(oslo(t, "2026-11-16 09:00"))
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		r, _, _ = db.Digest(ctx, store.DigestScheduled, oslo(t, "2026-11-16 08:00"), "slack:C1")
		if len(rec.posts) != 1 || r.Status != store.StatusSent || r.Attempts != 5 {
			t.Errorf("after the next tick: %d posts, record %+v", len(rec.posts), r)
		}
	})
}

func TestReminders(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	seed(t, db)
	// Gathering 1 (Regionsamling Salten) has its RSVP deadline on 26
	// November; Saltdal has not answered. Mark this week's digest sent so
	// only reminders are posted here.
	for _, end := range []string{"2026-11-16 08:00", "2026-11-23 08:00"} {
		db.BeginDigest(ctx, store.DigestScheduled, oslo(t, end).AddDate(0, 0, -7), oslo(t, end), "slack:C1", "test")
		db.MarkDigestSent(ctx, store.DigestScheduled, oslo(t, end), "slack:C1")
	}
	c := &clock{}
	rec := &recorder{platform: bot.Slack}
	s := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
	var got []string
	for _, at := range []string{
		"2026-11-19 07:00",                                         // before the 7-day reminder is due
		"2026-11-19 08:00", "2026-11-19 09:00", "2026-11-22 12:00", // 7 days before: once
		"2026-11-25 08:00", "2026-11-25 20:00", // 1 day before: once
		"2026-11-26 09:00", "2026-11-27 09:00", // deadline day and after: nothing
	} {
		c.Set(oslo(t, at))
		before := len(rec.titles())
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		for _, title := range rec.titles()[before:] {
			got = append(got, at+" "+title)
		}
	}
	want := []string{
		"2026-11-19 08:00 Påminnelse: svarfrist om en uke for Regionsamling Salten",
		"2026-11-25 08:00 Påminnelse: svarfrist i morgen for Regionsamling Salten",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("reminders\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(rec.posts[0].Text, "Saltdal") || strings.Contains(rec.posts[0].Text, "Bodø,") {
		t.Errorf("reminder should name Saltdal only: %q", rec.posts[0].Text)
	}
	// A restart does not repeat them.
	s2 := newScheduler(t, db, c, bot.Posters{bot.Slack: rec}, "slack:C1")
	c.Set(oslo(t, "2026-11-25 21:00"))
	if err := s2.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rec.posts) != 2 {
		t.Errorf("restart posted again: %q", rec.titles())
	}
}

func TestSlackRateLimitThenOK(t *testing.T) {
	// Slack's poster (bot/slack, the real slack-go client) against the
	// local fake Web API: the first chat.postMessage gets 429 with
	// Retry-After: 3, the second is accepted.
	fake := slacktest.NewServer(t)
	fake.RateLimit("chat.postMessage", 1, 3*time.Second)
	poster, err := kslack.NewPoster("xoxb-test", fake.APIURL())
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	seed(t, db)
	c := &clock{t: oslo(t, "2026-11-23 08:00")}
	s := newScheduler(t, db, c, bot.Posters{bot.Slack: poster}, "slack:C123")
	ctx := context.Background()
	for range 2 { // the second tick is the same period: nothing more
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var digests []slacktest.Call
	for _, call := range fake.Calls("chat.postMessage") {
		if strings.Contains(call.Get("text"), "Ukesoppsummering") || strings.Contains(call.Get("blocks"), "Ukesoppsummering") {
			digests = append(digests, call)
		}
	}
	if n := len(fake.Calls("chat.postMessage:429")); n != 1 || len(digests) != 1 {
		t.Fatalf("429 answers %d, digest messages accepted %d; want 1 and exactly 1", n, len(digests))
	}
	if digests[0].Get("channel") != "C123" || digests[0].Token != "xoxb-test" {
		t.Errorf("posted to %q with token %q", digests[0].Get("channel"), digests[0].Token)
	}
	if !strings.Contains(digests[0].Get("blocks"), "Ukesoppsummering 16.–22. november 2026") {
		t.Errorf("blocks %s", digests[0].Get("blocks"))
	}
	if len(c.sleeps) != 1 || c.sleeps[0] != 3*time.Second {
		t.Errorf("waits %v, want the Retry-After of 3s", c.sleeps)
	}
	r, _, _ := db.Digest(ctx, store.DigestScheduled, oslo(t, "2026-11-23 08:00"), "slack:C123")
	if r.Status != store.StatusSent || r.Attempts != 2 {
		t.Errorf("record %+v", r)
	}
}

func TestDiscordPostsToREST(t *testing.T) {
	// Discord's poster (bot/discord, the real discordgo session) against a
	// local REST server: a 429 with Retry-After first, then the message.
	var mu sync.Mutex
	var got []map[string]any
	limited := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/channels/456/messages") {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("Authorization") != "Bot test-token" {
			t.Errorf("authorization %q", r.Header.Get("Authorization"))
		}
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if limited == 0 {
			limited++
			w.Header().Set("Retry-After", "2")
			w.Header().Set("X-RateLimit-Scope", "user")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"message":"You are being rate limited.","retry_after":2,"global":false}`)
			return
		}
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			t.Error(err)
		}
		got = append(got, m)
		fmt.Fprintf(w, `{"id":"%d","channel_id":"456","content":""}`, len(got))
	}))
	defer srv.Close()
	poster, err := kdiscord.New(kdiscord.Options{Token: "test-token", APIURL: srv.URL, Router: bot.NewRouter(quietLog()), Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}

	db := openDB(t, filepath.Join(t.TempDir(), "k.db"))
	seed(t, db)
	c := &clock{t: oslo(t, "2026-11-23 08:00")}
	s := newScheduler(t, db, c, bot.Posters{bot.Discord: poster}, "discord:456")
	ctx := context.Background()
	for range 2 {
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	digests := 0
	for _, m := range got {
		b, _ := json.Marshal(m)
		if strings.Contains(string(b), "Ukesoppsummering 16.–22. november 2026") {
			digests++
			if !strings.Contains(string(b), "Interessemeldinger") {
				t.Errorf("digest without its totals: %s", b)
			}
		}
	}
	if limited != 1 || digests != 1 {
		t.Errorf("429 answers %d, digests accepted %d (of %d messages); want 1 and 1", limited, digests, len(got))
	}
	if len(c.sleeps) == 0 || c.sleeps[0] != 2*time.Second {
		t.Errorf("waits %v, want Discord's Retry-After of 2s first", c.sleeps)
	}
}

func TestParseScheduleAndLatest(t *testing.T) {
	s, err := handlers.ParseSchedule("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ now, want string }{
		{"2026-11-23 08:00", "2026-11-23 08:00"},
		{"2026-11-23 07:59", "2026-11-16 08:00"},
		{"2026-11-26 12:00", "2026-11-23 08:00"},
		{"2026-03-30 09:00", "2026-03-30 08:00"}, // the Monday after summer time starts
		{"2026-10-26 07:00", "2026-10-19 08:00"}, // and after it ends
	} {
		if got := handlers.Latest(s, oslo(t, tc.now)); !got.Equal(oslo(t, tc.want)) {
			t.Errorf("Latest(%s) = %s, want %s", tc.now, got.In(bot.Oslo), tc.want)
		}
	}
	for _, bad := range []string{"@every 1h", "0 8 * *", "61 8 * * 1"} {
		if _, err := handlers.ParseSchedule(bad); err == nil {
			t.Errorf("ParseSchedule(%q) accepted", bad)
		}
	}
	chs, err := schedule.ParseChannels(" slack:C123, discord:456 ,slack:C123")
	if err != nil || len(chs) != 2 || chs[1].String() != "discord:456" {
		t.Errorf("ParseChannels: %v %v", chs, err)
	}
	for _, bad := range []string{"", "C123", "teams:1", "slack:", "console:x"} {
		if _, err := schedule.ParseChannels(bad); err == nil {
			t.Errorf("ParseChannels(%q) accepted", bad)
		}
	}
}
