// Package bot is the platform-neutral core of kulturbot: the request a user
// makes, the reply the bot gives, the router that connects them, and the
// helpers every workflow shares (argument parsing, errors, language, dates).
//
// It imports only the standard library. Adapters (bot/slack, bot/discord,
// bot/console) turn platform events into a Request and render the Reply;
// handlers never see a platform SDK.
package bot

import (
	"context"
	"strings"
	"time"
)

// Platform names where a request came from.
type Platform string

// The platforms kulturbot speaks.
const (
	Console Platform = "console"
	Slack   Platform = "slack"
	Discord Platform = "discord"
)

// User is the person behind a request.
type User struct {
	ID     string // platform user id ("U123", "1234567890", "console")
	Name   string // display name, best effort
	Locale string // platform locale ("nb-NO", "en-US", ...), may be empty
	Admin  bool   // set by the adapter from KULTURBOT_ADMINS or a role
}

// Request is one thing a user asked the bot to do: a command, a question,
// a button click or a form submission, already verified by the adapter.
type Request struct {
	ID       string // request id for logs (adapter-made, unique enough)
	EventID  string // platform event/interaction id; used to drop retries
	Platform Platform
	User     User
	Channel  string // where to answer
	Thread   string // thread/message to answer in, if any
	Command  string // "faq", "interesse", "rsvp", ... ; "" means a free-text question
	Text     string // everything after the command, as typed
	// Form holds the values of a submitted form (modal), keyed by FormField.Name.
	// Handlers treat them exactly like key=value arguments.
	Form map[string]string
	// Lang is the reply language. Adapters set it from the platform locale;
	// handlers may switch to English when the text is English.
	Lang Lang
	// Time is when the request arrived. Zero means "now" (see Now).
	Time time.Time
	// Clicked is set when the request came from a button click, so a
	// handler can answer by updating the message the button was on.
	Clicked bool
	// Files are uploaded files that came with the request (already
	// downloaded by the adapter), e.g. /kulturbot dokument.
	Files []File
	// FetchFiles downloads files that came with the request and were not
	// downloaded yet (Discord attachments). The handler that wants them
	// calls LoadFiles, so nothing is fetched before the admin check and
	// the rate limit have passed.
	FetchFiles func(ctx context.Context) ([]File, error)
	// Slow marks a request the adapter has already acknowledged and will
	// complete later (deferred response); handlers may take their time.
	Slow bool
}

// UserKey is the stable identity of the asker across platforms: "slack:U123".
func (r *Request) UserKey() string { return string(r.Platform) + ":" + r.User.ID }

// Now is the request time, or the wall clock if the adapter did not set one.
func (r *Request) Now() time.Time {
	if r.Time.IsZero() {
		return time.Now()
	}
	return r.Time
}

// Args parses the request text (and form values) into arguments.
// Form values override positional parsing for the same key.
func (r *Request) Args() (Args, error) {
	a, err := ParseArgs(r.Text)
	if err != nil {
		return a, err
	}
	for k, v := range r.Form {
		if strings.TrimSpace(v) == "" {
			continue
		}
		a.Set(k, v)
	}
	return a, nil
}

// LoadFiles downloads the request's pending files (FetchFiles) into Files,
// once.
func (r *Request) LoadFiles(ctx context.Context) error {
	if r.FetchFiles == nil {
		return nil
	}
	fetch := r.FetchFiles
	r.FetchFiles = nil
	files, err := fetch(ctx)
	if err != nil {
		return err
	}
	r.Files = append(r.Files, files...)
	return nil
}
