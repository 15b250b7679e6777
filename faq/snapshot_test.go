package faq

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// regenerate is what to do when the snapshot and the sources disagree.
const regenerate = "faq/index.snap is stale: run `go generate ./faq` and commit faq/index.snap"

// builtAndLoaded returns the embedded corpus (parsed from the YAML, as
// DefaultCorpus does without a snapshot, with the default facts as the
// program renders them), an engine built from it and one loaded from the
// snapshot.
func builtAndLoaded(t testing.TB) ([]Entry, *Engine, *Engine) {
	t.Helper()
	es, err := loadFS(corpusFS, "corpus")
	if err != nil {
		t.Fatal(err)
	}
	if es, err = WithFacts(es, nil); err != nil {
		t.Fatal(err)
	}
	g, err := loadGate(gateJSON)
	if err != nil {
		t.Fatal(err)
	}
	built, err := buildEngine(context.Background(), es, g)
	if err != nil {
		t.Fatal(err)
	}
	loaded, why := loadEngine(es, g)
	if loaded == nil {
		t.Fatalf("%s (the snapshot was not loaded: %s)", regenerate, why)
	}
	return es, built, loaded
}

// TestSnapshotFresh holds the committed snapshot to the sources: the
// corpus it returns is the one the YAML parses to, its English vocabulary
// the one learnedEN reads, and the engine it loads equals a freshly built
// one in every field. Editing the corpus, the lexicon or the code that
// builds the index without `go generate ./faq` fails here.
func TestSnapshotFresh(t *testing.T) {
	parsed, err := loadFS(corpusFS, "corpus")
	if err != nil {
		t.Fatal(err)
	}
	snapES, en, _, err := theSnapshot().corpus()
	if err != nil {
		t.Fatalf("%s (%v)", regenerate, err)
	}
	if !reflect.DeepEqual(snapES, parsed) {
		t.Fatalf("%s (its corpus is not the YAML's: %s)", regenerate, firstEntryDiff(snapES, parsed))
	}
	if want := learnedENOf(embeddedTexts()); !reflect.DeepEqual(en, want) {
		t.Fatalf("%s (its English vocabulary has %d words, the corpus's %d)", regenerate, len(en), len(want))
	}
	_, built, loaded := builtAndLoaded(t)
	if diff := engineDiff(built, loaded); diff != "" {
		t.Fatalf("%s (a loaded engine differs from a built one: %s)", regenerate, diff)
	}
	// The file is what the generator writes now, byte for byte.
	b, err := BuildSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != snapshotData {
		t.Fatalf("%s (the generator writes %d bytes, the committed file has %d)", regenerate, len(b), len(snapshotData))
	}
}

// TestSnapshotDeterministic: the same sources give the same bytes (two
// builds iterate their maps in different orders).
func TestSnapshotDeterministic(t *testing.T) {
	a, err := BuildSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Fatal("two snapshots of the same sources differ")
	}
}

func firstEntryDiff(a, b []Entry) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d entries, want %d", len(a), len(b))
	}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			return fmt.Sprintf("entry %q", b[i].ID)
		}
	}
	return "?"
}

// engineDiff compares two engines field by field, by reflection, so a
// field added to Engine, indexed or their parts is compared without
// anyone remembering to. Skipped: locks, pools and lazily built state
// (refreshDens makes raw anew), and where the index came from. The
// phrasing sums (dens) are sums in map order, so two builds differ in
// the last bits; they are compared to 1e-12. The score index numbers its
// terms in map order too: it is compared term by term.
func engineDiff(a, b *Engine) string {
	skip := map[string]bool{"mu": true, "memScratch": true, "scoreScratch": true, "raw": true, "db": true, "source": true}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		name := va.Type().Field(i).Name
		fa, fb := field(va, i), field(vb, i)
		switch {
		case skip[name]:
		case name == "entries":
			if d := entriesDiff(a.entries, b.entries); d != "" {
				return d
			}
		case name == "sx":
			if d := scoreIndexDiff(a.sx, b.sx); d != "" {
				return "score index: " + d
			}
		case !reflect.DeepEqual(fa, fb):
			return "Engine." + name + " differs"
		}
	}
	return ""
}

// field is v's i-th field as an interface, unexported or not.
func field(v reflect.Value, i int) any {
	f := v.Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
}

