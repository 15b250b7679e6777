#!/usr/bin/env bash
# Durability under crashes: builds kulturbot, then for RUNS runs (default 5)
# sends a burst of signed Slack /rsvp commands, SIGKILLs the bot mid-burst,
# restarts it, sends more and SIGTERMs it mid-burst, and checks that every
# acknowledged RSVP is stored once and nothing is half-written.
# See scripts/durability/main.go for what is checked.
#
#   scripts/durability.sh              # 5 runs
#   RUNS=10 N=5000 scripts/durability.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(mktemp -d)/kulturbot"
trap 'rm -rf "$(dirname "$bin")"' EXIT
CGO_ENABLED=0 go build -o "$bin" ./cmd/kulturbot
go run ./scripts/durability -bin "$bin" -runs "${RUNS:-5}" -n "${N:-3000}" -c "${C:-32}" ${DURABILITY_FLAGS:-}
