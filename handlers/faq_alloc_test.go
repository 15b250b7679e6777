package handlers

import (
	"strconv"
	"testing"
)

// TestVoteCommands: the feedback buttons' commands as they always were
// written, "/kulturbot stemme <id> opp|ned".
func TestVoteCommands(t *testing.T) {
	for _, id := range []int64{0, 1, 9, 10, 99, 100, 12345, 1 << 40, -3} {
		up, down := voteCommands(id)
		vote := "/kulturbot stemme " + strconv.FormatInt(id, 10)
		if up != vote+" opp" || down != vote+" ned" {
			t.Errorf("%d: %q %q", id, up, down)
		}
	}
}

// TestIsNumber: isNumber is strconv.Atoi's verdict.
func TestIsNumber(t *testing.T) {
	for _, w := range []string{"", "0", "3", "-1", "+2", "-", "+", "ja", "3a", "a3", "٣", "1_000", "99999999999999999999", " 1", "1 ", "007", "0x10"} {
		_, err := strconv.Atoi(w)
		if got := isNumber(w); got != (err == nil) {
			t.Errorf("isNumber(%q) = %v, Atoi says %v", w, got, err)
		}
	}
}
