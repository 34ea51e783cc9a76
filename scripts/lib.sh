# Shared by the benchmark scripts: build the jar if needed, start JVMs that print a
# "listening on http://..." line, and stop every one of them on exit. Source it; it defines
#   ensure_jar JAR ROOT        builds JAR with mvn (tests skipped) when it is missing or older
#                              than any file under src/ or pom.xml
#   start NAME LOGFILE CMD...  runs CMD in the background, waits (at most 30 s) for its URL line,
#                              sets $url and $started_pid, and registers it for cleanup
# and installs an EXIT trap that stops them: SIGTERM first (the service drains and writes its
# histograms), SIGKILL for whatever still runs 20 s later, so that a hung JVM never outlives the run.

script_name=${0##*/}
pids=()

ensure_jar() {
  local jar=$1 root=$2
  if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "building $jar (mvn package, tests skipped)" >&2
    (cd "$root" && mvn -B -q package -Dmaven.test.skip=true)
  fi
}

cleanup() {
  local pid _
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 200); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && return 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "pid $pid ignored SIGTERM for 20 s: killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

start() {
  local name=$1 log=$2; shift 2
  "$@" >"$log" 2>"$log.err" &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 1 300); do
    # Only a whole line counts: the URL may be written in more than one piece.
    if [ -s "$log" ] && [ -z "$(tail -c 1 "$log")" ]; then
      url=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$log" | sed 's/listening on //' || true)
      [ -n "$url" ] && { echo "$name: $url (pid $started_pid)" >&2; return 0; }
    fi
    kill -0 "$started_pid" 2>/dev/null || { echo "$script_name: $name exited; see $log.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "$script_name: $name did not start within 30 s; see $log.err" >&2
  exit 1
}

# wrk's --latency output as "req/s p50-ms p99-ms errors" (non-2xx answers and socket errors summed),
# the one reader of it for bench.sh and scrape-cost.sh.
wrk_figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50% / { p50 = ms($2) }
    /^ +99% / { p99 = ms($2) }
    /Non-2xx/ { bad += $NF }
    /Socket errors:/ { for (i = 4; i <= NF; i += 2) bad += $i }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }' "$1"
}
