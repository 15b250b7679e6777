package bot

import "strings"

// SignedKeep is how much of a signature a SignedEventID keeps: "v0=" and
// the first 16 hex digits, 64 bits of the HMAC.
//
// The id is a key for finding a replay of a request whose signature was
// verified in full, not a MAC: nobody without the signing secret can make
// a valid request, so two ids collide only when two genuine requests with
// the same timestamp share their first 64 bits (about 1 in 10^11 a second
// at 10,000 requests a second). The whole signature made every replay
// guard row ~120 bytes, most of it hex: a second's ids under load spread
// over ~270 leaves of the events index, and the guard's merge wrote and
// split them (round 10: with 64 bits, BenchmarkGuardMerge ~−22 % CPU and
// −39 % WAL frames; /faq on one core: CPU per request lower in 7 of 8
// alternated pairs, WAL pages −25–30 %, docs/operations.md "Round 10:
// shorter guard ids"). Migration 095 cut the ids already stored.
const SignedKeep = len("v0=") + 16

// SignedEventID is the replay-guard id of a signed request that has no
// event id of its own (a Slack slash command, button click or form
// submission over HTTP): its signed timestamp and
// the first SignedKeep bytes of its signature, in lower case. A replay
// carries both, so it has the same id — also when it spells the
// signature's hex digits in another case: the HMAC covers the timestamp
// and the body, not how the signature header is written, and the
// verifier accepts hex of either case, so without the lower-casing a
// captured request could be replayed once per re-casing (found in review,
// round 10; Slack itself sends lower case, which ToLower returns as it
// is, without a copy).
func SignedEventID(stamp, signature string) string {
	if len(signature) > SignedKeep {
		signature = signature[:SignedKeep]
	}
	return "sig:" + stamp + ":" + strings.ToLower(signature)
}

// SignedStamp returns the signed timestamp of an id SignedEventID made,
// when it is ten decimal digits (every Unix time from September 2001 to
// 2286); ok is false for any other id. Ids with ten-digit stamps sort as
// their stamps do, and two such ids with different stamps are different
// ids: the store relies on both (store/claimset.go).
func SignedStamp(id string) (stamp int64, ok bool) {
	if len(id) < 15 || id[:4] != "sig:" || id[14] != ':' {
		return 0, false
	}
	for _, c := range []byte(id[4:14]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		stamp = stamp*10 + int64(c-'0')
	}
	return stamp, true
}
