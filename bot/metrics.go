package bot

import (
	"context"
	"time"
)

// Metrics is what the bot counts. The wiring injects one (bot/prom serves
// it on /metrics with client_golang) into the router's middleware, the
// adapters, the handlers and the scheduler; nobody reaches for a global.
// A nil Metrics is replaced by NopMetrics where it is used.
//
// The series behind it keep their names:
//
//	kulturbot_commands_total{command,outcome}
//	kulturbot_command_duration_seconds{command}      (histogram)
//	kulturbot_faq_answers_total{result}               answered|declined|unsure|smalltalk
//	kulturbot_digest_last_sent_timestamp_seconds
//	kulturbot_platform_errors_total{platform}
type Metrics interface {
	// ObserveCommand records one handled request: the route name, "ok" or
	// the error code, and how long it took.
	ObserveCommand(command, outcome string, d time.Duration)
	// FAQResult counts how a question was answered (FAQAnswered, ...),
	// reported by the handler that answered it.
	FAQResult(result string)
	// PlatformError counts one failed call to a platform's API (a post
	// that was refused, a 5xx, a dropped connection).
	PlatformError(p Platform)
	// DigestSent records when a digest was accepted by a platform.
	DigestSent(t time.Time)
}

// FAQ results for kulturbot_faq_answers_total.
const (
	FAQAnswered = "answered" // a confident answer was given
	FAQDeclined = "declined" // out of scope: the bot declined
	FAQUnsure   = "unsure"   // in scope but no sure answer (question logged)
	// FAQSmallTalk: a greeting or thanks, answered with a friendly word —
	// neither a programme answer nor a decline, so it is counted apart
	// and does not flatter the decline figure.
	FAQSmallTalk = "smalltalk"
)

// NopMetrics counts nothing (tests, subcommands without /metrics).
type NopMetrics struct{}

// ObserveCommand does nothing.
func (NopMetrics) ObserveCommand(string, string, time.Duration) {}

// FAQResult does nothing.
func (NopMetrics) FAQResult(string) {}

// PlatformError does nothing.
func (NopMetrics) PlatformError(Platform) {}

// DigestSent does nothing.
func (NopMetrics) DigestSent(time.Time) {}

// OrNop is m, or NopMetrics when m is nil.
func OrNop(m Metrics) Metrics {
	if m == nil {
		return NopMetrics{}
	}
	return m
}

// CountRequests records every request in m: the command (its canonical
// route name, "question" for free text, "unknown" for anything
// unregistered, so the label set stays small), the outcome ("ok" or the
// error code) and the duration. r maps aliases to route names; it may be
// nil.
func CountRequests(m Metrics, r *Router) Middleware {
	m = OrNop(m)
	return func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, req *Request) (rep Reply, err error) {
			start := time.Now()
			name := "unknown"
			if req.Command == "" {
				name = "question"
			}
			if r != nil {
				if rt, ok := r.Lookup(req.Command); ok && rt.Name != "" {
					name = rt.Name
				}
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
				if p != nil {
					panic(p) // Recover, outside, turns it into a reply
				}
			}()
			return next.Handle(ctx, req)
		})
	}
}
