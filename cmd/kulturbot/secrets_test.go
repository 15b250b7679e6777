package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

// TestUsageNeverShowsSecrets: `kulturbot help` and every flag error print
// the flags with their defaults; secrets from the environment must not be
// among them, yet must still reach the configuration.
func TestUsageNeverShowsSecrets(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-HUSH1x", "SLACK_APP_TOKEN": "xapp-HUSH2x", "SLACK_SIGNING_SECRET": "HUSH3x",
		"DISCORD_BOT_TOKEN": "HUSH4x", "OPENAI_API_KEY": "sk-HUSH5x",
	}
	var out bytes.Buffer
	fs := flag.NewFlagSet("kulturbot", flag.ContinueOnError)
	fs.SetOutput(&out)
	cfg, _, err := LoadConfig(fs, nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	usage(fs, &out)
	if strings.Contains(out.String(), "HUSH") {
		t.Fatalf("usage shows a secret:\n%s", out.String())
	}
	if cfg.SlackBotToken != "xoxb-HUSH1x" || cfg.SlackSigningSecret != "HUSH3x" || cfg.OpenAIKey != "sk-HUSH5x" || cfg.DiscordBotToken != "HUSH4x" || cfg.SlackAppToken != "xapp-HUSH2x" {
		t.Fatalf("secrets from the environment lost: %+v", cfg)
	}
	// A flag still wins over the environment.
	cfg, _, err = LoadConfig(flag.NewFlagSet("k", flag.ContinueOnError), []string{"--slack-bot-token", "xoxb-flag"}, func(k string) string { return env[k] })
	if err != nil || cfg.SlackBotToken != "xoxb-flag" {
		t.Fatalf("flag did not win: %v %q", err, cfg.SlackBotToken)
	}
}
