#!/usr/bin/env bash
# End-to-end throughput of the mojifix tool beside `cat` on the same file, and its peak memory.
# Usage: benchmarks/cli.sh [megabytes]   (default 256; writes benchmarks/results/cli.md, and the README's cli table
# when the size is 256, the one the README states)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-256}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The binary measured is the one a user gets: the tool packages as the three `dotnet pack` commands in
# src/MojibakeFix.Cli/MojibakeFix.Cli.csproj make them, installed from a local feed with `dotnet tool install
# --tool-path`, which on linux-x64 picks mojifix.linux-x64 (the NativeAOT executable) and elsewhere mojifix.any
# (the framework-dependent tool). The package version is unique to this run; its NuGet cache copies go on exit.
version="0.0.0-cli-bench.$(date +%Y%m%d%H%M%S).$$"
packages="$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')"
trap 'rm -rf "$work" "$packages"/mojifix*/"$version"' EXIT
dotnet pack -c Release src/MojibakeFix.Cli -o "$work/feed" -p:Version="$version" -v q -nologo >/dev/null
for rid in linux-x64 any; do
  dotnet pack -c Release src/MojibakeFix.Cli -r "$rid" -o "$work/feed" -p:Version="$version" -v q -nologo >/dev/null
done
dotnet tool install mojifix --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
dotnet build -c Release benchmarks/MojibakeFix.Benchmarks -v q -nologo >/dev/null
tool="$work/tools/mojifix"
echo "measuring $(readlink -f "$tool")" >&2
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
  echo
  # One job on the damaged file: the speed of one core's repair, which with all cores bounds the row above.
  t0=$(date +%s%N)
  "$tool" --jobs 1 "$work/damaged.txt" > /dev/null
  t1=$(date +%s%N)
  awk -v s="$(stat -c %s "$work/damaged.txt")" -v a="$t0" -v b="$t1" 'BEGIN { printf "Damaged text with --jobs 1: %.0f MB/s.\n", s / 1e6 / ((b - a) / 1e9) }'
  echo
  # Start-up: what each run pays on a small file (process start, the code-page tables the repair builds on first
  # use, the fix): the mean wall time of 20 runs on the first 100 KB of each file.
  for kind in clean damaged; do
    head -c 102400 "$work/$kind.txt" > "$work/small-$kind.txt"
    t0=$(date +%s%N)
    for run in $(seq 20); do "$tool" "$work/small-$kind.txt" > /dev/null; done
    t1=$(date +%s%N)
    awk -v k="$kind" -v a="$t0" -v b="$t1" 'BEGIN { printf "Per run on 100 KB of %s text (mean of 20): %.0f ms.\n", k, (b - a) / 20 / 1e6 }'
  done
  echo
  echo "Measured: \`$("$tool" --version | sed 's/+[0-9a-f]*//')\`, on $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') ($(nproc) cores)."
} > "$out"
cat "$out"
if [ "$mb" = 256 ]; then
  dotnet benchmarks/MojibakeFix.Benchmarks/bin/Release/net10.0/MojibakeFix.Benchmarks.dll readme-table cli "$out" README.md
fi
