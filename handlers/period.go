package handlers

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// The digest period follows KULTURBOT_DIGEST_SCHEDULE; the scheduler
// (package schedule) and the admin preview both read it from here.

// DefaultDigestSchedule is Monday 08:00, Oslo time.
const DefaultDigestSchedule = "0 8 * * 1"

// ParseSchedule reads KULTURBOT_DIGEST_SCHEDULE: standard five-field cron
// syntax (or @weekly, @daily ...) in Europe/Oslo unless the spec names its
// own CRON_TZ. "@every" is refused: it has no fixed times, so "the most
// recent scheduled time" - which makes catching up exactly once possible -
// would not be defined.
func ParseSchedule(spec string) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		spec = DefaultDigestSchedule
	}
	full := spec
	if !strings.HasPrefix(spec, "TZ=") && !strings.HasPrefix(spec, "CRON_TZ=") {
		full = "CRON_TZ=Europe/Oslo " + spec
	}
	s, err := cron.ParseStandard(full)
	if err != nil {
		return nil, fmt.Errorf("KULTURBOT_DIGEST_SCHEDULE: %q: %v (example: \"0 8 * * 1\" for Monday 08:00)", spec, err)
	}
	if _, ok := s.(*cron.SpecSchedule); !ok {
		return nil, fmt.Errorf("KULTURBOT_DIGEST_SCHEDULE: %q has no fixed times; use cron fields like \"0 8 * * 1\"", spec)
	}
	return s, nil
}

// Latest returns the most recent time of s at or before now (zero when
// there is none within five years). cron only looks forward, so it steps
// forward from ever earlier starting points until it passes now.
func Latest(s cron.Schedule, now time.Time) time.Time {
	for _, back := range []time.Duration{time.Hour, 26 * time.Hour, 8 * 24 * time.Hour, 32 * 24 * time.Hour, 367 * 24 * time.Hour, 5 * 366 * 24 * time.Hour} {
		t := s.Next(now.Add(-back))
		if t.IsZero() || t.After(now) {
			continue
		}
		for {
			n := s.Next(t)
			if n.IsZero() || n.After(now) {
				return t
			}
			t = n
		}
	}
	return time.Time{}
}
