#!/usr/bin/env bash
# Installs what the scripts need beyond the .NET SDK and Node, pinned in package-lock.json: Azurite, and the platforms'
# published schemas with their checkers (@shopify/dev-mcp, graphql, ajv) that the simulators validate against.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npm ls --depth=0 >/dev/null 2>&1 || [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
