-- GET /api/v1/staffs/{id}/ for random ids of the seeded staff.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local min_id = bench.env_int("BENCH_STAFF_MIN_ID")
local max_id = bench.env_int("BENCH_STAFF_MAX_ID")

function request()
  return wrk.format("GET", "/api/v1/staffs/" .. math.random(min_id, max_id) .. "/", bench.headers)
end
