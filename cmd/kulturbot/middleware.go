package main

// setupMiddleware adds rate limits and metrics to the router. (Placeholder.)
func (a *App) setupMiddleware() {}
