#!/usr/bin/env bash
# The floor under a start at a replica's 0.25 CPU: how long Open Liberty takes to answer
# /health/ready at 0.25 CPU with no application at all, beside the gateway, on this checkout's
# runtime and jvm.options. Three servers, each alone in a cgroup of 0.25 CPU (as root, cgroup v1):
#   floor-min       servlet-6.0 and mpHealth-4.0 only, no application
#   floor-features  every feature of src/main/liberty/config/server.xml, no application
#   gateway         this gateway (defaultServer's configuration and WAR), on a throwaway PostgreSQL
# each started twice: first with --clean (an empty workarea, as the first start after a build or
# in a new container), then again with the workarea that start left. Prints wall ms and CPU-s to
# the first 200 of /health/ready. The servers listen on BENCH_FLOOR_PORT (9283).
#
#   mvn -B -q package liberty:create liberty:deploy -DskipTests && bench/startup-floor.sh
#
# docs/reference/operations.md#start-up-under-a-quarter-of-a-cpu reads its figures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
PORT="${BENCH_FLOOR_PORT:-9283}"
WLP="$ROOT/target/liberty/wlp"
[ -x "$WLP/bin/server" ] && [ -d "$WLP/usr/servers/defaultServer" ] \
  || { echo "floor: build first: mvn -B -q package liberty:create liberty:deploy -DskipTests" >&2; exit 2; }
CPU=/sys/fs/cgroup/cpu/gateway-floor ACCT=/sys/fs/cgroup/cpuacct/gateway-floor
mkdir -p "$CPU" "$ACCT" 2>/dev/null || { echo "floor: needs root and cgroup v1" >&2; exit 2; }
echo 100000 > "$CPU/cpu.cfs_period_us"; echo 25000 > "$CPU/cpu.cfs_quota_us"
SERVERS="$WLP/usr/servers"

# the two floor servers: server.xml's features (comments dropped), the settings that shape a start
features="$(sed -n '/<featureManager>/,/<\/featureManager>/p' "$ROOT/src/main/liberty/config/server.xml" | grep '<feature>')"
floor_server() {  # floor_server NAME FEATURE_LINES
  mkdir -p "$SERVERS/$1"
  cp "$ROOT/src/main/liberty/config/jvm.options" "$SERVERS/$1/"
  cat > "$SERVERS/$1/server.xml" <<XML
<server>
  <featureManager>
$2
  </featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="localhost" httpPort="$PORT" httpsPort="-1"/>
  <config updateTrigger="mbean"/>
  <applicationMonitor updateTrigger="mbean" dropinsEnabled="false"/>
  <cdi enableImplicitBeanArchives="false"/>
  <monitor filter="HTTP"/>
</server>
XML
}
floor_server floor-min "    <feature>servlet-6.0</feature><feature>mpHealth-4.0</feature>"
floor_server floor-features "$features"

export PGPORT="${BENCH_FLOOR_PGPORT:-55470}" PG_STATE="/tmp/gateway-floor-pg.state" PG_APP_DB=gateway
"$SHARED_BENCH/pg.sh" start >/dev/null
cleanup() {
  for s in floor-min floor-features defaultServer; do "$WLP/bin/server" stop "$s" >/dev/null 2>&1 || true; done
  "$SHARED_BENCH/pg.sh" stop >/dev/null 2>&1 || true
  rm -rf "$SERVERS/floor-min" "$SERVERS/floor-features"
  sleep 1; rmdir "$CPU" "$ACCT" 2>/dev/null || true
}
trap cleanup EXIT
export PGHOST=127.0.0.1 PGUSER=bench PGDATABASE=gateway http_port="$PORT"

start() {  # start SERVER LABEL [--clean]
  echo 0 > "$ACCT/cpuacct.usage"
  local t0; t0=$(date +%s%N)
  ( echo $BASHPID > "$CPU/cgroup.procs"; echo $BASHPID > "$ACCT/cgroup.procs"
    exec "$WLP/bin/server" run "$1" ${3:-} > "/tmp/gateway-floor-$1.out" 2>&1 ) &
  for _ in $(seq 1500); do curl -sf -o /dev/null -m 2 "http://localhost:$PORT/health/ready" && break; sleep 0.2; done
  curl -sf -o /dev/null -m 2 "http://localhost:$PORT/health/ready" || { echo "floor: $1 did not become ready" >&2; exit 1; }
  printf '%-16s %-22s %8d ms %6.1f CPU-s\n' "$1" "$2" $(( ($(date +%s%N) - t0) / 1000000 )) \
    "$(awk '{ print $1 / 1e9 }' "$ACCT/cpuacct.usage")"
  "$WLP/bin/server" stop "$1" >/dev/null 2>&1; wait || true
}
echo "floor: to /health/ready at 0.25 CPU, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for s in floor-min floor-features defaultServer; do
  start "$s" "first (empty workarea)" --clean
  start "$s" "again (workarea kept)"
done
