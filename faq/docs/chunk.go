package docs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chunk sizes in characters. A chunk of 800–1200 characters is a few
// paragraphs: long enough to hold an answer with its context, short enough
// that a passage shown to the LLM (or quoted) stays on one topic.
const (
	minChunk   = 800
	maxChunk   = 1200
	maxOverlap = 200
)

// chunk is a piece of a document as stored.
type chunk struct {
	ord     int
	section string
	page    int
	text    string
}

// chunkBlocks groups paragraphs into chunks along the document's
// structure: a chunk never spans two sections or two pages (so its
// citation is exact), long paragraphs are cut at sentence ends, and a chunk
// that continues its predecessor starts with that one's last sentence, so
// an answer that straddles the cut is still found whole in one chunk.
func chunkBlocks(blocks []block) []chunk {
	var out []chunk
	var parts []string
	size := 0
	fresh := false // parts hold text not yet emitted
	section, page := "", -1
	emit := func(overlap bool) {
		if fresh {
			out = append(out, chunk{ord: len(out), section: section, page: page, text: strings.Join(parts, "\n\n")})
		}
		carry := ""
		if overlap && fresh && len(parts) > 0 {
			ss := sentences(parts[len(parts)-1])
			if last := ss[len(ss)-1]; len(ss) > 1 && len(last) <= maxOverlap {
				carry = last
			}
		}
		parts, size, fresh = parts[:0], 0, false
		if carry != "" {
			parts = append(parts, carry)
			size = len(carry)
		}
	}
	for _, b := range blocks {
		if b.heading {
			emit(false)
			section, page = b.section, b.page
			continue
		}
		if b.section != section || b.page != page {
			emit(false)
			section, page = b.section, b.page
		}
		for _, piece := range splitLong(b.text, maxChunk) {
			if size > 0 && size+len(piece)+2 > maxChunk {
				emit(true)
			}
			parts = append(parts, piece)
			size += len(piece) + 2
			fresh = true
			if size >= minChunk {
				emit(true)
			}
		}
	}
	emit(false)
	return out
}

// splitLong cuts a paragraph longer than max at sentence ends (or, for a
// single huge sentence, at spaces).
func splitLong(s string, max int) []string {
	if len(s) <= max {
		return []string{s}
	}
	var out []string
	var cur strings.Builder
	for _, sent := range sentences(s) {
		for len(sent) > max {
			cut := strings.LastIndexByte(sent[:max], ' ')
			if cut <= 0 {
				cut = max
				for cut > 0 && !utf8.RuneStart(sent[cut]) {
					cut--
				}
			}
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			out = append(out, strings.TrimSpace(sent[:cut]))
			sent = strings.TrimSpace(sent[cut:])
		}
		if cur.Len() > 0 && cur.Len()+1+len(sent) > max {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(sent)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// sentences splits text into sentences: after . ! ? followed by a space
// and a capital letter, digit, quote or bullet, and at line breaks.
// Abbreviations such as "f.eks. kommunen" stay whole because a lower-case
// word follows them.
func sentences(s string) []string {
	var out []string
	rs := []rune(s)
	start := 0
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		end := false
		switch {
		case r == '\n':
			end = true
		case (r == '.' || r == '!' || r == '?') && i+2 < len(rs) && rs[i+1] == ' ' && !(r == '.' && numberBefore(rs, i)):
			n := rs[i+2]
			end = unicode.IsUpper(n) || unicode.IsDigit(n) || strings.ContainsRune("«\"“•➢(", n)
		}
		if end {
			if t := strings.TrimSpace(string(rs[start : i+1])); t != "" {
				out = append(out, t)
			}
			start = i + 1
		}
	}
	if t := strings.TrimSpace(string(rs[start:])); t != "" {
		out = append(out, t)
	}
	if len(out) == 0 {
		out = []string{strings.TrimSpace(s)}
	}
	return out
}

// numberBefore reports whether the word before position i is a bare
// number: "1." numbers a list item or a date ("1. desember"), it does not
// end a sentence.
func numberBefore(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && unicode.IsDigit(rs[j]) {
		j--
	}
	return j < i-1 && (j < 0 || unicode.IsSpace(rs[j]))
}
