package dashboard_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

func get(t testing.TB, u string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestDashboardFiguresAgreeWithChat(t *testing.T) {
	e := newEnv(t)
	e.seed()
	res, page := get(t, e.link(bot.NB))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, page)
	}
	want := e.chatFigures()
	got := htmlFigures(page)
	compareFigures(t, want, got)
	// A few figures by hand, so a mistake shared by the chat and the page
	// (both read the store) still shows.
	for k, v := range map[string]string{
		"g1-yes": "2", "g1-yes-people": "7", "g1-no": "1", "g1-missing": "1", "g1-overnight": "4",
		"g2-maybe-overnight": "1", "i-registrations": "4", "i-municipalities": "9", "i-late": "2",
		"m-sessions": "4", "m-minutes": "315", "f-open": "2", "f-asked": "4", "f-answered": "3",
		"entry-region-up": "2", "entry-region-down": "1", "county-Nordland-coverage": "4 / 41 (10 %)",
	} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	t.Logf("%d figures compared with the chat commands", len(want))

	// And with the exports, read as a spreadsheet would.
	rows := func(kind string) [][]string {
		b, _, err := e.db.ExportBytes(t.Context(), kind)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF")))
		r.Comma = ';'
		all, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return all[1:]
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	answers, people := 0, map[string]int{}
	for _, r := range rows("rsvp") { // samling_id;samling;dato;kommune;svar;antall;...
		answers++
		if r[4] == "ja" {
			people["g"+r[0]+"-yes-people"] += atoi(r[5])
		}
	}
	pageAnswers := 0
	for id := 1; id <= 4; id++ {
		g := "g" + strconv.Itoa(id) + "-"
		pageAnswers += atoi(got[g+"yes"]) + atoi(got[g+"maybe"]) + atoi(got[g+"no"])
		if k := g + "yes-people"; strconv.Itoa(people[k]) != got[k] {
			t.Errorf("%s: page %s, rsvp export %d", k, got[k], people[k])
		}
	}
	if pageAnswers != answers {
		t.Errorf("answers: page %d, rsvp export %d rows", pageAnswers, answers)
	}
	active := 0
	for _, r := range rows("interesse") { // id;fylke;kommuner;kontakt;kommentar;sen;trukket;...
		if r[6] == "" {
			active++
		}
	}
	if strconv.Itoa(active) != got["i-registrations"] {
		t.Errorf("registrations: page %s, interesse export %d not withdrawn", got["i-registrations"], active)
	}
	minutes, sessions := 0, 0
	for _, r := range rows("veiledning") { // id;kommune;dato;minutter;...
		sessions++
		minutes += atoi(r[3])
	}
	if strconv.Itoa(sessions) != got["m-sessions"] || strconv.Itoa(minutes) != got["m-minutes"] {
		t.Errorf("mentoring: page %s sessions/%s min, export %d/%d", got["m-sessions"], got["m-minutes"], sessions, minutes)
	}
	if i := strings.Index(page, `id="samling-4"`); i < 0 || strings.Contains(page[i:i+strings.Index(page[i:], "</article>")], "utenfor regionen") {
		t.Error("a national gathering marks its municipalities as outside the region")
	}
	for _, s := range []string{`id="samlinger"`, `id="interesse"`, `id="veiledning"`, `id="faq"`, `id="nedlastinger"`,
		"Oppstart Salten", "Avlyst", "Flakstad, Saltdal, Sørfold, Vestvågøy", "75 % av 4 spørsmål besvart"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
}

func TestDashboardEscapesWhatPeopleWrote(t *testing.T) {
	e := newEnv(t)
	e.seed()
	_, page := get(t, e.link(bot.NB))
	if strings.Contains(page, "<script") || strings.Contains(page, "<Oslo>") {
		t.Fatal("text from users reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;Oslo&gt; &amp; tilbake") {
		t.Error("open question not shown escaped")
	}
}

func TestDashboardAccess(t *testing.T) {
	e := newEnv(t)
	e.seed()
	good := e.link(bot.NB)
	u, _ := url.Parse(good)
	tok := u.Query().Get("t")
	bad := []struct{ name, url string }{
		{"NoToken", e.srv.URL + "/dashbord"},
		{"EmptyToken", e.srv.URL + "/dashbord?t="},
		{"Garbage", e.srv.URL + "/dashbord?t=abc"},
		{"ChangedLanguage", e.srv.URL + "/dashbord?t=" + strings.Replace(tok, ".nb.", ".en.", 1)},
		{"ChangedExpiry", e.srv.URL + "/dashbord?t=9" + tok},
		{"ChangedMAC", e.srv.URL + "/dashbord?t=" + tok[:len(tok)-2] + "AA"},
		{"ExportNoToken", e.srv.URL + "/dashbord/eksport/rsvp.csv"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			res, body := get(t, c.url)
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d, want 403", res.StatusCode)
			}
			if strings.Contains(body, "Salten") || len(body) > 40 {
				t.Errorf("403 says more than it should: %q", body)
			}
		})
	}
	t.Run("Expired", func(t *testing.T) {
		e.now = e.now.Add(12*time.Hour - time.Second)
		if res, _ := get(t, good); res.StatusCode != http.StatusOK {
			t.Fatalf("a second before expiry: status %d", res.StatusCode)
		}
		e.now = e.now.Add(time.Second)
		if res, _ := get(t, good); res.StatusCode != http.StatusForbidden {
			t.Fatalf("at expiry: status %d, want 403", res.StatusCode)
		}
	})
	t.Run("WritesAreRefused", func(t *testing.T) {
		res, err := http.Post(good, "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Fatalf("POST: status %d, want 405", res.StatusCode)
		}
	})
}

