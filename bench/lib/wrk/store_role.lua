-- GET /api/v1/staffs/?store=<id>&role=manager for random seeded stores.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local min_id = bench.env_int("BENCH_STORE_MIN_ID")
local max_id = bench.env_int("BENCH_STORE_MAX_ID")

function request()
  return wrk.format("GET", "/api/v1/staffs/?store=" .. math.random(min_id, max_id) .. "&role=manager", bench.headers)
end
