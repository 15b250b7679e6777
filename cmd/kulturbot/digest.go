package main

import "context"

// startDigest starts the weekly digest scheduler. (Placeholder.)
func (a *App) startDigest(ctx context.Context) error { return nil }
