// Command snapgen writes the FAQ engine's build-time snapshot
// (faq/index.snap): run it as `go generate ./faq` after changing the
// corpus, the lexicon or the code that builds the index. See
// faq/snapshot.go.
package main

import (
	"flag"

	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/faq/internal/genfile"
)

func main() {
	out := flag.String("o", "index.snap", "file to write")
	flag.Parse()
	genfile.Main("snapgen", *out, faq.BuildSnapshot)
}
