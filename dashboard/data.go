package dashboard

import (
	"context"
	"html/template"
	"sort"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/norsk"
	"github.com/kulturskoleradet/kulturbot/store"
)

// view is everything the page shows, read from the store in one go.
// Figures are computed from the same store calls the chat commands use
// (Attendance for /samling deltakere, Interests for /interesse liste,
// MentoringSessions for /veiledning liste, DigestData for the digest's
// "no mentoring yet"), so the page and the chat agree at the same moment.
type view struct {
	Lang     bot.Lang
	Nonce    string
	Token    string
	Now      time.Time
	Expires  time.Time
	Upcoming []gatheringView
	Past     []gatheringView

	Interest  interestView
	Mentoring mentoringView
	FAQ       faqView
	Downloads []download
}

// gatheringView is one gathering's card.
type gatheringView struct {
	G       store.Gathering
	Rows    []gridRow
	Totals  store.Totals
	Missing int
	Answers int // municipalities that answered
	Chart   template.HTML
}

// gridRow is one municipality's line in a gathering's grid.
type gridRow struct {
	Name      string
	Answer    string // store.AnswerYes/No/Maybe, "" for not answered
	Headcount int
	Overnight *bool
	Answered  time.Time
	InRegion  bool
}

type countyRow struct {
	County         string
	Registrations  int
	Late           int
	Municipalities []string
	// Total is the county's number of municipalities in the register;
	// 0 when the register does not know the county.
	Total int
}

type interestView struct {
	Counties       []countyRow
	Registrations  int
	Late           int
	Municipalities int
	Withdrawn      int
	Chart          template.HTML
}

type mentorRow struct {
	Name     string
	PerMonth []int
	Minutes  int
	Sessions int
	Last     time.Time
}

type mentoringView struct {
	Months         []time.Time
	Rows           []mentorRow
	MonthTotals    []int
	Sessions       int
	Minutes        int
	Municipalities int
	None           []string
	Chart          template.HTML
}

type faqView struct {
	Asked, Answered int
	Share           string // "75 %"; "–" with nothing asked
	Open            []store.Question
	Topics          []topicRow
	Votes           []voteRow
}

type topicRow struct {
	EntryID, Title, Example string
	Asked                   int
}

type voteRow struct {
	EntryID, Title string
	Up, Down       int
}

type download struct {
	Kind, File, URL string
	Rows            int
}

// maxOpenQuestions bounds the open-question list on the page.
const maxOpenQuestions = 500

// build reads the page's figures at now.
func (s *Server) build(ctx context.Context, lang bot.Lang, now time.Time) (*view, error) {
	v := &view{Lang: lang, Now: now}
	today := bot.DayIn(now)
	gs, err := s.DB.Gatherings(ctx, store.GatheringFilter{IncludeCancelled: true})
	if err != nil {
		return nil, err
	}
	regions, err := s.DB.Regions(ctx)
	if err != nil {
		return nil, err
	}
	regionOf := map[int64]store.Region{}
	for _, r := range regions {
		regionOf[r.ID] = r
	}
	for _, g := range gs {
		gv, err := s.gatheringView(ctx, g, regionOf[g.RegionID], lang)
		if err != nil {
			return nil, err
		}
		// The same split as /samling liste: from today on is upcoming.
		if g.Date.Before(today) {
			v.Past = append(v.Past, gv)
		} else {
			v.Upcoming = append(v.Upcoming, gv)
		}
	}
	// Most recent past gathering first: that is the one people look for.
	for i, j := 0, len(v.Past)-1; i < j; i, j = i+1, j-1 {
		v.Past[i], v.Past[j] = v.Past[j], v.Past[i]
	}
	if v.Interest, err = s.interestView(ctx, lang); err != nil {
		return nil, err
	}
	if v.Mentoring, err = s.mentoringView(ctx, now, lang); err != nil {
		return nil, err
	}
	if v.FAQ, err = s.faqView(ctx); err != nil {
		return nil, err
	}
	for _, kind := range store.ExportKinds {
		_, n, err := s.DB.ExportBytes(ctx, kind)
		if err != nil {
			return nil, err
		}
		v.Downloads = append(v.Downloads, download{Kind: kind, File: exportFile(kind, now), Rows: n})
	}
	return v, nil
}

