// Package testutil holds what the tests of several packages share: a real
// SQLite database in a temp dir, Oslo times, a quiet logger, the seeded
// week the digest and scheduler tests read, and golden files.
package testutil

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/handlers"
	"github.com/kulturskoleradet/kulturbot/store"
)

// Oslo parses "2026-11-18 10:00" as Oslo time.
func Oslo(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, bot.Oslo)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// UTC is Oslo formatted the way the store keeps times.
func UTC(t testing.TB, s string) string {
	return Oslo(t, s).UTC().Format("2006-01-02T15:04:05.000000Z")
}

// OpenDB opens a database at path, closed when the test ends.
func OpenDB(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// QuietLog discards everything.
func QuietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// SeedWeek fills a database with a week of programme activity, written as SQL
// so the digest is tested against the tables themselves. The period under
// test is [Mon 16 Nov 2026 08:00, Mon 23 Nov 2026 08:00) Oslo time.
func SeedWeek(t testing.TB, db *store.DB) {
	t.Helper()
	before, during, after := UTC(t, "2026-11-10 12:00"), UTC(t, "2026-11-18 10:00"), UTC(t, "2026-11-23 09:00")
	during2 := UTC(t, "2026-11-20 14:30")
	stmts := []struct {
		q    string
		args []any
	}{
		// The register's rows, with small ids the seed can refer to.
		{`DELETE FROM municipalities`, nil},
		{`INSERT INTO municipalities (id, name, fold, number, created_at) VALUES
			(1, 'Bodø', '#1804', '1804', ?), (2, 'Fauske', '#1841', '1841', ?), (3, 'Saltdal', '#1840', '1840', ?),
			(4, 'Tromsø', '#5501', '5501', ?), (5, 'Alta', '#5601', '5601', ?), (6, 'Ørsta', '#1520', '1520', ?), (7, 'Ås', '#3218', '3218', ?)`,
			[]any{before, before, before, before, before, before, before}},
		{`INSERT INTO regions (id, name, fold, platform, created_at) VALUES (1, 'Salten', 'salten', 'console', ?), (2, 'Nord', 'nord', 'console', ?)`,
			[]any{before, before}},
		{`INSERT INTO region_municipalities (region_id, municipality_id) VALUES (1, 1), (1, 2), (1, 3), (2, 4), (2, 5), (2, 7)`, nil},
		{`INSERT INTO gatherings (id, name, date, place, region_id, deadline, platform, created_at) VALUES
			(1, 'Regionsamling Salten', '2026-12-03', 'Bodø', 1, '2026-11-26', 'console', ?),
			(2, 'Nasjonal samling', '2027-01-20', 'Oslo', NULL, NULL, 'console', ?),
			(4, 'Høstsamling', '2026-10-01', 'Alta', 2, NULL, 'console', ?)`,
			[]any{before, before, before}},
		{`INSERT INTO gatherings (id, name, date, place, region_id, deadline, cancelled_at, platform, created_at) VALUES
			(3, 'Avlyst samling', '2026-12-10', 'Tromsø', 2, '2026-12-01', ?, 'console', ?)`, []any{during, before}},
		{`INSERT INTO rsvps (gathering_id, municipality_id, answer, headcount, overnight, platform, created_at, updated_at) VALUES
			(1, 1, 'ja', 5, 1, 'slack', ?, ?), (1, 2, 'nei', 0, NULL, 'slack', ?, ?),
			(2, 4, 'kanskje', 2, NULL, 'discord', ?, ?), (2, 1, 'ja', 3, 0, 'slack', ?, ?)`,
			[]any{before, during, during, during, before, before, during2, during2}},
		{`INSERT INTO rsvp_history (gathering_id, municipality_id, answer, headcount, overnight, platform, created_at) VALUES
			(1, 1, 'kanskje', 2, NULL, 'slack', ?), (1, 1, 'ja', 5, 1, 'slack', ?), (1, 2, 'nei', 0, NULL, 'slack', ?),
			(2, 4, 'kanskje', 2, NULL, 'discord', ?), (2, 1, 'ja', 3, 0, 'slack', ?)`,
			[]any{before, during, during, before, during2}},
		{`INSERT INTO interests (id, county, contact, late, withdrawn_at, platform, created_at, updated_at) VALUES
			(1, 'Troms', 'kari@example.no', 0, ?, 'slack', ?, ?),
			(2, 'Nordland', 'ola@example.no', 1, NULL, 'slack', ?, ?),
			(3, 'Finnmark', '', 0, NULL, 'discord', ?, ?),
			(4, 'Vestland', '', 0, NULL, 'console', ?, ?),
			(5, 'Agder', '', 0, NULL, 'console', ?, ?)`,
			[]any{during, before, during, during, during, before, during2, before, before, after, after}},
		{`INSERT INTO interest_municipalities (interest_id, municipality_id, position) VALUES
			(1, 4, 0), (2, 1, 0), (2, 2, 1), (2, 3, 2), (3, 5, 0), (4, 6, 0), (5, 7, 0)`, nil},
		{`INSERT INTO mentoring (municipality_id, date, minutes, topic, platform, created_at) VALUES
			(1, '2026-11-17', 90, 'Oppstart', 'slack', ?), (1, '2026-11-19', 60, 'Plan', 'slack', ?),
			(4, '2026-11-20', 45, 'Rekruttering', 'discord', ?), (2, '2026-11-05', 30, 'Tidligere', 'slack', ?)`,
			[]any{during, during2, during2, before}},
		{`INSERT INTO questions (id, question, lang, asked_name, platform, created_at, answer, answered_at) VALUES
			(1, 'Får vi dekket reise til samlingene?', 'nb', 'Kari', 'slack', ?, NULL, NULL),
			(2, 'Hva er en region?', 'nb', 'Ola', 'slack', ?, 'Tre kommuner eller flere.', ?),
			(3, 'Kan vi bli med uten kulturskole i dag?', 'nb', '', 'discord', ?, NULL, NULL)`,
			[]any{during, before, during, before}},
		// Answer texts are stored once, named by id (store/answertext.go).
		{`INSERT INTO answer_texts (id, hash, text) VALUES
			(1, kulturbot_text_hash('Deltakelse er gratis.'), 'Deltakelse er gratis.'),
			(2, kulturbot_text_hash('Fristen er 15. september.'), 'Fristen er 15. september.')`, nil},
		{`INSERT INTO answers (id, question, lang, answered, path, entry_id, text_id, platform, created_at) VALUES
			(1, 'hva koster det å være med', 'nb', 1, 'faq', 'okonomi-1', 1, 'slack', ?),
			(2, 'når er fristen', 'nb', 1, 'faq', 'pamelding-2', 2, 'slack', ?)`,
			[]any{before, before}},
		{`INSERT INTO feedback (answer_id, entry_id, question, vote, voted_by, platform, created_at) VALUES
			(1, 'okonomi-1', 'hva koster det å være med', -1, 'slack:U1', 'slack', ?),
			(1, 'okonomi-1', 'hva koster det å være med', -1, 'slack:U2', 'slack', ?),
			(2, 'pamelding-2', 'når er fristen', 1, 'slack:U1', 'slack', ?),
			(2, 'pamelding-2', 'når er fristen', -1, 'slack:U3', 'slack', ?)`,
			[]any{during, during2, during, before}},
	}
	for _, s := range stmts {
		if _, err := db.Writer().Exec(s.q, s.args...); err != nil {
			t.Fatalf("seed: %v\n%s", err, s.q)
		}
	}
}

// Routes are the commands the handlers register (handlers/commands.go),
// without the free-text route: what the adapters' tests build their
// command trees and translations from.
func Routes() []*bot.Route {
	r := bot.NewRouter(nil)
	handlers.Register(r, &handlers.Deps{Log: QuietLog()})
	var out []*bot.Route
	for _, rt := range r.Routes() {
		if rt.Listed() {
			out = append(out, rt)
		}
	}
	return out
}
