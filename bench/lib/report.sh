#!/usr/bin/env bash
# Renders a bench/results/<date>.json as Markdown: bench/lib/report.sh <file.json>
set -euo pipefail
jq -r '
def r($n): if $n == null then "–" elif $n >= 100 then ($n | round | tostring) else ($n * 100 | round / 100 | tostring) end;
def pct($n): if $n == null then "–" else (($n * 100 | round | tostring) + "%") end;
def times($n): if $n == null then "–" else (r($n) + "×") end;
def client: if .target == "sql" then "SQL floor (pgbench)" elif .target == "keycloak" then "Keycloak, bearer token" elif .auth == "bearer" then "service, bearer token" else "service, API key" end;
def errors: [.errors[]] | add;
def c16($e; $a): first(.results[] | select(.target == "service" and .endpoint == $e and .auth == $a and .concurrency == 16)) // null;
def cell($t; $e; $a; $c): first(.results[] | select(.target == $t and .endpoint == $e and .auth == $a and .concurrency == $c)) // null;
def ratio($s; $k): if $s == null or $k == null or $k.rps == 0 then "–" else times($s.rps / $k.rps) end;
def stmt($e; $a): first(.statements[] | select(.endpoint == $e and .auth == $a)) // null;
def met($ok): if $ok == null then "–" elif $ok then "yes" else "**no**" end;
. as $run |
"# Staffkit benchmark \(.date)",
"",
(if .profiled then "**Profiled run** (Java Flight Recorder on): see [`\(.profile_file)`](\(.profile_file)); its numbers are a little lower than unprofiled ones.\n" else empty end),
"Scale \(.data.scale): \(.data.counts.staff) staff, \(.data.counts.stores) stores, \(.data.counts.teams) teams, \(.data.counts.team_members) team memberships, \(.data.counts.organizations) organizations (database \(.data.counts.database_size)).",
"Commit \(.git_commit)\(if .source_changes_uncommitted then " with uncommitted changes" else "" end); \(.machine.cpus) × \(.machine.cpu), \(.machine.memory_gib) GiB; \(.software.java); \(.software.postgres | split(" on ")[0]).",
"Other work on the machine before the run: \(.machine.busy_pct_before_run // "?")% CPU. JVM `\(.settings.jvm_options)`, \(.settings.launch // "java -jar"); pool size \(.settings.db_pool_size), caller cache \(.settings.caller_cache_ttl // "off"), requests at once \(.settings.max_concurrent_requests // "no limit"); \(.settings.duration_s) s per measurement after a \(.settings.warmup_s) s warm-up; wrk, pgbench, the service and PostgreSQL share the machine (loopback).",
"",
"Start-up to ready: **\(.startup.ready_ms / 1000 | r(.)) s** (the service reports \(.startup.reported_s // "?") s). RSS: \(.rss_mb.after_start) MB after start, peak (VmHWM) **\(.rss_mb.peak) MB**. GC: \(.gc.collections) collections (\(.gc.full) full), \(.gc.pause_ms_total) ms of pauses in total, longest \(.gc.pause_ms_max) ms.",
"",
"## Throughput and latency",
"",
"CPU ms per request: the service'"'"'s JVM / PostgreSQL / the client (wrk or pgbench) / everything else (the kernel, other work on the machine); busy: the machine'"'"'s CPU use (all cores = 100%). ⚠ marks a measurement during which more than 10% of the machine went to \"everything else\": other work disturbed it.",
"",
"| Endpoint | Client | Concurrency | req/s | p50 ms | p90 ms | p99 ms | errors | req/s vs floor | p50 vs floor | p99 vs floor | CPU ms/req JVM / PG / client / else | busy |",
"|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
(.results | sort_by(.endpoint, .concurrency, (if .target == "sql" then 0 elif .target == "keycloak" then 3 elif .auth == "bearer" then 1 else 2 end))[] |
  "| \(.endpoint) | \(client) | \(.concurrency) | \(r(.rps)) | \(r(.latency_ms.p50)) | \(r(.latency_ms.p90)) | \(r(.latency_ms.p99)) | \(errors) | \(pct(.vs_floor.rps_ratio)) | \(times(.vs_floor.p50_ratio)) | \(times(.vs_floor.p99_ratio)) | \(if .cpu then "\(r(.cpu.java_ms_per_request)) / \(r(.cpu.postgres_ms_per_request)) / \(r(.cpu.client_ms_per_request)) / \(r(.cpu.other_ms_per_request))" else "–" end) | \(if .cpu then "\(.cpu.machine_busy_pct)%\(if (.cpu.other_busy_pct // 0) > 10 then " ⚠" else "" end)" else "–" end) |"),
"",
"`create_password` sends a password, so each request pays one bcrypt hash (strength 10); its floor is the plain insert.",
"",
"## Inside the service",
"",
"From its Micrometer metrics: the mean server-side time of a request, how many times a request checks out a pool connection, how long it waits for one and holds it; and the young collections of the serial GC during the measurement.",
"",
"| Endpoint | Auth | Concurrency | server ms (mean) | connections per request | acquire wait ms | connection held ms | GC collections | GC pause ms |",
"|---|---|--:|--:|--:|--:|--:|--:|--:|",
(.results | map(select(.target == "service")) | sort_by(.endpoint, .concurrency, .auth)[] |
  "| \(.endpoint) | \(.auth) | \(.concurrency) | \(r(.service.server_ms_mean)) | \(.service.connections_per_request // "–") | \(r(.service.acquire_wait_ms_mean)) | \(r(.service.connection_held_ms_mean)) | \(.cpu.gc.collections // "–") | \(.cpu.gc.pause_ms // "–") |"),
"",
"## SQL statements per request",
"",
"From pg_stat_statements over \(.statements[0].requests // "?") sequential requests per row: data statements, the credential lookup (auth; an API key'"'"'s `last_used_at` update, at most once a minute, is counted in the total only) and transactions started (BEGIN travels in the same round trip as the statement after it; pg_stat_statements does not list the driver'"'"'s COMMIT). The email outbox sender'"'"'s statements are left out.",
"",
"| Endpoint | Auth | total | data | auth | transactions (BEGIN) | SQL ms per request | HTTP status |",
"|---|---|--:|--:|--:|--:|--:|---|",
(.statements[] | "| \(.endpoint) | \(.auth) | \(.per_request) | \(.data_per_request) | \(.auth_per_request) | \(.transaction_per_request) | \(.sql_ms_per_request) | \(.status_codes | rtrimstr(";")) |"),
"",
"## Targets of issue 8 (concurrency 16)",
"",
"| Target | bearer token | API key | met |",
"|---|--:|--:|---|",
( [ ["GET one staff: ≥ 40% of the SQL floor rate", "get", "ratio", 0.40],
    ["Search: p99 < 25 ms", "search", "p99", 25],
    ["Store + role list: p99 < 25 ms", "store_role", "p99", 25],
    ["Create: ≥ 25% of the SQL insert rate", "create", "ratio", 0.25] ][] as [$name, $e, $kind, $limit] |
  [c16($e; "bearer"), c16($e; "api_key")] as [$b, $k] |
  if $kind == "ratio" then
    "| \($name) | \(pct($b.vs_floor.rps_ratio)) | \(pct($k.vs_floor.rps_ratio)) | \(met(if $b == null or $k == null then null else ($b.vs_floor.rps_ratio >= $limit and $k.vs_floor.rps_ratio >= $limit) end)) |"
  else
    "| \($name) | \(r($b.latency_ms.p99)) ms | \(r($k.latency_ms.p99)) ms | \(met(if $b == null or $k == null then null else ($b.latency_ms.p99 < $limit and $k.latency_ms.p99 < $limit) end)) |"
  end),
( [stmt("get"; "bearer"), stmt("get"; "api_key")] as [$b, $k] |
  "| GET one staff: ≤ 2 data statements | \($b.data_per_request // "–") | \($k.data_per_request // "–") | \(met(if $b == null then null else ($b.data_per_request <= 2 and ($k.data_per_request // 0) <= 2) end)) |"),
( [.statements[] | select(.auth == "bearer") | .auth_per_request] as $ba | [.statements[] | select(.auth == "api_key") | .auth_per_request] as $ka |
  "| Authentication: ≤ 1 lookup per request | \($ba | max // "–") | \($ka | max // "–") | \(met(if ($ba | length) == 0 then null else (($ba + $ka) | max) <= 1 end)) |"),
"| Peak RSS < 512 MB | \(.rss_mb.peak) MB | | \(met(.rss_mb.peak < 512)) |",
"| Start-up to healthy < 10 s | \(.startup.ready_ms / 1000 | r(.)) s | | \(met(.startup.ready_ms < 10000)) |",
"",
(if .keycloak == null then empty else
  .keycloak as $k |
  "## Keycloak beside Staffkit",
  "",
  "Keycloak \($k.version) in production mode (`\($k.build)`, then `kc.sh start --optimized`), heap `\($k.jvm_heap)`, \($k.gc_collector), on the same PostgreSQL (database `keycloak`), measured after the service with the same wrk settings, the service stopped. Realm `\($k.realm)`: \($k.users.seeded) users seeded from the \($k.users.staff_in_bench_database) staff of the bench database\(if $k.users.complete then "" else " (**not all**: the seed stops after \($k.users.seed_limit_s) s)" end). Keycloak is called with a realm administrator'"'"'s bearer token; Staffkit with the bench owner'"'"'s bearer token or API key. Ratio: Staffkit req/s ÷ Keycloak req/s (above 1×: Staffkit serves more).",
  "",
  "| Call | Keycloak | Staffkit credential | Concurrency | Keycloak req/s | Staffkit req/s | ratio | Keycloak p99 ms | Staffkit p99 ms |",
  "|---|---|---|--:|--:|--:|--:|--:|--:|",
  ( [ ["GET one user by id", "get", "bearer"], ["GET one user by id", "get", "api_key"],
      ["Partial-name search, 20 a page", "search", "bearer"],
      ["Lookup by email", "lookup_email", "bearer"], ["Lookup by email", "lookup_email", "api_key"],
      ["Lookup by remote_id (Keycloak: attribute search)", "lookup_remote_id", "bearer"],
      ["Create without password", "create", "bearer"],
      ["Create with password (Keycloak Argon2id, Staffkit bcrypt)", "create_password", "bearer"] ][] as [$name, $e, $a] |
    ($run.settings.concurrency[]) as $c |
    cell("keycloak"; $e; "bearer"; $c) as $kc | cell("service"; $e; $a; $c) as $sk |
    select($kc != null and $sk != null) |
    "| \($name) | `\($k.calls[$e] | split(" (")[0])` | \(if $a == "bearer" then "bearer token" else "API key" end) | \($c) | \(r($kc.rps)) | \(r($sk.rps)) | \(ratio($sk; $kc)) | \(r($kc.latency_ms.p99)) | \(r($sk.latency_ms.p99)) |"),
  "",
  "| | Keycloak | Staffkit |",
  "|---|--:|--:|",
  "| Start-up to healthy | \($k.startup.ready_ms / 1000 | r(.)) s | \($run.startup.ready_ms / 1000 | r(.)) s |",
  "| RSS after start | \($k.rss_mb.after_start) MB | \($run.rss_mb.after_start) MB |",
  "| Peak RSS (VmHWM) | \($k.rss_mb.peak) MB | \($run.rss_mb.peak) MB |",
  "| GC | \($k.gc.collections) collections, \($k.gc.pause_ms_total) ms of pauses | \($run.gc.collections) collections, \($run.gc.pause_ms_total) ms of pauses |",
  ""
end),
"Plans of the service'"'"'s queries during this run: [`\(.plans_file)`](\(.plans_file)). Raw data: [`\(.date).json`](\(.date).json)."
' "$1"
