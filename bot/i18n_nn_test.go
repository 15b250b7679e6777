package bot

import "testing"

// TestNynorskT: a nynorsk text is read for NN only, with its arguments; a
// key without one, and every other language, reads the Messages.
func TestNynorskT(t *testing.T) {
	m := Messages{"k": {"Sak #%d er sendt.", "Case #%d sent."}, "b": {"Bare bokmål.", "English only."}}
	nn := Nynorsk{"k": "Sak #%d er send."}
	for _, c := range []struct {
		lang      Lang
		key, want string
	}{
		{NN, "k", "Sak #3 er send."},
		{NB, "k", "Sak #3 er sendt."},
		{EN, "k", "Case #3 sent."},
		{NN, "b", "Bare bokmål."},
	} {
		args := []any{3}
		if c.key == "b" {
			args = nil
		}
		if got := nn.T(m, c.lang, c.key, args...); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.lang, c.key, got, c.want)
		}
	}
}
