package leanhttp

import (
	"io"
	"net"
	"syscall"
	"time"
	"unsafe"
)

// stampReader reads a TCP connection with recvmsg(2) and keeps the
// kernel's receive timestamp (SO_TIMESTAMPNS) of the last data read: when
// the request's last bytes came in, whatever the runtime did meanwhile.
// Deadlines set on the connection apply (RawConn.Read waits through the
// runtime's poller).
type stampReader struct {
	rc  syscall.RawConn
	fn  func(fd uintptr) bool // recv, bound once
	p   []byte
	n   int
	err error
	at  int64
	// kernel says at is the kernel's stamp (not the read's time).
	kernel bool
	oob    [64]byte
}

// newStampReader returns nil when nc is not TCP or the socket option is
// refused; the connection is then read as it is, and not ordered.
func newStampReader(nc net.Conn) *stampReader {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	}); err != nil || serr != nil {
		return nil
	}
	r := &stampReader{rc: rc}
	r.fn = r.recv
	return r
}

func (r *stampReader) recv(fd uintptr) bool {
	var oobn int
	r.n, oobn, _, _, r.err = syscall.Recvmsg(int(fd), r.p, r.oob[:], 0)
	if r.err == syscall.EAGAIN {
		return false // wait for the poller, then again
	}
	if r.n <= 0 {
		return true
	}
	r.at = 0
	if oobn >= syscall.CmsgSpace(int(unsafe.Sizeof(syscall.Timespec{}))) {
		h := (*syscall.Cmsghdr)(unsafe.Pointer(&r.oob[0]))
		if h.Level == syscall.SOL_SOCKET && h.Type == syscall.SO_TIMESTAMPNS {
			r.at = (*syscall.Timespec)(unsafe.Pointer(&r.oob[syscall.CmsgLen(0)])).Nano()
		}
	}
	r.kernel = r.at != 0
	if r.at == 0 {
		// No stamp: Linux turns receive stamping on for the whole host
		// in a deferred work item when the first socket asks for it, and
		// packets that came in before that carry none.
		r.at = time.Now().UnixNano()
	}
	return true
}

func (r *stampReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.p = p
	err := r.rc.Read(r.fn)
	r.p = nil
	switch {
	case err != nil:
		return 0, err
	case r.err != nil:
		return 0, r.err
	case r.n == 0:
		return 0, io.EOF
	}
	return r.n, nil
}

// arrived is the receive time of the last data read, ns.
func (r *stampReader) arrived() int64 { return r.at }
