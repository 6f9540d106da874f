#!/usr/bin/env bash
# Figures of OrderSync.Local, built Release. The ack path (--suite ack): an ingress-only host at stepped open-loop rates and
# at saturation, each load beside the bare storage ceiling. End to end (--suite push): for each runtime, Azurite (in
# memory), the Shopify simulator with a vendor store and OrderSync.Local (OrderSync:Runtime set) get signed orders/create
# webhooks open loop; ack and push latency, drain throughput, errors and the host's peak RSS. Prints tables, writes JSON.
# Arguments: --suite ack|push|budget|all (all)  --runtime Outbox|Durable|both (both)  --orders N (1000)  --rate R orders/s (100)
#            --quick (ack: 2 s a load; push: 200 orders)  --push-timeout SECONDS (120; quick 30)  --out PATH (TestResults/benchmark.json)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
dotnet build OrderSync.Benchmarks/OrderSync.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet OrderSync.Benchmarks/bin/Release/net10.0/OrderSync.Benchmarks.dll "$@"
