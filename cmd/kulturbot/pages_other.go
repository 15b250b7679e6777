//go:build !linux

package main

// releaseStartPages is Linux-only (pages_linux.go).
func releaseStartPages() int { return 0 }
