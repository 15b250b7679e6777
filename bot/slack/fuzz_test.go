package slack_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	kslack "github.com/kulturskoleradet/kulturbot/bot/slack"
	"github.com/kulturskoleradet/kulturbot/bot/slack/slacktest"
)

const fuzzSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// FuzzVerify checks the signature check on arbitrary input: it never
// panics and never accepts a signature other than the one Sign makes.
func FuzzVerify(f *testing.F) {
	f.Add("8f742231b10e8888abcd99yyyzzz85a5", "1531420618",
		[]byte("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"),
		"v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")
	f.Add("s", "", []byte{}, "")
	f.Add("s", "-1", []byte("x"), "v0=")
	f.Add("s", "99999999999999999999", []byte("x"), "v1=00")
	f.Fuzz(func(t *testing.T, secret, ts string, body []byte, sig string) {
		now := time.Unix(1531420618, 0)
		h := http.Header{}
		h.Set("X-Slack-Signature", sig)
		h.Set("X-Slack-Request-Timestamp", ts)
		err := kslack.Verify(h, body, secret, now)
		good := kslack.Sign(secret, ts, body)
		if err == nil && sig != good {
			// Hex is case-insensitive; anything else is a forgery.
			if !bytes.EqualFold([]byte(sig), []byte(good)) {
				t.Fatalf("accepted signature %q, the right one is %q", sig, good)
			}
		}
		if secret == "" && err == nil {
			t.Fatal("accepted a request with no signing secret configured")
		}
		// The right signature at the right time always passes.
		if sec, perr := strconv.ParseInt(ts, 10, 64); perr == nil && secret != "" && sec == now.Unix() {
			h.Set("X-Slack-Signature", good)
			if err := kslack.Verify(h, body, secret, now); err != nil {
				t.Fatalf("own signature refused: %v", err)
			}
		}
	})
}

// rewrite sends every outgoing request (Web API, response_url, file
// uploads) to the fake Slack, whatever host a fuzzed payload names.
type rewrite struct{ target *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = rw.target.Scheme, rw.target.Host
	return http.DefaultTransport.RoundTrip(r)
}

// fuzzRouter has the kinds of handlers whose replies exercise rendering:
// lists with buttons, forms, errors with fields, long text, panics.
func fuzzRouter() *bot.Router {
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	echo := bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		args, err := req.Args()
		if err != nil {
			return bot.Reply{}, err
		}
		switch args.Arg(0) {
		case "":
			return bot.Reply{Form: &bot.Form{ID: "rsvp", Command: "rsvp", Title: req.Text, Fields: []bot.FormField{
				{Name: "svar", Label: req.Text, Kind: bot.FieldSelect, Options: []bot.Option{{Label: "Ja", Value: "ja"}}},
				{Name: "antall", Label: "Antall", Kind: bot.FieldNumber, Min: 1, Max: 50},
				{Name: "dato", Label: "Dato", Kind: bot.FieldDate, Initial: req.Text},
			}}}, nil
		case "feil":
			return bot.Reply{}, bot.FieldError(args.Arg(1), req.Text)
		case "panikk":
			panic("fuzz")
		}
		return bot.Reply{Title: req.Text, Text: req.Text, Context: req.Text,
			Fields:  []bot.Field{{Label: req.Text, Value: req.Text}},
			Items:   []bot.Item{{Text: req.Text, Buttons: []bot.Button{{Label: req.Text, Command: "/rsvp " + req.Text}}}},
			Buttons: []bot.Button{{Label: "👍", Command: "/kulturbot stemme 1 opp"}},
			Private: len(req.Text)%2 == 0, Replace: req.Clicked}, nil
	})
	for _, n := range []string{"rsvp", "", "interesse", "kulturbot"} {
		r.Add(bot.Route{Name: n, Handler: echo})
	}
	return r
}

