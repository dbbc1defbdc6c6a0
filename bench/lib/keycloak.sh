# Keycloak as a side-by-side peer of the service (bench/run --peer keycloak): the distribution
# from Maven Central, a database of its own in the bench PostgreSQL, a realm with the bench
# database's staff as users, and starting and stopping it. Sourced after common.sh, not executed.

KC_VERSION=${BENCH_KEYCLOAK_VERSION:-26.7.3}
KC_PORT=${BENCH_KEYCLOAK_PORT:-18180}
KC_MANAGEMENT_PORT=${BENCH_KEYCLOAK_MANAGEMENT_PORT:-18181}
KC_HOME=$BENCH_HOME/keycloak
KC_DIST=$KC_HOME/keycloak-$KC_VERSION
KC_REALM=staffkit-bench
KC_DB=keycloak
KC_ADMIN=bench-kc-admin # the bootstrap admin of the master realm: creates the realm, seeds it
KC_BENCH_USER=bench-admin # the measured calls: a realm administrator of staffkit-bench, like the service's owner
KC_TOKEN_LIFESPAN=14400 # 4 h, like STAFFKIT_ACCESS_TOKEN_TTL in bench/run: one token lasts the run
KC_SEED_LIMIT=${BENCH_KEYCLOAK_SEED_SECONDS:-600}
KC_SEED_BATCH=${BENCH_KEYCLOAK_SEED_BATCH:-1000}
KC_URL=http://127.0.0.1:$KC_PORT
KC_PID="" # the JVM (kc.sh runs it as a child)
KC_SCRIPT_PID=""

# kc_fetch: downloads the distribution once into $BENCH_HOME/keycloak, checks it against Maven
# Central's .sha1 and unpacks it.
kc_fetch() {
  [ -x "$KC_DIST/bin/kc.sh" ] && return 0
  local base=https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION
  local zip=$KC_HOME/keycloak-quarkus-dist-$KC_VERSION.zip
  mkdir -p "$KC_HOME"
  if [ ! -f "$zip" ]; then
    log "downloading Keycloak $KC_VERSION (keycloak-quarkus-dist from Maven Central)"
    curl -fsSL -o "$zip.sha1" "$base/keycloak-quarkus-dist-$KC_VERSION.zip.sha1" ||
      die "Keycloak $KC_VERSION is not on Maven Central (BENCH_KEYCLOAK_VERSION)"
    curl -fsSL -o "$zip.part" "$base/keycloak-quarkus-dist-$KC_VERSION.zip" || die "downloading Keycloak $KC_VERSION failed"
    mv "$zip.part" "$zip"
  fi
  [ -f "$zip.sha1" ] || curl -fsSL -o "$zip.sha1" "$base/keycloak-quarkus-dist-$KC_VERSION.zip.sha1"
  local expected actual
  expected=$(awk '{print $1; exit}' "$zip.sha1")
  actual=$(sha1sum "$zip" | awk '{print $1}')
  if [ "$expected" != "$actual" ]; then
    rm -f "$zip" "$zip.sha1"
    die "the Keycloak $KC_VERSION download does not match its .sha1 ($actual, expected $expected): removed, run again"
  fi
  log "unpacking Keycloak $KC_VERSION (sha1 $actual verified) into $KC_DIST"
  rm -rf "$KC_DIST"
  (cd "$KC_HOME" && unzip -q "$zip") || die "could not unpack $zip"
  [ -x "$KC_DIST/bin/kc.sh" ] || die "$zip holds no keycloak-$KC_VERSION/bin/kc.sh"
}

# kc_database: the role and database keycloak in the bench PostgreSQL (the bench database's password).
kc_database() {
  psql_admin -d postgres <<SQL
set client_min_messages = warning;
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = '$KC_DB') then
    create role $KC_DB login;
  end if;
end \$\$;
alter role $KC_DB password '$BENCH_DB_PASSWORD';
SQL
  if [ -z "$(psql_admin -d postgres -Atc "select 1 from pg_database where datname = '$KC_DB'")" ]; then
    log "creating database $KC_DB (role $KC_DB) for Keycloak"
    psql_admin -d postgres -c "create database $KC_DB owner $KC_DB"
  fi
}

psql_kc() {
  psql_admin -d "$KC_DB" "$@"
}

