package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
	"github.com/kulturskoleradet/kulturbot/store"
)

// digestMain runs the real program with no environment of its own.
func digestMain(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	return digestMainCtx(context.Background(), args...)
}

func digestMainCtx(ctx context.Context, args ...string) (string, string, int) {
	env := noEnv
	var out, errOut bytes.Buffer
	code := Main(ctx, args, env, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestDigestCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "k.db")
	t.Run("DryRunPrintsText", func(t *testing.T) {
		out, errOut, code := digestMain(t, "--db", db, "digest", "--dry-run", "--at", "2026-11-23 08:00")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.HasPrefix(out, "Ukesoppsummering 16.–22. november 2026\n") || !strings.Contains(out, "Rolig uke") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("SendPostsAndRecords", func(t *testing.T) {
		fake := slacktest.NewServer(t)
		out, errOut, code := digestMain(t, "--db", db, "--slack-bot-token", "xoxb-test", "--slack-api-url", fake.APIURL(),
			"--digest-channel", "slack:C9", "digest", "--send", "--at", "2026-11-25 12:00")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if strings.TrimSpace(out) != "digest sent to slack:C9" {
			t.Errorf("output %q", out)
		}
		calls := fake.Calls("chat.postMessage")
		if len(calls) != 1 || calls[0].Get("channel") != "C9" || !strings.Contains(calls[0].Get("blocks"), "Ukesoppsummering 23.–25. november 2026") {
			t.Fatalf("chat.postMessage calls %+v", calls)
		}
		s, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		recs, err := s.Digests(context.Background())
		if err != nil || len(recs) != 1 || recs[0].Kind != store.DigestManual || recs[0].Status != store.StatusSent {
			t.Errorf("records %+v %v", recs, err)
		}
	})
	t.Run("SendWithoutChannel", func(t *testing.T) {
		_, errOut, code := digestMain(t, "--db", db, "digest", "--send")
		if code == 0 || !strings.Contains(errOut, "KULTURBOT_DIGEST_CHANNEL") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("SendWithoutToken", func(t *testing.T) {
		_, errOut, code := digestMain(t, "--db", db, "--digest-channel", "discord:456", "digest", "--send")
		if code == 0 || !strings.Contains(errOut, "DISCORD_BOT_TOKEN") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
}

type nopPoster bot.Platform

func (p nopPoster) Platform() bot.Platform                        { return bot.Platform(p) }
func (p nopPoster) Post(context.Context, string, bot.Reply) error { return nil }

func TestStartDigest(t *testing.T) {
	t.Parallel()
	boot := func(t *testing.T, channels string) *App {
		cfg := &Config{DB: filepath.Join(t.TempDir(), "k.db"), DigestChannels: channels, DigestSchedule: "0 8 * * 1"}
		a, err := NewApp(context.Background(), cfg, strings.NewReader(""), io.Discard, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		return a
	}
	t.Run("NotConfigured", func(t *testing.T) {
		a := boot(t, "")
		n := len(a.runners)
		if err := a.startDigest(context.Background()); err != nil || len(a.runners) != n {
			t.Errorf("err %v, runners %d -> %d", err, n, len(a.runners))
		}
	})
	t.Run("PlatformMissing", func(t *testing.T) {
		a := boot(t, "slack:C1,discord:2")
		a.Posters[bot.Slack] = nopPoster(bot.Slack)
		err := a.startDigest(context.Background())
		if err == nil || !strings.Contains(err.Error(), "DISCORD_BOT_TOKEN") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("Runs", func(t *testing.T) {
		a := boot(t, "slack:C1")
		a.Posters[bot.Slack] = nopPoster(bot.Slack)
		n := len(a.runners)
		if err := a.startDigest(context.Background()); err != nil || len(a.runners) != n+1 {
			t.Errorf("err %v, runners %d -> %d", err, n, len(a.runners))
		}
	})
}

func TestRunPostsMissedDigestAtStart(t *testing.T) {
	// The whole program in Slack HTTP mode with a digest channel, on a
	// fresh database: the latest period's digest has not been sent, so
	// the scheduler posts it once right after start.
	fake := slacktest.NewServer(t)
	db := filepath.Join(t.TempDir(), "k.db")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan string, 1)
	go func() {
		_, errOut, code := digestMainCtx(ctx, "--db", db, "--http-addr", "127.0.0.1:0",
			"--slack-bot-token", "xoxb-test", "--slack-signing-secret", "secret", "--slack-api-url", fake.APIURL(),
			"--digest-channel", "slack:CDIGEST")
		done <- fmt.Sprintf("exit %d: %s", code, errOut)
	}()
	calls := fake.Wait(t, "chat.postMessage", 1)
	cancel()
	res := <-done
	if !strings.HasPrefix(res, "exit 0") {
		t.Errorf("kulturbot ended with %s", res)
	}
	if calls[0].Get("channel") != "CDIGEST" || !strings.Contains(calls[0].Get("blocks"), "Ukesoppsummering") {
		t.Errorf("first post %+v", calls[0])
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, err := s.Digests(context.Background())
	if err != nil || len(recs) != 1 || recs[0].Kind != store.DigestScheduled || recs[0].Status != store.StatusSent {
		t.Errorf("records %+v %v", recs, err)
	}
}
