package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is everything kulturbot reads from the environment. Every variable
// is also a flag (flags win), so `kulturbot --db x.db` and KULTURBOT_DB=x.db
// are the same.
type Config struct {
	DB       string
	HTTPAddr string
	// HTTPAddrSet says KULTURBOT_HTTP_ADDR (or --http-addr) was given,
	// so the console serves the dashboard and calendar there too.
	HTTPAddrSet bool
	// PublicURL is the base of dashboard and calendar links.
	PublicURL string
	Admins    string // "slack:U123,discord:456,console"
	FAQPath   string
	Kommuner  string // municipality register file replacing the embedded one
	LogLevel  string

	SlackBotToken      string
	SlackAppToken      string
	SlackSigningSecret string
	SlackAPIURL        string

	DiscordBotToken  string
	DiscordAppID     string
	DiscordPublicKey string
	DiscordGuildID   string
	DiscordAPIURL    string
	DiscordAdminRole string

	OpenAIKey      string
	OpenAIBaseURL  string
	LLMModel       string
	EmbedModel     string
	LLMTimeout     time.Duration
	LLMConcurrency int

	DigestChannels string
	DigestSchedule string

	InterestDeadline string // "15.09" / "09-15"
	NextRound        string // "høsten 2027" / "2027-09"
	Counties         string // comma-separated override of the 15 counties
	RateLimit        int    // commands and questions per user per minute
	Retention        time.Duration
	// PprofAddr serves net/http/pprof on its own listener (off when empty):
	// for finding where time goes under load, never on a public address.
	PprofAddr string
}

// env describes one setting: its variable, flag, default and help.
type env struct {
	name, flag, def, help string
	str                   *string
	dur                   *time.Duration
	num                   *int
}

func (c *Config) settings() []env {
	return []env{
		{name: "KULTURBOT_DB", flag: "db", def: "kulturbot.db", help: "SQLite database file", str: &c.DB},
		{name: "KULTURBOT_HTTP_ADDR", flag: "http-addr", def: ":8080", help: "address for /slack/events, /discord/interactions, /healthz, /metrics, /dashbord, /kalender.ics (the console serves it only when set)", str: &c.HTTPAddr},
		{name: "KULTURBOT_PUBLIC_URL", flag: "public-url", help: "base of dashboard and calendar links, like https://bot.example.no (default: http://localhost and the HTTP port)", str: &c.PublicURL},
		{name: "KULTURBOT_ADMINS", flag: "admins", help: "admins: comma-separated platform:user ids (slack:U123,discord:456)", str: &c.Admins},
		{name: "KULTURBOT_FAQ", flag: "faq", help: "FAQ file or folder replacing the embedded FAQ", str: &c.FAQPath},
		{name: "KULTURBOT_KOMMUNER", flag: "kommuner", help: "municipality register (kommunenummer;kommune;fylkesnummer;fylke;andre_navn) replacing the embedded 2024 register", str: &c.Kommuner},
		{name: "KULTURBOT_LOG_LEVEL", flag: "log-level", help: "debug, info, warn or error (default: info; warn in the console and subcommands, so logs do not get in the way)", str: &c.LogLevel},
		{name: "SLACK_BOT_TOKEN", flag: "slack-bot-token", help: "Slack bot token (xoxb-)", str: &c.SlackBotToken},
		{name: "SLACK_APP_TOKEN", flag: "slack-app-token", help: "Slack app-level token (xapp-) for Socket Mode", str: &c.SlackAppToken},
		{name: "SLACK_SIGNING_SECRET", flag: "slack-signing-secret", help: "Slack signing secret for HTTP mode", str: &c.SlackSigningSecret},
		{name: "SLACK_API_URL", flag: "slack-api-url", help: "Slack Web API base URL (tests)", str: &c.SlackAPIURL},
		{name: "DISCORD_BOT_TOKEN", flag: "discord-bot-token", help: "Discord bot token (gateway mode)", str: &c.DiscordBotToken},
		{name: "DISCORD_APP_ID", flag: "discord-app-id", help: "Discord application id", str: &c.DiscordAppID},
		{name: "DISCORD_PUBLIC_KEY", flag: "discord-public-key", help: "Discord public key (interactions endpoint mode)", str: &c.DiscordPublicKey},
		{name: "DISCORD_GUILD_ID", flag: "discord-guild-id", help: "register commands in this guild only (instant)", str: &c.DiscordGuildID},
		{name: "DISCORD_API_URL", flag: "discord-api-url", help: "Discord REST base URL (tests)", str: &c.DiscordAPIURL},
		{name: "KULTURBOT_DISCORD_ADMIN_ROLE", flag: "discord-admin-role", help: "Discord role id whose members are admins", str: &c.DiscordAdminRole},
		{name: "OPENAI_API_KEY", flag: "openai-api-key", help: "key for an OpenAI-compatible endpoint", str: &c.OpenAIKey},
		{name: "OPENAI_BASE_URL", flag: "openai-base-url", help: "base URL of an OpenAI-compatible endpoint", str: &c.OpenAIBaseURL},
		{name: "KULTURBOT_LLM_MODEL", flag: "llm-model", def: "gpt-4o-mini", help: "chat model", str: &c.LLMModel},
		{name: "KULTURBOT_EMBED_MODEL", flag: "embed-model", def: "text-embedding-3-small", help: "embedding model", str: &c.EmbedModel},
		{name: "KULTURBOT_LLM_TIMEOUT", flag: "llm-timeout", def: "20s", help: "time limit for one LLM answer", dur: &c.LLMTimeout},
		{name: "KULTURBOT_LLM_CONCURRENCY", flag: "llm-concurrency", def: "4", help: "most LLM answers in flight at once; more questions wait (up to the LLM timeout) or get the passage", num: &c.LLMConcurrency},
		{name: "KULTURBOT_DIGEST_CHANNEL", flag: "digest-channel", help: "digest channels: slack:C123,discord:456", str: &c.DigestChannels},
		{name: "KULTURBOT_DIGEST_SCHEDULE", flag: "digest-schedule", def: "0 8 * * 1", help: "digest schedule (cron, Europe/Oslo)", str: &c.DigestSchedule},
		{name: "KULTURBOT_INTEREST_DEADLINE", flag: "interest-deadline", def: "15.09", help: "yearly deadline for registering interest (DD.MM)", str: &c.InterestDeadline},
		{name: "KULTURBOT_NEXT_ROUND", flag: "next-round", help: "when later rounds are expected, which the FAQ quotes: a season and a year (\"høsten 2027\") or a month (2027-09); default the programme document's autumn 2025", str: &c.NextRound},
		{name: "KULTURBOT_COUNTIES", flag: "counties", help: "comma-separated list replacing Norway's 15 counties", str: &c.Counties},
		{name: "KULTURBOT_RATE_LIMIT", flag: "rate-limit", def: "20", help: "commands and questions per user per minute (0: off)", num: &c.RateLimit},
		{name: "KULTURBOT_PPROF_ADDR", flag: "pprof-addr", help: "serve Go's pprof profiles on this address, like 127.0.0.1:6060 (off when empty; never a public address)", str: &c.PprofAddr},
		{name: "KULTURBOT_RETENTION", flag: "retention", def: "4320h", help: "keep unanswered questions this long (default 180 days)", dur: &c.Retention},
	}
}

