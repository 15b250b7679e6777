// Package console is kulturbot's stdin/stdout adapter: the embedded default
// when no platform tokens are set, and the harness tests drive the whole bot
// with (type a line, read the reply).
//
// Lines starting with "/" are commands, other lines are questions. Buttons
// are shown as numbered choices; typing the number clicks the button.
// It works the same when stdin is a pipe and ends cleanly on EOF.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Console reads commands from In and writes replies to Out.
type Console struct {
	Router *bot.Router
	In     io.Reader
	Out    io.Writer
	// User is who types; the console user is an admin (whoever runs the
	// binary owns the data).
	User bot.User
	// Prompt is printed before each line when In is a terminal.
	Prompt bool
	// Now is the clock for requests (tests fix it); nil means time.Now.
	Now func() time.Time

	mu      sync.Mutex
	choices []bot.Button // buttons of the last reply, numbered from 1
	seq     int
}

// New returns a console over in/out for router. The prompt is shown only
// when in is an interactive terminal, so piped scripts get clean output.
func New(router *bot.Router, in io.Reader, out io.Writer) *Console {
	name := os.Getenv("USER")
	if name == "" {
		name = "konsoll"
	}
	return &Console{
		Router: router, In: in, Out: out,
		User:   bot.User{ID: "console", Name: name, Admin: true},
		Prompt: isTerminal(in),
	}
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Poster prints unsolicited messages (answers to earlier questions, the
// digest) on the console.
func (c *Console) Poster() bot.Poster { return poster{c} }

type poster struct{ c *Console }

func (p poster) Platform() bot.Platform { return bot.Console }

func (p poster) Post(_ context.Context, channel string, r bot.Reply) error {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	fmt.Fprintf(p.c.Out, "📨 Melding til %s:\n%s\n", channel, Render(r, 0))
	return nil
}

// Run reads lines until EOF or ctx ends.
func (c *Console) Run(ctx context.Context) error {
	sc := bufio.NewScanner(c.In)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(lines)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errc <- sc.Err()
	}()
	if c.Prompt {
		fmt.Fprintln(c.Out, messages.T(bot.NB, "console.welcome"))
	}
	for {
		if c.Prompt {
			fmt.Fprint(c.Out, "> ")
		}
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				c.Router.Wait()
				select {
				case err := <-errc:
					return err
				default:
					return nil
				}
			}
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#!") {
				continue
			}
			if !c.Prompt {
				// Echo piped input so a transcript reads like a session.
				fmt.Fprintf(c.Out, "> %s\n", line)
			}
			out := c.Exec(ctx, line)
			c.mu.Lock()
			fmt.Fprintln(c.Out, out)
			c.mu.Unlock()
			// Show messages the command sent (an answer to the asker)
			// right after its reply, not in the middle of the next one.
			c.Router.Wait()
		}
	}
}

// Exec runs one typed line and returns the rendered reply. A bare number
// clicks the numbered button of the previous reply.
func (c *Console) Exec(ctx context.Context, line string) string {
	// A number past the last button is a slip, not a question for the FAQ:
	// say which numbers there are, and keep the buttons for the next try.
	c.mu.Lock()
	k := len(c.choices)
	c.mu.Unlock()
	if n, err := strconv.Atoi(strings.TrimSpace(line)); err == nil && k > 0 && (n < 1 || n > k) {
		return messages.T(bot.NB, "console.nochoice", n, k)
	}
	rep := c.Send(ctx, line)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.choices = c.choices[:0]
	for _, it := range rep.Items {
		c.choices = append(c.choices, it.Buttons...)
	}
	c.choices = append(c.choices, rep.Buttons...)
	return Render(rep, 1)
}

// Send runs one typed line and returns the reply itself (for tests).
func (c *Console) Send(ctx context.Context, line string) bot.Reply {
	req := c.request(line)
	return c.Router.Handle(ctx, req)
}

func (c *Console) request(line string) *bot.Request {
	c.mu.Lock()
	c.seq++
	req := &bot.Request{
		ID:       fmt.Sprintf("console-%d", c.seq),
		Platform: bot.Console,
		User:     c.User,
		Channel:  "console",
		Lang:     bot.NB,
	}
	if c.Now != nil {
		req.Time = c.Now()
	}
	if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(c.choices) {
		line = c.choices[n-1].Command
		req.Clicked = true
	}
	c.mu.Unlock()
	if strings.HasPrefix(line, "/") {
		cmd, text, _ := strings.Cut(line[1:], " ")
		req.Command, req.Text = cmd, strings.TrimSpace(text)
	} else {
		req.Text = line
	}
	return req
}

