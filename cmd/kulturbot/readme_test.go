package main

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// TestReadmeListsEveryVariable keeps the README true: every setting the
// program reads must be documented there.
func TestReadmeListsEveryVariable(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var c Config
	for _, s := range c.settings() {
		if !strings.Contains(string(readme), "`"+s.name+"`") {
			t.Errorf("README.md does not document `%s`", s.name)
		}
	}
}

func TestConfigFlagsOverrideEnvironment(t *testing.T) {
	t.Parallel()
	env := map[string]string{"KULTURBOT_DB": "env.db", "KULTURBOT_RATE_LIMIT": "5"}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	cfg, rest, err := LoadConfig(fs, []string{"--db", "flag.db", "ask", "hei"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DB != "flag.db" || cfg.RateLimit != 5 || cfg.HTTPAddr != ":8080" {
		t.Fatalf("cfg = %+v", cfg)
	}
	if len(rest) != 2 || rest[0] != "ask" {
		t.Fatalf("rest = %v", rest)
	}
	if _, _, err := LoadConfig(flag.NewFlagSet("t", flag.ContinueOnError), nil, func(k string) string {
		if k == "KULTURBOT_LLM_TIMEOUT" {
			return "soon"
		}
		return ""
	}); err == nil {
		t.Fatal("a bad duration must be refused")
	}
}