func (s *Server) gatheringView(ctx context.Context, g store.Gathering, r store.Region, lang bot.Lang) (gatheringView, error) {
	at, err := s.DB.Attendance(ctx, g.ID)
	if err != nil {
		return gatheringView{}, err
	}
	gv := gatheringView{G: at.Gathering, Totals: at.Totals, Missing: len(at.Missing), Answers: len(at.RSVPs)}
	answered := map[int64]store.RSVP{}
	for _, a := range at.RSVPs {
		answered[a.Municipality.ID] = a
	}
	inRegion := map[int64]bool{}
	// The region's municipalities in the region's order, then anyone else
	// who answered (a national gathering has only those).
	for _, m := range r.Municipalities {
		inRegion[m.ID] = true
		row := gridRow{Name: m.Name, InRegion: true}
		if a, ok := answered[m.ID]; ok {
			row.Answer, row.Headcount, row.Overnight, row.Answered = a.Answer, a.Headcount, a.Overnight, a.UpdatedAt
		}
		gv.Rows = append(gv.Rows, row)
	}
	for _, a := range at.RSVPs {
		if !inRegion[a.Municipality.ID] {
			// A national gathering has no region: nobody is "outside" it.
			gv.Rows = append(gv.Rows, gridRow{Name: a.Municipality.Name, Answer: a.Answer, Headcount: a.Headcount, Overnight: a.Overnight,
				Answered: a.UpdatedAt, InRegion: g.National()})
		}
	}
	hist, err := s.DB.RSVPHistory(ctx, g.ID, 0)
	if err != nil {
		return gatheringView{}, err
	}
	gv.Chart = answersChart(hist, lang)
	return gv, nil
}

func (s *Server) interestView(ctx context.Context, lang bot.Lang) (interestView, error) {
	var iv interestView
	// As /interesse liste shows an admin: withdrawn ones left out.
	is, err := s.DB.Interests(ctx, store.InterestFilter{IncludeWithdrawn: true})
	if err != nil {
		return iv, err
	}
	byCounty := map[string]*countyRow{}
	seen := map[string]map[int64]bool{}
	all := map[int64]bool{}
	var order []string
	for _, i := range is {
		if i.Withdrawn() {
			iv.Withdrawn++
			continue
		}
		c, ok := byCounty[i.County]
		if !ok {
			c = &countyRow{County: i.County}
			byCounty[i.County] = c
			seen[i.County] = map[int64]bool{}
			order = append(order, i.County)
		}
		c.Registrations++
		iv.Registrations++
		if i.Late {
			c.Late++
			iv.Late++
		}
		for _, m := range i.Municipalities {
			all[m.ID] = true
			if !seen[i.County][m.ID] {
				seen[i.County][m.ID] = true
				c.Municipalities = append(c.Municipalities, m.Name)
			}
		}
	}
	iv.Municipalities = len(all)
	totals, err := s.countyTotals(ctx)
	if err != nil {
		return iv, err
	}
	nb := norsk.New()
	sort.SliceStable(order, func(i, j int) bool { return nb.Less(order[i], order[j]) })
	for _, name := range order {
		c := byCounty[name]
		sort.SliceStable(c.Municipalities, func(i, j int) bool { return nb.Less(c.Municipalities[i], c.Municipalities[j]) })
		c.Total = totals[bot.Fold(name)]
		iv.Counties = append(iv.Counties, *c)
	}
	iv.Chart = countyChart(iv.Counties, lang)
	return iv, nil
}

// monthsShown is how many months the mentoring table covers (the last
// months up to now, and any earlier month with sessions is folded into
// the totals but still listed when it is within the programme's three
// semesters).
const monthsShown = 18

