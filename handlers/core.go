package handlers

import "github.com/kulturskoleradet/kulturbot/bot"

// registerCore adds the core workflows. (Placeholder.)
func (h *Handlers) registerCore(r *bot.Router) {}
