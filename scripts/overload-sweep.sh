#!/usr/bin/env bash
# The full overload sweep: every policy (none, fixed, adaptive, priority) at 0.5x, 1x, 2x, 5x and
# 10x the modelled capacity (4 slots x fixed 20 ms = 200 req/s), open-model arrivals, latency from
# the intended send time; then the 12x browse surge per policy. Prints Markdown tables.
#
#   scripts/overload-sweep.sh [seconds-per-cell=5] [poisson|fixed] [seed=2026]
#
# Only 127.0.0.1 is used; each cell is bounded by its duration plus the 1 s client timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-/tmp/build-sweep}"
mvn -B -q -DbuildDir="$BUILD_DIR" test-compile
mvn -B -q -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" >/dev/null
CP="$BUILD_DIR/classes:$BUILD_DIR/test-classes:$(cat "$BUILD_DIR/test-classpath.txt")"
echo "machine: $(nproc) cores; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# Leak detection off: this measures the service, not Netty's tracker (the tests run it paranoid).
java -Xmx1g -Dio.netty.leakDetection.level=disabled -cp "$CP" \
    io.dropnight.reliability.load.OverloadSweep "${1:-5}" "${2:-poisson}" "${3:-2026}"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
