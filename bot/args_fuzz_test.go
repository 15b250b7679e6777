package bot

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
)

// argSeeds are command lines people really type, plus the awkward ones.
var argSeeds = []string{
	"",
	"3 ja 4",
	`3 ja 4 kommune="Nord-Aurdal" overnatting=nei`,
	`ny navn=Innlandet kommuner="Lillehammer, Gjøvik og Hamar"`,
	`ny navn=“Samling 1” dato=6.2.2025 sted=«Tromsø bibliotek» region=nasjonal`,
	`logg kommune='Bodø' dato=2025-02-06 minutter=90 tema="Kulturskole i skolen"`,
	`svar 12 "Ja, det kan dere" --ikke-faq`,
	`notat=a=b =x x= "=" ""`,
	`"unterminated`,
	`KOMMUNE=BODØ Fylke=nordland`,
	"tab\tseparated\nlines\u00a0nbsp",
	"‘single’ ’reversed‘ “mixed\" «open",
	"\xff\xfe invalid utf8 key\xff=val",
	strings.Repeat("a ", 2100),
}

// FuzzParseArgs checks the one argument parser every command goes through:
// it never panics, refuses oversized text, produces well-formed keys, and
// what it parses can be written back and parsed to the same Args.
func FuzzParseArgs(f *testing.F) {
	for _, s := range argSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := ParseArgs(text)
		if len(text) > MaxArgsLen {
			if err == nil {
				t.Fatalf("%d bytes accepted, limit %d", len(text), MaxArgsLen)
			}
			return
		}
		if err != nil {
			if ErrorCode(err) != EInvalid || ErrorMessage(err, NB) == "" {
				t.Fatalf("error %v is not a friendly invalid-input error", err)
			}
			return
		}
		if a.Named == nil {
			t.Fatal("Named is nil")
		}
		for k, v := range a.Named {
			if k == "" || k != strings.ToLower(k) {
				t.Fatalf("key %q not lower-case/non-empty", k)
			}
			if v != strings.TrimSpace(v) {
				t.Fatalf("value %q of %q not trimmed", v, k)
			}
		}
		// Round trip: write the args back with straight quotes and parse
		// again. Only meaningful when no value holds a straight quote and
		// every key is still a key once lower-cased (Unicode lower-casing
		// can add combining marks, e.g. "İ" -> "i̇").
		var b strings.Builder
		for _, p := range a.Pos {
			if strings.Contains(p, `"`) {
				return
			}
			b.WriteString(`"` + p + `" `)
		}
		for k, v := range a.Named {
			if strings.Contains(v, `"`) || !isKey(k) {
				return
			}
			b.WriteString(k + `="` + v + `" `)
		}
		if b.Len() > MaxArgsLen {
			return
		}
		again, err := ParseArgs(b.String())
		if err != nil {
			t.Fatalf("re-parse of %q: %v", b.String(), err)
		}
		if len(a.Pos) == 0 && len(again.Pos) == 0 {
			a.Pos, again.Pos = nil, nil
		}
		if !reflect.DeepEqual(a, again) {
			t.Fatalf("round trip changed args:\n in  %q -> %#v\n out %q -> %#v", text, a, b.String(), again)
		}
	})
}

// FuzzFold checks the name key that keeps one municipality one row: no
// panic, only letters and digits come out, surrounding space, case (for
// ASCII) and hyphens do not matter.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Bodø", "BODØ", "bodoe", "Nord-Aurdal", "nord aurdal", "Ås", "Aas", "Sør-Varanger", "Færder", "Hå", "Porsáŋgu", "Guovdageaidnu", "", "  -- ", "\xff", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		for _, r := range k {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				t.Fatalf("Fold(%q) = %q holds %q", s, k, r)
			}
		}
		if Fold(" \t"+s+" ") != k {
			t.Fatalf("surrounding space changes Fold(%q)", s)
		}
		if !SameName(s, s) {
			t.Fatalf("SameName(%q, itself) false", s)
		}
		ascii := true
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			if Fold(strings.ToUpper(s)) != k {
				t.Fatalf("case changes Fold(%q)", s)
			}
			if Fold(strings.ReplaceAll(s, "-", " ")) != k {
				t.Fatalf("hyphen vs space changes Fold(%q)", s)
			}
		}
		_ = TitleName(s) // must not panic
	})
}

// FuzzParseDate checks the date reader: no panic, and every accepted date
// is midnight in Oslo, a real calendar day, and reads back the same when
// written as YYYY-MM-DD or D.M.YYYY.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-02-06", "6.2.2025", "06.02.2025", "6/2/2025", "6.2.25", "2025-02-30", "29.2.2024", "29.2.2025", "31.3.2024.", " 1.1.0001 ", "9999-12-31", "", "x", "6..2.2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			if !d.IsZero() {
				t.Fatalf("refused %q but returned %v", s, d)
			}
			return
		}
		if d.Location() != Oslo || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not midnight in Oslo", s, d)
		}
		for _, back := range []string{d.Format("2006-01-02"), d.Format("2.1.2006")} {
			again, ok := ParseDate(back)
			if !ok || !again.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v but %q reads back as %v, %v", s, d, back, again, ok)
			}
		}
		if !DayIn(d).Equal(d) {
			t.Fatalf("DayIn moves midnight %v", d)
		}
		_ = FormatDate(d, NB)
		_ = FormatDate(d, EN)
		_ = d.Add(time.Hour)
	})
}
