#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite (short jobs) and copies the GitHub-markdown reports to benchmarks/results/.
# Usage: benchmarks/run.sh [filter] [BenchmarkDotNet options...]   (default: every benchmark; about 15–20 minutes on 2 cores)
# e.g. benchmarks/run.sh '*CleanUtf8Benchmarks*' --buildTimeout 900   (a longer build timeout on a loaded machine)
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-*}"
# Only this run's reports are copied: an earlier run's, left in the artifacts, would overwrite the committed ones.
rm -rf benchmarks/BenchmarkDotNet.Artifacts/results
dotnet run -c Release --project benchmarks/MojibakeFix.Benchmarks -- --filter "$filter" --exporters github --artifacts benchmarks/BenchmarkDotNet.Artifacts "${@:2}"
mkdir -p benchmarks/results
cp benchmarks/BenchmarkDotNet.Artifacts/results/*-report-github.md benchmarks/results/
echo "results in benchmarks/results/"
