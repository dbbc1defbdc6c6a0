-- Keycloak: GET /admin/realms/<realm>/users?search=*<term>*&first=0&max=20 with the name fragments
-- of search.lua (BENCH_TERMS_FILE). *term* is Keycloak's infix search over username, email, first
-- and last name: a plain term would only match prefixes, and Staffkit's search matches anywhere.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local prefix = "/admin/realms/" .. bench.env("BENCH_KC_REALM") .. "/users?search="
local paths = {}
for _, term in ipairs(bench.read_lines(bench.env("BENCH_TERMS_FILE"))) do
  paths[#paths + 1] = prefix .. bench.url_encode("*" .. term .. "*") .. "&first=0&max=20"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], bench.headers)
end
