package faq

import (
	"context"
	_ "embed" // index.snap
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"weak"
)

// The FAQ index, precomputed at build time (issue 16, cold start).
//
// Building the engine from the embedded corpus was half of the bot's
// start-up CPU: parsing the YAML, splitting, stemming and analysing every
// phrasing and answer. None of it depends on anything but the embedded
// corpus, the lexicon and the code, so `go generate ./faq` (snapgen)
// runs it once and writes what it derives to index.snap, which is
// embedded here:
//
//   - the parsed corpus (every entry as parse leaves it, templates too)
//     and the English-only vocabulary language detection learns from it;
//   - what newEngine's analysis leaves behind: the analyzer's vocabulary,
//     the everyday words' terms, the exact-phrasing keys, each entry's
//     per-phrasing terms, answer terms, titles and counted things, and the
//     memory index's rows as token numbers.
//
// DefaultCorpus returns the snapshot's corpus and newEngine loads its
// index when the snapshot's key (a checksum of the embedded corpus and
// lexicon files and the format version, sourceKey) matches the files in this binary
// and the engine is asked for exactly the entries the snapshot was made
// of (the embedded corpus with the default facts, nothing learned).
// Anything else — KULTURBOT_FAQ, learned entries, other facts, a stale or
// damaged snapshot — is built as before, and Engine.IndexSource says why.
// What is cheap to derive (document frequencies, postings, phrasing sums,
// the score index) is derived on load by the same code a build runs.
//
// The file is a flat table of strings (the engine's strings are cut out
// of the embedded data, never copied) followed by sections of unsigned
// varints; snapshot_test.go holds a loaded engine to a built one field by
// field (TestSnapshotFresh: fails with "run go generate ./faq" when the
// corpus, the lexicon or the index code changed without regenerating),
// and answer for answer, and fuzzes the decoder.

//go:generate go run ./snapgen -o index.snap
//go:generate go run ./clfgen -o classifier.bin

//go:embed index.snap
var snapshotData string

// snapshotFormat is the layout's version: bump it with any change to
// encodeSnapshot/decodeIndex (an old file is then refused, not misread).
const snapshotFormat = 3

const snapshotMagic = "kulturbot faq index\n"

// sourceKey identifies what the snapshot is derived from that the binary
// itself carries: the format version and every embedded corpus and lexicon
// file, by name, length and content. It is a CRC-32C (with the total
// length beside it), not a cryptographic hash: it only has to notice a
// corpus or lexicon edited without `go generate ./faq`, and SHA-256 of
// the ~0.4 MB cost 7 % of the start-up instructions where the CRC costs
// well under 1 % (the CPU has an instruction for it). The test
// (TestSnapshotFresh) is the real guard; this one keeps a binary built
// without the test from answering with a stale index.
var sourceKey = sync.OnceValue(func() [snapKeyLen]byte {
	tab := crc32.MakeTable(crc32.Castagnoli)
	crc, total := uint32(0), uint32(0)
	add := func(b []byte) {
		crc = crc32.Update(crc, tab, b)
		total += uint32(len(b))
	}
	add(fmt.Appendf(nil, "%s%d\n", snapshotMagic, snapshotFormat))
	for _, src := range []struct {
		fsys fs.FS
		pat  string
	}{{corpusFS, "corpus/*.yaml"}, {lexiconFS, "lexicon/*.txt"}} {
		names, _ := fs.Glob(src.fsys, src.pat)
		sort.Strings(names)
		for _, n := range names {
			b, err := fs.ReadFile(src.fsys, n)
			if err != nil {
				panic(fmt.Sprintf("faq: embedded %s: %v", n, err)) // a build mistake
			}
			add(fmt.Appendf(nil, "%s %d\n", n, len(b)))
			add(b)
		}
	}
	var k [snapKeyLen]byte
	binary.LittleEndian.PutUint32(k[:], crc)
	binary.LittleEndian.PutUint32(k[4:], total)
	return k
})

const snapKeyLen = 8

// snapTable is the snapshot's header and string table, read once.
type snapTable struct {
	strs []string
	// body is the data after the string table: the corpus, then the index.
	body string
	err  error
}

