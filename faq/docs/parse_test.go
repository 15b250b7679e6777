package docs

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

func TestGeneratedPDFIsReadByLibrary(t *testing.T) {
	b := testPDF()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if r.NumPage() != 3 {
		t.Fatalf("pages = %d, want 3", r.NumPage())
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatal(err)
	}
	all, _ := io.ReadAll(rd)
	if !strings.Contains(string(all), "samskaping") {
		t.Fatalf("library's own text lacks the content: %q", all)
	}
}

func TestParsePDF(t *testing.T) {
	p, err := parseDoc("x.pdf", testPDF())
	if err != nil {
		t.Fatal(err)
	}
	if p.pages != 3 || p.title != "Dialoghefte om samskaping" {
		t.Fatalf("pages %d title %q", p.pages, p.title)
	}
	var got []string
	for _, b := range p.blocks {
		kind := "p"
		if b.heading {
			kind = "h"
		}
		got = append(got, kind+"|"+b.section+"|"+string(rune('0'+b.page))+"|"+b.text)
	}
	want := []string{
		"h|Dialoghefte om samskaping|1|Dialoghefte om samskaping",
		"p|Dialoghefte om samskaping|1|Heftet gir kommunene spørsmål å drøfte når de planlegger samarbeid med lokale aktører.",
		"h|Samskaping med frivillige|2|Samskaping med frivillige",
		"p|Samskaping med frivillige|2|Kulturskolen kan samarbeide med korps, kor og andre frivillige organisasjoner om felles tilbud for barn og unge.",
		"h|Evaluering|3|Evaluering",
		"p|Evaluering|3|Hver region leverer en rapport om arbeidet innen 1. desember hvert år. Rapporten sendes til arbeidsgruppen.",
		"p|Evaluering|3|Rapporten beskriver hva kommunene har prøvd ut, og hva de vil videreføre.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseMarkdown(t *testing.T) {
	md := "---\ntitle: \"Frontmatter\"\n---\nIntro with **bold** and a [link](http://x).\n\nSeksjon\n-------\n\n- ett\n- to\n\n```\ncode\n```\n"
	p, err := parseDoc("a.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if p.title != "Frontmatter" {
		t.Errorf("title %q", p.title)
	}
	if len(p.blocks) < 3 || p.blocks[0].text != "Intro with bold and a link." || !p.blocks[1].heading || p.blocks[1].text != "Seksjon" {
		t.Fatalf("blocks %+v", p.blocks)
	}
	if p.blocks[2].text != "• ett\n• to" || p.blocks[2].section != "Seksjon" {
		t.Fatalf("list %+v", p.blocks[2])
	}
}

func TestParseTextPages(t *testing.T) {
	p, err := parseDoc("v.txt", []byte(testText))
	if err != nil {
		t.Fatal(err)
	}
	if p.pages != 2 || p.title != "Veiledning i programmet" {
		t.Fatalf("pages %d title %q", p.pages, p.title)
	}
	last := p.blocks[len(p.blocks)-1]
	if last.page != 2 || last.section != "Logg" || !strings.HasPrefix(last.text, "Veiledningsmøtene") {
		t.Fatalf("last block %+v", last)
	}
}

func TestChunking(t *testing.T) {
	// A long section of many sentences: chunks of 800–1200 characters,
	// each (after the first) starting with the previous chunk's last sentence.
	var paras []block
	for i := 0; i < 30; i++ {
		s := strings.Repeat("Kommunene samarbeider om kulturskolen i regionen. ", 3) + "Avsnitt nummer " + string(rune('A'+i%26)) + " slutter her."
		paras = append(paras, block{section: "Lang", page: 1, text: s})
	}
	blocks := append([]block{{heading: true, section: "Lang", page: 1, text: "Lang"}}, paras...)
	blocks = append(blocks, block{heading: true, section: "Kort", page: 2, text: "Kort"}, block{section: "Kort", page: 2, text: "Bare litt."})
	cs := chunkBlocks(blocks)
	if len(cs) < 3 {
		t.Fatalf("%d chunks", len(cs))
	}
	for i, c := range cs[:len(cs)-2] {
		if len(c.text) < minChunk-200 || len(c.text) > maxChunk {
			t.Errorf("chunk %d: %d chars", i, len(c.text))
		}
		if c.ord != i {
			t.Errorf("ord %d at %d", c.ord, i)
		}
	}
	if !strings.HasPrefix(cs[1].text, "Avsnitt nummer") {
		t.Errorf("no overlap: %q", cs[1].text[:60])
	}
	last := cs[len(cs)-1]
	if last.section != "Kort" || last.page != 2 || last.text != "Bare litt." {
		t.Errorf("last chunk %+v", last)
	}
	// A huge paragraph is cut at sentence ends below the maximum.
	long := strings.Repeat("Dette er en setning om kulturskolen. ", 100)
	for _, p := range splitLong(long, maxChunk) {
		if len(p) > maxChunk || !strings.HasSuffix(p, ".") {
			t.Errorf("piece of %d chars: %q", len(p), p[len(p)-10:])
		}
	}
}

func TestTermsFoldNorwegian(t *testing.T) {
	a, b, c := Terms("Økonomi og reisestøtte"), Terms("okonomi reisestotte"), Terms("oekonomi reisestoette")
	if strings.Join(a, " ") != strings.Join(b, " ") || strings.Join(a, " ") != strings.Join(c, " ") {
		t.Fatalf("%v %v %v", a, b, c)
	}
	if got := Terms("Korleis er kommunane organisert?"); strings.Join(got, " ") != strings.Join(Terms("Hvordan er kommunene organisert?"), " ") {
		t.Errorf("nynorsk: %v", got)
	}
	if DetectLang("What is a region?") != "en" || DetectLang("Hva er en region?") != "nb" || DetectLang("Kva er ein region?") != "nb" {
		t.Error("language detection")
	}
}

func TestQuoteFollowsHeadingAndColon(t *testing.T) {
	h := &hit{text: "Regioner\n1. Definisjonen vi bygger arbeidet på, er:\n• Tre eller flere kommuner med geografisk nærhet.\n2. Hvordan vi rigger det regionale arbeidet, kommer senere."}
	q := query{terms: []string{"region"}, idf: map[string]float64{"region": 1}}
	got := quote(nil, q, h)
	if !strings.HasPrefix(got, "1. Definisjonen") || !strings.Contains(got, "Tre eller flere kommuner") {
		t.Fatalf("quote %q", got)
	}
	long := &hit{text: strings.Repeat("Kulturskolen er viktig for kommunen og regionen. ", 20)}
	if n := len([]rune(quote(nil, q, long))); n > maxQuote {
		t.Fatalf("quote of %d runes", n)
	}
}
