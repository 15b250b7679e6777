package faq

import (
	"slices"
	"testing"
)

// TestFoldedSynonymCollisionKeepsBoth: "mal" (template) and "mål" (goal)
// fold to the same key. Both concepts must be kept — before, the random map
// order picked one per start, and the same question was answered on one
// run and not on the next.
func TestFoldedSynonymCollisionKeepsBoth(t *testing.T) {
	got := synonyms["mal"]
	for _, want := range []string{"modell", "hensikt"} {
		if !slices.Contains(got, want) {
			t.Errorf("synonyms[mal] = %v, lacks %q", got, want)
		}
	}
}
