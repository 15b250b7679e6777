package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/handlers"
)

func init() {
	register("ask", subcommand{
		help: `ask [--json] [--lang nb|nn|en] "question": answer one question (no question: one per line from stdin). A probe: nothing is logged`,
		run:  runAsk,
	})
}

// askResult is the JSON line `kulturbot ask --json` prints. Every key is
// always present, so scripts can rely on them.
type askResult struct {
	Question   string         `json:"question"`
	Answered   bool           `json:"answered"`
	Answer     string         `json:"answer"`
	Source     string         `json:"source"`
	Score      float64        `json:"score"`
	Lang       string         `json:"lang"`
	Path       string         `json:"path"`
	EntryID    string         `json:"entry_id"`
	OutOfScope bool           `json:"out_of_scope"`
	Citations  []faq.Citation `json:"citations"`
	Related    []faq.Related  `json:"related"`
	// Parts and Unanswered: a question of two in one, split, and the
	// parts it leaves unanswered (faq.Answer).
	Parts      []string         `json:"parts"`
	Unanswered []faq.Unanswered `json:"unanswered"`
}

// runAsk answers questions from the command line. It is a probe of the
// answering engine (FAQ, then documents): unlike /faq it never logs an
// unanswered question for the working group and never stores an answer.
func runAsk(ctx context.Context, a *App, args []string) error {
	var asJSON bool
	lang := ""
	var words []string
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--json" || arg == "-json":
			asJSON = true
		case arg == "--lang" || arg == "-lang":
			if i+1 >= len(args) {
				return fmt.Errorf("ask: --lang needs nb, nn or en")
			}
			lang = args[i+1]
			i++
		case strings.HasPrefix(arg, "--lang="):
			lang = strings.TrimPrefix(arg, "--lang=")
		case arg == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case len(words) == 0 && len(arg) > 1 && arg[0] == '-':
			// A flag of kulturbot itself (--db, --faq …) typed after
			// ask would otherwise become the start of the question and
			// be answered against the wrong database, silently.
			return fmt.Errorf("ask: unknown flag %s: flags of kulturbot itself go before ask (kulturbot --db FILE ask \"…\"); a question that starts with - goes after --", arg)
		default:
			words = append(words, arg)
		}
	}
	if lang != "" && lang != "nb" && lang != "nn" && lang != "en" {
		return fmt.Errorf("ask: --lang must be nb, nn or en, not %q", lang)
	}
	if a.FAQ == nil {
		return fmt.Errorf("ask: no FAQ loaded")
	}
	w := bufio.NewWriter(a.Out)
	defer w.Flush()
	one := func(q string) error {
		// Through the handlers, so the bot's own data and small talk are
		// answered as /faq answers them (nothing is logged).
		ans, err := a.Handlers.Answer(ctx, handlers.Query{Text: q, Lang: lang, Now: time.Now()})
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(w, ans)
		}
		writePlain(w, ans)
		return nil
	}
	if len(words) > 0 {
		return one(strings.Join(words, " "))
	}
	sc := bufio.NewScanner(a.In)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		if q == "" {
			continue
		}
		if err := one(q); err != nil {
			return err
		}
		// Flush per line so a pipe reading answer by answer is not kept waiting.
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return sc.Err()
}

// plain drops the reply format's private marks (bot.Esc around names the
// bot quotes from its data) for output that is not a chat platform.
func plain(s string) string {
	if strings.ContainsAny(s, "\uE000\uE002") {
		return bot.PlainText(s)
	}
	return s
}

func writeJSON(w io.Writer, ans faq.Answer) error {
	ans.Text = plain(ans.Text)
	r := askResult{Question: ans.Question, Answered: ans.Answered, Answer: ans.Text, Source: ans.Source,
		Score: ans.Score, Lang: ans.Lang, Path: ans.Path, EntryID: ans.EntryID, OutOfScope: ans.OutOfScope,
		Citations: ans.Citations, Related: ans.Related, Parts: ans.Parts, Unanswered: ans.Unanswered}
	if r.Citations == nil {
		r.Citations = []faq.Citation{}
	}
	if r.Related == nil {
		r.Related = []faq.Related{}
	}
	if r.Parts == nil {
		r.Parts = []string{}
	}
	if r.Unanswered == nil {
		r.Unanswered = []faq.Unanswered{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func writePlain(w io.Writer, ans faq.Answer) {
	ans.Text = plain(ans.Text)
	lang := bot.Lang(ans.Lang)
	fmt.Fprintln(w, ans.Text)
	if ans.Source != "" {
		fmt.Fprintln(w, handlers.Text(lang, "faq.source", ans.Source))
	}
	for _, c := range ans.Citations {
		fmt.Fprintf(w, "[%d] %s", c.N, c.Doc)
		if c.Page > 0 {
			fmt.Fprint(w, handlers.Text(lang, "faq.page", c.Page))
		}
		fmt.Fprintln(w)
	}
	for _, r := range ans.Related {
		fmt.Fprintf(w, "  → /faq #%s  %s\n", r.ID, r.Question)
	}
	if ans.Answered {
		fmt.Fprintf(w, "(%s %.2f)\n", ans.Path, ans.Score)
	}
	fmt.Fprintln(w)
}
