-- wrk script for scripts/wrkfaq.sh: replays requests that `loadgen
-- -write-requests FILE` wrote (each: its length in decimal, a newline, the
-- raw HTTP/1.1 request), in order, one per call. Each Slack request is
-- signed once; a repeat would be a replay the bot answers empty, so the
-- file must hold more requests than the run sends (the summary says).
--   wrk -t1 -c64 -d4s -s scripts/wrk/faq.lua http://127.0.0.1:PORT/ -- FILE
local reqs, i = {}, 0
n = 0 -- global: done() runs in the main state and reads it from the thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  local pos = 1
  while pos <= #data do
    local nl = string.find(data, "\n", pos, true)
    local len = tonumber(string.sub(data, pos, nl - 1))
    n = n + 1
    reqs[n] = string.sub(data, nl + 1, nl + len)
    pos = nl + 1 + len
  end
end

function request()
  i = i + 1
  if i > n then i = 1 end
  return reqs[i]
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("n") end
  io.write(string.format("wrk: %.0f req/s, %d requests (%d prepared%s), %d status errors, %d socket errors, p50 %.2fms p90 %.2fms p99 %.2fms max %.2fms\n",
    summary.requests / (summary.duration / 1e6), summary.requests, n, summary.requests > n and ": REPEATS, the tail is flattered" or "",
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
