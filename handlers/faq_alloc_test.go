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
