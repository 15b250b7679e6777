package docs

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
)

// hit is a retrieved chunk.
type hit struct {
	id       int64
	doc      string // document title
	docName  string
	section  string
	page     int
	text     string
	terms    string // analysed terms as stored (space-separated)
	bm25     float64
	conf     float64 // idf-weighted share of the question's terms in the chunk
	ftsRank  int     // 1-based rank in the full-text ranking, 0 = absent
	vecRank  int     // 1-based rank in the vector ranking, 0 = absent
	fused    float64 // reciprocal rank fusion score
	termsHit map[string]bool
	entry    *faq.Entry // a FAQ entry given to the model as a passage (AnswerWith)
}

// query is an analysed question.
type query struct {
	terms []string            // distinct analysed terms
	idf   map[string]float64  // per term, from the chunk index
	df    map[string]int      // chunks holding the term
	exp   map[string][]string // index terms that match the term (itself, inflections)
	total float64             // sum of idf over terms
}

// ftsCandidates is how many full-text hits are scored for confidence.
const ftsCandidates = 20

// analyse turns a question into terms weighted by how rare they are in
// the chunks (BM25's idf). A term no chunk contains gets the highest
// weight: a question about something the documents never mention must not
// be answered from a chunk that shares only its common words.
func (l *Library) analyse(ctx context.Context, question string) (query, error) {
	q := query{terms: uniq(l.an.terms(question)), idf: map[string]float64{}, df: map[string]int{}, exp: map[string][]string{}}
	if len(q.terms) == 0 {
		return q, nil
	}
	var n int
	if err := l.db.Reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM chunks`).Scan(&n); err != nil {
		return q, err
	}
	df := q.df
	for _, t := range q.terms {
		d, exp, err := l.docFreq(ctx, t)
		if err != nil {
			return q, err
		}
		df[t] = min(d, n)
		q.exp[t] = exp
	}
	for _, t := range q.terms {
		d := float64(df[t])
		w := math.Log(1 + (float64(n)-d+0.5)/(d+0.5))
		if df[t] == 0 {
			w = math.Log(1 + (float64(n)+0.5)/0.5)
		}
		q.idf[t] = w
		q.total += w
	}
	return q, nil
}

// prefixMin is the shortest term matched as a prefix. Stemming leaves some
// inflections apart ("bestå"/"består" → besta/bestar); a longer term also
// matches index terms that extend it by at most prefixSlack letters.
const (
	prefixMin   = 4
	prefixSlack = 2
)

// matches reports whether index term it satisfies query term qt.
func matches(qt, it string) bool {
	if qt == it {
		return true
	}
	return len(qt) >= prefixMin && len(it) <= len(qt)+prefixSlack && strings.HasPrefix(it, qt)
}

// docFreq is how many chunks hold the term (or, for a prefix term, an
// extension of it; summed, so an upper bound), and the index terms that
// match it. Expanding prefixes here, from the vocabulary, lets the MATCH
// use exact terms, which FTS5 looks up far faster than a prefix query.
func (l *Library) docFreq(ctx context.Context, t string) (int, []string, error) {
	if len(t) < prefixMin {
		var d int
		err := l.db.Reader().QueryRowContext(ctx, `SELECT COALESCE(SUM(doc), 0) FROM chunks_vocab WHERE term = ?`, t).Scan(&d)
		if d == 0 {
			return 0, nil, err
		}
		return d, []string{t}, err
	}
	rows, err := l.db.Reader().QueryContext(ctx, `SELECT term, doc FROM chunks_vocab WHERE term >= ? AND term < ?`, t, t+"\U0010FFFF")
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	d := 0
	var exp []string
	for rows.Next() {
		var it string
		var k int
		if err := rows.Scan(&it, &k); err != nil {
			return 0, nil, err
		}
		if matches(t, it) {
			d += k
			exp = append(exp, it)
		}
	}
	return d, exp, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// matchExpr is an FTS5 query joining the terms with op (" OR ", " AND "),
// each term as the group of index terms it expands to.
func matchExpr(q query, terms []string, op string) string {
	qs := make([]string, 0, len(terms))
	for _, t := range terms {
		exp := q.exp[t]
		if len(exp) == 0 {
			exp = []string{t}
		}
		alts := make([]string, len(exp))
		for i, e := range exp {
			alts[i] = `"` + strings.ReplaceAll(e, `"`, `""`) + `"`
		}
		if len(alts) == 1 {
			qs = append(qs, alts[0])
		} else {
			qs = append(qs, "("+strings.Join(alts, " OR ")+")")
		}
	}
	return strings.Join(qs, op)
}

