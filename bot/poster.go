package bot

import (
	"context"
	"fmt"
	"time"
)

// Poster posts unsolicited messages (the digest, reminders, answers to
// earlier questions) to a channel or user on one platform.
type Poster interface {
	Platform() Platform
	// Post sends r to channel (a channel id, or a user id for a DM).
	// A rate-limited platform yields a *RateLimitError.
	Post(ctx context.Context, channel string, r Reply) error
}

// RateLimitError says the platform asked us to wait (HTTP 429 Retry-After).
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("rate limited, retry after %s", e.RetryAfter)
}

// ThreadPoster is a Poster that can also answer inside a thread (Slack),
// so an answer to an earlier question lands where it was asked.
type ThreadPoster interface {
	PostInThread(ctx context.Context, channel, thread string, r Reply) error
}

// Posters routes notices to the poster of their platform.
type Posters map[Platform]Poster

// Deliver sends a notice through the poster of its platform.
func (p Posters) Deliver(ctx context.Context, n Notice) error {
	ps, ok := p[n.Platform]
	if !ok {
		return fmt.Errorf("no poster for platform %q", n.Platform)
	}
	ch := n.Channel
	if ch == "" {
		ch = n.UserID
	}
	if tp, ok := ps.(ThreadPoster); ok && n.Thread != "" && n.Channel != "" {
		return tp.PostInThread(ctx, ch, n.Thread, n.Reply)
	}
	return ps.Post(ctx, ch, n.Reply)
}
