#!/usr/bin/env bash
# Benchmark of the gateway as a user runs it: a PostgreSQL (Debian's postgresql package, a fresh
# throwaway cluster with synchronous_commit on), the server started from this checkout on it, and
# the shared MCP load driver calling ingest_lead (10% repeat contacts) and lookup_ohid.
#
#   bench/run.sh [--sessions "8 32"] [--duration 15] [--warmup 45] [--peer] [--rounds 3] [--profile TOOL] [--reads [--profile get_person|search_leads]]
#                [--sink-delay MS]
#   bench/run.sh --delivery [--rate 1000] [--duration 60] [--sink-delay "0 20"] [--profile delivery]
#   bench/run.sh --hostile [--sessions 48] [--duration 30]
#
# Prints one table: calls/s, p50/p95/p99 latency, server CPU per call and peak RSS per run.
# --peer also starts the reference peer (TypeScript SDK, ../shared/bench/peer-node) on the same
# PostgreSQL and runs each round of the shared A/B runner for both, side by side (alternating
# which goes first, every run on a quiet box), then prints the issue's targets
# as one table (medians over the rounds).
# --profile ingest|lookup records a Java Flight Recorder profile of the server during one run at
# 8 sessions and prints where its CPU samples fall (top frames, and by package).
# --sink-delay MS starts the benchmark's webhook sink (bench/delivery/Sink.java), answering after
# MS, and wires it as the gateway's WORKFLOW_WEBHOOK_URL (signed), so that delivery runs beside
# the load; every run then starts with the outbox drained.
# --delivery measures workflow delivery instead: ingest_lead at a fixed rate (open loop,
# bench/delivery/IngestAtRate.java) into the sink, for each sink delay, and prints ingests/s,
# delivered/s, the lag from commit to the sink's receipt, and the backlog over time.
# --reads generates 1,000,000 leads (READS_LEADS) with SQL and measures get_person and
# search_leads instead (bench/reads/reads.sh).
# --hostile runs the server in a memory cgroup of BENCH_MEMORY_LIMIT_MB (512, as a replica; needs root
# and cgroup v1), so that the JVM sizes its heap from the limit, and sends 48 sessions (--sessions) of
# near-limit ingest_lead calls with 72,000 keys in raw_payload (bench/hostile/HostileLoad.java); it
# prints how each was answered and the server's peak RSS.
# Needs: a JDK 17, Maven, Node.js (for --peer), /usr/lib/postgresql/*/bin (apt-get install postgresql),
# and the shared bench folder (SHARED_BENCH, default ../shared/bench beside this checkout).
# Ports: BENCH_GATEWAY_PORT (9080), BENCH_PGPORT (55440), BENCH_PEER_PORT (9081), BENCH_SINK_PORT (9089).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
SESSIONS="8 32" DURATION="" WARMUP=45 PEER=0 ROUNDS=3 PROFILE="" DELIVERY=0 RATE=1000 SINK_DELAYS="" READS=0 HOSTILE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) SESSIONS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --peer) PEER=1; shift ;;
    --profile) PROFILE="$2"; shift 2 ;;
    --delivery) DELIVERY=1; shift ;;
    --rate) RATE="$2"; shift 2 ;;
    --sink-delay) SINK_DELAYS="$2"; shift 2 ;;
    --reads) READS=1; shift ;;
    --hostile) HOSTILE=1; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$DELIVERY" = 1 ]; then DURATION="${DURATION:-60}" SINK_DELAYS="${SINK_DELAYS:-0 20}"; else DURATION="${DURATION:-15}"; fi
[ "$DELIVERY" = 1 ] || [ "$(echo $SINK_DELAYS | wc -w)" -le 1 ] || { echo "bench: one --sink-delay at a time without --delivery" >&2; exit 2; }
[ -x "$SHARED_BENCH/load/load.sh" ] || { echo "bench: no load driver at $SHARED_BENCH/load/load.sh (set SHARED_BENCH)" >&2; exit 2; }
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$PG_BIN/initdb" ] || { echo "bench: no PostgreSQL server binaries; apt-get install postgresql" >&2; exit 2; }

