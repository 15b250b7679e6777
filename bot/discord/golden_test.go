package discord

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/internal/testutil"
)

// golden compares v's indented JSON with testdata/name.golden.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	testutil.Golden(t, name+".golden", testutil.JSON(t, v, true))
}

func TestGoldenResponses(t *testing.T) {
	h := newHarness(t)
	command := interaction(t, ix("1", 2, cmd("rsvp", "liste")))
	click := interaction(t, ix("2", 3, `{"custom_id":"/rsvp 3 ja","component_type":2}`))
	submit := interaction(t, ix("3", 5, `{"custom_id":"/interesse","components":[]}`))
	req := &bot.Request{Lang: bot.NB}
	interest := &bot.Form{ID: "interesse", Command: "interesse", Title: "Meld interesse", Submit: "Send", Fields: []bot.FormField{
		{Name: "fylke", Label: "Fylke", Kind: bot.FieldSelect, Options: []bot.Option{{Label: "Nordland", Value: "Nordland"}, {Label: "Troms", Value: "Troms"}, {Label: "Finnmark", Value: "Finnmark"}}},
		{Name: "kommuner", Label: "Kommuner (minst tre)", Kind: bot.FieldText, Placeholder: "Bodø, Vefsn, Rana"},
		{Name: "kontakt", Label: "Kontaktperson", Kind: bot.FieldText, Optional: true},
		{Name: "kommentar", Label: "Kommentar", Kind: bot.FieldMultiline, Optional: true},
	}}
	mentoring := &bot.Form{ID: "veiledning", Command: "veiledning", Text: "logg", Title: "Logg veiledning", Fields: []bot.FormField{
		{Name: "kommune", Label: "Kommune", Kind: bot.FieldText},
		{Name: "dato", Label: "Dato", Kind: bot.FieldDate},
		{Name: "minutter", Label: "Minutter", Kind: bot.FieldNumber, Min: 1, Max: 600},
		{Name: "tema", Label: "Tema", Kind: bot.FieldText},
		{Name: "notat", Label: "Notat", Kind: bot.FieldMultiline, Optional: true},
		{Name: "ekstra", Label: "Ekstra", Kind: bot.FieldText, Optional: true},
	}}
	rsvpList := bot.Reply{Title: "Kommende samlinger", Text: "Svar for kommunen din:", Context: "Frist for svar står ved hver samling.",
		Items: []bot.Item{
			{Text: "*#3 Samling i Bodø* – 6. februar 2025, Bodø (frist 20. januar 2025)", Buttons: []bot.Button{{Label: "Ja", Command: "/rsvp 3 ja", Style: "primary"}, {Label: "Nei", Command: "/rsvp 3 nei"}, {Label: "Kanskje", Command: "/rsvp 3 kanskje"}}},
			{Text: "*#4 Samling i Vefsn* – 8. mai 2025, Mosjøen", Buttons: []bot.Button{{Label: "Ja", Command: "/rsvp 4 ja", Style: "primary"}, {Label: "Nei", Command: "/rsvp 4 nei"}, {Label: "Kanskje", Command: "/rsvp 4 kanskje"}}},
		}}
	answer := bot.Reply{Text: "Et regionprogram varer i *tre semestre* med seks fysiske samlinger. Les mer i <https://kulturskoleradet.no|rammeverket>.",
		Context: "Kilde: FAQ – Programmet", Buttons: []bot.Button{
			{Label: "👍", Command: "/kulturbot stemme 17 opp"}, {Label: "👎", Command: "/kulturbot stemme 17 ned"},
			{Label: "Hvem kan delta?", Command: "/faq #deltakere"}, {Label: "Hva er en region?", Command: "/faq #region"}}}
	cases := []struct {
		name string
		resp any
	}{
		{"pong", wire(&discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})},
		{"text", h.ad.response(command, req, bot.Text("Ingen kommende samlinger."))},
		{"private", h.ad.response(command, req, bot.Reply{Text: "Lagret: Bodø svarte *ja* for 4 personer til #3.", Private: true})},
		{"fields", h.ad.response(command, req, bot.Reply{Title: "Deltakere – #3 Samling i Bodø", Text: "6. februar 2025, Bodø",
			Fields:  []bot.Field{{Label: "Ja", Value: "3 kommuner, 11 personer"}, {Label: "Overnatting", Value: "7"}, {Label: "Ikke svart", Value: "Rana"}},
			Context: "Oppdatert 10. januar 2025 kl. 13:00"})},
		{"list", h.ad.response(command, req, rsvpList)},
		{"answer", h.ad.response(command, req, answer)},
		{"error", h.ad.response(command, req, bot.ErrorReply(req, bot.Errorf(bot.EInvalid, "Svar må være ja, nei eller kanskje. Eksempel: /rsvp 3 ja 4"), nil))},
		{"modal-interesse", h.ad.response(command, req, bot.Reply{Form: interest})},
		{"modal-veiledning", h.ad.response(command, req, bot.Reply{Form: mentoring})},
		{"update", h.ad.response(click, req, bot.Reply{Title: rsvpList.Title, Items: rsvpList.Items, Context: "Bodø: ja (4)", Replace: true})},
		{"modal-error", h.ad.response(submit, req, bot.ErrorReply(req, bot.FieldError("fylke", "«Nordlandd» er ikke et fylke. Eksempel: Nordland"), nil))},
		{"duplicate", h.ad.response(command, req, bot.Reply{Error: &bot.Error{Code: bot.EConflict, Message: "duplicate"}})},
		{"deferred", wire(deferResponse(deferPublic))},
		{"deferred-update", wire(deferResponse(deferUpdate))},
		{"autocomplete", wire(&discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: h.ad.autocomplete(t.Context(), interaction(t, ix("4", 4, cmd("rsvp", "svar", `{"name":"samling","type":3,"value":"","focused":true}`))))}})},
		{"autocomplete-empty", wire(&discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{}})},
		{"edit", render(answer).edit()},
		{"channel-message", render(rsvpList).send()},
	}
	// The modal error names its field by label once the form was opened.
	h.ad.forms.put("/interesse", interest)
	cases[10].resp = h.ad.response(submit, req, bot.ErrorReply(req, bot.FieldError("fylke", "«Nordlandd» er ikke et fylke. Eksempel: Nordland"), nil))
	for _, c := range cases {
		golden(t, c.name, c.resp)
	}
}

