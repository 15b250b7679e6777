package bot

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scrape fetches /metrics through the handler and returns sample -> value.
func scrape(t *testing.T, m *Metrics) map[string]float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Fatalf("content type %q", ct)
	}
	return parseExposition(t, rec.Body.String())
}

// sampleLine is the text format's sample syntax (no timestamps).
var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*)\})? (\S+)$`)

func parseExposition(t *testing.T, body string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	typed := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# TYPE ") {
			f := strings.Fields(line)
			typed[f[2]] = f[3]
			continue
		}
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		mm := sampleLine.FindStringSubmatch(line)
		if mm == nil {
			t.Fatalf("not a valid sample line: %q", line)
		}
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(mm[1], "_bucket"), "_sum"), "_count")
		if typed[mm[1]] == "" && typed[base] == "" {
			t.Fatalf("sample %q without # TYPE", line)
		}
		v, err := strconv.ParseFloat(mm[4], 64)
		if err != nil {
			t.Fatalf("value in %q: %v", line, err)
		}
		key := mm[1]
		if mm[3] != "" {
			key += "{" + mm[3] + "}"
		}
		out[key] = v
	}
	return out
}

func TestMetricsMiddleware(t *testing.T) {
	m := NewMetrics()
	r := NewRouter(nil)
	r.Use(m.Middleware(r))
	r.Add(Route{Name: "rsvp", Aliases: []string{"svar"}, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		if req.Text == "bad" {
			return Reply{}, Errorf(EInvalid, "nope")
		}
		if req.Text == "boom" {
			panic("boom")
		}
		return Text("ok"), nil
	})})
	r.Add(Route{Name: "samling", Admin: true, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		return Text("ok"), nil
	})})
	ctx := context.Background()
	do := func(cmd, text string) Reply {
		return r.Handle(ctx, &Request{Platform: Slack, User: User{ID: "U1"}, Command: cmd, Text: text})
	}
	do("rsvp", "3 ja")
	do("/SVAR", "3 ja") // alias counts under the route name
	do("rsvp", "bad")
	if rep := do("rsvp", "boom"); rep.Error == nil || rep.Error.Code != EInternal {
		t.Fatalf("panic not turned into internal error: %+v", rep)
	}
	do("samling", "ny")
	do("nonsense\"x", "") // unregistered: one "unknown" label, not the raw text
	got := scrape(t, m)
	want := map[string]float64{
		`kulturbot_commands_total{command="rsvp",outcome="ok"}`:               2,
		`kulturbot_commands_total{command="rsvp",outcome="invalid"}`:          1,
		`kulturbot_commands_total{command="rsvp",outcome="internal"}`:         1,
		`kulturbot_commands_total{command="samling",outcome="forbidden"}`:     1,
		`kulturbot_commands_total{command="unknown",outcome="not_found"}`:     1,
		`kulturbot_command_duration_seconds_count{command="rsvp"}`:            4,
		`kulturbot_command_duration_seconds_bucket{command="rsvp",le="+Inf"}`: 4,
		`kulturbot_faq_answers_total{result="answered"}`:                      0,
		`kulturbot_platform_errors_total{platform="slack"}`:                   0,
		`kulturbot_digest_last_sent_timestamp_seconds`:                        0,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	// Buckets are cumulative and end at the count.
	prev := 0.0
	for _, le := range durationBuckets {
		v := got[`kulturbot_command_duration_seconds_bucket{command="rsvp",le="`+formatFloat(le)+`"}`]
		if v < prev {
			t.Fatalf("bucket le=%v decreases: %v < %v", le, v, prev)
		}
		prev = v
	}
}

func TestMetricsFAQ(t *testing.T) {
	m := NewMetrics()
	r := NewRouter(nil)
	r.Use(m.Middleware(r))
	// A handler that notes its result explicitly.
	r.Add(Route{Name: "faq", Aliases: []string{"spør"}, Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		switch req.Text {
		case "noted-unsure":
			NoteFAQ(ctx, FAQUnsure)
			return Text("vet ikke"), nil
		case "answer":
			return Reply{Text: "svar", Buttons: []Button{{Label: "👍", Command: "/kulturbot stemme 1 opp"}}}, nil
		case "related":
			return Reply{Text: "usikker", Buttons: []Button{{Label: "Regioner", Command: "/faq #regioner"}}}, nil
		case "":
			return Reply{Form: &Form{Command: "faq"}}, nil
		}
		return Text("Det kan jeg ikke svare på."), nil
	})})
	// Free-text questions go to the "" route.
	r.Add(Route{Name: "", Handler: HandlerFunc(func(ctx context.Context, req *Request) (Reply, error) {
		NoteFAQ(ctx, FAQAnswered)
		return Text("svar"), nil
	})})
	ctx := context.Background()
	for _, tc := range []struct{ cmd, text string }{
		{"faq", "answer"}, {"spør", "answer"}, {"faq", "related"}, {"faq", "noted-unsure"},
		{"faq", "weather"}, {"faq", ""}, {"", "hva er en region?"},
	} {
		r.Handle(ctx, &Request{Platform: Discord, User: User{ID: "1"}, Command: tc.cmd, Text: tc.text})
	}
	got := scrape(t, m)
	for k, v := range map[string]float64{
		`kulturbot_faq_answers_total{result="answered"}`:            3,
		`kulturbot_faq_answers_total{result="unsure"}`:              2,
		`kulturbot_faq_answers_total{result="declined"}`:            1,
		`kulturbot_commands_total{command="question",outcome="ok"}`: 1,
		`kulturbot_commands_total{command="faq",outcome="ok"}`:      6,
	} {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	// NoteFAQ outside the middleware is harmless.
	NoteFAQ(context.Background(), FAQAnswered)
}

func TestMetricsGaugesAndInstall(t *testing.T) {
	m := NewMetrics()
	NotePlatformError(Slack) // nothing installed yet: no-op, no panic
	m.Install()
	defer installed.Store(nil)
	NotePlatformError(Slack)
	NotePlatformError(Slack)
	NotePlatformError(Discord)
	t1 := time.Date(2025, 2, 3, 7, 0, 0, 0, time.UTC)
	NoteDigestSent(t1)
	NoteDigestSent(t1.Add(-time.Hour)) // an older time never moves the gauge back
	got := scrape(t, m)
	if got[`kulturbot_platform_errors_total{platform="slack"}`] != 2 || got[`kulturbot_platform_errors_total{platform="discord"}`] != 1 {
		t.Fatalf("platform errors: %v", got)
	}
	if v := got["kulturbot_digest_last_sent_timestamp_seconds"]; v != float64(t1.Unix()) {
		t.Fatalf("digest gauge %v, want %v", v, t1.Unix())
	}
	// A database-backed clock read at scrape time wins when later.
	m.DigestSent = func() time.Time { return t1.Add(24 * time.Hour) }
	if v := scrape(t, m)["kulturbot_digest_last_sent_timestamp_seconds"]; v != float64(t1.Add(24*time.Hour).Unix()) {
		t.Fatalf("digest gauge from func %v", v)
	}
}

func TestMetricsHTTP(t *testing.T) {
	m := NewMetrics()
	m.ObserveCommand(`we"ird\name`+"\n", "ok", time.Millisecond)
	srv := httptest.NewServer(m)
	defer srv.Close()
	res, err := http.Post(srv.URL, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST status %d", res.StatusCode)
	}
	got := scrape(t, m) // label escaping keeps the output parseable
	if got[`kulturbot_commands_total{command="we\"ird\\name\n",outcome="ok"}`] != 1 {
		t.Fatalf("escaped label missing: %v", got)
	}
	if _, err := m.WriteTo(failWriter{}); err == nil {
		t.Fatal("write error not reported")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }
