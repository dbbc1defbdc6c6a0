-- Keycloak: POST /admin/realms/<realm>/users with the bodies of create.lua: first and last name,
-- a unique username and email (wrk-<invocation>-<thread>-<n>, removed by bench/run afterwards).
-- With BENCH_CREATE_PASSWORD set, the body carries it as a credential, which Keycloak hashes
-- (Argon2id by default).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local first = { "Anna", "Lukas", "Élodie", "Mehmet", "Ольга", "Дмитро", "Giulia", "Paweł", "Sofía", "Daan" }
local last = { "Schmidt", "Dubois", "Yılmaz", "Иванова", "Коваленко", "Rossi", "Kowalska", "García", "de Vries", "Evans" }
local path = "/admin/realms/" .. bench.env("BENCH_KC_REALM") .. "/users"
local invocation = bench.env("BENCH_INVOCATION")
local password = os.getenv("BENCH_CREATE_PASSWORD")
local extra = ""
if password ~= nil and password ~= "" then
  extra = ',"credentials":[{"type":"password","value":"' .. password .. '","temporary":false}]'
end
local headers = {}
for name, value in pairs(bench.headers) do
  headers[name] = value
end
headers["Content-Type"] = "application/json"
local counter = 0

function request()
  counter = counter + 1
  local name = string.format("wrk-%s-%d-%d", invocation, thread_number, counter)
  local body = string.format('{"username":"%s","email":"%s@bench.example","firstName":"%s","lastName":"%s","enabled":true%s}',
    name, name, first[math.random(#first)], last[math.random(#last)], extra)
  return wrk.format("POST", path, headers, body)
end
