package faq

import (
	"slices"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
)

// queryPatterns are the patterns a question runs through relit's literal
// filter (answertype.go, scope.go, multi.go, score.go).
var queryPatterns = []*relit.Regexp{qTimeRE, qCountRE, qWrongCountRE, qMoneyRE, qAmountRE, qLinkRE, qWhoRE, qStatusRE, qPersonRE,
	qPlaceRE, qEventRE, qDeadlineRE, qMissedRE, qClockRE, qDurationRE, qNameRE, qContactRE, qPriceRE, qHowMuchRE, qHowMuchOursRE, schemeFrameRE, injectionRE,
	chitchatRE, jobRE, taskRE, loginRE, questionSplitRE, alternativeRE, countedRE}

// TestRelitSameAsRegexp: on every training question and phrasing, as
// typed, folded and as prepare rewrites it, each pattern
// gives through relit exactly what its regexp gives.
func TestRelitSameAsRegexp(t *testing.T) {
	e := newTestEngine(t)
	matched, filtered := 0, 0
	for _, q := range trainingQuestions(t, e) {
		pq, _ := e.prepare(q, "")
		for _, s := range []string{q, bot.FoldText(q), pq} {
			for _, re := range queryPatterns {
				want := re.Std().MatchString(s)
				if got := re.MatchString(s); got != want {
					t.Fatalf("%q on %q: relit %v, regexp %v", re, s, got, want)
				}
				// The other functions where they are used.
				switch re {
				case qPriceRE, countedRE:
					if got, want := re.FindStringSubmatch(s), re.Std().FindStringSubmatch(s); !slices.Equal(got, want) {
						t.Fatalf("%q on %q: relit %q, regexp %q", re, s, got, want)
					}
				case questionSplitRE:
					if got, want := re.FindAllStringSubmatchIndex(s, -1), re.Std().FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
						t.Fatalf("%q on %q: relit %v, regexp %v", re, s, got, want)
					}
				case alternativeRE:
					if got, want := re.Split(s, -1), re.Std().Split(s, -1); !slices.Equal(got, want) {
						t.Fatalf("%q on %q: relit %q, regexp %q", re, s, got, want)
					}
				}
				if want {
					matched++
				} else if !re.MayMatch(s) {
					filtered++
				}
			}
		}
	}
	t.Logf("%d matches; %d of the non-matches decided without the regexp", matched, filtered)
	if matched == 0 || filtered == 0 {
		t.Fatal("the questions exercise neither matches nor the filter")
	}
}
