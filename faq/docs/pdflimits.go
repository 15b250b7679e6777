package docs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"

	"github.com/ledongthuc/pdf"
)

// PDFs come from outside (admins upload what others sent them), and the
// reader library trusts them: it follows a page tree that points to itself
// forever, allocates whatever /Count says and inflates streams without
// bound. These limits make every such document end with a LimitError that
// says which limit it hit. Inside the sandbox process (sandbox.go) a hard
// deadline and a memory limit back them up for what the library does
// before our code gets control again.

// PDFLimits bound what reading one PDF may cost. Zero fields take the
// defaults (DefaultPDFLimits).
type PDFLimits struct {
	// Timeout bounds the whole parse (default 20 s).
	Timeout time.Duration
	// MaxPages is the most pages a document may have or claim (default 2000).
	MaxPages int
	// MaxInflated is the most bytes the document's content and font
	// streams may inflate to, all pages together (default 64 MiB).
	MaxInflated int64
	// MaxMemory is the address space the sandbox process may add to what
	// it has at start (default 1 GiB); in-process parsing cannot enforce it.
	MaxMemory int64
}

// DefaultPDFLimits are the limits of a zero PDFLimits.
var DefaultPDFLimits = PDFLimits{Timeout: 20 * time.Second, MaxPages: 2000, MaxInflated: 64 << 20, MaxMemory: 1 << 30}

func (l PDFLimits) withDefaults() PDFLimits {
	d := DefaultPDFLimits
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	if l.MaxPages > 0 {
		d.MaxPages = l.MaxPages
	}
	if l.MaxInflated > 0 {
		d.MaxInflated = l.MaxInflated
	}
	if l.MaxMemory > 0 {
		d.MaxMemory = l.MaxMemory
	}
	return d
}

// Limit names which PDFLimits bound a document hit.
type Limit string

// The limits a document can hit.
const (
	LimitTimeout  Limit = "timeout"  // Value: milliseconds
	LimitPages    Limit = "pages"    // Value: the page limit; Got: pages the document has or claims
	LimitInflated Limit = "inflated" // Value: bytes
	LimitCycle    Limit = "cycle"    // the page tree refers to itself
	LimitMemory   Limit = "memory"   // Value: bytes
)

// LimitError is returned when a document hits one of the PDFLimits. The
// handler turns it into words for the admin; Error is for logs and the CLI.
type LimitError struct {
	Limit Limit `json:"limit"`
	Value int64 `json:"value,omitempty"`
	Got   int64 `json:"got,omitempty"`
}

func (e *LimitError) Error() string {
	switch e.Limit {
	case LimitTimeout:
		return fmt.Sprintf("pdf: reading took longer than the limit of %s (the file is too complex or hostile)", time.Duration(e.Value)*time.Millisecond)
	case LimitPages:
		return fmt.Sprintf("pdf: the document has or claims %d pages; the limit is %d", e.Got, e.Value)
	case LimitInflated:
		return fmt.Sprintf("pdf: the document's compressed streams unpack to more than the limit of %d MB", e.Value>>20)
	case LimitCycle:
		return "pdf: the page tree refers to itself (a broken or hostile file)"
	case LimitMemory:
		return fmt.Sprintf("pdf: reading needed more than the memory limit of %d MB", e.Value>>20)
	}
	return "pdf: limit " + string(e.Limit)
}

// IsLimit reports whether err is a LimitError, and returns it.
func IsLimit(err error) (*LimitError, bool) {
	var le *LimitError
	ok := errors.As(err, &le)
	return le, ok
}

// pdfGuard carries the limits through one parse: the deadline, and what is
// left of the inflate budget.
type pdfGuard struct {
	ctx     context.Context
	lim     PDFLimits
	left    int64
	ops     int
	checked map[uint64]bool // streams already charged (fonts are shared by pages)
}

// check panics with a LimitError when the deadline has passed; parsePDF
// recovers it. Panicking is the only way out of the library's interpreter.
func (g *pdfGuard) check() {
	if g.ctx.Err() != nil {
		panic(&LimitError{Limit: LimitTimeout, Value: g.lim.Timeout.Milliseconds()})
	}
}