func TestMrkdwn(t *testing.T) {
	for in, want := range map[string]string{
		"*fet* og _kursiv_": "**fet** og _kursiv_",
		"*a* *b*":           "**a** **b**",
		"allerede **fet**":  "allerede **fet**",
		"5 * 3 = 15":        "5 * 3 = 15",
		// What others wrote never becomes a mention, a masked link, a
		// heading, a quote or a spoiler.
		"<https://x.no|lenke> og <https://y.no>":             `\<https://x.no|lenke> og \<https://y.no>`,
		"hei <!channel> <@U123> <@&42> <#7> @everyone @here": "hei \\<!channel> \\<@U123> \\<@&42> \\<#7> @\u200beveryone @\u200bhere",
		"se [her](https://evil.example)":                     `se \[her\](https://evil.example)`,
		"# Stor\n> sitat\n-# liten\n||skjult|| ~~borte~~":    "\\# Stor\n\\> sitat\n\\-# liten\n\\|\\|skjult\\|\\| \\~\\~borte\\~\\~",
		"svar med `/kulturbot svar <id> <tekst>` <x>":        "svar med `/kulturbot svar <id> <tekst>` \\<x>",
	} {
		if got := mrkdwn(in); got != want {
			t.Errorf("mrkdwn(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestButtonGridLimits(t *testing.T) {
	var items []bot.Item
	for i := 1; i <= 8; i++ {
		n := string(rune('0' + i))
		items = append(items, bot.Item{Text: "#" + n + " Samling", Buttons: []bot.Button{{Label: "Ja", Command: "/rsvp " + n + " ja"}}})
	}
	rep := bot.Reply{Title: "Samlinger", Items: items, Buttons: []bot.Button{{Label: "Oppdater", Command: "/rsvp"}, {Label: "Oppdater", Command: "/rsvp"}}, Lang: bot.NB}
	m := render(rep)
	if len(m.Components) != 5 {
		t.Fatalf("%d rows", len(m.Components))
	}
	last := m.Components[4].(discordgo.ActionsRow)
	if len(last.Components) != 1 || last.Components[0].(discordgo.Button).CustomID != "/rsvp" {
		t.Fatalf("the reply's own buttons lost their row: %+v", last)
	}
	if f := m.Embeds[0].Footer; f == nil || f.Text != "Knapper vises for de 4 første; bruk kommandoen for resten." {
		t.Fatalf("footer %+v", f)
	}
	if l := m.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.Button).Label; l != "#1 · Ja" {
		t.Fatalf("item button label %q", l)
	}
}
