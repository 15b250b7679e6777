package docs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// block is one paragraph of a document, or a heading, with where it was
// found. Page is 1-based; 0 when the format has no pages (Markdown, text
// without form feeds).
type block struct {
	heading bool
	section string
	page    int
	text    string
}

// parsed is a document turned into blocks.
type parsed struct {
	title  string
	pages  int
	blocks []block
}

// ErrUnsupported is returned for a file that is neither Markdown, plain
// text nor PDF.
var ErrUnsupported = errors.New("unsupported file type: use Markdown (.md), plain text (.txt) or PDF (.pdf)")

// parseDoc reads a document by its name's extension, sniffing the content
// when the extension says nothing.
func parseDoc(name string, content []byte) (parsed, error) {
	return parseDocWith(context.Background(), name, content, parsePDFInProcess)
}

// pdfParser reads a PDF: in this process with its limits, or in the
// sandbox process (sandbox.go).
type pdfParser func(ctx context.Context, content []byte) (parsed, error)

func parsePDFInProcess(ctx context.Context, content []byte) (parsed, error) {
	return parsePDF(ctx, content, DefaultPDFLimits)
}

func parseDocWith(ctx context.Context, name string, content []byte, readPDF pdfParser) (parsed, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".pdf" || bytes.HasPrefix(content, []byte("%PDF-")):
		return readPDF(ctx, content)
	case ext == ".md" || ext == ".markdown":
		return parseMarkdown(content)
	case ext == ".txt" || ext == ".text" || ext == "":
		return parseText(content)
	}
	if utf8.Valid(content) && !bytes.ContainsRune(content, 0) {
		return parseText(content)
	}
	return parsed{}, fmt.Errorf("%s: %w", name, ErrUnsupported)
}

var (
	mdHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdFence   = regexp.MustCompile("^(```|~~~)")
	mdList    = regexp.MustCompile(`^\s*([-*+]|\d+[.)])\s+`)
	mdImage   = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink    = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdTag     = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdEmph    = regexp.MustCompile(`(\*\*|__|\*|_|` + "`" + `)(\S(?:.*?\S)?)(\*\*|__|\*|_|` + "`" + `)`)
	setextH   = regexp.MustCompile(`^(=+|-+)\s*$`)
)

// cleanInline removes Markdown markup, keeping the words people read.
func cleanInline(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, "")
	for i := 0; i < 3; i++ {
		n := mdEmph.ReplaceAllStringFunc(s, func(m string) string {
			sub := mdEmph.FindStringSubmatch(m)
			if sub[1] != sub[3] {
				return m
			}
			return sub[2]
		})
		if n == s {
			break
		}
		s = n
	}
	return strings.TrimSpace(s)
}

