-- Keycloak: GET /admin/realms/<realm>/users?q=remote_id:<id>&exact=true, the search by a user
-- attribute (the seed stores Staffkit's remote_id as one), for the ids of lookup_remote_id.lua.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local prefix = "/admin/realms/" .. bench.env("BENCH_KC_REALM") .. "/users?q="
local paths = {}
for _, id in ipairs(bench.read_lines(bench.env("BENCH_REMOTE_IDS_FILE"))) do
  paths[#paths + 1] = prefix .. bench.url_encode("remote_id:" .. id) .. "&exact=true"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], bench.headers)
end
