package faq

import (
	"context"
	"runtime"
	"strings"
	"testing"
)

// TestClassifierFresh fits the classifier again on the training sets and
// holds the embedded faq/classifier.bin to it: a corpus, lexicon or
// training-set change without `go generate ./faq` fails here. Weights may
// differ by one unit off amd64 (a fused multiply-add rounds differently);
// the classes and features may not.
func TestClassifierFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the classifier (-short)")
	}
	b, err := FitClassifier("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if string(b) == classifierData {
		return
	}
	fresh, err := decodeClassifier(string(b))
	if err != nil {
		t.Fatal(err)
	}
	old, err := decodeClassifier(classifierData)
	if err != nil {
		t.Fatalf("embedded: %v (run go generate ./faq)", err)
	}
	if strings.Join(fresh.classes, " ") != strings.Join(old.classes, " ") || len(fresh.feat) != len(old.feat) {
		t.Fatalf("classes or features differ: run go generate ./faq")
	}
	for f, r := range fresh.feat {
		if o, ok := old.feat[f]; !ok || o != r {
			t.Fatalf("feature %q differs: run go generate ./faq", f)
		}
	}
	if runtime.GOARCH == "amd64" {
		t.Fatal("weights differ: run go generate ./faq")
	}
	for i, v := range fresh.w {
		if d := int(v) - int(old.w[i]); d < -1 || d > 1 {
			t.Fatalf("weight %d: %d, embedded %d: run go generate ./faq", i, v, old.w[i])
		}
	}
}

func TestClassifierDecodeRefusesDamage(t *testing.T) {
	if defaultClassifier() == nil {
		t.Fatal("the embedded classifier does not decode")
	}
	d := classifierData
	for _, s := range []string{"", "kulturbot", d[:len(d)/2], d[:len(d)-1], d + "x", "x" + d[1:], strings.Replace(d, "\n\x01", "\n\x02", 1)} {
		if _, err := decodeClassifier(s); err == nil {
			t.Errorf("decoded a damaged classifier of %d bytes", len(s))
		}
	}
}

func FuzzDecodeClassifier(f *testing.F) {
	f.Add(classifierData[:200])
	f.Add(classifierMagic + "\x01\x02\x01a\x04_out\x00\x00\x80\x3f\x01\x04bias\x01\x02")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeClassifier(s)
		if err != nil {
			return
		}
		var sc clfScratch
		z := c.probs(&sc, []Term{{Text: "a"}, {Text: "b"}})
		sum := 0.0
		for _, v := range z {
			sum += v
		}
		if len(z) != len(c.classes) || sum < 0.99 || sum > 1.01 {
			t.Fatalf("probabilities %v", z)
		}
	})
}

// TestSecondOpinion: training questions the classifier answers rightly
// where the engine alone was unsure, or sure of an entry that does not
// hold the fact asked for (moved to the right one, or left unsure);
// without it (clf nil) they are answered as before. An entry learned
// after the build gets no opinion (TestLearn: a learned answer is not
// left unsure for the classifier not knowing it).
func TestSecondOpinion(t *testing.T) {
	e := newTestEngine(t)
	if e.clf == nil {
		t.Fatal("the shipped corpus has no classifier")
	}
	clf := e.clf
	for _, c := range []struct{ q, with, without string }{
		// Lifted: unsure alone.
		{"har en ny kollega som ikke kan norsk – kan hun bruke deg på et annet språk?", "sprak", ""}, // blind101
		{"can tromsø be in region with kommuner from other fylke?", "region-oppsett", ""},            // blind102
		{"kan me slå oss i lag med kommunar over fylkesgrensa?", "region", ""},                       // TestNynorskReplies' old unsure question
		// Not sure after all: the classifier all but rules out what
		// participants commit to for a question about the programme's
		// value, and offers no other candidate it is sure of (blind102;
		// blind22's "Kan en kommune søke på egen hånd …", here before,
		// is now the rule on applying by itself, unsure.go).
		{"How does the council articulate the value of the programme for participating municipalities, and who is expected to define that value?", "", "krav"},
		// Moved: sure it is the entry on one model for all, not the
		// regional programmes (blind101; left unsure before the
		// classifier learned from the entries that hold the most facts).
		{"vi er en liten kommune med få ansatte – er det en fast modell alle må følge?", "en-modell", "regionale-program"},
		// Moved: sure of the number of places, asked who decides the region.
		{"Hvem avgjør hvilken region kommunen vår blir plassert i, og når vil dette være avklart?", "region-oppsett", "antall-plasser"}, // blind119
	} {
		for _, on := range []bool{true, false} {
			e.clf = nil
			want := c.without
			if on {
				e.clf, want = clf, c.with
			}
			a, err := e.Answer(context.Background(), c.q, "")
			if err != nil {
				t.Fatal(err)
			}
			if a.EntryID != want || a.Answered != (want != "") {
				t.Errorf("classifier %v: %q answered %v with %q, want %q", on, c.q, a.Answered, a.EntryID, want)
			}
		}
	}
	e.clf = clf
	// A veto stands: a detail the document does not give is not
	// answered however sure the classifier is of the entry.
	for _, q := range []string{"hvilket hotell skal vi bo på under samlingen?", "what is the name of the person who leads the working group?"} {
		qq, lang := e.prepare(q, "")
		j, err := e.judge(context.Background(), qq, lang)
		if err != nil {
			t.Fatal(err)
		}
		if !j.veto || j.liftable || j.switched {
			t.Errorf("%q: veto %v liftable %v switched %v", q, j.veto, j.liftable, j.switched)
		}
		j.release()
	}
	// Another corpus (other entry ids) decides without it.
	o, err := NewEngine(context.Background(), []Entry{{ID: "a", Questions: []string{"Hva er fristen?"}, Answer: Texts{NB: "1. mars."}}})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if o.clf != nil {
		t.Error("a corpus of other entries got the classifier")
	}
}

// BenchmarkDecodeClassifier is what the classifier adds to start-up: the
// embedded file decoded once (defaultClassifier), its features into a map.
func BenchmarkDecodeClassifier(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeClassifier(classifierData); err != nil {
			b.Fatal(err)
		}
	}
}
