#!/usr/bin/env bash
# What scraping the service's Prometheus metrics every second costs (issue 24: the service's
# requests per second with its metrics scraped every second stay within 5 % of unscraped). The
# same wrk load as bench.sh (GET /api/home, --unconstrained), rounds of it unscraped and scraped,
# alternating which goes first, medians reported. While a scraped run lasts, a background loop
# fetches GET /metrics/prometheus once a second with the Accept header Prometheus sends; it is
# bounded in count and stopped, by PID, when wrk ends. Before the rounds, five requests per label
# (home, a title, a search, an unknown title, the home page) fill the scenario-label budget
# (--scenarios, 16 by default: the service's cap), so that a scrape carries as many series as a busy
# night makes. Loopback only; the script stops only the JVM it started, and its scraper, by PID.
#
#   scripts/scrape-cost.sh [--duration 15] [--rounds 3] [--warmup 10] [--connections 64] [--threads 2]
#                          [--scenarios 16] [--jar PATH] [--out DIR]
#
# Needs: java 17, curl, wrk (Debian: apt-get install -y --no-install-recommends wrk); Maven only when
# the jar has to be built. JAVA_OPTS, if set, is passed to the JVM.
set -euo pipefail

duration=15 rounds=3 warmup=10 connections=64 threads=2 scenarios=16
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
    --scenarios) scenarios=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "scrape-cost.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$duration" "$rounds" "$warmup" "$connections" "$threads" "$scenarios"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "scrape-cost.sh: '$n' is not a whole number" >&2; exit 2; }
done
[ "$rounds" -ge 1 ] && [ "$duration" -ge 1 ] || { echo "scrape-cost.sh: --rounds and --duration must be at least 1" >&2; exit 2; }
[ "$scenarios" -le 64 ] || { echo "scrape-cost.sh: --scenarios must be at most 64" >&2; exit 2; }
for tool in java curl wrk; do
  command -v "$tool" >/dev/null || { echo "scrape-cost.sh: $tool is required but not installed${tool/wrk/ (apt-get install -y --no-install-recommends wrk)}" >&2; exit 2; }