// LoadConfig reads the environment, then the flags in args.
// It returns the remaining (non-flag) arguments.
func LoadConfig(fs *flag.FlagSet, args []string, getenv func(string) string) (*Config, []string, error) {
	c := &Config{}
	// Secrets from the environment are applied after parsing instead of
	// becoming flag defaults: usage (kulturbot help, or any flag error,
	// which lands in container logs) prints defaults.
	fromEnv := map[*string]string{}
	for _, s := range c.settings() {
		val := s.def
		if v := getenv(s.name); v != "" {
			val = v
		}
		help := s.help + " (" + s.name + ")"
		switch {
		case s.str != nil && secretSettings[s.name]:
			if val != "" {
				help += " (set in the environment)"
				fromEnv[s.str] = val
			}
			fs.StringVar(s.str, s.flag, "", help)
		case s.str != nil:
			fs.StringVar(s.str, s.flag, val, help)
		case s.dur != nil:
			d, err := time.ParseDuration(val)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %q is not a duration like 20s or 720h", s.name, val)
			}
			fs.DurationVar(s.dur, s.flag, d, help)
		case s.num != nil:
			n, err := strconv.Atoi(val)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %q is not a number", s.name, val)
			}
			fs.IntVar(s.num, s.flag, n, help)
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	c.HTTPAddrSet = getenv("KULTURBOT_HTTP_ADDR") != ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "http-addr" {
			c.HTTPAddrSet = true
		}
	})
	for p, v := range fromEnv {
		if *p == "" {
			*p = v
		}
	}
	return c, fs.Args(), nil
}

// secretSettings are never shown as flag defaults.
var secretSettings = map[string]bool{
	"SLACK_BOT_TOKEN": true, "SLACK_APP_TOKEN": true, "SLACK_SIGNING_SECRET": true,
	"DISCORD_BOT_TOKEN": true, "OPENAI_API_KEY": true,
}

// platforms reports whether any chat platform is configured; without one
// the bot runs the console.
func (c *Config) platforms() bool {
	return c.SlackBotToken != "" || c.DiscordBotToken != "" || c.DiscordPublicKey != ""
}

// AdminSet parses KULTURBOT_ADMINS into a set of platform:user keys.
// The console user is always an admin: whoever runs the binary owns the data.
func (c *Config) AdminSet() map[string]bool {
	m := map[string]bool{"console:console": true}
	for _, a := range strings.Split(c.Admins, ",") {
		if a = strings.TrimSpace(a); a != "" {
			m[a] = true
		}
	}
	return m
}
