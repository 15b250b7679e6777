// Package prom serves kulturbot's metrics with the Prometheus client
// library: the kulturbot_* series of bot.Metrics plus the standard Go and
// process collectors, on one registry per instance (no global state, so
// tests and several bots in one process do not share counters).
package prom

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// durationBuckets are the histogram's upper bounds in seconds: quick
// commands land in the first few, LLM answers in the last.
var durationBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// Metrics implements bot.Metrics on a Prometheus registry.
type Metrics struct {
	reg       *prometheus.Registry
	commands  *prometheus.CounterVec
	durations *prometheus.HistogramVec
	faq       *prometheus.CounterVec
	platform  *prometheus.CounterVec

	// The series of each command and outcome, resolved once: looking the
	// labels up in the vectors (hashing them, a variadic slice) on every
	// request was most of the metrics middleware's cost.
	mu     sync.RWMutex
	counts map[[2]string]prometheus.Counter
	times  map[string]prometheus.Observer

	digestSent atomic.Int64 // unix nanoseconds; 0 = never
	// lastSent, when set, is asked for the time of the last digest at
	// every scrape (read from the database), so the gauge is right after a
	// restart too. Its result wins over DigestSent when later.
	lastSent func() time.Time
}

// New returns metrics on a fresh registry. lastSent (may be nil) reads the
// last digest time at scrape time. The FAQ results and the platforms start
// at zero so rate() works from the first scrape.
func New(lastSent func() time.Time) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kulturbot_commands_total",
			Help: "Requests handled, by command and outcome (ok or an error code).",
		}, []string{"command", "outcome"}),
		durations: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kulturbot_command_duration_seconds",
			Help:    "Time to handle a request, by command.",
			Buckets: durationBuckets,
		}, []string{"command"}),
		faq: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kulturbot_faq_answers_total",
			Help: "Questions by result: answered, declined (out of scope), unsure (logged for the working group) or smalltalk (greetings and thanks).",
		}, []string{"result"}),
		platform: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kulturbot_platform_errors_total",
			Help: "Failed calls to a platform's API.",
		}, []string{"platform"}),
		lastSent: lastSent,
		counts:   map[[2]string]prometheus.Counter{},
		times:    map[string]prometheus.Observer{},
	}
	digest := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kulturbot_digest_last_sent_timestamp_seconds",
		Help: "When the last weekly digest was accepted by a platform (0: never).",
	}, m.lastDigest)
	m.reg.MustRegister(m.commands, m.durations, m.faq, m.platform, digest,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{bot.FAQAnswered, bot.FAQDeclined, bot.FAQUnsure, bot.FAQSmallTalk} {
		m.faq.WithLabelValues(r)
	}
	for _, p := range []bot.Platform{bot.Slack, bot.Discord} {
		m.platform.WithLabelValues(string(p))
	}
	return m
}

// ObserveCommand records one handled request.
func (m *Metrics) ObserveCommand(command, outcome string, d time.Duration) {
	key := [2]string{command, outcome}
	m.mu.RLock()
	c, ok1 := m.counts[key]
	o, ok2 := m.times[command]
	m.mu.RUnlock()
	if !ok1 || !ok2 {
		// First time for this command or outcome (the label values are
		// route names and error codes: a small, fixed set).
		m.mu.Lock()
		if c, ok1 = m.counts[key]; !ok1 {
			c = m.commands.WithLabelValues(command, outcome)
			m.counts[key] = c
		}
		if o, ok2 = m.times[command]; !ok2 {
			o = m.durations.WithLabelValues(command)
			m.times[command] = o
		}
		m.mu.Unlock()
	}
	c.Inc()
	o.Observe(d.Seconds())
}

// FAQResult counts one FAQ outcome.
func (m *Metrics) FAQResult(result string) { m.faq.WithLabelValues(result).Inc() }

// PlatformError counts one failed platform call.
func (m *Metrics) PlatformError(p bot.Platform) { m.platform.WithLabelValues(string(p)).Inc() }

// DigestSent moves the digest gauge forward (never back).
func (m *Metrics) DigestSent(t time.Time) {
	for {
		old := m.digestSent.Load()
		if t.UnixNano() <= old || m.digestSent.CompareAndSwap(old, t.UnixNano()) {
			return
		}
	}
}

func (m *Metrics) lastDigest() float64 {
	sent := m.digestSent.Load()
	if m.lastSent != nil {
		if t := m.lastSent(); !t.IsZero() && t.UnixNano() > sent {
			sent = t.UnixNano()
		}
	}
	return float64(sent) / 1e9
}

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Registry is the registry behind the metrics (tests gather from it).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }
