package handlers

import (
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/faq"
)

var monthsNB = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// Facts are the configured values the FAQ's answers quote ({{interessefrist}},
// {{fylker}} in faq/corpus), so an answer never disagrees with the rule the
// bot applies: the interest deadline /interesse checks and the counties it
// accepts.
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
	return f
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
