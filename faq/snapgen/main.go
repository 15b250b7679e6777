// Command snapgen writes the FAQ engine's build-time snapshot
// (faq/index.snap): run it as `go generate ./faq` after changing the
// corpus, the lexicon or the code that builds the index. See
// faq/snapshot.go.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/kulturskoleradet/kulturbot/faq"
)

func main() {
	out := flag.String("o", "index.snap", "file to write")
	flag.Parse()
	b, err := faq.BuildSnapshot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "snapgen:", err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, b) {
		fmt.Printf("snapgen: %s is up to date (%d bytes)\n", *out, len(b))
		return
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "snapgen:", err)
		os.Exit(1)
	}
	fmt.Printf("snapgen: wrote %s (%d bytes)\n", *out, len(b))
}