// tick is check for hot loops: the context is looked at every 256 calls.
func (g *pdfGuard) tick() {
	g.ops++
	if g.ops&255 == 0 {
		g.check()
	}
}

// charge inflates the stream (or array of streams) v into nothing,
// counting its bytes against the budget, before the library is let to
// interpret it. A stream already charged is free.
func (g *pdfGuard) charge(v pdf.Value) {
	switch v.Kind() {
	case pdf.Array:
		for i := 0; i < v.Len() && i < 10000; i++ {
			g.charge(v.Index(i))
		}
		return
	case pdf.Stream:
	default:
		return
	}
	if id, ok := objID(v); ok {
		if g.checked[id] {
			return
		}
		g.checked[id] = true
	}
	rc := v.Reader()
	defer rc.Close()
	buf := make([]byte, 64<<10)
	for {
		g.check()
		n, err := rc.Read(buf)
		g.left -= int64(n)
		if g.left < 0 {
			panic(&LimitError{Limit: LimitInflated, Value: g.lim.MaxInflated})
		}
		if err != nil {
			if err == io.EOF {
				return
			}
			// A broken stream is the interpreter's problem: it stops the
			// page early with what it read.
			return
		}
	}
}

// objID is the object number and generation a Value was loaded from. The
// library keeps it unexported; reading it by reflection is what makes cycle
// detection exact. ok is false for a direct object (id 0) or if a library
// update renames the field, and the walk falls back to its depth limit.
func objID(v pdf.Value) (id uint64, ok bool) {
	f := reflect.ValueOf(v).FieldByName("ptr")
	if !f.IsValid() || f.Kind() != reflect.Struct {
		return 0, false
	}
	n, gen := f.FieldByName("id"), f.FieldByName("gen")
	if !n.IsValid() || !gen.IsValid() || !n.CanUint() || !gen.CanUint() {
		return 0, false
	}
	if n.Uint() == 0 {
		return 0, false
	}
	return n.Uint()<<16 | gen.Uint(), true
}

// maxTreeDepth is deeper than any real page tree (they are balanced, a few
// levels); it stops a cycle that objID cannot see.
const maxTreeDepth = 64

// pdfPageList walks the page tree into its pages in order, refusing a tree
// that refers to itself, one deeper than maxTreeDepth, and a document that
// has or claims more than MaxPages pages. It replaces the library's
// Reader.Page, which trusts /Count and follows cycles forever.
func (g *pdfGuard) pdfPageList(r *pdf.Reader) []pdf.Page {
	root := r.Trailer().Key("Root").Key("Pages")
	if claimed := root.Key("Count").Int64(); claimed > int64(g.lim.MaxPages) {
		panic(&LimitError{Limit: LimitPages, Value: int64(g.lim.MaxPages), Got: claimed})
	}
	var pages []pdf.Page
	onPath := map[uint64]bool{}
	visited := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		g.tick()
		visited++
		if depth > maxTreeDepth || visited > 4*g.lim.MaxPages+64 {
			panic(&LimitError{Limit: LimitCycle})
		}
		id, ok := objID(v)
		if ok {
			if onPath[id] {
				panic(&LimitError{Limit: LimitCycle})
			}
			onPath[id] = true
			defer delete(onPath, id)
		}
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
		case "Page":
			g.checkParents(v)
			pages = append(pages, pdf.Page{V: v})
			if len(pages) > g.lim.MaxPages {
				panic(&LimitError{Limit: LimitPages, Value: int64(g.lim.MaxPages), Got: int64(len(pages))})
			}
		}
	}
	if root.Kind() == pdf.Dict {
		walk(root, 0)
	}
	return pages
}

// checkParents refuses a page whose /Parent chain loops: the library looks
// up inherited resources (fonts) by following it without a bound.
func (g *pdfGuard) checkParents(v pdf.Value) {
	seen := map[uint64]bool{}
	for depth := 0; !v.IsNull(); depth++ {
		g.tick()
		if depth > maxTreeDepth {
			panic(&LimitError{Limit: LimitCycle})
		}
		if id, ok := objID(v); ok {
			if seen[id] {
				panic(&LimitError{Limit: LimitCycle})
			}
			seen[id] = true
		}
		v = v.Key("Parent")
	}
}
