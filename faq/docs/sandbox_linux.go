package docs

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// limitProcess caps this process's address space and CPU time. With the
// address space capped the Go runtime ends the process with "out of
// memory" instead of the kernel's OOM killer picking a victim (which could
// be the bot); the CPU cap ends a child whose parent died before it could
// kill it (Pdeathsig is not used: Go may end the thread that started the
// child, which would fire it early).
//
// maxMem is what the parse may add to the address space the process
// already has: a Go binary reserves over a gigabyte of address space at
// start (1.6 GB measured for this one) while using a few megabytes, so an
// absolute RLIMIT_AS would either fail at start or limit nothing.
func limitProcess(maxMem int64, timeout time.Duration) error {
	if maxMem > 0 {
		lim := uint64(vmSize() + maxMem)
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
			return err
		}
	}
	if timeout > 0 {
		cpu := uint64(timeout/time.Second) + 5
		return syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: cpu, Max: cpu + 1})
	}
	return nil
}

// vmSize is this process's address space in bytes (/proc/self/status).
func vmSize() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 2 << 30
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 2 << 30
}
