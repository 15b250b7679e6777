#!/usr/bin/env bash
# The gate's signals as an older commit computed them, for TestGateCV's
# first-run check (docs/faq.md "The gate": leave-one-round-out).
#
#   scripts/gatecv-snap.sh COMMIT SPLIT.tsv OUT.json
#
# Exports COMMIT (git archive: no worktree, nothing of yours is touched)
# into a temporary directory, adds SPLIT.tsv (a validation split that first
# ran at COMMIT, now training data in faq/testdata) as the set "zzsplit",
# copies faq/gatesnap_test.go in, and writes every example the gate of that
# commit was fit on plus the split's to OUT.json. Then:
#
#   FAQ_GATECV_SNAP=dir-of-OUT.json FAQ_GATECV=1 go test ./faq -run TestGateCV -v
set -euo pipefail
commit=$1 split=$(realpath "$2") out=$(realpath -m "$3")
top=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/kulturbot"
git -C "$top" archive "$commit" | tar -x -C "$tmp/kulturbot"
[ -e "$top/../shared" ] && ln -s "$(realpath "$top/../shared")" "$tmp/shared"
cd "$tmp/kulturbot"
cp "$top/faq/gatesnap_test.go" faq/
cp "$split" faq/testdata/zzsplit.tsv
# Older commits' collectExamples do not keep the extra signals: add them.
if ! grep -q 'extra \[\]float64' faq/gatefit_test.go; then
	perl -0pi -e 's/(\tidx +int[^\n]*\n)/$1\textra []float64\n/; s/(\t+)(ex\.entry = j\.best\.x\.ID\n)/$1$2$1ex.extra = cvExtras(j, c.question)\n/' faq/gatefit_test.go
fi
FAQ_GATESNAP_OUT="$out" FAQ_GATESNAP_COMMIT="$commit" go test ./faq -run '^TestGateSnapDump$' -count=1
