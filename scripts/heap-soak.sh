#!/usr/bin/env bash
# Heap soak: runs the service with its capacity model ON under a bounded, roughly 2x-overloading
# browse mix (wrk + scripts/heap-soak.lua: home, titles, search, three scenario labels) for
# --duration seconds, and every --every seconds forces a full GC and records the live heap after
# it (jcmd GC.class_histogram), the heap used, and the process RSS. A flat series means no leak
# on the served and shed paths.
# Loopback only; stops only the JVM and the wrk it started, by PID.
#
#   scripts/heap-soak.sh [--duration 300] [--every 30] [--connections 640] [--pause-ms 50]
#                        [--jar PATH] [--out DIR]
#
# JAVA_OPTS defaults to "-Xms256m -Xmx512m" so that a leak would show within minutes.
set -euo pipefail

duration=300 every=30 connections=640 pause=50
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/dropnight.jar"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --every) every=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --pause-ms) pause=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "heap-soak.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$duration" "$every" "$connections" "$pause"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "heap-soak.sh: '$n' is not a whole number" >&2; exit 2; }
done
[ "$every" -ge 1 ] || { echo "heap-soak.sh: --every must be at least 1" >&2; exit 2; }
for tool in java jcmd curl wrk; do
  command -v "$tool" >/dev/null || { echo "heap-soak.sh: $tool is required but not installed" >&2; exit 2; }
done
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
ensure_jar "$jar" "$root"
out=${out:-"$root/reports/heap-soak-$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$out"

# Capacity model ON (policy fixed: 64 slots, a 256-deep queue; home ~6.3 k/s of modelled
# capacity). The drop is an hour away so that the run measures steady state, not the stampede.
# shellcheck disable=SC2086
start service "$out/service.out" java ${JAVA_OPTS:--Xms256m -Xmx512m} -jar "$jar" serve --port 0 --policy fixed \
  --drop-in 1h --run-dir "$out/service-run" --admin-token "soak-admin-$RANDOM$RANDOM-token"
svc=$started_pid
token=$(curl -sf -XPOST "$url/api/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "heap-soak.sh: POST /api/session returned no token" >&2; exit 1; }
echo "service $url (pid $svc); load: $(uptime)" | tee "$out/load.txt" >&2

# Prints "elapsed_s live_KB heap_used_KB rss_KB". live: the bytes of every object still reachable,
# from GC.class_histogram, which runs a full GC first; heap used is read just after and also counts
# what was allocated since that GC (a few MB per 100 ms under load), so it is the noisier figure.
sample() {
  local live used rss
  live=$(jcmd "$svc" GC.class_histogram | awk '/^Total/ { printf "%d", $3 / 1024 }')
  used=$(jcmd "$svc" GC.heap_info | awk '/total [0-9]+K, used [0-9]+K/ {
    for (i = 1; i <= NF; i++) if ($i == "used") u = $(i + 1)
    gsub(/[K,]/, "", u); print u; exit }')
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$svc/status")
  echo "$1 $live $used $rss"
}

echo "elapsed_s live_KB heap_used_KB rss_KB" >"$out/heap-series.txt"
sample 0 | tee -a "$out/heap-series.txt" >&2
DROPNIGHT_TOKEN=$token SOAK_PAUSE_MS=$pause SOAK_TITLES=3000 \
  wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$root/scripts/heap-soak.lua" "$url" \
  >"$out/wrk.txt" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")
for t in $(seq "$every" "$every" "$duration"); do
  sleep "$every"
  sample "$t" | tee -a "$out/heap-series.txt" >&2
done
wait "$wrk_pid" || true
curl -sf "$url/metrics" >"$out/metrics.json" || true
echo "load after: $(uptime)" | tee -a "$out/load.txt" >&2

{
  echo "heap soak: ${duration} s, policy fixed (capacity model on), wrk -t2 -c$connections, ${pause} ms pause per connection"
  grep -E 'requests in|Requests/sec|Non-2xx|Socket errors' "$out/wrk.txt" || true
  echo '| elapsed s | live heap after full GC (MB) | heap used just after (MB) | RSS (MB) |'
  echo '| --- | --- | --- | --- |'
  awk 'NR > 1 { printf "| %d | %.1f | %.1f | %.1f |\n", $1, $2 / 1024, $3 / 1024, $4 / 1024 }' "$out/heap-series.txt"
  awk 'NR == 2 { first = $2 } NR > 2 { last = $2; if ($2 > max) max = $2 }
       END { printf "live heap: first %.1f MB, last %.1f MB, max after the first sample %.1f MB\n", first / 1024, last / 1024, max / 1024 }' "$out/heap-series.txt"
} | tee "$out/summary.md"
echo "raw output: $out" >&2
