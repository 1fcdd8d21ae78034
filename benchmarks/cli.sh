#!/usr/bin/env bash
# End-to-end throughput of the mojifix tool beside `cat` on the same file, and its peak memory.
# Usage: benchmarks/cli.sh [megabytes]   (default 256; writes benchmarks/results/cli.md)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-256}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/MojibakeFix.Cli -v q -nologo >/dev/null
dotnet build -c Release benchmarks/MojibakeFix.Benchmarks -v q -nologo >/dev/null
tool="src/MojibakeFix.Cli/bin/Release/net10.0/mojifix"
out="benchmarks/results/cli.md"
{
  echo "| input | size | cat MB/s | mojifix MB/s | mojifix peak memory |"
  echo "|---|---:|---:|---:|---:|"
  for kind in clean damaged; do
    file="$work/$kind.txt"
    dotnet benchmarks/MojibakeFix.Benchmarks/bin/Release/net10.0/MojibakeFix.Benchmarks.dll make-file "$kind" "$mb" "$file"
    size=$(stat -c %s "$file")
    cat "$file" > /dev/null # warm the page cache
    # Wall time in nanoseconds (time(1)'s %e has 10 ms steps, too coarse for cat); peak memory from time(1).
    t0=$(date +%s%N); cat "$file" > /dev/null; t1=$(date +%s%N)
    cat_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')
    t0=$(date +%s%N)
    tool_kb=$( { /usr/bin/time -f "%M" "$tool" "$file" > /dev/null; } 2>&1 | tail -1 )
    t1=$(date +%s%N)
    tool_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')
    awk -v k="$kind" -v s="$size" -v c="$cat_s" -v t="$tool_s" -v m="$tool_kb" 'BEGIN {
      printf "| %s | %d MB | %.0f | %.0f | %.0f MB |\n", k, s / 1048576, s / 1e6 / (c > 0 ? c : 0.01), s / 1e6 / (t > 0 ? t : 0.01), m / 1024 }'
  done
} > "$out"
cat "$out"
