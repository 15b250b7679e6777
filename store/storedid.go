package store

import (
	"encoding/binary"

	"github.com/kulturskoleradet/kulturbot/bot"
)

// A replay-guard id is stored, and looked up, in the form storedID gives
// it (round 10, issue 16). A signed id as the Slack adapter makes every
// one (bot.SignedEventID: "sig:", a ten-digit stamp, ":v0=" and 16
// lowercase hex digits, 34 bytes of text) is stored as 12 bytes: the
// stamp, 4 bytes big-endian, then the 64 bits the hex digits spell. Every
// other id is stored as its text.
//
// Why: under /faq load nearly every row the store writes for the guard is
// such an id, twice (the ring, then events when merged), and a merge
// rewrites every leaf of the current second's key range it lands on; a
// row half as long is half as many leaves. A BLOB in the events table's
// TEXT column stays a BLOB (TEXT affinity converts only numbers), and
// SQLite sorts every BLOB after every TEXT and BLOBs by their bytes: the
// 12-byte ids sort among themselves as their stamps do (what retention
// and recentClaims' high mark rely on), above every text id.
//
// The text form stays the id everywhere else (the writer's and the
// request side's maps, the claims in memory): only the SQL sees this.
func storedID(id string) arg {
	b, ok := packSigned(id)
	if !ok {
		return aText(id)
	}
	return arg{kind: argBlob, s: string(b[:])}
}

// packSigned is the 12-byte form of a signed id as the Slack adapter
// makes them; ok is false for any other id (a stamp past 2106 too).
func packSigned(id string) (b [12]byte, ok bool) {
	stamp, signed := bot.SignedStamp(id)
	if !signed || stamp >= 1<<32 || len(id) != 34 || id[14:18] != ":v0=" {
		return b, false
	}
	binary.BigEndian.PutUint32(b[:4], uint32(stamp))
	for i := 0; i < 16; i++ {
		c := id[18+i]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		default:
			return b, false
		}
		b[4+i/2] |= v << (4 * (1 - i%2))
	}
	return b, true
}

// signedStampOf is the stamp of a stored 12-byte id (packSigned); ok is
// false for anything else.
func signedStampOf(stored []byte) (int64, bool) {
	if len(stored) != 12 {
		return 0, false
	}
	return int64(binary.BigEndian.Uint32(stored[:4])), true
}