func entriesDiff(a, b map[string]*indexed) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d entries, want %d", len(b), len(a))
	}
	for id, x := range a {
		y := b[id]
		if y == nil {
			return fmt.Sprintf("entry %q missing", id)
		}
		vx, vy := reflect.ValueOf(x).Elem(), reflect.ValueOf(y).Elem()
		for i := range vx.NumField() {
			name := vx.Type().Field(i).Name
			switch name {
			case "atypesOnce":
			case "dens":
				if len(x.dens) != len(y.dens) {
					return fmt.Sprintf("entry %q: %d dens, want %d", id, len(y.dens), len(x.dens))
				}
				for j, p := range x.dens {
					if q := y.dens[j]; math.Abs(p-q) > 1e-12*math.Max(1, math.Abs(p)) {
						return fmt.Sprintf("entry %q: phrasing %d (%q) sums to %v, want %v", id, j, x.Questions[j], q, p)
					}
				}
			default:
				if !reflect.DeepEqual(field(vx, i), field(vy, i)) {
					return fmt.Sprintf("entry %q: field %s differs", id, name)
				}
			}
		}
	}
	return ""
}

func scoreIndexDiff(a, b *scoreIndex) string {
	if len(a.ids) != len(b.ids) || a.phrasings != b.phrasings || a.entries != b.entries {
		return "sizes differ"
	}
	for t, i := range a.ids {
		j, ok := b.ids[t]
		if !ok {
			return fmt.Sprintf("term %q missing", t)
		}
		if !slices.Equal(a.qv[i], b.qv[j]) || !slices.Equal(a.av[i], b.av[j]) || !slices.Equal(a.phr[i], b.phr[j]) {
			return fmt.Sprintf("postings of %q differ", t)
		}
	}
	if n := reflect.TypeOf(scoreIndex{}).NumField(); n != 6 {
		return fmt.Sprintf("scoreIndex has %d fields; scoreIndexDiff compares 6: compare the new one", n)
	}
	return ""
}

// TestSnapshotAnswers: the loaded and the built engine give the same
// answer, byte for byte, to every training question (testdata/*.tsv, not
// the validation split) and every phrasing of the corpus.
func TestSnapshotAnswers(t *testing.T) {
	es, built, loaded := builtAndLoaded(t)
	var qs []string
	files, _ := filepath.Glob("testdata/*.tsv")
	for _, f := range files {
		for _, c := range loadEval(t, f) {
			qs = append(qs, c.question)
		}
	}
	for _, e := range es {
		qs = append(qs, e.Questions...)
		qs = append(qs, "#"+e.ID)
	}
	if len(qs) < 5000 {
		t.Fatalf("only %d questions", len(qs))
	}
	ctx := context.Background()
	for _, q := range qs {
		a, err := built.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		b, err := loaded.Answer(ctx, q, "")
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("%q:\nbuilt  %s\nloaded %s", q, ja, jb)
		}
	}
	t.Logf("%d questions, same answers", len(qs))
}

