package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
)

// Personal data is found by convention, not by a list: every column that
// holds a user key ends in "_by" (created_by, answered_by, asked_by, ...)
// and every column holding a person's display name ends in "_name". That
// way tables added by later migrations (FAQ, digest, documents) are covered
// by mine-data and slett-meg without touching this file.

// PersonalData is everything the bot holds about one user key.
type PersonalData struct {
	Key     string   `json:"key"`
	Profile *Profile `json:"profile,omitempty"`
	// Tables maps a table name to the rows that point at the user, each
	// row as column -> value.
	Tables map[string][]map[string]any `json:"tables"`
}

// Count is the number of records held about the user, profile included.
func (p PersonalData) Count() int {
	n := 0
	if p.Profile != nil {
		n++
	}
	for _, rows := range p.Tables {
		n += len(rows)
	}
	return n
}

// TableNames lists the tables with records about the user, sorted.
func (p PersonalData) TableNames() []string {
	var out []string
	for t, rows := range p.Tables {
		if len(rows) > 0 {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

type personalTable struct {
	name    string
	byCols  []string
	notNull map[string]bool
	nameCol []string
	// owner is the column saying who wrote the row (created_by, asked_by);
	// context are columns that point to that person without naming them:
	// where they asked (channel, thread) and how to reach them (contact,
	// comment). They are blanked only in the owner's rows: an admin who
	// withdrew someone else's registration does not empty its contact.
	owner   string
	context []string
}

// contextCols are the columns blanked with the owner's key (see owner).
var contextCols = map[string]bool{"channel": true, "thread": true, "contact": true, "comment": true}

// personalTables finds the tables with user-key columns.
func personalTables(ctx context.Context, q querier) ([]personalTable, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []personalTable
	for _, n := range names {
		if n == "users" {
			continue // the profile, handled on its own
		}
		cols, err := q.QueryContext(ctx, `SELECT name, "notnull" FROM pragma_table_info(?)`, n)
		if err != nil {
			return nil, err
		}
		t := personalTable{name: n, notNull: map[string]bool{}}
		for cols.Next() {
			var c string
			var nn int
			if err := cols.Scan(&c, &nn); err != nil {
				cols.Close()
				return nil, err
			}
			lc := strings.ToLower(c)
			switch {
			case strings.HasSuffix(lc, "_by"):
				t.byCols = append(t.byCols, c)
				t.notNull[c] = nn == 1
			case strings.HasSuffix(lc, "_name"):
				t.nameCol = append(t.nameCol, c)
			case contextCols[lc]:
				t.context = append(t.context, c)
			}
			if lc == "created_by" || lc == "asked_by" {
				t.owner = c
			}
		}
		cols.Close()
		if len(t.byCols) > 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

// personalSelect reads a table's rows for mine-data where its columns
// are not what it holds. The answer log names each answer's text by id
// (migration 094); the user is shown the text, under the column it had.
var personalSelect = map[string]string{
	"answers": `SELECT a.id, a.question, a.lang, a.answered, a.path, a.entry_id, a.score, COALESCE(t.text, '') AS answer,
		a.asked_by, a.platform, a.created_at FROM answers a LEFT JOIN answer_texts t ON t.id = a.text_id`,
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func (t personalTable) where() string {
	parts := make([]string, len(t.byCols))
	for i, c := range t.byCols {
		parts[i] = quoteIdent(c) + " = ?"
	}
	return strings.Join(parts, " OR ")
}

func (t personalTable) args(key string) []any {
	args := make([]any, len(t.byCols))
	for i := range args {
		args[i] = key
	}
	return args
}

// MyData collects everything held about a user key, across every table.
func (db *DB) MyData(ctx context.Context, key string) (PersonalData, error) {
	pd := PersonalData{Key: key, Tables: map[string][]map[string]any{}}
	if p, ok, err := db.UserProfile(ctx, key); err != nil {
		return pd, err
	} else if ok {
		pd.Profile = &p
	}
	if key == "" {
		return pd, nil
	}
	tables, err := personalTables(ctx, db.r)
	if err != nil {
		return pd, FormatError(err)
	}
	for _, t := range tables {
		from := `SELECT * FROM ` + quoteIdent(t.name)
		if q, ok := personalSelect[t.name]; ok {
			from = q
		}
		rows, err := db.r.QueryContext(ctx, from+` WHERE `+t.where(), t.args(key)...)
		if err != nil {
			return pd, FormatError(err)
		}
		recs, err := scanMaps(rows)
		if err != nil {
			return pd, FormatError(err)
		}
		if len(recs) > 0 {
			pd.Tables[t.name] = recs
		}
	}
	return pd, nil
}

func scanMaps(rows *sql.Rows) ([]map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				// Embeddings and other blobs: say what is there, not the bytes.
				vals[i] = "(" + itoa(int64(len(b))) + " bytes)"
			}
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ForgetResult counts what ForgetUser changed, per table.
type ForgetResult struct {
	Profile bool             `json:"profile"` // the users row was deleted
	Tables  map[string]int64 `json:"tables"`  // records no longer pointing at the user
}

// Total is the number of records changed or deleted.
func (f ForgetResult) Total() int64 {
	var n int64
	if f.Profile {
		n++
	}
	for _, c := range f.Tables {
		n += c
	}
	return n
}

// ForgetUser removes a user's personal data in one transaction: the
// profile is deleted; records they wrote are kept for the programme but
// their user-key columns become NULL (an empty string where the column
// must not be NULL), their name columns empty, and in the rows they wrote
// the channel and thread they asked in and the contact and comment they
// gave are emptied too. The database runs with secure_delete, so the old
// values are overwritten in the file, not only unlinked.
func (db *DB) ForgetUser(ctx context.Context, key string) (ForgetResult, error) {
	res := ForgetResult{Tables: map[string]int64{}}
	if key == "" {
		return res, nil
	}
	err := db.update(ctx, func(tx *sql.Tx) error {
		tables, err := personalTables(ctx, tx)
		if err != nil {
			return FormatError(err)
		}
		for _, t := range tables {
			// Where they asked and how to reach them, in their own rows,
			// while the rows still say whose they are.
			if t.owner != "" && len(t.context) > 0 {
				sets := make([]string, len(t.context))
				for i, c := range t.context {
					sets[i] = quoteIdent(c) + " = ''"
				}
				if _, err := tx.ExecContext(ctx, `UPDATE `+quoteIdent(t.name)+` SET `+strings.Join(sets, ", ")+` WHERE `+quoteIdent(t.owner)+` = ?`, key); err != nil {
					return FormatError(err)
				}
			}
			// Names first: afterwards the rows no longer say whose they were.
			if len(t.nameCol) > 0 {
				sets := make([]string, len(t.nameCol))
				for i, c := range t.nameCol {
					sets[i] = quoteIdent(c) + " = ''"
				}
				if _, err := tx.ExecContext(ctx, `UPDATE `+quoteIdent(t.name)+` SET `+strings.Join(sets, ", ")+` WHERE `+t.where(), t.args(key)...); err != nil {
					return FormatError(err)
				}
			}
			var n int64
			for _, c := range t.byCols {
				blank := "NULL"
				if t.notNull[c] {
					blank = "''"
				}
				r, err := tx.ExecContext(ctx, `UPDATE `+quoteIdent(t.name)+` SET `+quoteIdent(c)+` = `+blank+` WHERE `+quoteIdent(c)+` = ?`, key)
				if err != nil {
					return FormatError(err)
				}
				k, _ := r.RowsAffected()
				n += k
			}
			if n > 0 {
				res.Tables[t.name] = n
			}
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM users WHERE key = ?`, key)
		if err != nil {
			return FormatError(err)
		}
		k, _ := r.RowsAffected()
		res.Profile = k > 0
		return nil
	})
	return res, err
}
