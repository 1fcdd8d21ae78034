#!/usr/bin/env bash
# Splices the measured tables into README.md between their markers, so the README is never typed by hand:
#   docs/accuracy.md            (dotnet run -c Release --project tests/MojibakeFix.Accuracy -- --out docs/accuracy.md)
#   benchmarks/results/summary.md   (benchmarks/run.sh, then dotnet run ... --project benchmarks/MojibakeFix.Benchmarks -- summary)
set -euo pipefail
cd "$(dirname "$0")/.."
splice() { # marker file
  awk -v m="$1" -v f="$2" '
    $0 == "<!-- " m ":begin -->" { print; while ((getline line < f) > 0) print line; skip = 1; next }
    $0 == "<!-- " m ":end -->" { skip = 0 }
    !skip { print }' README.md > README.md.tmp && mv README.md.tmp README.md
}
splice accuracy docs/accuracy.md
[ -f benchmarks/results/summary.md ] && splice speed benchmarks/results/summary.md
[ -f benchmarks/results/cli.md ] && splice cli benchmarks/results/cli.md
echo "README.md updated"
