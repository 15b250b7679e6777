package handlers

import "github.com/kulturskoleradet/kulturbot/bot"

// registerDocs adds the docs commands. (Placeholder until its issue lands.)
func (h *Handlers) registerDocs(r *bot.Router) {}
