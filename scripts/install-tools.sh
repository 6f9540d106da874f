#!/usr/bin/env bash
# Installs what the scripts need beyond the .NET SDK and Node: Azurite, pinned in package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ls azurite >/dev/null 2>&1 || [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
