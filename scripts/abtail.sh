#!/usr/bin/env bash
# abtail.sh: A/B runs of kulturbot builds (or settings) at one concurrency,
# alternated, for the one-core tail (issue 16). Each run: a fresh copy of one
# seeded database, the server pinned to CPU 0, cmd/loadgen pinned to CPU 1,
# 1 s warm-up, then DURATION measured. One line per run: req/s, wall-clock
# p50/p90/p99/max, the same as server CPU time passed while each request was
# outstanding ("vcpu": what other processes on CPU 0 do not stretch), the
# server's CPU per request (utime+stime from /proc/PID/stat), its peak RSS,
# and what the requests cost the store (/metrics before and after the
# measured run, per 1,000 requests: WAL pages the writer wrote and its
# commits; checkpoints in the run), and the tail's shape (cmd/loadgen
# tail.go: the 10-ms windows the slowest 1 % were sent in, of the run's;
# requests completed in their life and time per completion, slowest 1 %
# against the median ones).
#
#   scripts/abtail.sh "old|/tmp/kb-old" "new|/tmp/kb-new" "mp2|/tmp/kb-new|GOMAXPROCS=2"
#   ROUNDS=6 KIND=faq C=64 DURATION=4s TRACE=1 scripts/abtail.sh ...
#
# A spec is LABEL|BINARY[|ENV=VALUE ...]. TRACE=1 also takes a 1 s runtime
# trace in each run (KULTURBOT_PPROF_ADDR) into $OUT (default /tmp/abtail):
# `cd scripts/tailtrace && go run . $OUT/<label>.<round>.trace` summarises it.
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-4s}; KIND=${KIND:-rsvp}; C=${C:-64}; USERS=${USERS:-200}
OUT=${OUT:-/tmp/abtail}; mkdir -p "$OUT"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
go build -o "$work/loadgen" ./cmd/loadgen
lg=$work/loadgen
first=${1#*|}; first=${first%%|*}
seed=$work/seed.db; y=$(( $(date +%Y) + 1 ))
printf '/region ny navn=Salten kommuner="Bodø, Fauske, Saltdal"\n/samling ny navn="Samling 1" dato=%s-03-01 sted="Bodø" region=Salten frist=%s-02-01\n' "$y" "$y" \
  | env -u SLACK_BOT_TOKEN -u DISCORD_BOT_TOKEN -u DISCORD_PUBLIC_KEY "$first" --db "$seed" --log-level error >/dev/null
tck=$(getconf CLK_TCK)
# walstats PORT: the store's checkpoints, commits and WAL frames (/metrics
# sorts them by name).
walstats() { curl -s "http://127.0.0.1:$1/metrics" | awk '/^kulturbot_store_(checkpoints|commits|wal_frames)_total/ {printf "%s ", $2}'; }
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 20000 )); ss -ltn | grep -qE ":($p|$((p+1))) " || break; done; echo $p; }
run1() { # label bin envs round
  local label=$1 bin=$2 envs=$3 r=$4 db=$work/run.db port pid out s0 s1 n a tp="" w0 w1
  rm -f "$db"*; cp "$seed" "$db"; [ -f "$seed-wal" ] && cp "$seed-wal" "$db-wal"
  port=$(free_port)
  env $envs SLACK_SIGNING_SECRET=bench SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL=http://127.0.0.1:9/api/ \
    KULTURBOT_HTTP_ADDR=127.0.0.1:$port KULTURBOT_RATE_LIMIT=0 KULTURBOT_LOG_LEVEL=error \
    ${TRACE:+KULTURBOT_PPROF_ADDR=127.0.0.1:$((port+1))} taskset -c 0 "$bin" --db "$db" >"$work/log" 2>&1 &
  pid=$!
  if ! "$lg" -ready "http://127.0.0.1:$port/healthz" -d 20s; then echo "$label did not start:"; tail -3 "$work/log"; kill $pid 2>/dev/null; return; fi
  if [ "$KIND" = rsvp ]; then a=(-gathering 1 -kommuner "Bodø,Fauske,Saltdal" -db "$db"); else a=(-faq 1); fi
  taskset -c 1 "$lg" -url "http://127.0.0.1:$port/slack/events" -secret bench -c "$C" -d 1s -users "$USERS" "${a[@]}" >/dev/null 2>&1
  if [ -n "${TRACE:-}" ]; then (sleep 1; curl -s "http://127.0.0.1:$((port+1))/debug/pprof/trace?seconds=1" -o "$OUT/$label.$r.trace") & tp=$!; fi
  w0=$(walstats $port); s0=$(awk '{print $14+$15}' /proc/$pid/stat)
  out=$(taskset -c 1 "$lg" -url "http://127.0.0.1:$port/slack/events" -secret bench -c "$C" -d "$DURATION" -users "$USERS" -pid $pid "${a[@]}" 2>&1)
  s1=$(awk '{print $14+$15}' /proc/$pid/stat); w1=$(walstats $port); [ -n "$tp" ] && wait $tp
  kill $pid; wait $pid 2>/dev/null
  n=$(grep -o '[0-9]* requests' <<<"$out" | head -1 | cut -d' ' -f1)
  printf '%-8s %s c=%s %6s req/s  wall %s| vcpu %s| cpu/req %sus rss %sMiB n=%s load=%s %s| %s\n' "$label" "$KIND" "$C" \
    "$(sed -n 's/^throughput \([0-9]*\) req\/s.*/\1/p' <<<"$out")" \
    "$(grep '^latency' <<<"$out" | grep -oE '(p50|p90|p99|max) [0-9.]*ms' | tr '\n' ' ')" \
    "$(grep '^server CPU' <<<"$out" | grep -oE '(p50|p99|max) [0-9.]*[mµ]?s' | tr '\n' ' ')" \
    "$(( (s1-s0) * 1000000 / tck / (${n:-0}>0?${n:-1}:1) ))" "$(sed -n 's/^bot peak RSS (VmHWM) \([0-9.]*\) MiB/\1/p' <<<"$out")" "$n" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(grep -oE 'MISMATCH|errors [1-9][0-9]*' <<<"$out" | tr '\n' ' ')$(sed -n 's/^tail: the slowest 1% ([0-9]*) were sent in \([0-9]*\) of \([0-9]*\) 10-ms windows; requests completed in their life: median \([0-9]*\) (the median-latency ones: \([0-9]*\)), \([0-9.µm]*s\) per completion (\([0-9.µm]*s\))/slow in \1\/\2 win, done \3\/\4, per \5\/\6 /p' <<<"$out")" \
    "$(awk -v a="$w0" -v b="$w1" -v n="${n:-0}" 'BEGIN { split(a, x, " "); split(b, y, " ");
       if (n > 0 && length(x) == 3 && length(y) == 3)
         printf "wal %.0f frames, %.1f commits /1k req, %d ckpts", (y[3]-x[3])*1000/n, (y[2]-x[2])*1000/n, y[1]-x[1] }')"
}
for r in $(seq "$ROUNDS"); do for spec in "$@"; do
  IFS='|' read -r label bin envs <<<"$spec"; run1 "$label" "$bin" "${envs:-}" "$r"
done; done
