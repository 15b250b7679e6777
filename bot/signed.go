package bot

// SignedEventID is the replay-guard id of a signed request that has no
// event id of its own (a Slack slash command): its signed timestamp and
// its signature. A replay carries both unchanged, so it has the same id.
func SignedEventID(stamp, signature string) string {
	return "sig:" + stamp + ":" + signature
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
