-- GET /api/teams/{id}/members for random seeded teams (0 to 50 members; default page of 20).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local min_id = bench.env_int("BENCH_TEAM_MIN_ID")
local max_id = bench.env_int("BENCH_TEAM_MAX_ID")

function request()
  return wrk.format("GET", "/api/teams/" .. math.random(min_id, max_id) .. "/members", bench.headers)
end
