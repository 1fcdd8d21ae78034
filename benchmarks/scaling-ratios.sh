#!/usr/bin/env bash
# Time at 8n over time at n for each adversarial shape, from the ScalingBenchmarks report (benchmarks/run.sh '*ScalingBenchmarks*').
# Linear cost shows as about 8x.
set -euo pipefail
cd "$(dirname "$0")"
report=results/MojibakeFix.Benchmarks.ScalingBenchmarks-report-github.md
sed 's/\*\*//g' "$report" | awk -F'|' '
  function us(v) { gsub(/[ ,]/, "", v); if (v ~ /ms$/) return v * 1000; if (v ~ /ns$/) return v / 1000; return v + 0 }
  $2 ~ /Fix/ { shape = $4; gsub(/^ +| +$/, "", shape); t[shape, $3 + 0] = us($5); shapes[shape] = 1 }
  END { for (s in shapes) printf "%-16s %5.2fx\n", s, t[s, 1048576] / t[s, 131072] }' | sort