// theSnapshot returns the embedded snapshot's table. It is held weakly:
// once start-up has read the corpus and the index from it, nothing
// needs its ~10,000 string headers (160 kB of pointers every collection
// would mark; docs/operations.md "Round 8: memory"), so the collector may
// drop it — the strings the engine keeps point into the embedded data,
// not into the table — and a later call reads it again.
func theSnapshot() *snapTable {
	snapMu.Lock()
	defer snapMu.Unlock()
	if t := snapWeak.Value(); t != nil {
		return t
	}
	t := openSnapshot(snapshotData, sourceKey())
	snapWeak = weak.Make(t)
	return t
}

var (
	snapMu   sync.Mutex
	snapWeak weak.Pointer[snapTable]
)

// errSnapshotStale is a snapshot made of other corpus or lexicon files.
var errSnapshotStale = errors.New("the snapshot is stale (faq/index.snap was not regenerated: go generate ./faq)")

// openSnapshot checks data's header (magic, format, key, checksum) and
// reads its string table.
func openSnapshot(data string, key [snapKeyLen]byte) *snapTable {
	t := &snapTable{}
	if len(data) == 0 {
		t.err = errors.New("no snapshot")
		return t
	}
	r := &snapReader{data: data}
	if !strings.HasPrefix(data, snapshotMagic) {
		t.err = errors.New("not a snapshot")
		return t
	}
	r.pos = len(snapshotMagic)
	if f := r.uint(); f != snapshotFormat {
		t.err = fmt.Errorf("snapshot format %d, want %d", f, snapshotFormat)
		return t
	}
	k := r.bytes(snapKeyLen)
	sum := r.bytes(4)
	if r.err != nil {
		t.err = r.err
		return t
	}
	if k != string(key[:]) {
		t.err = errSnapshotStale
		return t
	}
	if binary.LittleEndian.Uint32([]byte(sum)) != crc32.Checksum([]byte(data[r.pos:]), crc32.MakeTable(crc32.Castagnoli)) {
		t.err = errors.New("the snapshot is damaged (checksum)")
		return t
	}
	return readTable(data[r.pos:])
}

// readTable reads the string table at the start of rest (what follows the
// header) and keeps the body after it.
func readTable(rest string) *snapTable {
	r := &snapReader{data: rest}
	t := &snapTable{strs: r.table()}
	t.body, t.err = rest[r.pos:], r.err
	return t
}

// snapReader reads a snapshot's varints and string numbers. The first
// error sticks: every read after it returns zero values, so a decoder
// checks r.err once per section instead of after every number, and
// damaged data never indexes out of range nor allocates more than the
// data could hold.
type snapReader struct {
	data string
	pos  int
	strs []string
	err  error
}

func (r *snapReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("snapshot at byte %d: %s", r.pos, fmt.Sprintf(format, args...))
	}
}

func (r *snapReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var x uint64
	for shift := uint(0); ; shift += 7 {
		if r.pos >= len(r.data) || shift > 63 {
			r.fail("truncated number")
			return 0
		}
		b := r.data[r.pos]
		r.pos++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
}

// count reads a number of items that each take at least one byte.
func (r *snapReader) count() int { return r.countOf(1) }

// countOf reads a number of items that each take at least size bytes:
// damaged data cannot make the decoder allocate more than the data holds.
func (r *snapReader) countOf(size int) int {
	n := r.uint()
	if n > uint64((len(r.data)-r.pos)/size) {
		r.fail("count %d beyond the data", n)
		return 0
	}
	return int(n)
}

// index reads a number below n.
func (r *snapReader) index(n int) int {
	i := r.uint()
	if i >= uint64(n) {
		r.fail("number %d out of range %d", i, n)
		return 0
	}
	return int(i)
}

func (r *snapReader) bytes(n int) string {
	if r.err != nil {
		return ""
	}
	if n > len(r.data)-r.pos {
		r.fail("truncated")
		return ""
	}
	s := r.data[r.pos : r.pos+n]
	r.pos += n
	return s
}

// table reads the string table: the count, every length, then the bytes.
func (r *snapReader) table() []string {
	n := r.count()
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.count()
		total += lens[i]
	}
	blob := r.bytes(total)
	if r.err != nil {
		return nil
	}
	out := make([]string, n)
	for i, l := range lens {
		out[i], blob = blob[:l], blob[l:]
	}
	return out
}

