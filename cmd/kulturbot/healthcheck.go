package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

func init() {
	register("healthcheck", subcommand{
		help:  "exit 0 when the running bot's GET /healthz answers ok (for Docker HEALTHCHECK)",
		noApp: runHealthcheck,
	})
}

// runHealthcheck asks the bot's own /healthz on KULTURBOT_HTTP_ADDR. The
// image has no shell or curl, so the binary checks itself; it opens no
// database, so it is safe to run beside the bot.
func runHealthcheck(ctx context.Context, cfg *Config, out io.Writer, args []string) error {
	// Socket Mode, the Discord gateway and the console run no HTTP server;
	// a failing check there would only mark a working container unhealthy.
	if cfg.SlackSigningSecret == "" && cfg.DiscordPublicKey == "" {
		fmt.Fprintln(out, "no HTTP endpoint in this mode (Socket Mode, gateway or console); nothing to check")
		return nil
	}
	host, port, err := net.SplitHostPort(cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("healthcheck: KULTURBOT_HTTP_ADDR %q: %w", cfg.HTTPAddr, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", "http://"+net.JoinHostPort(host, port)+"/healthz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1024))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s: %s", res.Status, strings.TrimSpace(string(body)))
	}
	fmt.Fprint(out, string(body))
	return nil
}
