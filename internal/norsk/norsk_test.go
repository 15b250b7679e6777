package norsk

import (
	"slices"
	"testing"
)

func TestNorwegianOrder(t *testing.T) {
	names := []string{"Ørsta", "Ås", "Bodø", "Zz", "Æra", "aure", "Aurskog-Høland", "Alta", "Bø", "Bokn"}
	o := New()
	slices.SortStableFunc(names, o.Compare)
	want := []string{"Alta", "aure", "Aurskog-Høland", "Bodø", "Bokn", "Bø", "Zz", "Æra", "Ørsta", "Ås"}
	if !slices.Equal(names, want) {
		t.Fatalf("got  %q\nwant %q", names, want)
	}
}

// BenchmarkOrder: go test -bench . ./internal/norsk — making an Order
// is the cost, comparing is cheap; see New.
func BenchmarkOrder(b *testing.B) {
	b.Run("New", func(b *testing.B) {
		for range b.N {
			New().Less("Bodø", "Ørsta")
		}
	})
	b.Run("Less", func(b *testing.B) {
		o := New()
		for range b.N {
			o.Less("Bodø", "Ørsta")
		}
	})
}
