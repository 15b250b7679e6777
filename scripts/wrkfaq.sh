#!/usr/bin/env bash
# wrkfaq.sh: signed /faq at one concurrency on one core, measured by two
# load generators in turn — cmd/loadgen (Go) and wrk (C, one epoll loop,
# Debian's `wrk`) — against the same kulturbot build, to tell the server's
# tail from the Go generator's own scheduling (docs/operations.md,
# "Round 6, end"). Each run: a fresh copy of one seeded database, the
# server pinned to CPU 0, the generator to CPU 1, DURATION measured (no
# warm-up: both generators see the same start).
#
#   ROUNDS=3 C=64 DURATION=5s scripts/wrkfaq.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; C=${C:-64}; DURATION=${DURATION:-5s}
command -v wrk >/dev/null || { echo "wrkfaq: needs wrk (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d); pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$work/kulturbot" ./cmd/kulturbot
go build -o "$work/loadgen" ./cmd/loadgen
y=$(( $(date +%Y) + 1 ))
printf '/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"\n/samling ny navn="Samling 1" dato=%s-03-01 sted="Bodø" region=Salten frist=%s-02-01\n' "$y" "$y" \
  | env -u SLACK_BOT_TOKEN -u DISCORD_BOT_TOKEN -u DISCORD_PUBLIC_KEY "$work/kulturbot" --db "$work/seed.db" --log-level error >/dev/null
# The requests file lives in memory (/dev/shm when there is one): tens of
# MB written to disk just before a run are written back during it, beside
# the bot's own WAL writes.
reqs=$work/reqs; [ -d /dev/shm ] && reqs=$(mktemp /dev/shm/wrkfaq.XXXXXX) && trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work" "$reqs"' EXIT
one() { # gen round
  rm -f "$work/run.db"*; cp "$work/seed.db" "$work/run.db"
  local port=$(( 20000 + RANDOM % 20000 ))
  if [ "$1" = wrk ]; then
    # 12,000 requests a second is more than one core answers: no repeats.
    "$work/loadgen" -write-requests "$reqs" -n $(( 12000 * ${DURATION%s} )) -faq 1 -secret bench -url "http://127.0.0.1:$port/slack/events"
  fi
  SLACK_SIGNING_SECRET=bench SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL=http://127.0.0.1:9/api/ \
    KULTURBOT_HTTP_ADDR=127.0.0.1:$port KULTURBOT_RATE_LIMIT=0 KULTURBOT_LOG_LEVEL=error \
    taskset -c 0 "$work/kulturbot" --db "$work/run.db" >"$work/log" 2>&1 &
  pid=$!
  taskset -c 1 "$work/loadgen" -ready "http://127.0.0.1:$port/healthz" -d 20s
  if [ "$1" = wrk ]; then
    echo "  round $2 wrk     $(taskset -c 1 wrk -t1 -c"$C" -d"$DURATION" -s scripts/wrk/faq.lua "http://127.0.0.1:$port/" -- "$reqs" | grep '^wrk:')"
  else
    local out; out=$(taskset -c 1 "$work/loadgen" -url "http://127.0.0.1:$port/slack/events" -secret bench -c "$C" -d "$DURATION" -users 200 -faq 1)
    echo "  round $2 loadgen $(grep -E '^throughput' <<<"$out" | cut -d' ' -f2-3), $(grep -E '^latency' <<<"$out")"
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}
echo "== /faq c=$C, $DURATION per run, server on CPU 0, generator on CPU 1, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for r in $(seq "$ROUNDS"); do one wrk "$r"; one loadgen "$r"; done
