package bot

import (
	"context"
	"log/slog"
	"regexp"
)

// Short-lived credentials end up in error strings: Go's HTTP client puts
// the URL in every error ("Post \"https://hooks.slack.com/commands/T…/…/SECRET\""),
// and Discord's interaction token is part of the webhook and callback
// URLs. Whoever reads the logs could answer in the user's name with them.
// RedactHandler masks them in every log record, in one place.

var secretPatterns = []*regexp.Regexp{
	// Slack response_url and incoming webhooks: the last path parts.
	regexp.MustCompile(`(hooks\.slack\.com/(?:commands|actions|services|workflows|triggers)/)[^\s"'<>]+`),
	// Discord interaction callbacks and webhooks: /interactions/{id}/{token}, /webhooks/{app}/{token}.
	regexp.MustCompile(`(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9._\-]+`),
	// Slack tokens (bot, user, app, refresh, config).
	regexp.MustCompile(`(\bx(?:ox[abpers]|app)-)[A-Za-z0-9\-]+`),
	// Authorization headers and bearer tokens.
	regexp.MustCompile(`(?i)(\b(?:Bot|Bearer)\s+)[A-Za-z0-9._\-]{16,}`),
}

// Redact masks short-lived credentials and tokens in s.
func Redact(s string) string {
	for _, re := range secretPatterns {
		s = re.ReplaceAllString(s, "${1}[redacted]")
	}
	return s
}

// RedactHandler wraps h so that every message and attribute is passed
// through Redact before it is written.
func RedactHandler(h slog.Handler) slog.Handler { return redactHandler{h} }

type redactHandler struct{ h slog.Handler }

func (r redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

func (r redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, Redact(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return r.h.Handle(ctx, out)
}

func (r redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = redactAttr(a)
	}
	return redactHandler{r.h.WithAttrs(red)}
}

func (r redactHandler) WithGroup(name string) slog.Handler { return redactHandler{r.h.WithGroup(name)} }

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, x := range g {
			red[i] = redactAttr(x)
		}
		return slog.Group(a.Key, red...)
	case slog.KindString:
		return slog.String(a.Key, Redact(v.String()))
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, Redact(err.Error()))
		}
		if s, ok := v.Any().(interface{ String() string }); ok {
			return slog.String(a.Key, Redact(s.String()))
		}
	}
	return a
}
