package bot_test

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kulturskoleradet/kulturbot/bot"
)

var dumpMessages = flag.String("dump-messages", "", "write every message table of the tree as JSON to this file")

// table is one package's messages, read from its source: key -> {nb, en}.
type table map[string][2]string

// TestMessagesOfEachPackage reads every package of the tree and checks
// that each message key a package looks up with a literal is in its own
// tables (bot.T: the core's, handlers.Text: the handlers'; t is a
// package's own lookup), and that no key
// is written twice. With one table per package nothing is shared, so a key
// that lives in another package would show as the bare key.
func TestMessagesOfEachPackage(t *testing.T) {
	tables := map[string]table{} // package dir -> its messages
	type use struct {
		dir, pos, key, in string
	}
	var uses []use
	keyRE := regexp.MustCompile(`^[a-z]+(\.[a-z0-9_]+)+$`)
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || (strings.HasPrefix(n, ".") && n != "..") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if !isMessages(n.Type) {
					return true
				}
				if tables[dir] == nil {
					tables[dir] = table{}
				}
				for _, e := range n.Elts {
					kv := e.(*ast.KeyValueExpr)
					k := unquote(t, kv.Key)
					pair := kv.Value.(*ast.CompositeLit)
					var v [2]string
					for i, s := range pair.Elts {
						v[i] = unquote(t, s)
					}
					if _, dup := tables[dir][k]; dup {
						t.Errorf("%s: message %q written twice", fset.Position(kv.Pos()), k)
					}
					tables[dir][k] = v
				}
			case *ast.CallExpr:
				in := dir
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					x, ok := fn.X.(*ast.Ident)
					switch {
					case !ok:
						return true
					case x.Name == "bot" && fn.Sel.Name == "T":
						in = filepath.Join("..", "bot")
					case x.Name == "handlers" && fn.Sel.Name == "Text":
						in = filepath.Join("..", "handlers")
					case x.Name == "messages" && fn.Sel.Name == "T":
					default:
						return true
					}
				case *ast.Ident:
					// t is the handlers' lookup (and short local closures
					// over messages.T); T is the core's, inside bot.
					if fn.Name != "t" && (fn.Name != "T" || filepath.Base(dir) != "bot") {
						return true
					}
				default:
					return true
				}
				for _, a := range n.Args {
					if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if k := unquote(t, lit); keyRE.MatchString(k) {
							uses = append(uses, use{dir, fset.Position(lit.Pos()).String(), k, in})
						}
						break
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d message tables, %d lookups with a literal key", len(tables), len(uses))
	if len(tables) < 6 || len(uses) < 300 {
		t.Fatalf("found %d tables and %d lookups: the walk missed the tree", len(tables), len(uses))
	}
	for _, u := range uses {
		if _, ok := tables[u.in][u.key]; !ok {
			t.Errorf("%s: message %q is not in %s's tables", u.pos, u.key, u.in)
		}
	}
	// The same key in two packages is allowed (each reads its own), but
	// the tree has none: say so if that changes, so it is a choice.
	owner := map[string]string{}
	var dirs []string
	for d := range tables {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	all := table{}
	for _, d := range dirs {
		for k, v := range tables[d] {
			if o, ok := owner[k]; ok {
				t.Errorf("message %q is in %s and %s", k, o, d)
			}
			owner[k] = d
			all[k] = v
		}
	}
	if *dumpMessages != "" {
		b, _ := json.MarshalIndent(all, "", " ")
		if err := os.WriteFile(*dumpMessages, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func isMessages(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Messages"
	case *ast.SelectorExpr:
		return e.Sel.Name == "Messages"
	}
	return false
}

func unquote(t *testing.T, e ast.Expr) string {
	t.Helper()
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("message table entry %T is not a string literal", e)
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCatalogLookup: a catalog finds a key in any of its tables, falls back
// to bokmål without an English text, and shows a missing key as itself.
func TestCatalogLookup(t *testing.T) {
	a := bot.Messages{"a.one": {"én %d", "one %d"}}
	b := bot.Messages{"b.two": {"to", ""}}
	c := bot.Catalog{a, b}
	for _, tc := range []struct {
		lang      bot.Lang
		key, want string
		args      []any
	}{
		{bot.NB, "a.one", "én 1", []any{1}},
		{bot.EN, "a.one", "one 1", []any{1}},
		{bot.EN, "b.two", "to", nil},
		{bot.EN, "c.three", "c.three", nil},
	} {
		if got := c.T(tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("T(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	if got := a.T(bot.EN, "b.two"); got != "b.two" {
		t.Errorf("a table sees another's key: %q", got)
	}
}
