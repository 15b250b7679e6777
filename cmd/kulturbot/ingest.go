package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
)

func init() {
	register("ingest", subcommand{
		help: "load framework documents (PDF, Markdown, text): ingest PATH... | --list | --remove DOC",
		run:  runIngest,
	})
}

// ingestExts are the files a folder contributes.
var ingestExts = map[string]bool{".pdf": true, ".md": true, ".markdown": true, ".txt": true, ".text": true}

func runIngest(ctx context.Context, a *App, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(a.Out)
	list := fs.Bool("list", false, "list the ingested documents")
	remove := fs.String("remove", "", "remove a document (id, file name or title)")
	noEmbed := fs.Bool("no-embed", false, "do not compute embeddings now (the running bot does it later)")
	fs.Usage = func() {
		fmt.Fprintln(a.Out, "Usage: kulturbot ingest [--no-embed] PATH...   (files or folders: .pdf .md .txt)")
		fmt.Fprintln(a.Out, "       kulturbot ingest --list")
		fmt.Fprintln(a.Out, "       kulturbot ingest --remove DOC")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	lib := a.docsLibrary()
	switch {
	case *list:
		return listDocuments(ctx, a, lib)
	case *remove != "":
		d, err := lib.Remove(ctx, *remove)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.Out, "removed  %s  %q (%d chunks)\n", d.Name, d.Title, d.Chunks)
		return nil
	case fs.NArg() == 0:
		fs.Usage()
		return errors.New("ingest: name at least one file or folder")
	}

	files, err := expandPaths(fs.Args())
	if err != nil {
		return err
	}
	start := time.Now()
	pages, failed := 0, 0
	for _, f := range files {
		t0 := time.Now()
		res, err := lib.IngestFile(ctx, f, "cli")
		if err != nil {
			failed++
			fmt.Fprintf(a.Out, "failed     %s: %v\n", f, err)
			continue
		}
		if res.Status != docs.Unchanged {
			pages += res.Doc.Pages
		}
		fmt.Fprintf(a.Out, "%-10s %s  %q  %d pages, %d chunks  (%s)\n", res.Status, res.Doc.Name, res.Doc.Title,
			res.Doc.Pages, res.Doc.Chunks, time.Since(t0).Round(time.Millisecond))
	}
	if el := time.Since(start); pages > 0 {
		fmt.Fprintf(a.Out, "%d pages in %s (%.0f pages/s)\n", pages, el.Round(time.Millisecond), float64(pages)/el.Seconds())
	}
	if lib.EmbeddingsEnabled() && !*noEmbed {
		t0 := time.Now()
		n, err := lib.EmbedMissing(ctx)
		if err != nil {
			fmt.Fprintf(a.Out, "embeddings: %d stored, then failed: %v (the running bot retries)\n", n, err)
		} else if n > 0 {
			fmt.Fprintf(a.Out, "embeddings: %d chunks with %s (%s)\n", n, a.Cfg.EmbedModel, time.Since(t0).Round(time.Millisecond))
		}
	}
	if failed > 0 {
		return fmt.Errorf("ingest: %d of %d files failed", failed, len(files))
	}
	return nil
}

// expandPaths turns files and folders into the files to ingest; a folder
// contributes its PDF, Markdown and text files, recursively.
func expandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && ingestExts[strings.ToLower(filepath.Ext(path))] {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func listDocuments(ctx context.Context, a *App, lib *docs.Library) error {
	ds, err := lib.List(ctx)
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		fmt.Fprintln(a.Out, "no documents ingested")
		return nil
	}
	w := tabwriter.NewWriter(a.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tTITLE\tPAGES\tCHUNKS\tINGESTED\tBY")
	for _, d := range ds {
		fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%d\t%s\t%s\n", d.ID, d.Name, d.Title, d.Pages, d.Chunks,
			d.IngestedAt.In(bot.Oslo).Format("2006-01-02 15:04"), d.IngestedBy)
	}
	return w.Flush()
}
