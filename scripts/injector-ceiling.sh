#!/usr/bin/env bash
# The injector's cost per request (issue 9): one Gatling JVM running the finale journey (checks,
# JMESPath, client HdrHistogram recording, injector watch) against the same Gatling version running
# a minimal scenario (one GET /health per user, no check of ours), back to back in one invocation,
# both against an unconstrained service on loopback. CPU per request is the injector JVM's own CPU
# time (process CPU between Gatling's before() and after()) divided by its requests; the goal is
# journey / minimal <= 1.25. Bounded: each Gatling run has a fixed injection.
# Then (issue 22) the same calls as a plain Gatling simulation (PlainJourneySimulation: one exec per
# call, jmesPath saves, the same pauses and arrivals, no Dropnight journey code) against a fresh
# unconstrained service: journey / plain CPU per request, goal <= 1.15.
#
#   scripts/injector-ceiling.sh [--rate 1000] [--duration 20] [--scale 1] [--compression 20] [--out DIR]
#                               [--only minimal|journey|plain|journey+plain|metrics] [--connections per-user|shared|both] [--jfr]
#
# --only metrics (issue 24): the finale journey with its live metrics off, then on (-Dmetrics.port=0,
# scraped every second by curl as Prometheus would), ordered off, on, on, off; prints on / off CPU per
# request (goal <= 1.05).
# --connections: the minimal scenario's connections. per-user (default) is Gatling's default and the
# issue's "one GET of /health per user": every user opens its own connection, as each journey viewer
# does; shared is http.shareConnections(), one pool reused by all users, a cheaper yardstick and so
# the stricter ratio; both runs the minimal scenario twice (per-user, then shared) and prints both ratios.
# --only runs one of the two (a ceiling search steps one of them at a time, see docs/BENCHMARKS.md).
# --jfr records the journey's JVMs with JDK Flight Recorder (settings=profile) into DIR/jfr/; the
# recording costs CPU, so a --jfr run's CPU per request is not a measurement.
# Besides CPU per request it prints, for the minimal run, Gatling's KO count and how long the
# injection really took (a JVM that cannot keep up finishes late), and for the journey its average
# request rate, its peak of open files (one per connected viewer) and its verdict with the reasons.
#
# Needs java 17 and Maven (the Gatling plugin, online the first time). Stops only what it started.
set -euo pipefail

rate=1000 duration=20 scale=1 compression=20 out="" only="" connections=per-user jfr=""
root=$(cd "$(dirname "$0")/.." && pwd)
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --compression) compression=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --jfr) jfr=1; shift ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "injector-ceiling.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$rate" "$duration"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "injector-ceiling.sh: '$n' is not a whole number" >&2; exit 2; }
done
[[ -z "$only" || "$only" =~ ^(minimal|journey|plain|journey\+plain|metrics)$ ]] || { echo "injector-ceiling.sh: --only takes minimal, journey, plain, journey+plain or metrics" >&2; exit 2; }
case "$connections" in
  per-user|shared) modes=("$connections") ;;
  both) modes=(per-user shared) ;;
  *) echo "injector-ceiling.sh: --connections takes per-user, shared or both" >&2; exit 2 ;;
esac
[[ "$scale" =~ ^[0-9.]+$ && "$compression" =~ ^[0-9.]+$ ]] || { echo "injector-ceiling.sh: --scale and --compression must be numbers" >&2; exit 2; }
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
jar="$root/target/dropnight.jar"
ensure_jar "$jar" "$root"
out=${out:-$(mktemp -d)}
mkdir -p "$out"
cores=$(nproc)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

declare -A minimal_us=()
if [ -z "$only" ] || [ "$only" = minimal ]; then
# shellcheck disable=SC2086
start service "$out/service.out" java ${JAVA_OPTS:-} -jar "$jar" serve --port 0 --unconstrained \
  --run-dir "$out/service-run" --admin-token "bench-admin-$RANDOM$RANDOM-token"
service_url=$url

for mode in "${modes[@]}"; do
log="$out/minimal-$mode.log"
echo "minimal scenario: $rate GET /health per second for $duration s, connections $mode" >&2
(cd "$root" && timeout 600 mvn -B -q gatling:test -Dgatling.simulationClass=io.dropnight.simulations.bench.HealthCeilingSimulation \
  -Dtarget="$service_url" -Drate="$rate" -Dduration="$duration" -Dconnections="$mode" -DbuildDir="$out/minimal-$mode") >"$log" 2>&1 || true