WORK="$(mktemp -d /tmp/gateway-bench.XXXXXX)"
# The gateway runs as the README's defaultServer, by default on its default port; stop a running one first.
PGPORT="${BENCH_PGPORT:-55440}" GATEWAY_PORT="${BENCH_GATEWAY_PORT:-9080}" PEER_PORT="${BENCH_PEER_PORT:-9081}"
SINK_PORT="${BENCH_SINK_PORT:-9089}" SINK_URL="http://127.0.0.1:${BENCH_SINK_PORT:-9089}"
if curl -s -o /dev/null "http://localhost:$GATEWAY_PORT/"; then
  echo "bench: port $GATEWAY_PORT is in use (a gateway started with mvn liberty:run?); stop it first" >&2; exit 2
fi
SERVER_PID="" PEER_PID="" SINK_PID="" SAMPLER_PID=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  [ -n "$PEER_PID" ] && kill "$PEER_PID" 2>/dev/null || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  "$ROOT/target/liberty/wlp/bin/server" stop defaultServer >/dev/null 2>&1 || true
  [ -d /sys/fs/cgroup/memory/gateway-bench ] && { sleep 1; rmdir /sys/fs/cgroup/memory/gateway-bench 2>/dev/null || true; }
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
# server.xml's http.port and https.port, from the environment
export http_port="$GATEWAY_PORT" https_port="${BENCH_GATEWAY_HTTPS_PORT:-9443}"
if [ -n "$SINK_DELAYS" ]; then
  # A fixed test key: the sink checks every signature, as a receiver would.
  SINK_SECRET="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
  java -Xmx256m -XX:+UseSerialGC "$ROOT/bench/delivery/Sink.java" --port "$SINK_PORT" --delay-ms "${SINK_DELAYS%% *}" \
      --secret "$SINK_SECRET" >"$WORK/sink.log" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 100); do curl -fs "$SINK_URL/stats" >/dev/null && break; sleep 0.2; done
  curl -fs "$SINK_URL/stats" >/dev/null || { echo "bench: the sink did not start:" >&2; cat "$WORK/sink.log" >&2; exit 1; }
  export WORKFLOW_WEBHOOK_URL="$SINK_URL/hook" WEBHOOK_SIGNING_SECRET="$SINK_SECRET"
  echo "bench: workflow events go to the sink on :$SINK_PORT (signed; WEBHOOK_CONCURRENCY ${WEBHOOK_CONCURRENCY:-default})"
fi
# One load driver is one caller calling one tool thousands of times a second: the per-caller limit
# (RATE_LIMIT_TOOL_CALLS_PER_MINUTE, 1200 by default) is off for the measurement, as the peer has none.
export RATE_LIMIT_TOOL_CALLS_PER_MINUTE=0
STARTED=$(date +%s%N)
if [ "$HOSTILE" = 1 ]; then
  # The replica's memory limit, so that the heap is sized from it (MaxRAMPercentage in jvm.options)
  CGROUP=/sys/fs/cgroup/memory/gateway-bench
  mkdir -p "$CGROUP" || { echo "bench: --hostile needs root and cgroup v1" >&2; exit 2; }
  echo $(( ${BENCH_MEMORY_LIMIT_MB:-512} * 1024 * 1024 )) > "$CGROUP/memory.limit_in_bytes"
  (echo $BASHPID > "$CGROUP/cgroup.procs"; exec "$ROOT/target/liberty/wlp/bin/server" start defaultServer >/dev/null)
else
  "$ROOT/target/liberty/wlp/bin/server" start defaultServer >/dev/null
fi
SERVER_PID="$(cat "$ROOT/target/liberty/wlp/usr/servers/.pid/defaultServer.pid")"
for _ in $(seq 1200); do curl -fs "http://localhost:$GATEWAY_PORT/health/ready" >/dev/null && break; sleep 0.1; done
curl -fs "http://localhost:$GATEWAY_PORT/health/ready" >/dev/null || {
  echo "bench: the gateway did not become ready in 2 minutes:" >&2
  tail -20 "$ROOT/target/liberty/wlp/usr/servers/defaultServer/logs/messages.log" >&2; exit 1; }
