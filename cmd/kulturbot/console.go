package main

import (
	"context"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/bot/console"
)

// runConsole runs the console adapter on a.In/a.Out; it returns at EOF.
func (a *App) runConsole(ctx context.Context) error {
	c := console.New(a.Router, a.In, a.Out)
	a.Posters[bot.Console] = c.Poster()
	return c.Run(ctx)
}
