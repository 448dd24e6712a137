#!/bin/bash
# Start-up cost of Liberty servers, compared: for each start, the seconds from `server run` to the
# first 200 of /health/ready and the CPU seconds (user + system) the server's JVM had used by then.
# CPU seconds say more than wall time on a shared machine, and predict a start under a CPU quota.
#
#   bench/startup-cost.sh <wlp directory> <port> <rounds> <server>...
#
# The servers must exist in <wlp directory>/usr/servers and listen on <port>; they are started one
# at a time, in turn, <rounds> times (the first round is a warm-up: count from the second).
# docs/how-to/telemetry.md used it for servers with and without mpTelemetry-2.0.
set -euo pipefail
WLP=$1; PORT=$2; ROUNDS=$3; shift 3
TICKS=$(getconf CLK_TCK)
for round in $(seq 0 $((ROUNDS - 1))); do
  for server in "$@"; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    "$WLP/bin/server" run "$server" > "/tmp/startup-cost-$server.out" 2>&1 &
    launcher=$!
    until curl -sf -o /dev/null "http://localhost:$PORT/health/ready"; do sleep 0.1; done
    end=$(date +%s.%N)
    jvm=$(pgrep -P "$launcher" java || echo "$launcher")
    [ "$(cat "/proc/$jvm/comm")" = java ] || jvm=$(pgrep -P "$jvm" java)
    cpu=$(awk -v t="$TICKS" '{printf "%.1f", ($14 + $15) / t}' "/proc/$jvm/stat")
    printf '%s round %d: ready %.1f s, cpu %s s, loadavg %s\n' "$server" "$round" "$(echo "$end - $start" | bc)" "$cpu" "$load"
    "$WLP/bin/server" stop "$server" > /dev/null 2>&1
    wait "$launcher" || true
  done
done