func (r *snapReader) str() string {
	i := r.index(len(r.strs))
	if r.err != nil {
		return ""
	}
	return r.strs[i]
}

// strs reads a list of strings (nil when empty, as append leaves it).
func (r *snapReader) list() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// snapCorpus decodes the snapshot's corpus and English vocabulary.
func (t *snapTable) corpus() ([]Entry, map[string]bool, *snapReader, error) {
	if t.err != nil {
		return nil, nil, nil, t.err
	}
	r := &snapReader{data: t.body, strs: t.strs}
	en := map[string]bool{}
	for n := r.count(); n > 0 && r.err == nil; n-- {
		en[r.str()] = true
	}
	es := make([]Entry, r.countOf(11)) // an entry is at least 11 numbers
	for i := range es {
		e := &es[i]
		e.ID, e.Section, e.Source = r.str(), r.str(), r.str()
		e.Questions, e.QuestionsNN, e.QuestionsEN = r.list(), r.list(), r.list()
		e.Answer = Texts{NB: r.str(), EN: r.str(), NN: r.str()}
		e.Learned = r.uint() != 0
		if r.uint() != 0 {
			e.tmpl = &entryTemplate{answer: Texts{NB: r.str(), EN: r.str(), NN: r.str()}, questions: r.list()}
		}
		if r.err != nil {
			break
		}
	}
	if r.err != nil {
		return nil, nil, nil, r.err
	}
	return es, en, r, nil
}

// snapshotCorpus is DefaultCorpus from the snapshot (ok false: parse the
// YAML instead).
func snapshotCorpus() ([]Entry, bool) {
	es, en, _, err := theSnapshot().corpus()
	if err != nil {
		return nil, false
	}
	learnedENOnce.Do(func() { learnedENSet = en })
	return es, true
}

// sameEntries reports whether a and b hold the same entries in the same
// order, as far as the index can tell (templates aside).
func sameEntries(a, b []Entry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.ID != y.ID || x.Section != y.Section || x.Source != y.Source || x.Answer != y.Answer || x.Learned != y.Learned ||
			!slices.Equal(x.Questions, y.Questions) || !slices.Equal(x.QuestionsNN, y.QuestionsNN) || !slices.Equal(x.QuestionsEN, y.QuestionsEN) {
			return false
		}
	}
	return true
}

// loadEngine returns the snapshot's engine for entries, or nil and why it
// cannot.
func loadEngine(entries []Entry, gate *Gate) (*Engine, string) {
	return decodeEngine(theSnapshot(), entries, gate)
}

func decodeEngine(t *snapTable, entries []Entry, gate *Gate) (*Engine, string) {
	snapEntries, _, r, err := t.corpus()
	if err != nil {
		return nil, err.Error()
	}
	if !sameEntries(entries, snapEntries) {
		return nil, "not the embedded corpus with the default facts and nothing learned"
	}
	e, err := decodeIndex(r, entries, gate)
	if err != nil {
		return nil, err.Error()
	}
	e.clf = classifierFor(e.entries)
	return e, ""
}

// Phrasing term weights as the snapshot writes them: the weight newEngine
// gave the term in that phrasing (add: 1, or P.WeakFactor for a question
// word, the larger when both), so a change of WeakFactor needs no new
// snapshot.
const (
	snapWeightOne  = 1
	snapWeightWeak = 2
)