func (s *Server) mentoringView(ctx context.Context, now time.Time, lang bot.Lang) (mentoringView, error) {
	var mv mentoringView
	ss, err := s.DB.MentoringSessions(ctx, store.MentoringFilter{})
	if err != nil {
		return mv, err
	}
	// Months from the first session to the last (or now), capped.
	monthOf := func(t time.Time) time.Time {
		t = t.In(bot.Oslo)
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, bot.Oslo)
	}
	if len(ss) > 0 {
		first, last := monthOf(ss[0].Date), monthOf(ss[0].Date)
		for _, x := range ss {
			m := monthOf(x.Date)
			if m.Before(first) {
				first = m
			}
			if m.After(last) {
				last = m
			}
		}
		for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
			mv.Months = append(mv.Months, m)
		}
		if len(mv.Months) > monthsShown {
			mv.Months = mv.Months[len(mv.Months)-monthsShown:]
		}
	}
	idx := map[time.Time]int{}
	for i, m := range mv.Months {
		idx[m] = i
	}
	mv.MonthTotals = make([]int, len(mv.Months))
	rows := map[int64]*mentorRow{}
	for _, x := range ss {
		r, ok := rows[x.Municipality.ID]
		if !ok {
			r = &mentorRow{Name: x.Municipality.Name, PerMonth: make([]int, len(mv.Months))}
			rows[x.Municipality.ID] = r
		}
		r.Minutes += x.Minutes
		r.Sessions++
		if x.Date.After(r.Last) {
			r.Last = x.Date
		}
		if i, ok := idx[monthOf(x.Date)]; ok {
			r.PerMonth[i] += x.Minutes
			mv.MonthTotals[i] += x.Minutes
		}
		mv.Sessions++
		mv.Minutes += x.Minutes
	}
	for _, r := range rows {
		mv.Rows = append(mv.Rows, *r)
	}
	nb := norsk.New()
	sort.SliceStable(mv.Rows, func(i, j int) bool { return nb.Less(mv.Rows[i].Name, mv.Rows[j].Name) })
	mv.Municipalities = len(mv.Rows)
	// "No mentoring yet" as the digest counts it: region municipalities
	// with nothing logged.
	d, err := s.DB.DigestData(ctx, now, now)
	if err != nil {
		return mv, err
	}
	mv.None = d.NoMentoring
	mv.Chart = monthChart(mv.Months, mv.MonthTotals, lang)
	return mv, nil
}

func (s *Server) faqView(ctx context.Context) (faqView, error) {
	var fv faqView
	st, err := s.DB.FAQStats(ctx, 10)
	if err != nil {
		return fv, err
	}
	fv.Asked, fv.Answered = st.Asked, st.Answered
	fv.Share = "–"
	if st.Asked > 0 {
		fv.Share = percent(st.Answered, st.Asked)
	}
	if fv.Open, err = s.DB.OpenQuestions(ctx, maxOpenQuestions); err != nil {
		return fv, err
	}
	for _, t := range st.Topics {
		fv.Topics = append(fv.Topics, topicRow{EntryID: t.EntryID, Title: s.title(t.EntryID), Example: t.Example, Asked: t.Asked})
	}
	for _, x := range st.Votes {
		fv.Votes = append(fv.Votes, voteRow{EntryID: x.EntryID, Title: s.title(x.EntryID), Up: x.Up, Down: x.Down})
	}
	return fv, nil
}

func (s *Server) title(id string) string {
	if s.EntryTitle != nil {
		if t := s.EntryTitle(id); t != "" {
			return t
		}
	}
	return id
}

// percent is "75 %" (Norwegian spacing, rounded half up).
func percent(n, of int) string {
	return itoa((n*200+of)/(2*of)) + " %"
}

func exportFile(kind string, now time.Time) string {
	// The same name /kulturbot eksport gives the file.
	return "kulturbot-" + kind + "-" + now.In(bot.Oslo).Format("2006-01-02") + ".csv"
}

// countyTotals is the number of municipalities per county (by bot.Fold of
// the county), from CountyTotals or else the store's municipality register.
func (s *Server) countyTotals(ctx context.Context) (map[string]int, error) {
	if s.CountyTotals != nil {
		return s.CountyTotals(ctx)
	}
	totals := map[string]int{}
	if reg := s.DB.Register(); reg != nil {
		for _, e := range reg.Entries() {
			totals[bot.Fold(e.County)]++
		}
	}
	return totals, nil
}