minimal=$(grep -o 'dropnight-bench: .*' "$log" | tail -1)
[ -n "$minimal" ] || { echo "injector-ceiling.sh: the minimal run printed no figures; see $log" >&2; exit 1; }
minimal_us[$mode]=$(sed -E 's/.*, ([0-9.]+) us per request/\1/' <<<"$minimal")
# Gatling's last console table: the Global line's KO column; its "completed in" line.
minimal_ko=$(grep -a '^> Global' "$log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $4); print $4 }')
minimal_s=$(grep -ao '[0-9]*s elapsed' "$log" | tail -1 | grep -o '^[0-9]*' || true)
minimal_p99=$(grep -a 'response time 99th percentile' "$log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $2); print $2 }')
echo "$minimal; KO ${minimal_ko:-?}; p99 ${minimal_p99:-?} ms; injection of $duration s took ${minimal_s:-?} s"
done
cleanup; pids=()
fi
[ "$only" = minimal ] && { echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0; }
url=""

# One run of the finale journey: its CPU per request in journey_us, its figures printed.
# $1 names the run (its reports folder); the rest are extra -D flags.
run_journey() {
local name=$1; shift
jfr_env=()
if [ -n "$jfr" ]; then
  mkdir -p "$out/jfr"
  # Every JVM of the run (Maven's, Gatling's fork, the embedded service) records to its own file
  # (a directory as the filename: hotspot-pid-<pid>-....jfr).
  jfr_env=(env "JAVA_TOOL_OPTIONS=${JAVA_TOOL_OPTIONS:-} -XX:StartFlightRecording=settings=profile,filename=$out/jfr/")
  echo "recording the journey's JVMs with JFR into $out/jfr/ (the CPU figures below include its cost)" >&2
fi
(cd "$root" && timeout 900 "${jfr_env[@]}" mvn -B -q gatling:test -Dnight=finale-drop -Dscale="$scale" -Dcompression="$compression" \
  -Dunconstrained=true -DreportsDir="$out/$name" "$@") >"$out/$name.log" 2>&1 || true
run=$(ls -d "$out/$name"/*-finale-drop 2>/dev/null | tail -1)
[ -n "$run" ] && [ -f "$run/injector.csv" ] || { echo "injector-ceiling.sh: the night wrote no injector.csv; see $out/$name.log" >&2; exit 1; }
requests=$(grep -o '"requests" : [0-9]*' "$run/client-summary.json" | grep -o '[0-9]*$')
cpu_s=$(awk -F, -v cores="$cores" 'NR > 1 { s += $4 / 100 * cores } END { printf "%.1f", s }' "$run/injector.csv")
journey_us=$(awk -v c="$cpu_s" -v r="$requests" 'BEGIN { printf "%.1f", c * 1e6 / r }')
echo "$journey_us" >"$out/$name.us"
verdict=$(grep -o '"verdict" : "[a-z]*"' "$run/slo.json" | grep -o '[a-z]*"$' | tr -d '"')
shape=$(awk -F, 'NR > 1 { n++; if ($2 > fd) fd = $2; if ($4 > cpu) cpu = $4 } END { printf "%d s watched, peak %d open files, peak CPU %.0f %%", n, fd, cpu }' "$run/injector.csv")
seconds=$(awk -F, 'NR > 1 { n++ } END { print n }' "$run/injector.csv")
rps=$(awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
echo "$name: $requests requests, injector CPU $cpu_s s ($cores cores), $journey_us us per request, verdict $verdict ($run)"
echo "$name: $rps requests/s on average over $shape"
java -cp "$jar" "$root/scripts/ClientPeakRate.java" "$run/client.hlog" || true
grep -a -A3 'INCONCLUSIVE' "$out/$name.log" | grep -av '^\[' | head -6 || true
}

# The journey with its live metrics served and scraped every second (as Prometheus would), its
# CPU per request in journey_us. The scraper is bounded in count and stops with the night.
run_journey_scraped() {
local name=$1 log="$out/$1.log" port=""
run_journey "$name" -Dmetrics.port=0 &
local night=$!
for _ in $(seq 1 600); do
  port=$(grep -ao 'live metrics at http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 "$night" 2>/dev/null || break
  sleep 1
done
local scrapes=0
if [ -n "$port" ]; then
  for _ in $(seq 1 900); do
    kill -0 "$night" 2>/dev/null || break
    curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port/metrics" && scrapes=$((scrapes + 1))
    sleep 1
  done
fi
wait "$night"
journey_us=$(cat "$out/$name.us")
echo "$name: scraped $scrapes times, once a second"
}

journey_us=""
if [ "$only" = metrics ]; then
  # Issue 24: the same night with the live metrics off and on (scraped every second) in one
  # invocation, ordered off, on, on, off: a drift of the machine's load over the four runs falls
  # on both sides alike.
  echo "finale journey, live metrics off and on: scale $scale, compression $compression, unconstrained embedded service" >&2
  declare -a off_us=() on_us=()
  for round in 1 2; do
    if [ "$round" -eq 1 ]; then
      run_journey "journey-off-$round"; off_us+=("$journey_us")
      run_journey_scraped "journey-on-$round"; on_us+=("$journey_us")
    else
      run_journey_scraped "journey-on-$round"; on_us+=("$journey_us")
      run_journey "journey-off-$round"; off_us+=("$journey_us")
    fi
    echo "round $round: metrics on / off CPU per request = $(awk -v a="${on_us[-1]}" -v b="${off_us[-1]}" 'BEGIN { printf "%.3f", a / b }')x"
  done
  total=$(awk -v a="${on_us[0]}" -v b="${on_us[1]}" -v c="${off_us[0]}" -v d="${off_us[1]}" 'BEGIN { printf "%.3f", (a + b) / (c + d) }')
  echo "metrics on / off CPU per request over both rounds = ${total}x (goal <= 1.05x)"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
if [ "$only" != plain ]; then
echo "finale journey: scale $scale, compression $compression, unconstrained embedded service" >&2
run_journey journey
fi

if [ -z "$only" ] || [ "$only" = plain ] || [ "$only" = journey+plain ]; then
# The plain simulation's service drops at a stated instant; its arrivals are placed so that the
# drop step starts there, as the night's surge does (the offset leaves Maven time to start Gatling).
drop_at=$(date -u -d "+$(awk -v c="$compression" 'BEGIN { printf "%d", 900 / c + 45 }') seconds" +%Y-%m-%dT%H:%M:%SZ)
# shellcheck disable=SC2086
start service "$out/plain-service.out" java ${JAVA_OPTS:-} -jar "$jar" serve --port 0 --unconstrained --drop-at "$drop_at" \
  --run-dir "$out/plain-service-run" --admin-token "bench-admin-$RANDOM$RANDOM-token"
echo "plain journey: scale $scale, compression $compression, drop at $drop_at" >&2
(cd "$root" && timeout 900 mvn -B -q gatling:test -Dgatling.simulationClass=io.dropnight.simulations.bench.PlainJourneySimulation \
  -Dtarget="$url" -Dscale="$scale" -Dcompression="$compression" -DdropAt="$drop_at" -DbuildDir="$out/plain") >"$out/plain.log" 2>&1 || true
cleanup; pids=()
plain=$(grep -o 'dropnight-bench: .*' "$out/plain.log" | tail -1)
[ -n "$plain" ] || { echo "injector-ceiling.sh: the plain journey printed no figures; see $out/plain.log" >&2; exit 1; }
plain_us=$(sed -E 's/.*, ([0-9.]+) us per request/\1/' <<<"$plain")
plain_ko=$(grep -a '^> Global' "$out/plain.log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $4); print $4 }')
echo "$plain; Gatling KO ${plain_ko:-?}"
if [ -n "$journey_us" ]; then
  ratio=$(awk -v j="$journey_us" -v p="$plain_us" 'BEGIN { printf "%.2f", j / p }')
  echo "journey / plain Gatling simulation CPU per request = ${ratio}x (goal <= 1.15x)"
fi
fi

for mode in "${modes[@]}"; do
  [ -n "$journey_us" ] || continue
  [ -n "${minimal_us[$mode]:-}" ] || continue
  ratio=$(awk -v j="$journey_us" -v m="${minimal_us[$mode]}" 'BEGIN { printf "%.2f", j / m }')
  echo "journey / minimal ($mode connections) CPU per request = ${ratio}x (goal <= 1.25x); per-second load: $run/index.html"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
