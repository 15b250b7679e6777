package bot

import (
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // ship Europe/Oslo so the static binary shows Norwegian time anywhere
)

// Lang is a reply language.
type Lang string

// Languages. Bokmål is the default everywhere.
const (
	NB Lang = "nb"
	EN Lang = "en"
)

// LangFromLocale maps a platform locale ("en-US", "en_GB", "nb-NO") to a Lang.
func LangFromLocale(locale string) Lang {
	l := strings.ToLower(locale)
	if strings.HasPrefix(l, "en") {
		return EN
	}
	return NB
}

// Oslo is Europe/Oslo; every date shown to people is in this zone.
var Oslo = mustLoad("Europe/Oslo")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var monthsNB = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// FormatDate shows a date as people write it: "6. februar 2025" in bokmål,
// "6 February 2025" in English, in Oslo time.
func FormatDate(t time.Time, lang Lang) string {
	t = t.In(Oslo)
	if lang == EN {
		return fmt.Sprintf("%d %s %d", t.Day(), t.Month().String(), t.Year())
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), monthsNB[t.Month()-1], t.Year())
}

// FormatDateTime is FormatDate plus the Oslo clock time: "6. februar 2025 kl. 14:05".
func FormatDateTime(t time.Time, lang Lang) string {
	t = t.In(Oslo)
	if lang == EN {
		return FormatDate(t, lang) + " " + t.Format("15:04")
	}
	return FormatDate(t, lang) + " kl. " + t.Format("15:04")
}

// ParseDate reads a calendar date as people type it: 2025-02-06, 6.2.2025,
// 06.02.2025 or 6/2/2025. The result is midnight in Oslo. Impossible dates
// (2025-02-30) are rejected, not rolled over.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ".")
	for _, layout := range []string{"2006-01-02", "2.1.2006", "02.01.2006", "2/1/2006", "02/01/2006", "2.1.06", "02.01.06"} {
		if t, err := time.ParseInLocation(layout, s, Oslo); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// DayIn returns the start of t's calendar day in Oslo.
func DayIn(t time.Time) time.Time {
	t = t.In(Oslo)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Oslo)
}

var (
	catMu     sync.RWMutex
	catalogue = map[string][2]string{} // key -> {nb, en}
)

// Register adds messages to the catalogue: key -> {bokmål, English}.
// Packages call it from init so their messages live beside their code.
func Register(msgs map[string][2]string) {
	catMu.Lock()
	defer catMu.Unlock()
	for k, v := range msgs {
		catalogue[k] = v
	}
}

// T looks up a message in lang and formats it with args (fmt verbs).
// A missing English text falls back to bokmål; a missing key shows the key,
// so a forgotten message is visible in tests rather than blank.
func T(lang Lang, key string, args ...any) string {
	catMu.RLock()
	m, ok := catalogue[key]
	catMu.RUnlock()
	if !ok {
		return key
	}
	s := m[0]
	if lang == EN && m[1] != "" {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

func init() {
	Register(map[string][2]string{
		"error.internal":     {"Beklager, noe gikk galt hos oss. Prøv igjen om litt – ingenting ble lagret.", "Sorry, something went wrong on our side. Please try again shortly – nothing was saved."},
		"error.invalid":      {"Jeg forsto ikke det du skrev. Skriv /kulturbot hjelp for eksempler.", "I did not understand what you wrote. Type /kulturbot hjelp for examples."},
		"error.not_found":    {"Fant ikke det du spurte etter.", "Not found."},
		"error.conflict":     {"Dette finnes allerede.", "This already exists."},
		"error.filetoolarge": {"%s: filen er for stor.", "%s: the file is too large."},
		"error.forbidden":    {"Dette er bare for arbeidsgruppen (administratorer).", "This is for the working group (admins) only."},
		"error.limited":      {"Rolig nå 🙂 Du har sendt mange meldinger på kort tid. Vent et minutt og prøv igjen.", "Easy there 🙂 You have sent many messages in a short time. Wait a minute and try again."},
		"error.unknowncmd":   {"Ukjent kommando «%s». Skriv /kulturbot hjelp for en oversikt.", "Unknown command “%s”. Type /kulturbot hjelp for an overview."},
	})
}
