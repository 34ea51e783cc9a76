#!/usr/bin/env bash
# The injector's cost per request (issue 9): one Gatling JVM running the finale journey (checks,
# JMESPath, client HdrHistogram recording, injector watch) against the same Gatling version running
# a minimal scenario (one GET /health per user, no check of ours, pooled connections), back to back
# in one invocation, both against an unconstrained service on loopback. CPU per request is the
# injector JVM's own CPU time (process CPU between Gatling's before() and after()) divided by its
# requests; the goal is journey / minimal <= 1.25. Bounded: each Gatling run has a fixed injection.
#
#   scripts/injector-ceiling.sh [--rate 1000] [--duration 20] [--scale 1] [--compression 20] [--out DIR]
#                               [--only minimal|journey]
#
# --only runs one of the two (a ceiling search steps one of them at a time, see docs/BENCHMARKS.md).
# Besides CPU per request it prints, for the minimal run, Gatling's KO count and how long the
# injection really took (a JVM that cannot keep up finishes late), and for the journey its average
# request rate, its peak of open files (one per connected viewer) and its verdict with the reasons.
#
# Needs java 17 and Maven (the Gatling plugin, online the first time). Stops only what it started.
set -euo pipefail

rate=1000 duration=20 scale=1 compression=20 out="" only="" minimal_us=""
root=$(cd "$(dirname "$0")/.." && pwd)
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --compression) compression=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "injector-ceiling.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$rate" "$duration"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "injector-ceiling.sh: '$n' is not a whole number" >&2; exit 2; }
done
[[ -z "$only" || "$only" == minimal || "$only" == journey ]] || { echo "injector-ceiling.sh: --only takes minimal or journey" >&2; exit 2; }
[[ "$scale" =~ ^[0-9.]+$ && "$compression" =~ ^[0-9.]+$ ]] || { echo "injector-ceiling.sh: --scale and --compression must be numbers" >&2; exit 2; }
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
jar="$root/target/dropnight.jar"
ensure_jar "$jar" "$root"
out=${out:-$(mktemp -d)}
mkdir -p "$out"
cores=$(nproc)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if [ "$only" != journey ]; then
# shellcheck disable=SC2086
start service "$out/service.out" java ${JAVA_OPTS:-} -jar "$jar" serve --port 0 --unconstrained \
  --run-dir "$out/service-run" --admin-token "bench-admin-$RANDOM$RANDOM-token"
service_url=$url

echo "minimal scenario: $rate GET /health per second for $duration s" >&2
(cd "$root" && timeout 600 mvn -B -q gatling:test -Dgatling.simulationClass=io.dropnight.simulations.bench.HealthCeilingSimulation \
  -Dtarget="$service_url" -Drate="$rate" -Dduration="$duration" -DbuildDir="$out/minimal") >"$out/minimal.log" 2>&1 || true
minimal=$(grep -o 'dropnight-bench: .*' "$out/minimal.log" | tail -1)
[ -n "$minimal" ] || { echo "injector-ceiling.sh: the minimal run printed no figures; see $out/minimal.log" >&2; exit 1; }
minimal_us=$(sed -E 's/.*, ([0-9.]+) us per request/\1/' <<<"$minimal")
# Gatling's last console table: the Global line's KO column; its "completed in" line.
minimal_ko=$(grep -a '^> Global' "$out/minimal.log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $4); print $4 }')
minimal_s=$(grep -ao '[0-9]*s elapsed' "$out/minimal.log" | tail -1 | grep -o '^[0-9]*' || true)
minimal_p99=$(grep -a 'response time 99th percentile' "$out/minimal.log" | tail -1 | awk -F'|' '{ gsub(/[ ,]/, "", $2); print $2 }')
echo "$minimal; KO ${minimal_ko:-?}; p99 ${minimal_p99:-?} ms; injection of $duration s took ${minimal_s:-?} s"
cleanup; pids=()
fi
[ "$only" = minimal ] && { echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0; }

echo "finale journey: scale $scale, compression $compression, unconstrained embedded service" >&2
(cd "$root" && timeout 900 mvn -B -q gatling:test -Dnight=finale-drop -Dscale="$scale" -Dcompression="$compression" \
  -Dunconstrained=true -DreportsDir="$out/reports") >"$out/journey.log" 2>&1 || true
run=$(ls -d "$out"/reports/*-finale-drop 2>/dev/null | tail -1)
[ -n "$run" ] && [ -f "$run/injector.csv" ] || { echo "injector-ceiling.sh: the night wrote no injector.csv; see $out/journey.log" >&2; exit 1; }
requests=$(grep -o '"requests" : [0-9]*' "$run/client-summary.json" | grep -o '[0-9]*$')
cpu_s=$(awk -F, -v cores="$cores" 'NR > 1 { s += $4 / 100 * cores } END { printf "%.1f", s }' "$run/injector.csv")
journey_us=$(awk -v c="$cpu_s" -v r="$requests" 'BEGIN { printf "%.1f", c * 1e6 / r }')
verdict=$(grep -o '"verdict" : "[a-z]*"' "$run/slo.json" | grep -o '[a-z]*"$' | tr -d '"')
shape=$(awk -F, 'NR > 1 { n++; if ($2 > fd) fd = $2; if ($4 > cpu) cpu = $4 } END { printf "%d s watched, peak %d open files, peak CPU %.0f %%", n, fd, cpu }' "$run/injector.csv")
seconds=$(awk -F, 'NR > 1 { n++ } END { print n }' "$run/injector.csv")
rps=$(awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
echo "journey: $requests requests, injector CPU $cpu_s s ($cores cores), $journey_us us per request, verdict $verdict ($run)"
echo "journey: $rps requests/s on average over $shape"
java -cp "$jar" "$root/scripts/ClientPeakRate.java" "$run/client.hlog" || true
grep -a -A3 'INCONCLUSIVE' "$out/journey.log" | grep -av '^\[' | head -6 || true
if [ -n "$minimal_us" ]; then
  ratio=$(awk -v j="$journey_us" -v m="$minimal_us" 'BEGIN { printf "%.2f", j / m }')
  echo "journey / minimal CPU per request = ${ratio}x (goal <= 1.25x); per-second load: $run/index.html"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
