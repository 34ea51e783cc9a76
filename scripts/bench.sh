#!/usr/bin/env bash
# Throughput benchmark: wrk against the service's GET /api/home (--unconstrained, so the capacity
# model is off and the harness itself is measured) versus a bare Netty hello server, in the same
# run, rounds alternating, medians reported. Loopback only; every run is bounded by --duration;
# the script stops only the two JVMs it started, by PID.
#
#   scripts/bench.sh [--duration 15] [--rounds 3] [--warmup 10] [--connections 64] [--threads 2]
#                    [--jar PATH] [--out DIR]
#
# Needs: java 17, curl, wrk (Debian: apt-get install -y --no-install-recommends wrk); Maven only when
# the jar has to be built. JAVA_OPTS, if set, is passed to both JVMs alike.
set -euo pipefail

duration=15 rounds=3 warmup=10 connections=64 threads=2
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/dropnight.jar"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$duration" "$rounds" "$warmup" "$connections" "$threads"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "bench.sh: '$n' is not a whole number" >&2; exit 2; }
done
[ "$rounds" -ge 1 ] && [ "$duration" -ge 1 ] || { echo "bench.sh: --rounds and --duration must be at least 1" >&2; exit 2; }
for tool in java curl wrk; do
  command -v "$tool" >/dev/null || { echo "bench.sh: $tool is required but not installed${tool/wrk/ (apt-get install -y --no-install-recommends wrk)}" >&2; exit 2; }
done
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
ensure_jar "$jar" "$root"
out=${out:-"$root/reports/bench-$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$out"

# shellcheck disable=SC2086
start service "$out/service.out" java ${JAVA_OPTS:-} -jar "$jar" serve --port 0 --unconstrained \
  --run-dir "$out/service-run" --admin-token "bench-admin-$RANDOM$RANDOM-token"
service=$url
# shellcheck disable=SC2086
start bare-hello "$out/hello.out" java ${JAVA_OPTS:-} -cp "$jar" io.dropnight.bench.BareHelloServer --port 0
hello=$url

token=$(curl -sf -XPOST "$service/api/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench.sh: POST /api/session returned no token" >&2; exit 1; }
auth="Authorization: Bearer $token"
home_bytes=$(curl -sf -o /dev/null -w '%{size_download}' -H "$auth" "$service/api/home")
hello_bytes=$(curl -sf -o /dev/null -w '%{size_download}' "$hello/")

# run TARGET LABEL SECONDS: one wrk run; the raw output is kept in $out.
run() {
  local target=$1 label=$2 secs=$3 url
  if [ "$target" = service ]; then
    wrk -t"$threads" -c"$connections" -d"${secs}s" --latency -H "$auth" "$service/api/home" >"$out/$label.txt"
  else
    wrk -t"$threads" -c"$connections" -d"${secs}s" --latency "$hello/" >"$out/$label.txt"
  fi
}

# Prints "req/s p50_ms p99_ms non2xx_or_errors" from one wrk output.
parse() {
  wrk_figures "$1"
}

echo "load before: $(uptime)" | tee "$out/load.txt" >&2
if [ "$warmup" -gt 0 ]; then
  echo "warm-up: ${warmup} s each (JIT), not counted" >&2
  run service warmup-service "$warmup"
  run hello warmup-hello "$warmup"
fi
for r in $(seq 1 "$rounds"); do
  # Alternate which goes first so that a drift in the machine's load hits both alike.
  if [ $((r % 2)) -eq 1 ]; then order="service hello"; else order="hello service"; fi
  for t in $order; do
    run "$t" "round$r-$t" "$duration"
    echo "round $r $t: $(parse "$out/round$r-$t.txt")" >&2
  done
done
echo "load after: $(uptime)" | tee -a "$out/load.txt" >&2

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { for r in $(seq 1 "$rounds"); do parse "$out/round$r-$1.txt" | awk -v c="$2" '{ print $c }'; done | median; }

s_rps=$(col service 1) s_p50=$(col service 2) s_p99=$(col service 3)
h_rps=$(col hello 1) h_p50=$(col hello 2) h_p99=$(col hello 3)
s_bad=$(for r in $(seq 1 "$rounds"); do parse "$out/round$r-service.txt" | awk '{ print $4 }'; done | paste -sd+ | bc)
h_bad=$(for r in $(seq 1 "$rounds"); do parse "$out/round$r-hello.txt" | awk '{ print $4 }'; done | paste -sd+ | bc)
ratio=$(awk -v a="$s_rps" -v b="$h_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
# The two runs of a round are adjacent in time, so their ratio is the pair least skewed by drift.
paired=$(for r in $(seq 1 "$rounds"); do
  paste <(parse "$out/round$r-service.txt") <(parse "$out/round$r-hello.txt") | awk '{ printf "%.1f\n", 100 * $1 / $5 }'
done | median)

{
  echo "wrk -t$threads -c$connections -d${duration}s --latency, $rounds rounds alternating, medians; $(nproc) cores; $(java -version 2>&1 | head -1)"
  printf '| target | body bytes | req/s | p50 ms | p99 ms | non-2xx + socket errors |\n| --- | --- | --- | --- | --- | --- |\n'
  printf '| service GET /api/home (--unconstrained) | %s | %s | %s | %s | %s |\n' "$home_bytes" "$s_rps" "$s_p50" "$s_p99" "$s_bad"
  printf '| bare Netty hello | %s | %s | %s | %s | %s |\n' "$hello_bytes" "$h_rps" "$h_p50" "$h_p99" "$h_bad"
  echo "service / bare = ${ratio} % of the bare handler's requests per second (goal: >= 80 %); median of the per-round ratios: ${paired} %"
} | tee "$out/summary.md"
echo "raw wrk output and logs: $out" >&2
