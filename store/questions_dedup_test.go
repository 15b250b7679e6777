package store

import (
	"context"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// TestQuestionDedup: the same open question is one case with a count, and
// the answer knows everyone who asked.
func TestQuestionDedup(t *testing.T) {
	ctx := context.Background()
	db := openQ(t)
	kari := Author{Key: "slack:U1", Name: "Kari", Platform: bot.Slack}
	ola := Author{Key: "discord:U2", Name: "Ola", Platform: bot.Discord}
	admin := Author{Key: "slack:ADM", Platform: bot.Slack}
	add := func(text string, a Author, ch string) int64 {
		t.Helper()
		id, err := db.AddQuestion(ctx, Question{Question: text, Lang: "nb", Asker: a, Channel: ch, Thread: "T"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	first := add("Får vi parkering ved samlingen?", kari, "C1")
	if id := add("far vi  parkering ved samlingen", ola, "d1"); id != first {
		t.Fatalf("same words, other asker: case %d, want %d", id, first)
	}
	if id := add("FÅR VI PARKERING VED SAMLINGEN!!", kari, "C1"); id != first {
		t.Fatalf("same asker again: case %d", id)
	}
	other := add("Får vi parkering ved hotellet?", kari, "C1")
	if other == first {
		t.Fatal("a different question joined the case")
	}
	open, err := db.OpenQuestions(ctx, 0)
	if err != nil || len(open) != 2 {
		t.Fatalf("open %d, %v", len(open), err)
	}
	if open[0].ID != first || open[0].Asks != 3 || open[1].Asks != 1 {
		t.Fatalf("asks: %+v", open)
	}
	var askers int
	db.Reader().QueryRow(`SELECT COUNT(*) FROM question_askers`).Scan(&askers)
	if askers != 1 {
		t.Fatalf("%d extra askers stored; the same person in the same place counts once", askers)
	}

	q, err := db.AnswerQuestion(ctx, first, "Ja.", admin, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Others) != 1 || q.Others[0].Asker.Key != ola.Key || q.Others[0].Channel != "d1" || q.Others[0].Question != "far vi  parkering ved samlingen" {
		t.Fatalf("others %+v", q.Others)
	}
	// Answered, the same words asked again are a new case.
	if id := add("Får vi parkering ved samlingen?", ola, "d1"); id == first {
		t.Fatal("an answered case was reopened")
	}

	t.Run("ForgetUserReachesOtherAskers", func(t *testing.T) {
		if _, err := db.ForgetUser(ctx, ola.Key); err != nil {
			t.Fatal(err)
		}
		var n int
		db.Reader().QueryRow(`SELECT COUNT(*) FROM question_askers WHERE asked_by = ? OR asked_name = 'Ola'`, ola.Key).Scan(&n)
		if n != 0 {
			t.Fatalf("%d rows still name the forgotten asker", n)
		}
	})
	t.Run("PurgeTakesOtherAskersAlong", func(t *testing.T) {
		add("Et spørsmål ingen svarer på", kari, "C1")
		add("et spørsmål ingen svarer på", ola, "d1")
		db.Now = func() time.Time { return time.Date(2026, 2, 6, 13, 5, 0, 0, time.UTC) }
		if _, err := db.PurgeQuestions(ctx, 24*time.Hour); err != nil {
			t.Fatal(err)
		}
		var n int
		db.Reader().QueryRow(`SELECT COUNT(*) FROM question_askers WHERE question_id NOT IN (SELECT id FROM questions)`).Scan(&n)
		if n != 0 {
			t.Fatalf("%d askers left of purged questions", n)
		}
	})
}
