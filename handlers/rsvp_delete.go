package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/store"
)

const exRSVPDelete = `/rsvp slett 3 kommune=Bodø`

// isDeleteWord is "slett" and its forms, for /rsvp 3 slett.
func isDeleteWord(w string) bool {
	switch bot.Fold(w) {
	case "slett", "delete", "fjern", "remove":
		return true
	}
	return false
}

// rsvpDelete handles /rsvp ID slett kommune=NAME: the working group removes
// a wrong answer. The removal is kept in the history and the change log;
// the municipality counts as not answered again.
func (h *Handlers) rsvpDelete(ctx context.Context, req *bot.Request, args bot.Args, rawID string, rest []string) (bot.Reply, error) {
	if !req.User.Admin {
		return bot.Reply{}, &bot.Error{Code: bot.EForbidden, Message: t(req, "rsvp.delete.forbidden")}
	}
	if err := checkKnown(req, args, exRSVPDelete, "samling", "id", "gathering", "kommune", "municipality"); err != nil {
		return bot.Reply{}, err
	}
	name := named(args, "kommune", "municipality")
	if name == "" && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if err := checkNoExtra(req, rest, exRSVPDelete); err != nil {
		return bot.Reply{}, err
	}
	if rawID == "" {
		return bot.Reply{}, bad(req, "samling", exRSVPDelete, "rsvp.err.noid")
	}
	id, ok := bot.ParseID(rawID)
	if !ok {
		return bot.Reply{}, bad(req, "samling", exRSVPDelete, "core.err.id", rawID)
	}
	if name == "" {
		return bot.Reply{}, bad(req, "kommune", exRSVPDelete, "core.err.missing", "kommune")
	}
	g, err := h.DB.Gathering(ctx, id)
	if err != nil {
		return bot.Reply{}, h.gatheringNotFound(req, id, err)
	}
	m, err := h.DB.FindMunicipality(ctx, name)
	if e := municipalityErr(req, err, "kommune"); e != nil {
		return bot.Reply{}, e // "Mente du Fauske?" with the corrected command
	}
	if bot.ErrorCode(err) == bot.ENotFound {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Field: "kommune", Message: t(req, "rsvp.delete.none", name, g.ID, g.Name), Err: err}
	}
	if err != nil {
		return bot.Reply{}, err
	}
	r, g, err := h.DB.DeleteRSVP(ctx, author(req), id, m.ID)
	var na *store.NoAnswerError
	if errors.As(err, &na) {
		return bot.Reply{}, &bot.Error{Code: bot.ENotFound, Field: "kommune", Message: t(req, "rsvp.delete.none", m.Name, g.ID, g.Name), Err: err}
	}
	if err != nil {
		return bot.Reply{}, storeErr(req, err, "kommune")
	}
	undo := fmt.Sprintf("/rsvp %d %s", g.ID, r.Answer)
	if r.Answer != store.AnswerNo {
		undo += fmt.Sprintf(" %d", r.Headcount)
	}
	undo += " kommune=" + quoteArg(r.Municipality.Name)
	return bot.Reply{Private: true, Text: t(req, "rsvp.delete.ok", r.Municipality.Name, describeRSVP(req, r), g.ID, g.Name) +
		"\n" + t(req, "rsvp.delete.undo", undo)}, nil
}

var rsvpDeleteMessages = bot.Messages{
	"rsvp.delete.forbidden": {"Bare arbeidsgruppen kan slette svar. Vil dere endre svaret, svar på nytt med /rsvp.", "Only the working group can remove answers. To change your answer, answer again with /rsvp."},
	"rsvp.delete.none":      {"%s har ikke noe svar på samling #%d %s, så det er ingenting å slette.", "%s has no answer to gathering #%d %s, so there is nothing to remove."},
	"rsvp.delete.ok":        {"🗑️ Slettet svaret fra *%s* (%s) på samling #%d %s. Kommunen står som ikke svart.", "🗑️ Removed the answer of *%s* (%s) to gathering #%d %s. The municipality shows as not answered."},
	"rsvp.delete.undo":      {"Angre: %s", "Undo: %s"},
}
