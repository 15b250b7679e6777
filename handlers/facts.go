package handlers

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/kulturskoleradet/kulturbot/faq"
)

var monthsNB = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// Facts are the configured values the FAQ's answers quote ({{interessefrist}},
// {{fylker}}, {{oppsummeringstid}}, {{antall-kommuner}} in faq/corpus), so an
// answer never disagrees with the rule the bot applies: the interest
// deadline /interesse checks, the counties it accepts, when the digest is
// posted (KULTURBOT_DIGEST_SCHEDULE) and how many municipalities the
// register it resolves names against holds (KULTURBOT_KOMMUNER).
func (c Config) Facts() faq.Facts {
	f := faq.Facts{}
	if c.DeadlineMonth != 0 && c.DeadlineDay != 0 {
		f["interessefrist"] = faq.Fact{
			NB: fmt.Sprintf("%d. %s", c.DeadlineDay, monthsNB[c.DeadlineMonth-1]),
			EN: fmt.Sprintf("%d %s", c.DeadlineDay, c.DeadlineMonth),
		}
	}
	counties := c.Counties
	if len(counties) == 0 {
		counties = DefaultCounties
	}
	f["fylker"] = faq.Fact{NB: joinAnd(counties, "og"), EN: joinAnd(counties, "and")}
	f["oppsummeringstid"] = ScheduleFact(c.DigestSchedule)
	if c.Municipalities > 0 {
		n := fmt.Sprint(c.Municipalities)
		f["antall-kommuner"] = faq.Fact{NB: n, EN: n}
	}
	if c.NextRound.NB != "" {
		f["neste-runde"] = c.NextRound
	}
	return f
}

// ParseNextRound reads KULTURBOT_NEXT_ROUND: a season and a year ("høsten
// 2027", "vår 2028", "autumn 2027") or a month ("2027-09"), written out in
// bokmål, nynorsk and English for {{neste-runde}} ("anslagsvis høsten
// 2027", "probably in autumn 2027"). The programme document said autumn
// 2025; the working group sets what it knows now.
func ParseNextRound(s string) (faq.Fact, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if y, m, ok := strings.Cut(s, "-"); ok {
		year, err1 := strconv.Atoi(y)
		month, err2 := strconv.Atoi(m)
		if err1 == nil && err2 == nil && year >= 2000 && year < 2100 && month >= 1 && month <= 12 {
			return faq.Fact{NB: fmt.Sprintf("%s %d", monthsNB[month-1], year), EN: fmt.Sprintf("%s %d", time.Month(month), year)}, nil
		}
	}
	season, yearText, _ := strings.Cut(s, " ")
	year, err := strconv.Atoi(yearText)
	f, known := nextRoundSeason(season)
	if err != nil || !known || year < 2000 || year >= 2100 {
		return faq.Fact{}, fmt.Errorf("%q: write a season and a year, like \"høsten 2027\", or a month, like 2027-09", s)
	}
	y := fmt.Sprint(year)
	return faq.Fact{NB: f.NB + " " + y, NN: f.NN + " " + y, EN: f.EN + " " + y}, nil
}

// nextRoundSeasons are the seasons KULTURBOT_NEXT_ROUND may name, as
// typed (bokmål, nynorsk, English, with or without the article) and as
// the answers write them.
var nextRoundSeasons = []struct {
	typed []string
	fact  faq.Fact
}{
	{[]string{"vår", "våren", "spring"}, faq.Fact{NB: "våren", NN: "våren", EN: "spring"}},
	{[]string{"sommer", "sommeren", "sommar", "sommaren", "summer"}, faq.Fact{NB: "sommeren", NN: "sommaren", EN: "summer"}},
	{[]string{"høst", "høsten", "haust", "hausten", "autumn", "fall"}, faq.Fact{NB: "høsten", NN: "hausten", EN: "autumn"}},
	{[]string{"vinter", "vinteren", "winter"}, faq.Fact{NB: "vinteren", NN: "vinteren", EN: "winter"}},
}

func nextRoundSeason(w string) (faq.Fact, bool) {
	for _, s := range nextRoundSeasons {
		if slices.Contains(s.typed, w) {
			return s.fact, true
		}
	}
	return faq.Fact{}, false
}

