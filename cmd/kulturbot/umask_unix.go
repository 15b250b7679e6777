//go:build unix

package main

import "syscall"

// restrictUmask makes every file the bot creates (database, WAL, backups,
// exports) readable by its owner only: they hold names and contacts.
func restrictUmask() { syscall.Umask(0o077) }
