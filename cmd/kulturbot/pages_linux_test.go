package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// exeRss sums the resident kB of the executable's mappings with perms.
func exeRss(t *testing.T, perms string) int {
	t.Helper()
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		t.Skip("no /proc/self/exe:", err)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	defer f.Close()
	sum, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 5 && strings.Contains(fs[0], "-") && !strings.HasSuffix(fs[0], ":") {
			in = len(fs) == 6 && fs[5] == exe && fs[1] == perms
			continue
		}
		if in && len(fs) >= 2 && fs[0] == "Rss:" {
			n, _ := strconv.Atoi(fs[1])
			sum += n
		}
	}
	return sum
}

// Releasing the binary's pages shrinks its resident code and read-only
// data, leaves the writable data alone, and the program runs on (the
// pages fault back in from the file).
func TestReleaseStartPages(t *testing.T) {
	code, ro, data := exeRss(t, "r-xp"), exeRss(t, "r--p"), exeRss(t, "rw-p")
	if code == 0 || ro == 0 {
		t.Skipf("executable not mapped as expected (code %d kB, rodata %d kB)", code, ro)
	}
	n := releaseStartPages()
	if n == 0 {
		t.Fatal("released nothing")
	}
	code2, ro2, data2 := exeRss(t, "r-xp"), exeRss(t, "r--p"), exeRss(t, "rw-p")
	t.Logf("released %d kB of mappings; resident code %d → %d kB, rodata %d → %d kB, data %d → %d kB", n>>10, code, code2, ro, ro2, data, data2)
	if code2 >= code || ro2 >= ro {
		t.Errorf("resident code %d → %d kB, rodata %d → %d kB: want both lower", code, code2, ro, ro2)
	}
	if data2 < data {
		t.Errorf("writable data %d → %d kB: must not be released", data, data2)
	}
	// Code and read-only data still read correctly after the release.
	if got := strings.Repeat("ab", 3); got != "ababab" {
		t.Fatalf("after release: %q", got)
	}
}
