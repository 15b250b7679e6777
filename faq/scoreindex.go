package faq

import (
	"slices"
	"strings"
)

// scoreIndex is the entries' vocabulary turned around for scoring: for each
// term, the entries whose phrasings or answer hold it and the phrasings that
// hold it (with its weight there). Scoring a question then walks the few
// postings of its own terms instead of looking every question term up in
// every phrasing of every candidate (≈ 7,500 map look-ups a question, over
// a quarter of an answer's CPU). Built with the engine and after Learn
// (refreshDens); read-only while questions are answered.
type scoreIndex struct {
	ids map[string]int32 // term -> id
	// By term id: the entries (their pos) whose phrasings hold it, those
	// whose answer or section holds it, and the phrasings holding it.
	qv, av [][]int32
	phr    [][]phrasingHit
	// phrasings is the number of phrasings of all entries; an entry's
	// phrasing j is number x.base+j.
	phrasings int
	entries   int
}

// phrasingHit is a phrasing holding a term: its number and the term's
// weight in it (1, or WeakFactor for a question word).
type phrasingHit struct {
	at int32
	f  float64
}

// buildScoreIndex indexes the entries' vocabularies, numbering them (pos)
// and their phrasings (base) as it goes. Two passes: the first numbers
// the terms and counts their postings, so the second fills three arrays
// cut to size instead of growing thousands of slices (cold start).
func buildScoreIndex(entries map[string]*indexed) *scoreIndex {
	s := &scoreIndex{ids: make(map[string]int32, 1024)}
	// In id order, so two engines of the same entries number them alike.
	xs := make([]*indexed, 0, len(entries))
	for _, x := range entries {
		xs = append(xs, x)
	}
	slices.SortFunc(xs, func(a, b *indexed) int { return strings.Compare(a.ID, b.ID) })
	var nq, na, np []int32 // postings per term id
	id := func(t string) int32 {
		i, ok := s.ids[t]
		if !ok {
			i = int32(len(nq))
			s.ids[t] = i
			nq, na, np = append(nq, 0), append(na, 0), append(np, 0)
		}
		return i
	}
	for _, x := range xs {
		for t := range x.qvocab {
			nq[id(t)]++
		}
		for t := range x.avocab {
			na[id(t)]++
		}
		for _, p := range x.phrasings {
			for t := range p {
				np[id(t)]++
			}
		}
	}
	n := len(nq)
	s.qv, s.av, s.phr = make([][]int32, n), make([][]int32, n), make([][]phrasingHit, n)
	qs, as, ps := make([]int32, sum(nq)), make([]int32, sum(na)), make([]phrasingHit, sum(np))
	for i := range n {
		s.qv[i], qs = qs[:0:nq[i]], qs[nq[i]:]
		s.av[i], as = as[:0:na[i]], as[na[i]:]
		s.phr[i], ps = ps[:0:np[i]], ps[np[i]:]
	}
	for pos, x := range xs {
		x.pos, x.base = int32(pos), int32(s.phrasings)
		for t := range x.qvocab {
			i := s.ids[t]
			s.qv[i] = append(s.qv[i], x.pos)
		}
		for t := range x.avocab {
			i := s.ids[t]
			s.av[i] = append(s.av[i], x.pos)
		}
		for j, p := range x.phrasings {
			for t, f := range p {
				i := s.ids[t]
				s.phr[i] = append(s.phr[i], phrasingHit{at: x.base + int32(j), f: f})
			}
		}
		s.phrasings += len(x.phrasings)
	}
	s.entries = len(xs)
	return s
}

func sum(ns []int32) int {
	t := 0
	for _, n := range ns {
		t += int(n)
	}
	return t
}

// scoreScratch is one question's sums, by entry and by phrasing, pooled.
type scoreScratch struct {
	got  []float64 // by entry: the question weight its vocabulary covers
	num  []float64 // by phrasing: the corpus weight of the question terms it holds
	seen []int32   // by entry: the last term found in its phrasings (+1)
}

func newScoreScratch() any { return new(scoreScratch) }

// reset sizes s for si and zeroes it.
func (s *scoreScratch) reset(si *scoreIndex) {
	if cap(s.got) < si.entries {
		s.got, s.seen = make([]float64, si.entries), make([]int32, si.entries)
	}
	if cap(s.num) < si.phrasings {
		s.num = make([]float64, si.phrasings)
	}
	s.got, s.seen, s.num = s.got[:si.entries], s.seen[:si.entries], s.num[:si.phrasings]
	clear(s.got)
	clear(s.seen)
	clear(s.num)
}
