#!/usr/bin/env bash
# Coverage-guided fuzzing of Mojibake.Fix, the span core, the UTF-8 path and the tool's JSONL/CSV readers with SharpFuzz and AFL++.
# Usage: tests/MojibakeFix.Fuzz/run.sh [seconds]   (default 600). Installs AFL++ (apt) and SharpFuzz's tool.
# Findings land in tests/MojibakeFix.Fuzz/findings/<time>/default/crashes (not committed); each crash becomes a regression test.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
command -v afl-fuzz >/dev/null || { apt-get update -qq && apt-get install -y -qq afl++; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine
rm -rf out
# The commit the fuzzed binary is built from (marked when the working tree differs from it).
built="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- ../.. 2>/dev/null || echo '+changes')"
dotnet publish -c Release -o out -v q -nologo
sharpfuzz out/MojibakeFix.dll
sharpfuzz out/mojifix.dll
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
run="findings/$(date -u +%Y%m%dT%H%M%S)"; mkdir -p "$run"   # every run keeps its own findings
afl-fuzz -V "$seconds" -i seeds -o "$run" -t 10000 -m none -- dotnet out/MojibakeFix.Fuzz.dll || true
# One line per run in runs.log (committed): the figures the README's testing section adds up.
stats="$run/default/fuzzer_stats"
get() { awk -v k="$1" '$1 == k { print $3 }' "$stats"; }
printf '%s\t%s s\t%s execs\t%s/s\t%s crashes\t%s hangs\t%s corpus\t%s\n' "$(date -u +%FT%TZ)" "$(get run_time)" \
  "$(get execs_done)" "$(get execs_per_sec)" "$(get saved_crashes)" "$(get saved_hangs)" "$(get corpus_count)" \
  "$built" | tee -a runs.log
