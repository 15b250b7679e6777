package handlers_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
)

func TestSvarWithoutArgumentsSaysWhatIsMissing(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := bot.NewRouter(nil)
	handlers.Register(r, &handlers.Deps{DB: db})
	rep := r.Handle(context.Background(), &bot.Request{Platform: bot.Console, User: bot.User{ID: "console", Admin: true}, Command: "kulturbot", Text: "svar"})
	if rep.Error == nil || rep.Error.Code != bot.EInvalid || strings.Contains(rep.Text, "«»") || !strings.Contains(rep.Text, "/kulturbot svar 12") {
		t.Fatalf("reply = %q (%+v)", rep.Text, rep.Error)
	}
}
