//go:build !linux

package leanhttp

import (
	"net"
)

// stampReader is Linux's (recv_linux.go); elsewhere requests are not
// ordered by arrival.
type stampReader struct{ kernel bool }

func newStampReader(net.Conn) *stampReader    { return nil }
func (*stampReader) Read([]byte) (int, error) { return 0, nil }
func (*stampReader) arrived() int64           { return 0 }
