# The read benchmark (bench/run.sh --reads), sourced by run.sh once the gateway is ready on its
# fresh PostgreSQL: generates READS_LEADS leads (default 1,000,000) with SQL, then measures
# get_person and search_leads at each of SESSIONS with bench/reads/Reads.java. Uses run.sh's
# PGPORT, GATEWAY_URL, SERVER_PID, DURATION, SESSIONS and BENCH_CLASSES (the compiled drivers).
READS_LEADS="${READS_LEADS:-1000000}"
READS_DIR="$ROOT/bench/reads"
echo "bench: generating $READS_LEADS leads with SQL (generate_series)"
GEN_STARTED=$(date +%s)
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U bench -d gateway -v leads="$READS_LEADS" -f "$READS_DIR/generate.sql"
echo "bench: generated in $(( $(date +%s) - GEN_STARTED )) s: $(psql -X -At -h 127.0.0.1 -p "$PGPORT" -U bench -d gateway \
  -c "SELECT (SELECT count(*) FROM lead_context) || ' leads, ' || (SELECT count(*) FROM workflow_event) || ' events'")"
psql -X -At -h 127.0.0.1 -p "$PGPORT" -U bench -d gateway \
  -c "SELECT ohid FROM lead_context TABLESAMPLE SYSTEM (0.5) LIMIT 2000" > "$WORK/ohids.txt"
reads() {  # reads TOOL SESSIONS SECONDS WARMUP [QUERY] (compiled by run.sh's bench_classes)
  java -XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -cp "$BENCH_CLASSES" Reads --url "$GATEWAY_URL" --tool "$1" \
    --ohids "$WORK/ohids.txt" -c "$2" -d "$3" --warmup "$4" --query "${5:-mix}"
}
# the search settings the gateway runs with (the defaults of microprofile-config.properties unless set here)
echo "bench: search settings: SEARCH_CONCURRENCY=${SEARCH_CONCURRENCY:-default (2)} SEARCH_COUNT_LIMIT=${SEARCH_COUNT_LIMIT:-default (200)}" \
  "SEARCH_TEXT_CANDIDATES=${SEARCH_TEXT_CANDIDATES:-default (1000)}"
echo "bench: warming up both read tools (30 s each)"
reads get_person 8 30 0 >/dev/null || true
reads search_leads 8 30 0 >/dev/null || true
# A field of the driver's RESULT line of the current run ($line).
get() { printf '%s\n' "$line" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
# CPU ticks (10 ms) spent during the current run, as µs per call at its rate over the run and its 3 s warm-up.
per_call() { awk -v t="$1" -v r="$(get rps)" -v d="$DURATION" 'BEGIN { printf "%.0f", (r > 0 ? t * 1e4 / (r * (d + 3)) : 0) }'; }
# CPU ticks (10 ms) of every PostgreSQL process on the machine (the benchmark's cluster is meant to be
# the only one), and of the whole box (all but idle and iowait)
pg_ticks() {
  local p st s=0
  for p in $(pgrep -x postgres); do
    st="$(cat "/proc/$p/stat" 2>/dev/null)" || continue; st="${st##*) }"; set -- $st; s=$(( s + ${12} + ${13} ))
  done
  echo "$s"
}
box_ticks() { head -1 /proc/stat | awk '{ print $2 + $3 + $4 + $7 + $8 }'; }
# get_person, then search_leads per question (mix: all four in turn), each at every session count.
# CPU µs per call: the server's, PostgreSQL's and the whole box's (the driver's included).
printf '\n%-34s %8s %9s %8s %8s %8s %8s %7s %7s %7s %7s  %s\n' "tool (query)" sessions calls/s p50_ms p95_ms p99_ms max_ms \
  errors gw_us pg_us box_us "load average before"
for s in $SESSIONS; do
  for run in get_person search_leads:meta-not-called-back search_leads:channel-newest search_leads:web-suburb-text \
             search_leads:name-text-30d search_leads:mix; do
    t="${run%%:*}" q="${run#*:}"; [ "$q" = "$run" ] && q=mix
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    [ "$PROFILE" = "$t" ] && [ "$q" = mix ] && profile_start
    g0=$(server_ticks) p0=$(pg_ticks) b0=$(box_ticks)
    line="$(reads "$t" "$s" "$DURATION" 3 "$q" | grep '^RESULT' || true)"
    g1=$(server_ticks) p1=$(pg_ticks) b1=$(box_ticks)
    [ "$PROFILE" = "$t" ] && [ "$q" = mix ] && profile_report "$t" > "$WORK/profile-$t.txt"
    printf '%-34s %8s %9s %8s %8s %8s %8s %7s %7s %7s %7s  %s\n' "$t$([ "$t" = search_leads ] && echo " ($q)")" "$s" "$(get rps)" \
      "$(get p50_ms)" "$(get p95_ms)" "$(get p99_ms)" "$(get max_ms)" "$(get errors)" "$(per_call $((g1 - g0)))" \
      "$(per_call $((p1 - p0)))" "$(per_call $((b1 - b0)))" "$load"
  done
done
# (an if, not a list: run.sh sources this file under set -e, and a false test as its last command failed the run)
if [ -n "$PROFILE" ] && [ -f "$WORK/profile-$PROFILE.txt" ]; then echo; cat "$WORK/profile-$PROFILE.txt"; fi
