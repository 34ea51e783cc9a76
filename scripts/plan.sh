#!/usr/bin/env bash
# Plan capacity (README, "Plan capacity"): the least slots that pass the night, or the largest
# audience a target serves, searched with real compressed nights, one Gatling JVM per probe.
#
#   scripts/plan.sh -Dplan=capacity [-Dpolicies=fixed,adaptive,priority] [-Dplan.scales=0.25,1] \
#                   [-Daudience=5000000] [-Dplan.resolution=0.05] [any night flag: -Dnight, -Dscale, ...]
#   scripts/plan.sh -Dplan=breakpoint [-Dtarget=URL] [night flags]
#
# Leaves reports/plan-<time>-<mode>/ with plan.json, plan.html and every probe's run folder.
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
  case "$arg" in
    -D*=*) ;;
    *) echo "${PLAN_TOOL:-plan.sh}: $arg: every argument must be a flag such as ${PLAN_EXAMPLE:--Dplan=capacity}" >&2; exit 2 ;;
  esac
done
BUILD_DIR="${BUILD_DIR:-target}"
mvn -B -q -DbuildDir="$BUILD_DIR" test-compile
mvn -B -q -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" >/dev/null
CP="$BUILD_DIR/classes:$BUILD_DIR/test-classes:$(cat "$BUILD_DIR/test-classpath.txt")"
# plan-check.sh runs its own main class through this same launcher
exec java -Xmx256m -cp "$CP" "$@" "${PLAN_MAIN:-io.dropnight.simulations.plan.Planner}"