# The build-time options: the optimized server image kc.sh build writes into lib/quarkus.
KC_BUILD_OPTIONS=(--db=postgres --health-enabled=true)
# The start options (with --optimized): http on loopback, a local cache as for a single node (the
# default, ispn, forms a cluster over JGroups).
KC_START_OPTIONS=(--http-enabled=true --http-host=127.0.0.1 --http-port="$KC_PORT" --http-management-port="$KC_MANAGEMENT_PORT"
  --hostname-strict=false --cache=local)

# kc_build: kc.sh build once per set of build options (production mode, then start --optimized).
kc_build() {
  local marker=$KC_DIST/.bench-build
  [ "$(cat "$marker" 2>/dev/null)" = "${KC_BUILD_OPTIONS[*]}" ] && return 0
  log "kc.sh build ${KC_BUILD_OPTIONS[*]}"
  "$KC_DIST/bin/kc.sh" build "${KC_BUILD_OPTIONS[@]}" >"$KC_HOME/build.log" 2>&1 || {
    tail -30 "$KC_HOME/build.log" >&2
    die "kc.sh build failed; see $KC_HOME/build.log"
  }
  echo "${KC_BUILD_OPTIONS[*]}" >"$marker"
}

# kc_heap_opts: the heap of the service (the -Xmx of its JVM options) for Keycloak's
# JAVA_OPTS_KC_HEAP; BENCH_KEYCLOAK_HEAP overrides it (e.g. when Keycloak cannot run at that size).
kc_heap_opts() {
  local xmx
  xmx=$(grep -o -- '-Xmx[0-9]*[kKmMgG]' <<<"$JVM_OPTS" | tail -1 || true)
  xmx=${BENCH_KEYCLOAK_HEAP:-${xmx:--Xmx224m}}
  [[ $xmx == -Xmx* ]] || xmx=-Xmx$xmx
  echo "-Xms64m $xmx"
}

# kc_start <log file>: kc.sh start --optimized against the bench PostgreSQL, http on 127.0.0.1;
# waits for /health/ready. Sets KC_PID (the JVM), KC_READY_MS (launch to ready).
kc_start() {
  local kc_log=$1 started
  use_jdk25
  kc_build
  started=$(date +%s%N)
  (
    export JAVA_OPTS_KC_HEAP
    JAVA_OPTS_KC_HEAP=$(kc_heap_opts)
    [ -z "${JAVA_OPTS_APPEND:-}" ] || export JAVA_OPTS_APPEND
    KC_DB_URL="jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/$KC_DB" KC_DB_USERNAME=$KC_DB KC_DB_PASSWORD=$BENCH_DB_PASSWORD \
      KC_BOOTSTRAP_ADMIN_USERNAME=$KC_ADMIN KC_BOOTSTRAP_ADMIN_PASSWORD=$BENCH_PASSWORD \
      exec "$KC_DIST/bin/kc.sh" start --optimized "${KC_START_OPTIONS[@]}"
  ) >"$kc_log" 2>&1 &
  KC_SCRIPT_PID=$!
  local deadline=$((SECONDS + ${BENCH_KEYCLOAK_START_TIMEOUT:-300}))
  until curl -fsS -o /dev/null "http://127.0.0.1:$KC_MANAGEMENT_PORT/health/ready" 2>/dev/null; do
    if ! kill -0 "$KC_SCRIPT_PID" 2>/dev/null; then
      tail -40 "$kc_log" >&2
      die "Keycloak exited during start-up; see $kc_log (a heap too small for it? BENCH_KEYCLOAK_HEAP)"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { kc_stop; die "Keycloak was not ready within ${BENCH_KEYCLOAK_START_TIMEOUT:-300} s; see $kc_log"; }
    sleep 0.1
  done
  KC_READY_MS=$((($(date +%s%N) - started) / 1000000))
  KC_PID=$(ps -o pid= --ppid "$KC_SCRIPT_PID" | awk '{print $1; exit}')
  [ -n "$KC_PID" ] || KC_PID=$KC_SCRIPT_PID
}

