package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/slack-go/slack"
)

// MaxBody bounds a request body. Slack's payloads are a few KiB; a modal
// submission with long text stays well under this.
const MaxBody = 1 << 20

// Handler returns the http.Handler for POST /slack/events: slash commands,
// Events API callbacks and interactivity payloads on one URL, as Slack's
// Bolt frameworks take them. Every request must carry a valid signature
// made with the signing secret within the last five minutes; anything else
// gets 401 and is not looked at further.
func (a *Adapter) Handler() http.Handler {
	return http.HandlerFunc(a.serveHTTP)
}

func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := a.verifier.Verify(r.Header, body, a.now()); err != nil {
		a.log.Warn("slack request refused", "err", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	ctype := mediaType(r.Header.Get("Content-Type"))
	var ack any
	switch ctype {
	case "application/json":
		ack = a.event(r.Context(), body)
	case "application/x-www-form-urlencoded", "":
		// The form is decoded in the body's own bytes and its values are
		// strings over them: readBody's slice is new, the signature has
		// been checked, and nothing else reads or writes it afterwards
		// (string(body) was a second copy of every request, each escaped
		// value a third).
		form, err := readForm(body)
		if err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		switch {
		case form.payload != "":
			var ok bool
			// A button or a form is signed like a slash command, and
			// Slack does not retry them (a second click is a new
			// payload, a new signature): the same signature again is a
			// replay, refused the same way.
			guard := bot.SignedEventID(r.Header.Get("X-Slack-Request-Timestamp"), r.Header.Get("X-Slack-Signature"))
			if ack, ok = a.payload(r.Context(), form.payload, guard); !ok {
				http.Error(w, "bad payload", http.StatusBadRequest)
				return
			}
		case form.cmd.Command != "":
			// A signed slash command has no event id, and an attacker who
			// saw one could replay it for the five minutes its signature
			// is valid. The signature itself identifies the request:
			// remembered (in SQLite, through the router's Dedup), a
			// replay is acknowledged and not run again. The signed
			// timestamp comes first (a replay carries the same one): the
			// ids then arrive in order, so the guard's inserts go to the
			// end of its index instead of a random page of it (a page
			// read and one more page written per request once the table
			// outgrew the page cache).
			c := &form.cmd
			c.Command = strings.TrimSpace(c.Command)
			ack = a.slashCommand(r.Context(), c, bot.SignedEventID(r.Header.Get("X-Slack-Request-Timestamp"), r.Header.Get("X-Slack-Signature")), true)
		case form.sslCheck != "":
			// Slack checking our certificate: an empty 200 is the answer.
		default:
			http.Error(w, "unknown request", http.StatusBadRequest)
			return
		}
	default:
		http.Error(w, "unsupported content type", http.StatusUnsupportedMediaType)
		return
	}
	writeAck(w, ack)
	releaseAck(ack)
}

// payload decodes and runs an interaction (a button, a modal's
// submission); ok is false when the payload is not one. A function of its
// own, never inlined, so that the InteractionCallback (~3.9 KB, passed by
// value) is in this frame and not in serveHTTP's: serveHTTP and a slash
// command's whole acknowledgement run on the connection's goroutine, and
// with the callback in serveHTTP's frame that path needed more than the 8
// KiB a goroutine's stack starts with, so each connection of a c=64 load
// kept a 16 KiB stack, copied back and forth as the collector shrank it
// and the next request grew it (docs/operations.md "Round 9: memory").
//
//go:noinline
func (a *Adapter) payload(ctx context.Context, payload, guard string) (ack any, ok bool) {
	var ic slack.InteractionCallback
	if err := json.Unmarshal([]byte(payload), &ic); err != nil {
		return nil, false
	}
	return a.interaction(ctx, ic, guard), true
}

// readBody reads a request's body of at most MaxBody bytes into a new
// slice that nothing else holds (readForm decodes a form in place). With the length known (Slack always sends it) the body is read
// into one slice of that size; io.ReadAll started at 512 bytes and grew.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if n := r.ContentLength; n >= 0 && n <= MaxBody {
		b := make([]byte, n)
		if _, err := io.ReadFull(r.Body, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	return io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
}

// mediaType is mime.ParseMediaType's media type ("" when it does not
// parse), without the parameter map it builds for the two types Slack
// sends as they are.
func mediaType(h string) string {
	switch h {
	case "application/x-www-form-urlencoded", "application/json":
		return h
	}
	t, _, _ := mime.ParseMediaType(h)
	return t
}

// writeAck writes an acknowledgement: an empty 200, or the JSON payload.
func writeAck(w http.ResponseWriter, ack any) {
	if ack == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	ab := ackBufs.Get().(*ackBuf)
	defer ab.put()
	ab.buf.Reset()
	// A message (every answer) is appended by hand, byte for byte what
	// encoding/json writes; anything else goes through the encoder.
	var m *message
	switch a := ack.(type) {
	case message:
		m = &a
	case *message:
		m = a
	}
	if m != nil {
		if b, ok := appendMessage(ab.buf.AvailableBuffer(), m); ok {
			ab.buf.Write(b) // b is in the buffer's own memory when it fit: no copy kept
		}
	}
	if ab.buf.Len() == 0 {
		if err := ab.enc.Encode(ack); err != nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		ab.buf.Truncate(ab.buf.Len() - 1) // without Encode's newline: json.Marshal's bytes
	}
	// Assigned, not Set: Set canonicalises the key and allocates a new
	// slice on every acknowledgement; nothing changes this one.
	w.Header()["Content-Type"] = jsonType
	w.Write(ab.buf.Bytes())
}

// ackBuf encodes acknowledgements into a buffer kept between requests
// (json.Marshal returned a new copy of every one).
type ackBuf struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var ackBufs = sync.Pool{New: func() any {
	ab := &ackBuf{}
	ab.enc = json.NewEncoder(&ab.buf)
	return ab
}}

func (ab *ackBuf) put() {
	if ab.buf.Cap() <= 64<<10 { // a rare large answer's buffer is not kept
		ackBufs.Put(ab)
	}
}

var jsonType = []string{"application/json"}

// Busy answers a request that bot.Admission turned away because too many
// were already waiting. A slash command gets a private message saying that
// nothing was done (in both languages: the user's is not known yet, and
// the request is not even read); anything else gets 503, so Slack delivers
// events again later and shows a failed button instead of a silent one.
func (a *Adapter) Busy() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if mediaType(r.Header.Get("Content-Type")) == "application/x-www-form-urlencoded" {
			b, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
			if f, err := readForm(b); err == nil && f.cmd.Command != "" {
				writeAck(w, busyMessage())
				return
			}
		}
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
}

// busyMessage is the private reply to a slash command the bot had no room
// for: nothing was stored, so the user should send it again.
func busyMessage() message {
	return message{ResponseType: "ephemeral",
		Text: "Kulturbot har mye å gjøre akkurat nå, og kommandoen ble ikke utført. Prøv igjen om et øyeblikk. " +
			"(Busy right now: nothing was done. Please try again in a moment.)"}
}
