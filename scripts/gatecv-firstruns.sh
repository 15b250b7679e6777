#!/usr/bin/env bash
# Every first run TestGateCV's second table uses (docs/faq.md "The gate:
# chosen by how it transfers"): each blind set of rounds 7–9 at the commit
# where it first ran, before anyone had read its misses (the commits are
# the ones its header in faq/eval_test.go / docs/faq.md names). Then:
#
#   FAQ_GATECV_SNAP=DIR FAQ_GATECV=1 go test ./faq -run TestGateCV -v
#
# Older commits (round 6 and before) computed other gate features and are
# not used. ~10 s per commit.
set -euo pipefail
dir=${1:?usage: scripts/gatecv-firstruns.sh DIR}
mkdir -p "$dir"
top=$(git rev-parse --show-toplevel)
while read -r name commit set; do
	"$top/scripts/gatecv-snap.sh" "$commit" "$top/faq/testdata/$set.tsv" "$dir/$name.json"
done <<'LIST'
r7-synno       af46a2d synno
r7-english7    5354bfd english7
r7-synno2      33046a3 synno2
r7-validation6 33046a3 validation6
r8-nbcheck8    80970e6 nbcheck8
r8-encheck8    80970e6 encheck8
r8-nbcheck8b   3f21766 nbcheck8b
r8-validation7 da36d87 validation7
r9-validation8 389b29c validation8
LIST
