#!/usr/bin/env bash
# Coverage-guided fuzzing of Mojibake.Fix, the span core, the UTF-8 path and the tool's JSONL/CSV readers with SharpFuzz and AFL++.
# Usage: tests/MojibakeFix.Fuzz/run.sh [seconds]   (default 600). Installs AFL++ (apt) and SharpFuzz's tool.
# Findings land in tests/MojibakeFix.Fuzz/findings/ (not committed); each crash becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
command -v afl-fuzz >/dev/null || { apt-get update -qq && apt-get install -y -qq afl++; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine
rm -rf out
dotnet publish -c Release -o out -v q -nologo
sharpfuzz out/MojibakeFix.dll
sharpfuzz out/mojifix.dll
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
mkdir -p findings
afl-fuzz -V "$seconds" -i seeds -o findings -t 10000 -m none -- dotnet out/MojibakeFix.Fuzz.dll || true
echo "stats:"; grep -E "execs_done|execs_per_sec|saved_crashes|saved_hangs|run_time" findings/default/fuzzer_stats || true
