#!/usr/bin/env bash
# Runs the whole system on this machine (see docs/local-runner.md): builds what is missing or
# older than its sources (./mvnw install, front end included), then starts the local runner in
# the foreground. Ctrl-C stops everything.
#
#   scripts/run-local.sh [--demo] [--port N] [--data DIR] [more options: --help]
set -euo pipefail
PROG=run-local.sh
. "$(dirname "$0")/lib.sh"
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: scripts/run-local.sh [--demo] [--port N] [--data DIR] [options]

  --demo          demo accounts (admin@demo.test, client@demo.test; password $DEMO_PASSWORD,
                  else generated once and printed) and a 60-photo album "demo"
  --port N        HTTP port of the portal, /api and /local-auth (default 8787; S3 on N+1)
  --data DIR      data folder: S3 objects, DynamoDB tables, accounts, local.env (default ./data)
  --s3-port N, --maintenance-minutes N, --generator-concurrency N, --visibility-seconds N
  --rebuild       build first even if nothing changed

Then: source DATA/local.env to point scripts/*.sh and the aws CLI at it; the mail the system
sends is shown at http://127.0.0.1:PORT/local-mail/ (the banner prints the URL).
USAGE
}

args=()
force_build=false
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --rebuild) force_build=true ;;
    --demo) args+=("$1") ;;
    --port|--data|--s3-port|--maintenance-minutes|--generator-concurrency|--visibility-seconds)
      [ $# -ge 2 ] || { echo "$PROG: $1 needs a value" >&2; usage >&2; exit 2; }
      args+=("$1" "$2"); shift ;;
    *) echo "$PROG: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
# The default data folder is the checkout's data/ (git-ignored), wherever this is run from.
[[ " ${args[*]:-} " == *" --data "* ]] || args+=(--data "$root/data")

# A JDK of 21 or newer: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
is_jdk21() {
  local major
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(java_major "$1/bin/java")
  [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge 21 ]
}
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk21 "$JAVA_HOME"; then
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if is_jdk21 "${candidate%/}"; then
      export JAVA_HOME="${candidate%/}"
      break
    fi
  done
fi
is_jdk21 "${JAVA_HOME:-/nonexistent}" || die "a JDK 21 or newer is required (the build compiles --release 21): set JAVA_HOME"
major="$(java_major "$JAVA_HOME/bin/java")"

jar="$root/local/target/local-1.0.0-SNAPSHOT.jar"
classpath_file="$root/local/target/classpath.txt"

# Is anything the runner needs missing, or older than the sources it is built from?
needs_build() {
  [ -f "$jar" ] && [ -f "$classpath_file" ] || return 0
  local entry
  while IFS= read -r -d ':' entry; do
    [ -e "$entry" ] || return 0
  done < <(tr -d '\n' < "$classpath_file"; printf ':')
  local newer
  newer=$(cd "$root" && find . \( -path ./data -o -path ./.git -o -name node_modules -o -name target -o -path ./frontend/dist \
      -o -path ./frontend/.astro \) -prune -o \( -path '*/src/main/*' -o -name pom.xml -o -path './frontend/src/*' \
      -o -path './frontend/public/*' -o -path ./frontend/package.json -o -path ./frontend/package-lock.json \
      -o -path './frontend/astro.config.*' \) -type f -newer "$classpath_file" -print -quit)
  [ -n "$newer" ] && return 0
  if [ -d "$root/frontend" ] && [ -f "$root/frontend/package.json" ] && [ ! -f "$root/frontend/dist/index.html" ]; then
    return 0
  fi
  return 1
}

if $force_build || needs_build; then
  echo "$PROG: building (./mvnw -B -q -DskipTests install)..." >&2
  started=$(date +%s)
  (cd "$root" && ./mvnw -B -q -DskipTests install) || die "the build failed; see above"
  touch "$classpath_file"
  echo "$PROG: built in $(( $(date +%s) - started )) s" >&2
fi
# dynalite (the DynamoDB API) is a node package; the build installs it, this makes sure.
bash "$root/scripts/install-tools.sh" "$root/target/tools" >&2 || die "could not install dynalite (node and npm are required)"

# runner-logback.xml (in local/): one log line per event, control characters in keys and messages escaped.
jvm=(-Djava.awt.headless=true "-Dclientalbums.root=$root" -Dlogback.configurationFile=runner-logback.xml
  --enable-native-access=ALL-UNNAMED)
# S3Proxy and ElasticMQ's libraries still use sun.misc.Unsafe: silence JDK 24+'s warnings about it.
[ "$major" -ge 24 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)
exec "$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$jar:$(cat "$classpath_file")" com.clientalbums.local.LocalRunner "${args[@]}"
