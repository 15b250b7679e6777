// Command clfgen fits the FAQ engine's word classifier on the training
// sets (faq/testdata/*.tsv, never a validation split's directory) and
// writes faq/classifier.bin: run it as `go generate ./faq` after changing
// the corpus, the lexicon or the training sets. See faq/classifier.go.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/kulturskoleradet/kulturbot/faq"
)

func main() {
	out := flag.String("o", "classifier.bin", "file to write")
	dir := flag.String("d", "testdata", "directory of the labelled question files (*.tsv)")
	flag.Parse()
	b, err := faq.FitClassifier(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "clfgen:", err)
		os.Exit(1)
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, b) {
		fmt.Printf("clfgen: %s is up to date (%d bytes)\n", *out, len(b))
		return
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "clfgen:", err)
		os.Exit(1)
	}
	fmt.Printf("clfgen: wrote %s (%d bytes)\n", *out, len(b))
}