var (
	weekdaysNB = [...]string{"søndager", "mandager", "tirsdager", "onsdager", "torsdager", "fredager", "lørdager"}
	weekdaysNN = [...]string{"søndagar", "måndagar", "tysdagar", "onsdagar", "torsdagar", "fredagar", "laurdagar"}
	weekdaysEN = [...]string{"Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"}
)

// ScheduleFact says when the digest is posted, in words ("mandager kl.
// 08.00", "Mondays at 08:00"), from KULTURBOT_DIGEST_SCHEDULE ("" is the
// default, Monday 08:00). The usual shapes — one minute, a few hours, every
// day or some weekdays, or some days of the month — are written out; any
// other cron spec is quoted as it is, which is still true.
func ScheduleFact(spec string) faq.Fact {
	if strings.TrimSpace(spec) == "" {
		spec = DefaultDigestSchedule
	}
	spec = strings.TrimSpace(spec)
	quoted := faq.Fact{NB: "etter tidsplanen «" + spec + "»", EN: "on the schedule “" + spec + "”"}
	parsed, err := ParseSchedule(spec)
	if err != nil {
		return quoted
	}
	s, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return quoted
	}
	minutes, hours := setBits(s.Minute, 0, 59), setBits(s.Hour, 0, 23)
	if len(minutes) != 1 || len(hours) == 0 || len(hours) > 4 || !allBits(s.Month, 1, 12) {
		return quoted
	}
	var nbT, enT []string
	for _, h := range hours {
		nbT = append(nbT, fmt.Sprintf("%02d.%02d", h, minutes[0]))
		enT = append(enT, fmt.Sprintf("%02d:%02d", h, minutes[0]))
	}
	at := faq.Fact{NB: "kl. " + joinAnd(nbT, "og"), EN: "at " + joinAnd(enT, "and")}
	var days faq.Fact
	switch everyDom, everyDow := allBits(s.Dom, 1, 31), allBits(s.Dow, 0, 6); {
	case everyDom && everyDow:
		days = faq.Fact{NB: "hver dag", NN: "kvar dag", EN: "every day"}
	case everyDom:
		dow := setBits(s.Dow, 0, 6)
		if fmt.Sprint(dow) == "[1 2 3 4 5]" {
			days = faq.Fact{NB: "hverdager", NN: "kvardagar", EN: "on weekdays"}
			break
		}
		var nb, nn, en []string
		for _, d := range dow {
			nb, nn, en = append(nb, weekdaysNB[d]), append(nn, weekdaysNN[d]), append(en, weekdaysEN[d])
		}
		days = faq.Fact{NB: joinAnd(nb, "og"), NN: joinAnd(nn, "og"), EN: "on " + joinAnd(en, "and")}
	case everyDow:
		var nb, en []string
		for _, d := range setBits(s.Dom, 1, 31) {
			nb, en = append(nb, fmt.Sprintf("%d.", d)), append(en, fmt.Sprint(d))
		}
		days = faq.Fact{NB: "den " + joinAnd(nb, "og") + " i måneden", NN: "den " + joinAnd(nb, "og") + " i månaden",
			EN: "on day " + joinAnd(en, "and") + " of the month"}
	default:
		return quoted // both days of the month and weekdays: cron takes either
	}
	out := faq.Fact{NB: days.NB + " " + at.NB, NN: days.NN + " " + at.NB, EN: days.EN + " " + at.EN}
	if s.Location != nil && s.Location.String() != "Europe/Oslo" {
		tz := " (" + s.Location.String() + ")"
		out.NB, out.NN, out.EN = out.NB+tz, out.NN+tz, out.EN+tz
	}
	return out
}

// setBits lists the values set in a cron field's bit set.
func setBits(v uint64, lo, hi int) []int {
	var xs []int
	for i := lo; i <= hi; i++ {
		if v&(1<<uint(i)) != 0 {
			xs = append(xs, i)
		}
	}
	return xs
}

// allBits reports whether a cron field takes every value ("*").
func allBits(v uint64, lo, hi int) bool {
	return bits.OnesCount64(v&^(1<<63)) == hi-lo+1
}

// joinAnd writes a list as people do: "A, B og C".
func joinAnd(xs []string, and string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " " + and + " " + xs[len(xs)-1]
}
