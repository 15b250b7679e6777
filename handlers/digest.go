package handlers

import "github.com/kulturskoleradet/kulturbot/bot"

// registerDigest adds the digest commands. (Placeholder until its issue lands.)
func (h *Handlers) registerDigest(r *bot.Router) {}
