package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// Export kinds: the names used by `kulturbot export` and /kulturbot eksport.
const (
	ExportRSVP      = "rsvp"
	ExportInterest  = "interesse"
	ExportMentoring = "veiledning"
)

// ExportKinds lists the export kinds in the order they are documented.
var ExportKinds = []string{ExportRSVP, ExportInterest, ExportMentoring}

// exportHeaders are the first CSV row of each export; spreadsheets made by
// the working group depend on these names, so they never change.
var exportHeaders = map[string][]string{
	// RSVP: "avlyst" (ja when the gathering is cancelled) came last, after
	// the others, so sheets that read columns by position still work.
	// overnatting is ja, nei, empty (not said) or the number of people who
	// need a bed when only some of them do.
	ExportRSVP:      {"samling_id", "samling", "dato", "kommune", "svar", "antall", "overnatting", "svart_av", "oppdatert", "avlyst"},
	ExportInterest:  {"id", "fylke", "kommuner", "kontakt", "kommentar", "sen", "trukket", "registrert_av", "registrert"},
	ExportMentoring: {"id", "kommune", "dato", "minutter", "tema", "notat", "veileder", "registrert"},
}

// ExportHeader returns the column names of an export kind (nil if unknown).
func ExportHeader(kind string) []string { return exportHeaders[kind] }

// ExportKind normalises a kind as typed ("RSVP", "interest", "mentoring").
func ExportKind(s string) (string, bool) {
	switch bot.Fold(s) {
	case "rsvp", "svar", "pamelding":
		return ExportRSVP, true
	case "interesse", "interest", "interests":
		return ExportInterest, true
	case "veiledning", "mentoring":
		return ExportMentoring, true
	}
	return "", false
}

// utf8BOM makes Excel (set to Norwegian) read the file as UTF-8.
const utf8BOM = "\uFEFF"

// Export writes one kind of records as CSV that opens correctly in Excel
// set to Norwegian: UTF-8 with BOM, ';' between fields, CRLF line ends,
// dates YYYY-MM-DD, times YYYY-MM-DD HH:MM in Oslo time. It returns the
// number of records written (the header not counted).
func (db *DB) Export(ctx context.Context, kind string, w io.Writer) (int, error) {
	header, ok := exportHeaders[kind]
	if !ok {
		return 0, &UnknownExportError{Kind: kind}
	}
	rows, err := db.exportRows(ctx, kind)
	if err != nil {
		return 0, err
	}
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	for _, row := range rows {
		for i, c := range row {
			row[i] = spreadsheetSafe(c)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return 0, err
	}
	return len(rows), cw.Error()
}

// spreadsheetSafe keeps a cell from being read as a formula: Excel and
// LibreOffice evaluate a cell starting with = + - @ (and, after a tab or
// carriage return, what follows), so "=HYPERLINK(…)" in a comment or a
// display name would run, and a phone number "+47 …" or a theme
// "- Oppfølging" breaks. A leading apostrophe makes the spreadsheet show
// the text as it is (OWASP's advice for CSV injection).
func spreadsheetSafe(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}

// ExportBytes is Export into memory (for a file attached to a reply).
func (db *DB) ExportBytes(ctx context.Context, kind string) ([]byte, int, error) {
	var b bytes.Buffer
	n, err := db.Export(ctx, kind, &b)
	if err != nil {
		return nil, 0, err
	}
	return b.Bytes(), n, nil
}

func (db *DB) exportRows(ctx context.Context, kind string) ([][]string, error) {
	var out [][]string
	switch kind {
	case ExportRSVP:
		gs, err := db.Gatherings(ctx, GatheringFilter{IncludeCancelled: true})
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			rs, err := db.RSVPs(ctx, g.ID)
			if err != nil {
				return nil, err
			}
			for _, r := range rs {
				overnight := csvBool(r.Overnight)
				if r.Answer != AnswerNo && r.Overnight != nil && *r.Overnight && r.Beds() < r.Headcount {
					overnight = strconv.Itoa(r.Beds())
				}
				cancelled := ""
				if g.Cancelled() {
					cancelled = "ja"
				}
				out = append(out, []string{itoa(g.ID), g.Name, csvDay(g.Date), r.Municipality.Name, r.Answer,
					strconv.Itoa(r.Headcount), overnight, who(r.AnsweredName, r.AnsweredBy), csvTime(r.UpdatedAt), cancelled})
			}
		}
	case ExportInterest:
		is, err := db.Interests(ctx, InterestFilter{IncludeWithdrawn: true})
		if err != nil {
			return nil, err
		}
		for _, i := range is {
			late := i.Late
			out = append(out, []string{itoa(i.ID), i.County, MunicipalityNames(i.Municipalities), i.Contact, i.Comment,
				csvBool(&late), csvTime(i.WithdrawnAt), who(i.CreatedName, i.CreatedBy), csvTime(i.CreatedAt)})
		}
	case ExportMentoring:
		ms, err := db.MentoringSessions(ctx, MentoringFilter{})
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			out = append(out, []string{itoa(m.ID), m.Municipality.Name, csvDay(m.Date), strconv.Itoa(m.Minutes), m.Topic, m.Note,
				who(m.CreatedName, m.CreatedBy), csvTime(m.CreatedAt)})
		}
	}
	return out, nil
}

// who shows a display name, or the user key when no name was known.
func who(name, key string) string {
	if name != "" {
		return name
	}
	return key
}

func csvDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(bot.Oslo).Format("2006-01-02")
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(bot.Oslo).Format("2006-01-02 15:04")
}

func csvBool(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "ja"
	}
	return "nei"
}
