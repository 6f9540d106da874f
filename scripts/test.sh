#!/usr/bin/env bash
# Runs the whole test suite (unit, integration on Azurite, end to end) and ends with the line "N passed, N failed".
# Extra arguments go to `dotnet test`, e.g. --filter "FullyQualifiedName~EndToEnd"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
dotnet restore OrderSync.Tests/OrderSync.Tests.csproj

results="$PWD/TestResults"
rm -rf "$results"
status=0
dotnet test OrderSync.Tests/OrderSync.Tests.csproj --no-restore \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "No test results were written: the build or the test host failed (exit code $status)." >&2
  exit "${status/#0/1}"
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
total=$(count total); executed=$(count executed); passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(( total - executed ))
if [ "$executed" -eq 0 ]; then
  echo "No test was executed." >&2
  status=1
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit "$status"
