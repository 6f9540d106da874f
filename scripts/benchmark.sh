#!/usr/bin/env bash
# End-to-end figures of OrderSync.Local per runtime: builds Release, then for each runtime starts Azurite (in memory), the
# Shopify simulator with a vendor store and OrderSync.Local (OrderSync:Runtime set), posts signed orders/create webhooks
# open loop and prints a table of ack and push latency, drain throughput, errors and the host's peak RSS.
# Arguments: --runtime Outbox|Durable|both (both)  --orders N (1000)  --rate R orders/s (100)  --quick (200 orders)
#            --push-timeout SECONDS (120; quick 30)  --out PATH (TestResults/benchmark.json)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
dotnet build OrderSync.Benchmarks/OrderSync.Benchmarks.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet OrderSync.Benchmarks/bin/Release/net10.0/OrderSync.Benchmarks.dll "$@"