COLD_START_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
echo "bench: cold start to ready (server start to /health/ready 200, on PostgreSQL): $COLD_START_MS ms"
GATEWAY_URL="http://localhost:$GATEWAY_PORT/mcp/lead-ingest"
if [ "$HOSTILE" = 1 ]; then
  [ "$SESSIONS" = "8 32" ] && SESSIONS=48
  echo "bench: heap $(jcmd "$SERVER_PID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p' | awk '{ printf "%d MiB", $1 / 1048576 }') in a ${BENCH_MEMORY_LIMIT_MB:-512} MiB limit"
  java -Xmx512m "$ROOT/bench/hostile/HostileLoad.java" --url "$GATEWAY_URL" --sessions "$SESSIONS" --duration "${DURATION:-30}" \
    | tee "$WORK/hostile.out"
  echo "bench: server peak RSS $(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$SERVER_PID/status"), limit's peak $(( $(cat "$CGROUP/memory.max_usage_in_bytes") / 1048576 )) MiB (with page cache), OOM kills $(awk '/oom_kill /{ print $2 }' "$CGROUP/memory.oom_control" 2>/dev/null || echo 0), still ready: $(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$GATEWAY_PORT/health/ready")"
  exit 0
fi

# Percentage of all CPUs busy over one second.
busy_pct() {
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# Waits until the box has been under 5 % busy for a second (the shared A/B runner's rule), for
# up to $1 tries; prints the last figure.
quiet_box() {
  local b
  for _ in $(seq "${1:-30}"); do b="$(busy_pct)"; [ "$b" -lt 5 ] && break; done
  echo "$b"
}

# Workflow events waiting for delivery (a partial index: cheap).
pending() {
  psql -X -Atq -h 127.0.0.1 -p "$PGPORT" -U bench -d gateway \
    -c "SELECT count(*) FROM workflow_event WHERE delivery_status = 'PENDING'"
}

# Waits up to $1 seconds for the outbox to be empty (nothing to wait for without the sink).
drained() {
  [ -n "$SINK_DELAYS" ] || return 0
  for _ in $(seq $(( $1 * 5 ))); do [ "$(pending)" = 0 ] && return 0; sleep 0.2; done
  echo "bench: WARNING: $(pending) workflow events still pending after ${1}s" >&2
  return 1
}

# The project's Java drivers (the open-loop ingest and the reads), compiled with the connection
# they share (bench/common/McpConnection.java) into bench/build when a source is newer.
BENCH_CLASSES="$ROOT/bench/build"
bench_classes() {
  local sources=("$ROOT"/bench/common/*.java "$ROOT/bench/delivery/IngestAtRate.java" "$ROOT/bench/reads/Reads.java")
  # up to date when nothing is newer; a missing source or a first run makes find fail, and javac then runs
  local newer
  newer="$(find "${sources[@]}" -newer "$BENCH_CLASSES/.built" 2>/dev/null)" && [ -z "$newer" ] && return 0
  javac -nowarn --release 17 -d "$BENCH_CLASSES" "${sources[@]}" && touch "$BENCH_CLASSES/.built"
}
bench_classes || { echo "bench: the drivers did not compile" >&2; exit 1; }

# The open-loop ingest driver (C1 only, like the shared driver).
rate_load() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$BENCH_CLASSES" IngestAtRate --url "$GATEWAY_URL" "$@"
}

# The server's CPU time so far, in clock ticks of 10 ms.
server_ticks() {
  local st; st="$(cat "/proc/$SERVER_PID/stat")"; st="${st##*) }"
  set -- $st
  echo $(( ${12} + ${13} ))
}

# "tid group ticks" per thread of the server: thread names with their numbers dropped, user+system time.
thread_cpu() {
  local t name stat
  for t in /proc/"$SERVER_PID"/task/*; do
    name="$(cat "$t/comm" 2>/dev/null)" || continue
    stat="$(cat "$t/stat" 2>/dev/null)" || continue
    stat="${stat##*) }"
    set -- $stat
    printf '%s %s %s\n' "${t##*/}" "$(printf '%s' "$name" | tr ' ' '_' | sed 's/[-_#]*[0-9][0-9]*$//')" "$(( ${12} + ${13} ))"
  done
}

# A Java Flight Recorder profile of the server around what runs between profile_start and
# profile_report NAME, with the server's CPU by thread group.
profile_start() {
  thread_cpu > "$WORK/threads.before"
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$WORK/server.jfr" >/dev/null
}
profile_report() {
  jcmd "$SERVER_PID" JFR.stop name=bench >/dev/null
  thread_cpu > "$WORK/threads.after"
  # JFR samples only threads running Java code; this shows where the rest of the process CPU goes
  # (garbage collection, the JIT compilers, JFR itself).
  echo "== server CPU by thread group during the run (clock ticks of 10 ms)"
  # per thread id: the executor pool starts and retires threads during a run (the CPU of a
  # thread that ends before the second snapshot is missed)
  awk 'NR==FNR{b[$1]=$3; next}{d[$2]+=$3-b[$1]} END{for (k in d) if (d[k] > 0) print d[k], k}' \
      "$WORK/threads.before" "$WORK/threads.after" | sort -rn | head -12
  mkdir -p "$ROOT/target"; cp "$WORK/server.jfr" "$ROOT/target/bench-$1.jfr"
  echo "bench: recording kept in target/bench-$1.jfr (open it in JDK Mission Control, or: jfr print --events jdk.ExecutionSample)"
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
}

# --reads has its own data and warm-up (and may profile get_person with --profile get_person)
if [ "$READS" = 1 ]; then . "$ROOT/bench/reads/reads.sh"; exit 0; fi

if [ "$DELIVERY" = 1 ]; then
  echo "bench: warming the JVM up: ingest at ${RATE}/s for ${WARMUP}s, delivered to the sink"
  rate_load --rate "$RATE" --duration "$WARMUP" >/dev/null
else
  echo "bench: warming the JVM up: ingest ${WARMUP}s, lookup 10s, ingest 15s"
  "$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool ingest -c 8 -d "$WARMUP" --quiet >/dev/null
  "$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool lookup -c 8 -d 10 --quiet >/dev/null
  # ingest last, so that the JIT has settled on the ingest path before anything is measured
  "$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool ingest -c 8 -d 15 --quiet >/dev/null
fi

# One delivery run: ingest at $RATE/s for $DURATION s with the sink answering after $1 ms,
# then until the outbox is empty; the pending count is sampled every half second throughout.
# Prints one row of the delivery table.
delivery_run() {
  local delay=$1 pre line stats ticks0 ticks1 start end get
  curl -fs "$SINK_URL/delay?ms=$delay" >/dev/null
  drained 300 || true
  pre="$(quiet_box 120)"
  # ($$ is this script: the sampler ends with it, however it ends)
  (while kill -0 $$ 2>/dev/null; do echo "$(date +%s%3N) $(pending)"; sleep 0.5; done) >"$WORK/backlog-$delay.txt" &
  SAMPLER_PID=$!
  ticks0=$(server_ticks)
  line="$(rate_load --rate "$RATE" --duration "$DURATION" | tee "$WORK/rate-$delay.txt" | grep '^RESULT')" || true
  drained 120 || true
  sleep 1
  ticks1=$(server_ticks)
  kill "$SAMPLER_PID"; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  get() { printf '%s\n' "$2" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
  start=$(get start_ms "$line") end=$(get end_ms "$line")
  [ -n "$start" ] || { echo "bench: the ingest driver failed:" >&2; cat "$WORK/rate-$delay.txt" >&2; exit 1; }
  # the events of the run: those that occurred between the first call and the last answer
  stats="$(curl -fs "$SINK_URL/stats?from=$start&to=$((end + 1))")"
  # backlog: the most pending during the load, pending at each 10 s of it and each second after
  # it, and how long after its end the outbox was empty
  backlog="$(awk -v s="$start" -v e="$end" '
      $1 <= e { t = ($1 - s) / 1000; if ($2 > max) max = $2; b = int(t / 10) * 10; if (b >= 10 && !(b in at)) { at[b] = $2; order[++n] = b } ; last = $2; next }
      { a = ($1 - e) / 1000; if (zero == "" && $2 == 0) zero = a; if (near == "" && $2 <= 10) near = a; k = int(a) + 1; if (k <= 5 && !(k in after)) after[k] = $2 }
      END {
        line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? " " : "") "+" order[i] "s:" at[order[i]]
        printf "max=%d during=\"%s\" end=%d after=\"", max, line, last
        for (k = 1; k <= 5; k++) printf "%s+%ds:%s", (k > 1 ? " " : ""), k, (k in after ? after[k] : "-")
        printf "\" near_zero_s=%s zero_s=%s\n", (near == "" ? "never" : sprintf("%.1f", near)), (zero == "" ? "never" : sprintf("%.1f", zero))
      }' "$WORK/backlog-$delay.txt")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$delay" "$pre" "$line" "$stats" "$backlog" "$ticks0" "$ticks1" \
    "$(sed -n 's/.*during="\([^"]*\)".*/\1/p' <<<"$backlog")" "$(sed -n 's/.*after="\([^"]*\)".*/\1/p' <<<"$backlog")" \
    >>"$WORK/delivery.tsv"
  awk -F'\t' -v rate="$RATE" '
    function get(text, key,   n, i, kv) { n = split(text, kv, " "); for (i = 1; i <= n; i++) if (index(kv[i], key "=") == 1) return substr(kv[i], length(key) + 2); return "" }
    {
      calls = get($3, "ok"); secs = get($3, "secs"); received = get($4, "received")
      span = (get($4, "last_arrival") - get($3, "start_ms")) / 1000
      printf "| %5s ms | %5s %% | %6.0f | %7.1f | %6.1f | %6.1f | %d | %6d of %-6d | %7.1f | %6s | %6s | %6s | %6s | %6s | %-6s | %-6s | %s | %s | %.0f |\n",
        $1, $2, rate, get($3, "rps"), get($3, "p50_ms"), get($3, "p99_ms"), get($3, "errors"), received, calls,
        (span > 0 ? received / span : 0), get($4, "lag_p50_ms"), get($4, "lag_p99_ms"), get($4, "lag_max_ms"),
        get($5, "max"), get($5, "end"), get($5, "near_zero_s"), get($5, "zero_s"), get($4, "duplicates_all"),
        get($4, "bad_signatures_all"), (calls > 0 ? 10000 * ($7 - $6) / calls : 0)
    }' <(tail -1 "$WORK/delivery.tsv")
}

if [ "$DELIVERY" = 1 ]; then
  echo "bench: delivery at ${RATE} ingests/s for ${DURATION}s per sink delay; each run starts with the outbox empty, on a quiet box"
  echo "| sink delay | box busy before | ingests/s offered | achieved | ingest p50 ms | p99 ms | errors | delivered | delivered/s | lag p50 ms | p99 ms | max ms | backlog max | at load end | near 0 (<= 10) after s | 0 after s | duplicates | bad signatures | server CPU us/event |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  first=1
  for delay in $SINK_DELAYS; do
    if [ "$PROFILE" = delivery ] && [ "$first" = 1 ]; then
      profile_start; delivery_run "$delay"; profile_report delivery
    else
      delivery_run "$delay"
    fi
    first=0
  done
  echo; echo "pending events over time (sampled every 0.5 s), per sink delay:"
  awk -F'\t' '{ printf "  %s ms: during the load %s; after it %s\n", $1, $8, $9 }' "$WORK/delivery.tsv"
  mkdir -p "$ROOT/target"; cp "$WORK/delivery.tsv" "$ROOT/target/bench-delivery.tsv"
  exit 0
fi

if [ -n "$PROFILE" ] && [ "$DELIVERY" = 0 ]; then
  profile_start
  "$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool "$PROFILE" -c 8 -d "$DURATION" --server-pid "$SERVER_PID" --quiet | grep '^RESULT'
  profile_report "$PROFILE"
  exit 0
fi

# The issue's targets from the A/B rows: medians of the rounds, and the median of the per-round
# ratios (as the shared runner prints them).
targets_table() {  # targets_table TSV COLD_START_MS
  awk -F'\t' -v cold="$2" '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 == "label" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
      k = $2 " " $3; r = $4
      v[$1, k, r, "rps"] = $col["rps"]; v[$1, k, r, "p99"] = $col["p99_ms"]; v[$1, k, r, "cpu"] = $col["server_us_per_call"]
      rounds[k, r] = 1
      errors += $col["errors"]
      if ($1 == "gateway" && $col["server_rss_peak_mb"] > rss) rss = $col["server_rss_peak_mb"]
      if ($1 == "peer" && $col["server_rss_peak_mb"] > peer_rss) peer_rss = $col["server_rss_peak_mb"]
    }
    function row(name, k, m, target, higher,   r, g, p, q, mg, mp, mq, ok) {
      g = p = q = ""
      for (key in rounds) { split(key, kr, SUBSEP); if (kr[1] != k) continue; r = kr[2]
        if ((("gateway", k, r, m) in v) && (("peer", k, r, m) in v) && v["peer", k, r, m] > 0) {
          g = g " " v["gateway", k, r, m]; p = p " " v["peer", k, r, m]; q = q " " v["gateway", k, r, m] / v["peer", k, r, m] } }
      if (q == "") return
      mg = median(g); mp = median(p); mq = median(q)
      ok = higher ? mq >= target : mq <= target
      printf "| %-44s | %9.1f | %9.1f | %5.2f | %s %.1f | %s |\n", name, mg, mp, mq, higher ? ">=" : "<=", target, ok ? "met" : "NOT MET"
    }
    END {
      print "| measure (medians of the alternating rounds)  |   gateway |      peer | ratio | target | |"
      print "|---|---|---|---|---|---|"
      row("ingest_lead calls/s, 8 sessions", "ingest 8", "rps", 1.2, 1)
      row("ingest_lead calls/s, 32 sessions", "ingest 32", "rps", 1.2, 1)
      row("lookup_ohid calls/s, 8 sessions", "lookup 8", "rps", 1.2, 1)
      row("ingest_lead p99 ms, 8 sessions", "ingest 8", "p99", 1, 0)
      row("ingest_lead p99 ms, 32 sessions", "ingest 32", "p99", 1, 0)
      row("ingest_lead server CPU us/call, 8 sessions", "ingest 8", "cpu", 0.6, 0)
      row("ingest_lead server CPU us/call, 32 sessions", "ingest 32", "cpu", 0.6, 0)
      row("lookup_ohid server CPU us/call, 8 sessions", "lookup 8", "cpu", 0.6, 0)
      printf "| %-44s | %9.1f | %9.1f |       | <= 400 MiB | %s |\n", "peak RSS MiB (gateway: all its rounds)", rss, peer_rss, rss <= 400 ? "met" : "NOT MET"
      printf "| %-44s | %9d |           |       | 0 | %s |\n", "failed or unverified calls (both)", errors, errors == 0 ? "met" : "NOT MET"
      if (cold != "") printf "| %-44s | %9.1f |           |       | <= 10 s | %s |\n", "cold start to ready, s (on PostgreSQL)", cold / 1000, cold <= 10000 ? "met" : "NOT MET"
    }' "$1"
}

