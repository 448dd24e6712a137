#!/usr/bin/env bash
# Benchmark of the gateway as a user runs it: a PostgreSQL (Debian's postgresql package, a fresh
# throwaway cluster with synchronous_commit on), the server started from this checkout on it, and
# the shared MCP load driver calling ingest_lead (10% repeat contacts) and lookup_ohid.
#
#   bench/run.sh [--sessions "8 32"] [--duration 15] [--warmup 45] [--peer] [--rounds 3] [--profile TOOL]
#
# Prints one table: calls/s, p50/p95/p99 latency, server CPU per call and peak RSS per run.
# --peer also starts the reference peer (TypeScript SDK, ../shared/bench/peer-node) on the same
# PostgreSQL and runs the shared A/B runner, alternating gateway and peer rounds side by side.
# --profile ingest|lookup records a Java Flight Recorder profile of the server during one run at
# 8 sessions and prints where its CPU samples fall (top frames, and by package).
# Needs: a JDK 17, Maven, Node.js (for --peer), /usr/lib/postgresql/*/bin (apt-get install postgresql),
# and the shared bench folder (SHARED_BENCH, default ../shared/bench beside this checkout).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
SESSIONS="8 32" DURATION=15 WARMUP=45 PEER=0 ROUNDS=3 PROFILE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) SESSIONS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --peer) PEER=1; shift ;;
    --profile) PROFILE="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$SHARED_BENCH/load/load.sh" ] || { echo "bench: no load driver at $SHARED_BENCH/load/load.sh (set SHARED_BENCH)" >&2; exit 2; }
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PG_BIN/initdb" ] || { echo "bench: no PostgreSQL server binaries; apt-get install postgresql" >&2; exit 2; }

WORK="$(mktemp -d /tmp/gateway-bench.XXXXXX)"
# The gateway runs as the README's defaultServer on its default port; stop a running one first.
PGPORT="${BENCH_PGPORT:-55440}" GATEWAY_PORT=9080 PEER_PORT="${BENCH_PEER_PORT:-9081}"
if curl -s -o /dev/null "http://localhost:$GATEWAY_PORT/"; then
  echo "bench: port $GATEWAY_PORT is in use (a gateway started with mvn liberty:run?); stop it first" >&2; exit 2
fi
SERVER_PID="" PEER_PID=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  [ -n "$PEER_PID" ] && kill "$PEER_PID" 2>/dev/null || true
  "$ROOT/target/liberty/wlp/bin/server" stop defaultServer >/dev/null 2>&1 || true
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "bench: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (synchronous_commit on)"
chmod 755 "$WORK"; [ "$(id -u)" = 0 ] && chown postgres "$WORK"
as_pg "$PG_BIN/initdb" -D "$WORK/data" -U bench --auth=trust -E UTF8 --locale=C >"$WORK/initdb.log"
cat >>"$WORK/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$WORK'
max_connections = 200
shared_buffers = 512MB
synchronous_commit = on
CONF
as_pg "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/pg.log" -w start >/dev/null || { cat "$WORK/pg.log" >&2; exit 1; }
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U bench -d postgres -c "CREATE DATABASE gateway" -c "CREATE DATABASE peer"

echo "bench: building and starting the gateway on :$GATEWAY_PORT"
(cd "$ROOT" && mvn -q -B package liberty:create liberty:deploy -DskipTests)
export PGHOST=127.0.0.1 PGPORT PGUSER=bench PGDATABASE=gateway
STARTED=$(date +%s%N)
"$ROOT/target/liberty/wlp/bin/server" start defaultServer >/dev/null
SERVER_PID="$(cat "$ROOT/target/liberty/wlp/usr/servers/.pid/defaultServer.pid")"
for _ in $(seq 1200); do curl -fs "http://localhost:$GATEWAY_PORT/health/ready" >/dev/null && break; sleep 0.1; done
curl -fs "http://localhost:$GATEWAY_PORT/health/ready" >/dev/null || {
  echo "bench: the gateway did not become ready in 2 minutes:" >&2
  tail -20 "$ROOT/target/liberty/wlp/usr/servers/defaultServer/logs/messages.log" >&2; exit 1; }
echo "bench: cold start to ready (server start to /health/ready 200, on PostgreSQL): $(( ($(date +%s%N) - STARTED) / 1000000 )) ms"
GATEWAY_URL="http://localhost:$GATEWAY_PORT/mcp/lead-ingest"

echo "bench: warming the JVM up: ingest ${WARMUP}s, lookup 10s, ingest 15s"
"$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool ingest -c 8 -d "$WARMUP" --quiet >/dev/null
"$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool lookup -c 8 -d 10 --quiet >/dev/null
# ingest last, so that the JIT has settled on the ingest path before anything is measured
"$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool ingest -c 8 -d 15 --quiet >/dev/null

# "tid group ticks" per thread of the server: thread names with their numbers dropped, user+system time.
thread_cpu() {
  for t in /proc/"$SERVER_PID"/task/*; do
    name="$(cat "$t/comm" 2>/dev/null)" || continue
    stat="$(cat "$t/stat" 2>/dev/null)" || continue
    stat="${stat##*) }"
    set -- $stat
    printf '%s %s %s\n' "${t##*/}" "$(printf '%s' "$name" | tr ' ' '_' | sed 's/[-_#]*[0-9][0-9]*$//')" "$(( ${12} + ${13} ))"
  done
}

