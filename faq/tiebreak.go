package faq

import (
	"math"
	"slices"
	"sync"
)

// Word for word. A short question often reduces to one or two programme
// terms once its small words are dropped: "må me møte på alle samlingane"
// is "samling", "what do we actually have to do if we sign up" is
// "påmelding". Several entries then cover it fully, with equal
// similarity, and bm25 decides — a coin toss the gate cannot see. The
// small words are what tell the entries apart ("alle", "have to do"):
// among the candidates tied at the top, the one with a phrasing closest
// to the question word for word (Jaccard over the folded words, small
// words included) goes first.
//
// Each word weighs by its rarity among the phrasings (idf; round 6): with
// every word alike, "hva skjer i de digitale møtene" went to the
// gatherings entry ("Hva skjer på samlingene?" shares three small words)
// rather than the digital meetings ("Blir det digitale møter?" shares
// one rare one). Cross-validated by whole sets (TestRefitGate, every
// training set in the fit), right answers at the 1% / 1.25% / 1.5% / 2%
// wrong bars: 2710 / 2782 / 2845 / 2888 of 3092 unweighted, 2731 / 2804 /
// 2848 / 2895 weighted.
//
// Tried as gate features too (best's closeness, its lead over the
// rival's; round 5): more right answers cross-validated (2252 against
// 2229 of 2359) but on blind23/25/26, held out of the fit, 7–8 wrong
// against 4 with the tie-break alone, and a near-domain trap answered
// ("when is the deadline for the kulturskoletimen-funds" is word for
// word "when is the deadline"). Not kept.

// rawIndex numbers the folded words of every phrasing and holds each
// entry's phrasings as sorted, distinct word numbers (by the entry's pos).
// They are kept flat — words holds every phrasing's numbers one after the
// other, phrasing i's from at[i] to at[i+1], and the entry at pos has
// phrasings first[pos] to first[pos+1] — rather than as ~3,000 small
// slices: 390 → ~150 kB of live heap, three pointers instead of ~3,000
// for the collector to follow (docs/operations.md "Round 8: memory").
type rawIndex struct {
	ids       map[string]int32
	words     []int32
	at, first []int32
	// idf weighs each word by how few phrasings hold it; unknown is the
	// weight of a word no phrasing holds.
	idf     []float64
	unknown float64
}

// newRawIndex returns the raw index of es, built on first use: only a
// question that reaches the gate needs it, and building it at start
// (~3,000 phrasings) would slow the cold start.
func (e *Engine) newRawIndex(es map[string]*indexed) func() *rawIndex {
	return sync.OnceValue(func() *rawIndex {
		r := &rawIndex{ids: map[string]int32{}, first: make([]int32, len(es)+1)}
		// Words are numbered in the entries' order (pos), then laid
		// out by it: the ids order the idf sums in weighted, and a tie
		// of two closenesses can turn on the last bit. Numbered in the
		// map's order, "avlys samling 3" went to one entry or another
		// from one start to the next (TestSnapshotAnswers failed about
		// one run in six, the built and the loaded engine numbering
		// alike only by chance).
		byPos := make([]*indexed, len(es))
		for _, x := range es {
			byPos[x.pos] = x
		}
		phr := make([][][]int32, len(es))
		nw, np := 0, 0
		for _, x := range byPos {
			ps := make([][]int32, 0, len(x.Questions))
			for _, q := range x.Questions {
				var p []int32
				for _, w := range words(e.normalize(q, false)) {
					id, ok := r.ids[w]
					if !ok {
						id = int32(len(r.ids))
						r.ids[w] = id
					}
					p = append(p, id)
				}
				slices.Sort(p)
				p = slices.Compact(p)
				ps = append(ps, p)
				nw += len(p)
			}
			phr[x.pos] = ps
			np += len(ps)
		}
		r.words, r.at = make([]int32, 0, nw), make([]int32, 0, np+1)
		for pos, ps := range phr {
			r.first[pos] = int32(len(r.at))
			for _, p := range ps {
				r.at = append(r.at, int32(len(r.words)))
				r.words = append(r.words, p...)
			}
		}
		r.first[len(phr)] = int32(len(r.at))
		r.at = append(r.at, int32(len(r.words)))
		// A word's weight: how rare it is among the phrasings. "hva
		// skjer på" is in many, "digitale" in few.
		{
			df := make([]int, len(r.ids))
			n := len(r.at) - 1
			for _, id := range r.words {
				df[id]++
			}
			r.idf = make([]float64, len(df))
			for id, d := range df {
				r.idf[id] = math.Log(1 + float64(n)/float64(d))
			}
			r.unknown = math.Log(1 + float64(n))
		}
		return r
	})
}

// wordIDs are the question's words ws as sorted, distinct word numbers,
// in buf; a word no phrasing has counts with -1, -2, ... (each its own).
func (r *rawIndex) wordIDs(ws []string, buf []int32) []int32 {
	qs := buf[:0]
	for i, w := range ws {
		id, ok := r.ids[w]
		if !ok {
			id = int32(-1 - i)
		}
		qs = append(qs, id)
	}
	slices.Sort(qs)
	return slices.Compact(qs)
}

// closeness is the best weighted Jaccard similarity between the question's word
// numbers qs and one of the phrasings of the entry at pos.
func (r *rawIndex) closeness(qs []int32, pos int32) float64 {
	best := 0.0
	for i := r.first[pos]; i < r.first[pos+1]; i++ {
		if s := r.weighted(qs, r.words[r.at[i]:r.at[i+1]]); s > best {
			best = s
		}
	}
	return best
}

// weighted is the Jaccard similarity of qs and p with every word weighed
// by its idf.
func (r *rawIndex) weighted(qs, p []int32) float64 {
	w := func(id int32) float64 {
		if id < 0 {
			return r.unknown
		}
		return r.idf[id]
	}
	inter, union := 0.0, 0.0
	i, j := 0, 0
	for i < len(qs) || j < len(p) {
		switch {
		case j == len(p) || (i < len(qs) && qs[i] < p[j]):
			union += w(qs[i])
			i++
		case i == len(qs) || p[j] < qs[i]:
			union += w(p[j])
			j++
		default:
			inter += w(qs[i])
			union += w(qs[i])
			i++
			j++
		}
	}
	if union == 0 {
		return 0
	}
	return inter / union
}

// breakTopTie reorders the candidates tied with the first (similarity
// within RawTieGap) by their closeness to the question's words qs; a
// candidate moves up only when strictly closer, so without any
// difference the order stays bm25's. It returns how much closer the
// first is than the second after the reordering (0: a coin toss the
// words do not settle either).
func (r *rawIndex) breakTopTie(qs []int32, cands []candidate, gap float64) float64 {
	var buf [8]float64
	n := 1
	for n < len(cands) && n < len(buf) && cands[0].sim-cands[n].sim <= gap {
		n++
	}
	if n < 2 || len(qs) == 0 {
		return 0
	}
	close := buf[:n]
	for i := range n {
		close[i] = r.closeness(qs, cands[i].x.pos)
	}
	// A stable insertion sort of the few tied candidates.
	for i := 1; i < n; i++ {
		for k := i; k > 0 && close[k] > close[k-1]; k-- {
			close[k], close[k-1] = close[k-1], close[k]
			cands[k], cands[k-1] = cands[k-1], cands[k]
		}
	}
	return close[0] - close[1]
}
