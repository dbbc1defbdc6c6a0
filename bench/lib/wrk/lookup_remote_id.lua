-- GET /api/v1/staffs/lookup?remote_id=<id> for remote ids of seeded staff, one per line in BENCH_REMOTE_IDS_FILE.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local paths = {}
for _, id in ipairs(bench.read_lines(bench.env("BENCH_REMOTE_IDS_FILE"))) do
  paths[#paths + 1] = "/api/v1/staffs/lookup?remote_id=" .. bench.url_encode(id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], bench.headers)
end
