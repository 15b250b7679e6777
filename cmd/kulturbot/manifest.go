package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"go.yaml.in/yaml/v3"
)

func init() {
	register("manifest", subcommand{
		help:  "print a Slack app manifest: manifest slack [--http https://your.host] [--yaml]",
		noApp: runManifest,
	})
}

// runManifest prints the app manifest to paste into Slack's "Create an app
// → From a manifest". Without --http the app uses Socket Mode.
func runManifest(ctx context.Context, cfg *Config, out io.Writer, args []string) error {
	if len(args) == 0 || args[0] != "slack" {
		return errors.New("usage: kulturbot manifest slack [--http https://your.host] [--yaml]")
	}
	fs := flag.NewFlagSet("manifest slack", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	host := fs.String("http", "", "public base URL for HTTP mode (request URLs become <host>/slack/events); empty: Socket Mode")
	asYAML := fs.Bool("yaml", false, "print YAML instead of JSON")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("manifest slack: %w", err)
	}
	if *host != "" {
		u, err := url.Parse(*host)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("manifest slack: --http needs an https URL like https://bot.example.no (got %q); Slack only calls https endpoints", *host)
		}
	}
	js := slack.NewManifest(*host, commandRoutes()).JSON()
	if !*asYAML {
		_, err := out.Write(js)
		return err
	}
	y, err := jsonToYAML(js)
	if err != nil {
		return err
	}
	_, err = out.Write(y)
	return err
}

// jsonToYAML re-encodes JSON as block-style YAML, keeping the key order.
func jsonToYAML(js []byte) ([]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(js, &n); err != nil {
		return nil, err
	}
	var unflow func(*yaml.Node)
	unflow = func(n *yaml.Node) {
		n.Style &^= yaml.FlowStyle
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			n.Style &^= yaml.DoubleQuotedStyle
		}
		for _, c := range n.Content {
			unflow(c)
		}
	}
	unflow(&n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// commandRouter holds kulturbot's commands for the subcommands that run
// without the app (manifest, discord register): registering touches no
// database, so the routes come from the handlers themselves.
func commandRouter() *bot.Router {
	r := bot.NewRouter(nil)
	handlers.Register(r, &handlers.Deps{Log: slog.New(slog.DiscardHandler)})
	return r
}

// commandRoutes are the routes of commandRouter.
func commandRoutes() []*bot.Route { return commandRouter().Routes() }
