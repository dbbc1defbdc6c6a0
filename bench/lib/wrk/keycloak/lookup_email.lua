-- Keycloak: GET /admin/realms/<realm>/users?email=<email>&exact=true for the emails of
-- lookup_email.lua (BENCH_EMAILS_FILE).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local prefix = "/admin/realms/" .. bench.env("BENCH_KC_REALM") .. "/users?email="
local paths = {}
for _, email in ipairs(bench.read_lines(bench.env("BENCH_EMAILS_FILE"))) do
  paths[#paths + 1] = prefix .. bench.url_encode(email) .. "&exact=true"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], bench.headers)
end
