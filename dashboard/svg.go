package dashboard

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Charts are inline SVG built here, so the page needs no script and loads
// nothing from anywhere. Only presentation attributes are used (fill=,
// stroke=): a style="" attribute would be refused by the page's
// Content-Security-Policy. Every text that came from people goes through
// html.EscapeString before it is put into the markup.

// Colours shared with the page's CSS (see page.html).
const (
	colYes   = "#2e7d32"
	colMaybe = "#f9a825"
	colNo    = "#c62828"
	colBar   = "#1565c0"
	colLate  = "#ef6c00"
	colAxis  = "#757575"
)

func itoa(n int) string { return strconv.Itoa(n) }

func esc(s string) string { return html.EscapeString(s) }

// svgOpen starts a scalable chart with an accessible name.
func svgOpen(b *strings.Builder, w, h int, label string) {
	// Natural size in CSS pixels; the stylesheet shrinks it on narrow
	// screens (max-width: 100%, height: auto) but never blows it up.
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" class="chart"><title>%s</title>`,
		w, h, w, h, esc(label), esc(label))
}

// answersChart draws how many municipalities answered ja, kanskje and nei
// over time, replaying every answer given (a changed answer moves a
// municipality from one line to another).
func answersChart(hist []store.RSVPChange, lang bot.Lang) template.HTML {
	if len(hist) == 0 {
		return ""
	}
	type point struct {
		at             time.Time
		yes, maybe, no int
	}
	cur := map[int64]string{}
	var pts []point
	for _, h := range hist {
		cur[h.Municipality.ID] = h.Answer
		p := point{at: h.At}
		for _, a := range cur {
			switch a {
			case store.AnswerYes:
				p.yes++
			case store.AnswerMaybe:
				p.maybe++
			case store.AnswerNo:
				p.no++
			}
		}
		// Several answers within the same minute are one step.
		if n := len(pts); n > 0 && p.at.Sub(pts[n-1].at) < time.Minute {
			pts[n-1] = p
			continue
		}
		pts = append(pts, p)
	}
	max := 1
	for _, p := range pts {
		for _, n := range []int{p.yes, p.maybe, p.no} {
			if n > max {
				max = n
			}
		}
	}
	const W, H, left, right, top, bottom = 400, 100, 24, 8, 8, 22
	t0, t1 := pts[0].at, pts[len(pts)-1].at
	span := t1.Sub(t0)
	x := func(t time.Time) float64 {
		if span <= 0 {
			return float64(W - right)
		}
		return left + float64(W-left-right)*float64(t.Sub(t0))/float64(span)
	}
	y := func(n int) float64 { return top + float64(H-top-bottom)*(1-float64(n)/float64(max)) }
	var b strings.Builder
	svgOpen(&b, W, H, messages.T(lang, "dash.chart.answers"))
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, left, H-bottom, W-right, H-bottom, colAxis)
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="10" text-anchor="end" fill="%s">%d</text>`, left-4, y(max)+4, colAxis, max)
	fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="10" text-anchor="end" fill="%s">0</text>`, left-4, y(0)+4, colAxis)
	// Lines that share a value lie on top of each other: the ones drawn
	// first are wider, so every colour still shows as a stripe.
	for _, line := range []struct {
		col   string
		width int
		n     func(point) int
	}{
		{colNo, 7, func(p point) int { return p.no }},
		{colMaybe, 4, func(p point) int { return p.maybe }},
		{colYes, 2, func(p point) int { return p.yes }},
	} {
		var ps []string
		prev := -1
		for i, p := range pts {
			if i > 0 {
				// A step: hold the old value until the change.
				ps = append(ps, fmt.Sprintf("%.1f,%.1f", x(p.at), y(prev)))
			}
			ps = append(ps, fmt.Sprintf("%.1f,%.1f", x(p.at), y(line.n(p))))
			prev = line.n(p)
		}
		if len(pts) == 1 {
			ps = append([]string{fmt.Sprintf("%d,%.1f", left, y(line.n(pts[0])))}, ps...)
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="%d" points="%s"/>`, line.col, line.width, strings.Join(ps, " "))
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" fill="%s">%s</text>`, left, H-6, colAxis, esc(shortDate(t0, lang)))
	if span > 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="end" fill="%s">%s</text>`, W-right, H-6, colAxis, esc(shortDate(t1, lang)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// countyChart draws registrations per county as horizontal bars, the late
// ones as an orange end of the bar.
func countyChart(cs []countyRow, lang bot.Lang) template.HTML {
	if len(cs) == 0 {
		return ""
	}
	max := 1
	for _, c := range cs {
		if c.Registrations > max {
			max = c.Registrations
		}
	}
	const W, rowH, label, right = 480, 22, 130, 28
	H := rowH*len(cs) + 4
	var b strings.Builder
	svgOpen(&b, W, H, messages.T(lang, "dash.chart.counties"))
	unit := float64(W-label-right) / float64(max)
	for i, c := range cs {
		y := i*rowH + 2
		onTime := c.Registrations - c.Late
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="end" fill="#212121">%s</text>`, label-6, y+14, esc(c.County))
		if onTime > 0 {
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`, label, y+2, unit*float64(onTime), rowH-6, colBar)
		}
		if c.Late > 0 {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`,
				float64(label)+unit*float64(onTime), y+2, unit*float64(c.Late), rowH-6, colLate, esc(messages.T(lang, "dash.interest.late")))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11" fill="#212121">%d</text>`, float64(label)+unit*float64(c.Registrations)+4, y+14, c.Registrations)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// monthChart draws mentoring minutes per month as columns.
func monthChart(months []time.Time, totals []int, lang bot.Lang) template.HTML {
	if len(months) == 0 {
		return ""
	}
	max := 1
	for _, n := range totals {
		if n > max {
			max = n
		}
	}
	const H, top, bottom, colW = 140, 16, 20, 56
	W := colW*len(months) + 8
	var b strings.Builder
	svgOpen(&b, W, H, messages.T(lang, "dash.chart.months"))
	for i, m := range months {
		h := float64(H-top-bottom) * float64(totals[i]) / float64(max)
		x := 4 + i*colW
		fmt.Fprintf(&b, `<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="%s"/>`, x+6, float64(H-bottom)-h, colW-12, h, colBar)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="10" text-anchor="middle" fill="#212121">%d</text>`, x+colW/2, float64(H-bottom)-h-3, totals[i])
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="10" text-anchor="middle" fill="%s">%s</text>`, x+colW/2, H-6, colAxis, esc(monthLabel(m, lang)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

var monthsShortNB = [...]string{"jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"}

// monthLabel is "feb 25" / "Feb 25".
func monthLabel(m time.Time, lang bot.Lang) string {
	if lang == bot.EN {
		return m.Format("Jan 06")
	}
	return monthsShortNB[m.Month()-1] + " " + m.Format("06")
}

// monthName is "februar 2025" / "February 2025".
func monthName(m time.Time, lang bot.Lang) string {
	d := bot.FormatDate(m, lang) // "1. februar 2025" / "1 February 2025"
	if i := strings.Index(d, " "); i >= 0 {
		return d[i+1:]
	}
	return d
}

// shortDate is "6.2." / "6 Feb".
func shortDate(t time.Time, lang bot.Lang) string {
	t = t.In(bot.Oslo)
	if lang == bot.EN {
		return t.Format("2 Jan")
	}
	return fmt.Sprintf("%d.%d.", t.Day(), int(t.Month()))
}
