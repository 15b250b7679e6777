package prom

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// scrape fetches /metrics over HTTP and parses it with Prometheus' own
// text parser: sample name{labels} -> value.
func scrape(t *testing.T, m *Metrics) (map[string]float64, string) {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("status %d %v", res.StatusCode, err)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("not the Prometheus text format: %v\n%s", err, body)
	}
	out := map[string]float64{}
	for name, f := range fams {
		for _, mt := range f.GetMetric() {
			var labels []string
			for _, l := range mt.GetLabel() {
				labels = append(labels, l.GetName()+"="+strconv.Quote(l.GetValue()))
			}
			key := name
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case mt.Counter != nil:
				out[key] = mt.GetCounter().GetValue()
			case mt.Gauge != nil:
				out[key] = mt.GetGauge().GetValue()
			case mt.Histogram != nil:
				out[key+"_count"] = float64(mt.GetHistogram().GetSampleCount())
			}
		}
	}
	return out, string(body)
}

// TestSeriesKeepTheirNames: the kulturbot_* series are the ones the
// hand-written exposition served, next to client_golang's go_* and
// process_* series.
func TestSeriesKeepTheirNames(t *testing.T) {
	sent := time.Date(2025, 2, 3, 7, 0, 0, 0, time.UTC)
	m := New(func() time.Time { return sent })
	r := bot.NewRouter(nil)
	r.Use(bot.CountRequests(m, r))
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		return bot.Text("ok"), nil
	})})
	r.Handle(context.Background(), &bot.Request{Command: "rsvp"})
	m.FAQResult(bot.FAQUnsure)
	m.PlatformError(bot.Discord)
	m.DigestSent(sent.Add(-time.Hour)) // older than the database's: the database wins
	got, body := scrape(t, m)
	for k, v := range map[string]float64{
		`kulturbot_commands_total{command="rsvp",outcome="ok"}`:    1,
		`kulturbot_command_duration_seconds{command="rsvp"}_count`: 1,
		`kulturbot_faq_answers_total{result="answered"}`:           0,
		`kulturbot_faq_answers_total{result="unsure"}`:             1,
		`kulturbot_faq_answers_total{result="declined"}`:           0,
		`kulturbot_platform_errors_total{platform="slack"}`:        0,
		`kulturbot_platform_errors_total{platform="discord"}`:      1,
		`kulturbot_digest_last_sent_timestamp_seconds`:             float64(sent.Unix()),
	} {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, v)
		}
	}
	for _, std := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_start_time_seconds"} {
		if _, ok := got[std]; !ok && !strings.Contains(body, std) {
			t.Errorf("standard series %s missing", std)
		}
	}
	// A later digest in memory moves the gauge past the database's.
	m.DigestSent(sent.Add(24 * time.Hour))
	if got, _ := scrape(t, m); got["kulturbot_digest_last_sent_timestamp_seconds"] != float64(sent.Add(24*time.Hour).Unix()) {
		t.Errorf("digest gauge %v", got["kulturbot_digest_last_sent_timestamp_seconds"])
	}
	// Two instances share nothing: no global registry.
	if other, _ := scrape(t, New(nil)); other[`kulturbot_platform_errors_total{platform="discord"}`] != 0 {
		t.Error("a second Metrics sees the first one's counts")
	}
}

// TestLabelEscaping: odd route names stay parseable.
func TestLabelEscaping(t *testing.T) {
	m := New(nil)
	m.ObserveCommand(`we"ird\name`+"\n", "ok", time.Millisecond)
	if got, _ := scrape(t, m); got[`kulturbot_commands_total{command="we\"ird\\name\n",outcome="ok"}`] != 1 {
		t.Fatalf("escaped label missing: %v", got)
	}
}

// TestObserveCommandCountsEverySeries: the resolved series add up per
// command and outcome (ok and an error code of the same command are two
// series, one histogram), and once resolved they cost no allocation.
func TestObserveCommandCountsEverySeries(t *testing.T) {
	m := New(nil)
	for i := 0; i < 3; i++ {
		m.ObserveCommand("rsvp", "ok", time.Millisecond)
	}
	m.ObserveCommand("rsvp", string(bot.EInvalid), 2*time.Millisecond)
	m.ObserveCommand("faq", "ok", time.Millisecond)
	got, _ := scrape(t, m)
	for k, v := range map[string]float64{
		`kulturbot_commands_total{command="rsvp",outcome="ok"}`:      3,
		`kulturbot_commands_total{command="rsvp",outcome="invalid"}`: 1,
		`kulturbot_commands_total{command="faq",outcome="ok"}`:       1,
		`kulturbot_command_duration_seconds{command="rsvp"}_count`:   4,
		`kulturbot_command_duration_seconds{command="faq"}_count`:    1,
	} {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if n := testing.AllocsPerRun(100, func() { m.ObserveCommand("rsvp", "ok", time.Millisecond) }); n != 0 {
		t.Errorf("ObserveCommand allocates %v times per call once its series exist", n)
	}
}