kc_stop() {
  local pid
  for pid in $KC_PID $KC_SCRIPT_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      local i
      for i in $(seq 1 200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  [ -n "$KC_SCRIPT_PID" ] && wait "$KC_SCRIPT_PID" 2>/dev/null || true
  KC_PID=""
  KC_SCRIPT_PID=""
}

# kc_token <realm> <username>: an access token through the realm's admin-cli client.
kc_token() {
  local token
  token=$(curl -fsS -X POST "$KC_URL/realms/$1/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode "username=$2" --data-urlencode "password=$BENCH_PASSWORD" | jq -r .access_token)
  [ -n "$token" ] && [ "$token" != null ] || die "Keycloak login of $2 in realm $1 failed"
  echo "$token"
}

# kc_api <method> <path> [curl options...]: the admin REST API as the bootstrap admin.
kc_api() {
  local method=$1 path=$2
  shift 2
  curl -fsS -X "$method" -H "Authorization: Bearer $KC_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    "$KC_URL/admin/realms$path" "$@"
}

# kc_seeded_users: users of the realm that came from the bench database (not the bench admin, not
# the ones the create scenarios added). Read in the keycloak database; 0 when there is no realm.
kc_seeded_users() {
  psql_kc -Atc "select count(*) from user_entity u join realm r on r.id = u.realm_id
    where r.name = '$KC_REALM' and u.username <> '$KC_BENCH_USER' and u.username not like 'wrk-%'" 2>/dev/null || echo 0
}

# kc_remove_created_users: deletes the users the create scenarios added (usernames wrk-...), in SQL
# while Keycloak is stopped (its caches would not know), with the rows that refer to them.
kc_remove_created_users() {
  psql_kc -q <<SQL
create temporary table created as
  select u.id from user_entity u join realm r on r.id = u.realm_id
  where r.name = '$KC_REALM' and u.username like 'wrk-%';
delete from credential where user_id in (select id from created);
delete from user_attribute where user_id in (select id from created);
delete from user_role_mapping where user_id in (select id from created);
delete from user_group_membership where user_id in (select id from created);
delete from user_required_action where user_id in (select id from created);
delete from federated_identity where user_id in (select id from created);
delete from user_entity where id in (select id from created);
vacuum (analyze) user_entity, user_attribute, credential, user_role_mapping;
SQL
}

# kc_prepare_realm: the realm staffkit-bench (unmanaged attributes on, for remote_id), its bench
# administrator, and tokens that last the run in both realms.
kc_prepare_realm() {
  KC_ADMIN_TOKEN=$(kc_token master "$KC_ADMIN")
  kc_api PUT /master -d "{\"accessTokenLifespan\": $KC_TOKEN_LIFESPAN}"
  KC_ADMIN_TOKEN=$(kc_token master "$KC_ADMIN")
  if ! kc_api GET "/$KC_REALM" -o /dev/null 2>/dev/null; then
    log "creating the Keycloak realm $KC_REALM"
    kc_api POST "" -d "$(jq -n --arg realm "$KC_REALM" --argjson life "$KC_TOKEN_LIFESPAN" \
      '{realm: $realm, enabled: true, accessTokenLifespan: $life, ssoSessionIdleTimeout: $life, ssoSessionMaxLifespan: $life}')"
  fi
  kc_api PUT "/$KC_REALM" -d "$(jq -n --argjson life "$KC_TOKEN_LIFESPAN" \
    '{accessTokenLifespan: $life, ssoSessionIdleTimeout: $life, ssoSessionMaxLifespan: $life}')"
  # remote_id is an attribute the realm's user profile does not declare: let it be stored and searched.
  kc_api GET "/$KC_REALM/users/profile" | jq '.unmanagedAttributePolicy = "ENABLED"' |
    kc_api PUT "/$KC_REALM/users/profile" -d @- -o /dev/null
  local id
  id=$(kc_api GET "/$KC_REALM/users?username=$KC_BENCH_USER&exact=true" | jq -r '.[0].id // empty')
  if [ -z "$id" ]; then
    log "creating the Keycloak realm administrator $KC_BENCH_USER"
    kc_api POST "/$KC_REALM/users" -d "$(jq -n --arg u "$KC_BENCH_USER" --arg p "$BENCH_PASSWORD" \
      '{username: $u, email: "bench-admin@bench.example", firstName: "Bench", lastName: "Admin", enabled: true, emailVerified: true,
        credentials: [{type: "password", value: $p, temporary: false}]}')"
    id=$(kc_api GET "/$KC_REALM/users?username=$KC_BENCH_USER&exact=true" | jq -r '.[0].id')
    local client roles
    client=$(kc_api GET "/$KC_REALM/clients?clientId=realm-management" | jq -r '.[0].id')
    roles=$(kc_api GET "/$KC_REALM/clients/$client/roles/realm-admin" | jq -c '[.]')
    kc_api POST "/$KC_REALM/users/$id/role-mappings/clients/$client" -d "$roles"
  fi
}

# kc_seed <staff min id> <staff max id>: imports the bench database's staff as users of the realm
# (username, or the email where the staff member has none; email; first and last name; remote_id
# as an attribute) through partialImport in batches, for at most KC_SEED_LIMIT seconds. Batches
# go in staff id order, so a partial seed goes on where the last one stopped. Sets KC_SEEDED.
kc_seed() {
  local min_id=$1 max_id=$2 wanted have
  wanted=$(psql_db -Atc "select count(*) from staff where id between $min_id and $max_id and email is not null")
  have=$(kc_seeded_users)
  local first_batch=$((have / KC_SEED_BATCH)) started=$SECONDS batches=$KC_HOME/seed-batches.jsonl
  log "seeding Keycloak: $wanted staff as users of $KC_REALM (partialImport, $KC_SEED_BATCH a batch, from batch $first_batch; at most $KC_SEED_LIMIT s)"
  psql_db -At -v min="$min_id" -v max="$max_id" -v batch="$KC_SEED_BATCH" -v first="$first_batch" >"$batches" <<'SQL'
select json_build_object('ifResourceExists', 'SKIP', 'users', json_agg(json_build_object(
         'username', lower(coalesce(username, email)), 'email', lower(email), 'emailVerified', true,
         'firstName', first_name, 'lastName', last_name, 'enabled', is_active,
         'attributes', case when remote_id is not null then json_build_object('remote_id', json_build_array(remote_id)) else '{}'::json end)
         order by id))
from (select *, (row_number() over (order by id) - 1) / :batch as b
      from staff where id between :min and :max and email is not null) s
where b >= :first
group by b order by b;
SQL
  local n=0 line
  while IFS= read -r line; do
    if [ $((SECONDS - started)) -ge "$KC_SEED_LIMIT" ]; then
      log "  stopped after $KC_SEED_LIMIT s"
      break
    fi
    printf '%s' "$line" | kc_api POST "/$KC_REALM/partialImport" -d @- -o /dev/null ||
      die "partialImport of batch $((first_batch + n)) failed"
    n=$((n + 1))
    [ $((n % 20)) = 0 ] && log "  $((have + n * KC_SEED_BATCH)) users after $((SECONDS - started)) s"
  done <"$batches"
  rm -f "$batches"
  KC_SEEDED=$(kc_seeded_users)
  KC_SEED_SECONDS=$((SECONDS - started))
  log "Keycloak realm $KC_REALM: $KC_SEEDED of $wanted staff seeded (${KC_SEED_SECONDS} s this time)"
}

# kc_ensure_seeded <staff min id> <staff max id> <log file>: when the realm holds fewer users than
# the bench database has staff, starts Keycloak, prepares the realm, seeds it and stops it again.
# Sets KC_WANTED, KC_SEEDED and KC_SEED_SECONDS (0 when nothing was seeded in this run).
kc_ensure_seeded() {
  local min_id=$1 max_id=$2 kc_log=$3
  KC_WANTED=$(psql_db -Atc "select count(*) from staff where id between $min_id and $max_id and email is not null")
  KC_SEEDED=$(kc_seeded_users)
  KC_SEED_SECONDS=0
  if [ "$KC_SEEDED" -ge "$KC_WANTED" ] && [ -n "$(psql_kc -Atc "select 1 from user_entity where username = '$KC_BENCH_USER'")" ]; then
    log "Keycloak realm $KC_REALM already holds the $KC_SEEDED staff users: not seeding"
    return 0
  fi
  log "starting Keycloak $KC_VERSION to seed it (log $kc_log)"
  kc_start "$kc_log"
  log "  ready in $KC_READY_MS ms"
  kc_prepare_realm
  kc_seed "$min_id" "$max_id"
  kc_stop
}