if [ -n "$PROFILE" ]; then
  thread_cpu > "$WORK/threads.before"
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$WORK/server.jfr" >/dev/null
  "$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool "$PROFILE" -c 8 -d "$DURATION" --server-pid "$SERVER_PID" --quiet | grep '^RESULT'
  jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
  thread_cpu > "$WORK/threads.after"
  # JFR samples only threads running Java code; this shows where the rest of the process CPU goes
  # (garbage collection, the JIT compilers, JFR itself).
  echo "== server CPU by thread group during the run (clock ticks of 10 ms)"
  # per thread id: the executor pool starts and retires threads during a run (the CPU of a
  # thread that ends before the second snapshot is missed)
  awk 'NR==FNR{b[$1]=$3; next}{d[$2]+=$3-b[$1]} END{for (k in d) if (d[k] > 0) print d[k], k}' \
      "$WORK/threads.before" "$WORK/threads.after" | sort -rn | head -12
  mkdir -p "$ROOT/target"; cp "$WORK/server.jfr" "$ROOT/target/bench-$PROFILE.jfr"
  echo "bench: recording kept in target/bench-$PROFILE.jfr (open it in JDK Mission Control, or: jfr print --events jdk.ExecutionSample)"
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/server.jfr" > "$WORK/samples.txt"
  echo "== top frames (self) of $(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt") CPU samples"
  awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' "$WORK/samples.txt" | sort | uniq -c | sort -rn | head -25
  echo "== samples by method anywhere in the stack (inclusive), for the gateway's own code and its main libraries"
  awk '/jdk.ExecutionSample/{if (n) for (k in seen) c[k]++; delete seen; n=1}
       /^[ \t]+(com\.opulenthorizons|io\.modelcontextprotocol\.server\.McpStateless|org\.hibernate\.validator\.internal\.engine\.ValidatorImpl\.validate\(|com\.google\.i18n\.phonenumbers\.PhoneNumberUtil\.parse\(|java\.util\.logging\.Logger\.log\(|tools\.jackson\.databind\.ObjectMapper\.|org\.postgresql\.jdbc\.PgPreparedStatement\.execute)/{ f=$1; sub(/\(.*/, "", f); seen[f]=1 }
       END{ for (k in seen) c[k]++; for (k in c) print c[k], k }' "$WORK/samples.txt" | sort -rn | head -30
  echo "== samples by package anywhere in the stack (inclusive)"
  awk '/jdk.ExecutionSample/{if (n) for (k in seen) c[k]++; delete seen; n=1}
       /^[ \t]+[a-z]+\./{ f=$1; split(f, parts, "."); pkg=parts[1] "." parts[2] "." parts[3]; seen[pkg]=1 }
       END{ for (k in seen) c[k]++; for (k in c) print c[k], k }' "$WORK/samples.txt" | sort -rn | head -25
  exit 0
fi

if [ "$PEER" = 1 ]; then
  PGDATABASE=peer psql -X -q -h 127.0.0.1 -p "$PGPORT" -U bench -f "$SHARED_BENCH/schema.sql"
  PGDATABASE=peer PORT="$PEER_PORT" "$SHARED_BENCH/peer-node/start.sh" "$PEER_PORT" >"$WORK/peer.log" 2>&1 &
  PEER_PID=$!
  for _ in $(seq 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PEER_PORT/mcp/lead-ingest")" != 000 ] && break
    sleep 0.5
  done
  "$SHARED_BENCH/load/load.sh" --url "http://127.0.0.1:$PEER_PORT/mcp/lead-ingest" --tool ingest -c 8 -d "$WARMUP" --quiet >/dev/null
  echo "bench: A/B gateway vs peer, $ROUNDS alternating rounds of ${DURATION}s"
  "$SHARED_BENCH/run.sh" -t ingest -c "$SESSIONS" -d "$DURATION" -k "$ROUNDS" -a "$SERVER_PID" -b "$PEER_PID" \
      -A gateway -B peer "$GATEWAY_URL" "http://127.0.0.1:$PEER_PORT/mcp/lead-ingest"
  "$SHARED_BENCH/run.sh" -t lookup -c 8 -d "$DURATION" -k "$ROUNDS" -a "$SERVER_PID" -b "$PEER_PID" \
      -A gateway -B peer "$GATEWAY_URL" "http://127.0.0.1:$PEER_PORT/mcp/lead-ingest"
  exit 0
fi

printf '\n%-7s %8s %9s %8s %8s %8s %10s %9s %7s\n' tool sessions calls/s p50_ms p95_ms p99_ms cpu_us/call peak_MB errors
run() {  # run TOOL SESSIONS
  local line get
  line="$("$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool "$1" -c "$2" -d "$DURATION" --warmup 3 \
          --server-pid "$SERVER_PID" --quiet | grep '^RESULT')"
  get() { printf '%s\n' "$line" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
  printf '%-7s %8s %9s %8s %8s %8s %10s %9s %7s\n' "$1" "$2" "$(get rps)" "$(get p50_ms)" "$(get p95_ms)" "$(get p99_ms)" \
    "$(get server_us_per_call)" "$(get server_rss_peak_mb)" "$(get errors)"
}
for s in $SESSIONS; do run ingest "$s"; done
run lookup 8
