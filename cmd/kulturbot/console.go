package main

import "context"

// runConsole runs the console adapter on a.In/a.Out. (Placeholder.)
func (a *App) runConsole(ctx context.Context) error { <-ctx.Done(); return nil }
