package handlers

import (
	"context"
	"testing"
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
