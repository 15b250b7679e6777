package bot

import (
	"reflect"
	"testing"
)

func TestSpans(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []Span
	}{
		{"Plain", "Lagret for #3.", []Span{{Text: "Lagret for #3."}}},
		{"Marks", "Lagret: *ja* for _Bodø_ med `/rsvp 3`.", []Span{
			{Text: "Lagret: "}, {Text: "ja", Style: StyleBold}, {Text: " for "}, {Text: "Bodø", Style: StyleItalic},
			{Text: " med "}, {Text: "/rsvp 3", Style: StyleCode}, {Text: "."}}},
		{"NoMarkInWordsOrArithmetic", "mine_data og 2 * 3 * 4 og **to** og *åpen", []Span{{Text: "mine_data og 2 * 3 * 4 og **to** og *åpen"}}},
		{"MarkEndsAtLine", "*ikke\nfet*", []Span{{Text: "*ikke\nfet*"}}},
		{"Foreign", "Spørsmål: " + Esc("*hei* <@U1> _x_") + " slutt", []Span{
			{Text: "Spørsmål: "}, {Text: "*hei* <@U1> _x_", Foreign: true}, {Text: " slutt"}}},
		{"ForeignCannotFakeSpans", Esc("a\uE001*b*\uE002x"), []Span{{Text: "a*b*x", Foreign: true}}},
		{"Link", "Se " + Link("dashbordet", "https://bot.example.no/dashbord") + ".", []Span{
			{Text: "Se "}, {Text: "dashbordet", URL: "https://bot.example.no/dashbord"}, {Text: "."}}},
		{"Empty", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Spans(c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Spans(%q)\n got %#v\nwant %#v", c.in, got, c.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	in := "*Ukesoppsummering* for " + Esc("_Salten_") + ": " + Link("lenke", "https://x.no")
	if got, want := PlainText(in), "Ukesoppsummering for _Salten_: lenke (https://x.no)"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	if PlainText("uten merker") != "uten merker" {
		t.Error("plain text changed")
	}
}
