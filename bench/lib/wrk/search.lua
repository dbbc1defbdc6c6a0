-- GET /api/v1/staffs/?search=<term>&page_size=20 with 3-5 letter fragments of seeded names
-- (Latin and Cyrillic), one per line in BENCH_TERMS_FILE.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local paths = {}
for _, term in ipairs(bench.read_lines(bench.env("BENCH_TERMS_FILE"))) do
  paths[#paths + 1] = "/api/v1/staffs/?search=" .. bench.url_encode(term) .. "&page_size=20"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], bench.headers)
end
