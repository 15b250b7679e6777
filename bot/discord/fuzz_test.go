package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/discord"
)

// fuzzRouter answers every command with a reply that exercises rendering
// (embeds, fields, list rows with buttons, forms, errors, panics).
func fuzzRouter(reached *atomic.Int64) *bot.Router {
	r := bot.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Use(func(next bot.Handler) bot.Handler {
		return bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
			reached.Add(1)
			return next.Handle(ctx, req)
		})
	})
	h := bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		args, err := req.Args()
		if err != nil {
			return bot.Reply{}, err
		}
		switch args.Arg(0) {
		case "":
			return bot.Reply{Form: &bot.Form{ID: "rsvp", Command: "rsvp", Text: req.Text, Title: req.Text, Fields: []bot.FormField{
				{Name: "svar", Label: req.Text, Kind: bot.FieldSelect, Options: []bot.Option{{Label: "Ja", Value: "ja"}}},
				{Name: "antall", Label: "Antall", Kind: bot.FieldNumber, Min: 1, Max: 50},
				{Name: "notat", Label: "Notat", Kind: bot.FieldMultiline, Initial: req.Text},
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
	for _, n := range []string{"rsvp", "faq", "", "interesse", "veiledning", "samling", "region", "kulturbot"} {
		r.Add(bot.Route{Name: n, Handler: h})
	}
	return r
}

type suggest struct{}

func (suggest) Suggest(ctx context.Context, field, prefix string, lang bot.Lang) []bot.Option {
	return []bot.Option{{Label: prefix, Value: prefix}}
}

// FuzzDiscordInteraction drives POST /discord/interactions with arbitrary
// bodies signed with the application's key, so they get past verification
// into decoding, option flattening, dispatch, rendering and the deferred
// follow-ups. Nothing may panic and every status must be a documented one;
// the same body with a wrong signature gets 401 and reaches no handler.
func FuzzDiscordInteraction(f *testing.F) {
	member := `"member":{"user":{"id":"7","username":"kari"},"roles":["r1"]}`
	head := func(id string, typ int) string {
		return `{"id":"` + id + `","application_id":"999","type":` + strconv.Itoa(typ) + `,"token":"tok","version":1,"channel_id":"c1","guild_id":"g1","locale":"nb",` + member
	}
	for _, s := range []string{
		`{"id":"1","application_id":"999","type":1,"token":"t","version":1}`,
		head("2", 2) + `,"data":{"id":"1","name":"rsvp","type":1,"options":[{"name":"svar","type":1,"options":[{"name":"samling","type":3,"value":"3"},{"name":"svar","type":3,"value":"ja"},{"name":"antall","type":4,"value":4},{"name":"overnatting","type":5,"value":true}]}]}}`,
		head("3", 2) + `,"data":{"id":"1","name":"faq","type":1,"options":[{"name":"spørsmål","type":3,"value":"hva er en region?"}]}}`,
		head("4", 2) + `,"data":{"id":"1","name":"interesse","type":1}}`,
		head("5", 3) + `,"data":{"custom_id":"/rsvp 3 ja","component_type":2},"message":{"id":"m1","channel_id":"c1"}}`,
		head("6", 3) + `,"data":{"custom_id":"/rsvp panikk","component_type":2}}`,
		head("7", 5) + `,"data":{"custom_id":"/rsvp 3","components":[{"type":1,"components":[{"type":4,"custom_id":"svar","value":"JA"}]},{"type":1,"components":[{"type":4,"custom_id":"antall","value":"x"}]}]}}`,
		head("8", 4) + `,"data":{"id":"1","name":"samling","type":1,"options":[{"name":"deltakere","type":1,"options":[{"name":"id","type":4,"value":"vef","focused":true}]}]}}`,
		`{"id":"9","type":2,"user":{"id":"8"},"data":{"name":"rsvp","options":[{"name":"x","type":99,"value":{"a":[1]}}]}}`,
		`{"type":3,"data":{"custom_id":"","component_type":3,"values":["a","b"]}}`,
		`{"type":`, `null`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		f.Fatal(err)
	}
	rest := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"100","channel_id":"c1","content":""}`)
	}))
	f.Cleanup(rest.Close)
	var reached atomic.Int64
	now := time.Unix(1736510400, 0)
	ad, err := discord.New(discord.Options{
		Router: fuzzRouter(&reached), Suggester: suggest{}, Token: "fuzz", AppID: "999",
		PublicKey: hex.EncodeToString(pub), APIURL: rest.URL, Admins: map[string]bool{"discord:7": true},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now },
		HTTPClient: &http.Client{Timeout: 5 * time.Second}, AckTimeout: 5 * time.Second,
	})
	if err != nil {
		f.Fatal(err)
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	f.Fuzz(func(t *testing.T, body []byte) {
		post := func(sig []byte) *httptest.ResponseRecorder {
			r := httptest.NewRequest(http.MethodPost, "/discord/interactions", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("X-Signature-Timestamp", ts)
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
			w := httptest.NewRecorder()
			ad.ServeHTTP(w, r)
			return w
		}
		ad.Wait()
		before := reached.Load()
		wrong := ed25519.Sign(priv, append([]byte(ts+"0"), body...))
		if w := post(wrong); w.Code != http.StatusUnauthorized && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("wrongly signed interaction answered %d", w.Code)
		}
		ad.Wait()
		if reached.Load() != before {
			t.Fatal("wrongly signed interaction reached a handler")
		}
		w := post(ed25519.Sign(priv, append([]byte(ts), body...)))
		switch w.Code {
		case 200, 400, 413:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
		ad.Wait() // deferred edits finish before the next input
	})
}
