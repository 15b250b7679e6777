package handlers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// A gathering may have a time of day: tid=10:00 or tid=10:00-15:30 (Oslo
// clock). Without one it is an all-day gathering, and the calendar feed
// writes an all-day event.

var (
	clockRE = regexp.MustCompile(`^(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?$`)
	spanRE  = regexp.MustCompile(`\s*(?:-|–|—|til|to)\s*`)
)

// allDay reads "tid=hele dagen" (ingen, -) as removing the time.
func allDay(s string) bool {
	if strings.TrimSpace(s) == "-" {
		return true
	}
	switch strings.NewReplacer(" ", "", "-", "").Replace(bot.Fold(s)) {
	case "heledagen", "heldag", "heldags", "allday", "ingen", "none", "fjern", "remove":
		return true
	}
	return false
}

// parseClock reads "9", "09:30", "9.30", "kl. 9" as "HH:MM".
func parseClock(s string) (string, bool) {
	m := clockRE.FindStringSubmatch(strings.TrimSpace(strings.ToLower(s)))
	if m == nil {
		return "", false
	}
	h, _ := strconv.Atoi(m[1])
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	}
	if h > 23 || min > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", h, min), true
}

// parseTimeArg reads tid=: a start, or start-end; "hele dagen" gives two
// empty strings (all day).
func parseTimeArg(req *bot.Request, raw, example string) (start, end string, err error) {
	if allDay(raw) {
		return "", "", nil
	}
	parts := spanRE.Split(strings.TrimSpace(raw), -1)
	if len(parts) > 2 {
		return "", "", bad(req, "tid", example, "gathering.err.time", raw)
	}
	var ok bool
	if start, ok = parseClock(parts[0]); !ok {
		return "", "", bad(req, "tid", example, "gathering.err.time", raw)
	}
	if len(parts) == 2 {
		if end, ok = parseClock(parts[1]); !ok {
			return "", "", bad(req, "tid", example, "gathering.err.time", raw)
		}
		if end <= start {
			return "", "", bad(req, "tid", example, "gathering.err.timeorder", start, end)
		}
	}
	return start, end, nil
}

// timeText is " kl. 10:00–15:30" / " at 10:00" for a gathering line, ""
// for an all-day gathering.
func timeText(lang bot.Lang, start, end string) string {
	if start == "" {
		return ""
	}
	span := start
	if end != "" {
		span += "–" + end
	}
	return " " + messages.T(lang, "gathering.time", span)
}

var gatheringTimeMessages = bot.Messages{
	"gathering.time":          {"kl. %s", "at %s"},
	"gathering.allday":        {"hele dagen", "all day"},
	"gathering.change.time":   {"Tid: %s → %s", "Time: %s → %s"},
	"gathering.err.time":      {"Forstod ikke tid=%s. Skriv klokkeslett som 10:00, eller 10:00-15:30 (norsk tid); «hele dagen» fjerner tiden.", "Could not read tid=%s. Write a clock time like 10:00, or 10:00-15:30 (Norwegian time); “hele dagen” removes the time."},
	"gathering.err.timeorder": {"Sluttid %[2]s må være etter starttid %[1]s.", "End time %[2]s must be after start time %[1]s."},
}
