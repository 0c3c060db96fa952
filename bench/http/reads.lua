-- wrk script for reads: GETs cycling through a list of paths (views, tasks, or beast_hello's /).
--
--   wrk -t THREADS ... -s reads.lua URL -- REQUESTS_FILE THREADS
--
-- REQUESTS_FILE has one line per request, METHOD <TAB> PATH <TAB> TOKEN (empty: none).
-- Every thread cycles through the whole list, starting at its own offset. No response()
-- callback: wrk would then keep every body, and it shares the cores with the server.

local threads = {}
local next_index = 0

function setup(thread)
  thread:set("index", next_index)
  next_index = next_index + 1
  table.insert(threads, thread)
end

local requests = {}
local cursor = 0

function init(args)
  for line in io.lines(args[1]) do
    local method, path, token = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)")
    local headers = {}
    if token ~= "" then headers["Authorization"] = "Bearer " .. token end
    table.insert(requests, wrk.format(method, path, headers))
  end
  if #requests == 0 then error("no requests in " .. args[1]) end
  cursor = math.floor(index * #requests / tonumber(args[2]))
end

function request()
  cursor = cursor % #requests + 1
  return requests[cursor]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