// parseMarkdown splits Markdown into headings and paragraphs. The first
// level-1 heading (or a front-matter title) is the document's title.
func parseMarkdown(content []byte) (parsed, error) {
	var p parsed
	text := strings.ReplaceAll(string(content), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	// YAML front matter: only its title is of interest.
	if len(lines) > 2 && strings.TrimSpace(lines[0]) == "---" {
		for i := 1; i < len(lines); i++ {
			l := strings.TrimSpace(lines[i])
			if l == "---" {
				lines = lines[i+1:]
				break
			}
			if v, ok := strings.CutPrefix(l, "title:"); ok && p.title == "" {
				p.title = strings.Trim(strings.TrimSpace(v), `"'`)
			}
		}
	}
	section := ""
	var para []string
	inFence := false
	flush := func() {
		if len(para) == 0 {
			return
		}
		t := strings.TrimSpace(strings.Join(para, ""))
		para = para[:0]
		if t != "" {
			p.blocks = append(p.blocks, block{section: section, text: t})
		}
	}
	heading := func(level int, h string) {
		flush()
		h = cleanInline(h)
		if h == "" {
			return
		}
		if level == 1 && p.title == "" {
			p.title = h
		}
		section = h
		p.blocks = append(p.blocks, block{heading: true, section: h, text: h})
	}
	for _, raw := range lines {
		line := strings.TrimRight(raw, " \t")
		if mdFence.MatchString(strings.TrimSpace(line)) {
			inFence = !inFence
			continue
		}
		if inFence {
			para = append(para, line+"\n")
			continue
		}
		trim := strings.TrimSpace(line)
		if m := mdHeading.FindStringSubmatch(trim); m != nil {
			heading(len(m[1]), m[2])
			continue
		}
		// Setext heading: a single-line paragraph underlined by === or ---.
		if setextH.MatchString(trim) && len(para) == 1 && !mdList.MatchString(para[0]) {
			h := para[0]
			para = para[:0]
			level := 2
			if trim[0] == '=' {
				level = 1
			}
			heading(level, h)
			continue
		}
		if trim == "" || trim == "---" || trim == "***" {
			flush()
			continue
		}
		trim = strings.TrimSpace(strings.TrimLeft(trim, ">"))
		if mdList.MatchString(trim) {
			// List items each on their own line, so quotes read well.
			item := mdList.ReplaceAllString(trim, "")
			if len(para) > 0 {
				para = append(para, "\n")
			}
			para = append(para, "• "+cleanInline(item))
			continue
		}
		if len(para) > 0 && !strings.HasSuffix(para[len(para)-1], "\n") {
			para = append(para, " ")
		}
		para = append(para, cleanInline(trim))
	}
	flush()
	p.pages = 1
	return p, nil
}

// parseText splits plain text into paragraphs at blank lines. Form feeds
// (as pdftotext writes them) separate pages. A short single-line paragraph
// that does not end like a sentence is taken as a heading.
func parseText(content []byte) (parsed, error) {
	if !utf8.Valid(content) {
		content = bytes.ToValidUTF8(content, []byte("?"))
	}
	text := strings.ReplaceAll(string(content), "\r\n", "\n")
	pages := strings.Split(text, "\f")
	var p parsed
	paged := len(pages) > 1
	p.pages = len(pages)
	section := ""
	for i, pg := range pages {
		page := 0
		if paged {
			page = i + 1
		}
		for _, para := range splitParagraphs(pg) {
			if isHeadingLine(para) {
				if p.title == "" && len(p.blocks) == 0 {
					p.title = para
				}
				section = para
				p.blocks = append(p.blocks, block{heading: true, section: para, page: page, text: para})
				continue
			}
			p.blocks = append(p.blocks, block{section: section, page: page, text: para})
		}
	}
	if paged && strings.TrimSpace(pages[len(pages)-1]) == "" {
		p.pages-- // a trailing form feed does not start a page
	}
	return p, nil
}

// splitParagraphs splits text at blank lines and joins the lines of each
// paragraph (undoing hyphenation at line ends).
func splitParagraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, joinLines(cur))
			cur = cur[:0]
		}
	}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// joinLines joins wrapped lines into one paragraph. A word broken with a
// hyphen at a line end ("kultur-" / "skole") is joined again; list items
// keep their own line.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			switch {
			case mdList.MatchString(l) || strings.HasPrefix(l, "•"):
				b.WriteByte('\n')
			case strings.HasSuffix(prev, "-") && len(prev) > 1 && startsLower(l) && unicode.IsLetter(lastRune(prev[:len(prev)-1])):
				s := b.String()
				b.Reset()
				b.WriteString(s[:len(s)-1])
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

var numbered = regexp.MustCompile(`^(\d+(\.\d+)*\.?|[A-ZÆØÅ]\.|[IVX]+\.)\s+\S`)

// isHeadingLine guesses whether a paragraph is a heading: one short line,
// starting with a capital or a section number, not ending like a sentence.
func isHeadingLine(s string) bool {
	if strings.Contains(s, "\n") || utf8.RuneCountInString(s) > 90 || len(strings.Fields(s)) > 12 {
		return false
	}
	last := lastRune(s)
	if strings.ContainsRune(".,;!?:»\")", last) {
		return numbered.MatchString(s) && last != ',' && last != ';' && !strings.HasSuffix(s, ".") && last != ':'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || numbered.MatchString(s)
}
