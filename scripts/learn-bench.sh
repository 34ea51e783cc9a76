#!/usr/bin/env bash
# The cost of `learn night` (issue 26): a synthetic combined log of a release night
# (scripts/LearnBenchLog.java, seeded) learned on one core (taskset -c 0, -XX:ActiveProcessorCount=1)
# in a bounded heap, several rounds; prints each round's lines per second of the pass (wall clock and
# the pass thread's CPU time) and the process's peak RSS, then the medians. The log is written once
# into the output folder (about 2.1 GB for 10 million lines) and removed at the end unless --keep.
#
#   scripts/learn-bench.sh [--lines 10000000] [--rounds 3] [--heap 64m] [--seed 42] [--gzip]
#                          [--keep] [--jar PATH] [--out DIR]
#
# Needs: java 17, taskset and GNU time (/usr/bin/time); Maven only when the jar has to be built.
set -euo pipefail

lines=10000000 rounds=3 heap=64m seed=42 gzip=0 keep=0
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/dropnight.jar"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --gzip) gzip=1; shift ;;
    --keep) keep=1; shift ;;
    --jar) jar=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "learn-bench.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$lines" "$rounds" "$seed"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "learn-bench.sh: '$n' is not a whole number" >&2; exit 2; }
done
[[ "$heap" =~ ^[0-9]+[mMgG]$ ]] || { echo "learn-bench.sh: --heap $heap: must be a size such as 64m or 1g" >&2; exit 2; }
[ "$rounds" -ge 1 ] || { echo "learn-bench.sh: --rounds must be at least 1" >&2; exit 2; }
for tool in java taskset /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "learn-bench.sh: $tool is required but not installed" >&2; exit 2; }
done
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
ensure_jar "$jar" "$root"
out=${out:-"$root/reports/learn-bench-$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$out"
drop=2026-11-27T01:00:00Z
log="$out/night-$lines-$seed.log"
if [ ! -f "$log" ]; then
  echo "writing $log ($lines lines, seed $seed)" >&2
  java "$root/scripts/LearnBenchLog.java" "$lines" "$seed" "$log" "$drop" >&2
fi
if [ "$gzip" -eq 1 ]; then
  [ -f "$log.gz" ] || gzip -1 -k "$log"
  input="$log.gz"
else
  input="$log"
fi
[ "$keep" -eq 1 ] || trap 'rm -f "$log" "$log.gz"; cleanup' EXIT

echo "load before: $(uptime)" | tee "$out/load.txt" >&2
printf 'round\tlines/s\tlines per CPU-s\tpass s\tpass CPU s\tmax RSS MB\n' | tee "$out/rounds.tsv"
for r in $(seq 1 "$rounds"); do
  /usr/bin/time -f '%M' -o "$out/rss-$r.txt" taskset -c 0 java -Xmx"$heap" -XX:ActiveProcessorCount=1 -jar "$jar" \
    learn night --log "$input" --drop "$drop" --viewer extra:1 --out "$out/learned.yml" >"$out/learn-$r.txt"
  # "learn night: N lines read in W s, C s of CPU (L lines/s, P per CPU-second), ..."
  sed -n '1s/.* read in \([0-9.]*\) s, \([0-9.]*\) s of CPU (\([0-9,]*\) lines\/s, \([0-9,]*\) per CPU-second).*/\3\t\4\t\1\t\2/p' \
    "$out/learn-$r.txt" | tr -d ',' | awk -v r="$r" -v rss="$(tail -1 "$out/rss-$r.txt")" \
    '{ printf "%d\t%s\t%s\t%s\t%s\t%.0f\n", r, $1, $2, $3, $4, rss / 1024 }' | tee -a "$out/rounds.tsv"
done
echo "load after: $(uptime)" | tee -a "$out/load.txt" >&2
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column_median() { tail -n +2 "$out/rounds.tsv" | cut -f"$1" | median; }
echo "median of $rounds: $(column_median 2) lines/s, $(column_median 3) lines per CPU-second, peak RSS $(column_median 6) MB" \
  | tee "$out/median.txt"
head -12 "$out/learned.yml" | sed 's/^/  /'
