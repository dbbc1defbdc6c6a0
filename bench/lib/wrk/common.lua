-- Shared by the wrk scenarios of bench/run (loaded with dofile from each of them).
-- The credential comes from the environment: BENCH_AUTH_HEADER ("Authorization" or "X-Api-Key")
-- and BENCH_AUTH_VALUE ("Bearer <token>" or the key). `done` prints the result as one JSON line,
-- prefixed with BENCH_JSON, which bench/run collects: wrk's own summary is not machine readable.

bench = {}

function bench.env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error("environment variable " .. name .. " is not set")
  end
  return value
end

function bench.env_int(name)
  return tonumber(bench.env(name))
end

bench.headers = {
  [bench.env("BENCH_AUTH_HEADER")] = bench.env("BENCH_AUTH_VALUE"),
  ["Accept"] = "application/json",
}

function bench.url_encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function bench.read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then
      lines[#lines + 1] = line
    end
  end
  assert(#lines > 0, path .. " is empty")
  return lines
end

-- Each wrk thread has its own Lua state: number them so random streams and generated emails differ.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() + 7919 * (thread_number or 0) + tonumber(os.getenv("BENCH_INVOCATION") or "0") % 1000003)
  if bench.init then
    bench.init(args)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local function ms(us) return us / 1000 end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.3f,"rps":%.2f,"bytes":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latency_ms":{"mean":%.3f,"stdev":%.3f,"max":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    ms(latency.mean), ms(latency.stdev), ms(latency.max),
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency:percentile(99.9))))
end
