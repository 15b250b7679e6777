package relit

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// dfa answers whether a pattern matches anywhere in a text, in one pass
// over it: a deterministic automaton built lazily from the pattern's
// program (regexp/syntax), one state per set of program positions a scan
// can be in, made the first time a text leads there. Go's regexp has no
// such automaton; for "is there a match" it backtracks from every
// position, and the FAQ's patterns — alternatives of dozens of words
// between \b, bounded gaps like .{0,40} — cost it a few microseconds a
// question each. A known transition is one table look-up per byte.
//
// Only the yes/no answer comes from here, and it is the language's, not
// an engine's: a text has a match or it has not, whichever way it is
// searched. Where a match's position or groups are asked for, a text
// without a match is answered here and one with a match by the regexp.
//
// The automaton's memory is bounded: when it holds stateBytes of states it
// starts again from none (texts being scanned keep the states they hold;
// every state is right whichever automaton made it), and a non-ASCII
// rune beyond maxExtraClasses classes makes the regexp answer (ok false).
// The bounds cost speed, never a result. Over the ~4,700 training
// questions the FAQ's ~60 patterns made ~4,700 states together (~2 MB).
type dfa struct {
	// prog is the pattern's program (insts) and where it starts.
	prog    []inst
	startPC uint32
	// ranges holds the character classes of the program's InstRune
	// instructions: at an instruction's arg, the number of runes, then
	// the runes (lo, hi pairs or a single folded rune), each class once.
	ranges []rune
	// anchored: every match starts at the beginning of the text.
	anchored bool
	// Characters are read by class: two runes are in one class when every
	// rune instruction of the program takes both or neither and \b, ^ and
	// $ see them alike, so they lead from any state to the same state.
	// ascii is the class of each ASCII character; other runes get a class
	// the first time they are seen (runes), up to maxExtraClasses; endClass
	// is the end of the text.
	ascii    [utf8.RuneSelf]uint8
	runes    atomic.Pointer[map[rune]uint8]
	endClass int
	nclass   int    // classes given out so far (ASCII ones first)
	reps     []rune // a member of each class
	start    atomic.Pointer[dstate]
	// max bounds the states (stateBytes); resets counts the restarts.
	max    int
	resets int

	mu sync.Mutex // guards what follows and the making of states
	// sigs holds each class's signature (sigLen bytes, class c's at
	// c*sigLen): the kind of rune and which of the nrune rune
	// instructions take it. A new class is rare (ASCII at the start, then
	// at most maxExtraClasses), so it is found by a scan, not a map.
	sigs   []byte
	sigLen int
	nrune  int
	sig    []byte
	states map[string]*dstate
	// seen marks the positions a closure has reached (a bit each), and
	// marked lists them to be cleared after.
	seen   []uint64
	marked []uint32
	stack  []uint32
	waits  []uint32
	next   []uint32
	key    []byte
}

// inst is an instruction of the pattern's program as the automaton reads
// it: 8 bytes, where a syntax.Inst is 40 and holds a slice of the parsed
// pattern's runes (a word alternation compiles to one instruction a
// letter, and the live step's and the FAQ's automata held ~0.6 MB of
// programs). word holds the next position (syntax.Inst's Out) in its low
// outBits, then the case-insensitive flag of an InstRune (syntax.FoldCase)
// and the op. arg is syntax.Inst's Arg, except for InstRune1, where it is
// the rune, and InstRune, where it is the class's place in dfa.ranges.
type inst struct {
	word, arg uint32
}

const (
	outBits = 26 // a program of up to 64 M instructions (larger: no automaton)
	outMask = 1<<outBits - 1
	foldBit = 1 << outBits
	opShift = outBits + 1 // syntax.InstOp's values fit in the 5 bits left
)

func (i inst) op() syntax.InstOp { return syntax.InstOp(i.word >> opShift) }
func (i inst) out() uint32       { return i.word & outMask }
func (i inst) fold() bool        { return i.word&foldBit != 0 }

