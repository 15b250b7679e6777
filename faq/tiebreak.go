package faq

import (
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
// Tried as gate features too (best's closeness, its lead over the
// rival's; round 5): more right answers cross-validated (2252 against
// 2229 of 2359) but on blind23/25/26, held out of the fit, 7–8 wrong
// against 4 with the tie-break alone, and a near-domain trap answered
// ("when is the deadline for the kulturskoletimen-funds" is word for
// word "when is the deadline"). Not kept.

// rawIndex numbers the folded words of every phrasing and holds each
// entry's phrasings as sorted, distinct word numbers (by the entry's pos).
type rawIndex struct {
	ids map[string]int32
	phr [][][]int32
}

// newRawIndex returns the raw index of es, built on first use: only a
// question that reaches the gate needs it, and building it at start
// (~3,000 phrasings) would slow the cold start.
func (e *Engine) newRawIndex(es map[string]*indexed) func() *rawIndex {
	return sync.OnceValue(func() *rawIndex {
		r := &rawIndex{ids: map[string]int32{}, phr: make([][][]int32, len(es))}
		for _, x := range es {
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
				ps = append(ps, slices.Compact(p))
			}
			r.phr[x.pos] = ps
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

// closeness is the best Jaccard similarity between the question's word
// numbers qs and one of the phrasings of the entry at pos.
func (r *rawIndex) closeness(qs []int32, pos int32) float64 {
	best := 0.0
	for _, p := range r.phr[pos] {
		n, i, j := 0, 0, 0
		for i < len(qs) && j < len(p) {
			switch {
			case qs[i] == p[j]:
				n++
				i++
				j++
			case qs[i] < p[j]:
				i++
			default:
				j++
			}
		}
		if s := float64(n) / float64(len(qs)+len(p)-n); s > best {
			best = s
		}
	}
	return best
}

// breakTopTie reorders the candidates tied with the first (similarity
// within RawTieGap) by their closeness to the question's words qs; a
// candidate moves up only when strictly closer, so without any
// difference the order stays bm25's.
func (r *rawIndex) breakTopTie(qs []int32, cands []candidate, gap float64) {
	var buf [8]float64
	n := 1
	for n < len(cands) && n < len(buf) && cands[0].sim-cands[n].sim <= gap {
		n++
	}
	if n < 2 || len(qs) == 0 {
		return
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
}
