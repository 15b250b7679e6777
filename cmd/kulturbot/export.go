package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kulturskoleradet/kulturbot/store"
)

func init() {
	register("export", subcommand{
		help: "export rsvp|interesse|veiledning [--out FILE]: CSV for Excel (UTF-8 with BOM, ';'); stdout without --out",
		run:  runExport,
	})
}

// runExport writes one export as CSV. Arguments may come in any order
// (`export --out x.csv rsvp` or `export rsvp --out=x.csv`).
func runExport(ctx context.Context, a *App, args []string) error {
	var kind, out string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--out" || arg == "-out" || arg == "-o":
			if i+1 >= len(args) {
				return errors.New("export: --out needs a file name")
			}
			out = args[i+1]
			i++
		case strings.HasPrefix(arg, "--out=") || strings.HasPrefix(arg, "-out="):
			out = arg[strings.Index(arg, "=")+1:]
		case strings.HasPrefix(arg, "-"):
			return fmt.Errorf("export: unknown flag %s (usage: kulturbot export rsvp|interesse|veiledning [--out FILE])", arg)
		case kind == "":
			k, ok := store.ExportKind(arg)
			if !ok {
				return fmt.Errorf("export: unknown kind %q: choose rsvp, interesse or veiledning", arg)
			}
			kind = k
		default:
			return fmt.Errorf("export: unexpected argument %q", arg)
		}
	}
	if kind == "" {
		return errors.New("export: say what to export: kulturbot export rsvp|interesse|veiledning [--out FILE]")
	}
	if out == "" || out == "-" {
		_, err := a.DB.Export(ctx, kind, a.Out)
		return err
	}
	// Write beside the target and rename, so a failed export never leaves
	// a half-written file where a spreadsheet expects a whole one.
	tmp, err := os.CreateTemp(filepath.Dir(out), ".kulturbot-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := a.DB.Export(ctx, kind, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	a.Log.Info("export written", "kind", kind, "rows", n, "file", out)
	return nil
}