// decodeIndex reads the index section into an engine over entries (the
// snapshot's corpus, checked by the caller), then derives what refreshDens
// derives — the phrasing sums and the score index — from the flat term
// numbers it has just read rather than by walking the maps it fills.
func decodeIndex(r *snapReader, entries []Entry, gate *Gate) (*Engine, error) {
	e := &Engine{P: DefaultParams, gate: gate, entries: make(map[string]*indexed, len(entries)), mem: newMemIndex()}
	e.memScratch.New, e.scoreScratch.New = newMemScratch, newScoreScratch
	readSet := func() map[string]bool {
		n := r.count()
		m := make(map[string]bool, n)
		for ; n > 0 && r.err == nil; n-- {
			m[r.str()] = true
		}
		return m
	}

	// The analyzer: its surface words grouped by length in rune count
	// (byLen, each group sorted as newAnalyzer sorts it), then its stems.
	an := &Analyzer{surface: make(map[string]int, r.count()), byLen: map[int][]string{}}
	for groups := r.count(); groups > 0 && r.err == nil; groups-- {
		l := int(r.uint())
		ws := make([]string, r.count())
		for i := range ws {
			ws[i] = r.str()
			an.surface[ws[i]] = int(r.uint())
		}
		if len(ws) > 0 {
			an.byLen[l] = ws
		}
	}
	an.stems = readSet()
	an.indexLong()
	// The English reading (english.go): the words only the Norwegian
	// texts use, the English terms; the synonyms by English stem follow
	// from the first.
	an.noOnly = readSet()
	an.stemsEN = readSet()
	an.synStem = synStemTable(an.noOnly)
	e.an = an
	e.common = readSet()

	// The exact keys: key, then the entry's number + 1 (0: two entries).
	n := r.count()
	e.exact = make(map[string]string, n)
	for ; n > 0 && r.err == nil; n-- {
		k := r.str()
		id := ""
		if i := r.index(len(entries) + 1); i > 0 {
			id = entries[i-1].ID
		}
		e.exact[k] = id
	}

	// The memory index's tokens, by number, and the vocabulary: every
	// term of the phrasings and answers, by number (sorted).
	toks := r.list()
	for i, t := range toks {
		e.mem.ids[t] = int32(i)
	}
	e.mem.post = make([][]memPosting, len(toks))
	vocab := r.list()
	if r.err != nil {
		return nil, r.err
	}
	nv := len(vocab)
	term := func() int32 { return int32(r.index(nv)) }

	// Per entry, the term numbers of its vocabularies and phrasings, kept
	// flat for the derivations below.
	type span struct{ q, a, p, pw int32 } // starts in qs, as, ps and phr
	spans := make([]span, len(entries)+1)
	var qs, as, ps []int32 // qvocab, avocab, phrasing terms (by number)
	var pws []float64      // the phrasing terms' weights
	var phr []int32        // where each phrasing's terms start in ps
	counts := make([]memPosting, len(toks))
	var order []int32
	for i := range entries {
		spans[i] = span{int32(len(qs)), int32(len(as)), int32(len(ps)), int32(len(phr))}
		x := &indexed{Entry: entries[i]}
		// Its vocabularies.
		nq := r.count()
		x.qvocab = make(map[string]bool, nq)
		for ; nq > 0 && r.err == nil; nq-- {
			t := term()
			qs = append(qs, t)
			x.qvocab[vocab[t]] = true
		}
		na := r.count()
		x.avocab = make(map[string]bool, na)
		for ; na > 0 && r.err == nil; na-- {
			t := term()
			as = append(as, t)
			x.avocab[vocab[t]] = true
		}
		// Its phrasings: each distinct term with its weight code, kept
		// only in the flat arrays (and then the score index: see
		// indexed.phrasings).
		x.nphr = int32(r.count())
		for range x.nphr {
			phr = append(phr, int32(len(ps)))
			nt := r.count()
			for ; nt > 0 && r.err == nil; nt-- {
				t := term()
				f := 0.0
				switch r.uint() {
				case snapWeightOne:
					f = 1
				case snapWeightWeak:
					f = e.P.WeakFactor
				default:
					r.fail("bad weight")
				}
				ps, pws = append(ps, t), append(pws, f)
			}
		}
		x.titleNB, x.titleEN = r.str(), r.str()
		if nc := r.count(); nc > 0 {
			x.counted = make(map[string]bool, nc)
			for ; nc > 0 && r.err == nil; nc-- {
				x.counted[r.str()] = true
			}
		}
		if r.err != nil {
			return nil, r.err
		}
		if _, dup := e.entries[x.ID]; dup {
			return nil, fmt.Errorf("snapshot: entry %q twice", x.ID)
		}
		e.entries[x.ID] = x

		// Its row of the memory index, and the row's postings as
		// memIndex.add makes them: one per token, in first-seen order.
		row := memRow{ref: x.ID, qtext: r.str(), atext: r.str()}
		rowN := int32(len(e.mem.rows))
		order = order[:0]
		col := func(isA bool) []int32 {
			n := r.count()
			if n == 0 {
				return nil
			}
			out := make([]int32, n)
			for k := range out {
				id := int32(r.index(len(toks)))
				if r.err != nil {
					return nil
				}
				out[k] = id
				p := &counts[id]
				if p.q == 0 && p.a == 0 {
					p.row = rowN
					order = append(order, id)
				}
				if isA {
					p.a++
				} else {
					p.q++
				}
			}
			return out
		}
		row.q = col(false)
		row.a = col(true)
		if r.err != nil {
			return nil, r.err
		}
		for _, id := range order {
			e.mem.post[id] = append(e.mem.post[id], counts[id])
			counts[id] = memPosting{}
		}
		e.mem.rows = append(e.mem.rows, row)
		e.mem.live++
		e.mem.tokens += len(row.q) + len(row.a)
	}
	if r.pos != len(r.data) {
		return nil, fmt.Errorf("snapshot: %d bytes after the index", len(r.data)-r.pos)
	}
	spans[len(entries)] = span{int32(len(qs)), int32(len(as)), int32(len(ps)), int32(len(phr))}
	phr = append(phr, int32(len(ps)))

	// Document frequencies: the entries whose vocabularies hold a term
	// (add counts union(qvocab, avocab)).
	df := make([]int32, nv)
	seen := make([]int32, nv)
	for i := range entries {
		sp, next := spans[i], spans[i+1]
		for _, list := range [][]int32{qs[sp.q:next.q], as[sp.a:next.a]} {
			for _, t := range list {
				if seen[t] != int32(i+1) {
					seen[t] = int32(i + 1)
					df[t]++
				}
			}
		}
	}
	e.df = make(map[string]int, nv)
	for t, n := range df {
		if n == 0 {
			return nil, fmt.Errorf("snapshot: term %q in no entry", vocab[t])
		}
		e.df[vocab[t]] = int(n)
	}

	// refreshDens: each phrasing's summed term weights (termWeight(t, f)
	// is termWeight(t, 1)·f), and the score index, numbering the entries
	// and their phrasings in id order and the terms as the vocabulary.
	w := make([]float64, nv)
	for t, v := range vocab {
		w[t] = e.termWeight(v, 1)
	}
	byID := make([]int, len(entries))
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(a, b int) int { return strings.Compare(entries[a].ID, entries[b].ID) })
	sx := &scoreIndex{ids: make(map[string]int32, nv), entries: len(entries)}
	for t, v := range vocab {
		sx.ids[v] = int32(t)
	}
	nq, na, np := make([]int32, nv), make([]int32, nv), make([]int32, nv)
	for _, t := range qs {
		nq[t]++
	}
	for _, t := range as {
		na[t]++
	}
	for _, t := range ps {
		np[t]++
	}
	sx.qv, sx.av, sx.phr = make([][]int32, nv), make([][]int32, nv), make([][]phrasingHit, nv)
	qb, ab, pb := make([]int32, len(qs)), make([]int32, len(as)), make([]phrasingHit, len(ps))
	for t := range nv {
		sx.qv[t], qb = qb[:0:nq[t]], qb[nq[t]:]
		sx.av[t], ab = ab[:0:na[t]], ab[na[t]:]
		sx.phr[t], pb = pb[:0:np[t]], pb[np[t]:]
	}
	for pos, i := range byID {
		x := e.entries[entries[i].ID]
		sp, next := spans[i], spans[i+1]
		x.pos, x.base = int32(pos), int32(sx.phrasings)
		for _, t := range qs[sp.q:next.q] {
			sx.qv[t] = append(sx.qv[t], x.pos)
		}
		for _, t := range as[sp.a:next.a] {
			sx.av[t] = append(sx.av[t], x.pos)
		}
		x.dens = make([]float64, x.nphr)
		for j := range x.nphr {
			at := x.base + int32(j)
			for k := phr[sp.pw+int32(j)]; k < phr[sp.pw+int32(j)+1]; k++ {
				t, f := ps[k], pws[k]
				x.dens[j] += w[t] * f
				sx.phr[t] = append(sx.phr[t], phrasingHit{at: at, f: f})
			}
		}
		sx.phrasings += int(x.nphr)
	}
	e.sx = sx
	e.raw = e.newRawIndex(e.entries)
	return e, nil
}

