-- wrk script of bench/run.sh: the assessor's judgement draft saved again and again, as the judgement
-- page's autosave does while the assessor types (POST /assessor/cases/{id}/judgement/autosave).
-- Run with as many threads as connections (wrk -tN -cN): each thread has one connection, one
-- assessor's session and one case, so its saves follow one another. Each save sends the version the
-- previous one answered, as the page does; a "conflict" or a refused save is counted and reported.
-- Arguments (after --): the targets file, one line per thread: path|cookie|version|body (the version may
-- be empty: no draft yet), the body holding __VERSION__ where the version goes.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if n == tid then
      path, cookie, version, template = line:match("^([^|]*)|([^|]*)|([^|]*)|(.*)$")
    end
  end
  conflicts = 0
  refused = 0
end

function request()
  local body = (template:gsub("__VERSION__", version))
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, body)
end

function response(status, headers, body)
  local saved = body:match('"version":"([%x%-]+)"')
  if saved then
    version = saved
  elseif body:find('"conflict"', 1, true) then
    conflicts = conflicts + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local c, r = 0, 0
  for _, thread in ipairs(threads) do
    c = c + (thread:get("conflicts") or 0)
    r = r + (thread:get("refused") or 0)
  end
  io.write(string.format("wrk_result requests=%d rps=%.1f p99_ms=%.2f errors=%d status_errors=%d conflicts=%d refused=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(99) / 1000, errors, summary.errors.status, c, r))
end
