package bot

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Metrics counts what the bot does and serves it in the Prometheus text
// exposition format (version 0.0.4), written by hand so the bot needs no
// client library:
//
//	kulturbot_commands_total{command,outcome}
//	kulturbot_command_duration_seconds{command}      (histogram)
//	kulturbot_faq_answers_total{result}               answered|declined|unsure
//	kulturbot_digest_last_sent_timestamp_seconds
//	kulturbot_platform_errors_total{platform}
//
// plus a few process figures (goroutines, heap, start time).
type Metrics struct {
	mu        sync.Mutex
	commands  map[[2]string]uint64 // {command, outcome}
	durations map[string]*histogram
	faq       map[string]uint64
	platform  map[string]uint64

	digestSent atomic.Int64 // unix nanoseconds; 0 = never
	// DigestSent, when set, is asked for the time of the last digest at
	// every scrape (read from the database), so the gauge is right after a
	// restart too. Its result wins over SetDigestSent when later.
	DigestSent func() time.Time

	start time.Time
}

// FAQ results for kulturbot_faq_answers_total.
const (
	FAQAnswered = "answered" // a confident answer was given
	FAQDeclined = "declined" // out of scope: the bot declined
	FAQUnsure   = "unsure"   // in scope but no sure answer (question logged)
)

// durationBuckets are the histogram's upper bounds in seconds: quick
// commands land in the first few, LLM answers in the last.
var durationBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

type histogram struct {
	counts []uint64 // per bucket (not cumulative), last is +Inf
	sum    float64
	n      uint64
}

func (h *histogram) observe(v float64) {
	i := sort.SearchFloat64s(durationBuckets, v) // first bound >= v
	h.counts[i]++
	h.sum += v
	h.n++
}

// NewMetrics returns empty metrics. FAQ results and the platforms start at
// zero so rate() works from the first scrape.
func NewMetrics() *Metrics {
	m := &Metrics{
		commands:  map[[2]string]uint64{},
		durations: map[string]*histogram{},
		faq:       map[string]uint64{FAQAnswered: 0, FAQDeclined: 0, FAQUnsure: 0},
		platform:  map[string]uint64{string(Slack): 0, string(Discord): 0},
		start:     time.Now(),
	}
	return m
}

// ObserveCommand records one handled request.
func (m *Metrics) ObserveCommand(command, outcome string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.commands[[2]string{command, outcome}]++
	h := m.durations[command]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(durationBuckets)+1)}
		m.durations[command] = h
	}
	h.observe(d.Seconds())
}

// FAQResult counts one FAQ outcome (FAQAnswered, FAQDeclined, FAQUnsure).
func (m *Metrics) FAQResult(result string) {
	m.mu.Lock()
	m.faq[result]++
	m.mu.Unlock()
}

// PlatformError counts one failed call to a platform's API (a post that
// was refused, a 5xx, a dropped connection).
func (m *Metrics) PlatformError(platform Platform) {
	m.mu.Lock()
	m.platform[string(platform)]++
	m.mu.Unlock()
}

// SetDigestSent records when the last digest was accepted by a platform.
func (m *Metrics) SetDigestSent(t time.Time) {
	for {
		old := m.digestSent.Load()
		if t.UnixNano() <= old || m.digestSent.CompareAndSwap(old, t.UnixNano()) {
			return
		}
	}
}

// installed is the Metrics the package-level Note* functions report to, so
// adapters and the scheduler can count without being handed a *Metrics.
var installed atomic.Pointer[Metrics]

// Install makes m the target of NotePlatformError and NoteDigestSent.
func (m *Metrics) Install() { installed.Store(m) }

// NotePlatformError counts a platform API failure on the installed metrics
// (no-op when none are installed, as in tests).
func NotePlatformError(p Platform) {
	if m := installed.Load(); m != nil {
		m.PlatformError(p)
	}
}

// NoteDigestSent sets the digest gauge on the installed metrics.
func NoteDigestSent(t time.Time) {
	if m := installed.Load(); m != nil {
		m.SetDigestSent(t)
	}
}

// faqNoteKey carries a *string through the context so the FAQ handler can
// say how it answered without knowing about metrics.
type faqNoteKey struct{}

// NoteFAQ lets the handler answering a question report its result
// (FAQAnswered, FAQDeclined, FAQUnsure) to the metrics middleware. Without a
// note the middleware guesses from the reply's buttons.
func NoteFAQ(ctx context.Context, result string) {
	if p, ok := ctx.Value(faqNoteKey{}).(*string); ok {
		*p = result
	}
}

// Middleware records every request: the command (its canonical route name,
// "question" for free text, "unknown" for anything unregistered, so the
// label set stays small), the outcome ("ok" or the error code) and the
// duration. r is used to map aliases to route names; it may be nil.
func (m *Metrics) Middleware(r *Router) Middleware {
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, req *Request) (rep Reply, err error) {
			start := time.Now()
			name := "unknown"
			isFAQ := false
			if req.Command == "" {
				name, isFAQ = "question", true
			}
			if r != nil {
				if rt, ok := r.Lookup(req.Command); ok {
					if rt.Name != "" {
						name = rt.Name
					}
					isFAQ = isFAQ || rt.Name == "faq"
				}
			}
			var note string
			if isFAQ {
				ctx = context.WithValue(ctx, faqNoteKey{}, &note)
			}
			defer func() {
				outcome := "ok"
				p := recover()
				if p != nil {
					outcome = string(EInternal)
				} else if err != nil {
					outcome = string(ErrorCode(err))
				}
				m.ObserveCommand(name, outcome, time.Since(start))
				if isFAQ && p == nil && err == nil {
					if note == "" {
						note = guessFAQ(rep)
					}
					if note != "" {
						m.FAQResult(note)
					}
				}
				if p != nil {
					panic(p) // Recover, outside, turns it into a reply
				}
			}()
			return next.Handle(ctx, req)
		})
	}
}

