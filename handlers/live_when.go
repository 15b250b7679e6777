package handlers

import (
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Stretches of time a question about gatherings names: a season ("i vår",
// "til hausten", "this spring", "vårsemesteret"), "neste måned", "denne
// uka", "i år", "neste år", a year ("i 2027", "våren 2027"). Read on
// liveNorm text (å → a, ø → o), only for a question that already names a
// gathering, so the cost is the few words of that question.

// whenWindow is such a stretch: the days from..to (Oslo, both included)
// and how the answer names it (nb, nn, en), e.g. "våren 2027".
type whenWindow struct {
	from, to time.Time
	label    [3]string
	// alt is next year's same season, for a season named without a year.
	alt *whenWindow
}

// label in lang.
func (w *whenWindow) in(lang string) string {
	switch lang {
	case "nn":
		return w.label[1]
	case "en":
		return w.label[2]
	}
	return w.label[0]
}

// seasons: the months a season covers in the programme's calendar. Spring
// and autumn are the two semesters ("samlingen i vår" in January is the
// February one); summer and winter are the usual months.
var seasons = map[string]struct {
	from, to time.Month // to < from: over the new year
	label    [3]string
}{
	"var":    {time.January, time.June, [3]string{"våren %d", "våren %d", "in spring %d"}},
	"host":   {time.July, time.December, [3]string{"høsten %d", "hausten %d", "in autumn %d"}},
	"sommer": {time.June, time.August, [3]string{"sommeren %d", "sommaren %d", "in summer %d"}},
	"vinter": {time.December, time.February, [3]string{"vinteren %d", "vinteren %d", "in winter %d"}},
}

// seasonWords: the forms of the season words, and whether a form needs a
// word before it that makes it a time ("i vår", not "vår region"; "this
// fall", not "i så fall").
var seasonWords = map[string]struct {
	season string
	framed bool
}{
	"var": {"var", true}, "varen": {"var", false}, "varsemesteret": {"var", false}, "varsemester": {"var", false},
	"vart": {"", false}, // "vårt" is "our": never a season
	"host": {"host", true}, "hosten": {"host", false}, "hostsemesteret": {"host", false}, "hostsemester": {"host", false},
	"haust": {"host", false}, "hausten": {"host", false}, "haustsemesteret": {"host", false}, "haustsemester": {"host", false},
	"sommer": {"sommer", false}, "sommeren": {"sommer", false}, "sommar": {"sommer", false}, "sommaren": {"sommer", false},
	"vinter": {"vinter", false}, "vinteren": {"vinter", false},
	"spring": {"var", false}, "autumn": {"host", false}, "fall": {"host", true}, "summer": {"sommer", false}, "winter": {"vinter", false},
}

// seasonFrames make a framed season word a time: "i vår", "til hausten",
// "neste vår", "this fall".
var seasonFrames = wordSet("i til neste denne kommende komande kommande this next the in la utover over")

// seasonAfter: what may follow "i vår" when it is the season ("i vår
// region" is "in our region"): the end, a year, or a small word.
var seasonAfter = wordSet("og eller da sa ogsa og egentlig eigentleg hvor kvar nar and or then where when too also")

// whenIn reads the stretch of time n names, relative to now; nil if none.
func whenIn(n string, now time.Time) *whenWindow {
	fs := strings.Fields(n)
	today := bot.DayIn(now)
	y := today.Year()
	for i, w := range fs {
		prev, next := "", ""
		if i > 0 {
			prev = fs[i-1]
		}
		if i+1 < len(fs) {
			next = fs[i+1]
		}
		year, hasYear := yearWord(next)
		// "vårsamlingen", "haustsamlinga": the season's gathering.
		if season, rest, ok := strings.Cut(w, "samling"); ok && season != "" && (rest == "" || rest == "en" || rest == "a" || rest == "ene" || rest == "er" || rest == "ar" || rest == "ane") {
			if sw, ok := seasonWords[season]; ok && sw.season != "" {
				w, prev = season, "i"
				if !hasYear {
					next = ""
				}
			}
		}
		if sw, ok := seasonWords[w]; ok && sw.season != "" {
			if sw.framed && !seasonFrames[prev] {
				continue
			}
			if sw.framed && next != "" && !hasYear && !seasonAfter[next] {
				continue
			}
			s := seasons[sw.season]
			win := func(y int) *whenWindow {
				from := time.Date(y, s.from, 1, 0, 0, 0, 0, today.Location())
				to := time.Date(y, s.to+1, 1, 0, 0, 0, 0, today.Location()).AddDate(0, 0, -1)
				if s.to < s.from {
					to = to.AddDate(1, 0, 0)
				}
				w := &whenWindow{from: from, to: to}
				if s.to < s.from {
					// "vinteren 2027" is the winter that ends in 2027.
					w.from, w.to = w.from.AddDate(-1, 0, 0), w.to.AddDate(-1, 0, 0)
				}
				for k := range w.label {
					w.label[k] = strings.Replace(s.label[k], "%d", strconv.Itoa(y), 1)
				}
				return w
			}
			if hasYear {
				return win(year)
			}
			// The nearest one not over yet; "neste vår" in April is the
			// next year's when this one has nothing left (chooseWindow).
			for _, cy := range []int{y, y + 1, y + 2} {
				if w := win(cy); !w.to.Before(today) {
					w2 := win(cy + 1)
					return &whenWindow{from: w.from, to: w.to, label: w.label, alt: w2}
				}
			}
		}
		switch {
		case (w == "maned" || w == "manad" || w == "mnd" || w == "month") && (prev == "neste" || prev == "next"):
			return monthWindow(today.AddDate(0, 0, 1-today.Day()).AddDate(0, 1, 0))
		case (w == "maneden" || w == "manaden" || w == "month") && (prev == "denne" || prev == "this"):
			return monthWindow(today.AddDate(0, 0, 1-today.Day()))
		case (w == "uke" || w == "veke" || w == "week") && (prev == "neste" || prev == "next"):
			return weekWindow(today, 7, [3]string{"neste uke", "neste veke", "next week"})
		case (w == "uka" || w == "uken" || w == "veka" || w == "week") && (prev == "denne" || prev == "this"):
			return weekWindow(today, 0, [3]string{"denne uka", "denne veka", "this week"})
		case (w == "ar" || w == "aret" || w == "year") && (prev == "neste" || prev == "next"):
			return yearWindow(y+1, today)
		case w == "ar" && prev == "i" && (next == "" || seasonAfter[next]), w == "year" && prev == "this":
			return yearWindow(y, today)
		}
		if yy, ok := yearWord(w); ok && (prev == "i" || prev == "in" || prev == "for" || prev == "pa" || prev == "during") {
			return yearWindow(yy, today)
		}
	}
	return nil
}

func yearWord(w string) (int, bool) {
	if len(w) != 4 || !strings.HasPrefix(w, "20") {
		return 0, false
	}
	y, err := strconv.Atoi(w)
	return y, err == nil
}

func monthWindow(first time.Time) *whenWindow {
	w := &whenWindow{from: first, to: first.AddDate(0, 1, -1)}
	y := strconv.Itoa(first.Year())
	w.label = [3]string{"i " + monthName(first.Month(), "nb") + " " + y, "i " + monthName(first.Month(), "nb") + " " + y, "in " + first.Month().String() + " " + y}
	return w
}

// weekWindow: the week (Monday–Sunday) of today plus days.
func weekWindow(today time.Time, days int, label [3]string) *whenWindow {
	d := today.AddDate(0, 0, days)
	monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	return &whenWindow{from: monday, to: monday.AddDate(0, 0, 6), label: label}
}

func yearWindow(y int, today time.Time) *whenWindow {
	from := time.Date(y, time.January, 1, 0, 0, 0, 0, today.Location())
	s := strconv.Itoa(y)
	return &whenWindow{from: from, to: from.AddDate(1, 0, -1), label: [3]string{"i " + s, "i " + s, "in " + s}}
}

// within keeps the gatherings on the window's days. A season without a
// year ("i vår") is the nearest one with a gathering left: asked in
// April with spring's gatherings over, "samlingen til våren" is next
// year's.
func (w *whenWindow) within(gs []store.Gathering) ([]store.Gathering, *whenWindow) {
	pick := func(w *whenWindow) []store.Gathering {
		var out []store.Gathering
		for _, g := range gs {
			if !g.Date.Before(w.from) && !g.Date.After(w.to) {
				out = append(out, g)
			}
		}
		return out
	}
	hit := pick(w)
	if len(hit) == 0 && w.alt != nil {
		if alt := pick(w.alt); len(alt) > 0 {
			return alt, w.alt
		}
	}
	return hit, w
}
