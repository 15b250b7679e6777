// Package genfile writes the FAQ's build-time files for the generators
// `go generate ./faq` runs (snapgen: index.snap, clfgen: classifier.bin).
package genfile

import (
	"bytes"
	"fmt"
	"os"
)

// Main writes what build returns to path unless the file already holds
// exactly that (so an unchanged file keeps its timestamp and git sees
// nothing), saying which as tool; a failure exits 1.
func Main(tool, path string, build func() ([]byte, error)) {
	b, err := build()
	if err == nil {
		if old, rerr := os.ReadFile(path); rerr == nil && bytes.Equal(old, b) {
			fmt.Printf("%s: %s is up to date (%d bytes)\n", tool, path, len(b))
			return
		}
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
		os.Exit(1)
	}
	fmt.Printf("%s: wrote %s (%d bytes)\n", tool, path, len(b))
}
