-- POST /api/v1/staffs/ with generated bodies: first_name, last_name and a unique email
-- (wrk-<invocation>-<thread>-<n>@bench.example, removed by bench/run afterwards). Without a
-- password the account is pending: no bcrypt on the measured path, and an activation email is
-- queued in the outbox, as for any invited staff member. With BENCH_CREATE_PASSWORD set, the body
-- carries that password and every request pays one bcrypt hash (reported separately).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local first = { "Anna", "Lukas", "Élodie", "Mehmet", "Ольга", "Дмитро", "Giulia", "Paweł", "Sofía", "Daan" }
local last = { "Schmidt", "Dubois", "Yılmaz", "Иванова", "Коваленко", "Rossi", "Kowalska", "García", "de Vries", "Evans" }
local invocation = bench.env("BENCH_INVOCATION")
local password = os.getenv("BENCH_CREATE_PASSWORD")
local extra = ""
if password ~= nil and password ~= "" then
  extra = ',"password":"' .. password .. '"'
end
local headers = {}
for name, value in pairs(bench.headers) do
  headers[name] = value
end
headers["Content-Type"] = "application/json"
local counter = 0

function request()
  counter = counter + 1
  local body = string.format('{"first_name":"%s","last_name":"%s","email":"wrk-%s-%d-%d@bench.example"%s}',
    first[math.random(#first)], last[math.random(#last)], invocation, thread_number, counter, extra)
  return wrk.format("POST", "/api/v1/staffs/", headers, body)
end