done
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
ensure_jar "$jar" "$root"
out=${out:-"$root/reports/scrape-cost-$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$out"

# shellcheck disable=SC2086
start service "$out/service.out" java ${JAVA_OPTS:-} -jar "$jar" serve --port 0 --unconstrained \
  --run-dir "$out/service-run" --admin-token "scrape-admin-$RANDOM$RANDOM-token"
service=$url service_pid=$started_pid
clk_tck=$(getconf CLK_TCK)

token=$(curl -sf -XPOST "$service/api/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "scrape-cost.sh: POST /api/session returned no token" >&2; exit 1; }
auth="Authorization: Bearer $token"
# What Prometheus 2.x asks for: it gets OpenMetrics.
accept="Accept: application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

# One request per scenario label and endpoint: every series a night with a full label budget has.
for s in $(seq 1 "$scenarios"); do
  for path in /api/home /api/titles/1 "/api/search?q=hollow" /api/titles/999999 /; do
    curl -s -o /dev/null -H "$auth" -H "X-Scenario: night-$s" "$service$path"
  done
done
scrape_bytes=$(curl -sf -o /dev/null -w '%{size_download}' -H "$accept" -H "X-Scenario: harness" "$service/metrics/prometheus")
series=$(curl -sf -H "X-Scenario: harness" "$service/metrics/prometheus" | grep -c '^dropnight_service_requests_total{' || true)

# scrape_loop FILE SECONDS: scrapes once a second, at most SECONDS + 5 times, appending each
# scrape's status and time in seconds to FILE.
scrape_loop() {
  local file=$1 secs=$2
  for _ in $(seq 1 $((secs + 5))); do
    curl -s -m 2 -o /dev/null -w '%{http_code} %{time_total}\n' -H "$accept" -H "X-Scenario: harness" \
      "$service/metrics/prometheus" >>"$file" || echo "000 0" >>"$file"
    sleep 1
  done
}

# The service's CPU time so far, user and system, in clock ticks (/proc/PID/stat fields 14 and 15).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$service_pid/stat"; }

# run MODE LABEL SECONDS: one wrk run, scraped every second when MODE is scraped; the service's CPU
# ticks during it go to LABEL.cpu.
run() {
  local mode=$1 label=$2 secs=$3 scraper="" before
  before=$(cpu_ticks)
  if [ "$mode" = scraped ]; then
    : >"$out/$label.scrapes"
    scrape_loop "$out/$label.scrapes" "$secs" &
    scraper=$!
  fi
  wrk -t"$threads" -c"$connections" -d"${secs}s" --latency -H "$auth" "$service/api/home" >"$out/$label.txt"
  if [ -n "$scraper" ]; then
    kill "$scraper" 2>/dev/null || true
    wait "$scraper" 2>/dev/null || true
  fi
  echo $(($(cpu_ticks) - before)) >"$out/$label.cpu"
}

# The service's CPU microseconds per request of one run (scrapes included): its CPU ticks over wrk's count.
cpu_us() {
  awk -v ticks="$(cat "$out/$1.cpu")" -v hz="$clk_tck" '/requests in/ { printf "%.2f\n", ticks * 1e6 / hz / $1 }' "$out/$1.txt"
}

# Prints "req/s p50_ms p99_ms non2xx_or_errors" from one wrk output.
parse() {
  wrk_figures "$1"
}

echo "load before: $(uptime)" | tee "$out/load.txt" >&2
if [ "$warmup" -gt 0 ]; then
  echo "warm-up: ${warmup} s scraped, ${warmup} s unscraped (JIT), not counted" >&2
  run scraped warmup-scraped "$warmup"
  run unscraped warmup-unscraped "$warmup"
fi
for r in $(seq 1 "$rounds"); do
  # Alternate which goes first so that a drift in the machine's load hits both alike.
  if [ $((r % 2)) -eq 1 ]; then order="unscraped scraped"; else order="scraped unscraped"; fi
  for m in $order; do
    run "$m" "round$r-$m" "$duration"
    echo "round $r $m: $(parse "$out/round$r-$m.txt") service CPU/request $(cpu_us "round$r-$m") us" >&2
  done
done
echo "load after: $(uptime)" | tee -a "$out/load.txt" >&2

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { for r in $(seq 1 "$rounds"); do parse "$out/round$r-$1.txt" | awk -v c="$2" '{ print $c }'; done | median; }
bad() { for r in $(seq 1 "$rounds"); do parse "$out/round$r-$1.txt" | awk '{ print $4 }'; done | paste -sd+ | bc; }

u_rps=$(col unscraped 1) u_p50=$(col unscraped 2) u_p99=$(col unscraped 3) u_bad=$(bad unscraped)
s_rps=$(col scraped 1) s_p50=$(col scraped 2) s_p99=$(col scraped 3) s_bad=$(bad scraped)
ratio=$(awk -v a="$s_rps" -v b="$u_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
# The two runs of a round are adjacent in time, so their ratio is the pair least skewed by drift.
paired=$(for r in $(seq 1 "$rounds"); do
  paste <(parse "$out/round$r-scraped.txt") <(parse "$out/round$r-unscraped.txt") | awk '{ printf "%.1f\n", 100 * $1 / $5 }'
done | median)
u_cpu=$(for r in $(seq 1 "$rounds"); do cpu_us "round$r-unscraped"; done | median)
s_cpu=$(for r in $(seq 1 "$rounds"); do cpu_us "round$r-scraped"; done | median)
scrapes_ok=$(cat "$out"/round*-scraped.scrapes | awk '$1 == 200' | wc -l)
scrapes_all=$(cat "$out"/round*-scraped.scrapes | wc -l)
scrape_ms=$(cat "$out"/round*-scraped.scrapes | awk '$1 == 200 { print $2 * 1000 }' | median)
scrape_max_ms=$(cat "$out"/round*-scraped.scrapes | awk '$1 == 200 { print $2 * 1000 }' | sort -n | tail -1)

{
  echo "wrk -t$threads -c$connections -d${duration}s --latency GET /api/home (--unconstrained), $rounds rounds alternating, medians; $(nproc) cores; $(java -version 2>&1 | head -1)"
  echo "scrape: GET /metrics/prometheus once a second as OpenMetrics, $scrape_bytes bytes, $series requests_total series ($scenarios scenario labels)"
  printf '| run | req/s | p50 ms | p99 ms | non-2xx + socket errors | service CPU per request |\n| --- | --- | --- | --- | --- | --- |\n'
  printf '| unscraped | %s | %s | %s | %s | %s us |\n' "$u_rps" "$u_p50" "$u_p99" "$u_bad" "$u_cpu"
  printf '| scraped every second | %s | %s | %s | %s | %s us |\n' "$s_rps" "$s_p50" "$s_p99" "$s_bad" "$s_cpu"
  echo "scraped / unscraped = ${ratio} % of the unscraped requests per second (goal: >= 95 %); median of the per-round ratios: ${paired} %"
  echo "scrapes answered 200: $scrapes_ok of $scrapes_all; scrape time under load (curl, total): median ${scrape_ms} ms, max ${scrape_max_ms} ms"
} | tee "$out/summary.md"
echo "raw wrk output, scrape times and logs: $out" >&2