// compile turns prog into d.prog and d.ranges.
func (d *dfa) compile(prog *syntax.Prog) {
	d.prog = make([]inst, len(prog.Inst))
	d.startPC = uint32(prog.Start)
	at := map[string]uint32{} // a class's runes -> its place in ranges
	for pc := range prog.Inst {
		i := &prog.Inst[pc]
		c := inst{word: i.Out | uint32(i.Op)<<opShift, arg: i.Arg}
		switch i.Op {
		case syntax.InstRune1:
			c.arg = uint32(i.Rune[0])
		case syntax.InstRune:
			if syntax.Flags(i.Arg)&syntax.FoldCase != 0 {
				c.word |= foldBit
			}
			key := string(i.Rune)
			off, ok := at[key]
			if !ok {
				off = uint32(len(d.ranges))
				d.ranges = append(d.ranges, rune(len(i.Rune)))
				d.ranges = append(d.ranges, i.Rune...)
				at[key] = off
			}
			c.arg = off
		}
		d.prog[pc] = c
	}
	d.ranges = slices.Clip(d.ranges)
}

// dstate is a set of program positions (the instructions a scan waits at
// to read the next rune) and the kind of rune read last, which \b, ^ and
// $ look at.
type dstate struct {
	next []atomic.Pointer[dstate] // by class
	pcs  []uint32
	prev rune // -1 (none yet), '\n', 'a' (a word character) or ' ' (other)
	// stop: the scan ends here — matched, or dead (anchored and
	// nothing left to try: no match).
	stop bool
}

// matched is where a scan goes when a match has ended (the answer is
// yes), unmatched where it ends without one.
var matched, unmatched = &dstate{stop: true}, &dstate{stop: true}

const (
	// stateBytes bounds an automaton's memory (its states' transition
	// tables, ~300 bytes a state): about 200 states, where over the
	// training questions most patterns reach a few dozen.
	stateBytes = 64 << 10
	// maxExtraClasses bounds the classes of non-ASCII runes (æ, ø, å,
	// dashes and quotes are mostly alike to a pattern).
	maxExtraClasses = 6
	// maxRunes bounds the non-ASCII runes whose class is remembered.
	maxRunes = 256
)

// newDFA builds the automaton's start for expr; nil when expr does not
// compile (the caller's regexp reports it).
func newDFA(expr string) *dfa { return newDFAMax(expr, 0) }

// newDFAMax is newDFA with at most max states (0: as stateBytes allows).
func newDFAMax(expr string, limit int) *dfa {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || len(prog.Inst) > outMask {
		return nil
	}
	d := &dfa{
		anchored: prog.StartCond()&syntax.EmptyBeginText != 0,
		states:   map[string]*dstate{},
		seen:     make([]uint64, (len(prog.Inst)+63)/64),
		max:      limit,
	}
	d.compile(prog)
	for pc := range d.prog {
		if isRune(d.prog[pc].op()) {
			d.nrune++
		}
	}
	d.sigLen = 1 + (d.nrune+7)/8
	d.sig = make([]byte, d.sigLen)
	d.asciiClasses()
	d.endClass = d.nclass + maxExtraClasses
	if d.max == 0 {
		d.max = max(64, stateBytes/(8*(d.endClass+1)+64))
	}
	empty := map[rune]uint8{}
	d.runes.Store(&empty)
	d.mu.Lock()
	d.start.Store(d.state(nil, -1))
	d.mu.Unlock()
	return d
}

// kind is the representative of r's kind for \b, ^ and $.
func kind(r rune) rune {
	switch {
	case r < 0:
		return -1
	case r == '\n':
		return '\n'
	case syntax.IsWordChar(r):
		return 'a'
	}
	return ' '
}

