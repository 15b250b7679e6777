// Command clfgen fits the FAQ engine's word classifier on the training
// sets (faq/testdata/*.tsv, never a validation split's directory) and
// writes faq/classifier.bin: run it as `go generate ./faq` after changing
// the corpus, the lexicon or the training sets. See faq/classifier.go.
package main

import (
	"flag"

	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/faq/internal/genfile"
)

func main() {
	out := flag.String("o", "classifier.bin", "file to write")
	dir := flag.String("d", "testdata", "directory of the labelled question files (*.tsv)")
	flag.Parse()
	genfile.Main("clfgen", *out, func() ([]byte, error) { return faq.FitClassifier(*dir) })
}
