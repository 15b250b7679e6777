package handlers

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq/docs"
)

var docsMessages = bot.Messages{
	"docs.h.nofile": {
		"Legg ved en fil (PDF, Markdown eller tekst) sammen med kommandoen, for eksempel /kulturbot dokument med rammeverk.pdf vedlagt (i konsollen: /kulturbot dokument fil=rammeverk.pdf). Se også /kulturbot dokument liste.",
		"Attach a file (PDF, Markdown or text) to the command, for example /kulturbot dokument with rammeverk.pdf attached (in the console: /kulturbot dokument fil=rammeverk.pdf). See also /kulturbot dokument liste."},
	"docs.h.added":     {"«%s» er lest inn: %d sider, %d tekstbiter.", "“%s” ingested: %d pages, %d chunks."},
	"docs.h.replaced":  {"«%s» er oppdatert: %d sider, %d tekstbiter (de gamle er erstattet).", "“%s” updated: %d pages, %d chunks (the old ones replaced)."},
	"docs.h.unchanged": {"«%s» er uendret siden %s – ingenting å gjøre.", "“%s” is unchanged since %s – nothing to do."},
	"docs.h.failed":    {"%s: kunne ikke leses inn – %s", "%s: could not be ingested – %s"},
	"docs.h.toolarge":  {"filen er større enn %d MB", "the file is larger than %d MB"},
	"docs.h.limit.timeout": {"å lese PDF-en tok lengre tid enn grensen på %d sekunder (filen er for kompleks eller laget for å henge leseren). Lagre den på nytt som PDF, eller lim inn teksten som .txt.",
		"reading the PDF took longer than the limit of %d seconds (the file is too complex or made to hang the reader). Save it again as PDF, or paste the text as .txt."},
	"docs.h.limit.pages": {"PDF-en har eller oppgir %d sider; grensen er %d. Del den opp, eller last opp bare delene som trengs.",
		"the PDF has or claims %d pages; the limit is %d. Split it, or upload only the parts needed."},
	"docs.h.limit.inflated": {"de komprimerte delene av PDF-en pakkes ut til mer enn grensen på %d MB (en «zip-bombe» eller en svært tung fil).",
		"the PDF's compressed parts unpack to more than the limit of %d MB (a “zip bomb” or a very heavy file)."},
	"docs.h.limit.cycle": {"sidetreet i PDF-en peker tilbake på seg selv – filen er ødelagt eller laget for å henge leseren.",
		"the PDF's page tree points back to itself – the file is broken or made to hang the reader."},
	"docs.h.limit.memory": {"å lese PDF-en trengte mer enn minnegrensen på %d MB.",
		"reading the PDF needed more than the memory limit of %d MB."},
	"docs.h.embedding": {"Embeddinger beregnes i bakgrunnen.", "Embeddings are being computed in the background."},
	"docs.h.none":      {"Ingen dokumenter er lest inn ennå. Last opp en fil med /kulturbot dokument.", "No documents ingested yet. Upload a file with /kulturbot dokument."},
	"docs.h.list":      {"Dokumenter", "Documents"},
	"docs.h.row":       {"#%d %s (%s) – %d sider, %d tekstbiter, lest inn %s", "#%d %s (%s) – %d pages, %d chunks, ingested %s"},
	"docs.h.removed":   {"«%s» er fjernet.", "“%s” removed."},
	"docs.h.notfound":  {"Fant ikke dokumentet «%s». Se /kulturbot dokument liste.", "No document “%s”. See /kulturbot dokument liste."},
	"docs.h.removeuse": {"Skriv hvilket dokument som skal fjernes, for eksempel /kulturbot dokument fjern rammeverk.pdf", "Say which document to remove, for example /kulturbot dokument fjern rammeverk.pdf"},
}

// subDocs is /kulturbot dokument: admins ingest a framework document
// uploaded with the command (adapters download it into req.Files), list
// the documents and remove one.
func (h *Handlers) subDocs(ctx context.Context, req *bot.Request, args bot.Args) (bot.Reply, error) {
	lib := h.Docs
	lang := req.Lang
	if path, ok := args.Get("fil", "file"); ok && req.Platform == bot.Console {
		// The console has no uploads; whoever runs it may read local files
		// anyway. Chat platforms never read paths from the server's disk.
		content, err := os.ReadFile(path)
		if err != nil {
			return bot.Reply{}, &bot.Error{Code: bot.EInvalid, Message: messages.T(lang, "docs.h.failed", path, err.Error()), Err: err}
		}
		req.Files = append(req.Files, bot.File{Name: filepath.Base(path), Content: content})
	}
	if err := req.LoadFiles(ctx); err != nil {
		return bot.Reply{}, err
	}
	if len(req.Files) > 0 {
		return h.ingestUploads(ctx, req, lib), nil
	}
	switch strings.ToLower(args.Arg(0)) {
	case "liste", "list":
		return h.listDocs(ctx, lib, lang)
	case "":
		// No file: say how to upload, and show what is there.
		rep, err := h.listDocs(ctx, lib, lang)
		if err != nil {
			return rep, err
		}
		rep.Text = messages.T(lang, "docs.h.nofile") + "\n\n" + rep.Text
		return rep, nil
	case "fjern", "slett", "remove", "delete":
		ref := args.Rest(1)
		if ref == "" {
			return bot.Reply{}, &bot.Error{Code: bot.EInvalid, Message: messages.T(lang, "docs.h.removeuse")}
		}
		d, err := lib.Remove(ctx, ref)
		if errors.Is(err, docs.ErrNoDocument) {
			return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Message: messages.T(lang, "docs.h.notfound", ref), Err: err}
		}
		if err != nil {
			return bot.Reply{}, bot.Internal(err)
		}
		h.Log.Info("document removed", "doc", d.Name, "by", req.UserKey())
		return bot.Reply{Text: messages.T(lang, "docs.h.removed", d.Title), Private: true, Lang: lang}, nil
	}
	return bot.Reply{}, &bot.Error{Code: bot.EInvalid, Message: messages.T(lang, "docs.h.nofile")}
}