// BuildSnapshot builds the engine of the embedded corpus (parsed from the
// YAML, never from a snapshot) and returns its snapshot: what `go generate
// ./faq` writes to index.snap.
func BuildSnapshot() ([]byte, error) {
	es, err := loadFS(corpusFS, "corpus")
	if err != nil {
		return nil, err
	}
	// What learnedEN reads from the embedded YAML when not seeded.
	en := learnedENOf(embeddedTexts())
	// The engine the program asks for: the corpus with the default facts
	// (parse filled them; WithFacts renders them the same way again).
	if es, err = WithFacts(es, nil); err != nil {
		return nil, err
	}
	g, err := loadGate(gateJSON)
	if err != nil {
		return nil, err
	}
	e, err := buildEngine(context.Background(), es, g)
	if err != nil {
		return nil, err
	}
	return encodeSnapshot(sourceKey(), es, en, e)
}

// snapWriter numbers strings and writes varints.
type snapWriter struct {
	ids  map[string]int
	strs []string
	buf  []byte
}

func (w *snapWriter) uint(x uint64) { w.buf = binary.AppendUvarint(w.buf, x) }

func (w *snapWriter) str(s string) {
	id, ok := w.ids[s]
	if !ok {
		id = len(w.strs)
		w.ids[s] = id
		w.strs = append(w.strs, s)
	}
	w.uint(uint64(id))
}

