#!/bin/sh
# One Dropnight injector: io.gatling.app.Gatling with the compiled simulations, no Maven.
# Arguments are the simulation's system properties (-Dtarget=URL -Dinjectors=N -Dinjector=i ...);
# SIMULATION picks the night's class, REPORTS_DIR where its run folder goes, JAVA_OPTS the heap.
# Gatling's own report is written inside the container and copied into the run folder.
# Live metrics are always on in the image: GET /metrics on port 9404 of every interface, for
# Prometheus to scrape; they come before the arguments so that a -Dmetrics.port given there wins
# (the JVM keeps a property's last value).
set -eu
results="${GATLING_RESULTS:-/tmp/gatling}"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of JVM flags
exec java ${JAVA_OPTS:--Xmx1g} --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Ddropnight.launcher=dropnight -DreportsDir="${REPORTS_DIR:-/results/reports}" -DgatlingResults="$results" \
  -Dmetrics.port=9404 -Dmetrics.host=0.0.0.0 "$@" \
  -cp "/app/test-classes:/app/classes:/app/lib/*" \
  io.gatling.app.Gatling -s "${SIMULATION:-io.dropnight.simulations.ReleaseNightSimulation}" -rf "$results"
