#!/usr/bin/env bash
# Builds the Azure Functions shell where its packages (Microsoft.Azure.Functions.Worker and extensions) can be
# restored; where the package source lacks them, says so in one line and succeeds, since nothing else depends on it.
set -euo pipefail
cd "$(dirname "$0")/.."
project=OrderSync.Functions/OrderSync.Functions.csproj
if ! restore_log=$(dotnet restore "$project" 2>&1); then
  missing=$(echo "$restore_log" | grep -oE "Unable to find package [A-Za-z0-9.]+" | sed -e 's/Unable to find package //' -e 's/[.]$//' | sort -u | paste -sd, -)
  echo "OrderSync.Functions: skipped - its packages cannot be restored from this machine's NuGet source (missing: ${missing:-see dotnet restore}); every other project and all tests are independent of it."
  exit 0
fi
dotnet build "$project" --no-restore
