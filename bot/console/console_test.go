package console_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/console"
)

func testRouter() *bot.Router {
	r := bot.NewRouter(nil)
	r.Add(bot.Route{Name: "rsvp", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		if req.Text == "" {
			return bot.Reply{Title: "Samlinger", Items: []bot.Item{{Text: "#1 Oppstart", Buttons: []bot.Button{
				{Label: "Ja", Command: "/rsvp 1 ja"}, {Label: "Nei", Command: "/rsvp 1 nei"},
			}}}}, nil
		}
		s := "Lagret: " + req.Text
		if req.Clicked {
			s += " (klikk)"
		}
		return bot.Text(s), nil
	})})
	r.Add(bot.Route{Name: "", Handler: bot.HandlerFunc(func(ctx context.Context, req *bot.Request) (bot.Reply, error) {
		return bot.Reply{Text: "Svar på: " + req.Text, Notices: []bot.Notice{{Platform: bot.Console, Channel: "arbeidsgruppen", Reply: bot.Text("nytt spørsmål")}}}, nil
	})})
	return r
}

func TestPipedSession(t *testing.T) {
	r := testRouter()
	in := strings.NewReader("/rsvp\n2\nHva er en region?\n\n/ukjent\n")
	var out bytes.Buffer
	c := console.New(r, in, &out)
	r.Posters = bot.Posters{bot.Console: c.Poster()}
	if err := c.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"> /rsvp\n== Samlinger ==\n• #1 Oppstart\n    [1] Ja  [2] Nei",
		"> 2\nLagret: 1 nei (klikk)",
		"> Hva er en region?\nSvar på: Hva er en region?",
		"📨 Melding til arbeidsgruppen:\nnytt spørsmål",
		"Ukjent kommando «/ukjent»",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n--- output ---\n%s", want, got)
		}
	}
}

// TestNumberOutOfRange: a number past the buttons gets a hint instead of
// going to the FAQ, and the buttons stay clickable.
func TestNumberOutOfRange(t *testing.T) {
	for _, c := range []struct {
		line, want string
	}{
		{"7", "Det er ingen knapp 7: velg et tall fra 1 til 2, eller skriv en kommando."},
		{"0", "Det er ingen knapp 0: velg et tall fra 1 til 2, eller skriv en kommando."},
		{"-1", "Det er ingen knapp -1: velg et tall fra 1 til 2, eller skriv en kommando."},
	} {
		t.Run(c.line, func(t *testing.T) {
			con := console.New(testRouter(), strings.NewReader(""), &bytes.Buffer{})
			con.Exec(context.Background(), "/rsvp")
			if got := con.Exec(context.Background(), c.line); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			if got := con.Exec(context.Background(), "1"); got != "Lagret: 1 ja (klikk)" {
				t.Fatalf("buttons lost after the slip: %q", got)
			}
		})
	}
}

func TestNumberWithoutChoicesIsText(t *testing.T) {
	r := testRouter()
	c := console.New(r, strings.NewReader(""), &bytes.Buffer{})
	if got := c.Exec(context.Background(), "7"); got != "Svar på: 7" {
		t.Fatalf("got %q", got)
	}
}

// TestRenderFormInitial: a pre-filled value (the user's municipality) is
// shown instead of the placeholder's example.
func TestRenderFormInitial(t *testing.T) {
	for _, c := range []struct {
		name  string
		field bot.FormField
		want  string
	}{
		{"Initial", bot.FormField{Name: "kommune", Initial: "Fauske", Placeholder: "Bodø"}, "/rsvp 1 kommune=Fauske"},
		{"InitialWithSpace", bot.FormField{Name: "kommune", Initial: "Nord-Aurdal kommune", Placeholder: "Bodø"}, "/rsvp 1 kommune=\"Nord-Aurdal kommune\""},
		{"Placeholder", bot.FormField{Name: "kommune", Placeholder: "Bodø"}, "/rsvp 1 kommune=Bodø"},
		{"Neither", bot.FormField{Name: "kommune", Optional: true}, "/rsvp 1 [kommune=…]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := console.Render(bot.Reply{Form: &bot.Form{Command: "rsvp", Text: "1", Fields: []bot.FormField{c.field}}}, 1)
			if !strings.Contains(got, c.want) {
				t.Fatalf("got\n%s\nwant %q", got, c.want)
			}
		})
	}
}

func TestRenderForm(t *testing.T) {
	got := console.Render(bot.Reply{Form: &bot.Form{Command: "interesse", Fields: []bot.FormField{
		{Name: "fylke", Label: "Fylke", Placeholder: "Nordland", Options: []bot.Option{{Label: "Agder"}, {Label: "Nordland"}}},
		{Name: "kommuner", Placeholder: "Bodø, Vefsn, Rana"},
		{Name: "kontakt", Optional: true},
	}}}, 1)
	want := "/interesse fylke=Nordland kommuner=\"Bodø, Vefsn, Rana\" [kontakt=…]"
	if !strings.Contains(got, want) || !strings.Contains(got, "Fylke: Agder, Nordland") {
		t.Fatalf("got\n%s", got)
	}
}
