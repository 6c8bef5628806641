-- wrk script of `make bench`: cycles through the paths of one page type (so that no single
-- cached URL stands in for the page) and prints the latency percentiles and the request rate
-- as one JSON line at the end.
--
--   wrk -t2 -c8 -d15s --latency -s bench/wrk.lua http://127.0.0.1:PORT -- \
--       PATHS_FILE [METHOD] [COOKIE] [BODY] [NONCE] [STRIDE]
--
-- PATHS_FILE holds one path per line. BODY (for POST) may contain {n}, replaced by a value
-- unique to the request (thread, counter, NONCE), so that every registration has its own
-- e-mail address. As behind one reverse proxy (bench/run.py sets RATELIMIT_TRUSTED_PROXIES=1),
-- every request names its client in X-Forwarded-For: a different address in 10.0.0.0/8 for
-- each request of a run, so that the per-client rate limit counts visitors, not wrk.
-- STRIDE (the number of threads) is for paths that work once, such as confirmation links:
-- the threads take turns through the list, so that no path is requested twice.

local paths = {}
local method = "GET"
local headers = {}
local body_template = nil
local nonce = "0"
local counter = 0
local next_thread = 0
local client_offset = 0
local stride = 0
local CLIENTS_PER_THREAD = 4194304 -- 2^22: four threads share the 2^24 addresses of 10/8

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. args[1])
  method = args[2] or "GET"
  if args[3] and args[3] ~= "" then
    headers["Cookie"] = args[3]
  end
  if args[4] and args[4] ~= "" then
    body_template = args[4]
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  nonce = args[5] or "0"
  stride = tonumber(args[6] or "") or 0
  -- Threads start at different places of the list (or take turns, with a stride).
  counter = stride > 0 and 0 or (thread_id or 0) * 7
  -- Each run starts its client addresses elsewhere, so that runs within the rate limit's
  -- window (warm-up, rounds) do not count against the same addresses.
  for i = 1, #nonce do
    client_offset = (client_offset * 31 + nonce:byte(i)) % CLIENTS_PER_THREAD
  end
end

local function client_address()
  local index = (client_offset + counter) % CLIENTS_PER_THREAD
    + ((thread_id or 0) % 4) * CLIENTS_PER_THREAD
  return string.format(
    "10.%d.%d.%d", math.floor(index / 65536), math.floor(index / 256) % 256, index % 256
  )
end

function request()
  local path
  if stride > 0 then
    path = paths[(counter * stride + (thread_id or 1) - 1) % #paths + 1]
    counter = counter + 1
  else
    counter = counter + 1
    path = paths[(counter % #paths) + 1]
  end
  local body = nil
  if body_template then
    local unique = string.format("%s-%d-%d", nonce, thread_id or 0, counter)
    body = body_template:gsub("{n}", unique)
  end
  headers["X-Forwarded-For"] = client_address()
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, '
      .. '"p99_ms": %.3f, "mean_ms": %.3f, "max_ms": %.3f, "errors": {"connect": %d, '
      .. '"read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout
  ))
end