// takes reports whether rune instruction i reads r, as the regexp's
// matchers do: a class is matched by syntax.Inst's own MatchRune.
func (d *dfa) takes(i inst, r rune) bool {
	switch i.op() {
	case syntax.InstRune1:
		return r == rune(i.arg)
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	n := uint32(d.ranges[i.arg])
	si := syntax.Inst{Op: syntax.InstRune, Rune: d.ranges[i.arg+1 : i.arg+1+n]}
	if i.fold() {
		si.Arg = uint32(syntax.FoldCase)
	}
	return si.MatchRune(r)
}

// isRune: op reads a rune.
func isRune(op syntax.InstOp) bool {
	switch op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// classFor returns r's class, making one when no class has r's
// signature; 255 when there is no room for another (d.mu held, or
// during newDFA).
func (d *dfa) classFor(r rune) uint8 {
	sig := d.sig
	clear(sig)
	sig[0] = byte(kind(r))
	k := 0
	for pc := range d.prog {
		if i := d.prog[pc]; isRune(i.op()) {
			if d.takes(i, r) {
				sig[1+k/8] |= 1 << (k % 8)
			}
			k++
		}
	}
	for c := range d.nclass {
		if string(d.sigs[c*d.sigLen:(c+1)*d.sigLen]) == string(sig) {
			return uint8(c)
		}
	}
	if r >= utf8.RuneSelf && d.nclass >= d.endClass || d.nclass >= 254 {
		return 255
	}
	c := uint8(d.nclass)
	d.nclass++
	d.sigs = append(d.sigs, sig...)
	d.reps = append(d.reps, r)
	return c
}

// asciiClasses gives every ASCII character its class, as classFor would
// one by one (the same signatures, classes numbered in the same order),
// but each rune instruction is asked about the 128 characters once per
// distinct instruction, not once per character and instruction: the
// FAQ's word alternations have a thousand or more rune instructions and
// a few dozen distinct ones, and classFor's way was most of the
// instructions a fresh process spent building its automata on its first
// question.
func (d *dfa) asciiClasses() {
	sigs := make([]byte, utf8.RuneSelf*d.sigLen)
	for c := range utf8.RuneSelf {
		sigs[c*d.sigLen] = byte(kind(rune(c)))
	}
	type what struct {
		op   syntax.InstOp
		arg  uint32
		fold bool
	}
	takes := map[what][2]uint64{} // the ASCII characters an instruction reads
	k := 0
	for _, i := range d.prog {
		if !isRune(i.op()) {
			continue
		}
		w := what{i.op(), i.arg, i.fold()}
		m, ok := takes[w]
		if !ok {
			for c := range rune(utf8.RuneSelf) {
				if d.takes(i, c) {
					m[c/64] |= 1 << (c % 64)
				}
			}
			takes[w] = m
		}
		for half, set := range m {
			for ; set != 0; set &= set - 1 {
				c := half*64 + bits.TrailingZeros64(set)
				sigs[c*d.sigLen+1+k/8] |= 1 << (k % 8)
			}
		}
		k++
	}
	classes := map[string]uint8{}
	for c := range utf8.RuneSelf {
		sig := sigs[c*d.sigLen : (c+1)*d.sigLen]
		cl, ok := classes[string(sig)]
		if !ok {
			cl = uint8(d.nclass)
			d.nclass++
			d.sigs = append(d.sigs, sig...)
			d.reps = append(d.reps, rune(c))
			classes[string(sig)] = cl
		}
		d.ascii[c] = cl
	}
}

// classOf returns the class of the non-ASCII rune r (255: none).
func (d *dfa) classOf(r rune) uint8 {
	if c, ok := (*d.runes.Load())[r]; ok {
		return c
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	m := *d.runes.Load()
	if c, ok := m[r]; ok {
		return c
	}
	c := d.classFor(r)
	if len(m) < maxRunes {
		n := make(map[rune]uint8, len(m)+1)
		for k, v := range m {
			n[k] = v
		}
		n[r] = c
		d.runes.Store(&n)
	}
	return c
}

// state returns the state for the positions pcs (sorted, distinct) after
// a rune of kind prev, making it when new (d.mu held).
func (d *dfa) state(pcs []uint32, prev rune) *dstate {
	d.key = append(d.key[:0], byte(prev))
	for _, pc := range pcs {
		d.key = append(d.key, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
	}
	if s, ok := d.states[string(d.key)]; ok {
		return s
	}
	if len(d.states) >= d.max {
		// Start again: the old states stay right for the scans that
		// hold them, and go when none does.
		d.states = map[string]*dstate{}
		d.resets++
		if prev != -1 {
			d.start.Store(d.state(nil, -1))
		}
		d.key = append(d.key[:0], byte(prev))
		for _, pc := range pcs {
			d.key = append(d.key, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
		}
	}
	s := &dstate{
		next: make([]atomic.Pointer[dstate], d.endClass+1),
		pcs:  slices.Clone(pcs),
		prev: prev,
		stop: d.anchored && len(pcs) == 0 && prev != -1,
	}
	d.states[string(d.key)] = s
	return s
}

// step works out where s goes on class c and records it.
func (d *dfa) step(s *dstate, c int) *dstate {
	d.mu.Lock()
	defer d.mu.Unlock()
	if n := s.next[c].Load(); n != nil {
		return n
	}
	r := rune(-1)
	if c != d.endClass {
		r = d.reps[c]
	}
	// The positions reachable without reading: through alternations and
	// captures, and through the empty-width assertions that hold between
	// the rune before and r. A new match may begin here too, unless
	// every match begins at the start of the text.
	flags := syntax.EmptyOpContext(s.prev, r)
	d.stack = append(d.stack[:0], s.pcs...)
	if !d.anchored || s.prev == -1 {
		d.stack = append(d.stack, d.startPC)
	}
	d.waits = d.waits[:0]
	found := false
	for len(d.stack) > 0 && !found {
		pc := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		if d.seen[pc/64]&(1<<(pc%64)) != 0 {
			continue
		}
		d.seen[pc/64] |= 1 << (pc % 64)
		d.marked = append(d.marked, pc)
		i := &d.prog[pc]
		switch i.op() {
		case syntax.InstAlt, syntax.InstAltMatch:
			d.stack = append(d.stack, i.arg, i.out())
		case syntax.InstNop, syntax.InstCapture:
			d.stack = append(d.stack, i.out())
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(i.arg)&^flags == 0 {
				d.stack = append(d.stack, i.out())
			}
		case syntax.InstMatch:
			found = true
		case syntax.InstFail:
		default:
			d.waits = append(d.waits, pc)
		}
	}
	for _, pc := range d.marked {
		d.seen[pc/64] = 0
	}
	d.marked = d.marked[:0]
	var n *dstate
	switch {
	case found:
		n = matched
	case r < 0:
		n = unmatched
	default:
		d.next = d.next[:0]
		for _, pc := range d.waits {
			if i := d.prog[pc]; d.takes(i, r) {
				d.next = append(d.next, i.out())
			}
		}
		slices.Sort(d.next)
		d.next = slices.Compact(d.next)
		n = d.state(d.next, kind(r))
	}
	s.next[c].Store(n)
	return n
}

// match reports whether the pattern matches somewhere in str; ok is
// false when the automaton could not tell (a rune with no class), and the
// regexp must.
func (d *dfa) match(str string) (m, ok bool) {
	s := d.start.Load()
	ascii := &d.ascii
	for i := 0; i < len(str); i++ {
		var c int
		if b := str[i]; b < utf8.RuneSelf {
			c = int(ascii[b])
		} else {
			r, w := utf8.DecodeRuneInString(str[i:])
			i += w - 1
			k := d.classOf(r)
			if k == 255 {
				return false, false
			}
			c = int(k)
		}
		n := s.next[c].Load()
		if n == nil {
			n = d.step(s, c)
		}
		if n.stop {
			return n == matched, true
		}
		s = n
	}
	n := s.next[d.endClass].Load()
	if n == nil {
		n = d.step(s, d.endClass)
	}
	return n == matched, true
}
