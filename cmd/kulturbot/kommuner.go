package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
	"github.com/kulturskoleradet/kulturbot/store/kommuner"
)

func init() {
	register("kommuner", subcommand{
		help: "kommuner sjekk | kommuner slå-sammen FRA TIL: names outside the municipality register, and merging one into the right municipality",
		run:  runKommuner,
	})
}

const kommunerUsage = "usage: kulturbot kommuner sjekk | kulturbot kommuner slå-sammen FRA TIL"

func runKommuner(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 {
		return errors.New(kommunerUsage)
	}
	switch bot.Fold(args[0]) {
	case "sjekk", "check":
		if len(args) > 1 {
			return fmt.Errorf("kommuner sjekk: unexpected argument %q", args[1])
		}
		return kommunerSjekk(ctx, a.DB, a.Out)
	case "slasammen", "merge":
		if len(args) != 3 {
			return errors.New("kommuner slå-sammen: give the name outside the register and the municipality it means: kulturbot kommuner slå-sammen Fauskee Fauske")
		}
		mg, err := a.DB.MergeMunicipality(ctx, store.Author{Key: "cli", Name: "kommandolinje", Platform: "cli"}, args[1], args[2])
		if err != nil {
			return fmt.Errorf("kommuner slå-sammen: %s", bot.ErrorMessage(err, bot.NB)+errDetail(err))
		}
		fmt.Fprintf(a.Out, "«%s» er slått sammen med %s (%s): %d svar, %d i historikken, %d interesseregistreringer, %d veiledningsøkter, %d regionplasser, %d profiler flyttet.\n",
			mg.From, mg.To, mg.ToNumber, mg.RSVPs, mg.History, mg.Interests, mg.Mentoring, mg.Regions, mg.Users)
		if mg.Dropped != "" {
			fmt.Fprintf(a.Out, "Der begge hadde noe: %s\n", mg.Dropped)
		}
		return nil
	}
	return fmt.Errorf("kommuner: unknown action %q (%s)", args[0], kommunerUsage)
}

// errDetail names the typed refusals the generic message hides.
func errDetail(err error) string {
	var nu *store.NotUnlinkedError
	var un *store.UnknownMunicipalityError
	var am *store.AmbiguousMunicipalityError
	switch {
	case errors.As(err, &nu):
		return " (" + nu.Name + " er i registeret; bare navn utenfor det kan slås sammen)"
	case errors.As(err, &un):
		return " (" + un.Name + " er ikke en kommune i registeret)"
	case errors.As(err, &am):
		return " (" + am.Name + " er flere kommuner; skriv for eksempel «Herøy (Nordland)» eller kommunenummeret)"
	}
	return ""
}

// kommunerSjekk prints the names outside the register with what points at
// them and the command that merges each, then the merges done so far.
func kommunerSjekk(ctx context.Context, db *store.DB, w io.Writer) error {
	reg := db.Register()
	fmt.Fprintf(w, "Kommuneregister: %s (%d kommuner, %d fylker)\n", reg.Source, reg.Len(), len(reg.Counties()))
	us, err := db.UnlinkedMunicipalities(ctx)
	if err != nil {
		return err
	}
	if len(us) == 0 {
		fmt.Fprintln(w, "Alle kommunenavn i databasen er koblet til registeret.")
	} else {
		fmt.Fprintf(w, "Navn utenfor registeret: %d. Slå hvert sammen med riktig kommune; ingenting forsvinner før det er gjort.\n", len(us))
	}
	for _, u := range us {
		fmt.Fprintf(w, "\n#%d «%s» – %s\n", u.ID, u.Name, unlinkedUse(u))
		from := quoteArg(u.Name)
		switch {
		case u.Gone:
			fmt.Fprintf(w, "    kommunenummer %s finnes ikke i registeret lenger (kommunereform?)\n", u.Number)
			fmt.Fprintf(w, "    slå sammen: /kulturbot kommune-slå-sammen #%d <kommune>\n", u.ID)
		case u.Ambiguous:
			fmt.Fprintf(w, "    deles av: %s\n", entryList(u.Candidates))
			fmt.Fprintf(w, "    slå sammen med den riktige, for eksempel: /kulturbot kommune-slå-sammen %s %s\n", from, quoteArg(u.Candidates[0].Name))
		case len(u.Candidates) > 0:
			fmt.Fprintf(w, "    mente kanskje: %s\n", entryList(u.Candidates))
			fmt.Fprintf(w, "    slå sammen: /kulturbot kommune-slå-sammen %s %s\n", from, quoteArg(u.Candidates[0].Name))
		default:
			fmt.Fprintln(w, "    ingen kommune i registeret ligner")
			fmt.Fprintf(w, "    slå sammen: /kulturbot kommune-slå-sammen %s <kommune>\n", from)
		}
	}
	ms, err := db.Merges(ctx)
	if err != nil {
		return err
	}
	if len(ms) > 0 {
		fmt.Fprintf(w, "\nSlått sammen hittil: %d\n", len(ms))
		for _, m := range ms {
			by := m.MergedBy
			if m.Reason == "register" {
				by = "ved oppstart (samme kommune)"
			} else if by == "" {
				by = "(slettet bruker)"
			}
			fmt.Fprintf(w, "  %s «%s» → %s (%s), %s\n", m.MergedAt.In(bot.Oslo).Format("2006-01-02 15:04"), m.From, m.To, m.ToNumber, by)
		}
	}
	return nil
}

func unlinkedUse(u store.Unlinked) string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(u.RSVPs, "svar", "svar")
	add(u.History, "i svarhistorikken", "i svarhistorikken")
	add(u.Interests, "interesseregistrering", "interesseregistreringer")
	add(u.Mentoring, "veiledningsøkt", "veiledningsøkter")
	add(u.Regions, "region", "regioner")
	add(u.Users, "profil", "profiler")
	add(u.Guests, "gjesteplass", "gjesteplasser")
	if len(parts) == 0 {
		return "ikke i bruk"
	}
	return strings.Join(parts, ", ")
}

func entryList(es []kommuner.Entry) string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s (%s, %s)", e.Name, e.Number, e.County))
	}
	return strings.Join(out, ", ")
}

func quoteArg(s string) string {
	if strings.ContainsAny(s, " ()") {
		return `"` + s + `"`
	}
	return s
}
