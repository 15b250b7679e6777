package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/store"
)

// formulaStart is what makes Excel and LibreOffice Calc evaluate a cell
// of an imported CSV (a tab or CR first is stripped, and what follows
// evaluated).
const formulaStart = "=+-@\t\r"

// readAsSpreadsheet opens an export the way a spreadsheet imports it: the
// BOM says UTF-8, ';' separates fields, quotes are CSV quotes. It returns
// every cell, and fails the test for any cell the spreadsheet would
// evaluate as a formula.
func readAsSpreadsheet(t *testing.T, kind string, b []byte) [][]string {
	t.Helper()
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: not valid CSV: %v", kind, err)
	}
	for i, row := range rows {
		for j, c := range row {
			if c != "" && strings.ContainsRune(formulaStart, rune(c[0])) {
				t.Errorf("%s row %d column %q: %q would be evaluated as a formula", kind, i, rows[0][j], c)
			}
		}
	}
	return rows
}

// TestExportsAreSpreadsheetSafe writes hostile and merely unlucky values
// (a formula, a phone number "+47 …", a theme "- Oppfølging", a display
// name "@…", a tab or CR first) into every export and reads each export
// back as a spreadsheet would: no cell is a formula, and each shows the
// text as it was typed, after the apostrophe that Excel hides.
func TestExportsAreSpreadsheetSafe(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	w := db.Writer()
	const ts = "2025-01-01T10:00:00.000000Z"
	values := map[string]string{
		"gathering": `=HYPERLINK("https://evil.example","Klikk")`,
		"answered":  "+47 99 88 77 66",
		"contact":   "+47 91 23 45 67",
		"comment":   `=cmd|' /C calc'!A0`,
		"creator":   "@SUM(1+1)*cmd",
		"topic":     "- Oppfølging",
		"note":      "\t=1+1",
		"mentor":    "\r=2+2",
	}
	for _, q := range []string{
		`INSERT INTO municipalities (name, fold, platform, created_at) VALUES ('Testkommune', 'testkommune-x', 'slack', '` + ts + `')`,
		`INSERT INTO gatherings (name, date, place, platform, created_at) VALUES ('` + strings.ReplaceAll(values["gathering"], "'", "''") + `', '2099-02-04', 'Bodø', 'slack', '` + ts + `')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := w.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustExec(`INSERT INTO rsvps (gathering_id, municipality_id, answer, headcount, answered_by, answered_name, platform, created_at, updated_at)
		VALUES ((SELECT id FROM gatherings), (SELECT id FROM municipalities WHERE fold = 'testkommune-x'), 'ja', 2, 'slack:U1', ?, 'slack', ?, ?)`, values["answered"], ts, ts)
	mustExec(`INSERT INTO interests (county, contact, comment, created_by, created_name, platform, created_at, updated_at) VALUES ('Nordland', ?, ?, 'slack:U2', ?, 'slack', ?, ?)`,
		values["contact"], values["comment"], values["creator"], ts, ts)
	mustExec(`INSERT INTO interest_municipalities (interest_id, municipality_id, position) VALUES ((SELECT id FROM interests), (SELECT id FROM municipalities WHERE fold = 'testkommune-x'), 0)`)
	mustExec(`INSERT INTO mentoring (municipality_id, date, minutes, topic, note, created_by, created_name, platform, created_at) VALUES ((SELECT id FROM municipalities WHERE fold = 'testkommune-x'), '2025-01-02', 60, ?, ?, 'slack:U3', ?, 'slack', ?)`,
		values["topic"], values["note"], values["mentor"], ts)

	seen := map[string]bool{}
	for _, kind := range store.ExportKinds {
		b, n, err := db.ExportBytes(ctx, kind)
		if err != nil || n == 0 {
			t.Fatalf("%s: %d rows, %v", kind, n, err)
		}
		rows := readAsSpreadsheet(t, kind, b)
		if len(rows[0]) != len(store.ExportHeader(kind)) {
			t.Errorf("%s header %v", kind, rows[0])
		}
		for _, row := range rows[1:] {
			for _, c := range row {
				shown := strings.TrimPrefix(c, "'") // Excel hides the apostrophe
				for name, v := range values {
					// encoding/csv drops a lone CR when it writes CRLF lines.
					if strings.Contains(shown, strings.ReplaceAll(v, "\r", "")) {
						seen[name] = true
					}
				}
			}
		}
	}
	for name := range values {
		if !seen[name] {
			t.Errorf("%s (%q) is not shown as typed in any export", name, values[name])
		}
	}
}
