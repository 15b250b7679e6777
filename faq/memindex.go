package faq

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"modernc.org/libc"
)

// memIndex is the entries' full-text index in memory: one row per entry,
// its phrasings' terms in column q and its answers' in a, ranked with the
// bm25 of SQLite's FTS5 — the same rows, the same scores to the last bit,
// the same order — without SQLite. The corpus is a few dozen rows, and a
// per-question FTS5 query cost a third of an answer's CPU plus two
// goroutines (database/sql's and the driver's context watchers).
//
// It is exactly what
//
//	CREATE VIRTUAL TABLE idx USING fts5(q, a, d, …, tokenize = 'unicode61')
//	SELECT rowid, bm25(idx, 1.0, wa, 0) FROM idx
//	 WHERE idx MATCH '{q a} : ("t1" OR "t2" …)' ORDER BY 2 LIMIT k
//
// gave (memindex_test.go compares them question by question): unicode61
// tokens (ftsTokens), FTS5's bm25 (k1 1.2, b 0.75, idf floored at 1e-6,
// column weights summed per instance, document and average lengths over
// all columns of all rows), ties in rowid order.
type memIndex struct {
	ids  map[string]int32 // token -> id
	post [][]memPosting   // by token id: the live rows holding it
	rows []memRow         // in insertion order (FTS5's rowids); ref "" once replaced
	// live and tokens are the live entry rows and their tokens; the
	// document passages of the FTS5 table (AddPassages) are rows too and
	// count in FTS5's N and average length, so they are added here.
	live, tokens               int
	passageRows, passageTokens int
}

type memRow struct {
	ref  string
	q, a []int32 // token ids in order (phrases of several tokens)
	// qtext and atext are the column texts, for the FTS5 table of the
	// documents (ensureFTS), which holds the entries too.
	qtext, atext string
}

type memPosting struct {
	row  int32
	q, a int32 // instances in column q and in column a
}

func newMemIndex() *memIndex { return &memIndex{ids: map[string]int32{}} }

// add appends a row; q and a are the analysed terms joined by spaces.
func (m *memIndex) add(ref, q, a string) {
	r := memRow{ref: ref, qtext: q, atext: a}
	n := int32(len(m.rows))
	counts := map[int32]memPosting{}
	var order []int32
	var toks []string
	col := func(text string, isA bool) []int32 {
		var out []int32
		// The text is terms joined by spaces: tokenized term by term, so
		// the usual all-ASCII term is taken as it is.
		for f := range strings.SplitSeq(text, " ") {
			toks = ftsTokens(f, toks[:0])
			for _, t := range toks {
				id, ok := m.ids[t]
				if !ok {
					id = int32(len(m.post))
					m.ids[t] = id
					m.post = append(m.post, nil)
				}
				out = append(out, id)
				p, ok := counts[id]
				if !ok {
					p.row = n
					order = append(order, id)
				}
				if isA {
					p.a++
				} else {
					p.q++
				}
				counts[id] = p
			}
		}
		return out
	}
	r.q = col(q, false)
	r.a = col(a, true)
	for _, id := range order {
		m.post[id] = append(m.post[id], counts[id])
	}
	m.rows = append(m.rows, r)
	m.live++
	m.tokens += len(r.q) + len(r.a)
}

// remove drops the rows of ref (Learn replacing an entry).
func (m *memIndex) remove(ref string) {
	for i := range m.rows {
		r := &m.rows[i]
		if r.ref != ref {
			continue
		}
		for _, col := range [][]int32{r.q, r.a} {
			for _, id := range col {
				ps := m.post[id][:0]
				for _, p := range m.post[id] {
					if p.row != int32(i) {
						ps = append(ps, p)
					}
				}
				m.post[id] = ps
			}
		}
		m.live--
		m.tokens -= len(r.q) + len(r.a)
		*r = memRow{}
	}
}

// memHit is a row that matched, with its bm25 (negative: lower is better).
type memHit struct {
	row   int32
	score float64
}

// memScratch is one search's working memory, pooled so a question
// allocates nothing here once warm.
type memScratch struct {
	score []float64
	hit   []bool
	hits  []memHit
	seen  map[string]bool
	toks  []string
	ids   []int32
}

func newMemScratch() any { return &memScratch{seen: map[string]bool{}} }