func (w *snapWriter) list(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

// sorted returns a set's members in order (the file is the same bytes for
// the same input).
func sorted[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// encodeSnapshot writes the snapshot of engine e, built by buildEngine
// over es (the corpus as DefaultCorpus returns it), with the English
// vocabulary en.
func encodeSnapshot(key [snapKeyLen]byte, es []Entry, en map[string]bool, e *Engine) ([]byte, error) {
	e.restorePhrasings()
	defer e.dropPhrasings()
	w := &snapWriter{ids: map[string]int{}}
	w.list(sorted(en))
	w.uint(uint64(len(es)))
	for _, x := range es {
		w.str(x.ID)
		w.str(x.Section)
		w.str(x.Source)
		w.list(x.Questions)
		w.list(x.QuestionsNN)
		w.list(x.QuestionsEN)
		w.str(x.Answer.NB)
		w.str(x.Answer.EN)
		w.str(x.Answer.NN)
		w.uint(b2u(x.Learned))
		w.uint(b2u(x.tmpl != nil))
		if x.tmpl != nil {
			w.str(x.tmpl.answer.NB)
			w.str(x.tmpl.answer.EN)
			w.str(x.tmpl.answer.NN)
			w.list(x.tmpl.questions)
		}
	}

	// The analyzer.
	an := e.an
	if an.folded != nil || an.memo != nil || an.split != nil || an.stemmed != nil || an.memoEN != nil || an.stemmedEN != nil {
		return nil, errors.New("snapshot: the analyzer still holds its build caches")
	}
	w.uint(uint64(len(an.surface)))
	lens := make([]int, 0, len(an.byLen))
	for l := range an.byLen {
		lens = append(lens, l)
	}
	sort.Ints(lens)
	w.uint(uint64(len(lens)))
	inGroups := 0
	for _, l := range lens {
		ws := an.byLen[l]
		w.uint(uint64(l))
		w.uint(uint64(len(ws)))
		for _, s := range ws {
			c, ok := an.surface[s]
			if !ok || utf8.RuneCountInString(s) != l {
				return nil, fmt.Errorf("snapshot: byLen[%d] holds %q", l, s)
			}
			w.str(s)
			w.uint(uint64(c))
		}
		inGroups += len(ws)
	}
	if inGroups != len(an.surface) {
		return nil, errors.New("snapshot: byLen and surface differ")
	}
	w.list(sorted(an.stems))
	w.list(sorted(an.noOnly))
	w.list(sorted(an.stemsEN))
	w.list(sorted(e.common))

	num := map[string]int{}
	for i, x := range es {
		num[x.ID] = i + 1
	}
	w.uint(uint64(len(e.exact)))
	for _, k := range sorted(e.exact) {
		w.str(k)
		if id := e.exact[k]; id == "" {
			w.uint(0)
		} else if num[id] == 0 {
			return nil, fmt.Errorf("snapshot: exact key %q of unknown entry %q", k, id)
		} else {
			w.uint(uint64(num[id]))
		}
	}

	// The memory index's tokens by number.
	toks := make([]string, len(e.mem.ids))
	for t, id := range e.mem.ids {
		toks[id] = t
	}
	w.list(toks)
	if len(e.mem.rows) != len(es) || e.mem.passageRows != 0 {
		return nil, errors.New("snapshot: the memory index is not one row per entry")
	}

	vocab := sorted(e.df)
	tid := make(map[string]int, len(vocab))
	for i, t := range vocab {
		tid[t] = i
	}
	w.list(vocab)
	termList := func(ts []string) error {
		w.uint(uint64(len(ts)))
		for _, t := range ts {
			i, ok := tid[t]
			if !ok {
				return fmt.Errorf("snapshot: term %q not in the vocabulary", t)
			}
			w.uint(uint64(i))
		}
		return nil
	}
	for i, en := range es {
		x := e.entries[en.ID]
		if x == nil {
			return nil, fmt.Errorf("snapshot: entry %q not indexed", en.ID)
		}
		if err := termList(sorted(x.qvocab)); err != nil {
			return nil, err
		}
		if err := termList(sorted(x.avocab)); err != nil {
			return nil, err
		}
		w.uint(uint64(len(x.phrasings)))
		for _, p := range x.phrasings {
			w.uint(uint64(len(p)))
			for _, t := range sorted(p) {
				if !x.qvocab[t] {
					return nil, fmt.Errorf("snapshot: entry %q: phrasing term %q not in its vocabulary", en.ID, t)
				}
				w.uint(uint64(tid[t]))
				switch f := p[t]; {
				case f == 1:
					w.uint(snapWeightOne)
				case f == e.P.WeakFactor:
					w.uint(snapWeightWeak)
				default:
					return nil, fmt.Errorf("snapshot: entry %q: weight %v of %q is neither 1 nor WeakFactor", en.ID, f, t)
				}
			}
		}
		w.str(x.titleNB)
		w.str(x.titleEN)
		w.list(sorted(x.counted))
		row := e.mem.rows[i]
		if row.ref != en.ID {
			return nil, fmt.Errorf("snapshot: row %d is %q, not %q", i, row.ref, en.ID)
		}
		w.str(row.qtext)
		w.str(row.atext)
		for _, col := range [][]int32{row.q, row.a} {
			w.uint(uint64(len(col)))
			for _, id := range col {
				w.uint(uint64(id))
			}
		}
	}

	// Header, string table, body; the checksum covers all after it.
	var rest []byte
	rest = binary.AppendUvarint(rest, uint64(len(w.strs)))
	for _, s := range w.strs {
		rest = binary.AppendUvarint(rest, uint64(len(s)))
	}
	for _, s := range w.strs {
		rest = append(rest, s...)
	}
	rest = append(rest, w.buf...)
	out := []byte(snapshotMagic)
	out = binary.AppendUvarint(out, snapshotFormat)
	out = append(out, key[:]...)
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(rest, crc32.MakeTable(crc32.Castagnoli)))
	return append(out, rest...), nil
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
