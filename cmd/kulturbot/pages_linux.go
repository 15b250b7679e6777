package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// releaseStartPages drops the process's mappings of the binary's code and
// read-only data (its clean file pages). Main calls it twice: when package
// initialisation is done, and when start-up is done. Both run code and
// read data that serving never touches again — every package's init, the
// YAML parser, building the FAQ index, the migrations, the embedded
// corpus — and the kernel maps file pages in 64 KiB blocks around every
// fault: about 12 MiB of the binary is resident after the inits, 18 MiB
// after start-up. The pages stay in the page cache: what is needed again
// faults back in once (a minor fault, no disk read), the rest stops
// counting in the process's RSS. Measured on one core (docs/operations.md
// "One core: peak memory"): start-up's peak 34–36 → 31–33 MB, the
// binary's resident code at the end of the compare.sh sequence 9.5 → 7.2
// MiB.
//
// Only private read-only mappings of the executable without a single
// anonymous (copied-on-write) page are released: dropping those loses
// nothing, since every page re-reads identically from the file. A
// mapping the loader relocated (a PIE's RELRO) has anonymous pages and is
// left alone. It returns how many bytes of mappings were released.
func releaseStartPages() int {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return 0
	}
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return 0
	}
	released := 0
	var lo, hi uint64
	candidate := false
	flush := func() {
		if candidate && hi > lo {
			if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), syscall.MADV_DONTNEED); e == 0 {
				released += int(hi - lo)
			}
		}
		candidate = false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Bytes()
		if f := bytes.Fields(line); len(f) >= 5 && bytes.IndexByte(f[0], '-') > 0 && !bytes.HasSuffix(f[0], []byte(":")) {
			// A mapping's header: "lo-hi perms offset dev inode [path]".
			flush()
			a, z, _ := bytes.Cut(f[0], []byte("-"))
			l, err1 := strconv.ParseUint(string(a), 16, 64)
			h, err2 := strconv.ParseUint(string(z), 16, 64)
			perms := string(f[1])
			candidate = err1 == nil && err2 == nil && len(f) == 6 && string(f[5]) == exe &&
				(perms == "r-xp" || perms == "r--p")
			lo, hi = l, h
			continue
		}
		// A mapping with copied-on-write pages is not the file's any more.
		if candidate && bytes.HasPrefix(line, []byte("Anonymous:")) {
			if v := bytes.Fields(line[len("Anonymous:"):]); len(v) == 0 || string(v[0]) != "0" {
				candidate = false
			}
		}
	}
	flush()
	return released
}
