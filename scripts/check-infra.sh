#!/usr/bin/env bash
# Validates the Azure infrastructure in infra/ with the pinned bicep CLI, offline:
#   1. restores the bicep CLI from NuGet (package Azure.Bicep.CommandLine.linux-x64, version pinned in
#      infra/tools/Directory.Packages.props) into infra/tools/packages;
#   2. runs `bicep build` and `bicep lint` on every .bicep file and `bicep build-params` on every .bicepparam file.
# Fails (exit 1, every diagnostic printed) on any error and on any warning: the linter rules in infra/bicepconfig.json
# are errors, and a compiler warning (an unknown property BCP037, a type mismatch, an unknown API version BCP081) is
# treated as one too, since it means a template that ARM would refuse or misread.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools="$root/infra/tools"
packages="$tools/packages"
version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' "$tools/Directory.Packages.props")
if [ -z "$version" ]; then
  echo "check-infra: no Azure.Bicep.CommandLine.linux-x64 version found in infra/tools/Directory.Packages.props" >&2
  exit 1
fi
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [ ! -x "$bicep" ]; then
  if ! restore_log=$(dotnet restore "$tools/BicepTools.csproj" --packages "$packages" 2>&1); then
    echo "$restore_log" >&2
    echo "check-infra: could not restore Azure.Bicep.CommandLine.linux-x64 $version from NuGet" >&2
    exit 1
  fi
  chmod +x "$bicep"
fi
echo "== infra: $("$bicep" --version)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
failures=0
checked=0
# Runs one bicep command; any diagnostic (error or warning) or a non-zero exit fails the check.
check() {
  local what=$1; shift
  local out status=0
  out=$("$bicep" "$@" 2>&1) || status=$?
  checked=$((checked + 1))
  if [ "$status" -ne 0 ] || grep -qE ' : (Error|Warning) ' <<<"$out"; then
    echo "FAIL $what (exit $status)"
    echo "$out" | sed 's/^/    /'
    failures=$((failures + 1))
  else
    echo "ok   $what"
  fi
}

out_dir=$(mktemp -d)
trap 'rm -rf "$out_dir"' EXIT

mapfile -t templates < <(find infra -name '*.bicep' -not -path 'infra/tools/*' | sort)
mapfile -t parameter_files < <(find infra -name '*.bicepparam' -not -path 'infra/tools/*' | sort)
if [ "${#templates[@]}" -eq 0 ]; then
  echo "check-infra: no .bicep file found under infra/" >&2
  exit 1
fi

for file in "${templates[@]}"; do
  check "bicep build $file" build "$file" --outdir "$out_dir/$(dirname "$file")"
  check "bicep lint $file" lint "$file"
done
for file in "${parameter_files[@]}"; do
  check "bicep build-params $file" build-params "$file" --outfile "$out_dir/${file%.bicepparam}.parameters.json"
done

if [ "$failures" -gt 0 ]; then
  echo "check-infra: $failures of $checked checks failed" >&2
  exit 1
fi
echo "check-infra: all $checked checks passed"
