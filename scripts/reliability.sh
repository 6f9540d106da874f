#!/usr/bin/env bash
# The reliability suite of OrderSync.Local, built Release, seeded and bounded: chaos (1,000 random order flows, --quick 100,
# over two workers, one killed with SIGKILL at random, every platform failing at random), webhook fuzz over HTTP (every source, 10,000
# deliveries each; --quick 1,000) and a storage outage (Azurite stopped mid-run and started again on its data). Prints the
# figures, writes TestResults/reliability.json, exits non-zero when anything was answered wrongly, lost or doubled.
# Arguments: --suite chaos|outage|fuzz|all (all)  --quick  --seed N (replays a run)  --fuzz-cases N  --out PATH
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
dotnet build OrderSync.Benchmarks/OrderSync.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet OrderSync.Benchmarks/bin/Release/net10.0/OrderSync.Benchmarks.dll reliability "$@"
