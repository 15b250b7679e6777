#!/usr/bin/env bash
# Load: signed Slack /rsvp and /faq slash commands at concurrency 1, 16 and
# 64 against the real binary (HTTP mode), with cmd/loadgen. Prints
# throughput, p50/p90/p99/max latency, errors, the bot's peak RSS, and for
# /rsvp checks that every acknowledged answer is stored.
#
#   scripts/load.sh                    # 10 s per step
#   DURATION=30s CONC="1 16 64" scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10s}"
CONC="${CONC:-1 16 64}"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
CGO_ENABLED=0 go build -o "$work/kulturbot" ./cmd/kulturbot
go build -o "$work/loadgen" ./cmd/loadgen
db="$work/k.db"
y=$(( $(date +%Y) + 1 ))  # a gathering more than three years ahead is refused
printf '/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"\n/samling ny navn="Samling 1" dato=%s-03-01 sted="Bodø" region=Salten frist=%s-02-01\n' "$y" "$y" \
  | env -u SLACK_BOT_TOKEN -u DISCORD_BOT_TOKEN "$work/kulturbot" --db "$db" --log-level error >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
# Web API at an unreachable local port: users.info fails fast and is cached.
# The rate limit is off: 200 users send thousands of commands a second.
SLACK_SIGNING_SECRET=load SLACK_BOT_TOKEN=xoxb-load SLACK_API_URL=http://127.0.0.1:9/api/ \
KULTURBOT_HTTP_ADDR=127.0.0.1:$port KULTURBOT_RATE_LIMIT=0 KULTURBOT_LOG_LEVEL=error \
  "$work/kulturbot" --db "$db" >"$work/bot.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
echo "== $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for kind in rsvp faq; do
  for c in $CONC; do
    echo "== /$kind, concurrency $c"
    if [ "$kind" = rsvp ]; then
      "$work/loadgen" -url "http://127.0.0.1:$port/slack/events" -secret load -c "$c" -d "$DURATION" -users 200 \
        -gathering 1 -kommuner "Bodø,Fauske,Saltdal" -pid "$pid" -db "$db"
    else
      "$work/loadgen" -url "http://127.0.0.1:$port/slack/events" -secret load -c "$c" -d "$DURATION" -users 200 \
        -faq 1 -pid "$pid"
    fi
  done
done
echo "== /metrics after the run (excerpt)"
curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^kulturbot_(commands_total|faq_answers_total)' || true
