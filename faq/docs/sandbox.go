package docs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"runtime/debug"
	"strings"
	"time"
)

// A PDF is parsed in a child process when Options.PDFSandbox names one:
// kulturbot re-executed with a hidden subcommand (cmd/kulturbot wires
// ServePDFSandbox to it). The child limits its own address space before it
// reads a byte, and the parent kills it at the deadline, so a document that
// hangs the reader library or makes it allocate without bound costs one
// child, never the bot. The child applies the in-process limits too, so
// the error usually names the exact limit; a killed child still gets a
// LimitError (timeout or memory).

// SandboxCommand is the hidden subcommand the sandbox re-executes
// kulturbot with. It is not listed in the help.
const SandboxCommand = "__pdf-sandbox"

// wireParsed is what the child writes to its stdout.
type wireParsed struct {
	Title  string      `json:"title,omitempty"`
	Pages  int         `json:"pages"`
	Blocks []wireBlock `json:"blocks,omitempty"`
	Limit  *LimitError `json:"limit,omitempty"`
	Err    string      `json:"error,omitempty"`
}

type wireBlock struct {
	Heading bool   `json:"h,omitempty"`
	Section string `json:"s,omitempty"`
	Page    int    `json:"p,omitempty"`
	Text    string `json:"t"`
}

// ServePDFSandbox is the child's side: it reads one PDF from in, parses it
// within the limits given as flags, and writes the result as JSON to out.
// It returns the process exit code.
func ServePDFSandbox(args []string, in io.Reader, out, errOut io.Writer) int {
	fs := flag.NewFlagSet(SandboxCommand, flag.ContinueOnError)
	fs.SetOutput(errOut)
	d := DefaultPDFLimits
	timeout := fs.Duration("timeout", d.Timeout, "parse deadline")
	pages := fs.Int("pages", d.MaxPages, "page limit")
	inflated := fs.Int64("inflated", d.MaxInflated, "inflated-bytes limit")
	memory := fs.Int64("memory", d.MaxMemory, "address-space limit in bytes")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	lim := PDFLimits{Timeout: *timeout, MaxPages: *pages, MaxInflated: *inflated, MaxMemory: *memory}
	// Before anything is read: a hard limit the kernel enforces (where it
	// can), and a soft one that makes the collector work hard before it.
	if err := limitProcess(lim.MaxMemory, lim.Timeout); err != nil {
		fmt.Fprintln(errOut, "pdf sandbox: limits:", err)
	}
	debug.SetMemoryLimit(lim.MaxMemory / 2)
	content, err := io.ReadAll(io.LimitReader(in, MaxDocumentSize+1))
	if err != nil {
		fmt.Fprintln(errOut, "pdf sandbox: read:", err)
		return 1
	}
	var w wireParsed
	p, err := parsePDF(context.Background(), content, lim)
	if le, ok := IsLimit(err); ok {
		w.Limit = le
	} else if err != nil {
		w.Err = err.Error()
	} else {
		w.Title, w.Pages = p.title, p.pages
		for _, b := range p.blocks {
			w.Blocks = append(w.Blocks, wireBlock{Heading: b.heading, Section: b.section, Page: b.page, Text: b.text})
		}
	}
	if err := json.NewEncoder(out).Encode(w); err != nil {
		fmt.Fprintln(errOut, "pdf sandbox: write:", err)
		return 1
	}
	return 0
}

// sandboxGrace is how long after the parse deadline the parent waits for
// the child to report the timeout itself before it kills it.
const sandboxGrace = 2 * time.Second

// parsePDFSandboxed runs the child command argv with the PDF on its stdin.
func parsePDFSandboxed(ctx context.Context, argv []string, content []byte, lim PDFLimits) (parsed, error) {
	lim = lim.withDefaults()
	if len(argv) == 0 {
		return parsePDF(ctx, content, lim)
	}
	cctx, cancel := context.WithTimeout(ctx, lim.Timeout+sandboxGrace)
	defer cancel()
	args := append(append([]string{}, argv[1:]...),
		"-timeout", lim.Timeout.String(),
		"-pages", fmt.Sprint(lim.MaxPages),
		"-inflated", fmt.Sprint(lim.MaxInflated),
		"-memory", fmt.Sprint(lim.MaxMemory))
	cmd := exec.CommandContext(cctx, argv[0], args...)
	cmd.Stdin = bytes.NewReader(content)
	var stdout bytes.Buffer
	stderr := &headBuffer{max: 4 << 10}
	// The text of a document within the limits is bounded by MaxInflated.
	cmd.Stdout = &capWriter{w: &stdout, left: 2*lim.MaxInflated + 1<<20}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return parsed{}, ctx.Err()
	case cctx.Err() != nil:
		return parsed{}, &LimitError{Limit: LimitTimeout, Value: lim.Timeout.Milliseconds()}
	case err != nil:
		msg := stderr.String()
		// Under RLIMIT_AS the runtime either says so or, when the
		// collector's own allocation fails, faults in the runtime: a fatal
		// SIGSEGV as the first line (a fault in our code would be a
		// "panic:" and is recovered in the child anyway). A reader built
		// with -race says it in the race runtime's words instead: its
		// shadow memory found no room ("ThreadSanitizer failed to
		// allocate ... (errno: 12)", "too many address space collisions
		// for -race mode").
		if strings.Contains(msg, "out of memory") || strings.Contains(msg, "cannot allocate memory") ||
			strings.HasPrefix(lastLine(msg), "SIGSEGV: segmentation violation") ||
			strings.Contains(msg, "ThreadSanitizer failed to allocate") ||
			strings.Contains(msg, "too many address space collisions for -race mode") {
			return parsed{}, &LimitError{Limit: LimitMemory, Value: lim.MaxMemory}
		}
		return parsed{}, fmt.Errorf("pdf: the reader process failed (%v): %s", err, lastLine(msg))
	}
	var w wireParsed
	if err := json.Unmarshal(stdout.Bytes(), &w); err != nil {
		return parsed{}, fmt.Errorf("pdf: the reader process wrote no result: %w", err)
	}
	if w.Limit != nil {
		return parsed{}, w.Limit
	}
	if w.Err != "" {
		return parsed{}, errors.New(w.Err)
	}
	p := parsed{title: w.Title, pages: w.Pages}
	for _, b := range w.Blocks {
		p.blocks = append(p.blocks, block{heading: b.Heading, section: b.Section, page: b.Page, text: b.Text})
	}
	return p, nil
}

// capWriter fails once more than left bytes were written.
type capWriter struct {
	w    io.Writer
	left int64
}

func (c *capWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > c.left {
		return 0, errors.New("pdf sandbox: output too large")
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}

// headBuffer keeps the first max bytes written: the Go runtime's "fatal error"
// line comes first, the long stack after it.
type headBuffer struct {
	buf bytes.Buffer
	max int
}

func (t *headBuffer) Write(p []byte) (int, error) {
	if room := t.max - t.buf.Len(); room > 0 {
		if len(p) > room {
			t.buf.Write(p[:room])
		} else {
			t.buf.Write(p)
		}
	}
	return len(p), nil
}

func (t *headBuffer) String() string { return t.buf.String() }

func lastLine(s string) string {
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l // the first non-empty line says what went wrong
		}
	}
	return "no message"
}