// search returns up to k rows matching any of the terms in column q or a,
// best bm25 first, weighting an instance in a by wa (in q by 1). The
// result is valid until s is put back.
func (m *memIndex) search(ts []Term, wa float64, k int, s *memScratch) []memHit {
	const k1, b = 1.2, 0.75
	var (
		k1v   = float64(k1) // runtime float64 arithmetic, as in C: 1.2+1 rounds
		bv    = float64(b)
		one   = float64(1)
		nRow  = int64(m.live + m.passageRows)
		nTok  = int64(m.tokens + m.passageTokens)
		avgdl = float64(nTok) / float64(nRow)
	)
	if cap(s.score) < len(m.rows) {
		s.score = make([]float64, len(m.rows))
		s.hit = make([]bool, len(m.rows))
	}
	s.score, s.hit = s.score[:len(m.rows)], s.hit[:len(m.rows)]
	clear(s.score)
	clear(s.hit)
	clear(s.seen)
	s.hits = s.hits[:0]
	// The phrases of matchExpr: each distinct term once, in order.
	for _, t := range ts {
		if s.seen[t.Text] || t.Text == "" {
			continue
		}
		s.seen[t.Text] = true
		s.toks = ftsTokens(t.Text, s.toks[:0])
		if len(s.toks) == 0 {
			continue // an empty phrase matches nothing and adds 0
		}
		s.ids = s.ids[:0]
		known := true
		for _, tok := range s.toks {
			id, ok := m.ids[tok]
			if !ok {
				known = false
				break
			}
			s.ids = append(s.ids, id)
		}
		if !known {
			continue // no row holds it: idf·0 adds nothing anywhere
		}
		// term adds one row's part of the phrase to its score, exactly as
		// fts5Bm25Function computes it: the phrase frequency summed over
		// its instances in column order (q's weight 1, then a's), then
		// idf·f·(k1+1) / (f + k1·(1 − b + b·D/avgdl)).
		term := func(idf float64, row int32, nq, na int32) {
			r := &m.rows[row]
			f := 0.0
			for range nq {
				f += one
			}
			for range na {
				f += wa
			}
			d := float64(len(r.q) + len(r.a))
			s.score[row] += idf * (float64(f*(k1v+one)) / (f + float64(k1v*(one-bv+float64(bv*d)/avgdl))))
			s.hit[row] = true
		}
		if len(s.ids) == 1 {
			ps := m.post[s.ids[0]]
			idf := bm25IDF(nRow, int64(len(ps)))
			for _, p := range ps {
				term(idf, p.row, p.q, p.a)
			}
			continue
		}
		// A term unicode61 splits in several tokens is a phrase: its tokens
		// in a row within one column. Rare (letters SQLite does not count
		// as letters), so the rows are scanned.
		nHit := int64(0)
		for i := range m.rows {
			if m.rows[i].ref != "" && (phraseCount(m.rows[i].q, s.ids) > 0 || phraseCount(m.rows[i].a, s.ids) > 0) {
				nHit++
			}
		}
		idf := bm25IDF(nRow, nHit)
		for i := range m.rows {
			r := &m.rows[i]
			if r.ref == "" {
				continue
			}
			if nq, na := phraseCount(r.q, s.ids), phraseCount(r.a, s.ids); nq > 0 || na > 0 {
				term(idf, int32(i), nq, na)
			}
		}
	}
	for i, h := range s.hit {
		if h {
			s.hits = append(s.hits, memHit{row: int32(i), score: -one * s.score[i]})
		}
	}
	// ORDER BY bm25 LIMIT k; equal scores in rowid order, as SQLite's
	// sorter keeps them. The hits are in rowid order, so that is the
	// stable sort by score; sorting by score then rowid (a total order:
	// a row is hit once) gives it without the stable sort's merging.
	slices.SortFunc(s.hits, func(x, y memHit) int {
		if c := cmp.Compare(x.score, y.score); c != 0 {
			return c
		}
		return cmp.Compare(x.row, y.row)
	})
	if len(s.hits) > k {
		s.hits = s.hits[:k]
	}
	return s.hits
}

// bm25IDF is FTS5's idf of a phrase found in nHit of nRow rows, floored
// so a phrase in more than half the rows still counts a little. The
// logarithm is the one SQLite calls: modernc.org/libc's port of musl's
// log on linux/amd64, which differs from math.Log in the last bit for some
// arguments (and is math.Log where SQLite's is too). Its TLS argument is
// only for tracing and errors, which a positive argument never raises.
func bm25IDF(nRow, nHit int64) float64 {
	idf := libc.Xlog(nil, (float64(nRow-nHit)+0.5)/(float64(nHit)+0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

// phraseCount counts where the tokens of ph start in order in col.
func phraseCount(col, ph []int32) int32 {
	n := int32(0)
	for i := 0; i+len(ph) <= len(col); i++ {
		j := 0
		for j < len(ph) && col[i+j] == ph[j] {
			j++
		}
		if j == len(ph) {
			n++
		}
	}
	return n
}

// ftsTokens splits s as FTS5's unicode61 tokenizer does with its defaults
// (tokens are runs of letters, numbers and private-use characters, case
// folded, a single diacritic removed from a Latin letter), appending to
// buf. The analysed terms it gets are almost always lower-case ASCII
// letters and digits, which are returned as they are.
func ftsTokens(s string, buf []string) []string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			ascii = false
			break
		}
	}
	if ascii {
		if s == "" {
			return buf
		}
		return append(buf, s)
	}
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			buf = append(buf, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		if !ftsTokenChar(r) {
			flush()
			continue
		}
		b.WriteRune(ftsFold(r))
	}
	flush()
	return buf
}

// SQLite's Unicode tables are older than Go's; where they differ for a
// letter or digit (all of them compared by TestFTSTokensAsSQLite with
// FTS_ALL_RUNES=1), SQLite's reading is the one to follow: the New Tai Lue
// vowel signs and two Vedic signs were marks, not letters, and "ı" and the
// Cyrillic letter variants U+1C80–U+1C88 fold to nothing else.
func ftsTokenChar(r rune) bool {
	if r >= 0x19B0 && r <= 0x19C0 || r == 0x19C8 || r == 0x19C9 || r == 0x1CF2 || r == 0x1CF3 {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// ftsFold is unicode61's folding with remove_diacritics=1: lower case,
// and a Latin letter with one diacritic becomes its base letter (one with
// two, like "ǻ", keeps them).
func ftsFold(r rune) rune {
	if r < utf8.RuneSelf {
		return unicode.ToLower(r)
	}
	// Case folding, not lower-casing: "ς", "ſ", "µ" fold to "σ", "s", "μ".
	if r != 'ı' && !(r >= 0x1C80 && r <= 0x1C88) {
		r = unicode.ToLower(unicode.ToUpper(r))
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.PropertiesString(string(buf[:utf8.EncodeRune(buf[:], r)])).Decomposition()
	if d == nil {
		return r
	}
	base, n := utf8.DecodeRune(d)
	if base >= utf8.RuneSelf || !unicode.IsLetter(base) || utf8.RuneCount(d[n:]) != 1 {
		return r
	}
	return base
}
