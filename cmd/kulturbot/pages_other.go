//go:build !linux

package main

import (
	"context"
	"time"
)

// releaseStartPages is Linux-only (pages_linux.go).
func releaseStartPages() int { return 0 }

// keepReleasing is Linux-only (pages_linux.go).
func keepReleasing(context.Context, time.Duration) {}

// residentBytes is Linux-only (pages_linux.go): 0, not known.
func residentBytes() uint64 { return 0 }
