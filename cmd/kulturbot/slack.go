package main

import "context"

// startSlack starts the Slack adapter when its tokens are set. (Placeholder
// until bot/slack lands.)
func (a *App) startSlack(ctx context.Context) (bool, error) { return false, nil }
