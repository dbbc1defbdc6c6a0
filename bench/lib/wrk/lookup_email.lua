-- GET /api/v1/staffs/lookup?email=<email> for emails of seeded staff, one per line in BENCH_EMAILS_FILE.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local paths = {}
for _, email in ipairs(bench.read_lines(bench.env("BENCH_EMAILS_FILE"))) do
  paths[#paths + 1] = "/api/v1/staffs/lookup?email=" .. bench.url_encode(email)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], bench.headers)
end
