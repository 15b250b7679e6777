package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestConfigurationFailsLoudly: each value an operator got wrong used to
// be accepted silently; now the bot refuses to start and says what to
// write instead.
func TestConfigurationFailsLoudly(t *testing.T) {
	for name, c := range map[string]struct {
		env  map[string]string
		want string
	}{
		"AdminWithoutPlatform": {map[string]string{"KULTURBOT_ADMINS": "U123"}, "write slack:U123 or discord:U123"},
		"AdminUnknownPlatform": {map[string]string{"KULTURBOT_ADMINS": "teams:U1"}, "must be slack or discord"},
		"UserTokenAsBotToken":  {map[string]string{"SLACK_BOT_TOKEN": "xoxp-1-2"}, "SLACK_BOT_TOKEN must be the bot token starting with xoxb-"},
		"AppTokenAsBotToken":   {map[string]string{"SLACK_BOT_TOKEN": "xapp-1-2"}, "starts with \"xapp-\""},
		"BotTokenAsAppToken":   {map[string]string{"SLACK_APP_TOKEN": "xoxb-1-2"}, "SLACK_APP_TOKEN must be the app-level token starting with xapp-"},
		"LogLevel":             {map[string]string{"KULTURBOT_LOG_LEVEL": "verbose"}, "\"verbose\" is not a level; write debug, info, warn or error"},
		"NegativeRateLimit":    {map[string]string{"KULTURBOT_RATE_LIMIT": "-5"}, "KULTURBOT_RATE_LIMIT: -5 is negative"},
		"NegativeDuration":     {map[string]string{"KULTURBOT_LLM_TIMEOUT": "-1s"}, "KULTURBOT_LLM_TIMEOUT: -1s is negative"},
		"DigestSchedule":       {map[string]string{"KULTURBOT_DIGEST_SCHEDULE": "hver mandag"}, "KULTURBOT_DIGEST_SCHEDULE"},
	} {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			db := filepath.Join(t.TempDir(), "k.db")
			code := Main(context.Background(), []string{"--db", db, "version"}, func(k string) string { return c.env[k] }, strings.NewReader(""), &out, &errOut)
			if code != 2 || !strings.Contains(errOut.String(), c.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut.String(), c.want)
			}
		})
	}
	// Good values pass.
	var out, errOut bytes.Buffer
	env := map[string]string{"KULTURBOT_ADMINS": "slack:U1, discord:42,console", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1",
		"KULTURBOT_LOG_LEVEL": "WARN", "KULTURBOT_RATE_LIMIT": "0", "KULTURBOT_DIGEST_SCHEDULE": "0 8 * * 1"}
	if code := Main(context.Background(), []string{"version"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("good configuration refused: %s", errOut.String())
	}
}

// TestEverySubcommandAnswersHelp: `kulturbot NAME --help` (and -h) prints
// the usage and exits 0 without running anything: backup writes no file
// named --help, ask asks nothing.
func TestEverySubcommandAnswersHelp(t *testing.T) {
	var names []string
	for n := range subcommands {
		names = append(names, n)
	}
	sort.Strings(names)
	dir := t.TempDir()
	t.Chdir(dir) // where backup would write a file named --help
	for _, n := range names {
		for _, h := range []string{"--help", "-h"} {
			out, errOut, code := run(t, filepath.Join(dir, "k.db"), "", n, h)
			if code != 0 || !strings.Contains(out, "Usage: kulturbot "+n) {
				t.Errorf("%s %s: exit %d, out %q, err %q", n, h, code, out, errOut)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "--help")); err == nil {
		t.Error("backup --help wrote a file named --help")
	}
	if _, err := os.Stat(filepath.Join(dir, "k.db")); err == nil {
		t.Error("a subcommand's --help opened the database")
	}
}

// TestReadOnlyDatabaseStopsTheBot: a database that reads but does not
// write stops the bot at start with a message, instead of "noe gikk galt"
// on every command.
func TestReadOnlyDatabaseStopsTheBot(t *testing.T) {
	a := newTestApp(t, &Config{})
	if _, err := a.DB.Writer().Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := a.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "does not take writes") {
		t.Fatalf("Run = %v, want a refusal naming the database", err)
	}
}

// TestSlackInvalidAuthStopsTheBot: a token Slack refuses stops the bot
// with a message, instead of warnings and retries forever.
func TestSlackInvalidAuthStopsTheBot(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":false,"error":"invalid_auth"}`)
	}))
	defer srv.Close()
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-revoked", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": srv.URL + "/",
		"KULTURBOT_HTTP_ADDR": "127.0.0.1:0"}
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code := Main(ctx, []string{"--db", filepath.Join(t.TempDir(), "k.db")}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "slack refused SLACK_BOT_TOKEN") || ctx.Err() != nil {
		t.Fatalf("exit %d after %v, stderr %q", code, ctx.Err(), errOut.String())
	}
}