// matchBudget bounds how many chunks the full-text query ranks. FTS5
// computes bm25 for every matching row before it can sort, so a question
// with a word found in nearly every chunk ("kulturskole") would cost
// milliseconds per thousand chunks. Candidates come from the rarest terms
// (up to this many matching chunks); the common terms still count in the
// confidence of each candidate.
const matchBudget = 800

// matchTerms picks the terms that generate candidates: rarest first, the
// rarest one always, then more while the matching chunks stay within the
// budget. Terms no chunk holds match nothing and are left out.
func matchTerms(q query) []string {
	ts := make([]string, 0, len(q.terms))
	for _, t := range q.terms {
		if q.df[t] > 0 {
			ts = append(ts, t)
		}
	}
	sort.SliceStable(ts, func(i, j int) bool { return q.df[ts[i]] < q.df[ts[j]] })
	total := 0
	for i, t := range ts {
		total += q.df[t]
		if i > 0 && total > matchBudget {
			return ts[:i]
		}
	}
	return ts
}

// ftsSearch finds candidate chunks and scores each one's confidence.
//
// When even the rarest term of the question is in more chunks than the
// budget allows, ranking all of them would be slow; the candidates then
// come from conjunctions instead — chunks holding all the terms, then all
// but the most common one, and so on — which are few, cheap to find, and
// exactly the chunks with the highest confidence.
func (l *Library) ftsSearch(ctx context.Context, q query, k int) ([]*hit, error) {
	terms := matchTerms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	var hits []*hit
	seen := map[int64]bool{}
	if q.df[terms[0]] <= matchBudget {
		return l.ftsQuery(ctx, q, matchExpr(q, terms, " OR "), k, hits, seen)
	}
	all := make([]string, 0, len(q.terms))
	for _, t := range q.terms {
		if q.df[t] > 0 {
			all = append(all, t)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return q.df[all[i]] < q.df[all[j]] })
	var err error
	for n := len(all); n >= 2 && len(hits) < k; n-- {
		if hits, err = l.ftsQuery(ctx, q, matchExpr(q, all[:n], " AND "), k-len(hits), hits, seen); err != nil {
			return nil, err
		}
	}
	if len(hits) == 0 {
		return l.ftsQuery(ctx, q, matchExpr(q, all[:1], " OR "), k, hits, seen)
	}
	return hits, nil
}

