package handlers

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Dates as people mean them: a date typed without a year ("28.11",
// "2. februar") is the next such day for a gathering and the last such
// day for mentoring, which has already happened.

// maxGatheringYears is how far ahead a gathering may be planned: a
// programme lasts three semesters, so a date beyond is a typo (2127).
const maxGatheringYears = 3

// dayMonthRE is "28.11", "28.11.", "28/11", "28-11".
var dayMonthRE = regexp.MustCompile(`^(\d{1,2})\s*[./-]\s*(\d{1,2})\.?$`)

// parseYearless reads a day and month without a year: "28.11", "28/11",
// "2. februar", "2 feb", "February 2".
func parseYearless(s string) (time.Month, int, bool) {
	s = strings.TrimSpace(s)
	if m := dayMonthRE.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 || d < 1 || d > 31 {
			return 0, 0, false
		}
		return time.Month(mo), d, true
	}
	f := strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(s))
	if len(f) != 2 {
		return 0, 0, false
	}
	if _, err := strconv.Atoi(f[0]); err != nil {
		f[0], f[1] = f[1], f[0] // "February 2"
	}
	d, err := strconv.Atoi(f[0])
	mo, ok := monthNamed(f[1])
	if err != nil || !ok || d < 1 || d > 31 {
		return 0, 0, false
	}
	return mo, d, true
}

// nextDay is the first day month/day on or after from (dir > 0) or on or
// before it (dir < 0); false when that day does not exist (31.4). 29.2
// waits for a leap year.
func nextDay(from time.Time, mo time.Month, d, dir int) (time.Time, bool) {
	from = bot.DayIn(from)
	for i := 0; i <= 8; i++ {
		y := from.Year() + i*dir
		t := time.Date(y, mo, d, 0, 0, 0, 0, bot.Oslo)
		if t.Month() != mo || t.Day() != d {
			continue // no such day this year
		}
		if (dir > 0 && !t.Before(from)) || (dir < 0 && !t.After(from)) {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDayDir reads a date argument; one typed without a year is the next
// such day (dir > 0) or the last one (dir < 0).
func parseDayDir(req *bot.Request, field, val, example string, dir int) (time.Time, error) {
	if mo, d, ok := parseYearless(val); ok {
		if t, ok := nextDay(req.Now(), mo, d, dir); ok {
			return t, nil
		}
		return time.Time{}, bad(req, field, example, "core.err.date", field, val)
	}
	return parseDayArg(req, field, val, example)
}

// parseGatheringDay reads a gathering's date or deadline: without a year
// it is the next such day; more than three years ahead is refused.
func parseGatheringDay(req *bot.Request, field, val, example string) (time.Time, error) {
	d, err := parseDayDir(req, field, val, example, 1)
	if err != nil {
		return d, err
	}
	if limit := bot.DayIn(req.Now()).AddDate(maxGatheringYears, 0, 0); d.After(limit) {
		return d, bad(req, field, example, "gathering.err.toofar", date(req, d), maxGatheringYears, date(req, limit))
	}
	return d, nil
}

// parseMentoringDay reads the day a mentoring session took place: without
// a year it is the last such day (today or before).
func parseMentoringDay(req *bot.Request, field, val, example string) (time.Time, error) {
	return parseDayDir(req, field, val, example, -1)
}

var dateMessages = bot.Messages{
	"gathering.err.toofar":       {"%s er mer enn %d år fram i tid (senest %s). Er årstallet riktig?", "%s is more than %d years ahead (at the latest %s). Is the year right?"},
	"rsvp.closed.today":          {"Samling #%d %s er i dag (%s), så den tar ikke imot svar lenger. Ring arbeidsgruppen om noe er endret.", "Gathering #%d %s is today (%s), so it no longer takes answers. Call the working group if something has changed."},
	"rsvp.unchanged":             {"✅ Uendret: *%s* svarer fortsatt *%s* på samling #%d %s, %s i %s.", "✅ Unchanged: *%s* still answers *%s* to gathering #%d %s, %s in %s."},
	"rsvp.late":                  {"⏰ Svarfristen var %s. Svaret er tatt imot fordi du er i arbeidsgruppen, og er merket som etter fristen.", "⏰ The deadline was %s. The answer is taken because you are in the working group, and is marked as after the deadline."},
	"rsvp.err.beds":              {"overnatting=%d er flere enn de som kommer (%d). Skriv overnatting=ja når alle trenger seng.", "overnatting=%d is more than the people coming (%d). Write overnatting=ja when all need a bed."},
	"rsvp.overnight.some":        {"%d av %d", "%d of %d"},
	"rsvp.form.beds.all":         {"ja, alle som kommer", "yes, everyone coming"},
	"rsvp.form.beds":             {"%d av dem", "%d of them"},
	"rsvp.form.beds.placeholder": {"ja, nei eller hvor mange (2)", "ja, nei or how many (2)"},
	"gathering.attendees.late":   {"⏰ etter fristen", "⏰ after the deadline"},
	"gathering.today":            {"📍 Samlingen er i dag.", "📍 The gathering is today."},
}