// FuzzSlackHTTP drives POST /slack/events with arbitrary bodies and
// content types, signed correctly so they get past verification into the
// payload parsing, dispatch and Block Kit rendering. Nothing may panic and
// every answer must be one of the statuses the endpoint documents. An
// unsigned copy of the same request must get 401 and reach no handler.
func FuzzSlackHTTP(f *testing.F) {
	seeds := []struct{ ctype, body string }{
		{"application/x-www-form-urlencoded", "command=%2Frsvp&text=3+ja+4+kommune%3DBod%C3%B8&user_id=U1&channel_id=C1&response_url=http%3A%2F%2Fx%2Fr&trigger_id=t1"},
		{"application/x-www-form-urlencoded", "command=%2Frsvp&text=&user_id=U1&channel_id=D1&trigger_id=t1"},
		{"application/x-www-form-urlencoded", "command=%2Frsvp&text=feil+antall+Skriv+et+tall&user_id=U1"},
		{"application/x-www-form-urlencoded", "command=%2Frsvp&text=panikk&user_id=U1"},
		{"application/x-www-form-urlencoded", "ssl_check=1&token=x"},
		{"application/x-www-form-urlencoded", `payload={"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"container":{"message_ts":"1.2","channel_id":"C1"},"response_url":"http://x/r","actions":[{"type":"button","action_id":"a0","value":"/rsvp 3 ja"}]}`},
		{"application/x-www-form-urlencoded", `payload={"type":"view_submission","user":{"id":"U1"},"view":{"callback_id":"kulturbot_form","private_metadata":"{\"command\":\"rsvp\",\"text\":\"3\",\"channel\":\"C1\"}","state":{"values":{"antall":{"antall":{"type":"number_input","value":"4"}},"svar":{"svar":{"type":"static_select","selected_option":{"value":"ja"}}},"dato":{"dato":{"type":"datepicker","selected_date":"2025-02-06"}}}}}}`},
		{"application/x-www-form-urlencoded", `payload={"type":"block_suggestion","user":{"id":"U1"},"action_id":"kommune","value":"bo"}`},
		{"application/json", `{"type":"url_verification","challenge":"abc"}`},
		{"application/json", `{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","user":"U1","channel":"C1","ts":"1.1","text":"<@UBOT> hva er en region?"}}`},
		{"application/json", `{"type":"event_callback","event_id":"Ev2","event":{"type":"message","channel_type":"im","user":"U1","channel":"D1","ts":"1.1","text":"/rsvp 3 ja"}}`},
		{"application/json", `{"type":"event_callback","event":{"type":"message","subtype":"bot_message"}}`},
		{"text/plain", "hello"},
		{"", "command=%2Fukjent"},
		{"application/json", `{"type":`},
	}
	for _, s := range seeds {
		f.Add(s.ctype, []byte(s.body))
	}
	fake := slacktest.NewServer(f)
	target, _ := url.Parse(fake.URL)
	router := fuzzRouter()
	var reached atomic.Int64
	router.Use(func(next bot.Handler) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
			reached.Add(1)
			return next.Handle(ctx, req)
		})
	})
	now := time.Unix(1700000000, 0)
	a, err := kslack.New(kslack.Options{
		BotToken: "xoxb-fuzz", SigningSecret: fuzzSecret, APIURL: fake.APIURL(), Router: router,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now },
		HTTPClient: &http.Client{Transport: rewrite{target}, Timeout: 5 * time.Second},
		AckWithin:  5 * time.Second,
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { a.Close() })
	h := a.Handler()
	ts := strconv.FormatInt(now.Unix(), 10)
	f.Fuzz(func(t *testing.T, ctype string, body []byte) {
		post := func(sign bool) *httptest.ResponseRecorder {
			r := httptest.NewRequest("POST", "/slack/events", bytes.NewReader(body))
			if ctype != "" {
				r.Header.Set("Content-Type", ctype)
			}
			r.Header.Set("X-Slack-Request-Timestamp", ts)
			if sign {
				r.Header.Set("X-Slack-Signature", kslack.Sign(fuzzSecret, ts, body))
			} else {
				r.Header.Set("X-Slack-Signature", kslack.Sign("wrong", ts, body))
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			return w
		}
		a.Wait()
		before := reached.Load()
		if w := post(false); w.Code != http.StatusUnauthorized && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("badly signed request answered %d", w.Code)
		}
		a.Wait()
		if reached.Load() != before {
			t.Fatal("badly signed request reached a handler")
		}
		w := post(true)
		switch w.Code {
		case 200, 400, 413, 415:
		default:
			t.Fatalf("status %d for %q %q", w.Code, ctype, body)
		}
		a.Wait() // background replies finish before the next input
	})
}