if [ "$PEER" = 1 ]; then
  PEER_URL="http://127.0.0.1:$PEER_PORT/mcp/lead-ingest"
  PGDATABASE=peer psql -X -q -h 127.0.0.1 -p "$PGPORT" -U bench -f "$SHARED_BENCH/schema.sql"
  # A copy of the peer in target/: its start script installs node_modules beside itself, and the
  # shared folder is not to be written to.
  PEER_DIR="$ROOT/target/bench-peer-node"
  mkdir -p "$PEER_DIR"
  for f in package.json package-lock.json server.js start.sh; do
    cmp -s "$SHARED_BENCH/peer-node/$f" "$PEER_DIR/$f" || { cp "$SHARED_BENCH/peer-node/$f" "$PEER_DIR/$f"; chmod u+w "$PEER_DIR/$f"; }
  done
  PGDATABASE=peer PORT="$PEER_PORT" "$PEER_DIR/start.sh" "$PEER_PORT" >"$WORK/peer.log" 2>&1 &
  PEER_PID=$!
  for _ in $(seq 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$PEER_URL")" != 000 ] && break
    sleep 0.5
  done
  "$SHARED_BENCH/load/load.sh" --url "$PEER_URL" --tool ingest -c 8 -d "$WARMUP" --quiet >/dev/null
  # Every run starts on a quiet box. Back to back, the second server of a pair started while
  # PostgreSQL was still writing back the first one's inserts (the shared runner warned of a busy
  # box before such runs), and the server that inserts faster leaves more of that behind. No
  # CHECKPOINT is forced: right after one, every first change to a page is logged whole, which
  # is the worst moment of PostgreSQL's checkpoint cycle rather than its steady state.
  echo "bench: A/B gateway vs peer, $ROUNDS alternating rounds of ${DURATION}s (each run on a quiet box)"
  one_run() {  # one_run LABEL PID URL TOOL SESSIONS ROUND
    drained 300 || true
    for _ in $(seq 30); do [ "$(busy_pct)" -lt 5 ] && break; done
    "$SHARED_BENCH/run.sh" -t "$4" -c "$5" -d "$DURATION" -k 1 -a "$2" -A "$1" -o "$WORK/run.tsv" "$3" \
      | grep -E "^  $1 " | sed "s/ r1 / r$6 /"
    [ -s "$WORK/ab.tsv" ] || head -1 "$WORK/run.tsv" > "$WORK/ab.tsv"
    tail -1 "$WORK/run.tsv" | awk -F'\t' -v OFS='\t' -v r="$6" '{ $4 = r; print }' >> "$WORK/ab.tsv"
  }
  for series in $(printf 'ingest:%s ' $SESSIONS) lookup:8; do
    tool="${series%:*}" sessions="${series#*:}"
    echo "== $tool, $sessions sessions"
    for round in $(seq "$ROUNDS"); do
      if [ $((round % 2)) = 1 ]; then
        one_run gateway "$SERVER_PID" "$GATEWAY_URL" "$tool" "$sessions" "$round"
        one_run peer "$PEER_PID" "$PEER_URL" "$tool" "$sessions" "$round"
      else
        one_run peer "$PEER_PID" "$PEER_URL" "$tool" "$sessions" "$round"
        one_run gateway "$SERVER_PID" "$GATEWAY_URL" "$tool" "$sessions" "$round"
      fi
    done
  done
  mkdir -p "$ROOT/target"; cp "$WORK/ab.tsv" "$ROOT/target/bench-ab.tsv"
  echo; echo "bench: targets, $ROUNDS alternating rounds of ${DURATION}s (rows in target/bench-ab.tsv)"
  targets_table "$WORK/ab.tsv" "$COLD_START_MS"
  exit 0
fi

printf '\n%-7s %8s %9s %8s %8s %8s %10s %9s %7s\n' tool sessions calls/s p50_ms p95_ms p99_ms cpu_us/call peak_MB errors
run() {  # run TOOL SESSIONS
  local line get
  drained 300 || true
  line="$("$SHARED_BENCH/load/load.sh" --url "$GATEWAY_URL" --tool "$1" -c "$2" -d "$DURATION" --warmup 3 \
          --server-pid "$SERVER_PID" --quiet | grep '^RESULT')"
  get() { printf '%s\n' "$line" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
  printf '%-7s %8s %9s %8s %8s %8s %10s %9s %7s\n' "$1" "$2" "$(get rps)" "$(get p50_ms)" "$(get p95_ms)" "$(get p99_ms)" \
    "$(get server_us_per_call)" "$(get server_rss_peak_mb)" "$(get errors)"
}
for s in $SESSIONS; do run ingest "$s"; done
run lookup 8
