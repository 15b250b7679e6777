package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

func openQ(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2025, 2, 6, 13, 5, 0, 0, time.UTC) }
	return db
}

func TestQuestionLoop(t *testing.T) {
	ctx := context.Background()
	db := openQ(t)
	asker := Author{Key: "slack:U1", Name: "Kari", Platform: bot.Slack}
	admin := Author{Key: "slack:ADM", Name: "Ola", Platform: bot.Slack}

	if _, err := db.AddQuestion(ctx, Question{Question: "  ", Asker: asker}); bot.ErrorCode(err) != bot.EInvalid {
		t.Fatalf("empty question: %v", err)
	}
	id, err := db.AddQuestion(ctx, Question{Question: "Får vi parkering?", Lang: "nb", Asker: asker, Channel: "C1", Thread: "T1"})
	if err != nil {
		t.Fatal(err)
	}
	open, err := db.OpenQuestions(ctx, 0)
	if err != nil || len(open) != 1 {
		t.Fatalf("%v %v", open, err)
	}
	q := open[0]
	if q.ID != id || q.Asker != asker || q.Channel != "C1" || q.Thread != "T1" || !q.Open() || !q.Created.Equal(db.Now()) {
		t.Fatalf("%+v", q)
	}

	t.Run("AnswerStoresEntryInOneTransaction", func(t *testing.T) {
		e := &FAQEntry{ID: "svar-1", Question: q.Question, AnswerNB: "Ja.", AnswerEN: "Ja.", Lang: "nb", Source: "Arbeidsgruppen"}
		got, err := db.AnswerQuestion(ctx, id, " Ja. ", admin, e)
		if err != nil || got.Answer != "Ja." || got.Open() || got.AnsweredBy != admin.Key {
			t.Fatalf("%+v %v", got, err)
		}
		es, err := db.FAQEntries(ctx)
		if err != nil || len(es) != 1 || es[0].ID != "svar-1" || es[0].QuestionID != id || es[0].Author.Key != admin.Key {
			t.Fatalf("%+v %v", es, err)
		}
		if open, _ := db.OpenQuestions(ctx, 10); len(open) != 0 {
			t.Fatalf("still open %+v", open)
		}
	})
	t.Run("AnswerTwiceIsConflictAndWritesNothing", func(t *testing.T) {
		_, err := db.AnswerQuestion(ctx, id, "Nei.", admin, &FAQEntry{ID: "svar-x", Question: "x", AnswerNB: "y", Lang: "nb"})
		if bot.ErrorCode(err) != bot.EConflict {
			t.Fatalf("%v", err)
		}
		if es, _ := db.FAQEntries(ctx); len(es) != 1 {
			t.Fatalf("entry written on conflict: %+v", es)
		}
	})
	t.Run("UnknownOrEmpty", func(t *testing.T) {
		if _, err := db.AnswerQuestion(ctx, 99, "x", admin, nil); bot.ErrorCode(err) != bot.ENotFound {
			t.Errorf("%v", err)
		}
		if _, err := db.AnswerQuestion(ctx, id, "  ", admin, nil); bot.ErrorCode(err) != bot.EInvalid {
			t.Errorf("%v", err)
		}
		if _, err := db.Question(ctx, 99); bot.ErrorCode(err) != bot.ENotFound {
			t.Errorf("%v", err)
		}
	})
}

func TestVote(t *testing.T) {
	ctx := context.Background()
	db := openQ(t)
	u1 := Author{Key: "slack:U1", Platform: bot.Slack}
	u2 := Author{Key: "discord:2", Platform: bot.Discord}
	aid, err := db.LogAnswer(ctx, AnswerLog{Question: "Hva er en region?", Lang: "nb", Answered: true, Path: "faq", EntryID: "region", Score: 0.9, Answer: "Tre eller flere.", Author: u1})
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Answer(ctx, aid)
	if err != nil || !a.Answered || a.EntryID != "region" || a.Author.Key != u1.Key {
		t.Fatalf("%+v %v", a, err)
	}
	v, err := db.Vote(ctx, aid, true, u1)
	if err != nil || v.Replaced || v.Value != 1 || v.EntryID != "region" {
		t.Fatalf("%+v %v", v, err)
	}
	v, err = db.Vote(ctx, aid, false, u1)
	if err != nil || !v.Replaced || v.Value != -1 {
		t.Fatalf("re-click must replace: %+v %v", v, err)
	}
	if _, err := db.Vote(ctx, aid, true, u2); err != nil {
		t.Fatal(err)
	}
	var n, sum int
	db.Reader().QueryRow(`SELECT COUNT(*), SUM(vote) FROM feedback WHERE answer_id = ?`, aid).Scan(&n, &sum)
	if n != 2 || sum != 0 {
		t.Fatalf("votes %d sum %d", n, sum)
	}
	if _, err := db.Vote(ctx, 999, true, u1); bot.ErrorCode(err) != bot.ENotFound {
		t.Fatalf("%v", err)
	}
}
