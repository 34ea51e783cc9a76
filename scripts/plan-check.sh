#!/usr/bin/env bash
# Prove a capacity plan by re-runs (README, "Plan capacity"): re-runs the night N times at the
# plan's answer and N times one resolution step below it, alternated, and prints each capacity's
# pass rate beside the probability the plan predicted there. Give the plan's own night flags.
#
#   scripts/plan-check.sh -Dcheck.plan=reports/plan-<time>-capacity [-Dcheck.runs=10] [-Dcheck.budget=60m] \
#                         [-Dcheck.search=0] [-Dcheck.at=answer,below|half|...] [the plan's night flags: -Dnight, ...]
#
# -Dcheck.at names the capacities re-run (default answer,below); half is the whole slots either side
# of where the plan's estimate says a night passes half the time, and says where the coin toss lies.
#
# Bounded: at most 50 nights a capacity, and no night starts that would end past -Dcheck.budget.
# A default-night re-run takes about as long as a plan's probe (about 1 min 47 s on this machine),
# so 10 at each capacity take about 36 minutes. Leaves <plan>/check-<time>/ with check.json and
# every night's run folder.
set -euo pipefail
# plan.sh's launcher (flags checked, test classpath built), with PlanCheck as the main class.
PLAN_TOOL=plan-check.sh PLAN_EXAMPLE=-Dcheck.plan=reports/plan-20261207-140000-capacity \
  PLAN_MAIN=io.dropnight.simulations.plan.PlanCheck exec "$(dirname "$0")/plan.sh" "$@"
