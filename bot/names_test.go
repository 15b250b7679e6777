package bot

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestFold(t *testing.T) {
	same := [][]string{
		{"Bodø", "bodo", "BODØ", "Bodoe", " bodø "},
		{"Ås", "as", "Aas", "ÅS"},
		{"Nord-Aurdal", "nord aurdal", "NordAurdal"},
		{"Møre og Romsdal", "more og romsdal", "Moere og Romsdal"},
		{"Bærum", "baerum", "Bærum"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if Fold(s) != Fold(group[0]) {
				t.Errorf("Fold(%q) = %q, want %q (as %q)", s, Fold(s), Fold(group[0]), group[0])
			}
		}
	}
	if Fold("Bodø") == Fold("Bø") {
		t.Error("Bodø and Bø must stay different")
	}
}

// TestFoldText: the same letter folding as Fold, with words and marks kept.
func TestFoldText(t *testing.T) {
	for in, want := range map[string]string{
		"Når går fristen ut?":      "nar gar fristen ut?",
		"Hvilke datoer, Bodø/Ås?":  "hvilke dator, bodo/as?",
		"What time does it start?": "what time dos it start?",
		" Idé – 6. feb. (Bærum) ":  " ide – 6. feb. (baerum) ",
	} {
		if got := FoldText(in); got != want {
			t.Errorf("FoldText(%q) = %q, want %q", in, got, want)
		}
		if got, want := Fold(FoldText(in)), Fold(in); got != want {
			t.Errorf("Fold(FoldText(%q)) = %q, Fold = %q", in, got, want)
		}
	}
}

func TestTitleName(t *testing.T) {
	for in, want := range map[string]string{"nord-aurdal": "Nord-Aurdal", "bodø": "Bodø", "McGill": "McGill", "  tromsø  ": "Tromsø"} {
		if got := TitleName(in); got != want {
			t.Errorf("TitleName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2025, 2, 6, 0, 0, 0, 0, Oslo)
	for _, in := range []string{"2025-02-06", "6.2.2025", "06.02.2025", "6/2/2025", "6.2.25"} {
		got, ok := ParseDate(in)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"2025-02-30", "31.4.2025", "i morgen", "", "2025-13-01"} {
		if _, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) accepted an impossible date", in)
		}
	}
}

func TestFormatDate(t *testing.T) {
	// 23:30 UTC on 5 February is already 6 February in Oslo.
	ts := time.Date(2025, 2, 5, 23, 30, 0, 0, time.UTC)
	if got := FormatDate(ts, NB); got != "6. februar 2025" {
		t.Errorf("nb: %q", got)
	}
	if got := FormatDate(ts, EN); got != "6 February 2025" {
		t.Errorf("en: %q", got)
	}
	if got := FormatDateTime(ts, NB); got != "6. februar 2025 kl. 00:30" {
		t.Errorf("nb datetime: %q", got)
	}
}

// TestFoldShortcutSame: the no-copy shortcut returns what the full folding
// returns, for names and running text.
func TestFoldShortcutSame(t *testing.T) {
	words := []string{"", "ja", "nei", "kanskje", "svar", "rsvp", "bodo", "Bodø", "bodoe", "aas", "ås",
		"nord-aurdal", "nord aurdal", "2025", "a", "o", "oe", "aa", "ao", "ea", "x1", "hei!", "hva er fristen?",
		"Når går fristen ut?", "tab\there", "ctl\x01", "é", "über", "ja ", " ja", "a-a", "o.e", "dokument", "hjelp"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aoeAOE -.!?1\tzø"
	for range 5000 {
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		words = append(words, string(b))
	}
	for _, w := range words {
		for _, text := range []bool{false, true} {
			if got, want := fold(w, text), foldRunes(w, text); got != want {
				t.Fatalf("fold(%q, %v) = %q, full folding %q", w, text, got, want)
			}
		}
	}
}
