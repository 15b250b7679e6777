package bot

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		pos   []string
		named map[string]string
	}{
		{"Tom", "", nil, map[string]string{}},
		{"Posisjonelle", "3 ja 4", []string{"3", "ja", "4"}, map[string]string{}},
		{"NøkkelVerdi", `kommune=Bodø overnatting=nei`, nil, map[string]string{"kommune": "Bodø", "overnatting": "nei"}},
		{"SitatMedMellomrom", `kommuner="Bodø, Vefsn, Rana" tema="Kultur i skolen"`, nil,
			map[string]string{"kommuner": "Bodø, Vefsn, Rana", "tema": "Kultur i skolen"}},
		{"KrølleteAnførsel", `navn=“Samling 1” sted=«Tromsø bibliotek»`, nil,
			map[string]string{"navn": "Samling 1", "sted": "Tromsø bibliotek"}},
		{"NøkkelStoreBokstaver", `KOMMUNE=Bodø`, nil, map[string]string{"kommune": "Bodø"}},
		{"Blandet", `logg kommune="Nord-Aurdal" dato=6.2.2025 minutter=90`, []string{"logg"},
			map[string]string{"kommune": "Nord-Aurdal", "dato": "6.2.2025", "minutter": "90"}},
		{"LikhetstegnIVerdi", `notat=a=b`, nil, map[string]string{"notat": "a=b"}},
		{"SitertPosisjonell", `svar 12 "Ja, det kan dere"`, []string{"svar", "12", "Ja, det kan dere"}, map[string]string{}},
		{"ApostrofIOrd", `notat=Kari's plan vi's`, []string{"plan", "vi's"}, map[string]string{"notat": "Kari's"}},
		{"TomVerdi", `kontakt=`, nil, map[string]string{"kontakt": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseArgs(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Pos, tt.pos) {
				t.Errorf("Pos = %#v, want %#v", a.Pos, tt.pos)
			}
			if !reflect.DeepEqual(a.Named, tt.named) {
				t.Errorf("Named = %#v, want %#v", a.Named, tt.named)
			}
		})
	}
}

func TestParseArgsUnclosedQuote(t *testing.T) {
	_, err := ParseArgs(`tema="Kultur`)
	if ErrorCode(err) != EInvalid {
		t.Fatalf("code = %q, want invalid", ErrorCode(err))
	}
}

// TestParseArgsRefusals: what the parser refuses is typed (kind and the
// text at fault), so the handler can say it in the asker's language.
func TestParseArgsRefusals(t *testing.T) {
	for _, c := range []struct {
		name, in string
		kind     ArgsKind
		text     string
	}{
		{"UnclosedQuote", `tema="Kultur i skolen`, ArgsQuote, `"Kultur i skolen`},
		{"RepeatedKey", `kommune=Bodø antall=2 kommune=Fauske`, ArgsRepeated, "kommune"},
		{"RepeatedKeyCase", `antall=2 ANTALL=3`, ArgsRepeated, "antall"},
		{"TooLong", strings.Repeat("x", MaxArgsLen+1), ArgsTooLong, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseArgs(c.in)
			var ae *ArgsError
			if !errors.As(err, &ae) || ae.Kind != c.kind || ae.Text != c.text || ErrorCode(err) != EInvalid {
				t.Fatalf("ParseArgs(%.40q) = %v, want %s %q", c.in, err, c.kind, c.text)
			}
		})
	}
	if _, err := ParseArgs(`notat="kommune=Bodø kommune=Fauske" kommune=Rana`); err != nil {
		t.Errorf("a key inside a quoted value is no repeat: %v", err)
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList("Bodø, Vefsn og Rana; Alstahaug")
	want := []string{"Bodø", "Vefsn", "Rana", "Alstahaug"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, want %#v", got, want)
	}
}

func TestParseID(t *testing.T) {
	for in, want := range map[string]int64{"3": 3, "#3": 3, " #12 ": 12, "0": 0, "x": 0, "-1": 0} {
		got, ok := ParseID(in)
		if got != want || ok != (want > 0) {
			t.Errorf("ParseID(%q) = %d, %v", in, got, ok)
		}
	}
}
