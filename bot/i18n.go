package bot

import (
	"fmt"
	"strings"
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

// Messages is one package's message table: key -> {bokmål, English}.
// Each package that speaks to people declares its own as a map literal
// beside its code and reads it through T. Nothing writes a table after it
// is declared, so there is no shared registry, no init order and nothing
// for tests to reset.
type Messages map[string][2]string

// T looks up key in m in lang and formats it with args (fmt verbs).
// A missing English text falls back to bokmål; a missing key shows the key,
// so a forgotten message is visible in tests rather than blank.
func (m Messages) T(lang Lang, key string, args ...any) string {
	msg, ok := m[key]
	return format(msg, ok, lang, key, args)
}

// Catalog is the messages of a package written in several tables (one per
// file, beside the code that uses them), looked up in order.
type Catalog []Messages

// T looks key up in every table of c; see Messages.T.
func (c Catalog) T(lang Lang, key string, args ...any) string {
	for _, m := range c {
		if msg, ok := m[key]; ok {
			return format(msg, true, lang, key, args)
		}
	}
	return key
}

func format(m [2]string, ok bool, lang Lang, key string, args []any) string {
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

// NN is the nynorsk language of a reply to a question asked in nynorsk
// (the FAQ answers in it); the messages tables hold bokmål and English,
// and a few of their texts have a nynorsk twin in a Nynorsk table.
const NN Lang = "nn"

// Nynorsk holds the nynorsk texts of some messages, by key.
type Nynorsk map[string]string

// T is key in lang: its nynorsk text from nn when lang is NN and nn has
// one, otherwise from m (a Messages or a Catalog: bokmål, or English).
func (nn Nynorsk) T(m interface {
	T(Lang, string, ...any) string
}, lang Lang, key string, args ...any) string {
	if lang == NN {
		if s, ok := nn[key]; ok {
			if len(args) == 0 {
				return s
			}
			return fmt.Sprintf(s, args...)
		}
	}
	return m.T(lang, key, args...)
}

// T looks up one of the core's own messages (error.*): the texts the
// router, the middleware and every adapter share.
func T(lang Lang, key string, args ...any) string { return messages.T(lang, key, args...) }

var messages = Messages{
	"error.internal":     {"Beklager, noe gikk galt hos oss. Prøv igjen om litt – ingenting ble lagret.", "Sorry, something went wrong on our side. Please try again shortly – nothing was saved."},
	"error.invalid":      {"Jeg forsto ikke det du skrev. Skriv /kulturbot hjelp for eksempler.", "I did not understand what you wrote. Type /kulturbot hjelp for examples."},
	"error.not_found":    {"Fant ikke det du spurte etter.", "Not found."},
	"error.conflict":     {"Dette finnes allerede.", "This already exists."},
	"error.filetoolarge": {"%s: filen er for stor.", "%s: the file is too large."},
	"error.forbidden":    {"Dette er bare for arbeidsgruppen (administratorer).", "This is for the working group (admins) only."},
	"error.limited":      {"Rolig nå 🙂 Du har sendt mange meldinger på kort tid. Vent et minutt og prøv igjen.", "Easy there 🙂 You have sent many messages in a short time. Wait a minute and try again."},
	"error.unknowncmd":   {"Ukjent kommando «%s». Skriv /kulturbot hjelp for en oversikt.", "Unknown command “%s”. Type /kulturbot hjelp for an overview."},
}
