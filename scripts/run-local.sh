#!/usr/bin/env bash
# Runs OrderSync locally in sandbox mode: Azurite (started in memory unless one is already running on the default
# ports), a simulated vendor Shopify store, and OrderSync.Local on http://127.0.0.1:7071. No accounts needed.
# Extra arguments go to OrderSync.Local, e.g. --Urls=http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-tools.sh
exec dotnet run --project OrderSync.Local/OrderSync.Local.csproj -- --OrderSync:Sandbox:Enabled=true "$@"
