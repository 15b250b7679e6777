package bot

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// A command is described once, in its Route: what it is for, its verbs
// ("/samling avlys 3"), their typed options, who may use them and an
// example. The Slack manifest, the Discord command tree (and how a Discord
// interaction becomes request text), /kulturbot hjelp and the README's
// command table are all built from Router.Routes(), so they cannot
// disagree with the handlers that read the same words.

// Words is a text in bokmål and English.
type Words struct{ NB, EN string }

// W is Words{NB: nb, EN: en}.
func W(nb, en string) Words { return Words{NB: nb, EN: en} }

// In is the text in lang (bokmål unless lang is English or no English
// text was written).
func (w Words) In(lang Lang) string {
	if lang == EN && w.EN != "" {
		return w.EN
	}
	return w.NB
}

// Verb is one subcommand of a route: the word typed after the command.
type Verb struct {
	Name    string   // the Norwegian word, also the Discord subcommand: "avlys"
	EN      string   // the English word, accepted too and shown to English Discord clients: "cancel"
	Aliases []string // other accepted spellings: "deltagere", "trekk-tilbake"
	Desc    Words    // one line (at most 100 characters): "Avlys en samling"
	// Example is a correct command line, shown in the help and the README.
	// Dates are written as slots relative to today, so a copied example is
	// never stale: {dato} is today, {dato+60} sixty days ahead, {dato-1}
	// yesterday (see ExampleAt).
	Example string
	Params  []Param // typed options, required ones first
	// Pos names the params a handler reads as positional words after the
	// verb, in order ("trekk 5" reads "id"). Adapters with typed options
	// (Discord) write them back in that order; every other param is passed
	// as key=value (Request.Form).
	Pos []string
	// Bare: typed options arrive without the verb word. The handler reads
	// "/rsvp 3 ja" (not "/rsvp svar 3 ja") and "/interesse fylke=..".
	Bare bool
	// RawLast passes the last positional value as typed (free text that
	// the handler reads from the raw request text: an answer).
	RawLast bool
	// Admin verbs are for the working group only: refused for others and
	// left out of their help.
	Admin bool
	// Button verbs are reached by clicking a button the bot made (👍/👎);
	// they are in the help but not a Discord subcommand.
	Button bool
	// Run, when set, answers the verb with the arguments after it (the
	// /kulturbot subcommands). Other routes dispatch in their handler.
	Run func(ctx context.Context, req *Request, args Args) (Reply, error)
}

// ParamType is the type of a typed option.
type ParamType string

// Param types. Dates are text (Discord has no date option) of at most 10
// characters; files are uploads.
const (
	ParamText ParamType = ""
	ParamInt  ParamType = "int"
	ParamBool ParamType = "bool"
	ParamDate ParamType = "date"
	ParamFile ParamType = "file"
)

// Param is a typed option of a verb (or of a route without verbs).
type Param struct {
	Name     string // the argument key the handler reads: "kommune"
	EN       string // the English name shown to English Discord clients: "municipality"
	Desc     Words  // at most 100 characters
	Type     ParamType
	Required bool
	Choices  []Choice
	// Suggest names the Suggester field that completes this option while
	// it is typed ("samling", "kommune"); "" for none.
	Suggest  string
	Min, Max int // ParamInt bounds; Max 0 is none
	// Flag writes a true ParamBool as "--name" instead of name=ja.
	Flag bool
}

// Choice is one fixed value of a Param.
type Choice struct {
	Value string // what the handler reads: "kanskje"
	EN    string // shown to English clients: "maybe"; "" when the same
}

// Listed reports whether the route is a command people type (it has a
// description): the free-text route and test routes are not.
func (r *Route) Listed() bool { return r.Name != "" && r.Desc.NB != "" }

// Verb finds the verb named word (Norwegian, English or an alias, in any
// case or æøå spelling).
func (r *Route) Verb(word string) (*Verb, bool) {
	f := Fold(word)
	if f == "" {
		return nil, false
	}
	for i := range r.Verbs {
		v := &r.Verbs[i]
		if Fold(v.Name) == f || (v.EN != "" && Fold(v.EN) == f) {
			return v, true
		}
		for _, a := range v.Aliases {
			if Fold(a) == f {
				return v, true
			}
		}
	}
	return nil, false
}

// VerbNamed finds a verb by its exact Norwegian name (a Discord subcommand).
func (r *Route) VerbNamed(name string) (*Verb, bool) {
	for i := range r.Verbs {
		if r.Verbs[i].Name == name {
			return &r.Verbs[i], true
		}
	}
	return nil, false
}

// VerbAdmin reports whether v is for admins only (the route or the verb).
func (r *Route) VerbAdmin(v *Verb) bool { return r.Admin || v.Admin }

// Param finds a param by name.
func (v *Verb) Param(name string) (Param, bool) {
	for _, p := range v.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Usage is the verb's short grammar for the Slack usage hint:
// "avlys <id>", "ny navn=.. dato=..", "<samling> ja|nei|kanskje"; with
// optional, the optional options too ("[kommune=..]"). A bare verb
// without required options shows the options it takes.
func (v *Verb) Usage(optional bool) string {
	var w []string
	if !v.Bare {
		w = append(w, v.Name)
	}
	pos := map[string]bool{}
	for _, n := range v.Pos {
		pos[n] = true
		p, _ := v.Param(n)
		if len(p.Choices) > 0 {
			var cs []string
			for _, c := range p.Choices {
				cs = append(cs, c.Value)
			}
			w = append(w, strings.Join(cs, "|"))
			continue
		}
		w = append(w, "<"+n+">")
	}
	for _, p := range v.Params {
		switch {
		case pos[p.Name] || p.Type == ParamFile:
		case p.Required:
			w = append(w, p.Name+"=..")
		case optional:
			w = append(w, "["+p.Name+"=..]")
		}
	}
	if len(w) == 0 && v.Bare {
		for _, p := range v.Params {
			if p.Type != ParamFile {
				w = append(w, p.Name+"=..")
			}
		}
	}
	return strings.Join(w, " ")
}

// ExampleAt is the example with its date slots filled in (ExpandDates).
func (v *Verb) ExampleAt(now time.Time) string { return ExpandDates(v.Example, now) }

// ExpandDates fills the date slots of an example from now's Oslo day:
// {dato} is today, {dato+N} N days later, {dato-N} N days earlier.
func ExpandDates(s string, now time.Time) string {
	for {
		i := strings.Index(s, "{dato")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return s
		}
		n := 0
		if off := s[i+len("{dato") : i+j]; off != "" {
			if _, err := fmt.Sscanf(off, "%d", &n); err != nil {
				return s
			}
		}
		s = s[:i] + DayIn(now).AddDate(0, 0, n).Format("2006-01-02") + s[i+j+1:]
	}
}
