package main

import "context"

// startDiscord starts the Discord adapter when its tokens are set.
// (Placeholder until bot/discord lands.)
func (a *App) startDiscord(ctx context.Context) (bool, error) { return false, nil }
