-- Keycloak: GET /admin/realms/<realm>/users/{id} for random ids of the seeded users, one per line
-- in BENCH_KC_IDS_FILE (the peer of get_staff.lua).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local prefix = "/admin/realms/" .. bench.env("BENCH_KC_REALM") .. "/users/"
local ids = bench.read_lines(bench.env("BENCH_KC_IDS_FILE"))

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)], bench.headers)
end