// ingestUploads ingests every attached file and reports each outcome; one
// bad file does not stop the others.
func (h *Handlers) ingestUploads(ctx context.Context, req *bot.Request, lib *docs.Library) bot.Reply {
	lang := req.Lang
	var lines []string
	changed := false
	for _, f := range req.Files {
		if len(f.Content) > docs.MaxDocumentSize {
			lines = append(lines, messages.T(lang, "docs.h.failed", f.Name, messages.T(lang, "docs.h.toolarge", docs.MaxDocumentSize>>20)))
			continue
		}
		res, err := lib.Ingest(ctx, f.Name, "upload:"+string(req.Platform), f.Content, req.UserKey())
		if err != nil {
			h.Log.Warn("document upload failed", "file", f.Name, "err", err, "by", req.UserKey())
			lines = append(lines, messages.T(lang, "docs.h.failed", f.Name, docsErrorText(lang, err)))
			continue
		}
		h.Log.Info("document ingested", "doc", res.Doc.Name, "status", res.Status, "chunks", res.Doc.Chunks, "by", req.UserKey())
		switch res.Status {
		case docs.Unchanged:
			lines = append(lines, messages.T(lang, "docs.h.unchanged", res.Doc.Title, bot.FormatDate(res.Doc.IngestedAt, lang)))
		case docs.Replaced:
			changed = true
			lines = append(lines, messages.T(lang, "docs.h.replaced", res.Doc.Title, res.Doc.Pages, res.Doc.Chunks))
		default:
			changed = true
			lines = append(lines, messages.T(lang, "docs.h.added", res.Doc.Title, res.Doc.Pages, res.Doc.Chunks))
		}
	}
	if changed && lib.EmbeddingsEnabled() {
		lines = append(lines, messages.T(lang, "docs.h.embedding"))
		// Embedding a long document takes a while; the reply does not wait.
		// The runner owns the job, so shutdown stops it and waits for it
		// before the database closes.
		embed := func(ctx context.Context) error {
			ectx, cancel := context.WithTimeout(ctx, 30*time.Minute)
			defer cancel()
			if n, err := lib.EmbedMissing(ectx); err != nil {
				h.Log.Warn("embeddings after upload incomplete; the background embedder retries", "err", err, "stored", n)
			}
			return nil
		}
		if h.Background != nil {
			h.Background.Go(embed)
		} else {
			_ = embed(context.WithoutCancel(ctx))
		}
	}
	return bot.Reply{Text: strings.Join(lines, "\n"), Private: true, Lang: lang}
}

func (h *Handlers) listDocs(ctx context.Context, lib *docs.Library, lang bot.Lang) (bot.Reply, error) {
	ds, err := lib.List(ctx)
	if err != nil {
		return bot.Reply{}, bot.Internal(err)
	}
	rep := bot.Reply{Title: messages.T(lang, "docs.h.list"), Private: true, Lang: lang}
	if len(ds) == 0 {
		rep.Text = messages.T(lang, "docs.h.none")
		return rep, nil
	}
	var rows []string
	for _, d := range ds {
		rows = append(rows, messages.T(lang, "docs.h.row", d.ID, d.Title, d.Name, d.Pages, d.Chunks, bot.FormatDate(d.IngestedAt, lang)))
	}
	rep.Text = strings.Join(rows, "\n")
	return rep, nil
}

// docsErrorText says why a document was refused; a limit is named in the
// admin's language with what to do.
func docsErrorText(lang bot.Lang, err error) string {
	le, ok := docs.IsLimit(err)
	if !ok {
		return err.Error()
	}
	switch le.Limit {
	case docs.LimitTimeout:
		return messages.T(lang, "docs.h.limit.timeout", (le.Value+999)/1000)
	case docs.LimitPages:
		return messages.T(lang, "docs.h.limit.pages", le.Got, le.Value)
	case docs.LimitInflated, docs.LimitMemory:
		return messages.T(lang, "docs.h.limit."+string(le.Limit), le.Value>>20)
	case docs.LimitCycle:
		return messages.T(lang, "docs.h.limit.cycle")
	}
	return err.Error()
}