// Render shows a reply as plain text. Buttons are numbered from first (0
// hides the numbers, for messages that cannot be clicked).
func Render(r bot.Reply, first int) string {
	var b strings.Builder
	if r.Title != "" {
		fmt.Fprintf(&b, "== %s ==\n", text(r.Title))
	}
	if r.Text != "" {
		b.WriteString(text(r.Text))
		b.WriteByte('\n')
	}
	for _, f := range r.Fields {
		fmt.Fprintf(&b, "  %s: %s\n", text(f.Label), text(f.Value))
	}
	n := first
	buttons := func(bs []bot.Button, indent string) {
		if len(bs) == 0 {
			return
		}
		b.WriteString(indent)
		for i, bt := range bs {
			if i > 0 {
				b.WriteString("  ")
			}
			if first > 0 {
				fmt.Fprintf(&b, "[%d] %s", n, text(bt.Label))
				n++
			} else {
				fmt.Fprintf(&b, "[%s]", text(bt.Label))
			}
		}
		b.WriteByte('\n')
	}
	for _, it := range r.Items {
		fmt.Fprintf(&b, "• %s\n", strings.ReplaceAll(text(it.Text), "\n", "\n  "))
		buttons(it.Buttons, "    ")
	}
	if r.Form != nil {
		b.WriteString(renderForm(r.Form, r.Lang))
	}
	if r.Context != "" {
		fmt.Fprintf(&b, "(%s)\n", text(r.Context))
	}
	buttons(r.Buttons, "")
	for _, f := range r.Files {
		fmt.Fprintf(&b, "📎 %s (%d byte)\n", f.Name, len(f.Content))
		if len(f.Content) <= 64*1024 && isText(f.Type) {
			b.WriteString(strings.TrimPrefix(string(f.Content), "\ufeff"))
			if !strings.HasSuffix(string(f.Content), "\n") {
				b.WriteByte('\n')
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// text renders reply text in the neutral format (bot.Spans) for a
// terminal: the bot's marks are shown as written (*bold*), what others
// wrote as typed, a link as "text (url)".
func text(s string) string {
	var b strings.Builder
	for _, sp := range bot.Spans(s) {
		switch {
		case sp.URL != "":
			b.WriteString(sp.Text + " (" + sp.URL + ")")
		case sp.Foreign:
			b.WriteString(sp.Text)
		case sp.Style == bot.StyleBold:
			b.WriteString("*" + sp.Text + "*")
		case sp.Style == bot.StyleItalic:
			b.WriteString("_" + sp.Text + "_")
		case sp.Style == bot.StyleCode:
			b.WriteString("`" + sp.Text + "`")
		default:
			b.WriteString(sp.Text)
		}
	}
	return b.String()
}

func isText(mime string) bool {
	return mime == "" || strings.HasPrefix(mime, "text/") || strings.Contains(mime, "json") || strings.Contains(mime, "csv")
}

// renderForm shows what a modal would ask for as a command to type.
func renderForm(f *bot.Form, lang bot.Lang) string {
	var b strings.Builder
	b.WriteString(messages.T(lang, "console.form") + "\n  /" + f.Command)
	if f.Text != "" {
		b.WriteString(" " + f.Text)
	}
	for _, fl := range f.Fields {
		// What the form would show filled in (the user's own municipality)
		// comes before the placeholder's example.
		v := fl.Initial
		if v == "" {
			v = fl.Placeholder
		}
		if v == "" {
			v = "…"
		}
		if strings.ContainsAny(v, " ,") {
			v = strconv.Quote(v)
		}
		if fl.Optional {
			fmt.Fprintf(&b, " [%s=%s]", fl.Name, v)
		} else {
			fmt.Fprintf(&b, " %s=%s", fl.Name, v)
		}
	}
	b.WriteByte('\n')
	for _, fl := range f.Fields {
		if len(fl.Options) > 0 {
			var opts []string
			for _, o := range fl.Options {
				opts = append(opts, o.Label)
			}
			fmt.Fprintf(&b, "  %s: %s\n", fl.Label, strings.Join(opts, ", "))
		}
	}
	return b.String()
}

var messages = bot.Messages{
	"console.welcome":  {"kulturbot – konsoll. Skriv et spørsmål, eller /kulturbot hjelp for kommandoene. Ctrl-D avslutter.", "kulturbot – console. Ask a question, or type /kulturbot hjelp for the commands. Ctrl-D quits."},
	"console.form":     {"Skriv kommandoen med disse feltene:", "Type the command with these fields:"},
	"console.nochoice": {"Det er ingen knapp %d: velg et tall fra 1 til %d, eller skriv en kommando.", "There is no button %d: choose a number from 1 to %d, or type a command."},
}
