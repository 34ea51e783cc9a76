#!/usr/bin/env bash
# The injector's cost per request (issue 9): one Gatling JVM running the finale journey (checks,
# JMESPath, client HdrHistogram recording, injector watch) against the same Gatling version running
# a minimal scenario (one GET /health per user, no check of ours, pooled connections), back to back
# in one invocation, both against an unconstrained service on loopback. CPU per request is the
# injector JVM's own CPU time (process CPU between Gatling's before() and after()) divided by its
# requests; the goal is journey / minimal <= 1.25. Bounded: each Gatling run has a fixed injection.
#
#   scripts/injector-ceiling.sh [--rate 1000] [--duration 20] [--scale 1] [--compression 20] [--out DIR]
#
# Needs java 17 and Maven (the Gatling plugin, online the first time). Stops only what it started.
set -euo pipefail

rate=1000 duration=20 scale=1 compression=20 out=""
root=$(cd "$(dirname "$0")/.." && pwd)
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --compression) compression=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "injector-ceiling.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$rate" "$duration"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "injector-ceiling.sh: '$n' is not a whole number" >&2; exit 2; }
done
[[ "$scale" =~ ^[0-9.]+$ && "$compression" =~ ^[0-9.]+$ ]] || { echo "injector-ceiling.sh: --scale and --compression must be numbers" >&2; exit 2; }
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
jar="$root/target/dropnight.jar"
ensure_jar "$jar" "$root"
out=${out:-$(mktemp -d)}
mkdir -p "$out"
cores=$(nproc)

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

echo "finale journey: scale $scale, compression $compression, unconstrained embedded service" >&2
(cd "$root" && timeout 900 mvn -B -q gatling:test -Dnight=finale-drop -Dscale="$scale" -Dcompression="$compression" \
  -Dunconstrained=true -DreportsDir="$out/reports") >"$out/journey.log" 2>&1 || true
run=$(ls -d "$out"/reports/*-finale-drop 2>/dev/null | tail -1)
[ -n "$run" ] && [ -f "$run/injector.csv" ] || { echo "injector-ceiling.sh: the night wrote no injector.csv; see $out/journey.log" >&2; exit 1; }
requests=$(grep -o '"requests" : [0-9]*' "$run/client-summary.json" | grep -o '[0-9]*$')
cpu_s=$(awk -F, -v cores="$cores" 'NR > 1 { s += $4 / 100 * cores } END { printf "%.1f", s }' "$run/injector.csv")
journey_us=$(awk -v c="$cpu_s" -v r="$requests" 'BEGIN { printf "%.1f", c * 1e6 / r }')
verdict=$(grep -o '"verdict" : "[a-z]*"' "$run/slo.json" | grep -o '[a-z]*"$' | tr -d '"')
ratio=$(awk -v j="$journey_us" -v m="$minimal_us" 'BEGIN { printf "%.2f", j / m }')

echo "$minimal"
echo "journey: $requests requests, injector CPU $cpu_s s ($cores cores), $journey_us us per request, verdict $verdict ($run)"
echo "journey / minimal CPU per request = ${ratio}x (goal <= 1.25x); per-second load: $run/index.html"
