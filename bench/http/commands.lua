-- wrk script for durable commands: POST /v1/tasks/{id}/progress over many tasks.
--
--   wrk -t THREADS ... -s commands.lua URL -- REQUESTS_FILE THREADS
--
-- REQUESTS_FILE (written by run_http_bench) has one line per task:
--   METHOD <TAB> PATH <TAB> TOKEN <TAB> BODY
-- Thread k of n takes lines k, k+n, k+2n, ... and cycles through them, so two threads never
-- write to the same task, and within a thread the requests in flight (one per connection) hit
-- different tasks as long as the slice is longer than the thread's connections: concurrent
-- commands rarely meet on one stream, and what is measured is the store, not retries.

local threads = {}
local next_index = 0

function setup(thread)
  thread:set("index", next_index)
  next_index = next_index + 1
  table.insert(threads, thread)
end

local requests = {}
local cursor = 0
error_count = 0
error_sample = nil

function init(args)
  local lines = {}
  for line in io.lines(args[1]) do table.insert(lines, line) end
  local n = tonumber(args[2])
  for i = index + 1, #lines, n do
    local method, path, token, body = lines[i]:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {["Authorization"] = "Bearer " .. token}
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    -- Formatted once: the load generator shares the cores with the server.
    table.insert(requests, wrk.format(method, path, headers, body))
  end
  if #requests == 0 then error("no requests for thread " .. index .. " in " .. args[1]) end
end

function request()
  cursor = cursor % #requests + 1
  return requests[cursor]
end

-- Keeps the first refused answer of each thread, for the runner to show.
function response(status, headers, body)
  if status >= 300 then
    error_count = error_count + 1
    if not error_sample then error_sample = status .. " " .. body end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
  for _, thread in ipairs(threads) do
    local sample = thread:get("error_sample")
    if sample then
      io.write("ERROR_SAMPLE " .. sample:gsub("\n", " ") .. "\n")
      break
    end
  end
end
