package docs

import (
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The hostile PDFs in testdata/hostile are the ones a review used to hang
// the bot and exhaust its memory. They are committed (and are seeds of
// FuzzParsePDF); -update-hostile writes them again.
var updateHostile = flag.Bool("update-hostile", false, "rewrite testdata/hostile/*.pdf")

// hostilePDFs names each crafted file and what it attacks.
var hostilePDFs = map[string]string{
	"cycle.pdf": "page tree whose Kids point back to itself (spins forever)",
	"count.pdf": "one page claiming /Count 50000000 (1.4 GB of page slots)",
	"bomb.pdf":  "a 2 MB Flate stream that inflates to 2 GB of one string",
}

// rawPDF writes objs (1-based, in order) with a correct xref table.
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func makeHostilePDF(name string) []byte {
	switch name {
	case "cycle.pdf":
		return rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
	case "count.pdf":
		return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 50000000 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
			"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 700 Td (Bare en side) Tj ET\nendstream")
	case "bomb.pdf":
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		zw.Write([]byte("BT /F1 12 Tf 72 700 Td ("))
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for i := 0; i < 2048; i++ { // 2 GiB inflated
			zw.Write(chunk)
		}
		zw.Write([]byte(") Tj ET\n"))
		zw.Close()
		return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
			fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	}
	panic(name)
}

func TestHostilePDFsAreCommitted(t *testing.T) {
	for name := range hostilePDFs {
		path := filepath.Join("testdata", "hostile", name)
		if *updateHostile {
			if err := os.WriteFile(path, makeHostilePDF(name), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%s missing (go test ./faq/docs -run TestHostilePDFsAreCommitted -update-hostile): %v", name, err)
		}
	}
}

// hostile reads one committed hostile PDF.
func hostile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "hostile", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
