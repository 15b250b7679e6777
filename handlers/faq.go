package handlers

import "github.com/kulturskoleradet/kulturbot/bot"

// registerFAQ adds the faq commands. (Placeholder until its issue lands.)
func (h *Handlers) registerFAQ(r *bot.Router) {}
