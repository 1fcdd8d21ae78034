#!/usr/bin/env bash
# Adds up runs.log: the fuzzing figures the README's "How we test" section gives.
# Usage: tests/MojibakeFix.Fuzz/summary.sh
set -euo pipefail
cd "$(dirname "$0")"
awk -F'\t' '!/^#/ && NF >= 7 {
  split($2, s, " "); split($3, e, " "); split($5, c, " "); split($6, h, " ")
  runs++; seconds += s[1]; execs += e[1]; crashes += c[1]; hangs += h[1]
}
END {
  printf "%d runs, %.2f hours, %d executions, %d crashing inputs saved, %d hangs\n", runs, seconds / 3600, execs, crashes, hangs
}' runs.log
printf '%d findings kept as regression tests in tests/data/fuzz-regressions\n' "$(ls ../data/fuzz-regressions/*.bin | wc -l)"