func TestDashboardHeaders(t *testing.T) {
	e := newEnv(t)
	res, page := get(t, e.link(bot.NB))
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.HasPrefix(csp, "default-src 'none'; style-src 'nonce-") || !strings.Contains(csp, "img-src data:") {
		t.Errorf("CSP %q", csp)
	}
	if res.Header.Get("Referrer-Policy") != "no-referrer" || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", res.Header)
	}
	for _, s := range []string{"http://", "https://", "src=", "<script", "style=\""} {
		if strings.Contains(page, s) {
			t.Errorf("page contains %q", s)
		}
	}
	if !strings.Contains(page, `name="viewport"`) || !strings.Contains(page, "@media print") {
		t.Error("page is not made for phones and print")
	}
}

func TestDashboardEnglish(t *testing.T) {
	e := newEnv(t)
	e.seed()
	_, page := get(t, e.link(bot.EN))
	for _, s := range []string{`lang="en"`, "Gatherings", "Mentoring", "Upcoming", "10 December 2024"} {
		if !strings.Contains(page, s) {
			t.Errorf("English page lacks %q", s)
		}
	}
	if strings.Contains(page, "Kommende") {
		t.Error("English page has bokmål headings")
	}
}

// The downloads are the very bytes `kulturbot export` and /kulturbot
// eksport give.
func TestDashboardDownloadsAreTheExports(t *testing.T) {
	e := newEnv(t)
	e.seed()
	_, page := get(t, e.link(bot.NB))
	for _, kind := range store.ExportKinds {
		i := strings.Index(page, `href="/dashbord/eksport/`+kind+`.csv?t=`)
		if i < 0 {
			t.Fatalf("no download link for %s", kind)
		}
		href := page[i+6:]
		href = strings.ReplaceAll(href[:strings.Index(href, `"`)], "&amp;", "&")
		res, body := get(t, e.srv.URL+href)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", kind, res.StatusCode)
		}
		var cli bytes.Buffer
		if _, err := e.db.Export(t.Context(), kind, &cli); err != nil {
			t.Fatal(err)
		}
		chat := e.ok("admin", "/kulturbot eksport "+kind)
		if body != cli.String() || !bytes.Equal(chat.Files[0].Content, cli.Bytes()) {
			t.Errorf("%s: download, export and /kulturbot eksport differ", kind)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, chat.Files[0].Name) {
			t.Errorf("%s: file name %q, chat gives %q", kind, cd, chat.Files[0].Name)
		}
	}
}

func TestDashboardEmpty(t *testing.T) {
	e := newEnv(t)
	res, page := get(t, e.link(bot.NB))
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, s := range []string{"Ingen kommende samlinger", "Ingen registreringer ennå", "Ingen veiledning logget ennå", "Ingen spørsmål stilt ennå"} {
		if !strings.Contains(page, s) {
			t.Errorf("empty page lacks %q", s)
		}
	}
}

func TestChatGivesLinks(t *testing.T) {
	e := newEnv(t)
	e.seed()
	rep := e.as("bodo", "/kulturbot dashbord")
	if rep.Error == nil || rep.Error.Code != bot.EForbidden {
		t.Fatalf("non-admin got a dashboard link: %+v", rep)
	}
	rep = e.ok("admin", "/kulturbot dashbord")
	if !rep.Private || !strings.Contains(rep.Text, e.srv.URL+"/dashbord?t=") {
		t.Fatalf("reply %+v", rep)
	}
	link := linkIn(rep.Text)
	if res, _ := get(t, link); res.StatusCode != 200 {
		t.Fatalf("link from chat: status %d", res.StatusCode)
	}
	// An English-speaking admin gets the link in English, to an English page.
	cmd, text, _ := strings.Cut("kulturbot dashbord", " ")
	en := e.r.Handle(t.Context(), &bot.Request{Platform: bot.Discord, User: bot.User{ID: "admin", Admin: true, Locale: "en-GB"}, Lang: bot.EN,
		Command: cmd, Text: text, Time: e.now})
	if en.Error != nil || !strings.Contains(en.Text, "The working group's overview") || !strings.Contains(en.Text, ".en.") {
		t.Fatalf("English reply %q", en.Text)
	}
	if _, page := get(t, linkIn(en.Text)); !strings.Contains(page, `lang="en"`) {
		t.Error("English admin got a bokmål page")
	}
	e.ok("vagan", "/kulturbot kommune Vågan")
	rep = e.ok("vagan", "/kulturbot kalender")
	if !strings.Contains(rep.Text, "Lofoten") || !strings.Contains(rep.Text, "/kalender/2.ics?token=") {
		t.Fatalf("calendar reply %q", rep.Text)
	}
	rep = e.ok("someone", "/kulturbot kalender")
	if !strings.Contains(rep.Text, "/kalender.ics?token=") {
		t.Fatalf("calendar reply without municipality %q", rep.Text)
	}
	if rep := e.as("someone", "/kulturbot kalender region=Finnes-ikke"); rep.Error == nil {
		t.Fatal("unknown region accepted")
	}
}
