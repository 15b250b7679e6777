// Command kulturbot runs the Fremtidens kulturskole chat bot.
//
//	kulturbot                 run the bot (console when no platform tokens are set)
//	kulturbot ask "question"  answer one question (--json for machines)
//	kulturbot export rsvp|interesse|veiledning [--out FILE]
//	kulturbot help            list every subcommand
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
)

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "dev"

// subcommand is one `kulturbot NAME` action. Each lives in its own file and
// registers itself in init, so adding one touches no other file.
type subcommand struct {
	help string
	run  func(ctx context.Context, a *App, args []string) error
	// noApp subcommands run without opening the database (manifest, version).
	noApp func(ctx context.Context, cfg *Config, out io.Writer, args []string) error
}

var subcommands = map[string]subcommand{}

func register(name string, c subcommand) { subcommands[name] = c }

func main() {
	restrictUmask()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal starts the drain, restore the default
		// handling so a second Ctrl-C or SIGTERM ends the process at once.
		<-ctx.Done()
		stop()
	}()
	theProcess = true
	// Package initialisation has mapped about 12 MiB of the binary by now
	// (every package's init, with the kernel's 64 KiB fault-around): most
	// of it is never run again, and start-up's own heap peak comes on top
	// of it. Released here and once more when start-up is done (startDone).
	releaseStartPages()
	code := Main(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Main runs kulturbot with args and returns the exit code. It is main
// without the process, so tests can run the real program: env reads the
// environment (os.Getenv in main; each test its own, so tests run in
// parallel).
func Main(ctx context.Context, args []string, env func(string) string, in io.Reader, out, errOut io.Writer) int {
	if len(args) > 0 && args[0] == docs.SandboxCommand {
		// The bot re-executed as the PDF reader (faq/docs/sandbox.go):
		// no configuration, no database, one document on stdin.
		return docs.ServePDFSandbox(args[1:], in, out, errOut)
	}
	fs := flag.NewFlagSet("kulturbot", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() { usage(fs, errOut) }
	cfg, rest, err := LoadConfig(fs, args, env)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintln(errOut, "kulturbot:", err)
		return 2
	}
	if err := cfg.Validate(); err != nil {
		// Configuration fails loudly at start: a wrong value would
		// otherwise be accepted and misbehave quietly.
		fmt.Fprintln(errOut, "kulturbot: configuration:\n  "+strings.ReplaceAll(err.Error(), "\n", "\n  "))
		return 2
	}
	name := ""
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	level := cfg.LogLevel
	if level == "" && (name != "" || !cfg.platforms()) {
		// The console and the command-line tools print what people asked
		// for; request and start-up logs would only be in the way.
		level = "warn"
	}
	log := newLogger(errOut, level)
	slog.SetDefault(log)
	if name == "help" || name == "-h" {
		usage(fs, out)
		return 0
	}
	if name == "version" {
		fmt.Fprintln(out, "kulturbot", Version)
		return 0
	}
	var sc subcommand
	if name != "" {
		var ok bool
		sc, ok = subcommands[name]
		if !ok {
			fmt.Fprintf(errOut, "kulturbot: unknown subcommand %q (try: kulturbot help)\n", name)
			return 2
		}
		if len(rest) > 0 && (rest[0] == "--help" || rest[0] == "-help" || rest[0] == "-h") {
			// Before anything runs: `backup --help` must not write a
			// file named --help, `ask --help` must not ask "--help".
			fmt.Fprintf(out, "Usage: kulturbot %s\n  %s\n", name, sc.help)
			return 0
		}
		if sc.noApp != nil {
			if err := sc.noApp(ctx, cfg, out, rest); err != nil {
				fmt.Fprintln(errOut, "kulturbot:", err)
				return 1
			}
			return 0
		}
	}
	// Start-up (the FAQ index) runs with a lax collector target, the bot's
	// own from here (memory.go).
	startGC(env)
	app, err := NewApp(ctx, cfg, in, out, log)
	if err != nil {
		fmt.Fprintln(errOut, "kulturbot:", err)
		return 1
	}
	tuneGC(env)
	defer app.Close()
	if name == "" {
		startDone(cfg)
		err = app.Run(ctx)
	} else {
		err = sc.run(ctx, app, rest)
	}
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(errOut, "kulturbot:", err)
		return 1
	}
	return 0
}

func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintln(w, "Usage: kulturbot [flags] [subcommand] [args]")
	fmt.Fprintln(w, "\nWith no subcommand the bot runs: Slack and/or Discord when their tokens are set, otherwise the console.")
	fmt.Fprintln(w, "\nSubcommands:")
	var names []string
	for n := range subcommands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, subcommands[n].help)
	}
	fmt.Fprintln(w, "  version    print the version")
	fmt.Fprintln(w, "\nFlags (each also an environment variable):")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	}
	// Tokens and short-lived URLs (response_url, interaction tokens) in
	// error strings are masked before anything is written.
	return slog.New(bot.RedactHandler(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})))
}