// TestSnapshotUsed: the program's engine (the embedded corpus, default
// facts, nothing learned) comes from the snapshot; any other corpus is
// built and says why.
func TestSnapshotUsed(t *testing.T) {
	ctx := context.Background()
	es, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	if es, err = WithFacts(es, nil); err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(ctx, es)
	if err != nil {
		t.Fatal(err)
	}
	if e.IndexSource() != "snapshot" {
		t.Fatalf("IndexSource %q, want snapshot", e.IndexSource())
	}
	// Other facts, one entry less, one learned: built.
	other, err := WithFacts(es, Facts{"interessefrist": {NB: "1. oktober", EN: "1 October"}})
	if err != nil {
		t.Fatal(err)
	}
	learned := append(slices.Clone(es), Entry{ID: "laert", Questions: []string{"hvor er kaffen?"}, Answer: Texts{NB: "På kjøkkenet."}, Learned: true})
	for name, c := range map[string][]Entry{"facts": other, "fewer": es[1:], "learned": learned} {
		e, err := NewEngine(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(e.IndexSource(), "built: ") {
			t.Errorf("%s: IndexSource %q, want built", name, e.IndexSource())
		}
		if e.Len() != len(c) {
			t.Errorf("%s: %d entries, want %d", name, e.Len(), len(c))
		}
	}
}

// TestSnapshotDamaged: a snapshot cut short or with any byte changed is
// refused (its checksum, key or layout) and the engine is built instead.
func TestSnapshotDamaged(t *testing.T) {
	es, built, _ := builtAndLoaded(t)
	key := sourceKey()
	data := snapshotData
	cases := map[string]string{"empty": "", "cut": data[:len(data)/2], "header only": data[:len(snapshotMagic)+3]}
	for _, at := range []int{0, len(snapshotMagic), len(snapshotMagic) + 5, len(snapshotMagic) + 40, 1000, len(data) / 3, len(data) - 1} {
		b := []byte(data)
		b[at] ^= 0x55
		cases[fmt.Sprintf("byte %d", at)] = string(b)
	}
	for name, d := range cases {
		if e, why := decodeEngine(openSnapshot(d, key), es, built.gate); e != nil || why == "" {
			t.Errorf("%s: loaded a damaged snapshot", name)
		}
	}
	var other [snapKeyLen]byte
	if e, why := decodeEngine(openSnapshot(data, other), es, built.gate); e != nil || !strings.Contains(why, "go generate ./faq") {
		t.Errorf("another key: %v, %q", e, why)
	}
}

// FuzzSnapshotDecode: whatever the data after the header (no key or
// checksum to stop it), decoding returns an engine or an error; it never
// panics, hangs or allocates beyond the data.
func FuzzSnapshotDecode(f *testing.F) {
	small := []Entry{
		{ID: "frist", Questions: []string{"Når er fristen?", "when is the deadline"}, Answer: Texts{NB: "15. september.", EN: "15 September."}},
		{ID: "hvem", Section: "Om", Questions: []string{"Hvem kan være med?"}, Answer: Texts{NB: "Alle kommuner.", NN: "Alle kommunar."}},
	}
	e, err := buildEngine(context.Background(), small, nil)
	if err != nil {
		f.Fatal(err)
	}
	b, err := encodeSnapshot([snapKeyLen]byte{}, small, map[string]bool{"deadline": true}, e)
	if err != nil {
		f.Fatal(err)
	}
	head := len(snapshotMagic) + 1 + snapKeyLen + 4
	f.Add(b[head:])
	f.Add([]byte(snapshotData[head : head+4000]))
	f.Fuzz(func(t *testing.T, rest []byte) {
		tab := readTable(string(rest))
		es, _, r, err := tab.corpus()
		if err != nil {
			return
		}
		if e, err := decodeIndex(r, es, nil); err == nil && e.Len() != len(es) {
			t.Fatalf("%d entries indexed of %d", e.Len(), len(es))
		}
	})
}

// TestSnapshotSmall round-trips a small corpus through encode and decode.
func TestSnapshotSmall(t *testing.T) {
	small := []Entry{
		{ID: "frist", Questions: []string{"Når er fristen?", "when is the deadline", "hvor mange kommuner er med"}, Answer: Texts{NB: "15. september.", EN: "15 September."}},
		{ID: "hvem", Section: "Om", Questions: []string{"Hvem kan være med?", "når er fristen"}, Answer: Texts{NB: "Alle kommuner.", NN: "Alle kommunar."}},
	}
	e, err := buildEngine(context.Background(), small, nil)
	if err != nil {
		t.Fatal(err)
	}
	var key [snapKeyLen]byte
	b, err := encodeSnapshot(key, small, nil, e)
	if err != nil {
		t.Fatal(err)
	}
	l, why := decodeEngine(openSnapshot(string(b), key), small, nil)
	if l == nil {
		t.Fatal(why)
	}
	if d := engineDiff(e, l); d != "" {
		t.Fatal(d)
	}
}

// TestRawIndexNumbering: the word-for-word index numbers its words the
// same way in every engine of the same corpus, built or loaded. Numbered
// in a map's order, the weighted closeness summed its idfs in another
// order from one start to the next, and a tie turned on the last bit
// ("avlys samling 3" went to one entry or the other).
func TestRawIndexNumbering(t *testing.T) {
	_, built, loaded := builtAndLoaded(t)
	_, built2, _ := builtAndLoaded(t)
	want := built.raw().ids
	for i, e := range []*Engine{loaded, built2} {
		got := e.raw().ids
		if len(got) != len(want) {
			t.Fatalf("engine %d: %d words, want %d", i, len(got), len(want))
		}
		for w, id := range want {
			if got[w] != id {
				t.Fatalf("engine %d numbers %q %d, the first engine %d", i, w, got[w], id)
			}
		}
	}
}