// ftsQuery runs one MATCH expression, ranked by bm25, appending the hits
// not seen yet.
func (l *Library) ftsQuery(ctx context.Context, q query, expr string, k int, hits []*hit, seen map[int64]bool) ([]*hit, error) {
	rows, err := l.db.Reader().QueryContext(ctx, `
		SELECT c.id, d.title, d.name, c.section, c.page, c.text, c.terms, f.rank
		FROM (SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?) f
		JOIN chunks c ON c.id = f.rowid
		JOIN documents d ON d.id = c.doc_id
		ORDER BY f.rank`, expr, k)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		h := &hit{}
		if err := rows.Scan(&h.id, &h.doc, &h.docName, &h.section, &h.page, &h.text, &h.terms, &h.bm25); err != nil {
			return nil, err
		}
		if seen[h.id] {
			continue
		}
		seen[h.id] = true
		h.ftsRank = len(hits) + 1
		l.score(q, h)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// score sets a hit's confidence: the idf-weighted share of the question's
// terms that the chunk (with its section heading) contains.
func (l *Library) score(q query, h *hit) {
	if h.termsHit != nil || q.total == 0 {
		return
	}
	have := map[string]bool{}
	ts := strings.Fields(h.terms)
	if len(ts) == 0 {
		ts = l.an.terms(h.section + "\n" + h.text)
	}
	for _, t := range ts {
		have[t] = true
	}
	h.termsHit = map[string]bool{}
	got := 0.0
	for _, t := range q.terms {
		if w := termWeight(have, t); w > 0 {
			h.termsHit[t] = true
			got += w * q.idf[t]
		}
	}
	h.conf = got / q.total
	// One matched word is thin evidence unless the question has only one.
	if len(h.termsHit) < 2 && len(q.terms) > 1 {
		h.conf *= 0.5
	}
}

// inflected is the weight of a term found only as an inflection
// ("regional" for "region"): it counts, but less than the word itself, so
// the chunk that has the word wins a tie.
const inflected = 0.85

// termWeight says how well a chunk's term set holds query term t: 1 for
// the term itself, inflected for an extension of it, 0 for neither.
func termWeight(have map[string]bool, t string) float64 {
	if have[t] {
		return 1
	}
	if len(t) < prefixMin {
		return 0
	}
	for it := range have {
		if matches(t, it) {
			return inflected
		}
	}
	return 0
}

// best returns the most confident hit (ties: the better bm25 rank).
func best(hits []*hit) *hit {
	var b *hit
	for _, h := range hits {
		if b == nil || h.conf > b.conf+1e-9 {
			b = h
		}
	}
	return b
}

// maxQuote bounds a quoted passage, so the answer is a pointer into the
// document, not a copy of it.
const maxQuote = 300

// shortSentence is the length below which a "sentence" is a heading or a
// list number rather than an answer.
const shortSentence = 40

// quote picks the sentences of a chunk that best match the question: the
// best sentence, then its continuation when it introduces one (ends with
// ":"), else the better neighbour, within maxQuote. A matching heading
// ("Regioner") lends its score to the sentence after it, which is where
// the answer under that heading begins.
func quote(an *analyzer, q query, h *hit) string {
	ss := sentences(h.text)
	raw := make([]float64, len(ss))
	scores := make([]float64, len(ss))
	bi := 0
	for i, s := range ss {
		have := map[string]bool{}
		for _, t := range an.terms(s) {
			have[t] = true
		}
		for _, t := range q.terms {
			raw[i] += termWeight(have, t) * q.idf[t]
		}
		scores[i] = raw[i]
		if n := utf8.RuneCountInString(s); n < shortSentence {
			scores[i] *= float64(n) / shortSentence
		}
		if i > 0 && utf8.RuneCountInString(ss[i-1]) < shortSentence {
			scores[i] = max(scores[i], 0.9*raw[i-1])
		}
		if scores[i] > scores[bi] {
			bi = i
		}
	}
	out := ss[bi]
	if strings.HasSuffix(out, ":") {
		for j := bi + 1; j < len(ss); j++ {
			joined := out + " " + ss[j]
			if utf8.RuneCountInString(joined) > maxQuote && j > bi+1 {
				break
			}
			out = joined
		}
		return bot.CutWords(out, maxQuote)
	}
	if utf8.RuneCountInString(out) < maxQuote*2/3 {
		// Add the better-scoring neighbour (the following one on a tie:
		// it usually continues the thought), if it fits.
		cands := []int{bi + 1, bi - 1}
		sort.SliceStable(cands, func(a, b int) bool { return sc(scores, cands[a]) > sc(scores, cands[b]) })
		for _, j := range cands {
			if j < 0 || j >= len(ss) {
				continue
			}
			var joined string
			if j > bi {
				joined = out + " " + ss[j]
			} else {
				joined = ss[j] + " " + out
			}
			if utf8.RuneCountInString(joined) <= maxQuote {
				out = joined
				break
			}
		}
	}
	return bot.CutWords(out, maxQuote)
}

func sc(s []float64, i int) float64 {
	if i < 0 || i >= len(s) {
		return -1
	}
	return s[i]
}