// guessFAQ classifies a question's reply when the handler left no note:
// vote buttons mean an answer was given, related-topic buttons mean the
// bot was unsure, neither means it declined. A form (bare /faq) is none.
func guessFAQ(rep Reply) string {
	if rep.Form != nil || rep.Error != nil {
		return ""
	}
	related := false
	for _, b := range rep.Buttons {
		c := strings.ToLower(b.Command)
		switch {
		case strings.Contains(c, "stemme"):
			return FAQAnswered
		case strings.HasPrefix(c, "/faq "):
			related = true
		}
	}
	if related {
		return FAQUnsure
	}
	return FAQDeclined
}

// ServeHTTP writes the metrics in the Prometheus text format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.WriteTo(w)
}

// WriteTo writes the metrics in the Prometheus text format, sorted so the
// output is stable.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: bufio.NewWriter(w)}
	m.mu.Lock()
	cmds := make([][2]string, 0, len(m.commands))
	for k := range m.commands {
		cmds = append(cmds, k)
	}
	sort.Slice(cmds, func(i, j int) bool {
		if cmds[i][0] != cmds[j][0] {
			return cmds[i][0] < cmds[j][0]
		}
		return cmds[i][1] < cmds[j][1]
	})
	cw.printf("# HELP kulturbot_commands_total Requests handled, by command and outcome (ok or an error code).\n")
	cw.printf("# TYPE kulturbot_commands_total counter\n")
	for _, k := range cmds {
		cw.printf("kulturbot_commands_total{command=%s,outcome=%s} %d\n", quote(k[0]), quote(k[1]), m.commands[k])
	}

	names := sortedKeys(m.durations)
	cw.printf("# HELP kulturbot_command_duration_seconds Time to handle a request, by command.\n")
	cw.printf("# TYPE kulturbot_command_duration_seconds histogram\n")
	for _, name := range names {
		h := m.durations[name]
		var cum uint64
		for i, le := range durationBuckets {
			cum += h.counts[i]
			cw.printf("kulturbot_command_duration_seconds_bucket{command=%s,le=%q} %d\n", quote(name), formatFloat(le), cum)
		}
		cum += h.counts[len(durationBuckets)]
		cw.printf("kulturbot_command_duration_seconds_bucket{command=%s,le=\"+Inf\"} %d\n", quote(name), cum)
		cw.printf("kulturbot_command_duration_seconds_sum{command=%s} %s\n", quote(name), formatFloat(h.sum))
		cw.printf("kulturbot_command_duration_seconds_count{command=%s} %d\n", quote(name), h.n)
	}

	cw.printf("# HELP kulturbot_faq_answers_total Questions by result: answered, declined (out of scope) or unsure (logged for the working group).\n")
	cw.printf("# TYPE kulturbot_faq_answers_total counter\n")
	for _, k := range sortedKeys(m.faq) {
		cw.printf("kulturbot_faq_answers_total{result=%s} %d\n", quote(k), m.faq[k])
	}

	cw.printf("# HELP kulturbot_platform_errors_total Failed calls to a platform's API.\n")
	cw.printf("# TYPE kulturbot_platform_errors_total counter\n")
	for _, k := range sortedKeys(m.platform) {
		cw.printf("kulturbot_platform_errors_total{platform=%s} %d\n", quote(k), m.platform[k])
	}
	m.mu.Unlock()

	sent := m.digestSent.Load()
	if m.DigestSent != nil {
		if t := m.DigestSent(); !t.IsZero() && t.UnixNano() > sent {
			sent = t.UnixNano()
		}
	}
	cw.printf("# HELP kulturbot_digest_last_sent_timestamp_seconds When the last weekly digest was accepted by a platform (0: never).\n")
	cw.printf("# TYPE kulturbot_digest_last_sent_timestamp_seconds gauge\n")
	cw.printf("kulturbot_digest_last_sent_timestamp_seconds %s\n", formatFloat(float64(sent)/1e9))

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cw.printf("# HELP go_goroutines Number of goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	cw.printf("# HELP go_memstats_heap_alloc_bytes Heap bytes in use.\n# TYPE go_memstats_heap_alloc_bytes gauge\ngo_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	cw.printf("# HELP go_memstats_sys_bytes Bytes obtained from the OS.\n# TYPE go_memstats_sys_bytes gauge\ngo_memstats_sys_bytes %d\n", ms.Sys)
	cw.printf("# HELP process_start_time_seconds Start time of the process.\n# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds %s\n", formatFloat(float64(m.start.UnixNano())/1e9))
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	return cw.n, cw.err
}

type countWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countWriter) printf(format string, args ...any) {
	if c.err != nil {
		return
	}
	n, err := fmt.Fprintf(c.w, format, args...)
	c.n += int64(n)
	c.err = err
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// quote writes a label value with the escapes the text format defines
// (backslash, double quote, newline) — not Go's %q, which escapes more.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, +1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
