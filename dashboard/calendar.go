package dashboard

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Calendar feeds: calendar apps subscribe to a URL and cannot send headers,
// so the URL carries a long random token (32 bytes, kept in the database).
// One token opens every feed: gatherings are programme information shared
// by all participants, and one link per region keeps what people paste
// short. A region's feed holds its own gatherings and the national ones.

// calendarToken returns the feeds' URL token, creating it on first use.
func (s *Server) calendarToken(ctx context.Context) (string, error) {
	b, err := s.DB.Secret(ctx, secretCalendar, 32)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CalendarLink returns the feed URL for a region (regionID 0: every
// gathering).
func (s *Server) CalendarLink(ctx context.Context, regionID int64) (string, error) {
	tok, err := s.calendarToken(ctx)
	if err != nil {
		return "", err
	}
	path := PathCalendar + ".ics"
	if regionID != 0 {
		path = PathCalendar + "/" + strconv.FormatInt(regionID, 10) + ".ics"
	}
	return s.base() + path + "?token=" + tok, nil
}

func (s *Server) serveCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	want, err := s.calendarToken(ctx)
	if err != nil {
		s.log().Error("calendar: token", "err", err)
		forbidden(w)
		return
	}
	got := r.URL.Query().Get("token")
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		forbidden(w)
		return
	}
	var region *store.Region
	if file := r.PathValue("file"); file != "" {
		name, ok := strings.CutSuffix(file, ".ics")
		if !ok {
			http.NotFound(w, r)
			return
		}
		reg, err := s.findRegion(ctx, name)
		if bot.ErrorCode(err) == bot.ENotFound {
			http.NotFound(w, r)
			return
		}
		if err != nil {
			s.log().Error("calendar: region", "err", err)
			http.Error(w, "calendar unavailable", http.StatusInternalServerError)
			return
		}
		region = &reg
	}
	cal, err := s.Calendar(ctx, region)
	if err != nil {
		s.log().Error("calendar: build", "err", err)
		http.Error(w, "calendar unavailable", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=300")
	fname := "kulturbot.ics"
	if region != nil {
		fname = "kulturbot-" + strconv.FormatInt(region.ID, 10) + ".ics"
	}
	h.Set("Content-Disposition", `inline; filename="`+fname+`"`)
	if err := cal.SerializeTo(w); err != nil {
		s.log().Warn("calendar: write", "err", err)
	}
}

// findRegion reads the region in a feed URL: its id (what CalendarLink
// writes, stable across renames) or any spelling of its name.
func (s *Server) findRegion(ctx context.Context, raw string) (store.Region, error) {
	if name, err := url.PathUnescape(raw); err == nil {
		raw = name
	}
	if id, err := strconv.ParseInt(raw, 10, 64); err == nil && id > 0 {
		return s.DB.Region(ctx, id)
	}
	return s.DB.RegionByName(ctx, raw)
}

// Calendar builds the feed: every gathering (region nil) or a region's and
// the national ones, cancelled ones included with STATUS:CANCELLED so
// calendars that already hold them strike them out.
func (s *Server) Calendar(ctx context.Context, region *store.Region) (*ics.Calendar, error) {
	gs, err := s.DB.Gatherings(ctx, store.GatheringFilter{IncludeCancelled: true})
	if err != nil {
		return nil, err
	}
	cal := ics.NewCalendarFor("kulturbot")
	cal.SetProductId("-//Norsk kulturskoleråd//kulturbot//NB")
	cal.SetMethod(ics.MethodPublish)
	name := "Fremtidens kulturskole – samlinger"
	if region != nil {
		name += " – " + region.Name
	}
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone("Europe/Oslo")
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	tok, err := s.calendarToken(ctx)
	if err != nil {
		return nil, err
	}
	// UIDs carry a piece of the database's own token: two bots (a test
	// and the real one) never give two gatherings the same UID, and a
	// changed KULTURBOT_PUBLIC_URL never changes one.
	host := "kulturbot-" + tok[:8]
	for _, g := range gs {
		if region != nil && g.RegionID != region.ID && !g.National() {
			continue
		}
		addEvent(cal, g, host)
	}
	return cal, nil
}

// GatheringUID is the stable UID of a gathering's calendar event.
func GatheringUID(id int64, host string) string {
	return fmt.Sprintf("samling-%d@%s", id, host)
}

func addEvent(cal *ics.Calendar, g store.Gathering, host string) {
	e := cal.AddEvent(GatheringUID(g.ID, host))
	if start, end, ok := g.Times(); ok {
		// Oslo clock times, written in UTC: exact in every calendar, and
		// no VTIMEZONE to keep up to date.
		e.SetStartAt(start)
		e.SetEndAt(end)
	} else {
		// No time of day: an all-day event, which calendars show on that
		// date in any time zone.
		e.SetAllDayStartAt(g.Date)
		e.SetAllDayEndAt(g.Date.AddDate(0, 0, 1))
	}
	stamp := lastModified(g)
	e.SetDtStampTime(stamp)
	e.SetCreatedTime(g.CreatedAt)
	e.SetModifiedAt(stamp)
	// The store counts every change, cancel and reopen: calendars replace
	// their copy when SEQUENCE grows.
	e.SetSequence(g.Sequence)
	summary := g.Name
	if g.RegionName != "" {
		summary += " (" + g.RegionName + ")"
	}
	e.SetSummary(summary)
	e.SetLocation(g.Place)
	e.SetDescription(Description(g))
	e.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	if g.Cancelled() {
		e.SetStatus(ics.ObjectStatusCancelled)
	} else {
		e.SetStatus(ics.ObjectStatusConfirmed)
	}
}

// Description is a gathering's calendar and Discord event text: where,
// how to answer, the deadline (bokmål: a feed has no reader's language).
func Description(g store.Gathering) string {
	var b strings.Builder
	if g.Cancelled() {
		fmt.Fprintf(&b, "AVLYST %s.\n", bot.FormatDate(g.CancelledAt, bot.NB))
	}
	region := "nasjonal samling"
	if !g.National() {
		region = "region " + g.RegionName
	}
	when := ""
	if g.Start != "" {
		when = " kl. " + g.Start
		if g.End != "" {
			when += "–" + g.End
		}
	}
	fmt.Fprintf(&b, "Samling #%d i Fremtidens kulturskole (%s), %s%s.\n", g.ID, region, g.Place, when)
	if !g.Cancelled() {
		fmt.Fprintf(&b, "Svar for kommunen: /rsvp %d ja|nei|kanskje [antall] kommune=<navn> overnatting=ja|nei\n", g.ID)
		if !g.Deadline.IsZero() {
			fmt.Fprintf(&b, "Svarfrist: %s.", bot.FormatDate(g.Deadline, bot.NB))
		} else {
			b.WriteString("Svar tas imot til samlingsdagen.")
		}
	}
	return strings.TrimSpace(b.String())
}

// lastModified is when the gathering last changed: created, changed,
// cancelled or reopened.
func lastModified(g store.Gathering) time.Time {
	if g.UpdatedAt.After(g.CreatedAt) {
		return g.UpdatedAt
	}
	return g.CreatedAt
}
