package handlers

import (
	"context"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// BenchmarkLiveMiss is what the live step costs a question it hands to the
// FAQ (no database touched).
func BenchmarkLiveMiss(b *testing.B) {
	h := &Handlers{Deps: &Deps{}}
	for i := 0; i < b.N; i++ {
		if _, ok, _ := h.live(context.Background(), Query{Text: "Når er fristen for å melde interesse?"}); ok {
			b.Fatal("taken")
		}
	}
}

// TestWhenIn: the stretch of time a question names, on liveNorm text.
func TestWhenIn(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, bot.Oslo)
	for q, want := range map[string]string{
		"nar er samlingen i var":         "våren 2027", // "i vår" in December: the coming spring
		"samlingen til varen":            "våren 2027",
		"neste samling i haust":          "hausten 2026",
		"samlingene hosten 2027":         "hausten 2027",
		"gatherings this fall":           "hausten 2026",
		"samlinger neste maned":          "i januar 2027",
		"samlinger i 2027":               "i 2027",
		"samlinger neste ar":             "i 2027",
		"samlingene i var og host":       "våren 2027",
		"samlingen i var region":         "",
		"i sa fall samlingen":            "",
		"hvor var samlingen":             "",
		"samlingen for vart fylke":       "",
		"er det samling i varsemesteret": "våren 2027",
		"gatherings next week":           "neste veke",
		"samlinger vinteren 2027":        "vinteren 2027",
	} {
		w := whenIn(" "+q+" ", now)
		got := ""
		if w != nil {
			got = w.in("nn")
		}
		if got != want {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}
