package docs

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/ledongthuc/pdf"
)

// PDF text extraction on github.com/ledongthuc/pdf (pure Go). The library's
// own plain-text helpers lose line breaks between lines positioned with Td,
// so we walk the content stream ourselves: a vertical move starts a new
// line, a large one a new paragraph, a horizontal jump or a TJ gap wider than kerning (0.12 em) is
// a space, and the font size marks headings (lines set clearly larger than
// the body text).

// pdfLine is one line of text on a page.
type pdfLine struct {
	text string
	size float64
	para bool // a paragraph starts here (vertical gap before it)
}

// parsePDF reads the text of every page of a PDF within lim (see
// pdflimits.go); a document over a limit ends with a *LimitError.
func parsePDF(ctx context.Context, content []byte, lim PDFLimits) (p parsed, err error) {
	lim = lim.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	g := &pdfGuard{ctx: ctx, lim: lim, left: lim.MaxInflated, checked: map[uint64]bool{}}
	defer func() {
		if r := recover(); r != nil {
			if le, ok := r.(*LimitError); ok {
				p, err = parsed{}, le
				return
			}
			p, err = parsed{}, fmt.Errorf("pdf: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		return p, fmt.Errorf("pdf: %w", err)
	}
	pageList := g.pdfPageList(r)
	p.pages = len(pageList)
	pages := make([][]pdfLine, len(pageList))
	for i, pg := range pageList {
		g.check()
		pages[i] = g.pdfPageLines(pg)
	}
	body := bodySize(pages)
	section := ""
	for i, lines := range pages {
		page := i + 1
		var para []string
		flush := func() {
			if len(para) > 0 {
				p.blocks = append(p.blocks, block{section: section, page: page, text: joinLines(para)})
				para = para[:0]
			}
		}
		for j := 0; j < len(lines); j++ {
			l := lines[j]
			if body > 0 && l.size >= body*1.15 && len([]rune(l.text)) <= 120 {
				// Consecutive large lines are one wrapped heading.
				h := []string{l.text}
				for j+1 < len(lines) && math.Abs(lines[j+1].size-l.size) < 0.5 && !lines[j+1].para {
					j++
					h = append(h, lines[j].text)
				}
				flush()
				section = joinLines(h)
				if p.title == "" && page == 1 {
					p.title = section
				}
				p.blocks = append(p.blocks, block{heading: true, section: section, page: page, text: section})
				continue
			}
			if l.para {
				flush()
			}
			para = append(para, l.text)
		}
		flush()
	}
	if t := strings.TrimSpace(pdfInfoTitle(r)); t != "" {
		p.title = t
	}
	return p, nil
}

func pdfInfoTitle(r *pdf.Reader) (t string) {
	defer func() {
		if recover() != nil {
			t = ""
		}
	}()
	return r.Trailer().Key("Info").Key("Title").Text()
}

// bodySize is the font size most characters are set in.
func bodySize(pages [][]pdfLine) float64 {
	count := map[float64]int{}
	for _, lines := range pages {
		for _, l := range lines {
			count[math.Round(l.size*2)/2] += len(l.text)
		}
	}
	var sizes []float64
	for s := range count {
		sizes = append(sizes, s)
	}
	sort.Float64s(sizes)
	best, bestN := 0.0, 0
	for _, s := range sizes {
		if count[s] > bestN {
			best, bestN = s, count[s]
		}
	}
	return best
}

// pdfPageLines walks one page's content stream into lines. A malformed
// stream ends the page early with what was read (the library panics on
// some errors); a limit ends the whole parse.
func (g *pdfGuard) pdfPageLines(pg pdf.Page) (lines []pdfLine) {
	if pg.V.IsNull() || pg.V.Key("Contents").Kind() == pdf.Null {
		return nil
	}
	g.charge(pg.V.Key("Contents"))
	encs := map[string]pdf.TextEncoding{}
	var (
		enc              pdf.TextEncoding
		fontSize, scale  = 0.0, 1.0
		x, y, lineX      float64
		leading          float64
		lastY            = math.NaN()
		cur              strings.Builder
		curSize          float64
		curPara          bool
		pendingSpace     bool
		lastWasTextShown bool
	)
	size := func() float64 {
		s := fontSize * scale
		if s <= 0 {
			s = 10
		}
		return s
	}
	endLine := func() {
		t := strings.Join(strings.Fields(cur.String()), " ")
		if t != "" {
			lines = append(lines, pdfLine{text: t, size: curSize, para: curPara})
		}
		cur.Reset()
		curSize, curPara, pendingSpace = 0, false, false
	}
	show := func(raw string) {
		if enc == nil {
			return
		}
		s := enc.Decode(raw)
		if s == "" {
			return
		}
		if !math.IsNaN(lastY) && math.Abs(y-lastY) > size()*0.3 {
			gap := lastY - y
			endLine()
			curPara = gap > size()*1.6 || gap < 0
		} else if pendingSpace && cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		pendingSpace = false
		lastY = y
		cur.WriteString(s)
		if sz := size(); sz > curSize {
			curSize = sz
		}
		lastWasTextShown = true
	}
	moveTo := func(nx, ny float64) {
		if lastWasTextShown && math.Abs(ny-y) < 0.01 && nx > x {
			pendingSpace = true
		}
		x, y = nx, ny
	}
	defer func() {
		if r := recover(); r != nil {
			if le, ok := r.(*LimitError); ok {
				panic(le)
			}
			endLine()
		}
	}()
	pdf.Interpret(pg.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		g.tick()
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT":
			x, y, lineX, scale = 0, 0, 0, 1
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				e, ok := encs[name]
				if !ok {
					f := pg.Font(name)
					g.charge(f.V.Key("ToUnicode"))
					e = f.Encoder()
					encs[name] = e
				}
				enc = e
				fontSize = args[1].Float64()
			}
		case "TL":
			if len(args) == 1 {
				leading = args[0].Float64()
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					leading = -args[1].Float64()
				}
				lineX += args[0].Float64()
				moveTo(lineX, y+args[1].Float64())
				x = lineX
			}
		case "Tm":
			if len(args) == 6 {
				if d := math.Abs(args[3].Float64()); d > 0 {
					scale = d
				}
				lineX = args[4].Float64()
				moveTo(lineX, args[5].Float64())
			}
		case "T*":
			x = lineX
			y -= leading
		case "'", "\"":
			x = lineX
			y -= leading
			if len(args) > 0 && args[len(args)-1].Kind() == pdf.String {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				v := args[0]
				for i := 0; i < v.Len(); i++ {
					e := v.Index(i)
					if e.Kind() == pdf.String {
						show(e.RawString())
					} else if e.Float64() < -120 {
						pendingSpace = true
					}
				}
			}
		}
	})
	endLine()
	return lines
}
