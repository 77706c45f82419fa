#!/usr/bin/env bash
# Load figures of the whole local runner (not a timed test), on 127.0.0.1:
#   - CLICKS concurrent download clicks on an album being built and CLICKS on a ready one:
#     p50, p99, max, and album-table writes per click (counted by an AWS SDK interceptor that only
#     this script installs in the runner, local/src/test/java/com/clientalbums/local/load/AlbumWriteCounter.java);
#   - ALBUMS albums registered at once, the time until all are ready, and the runner JVM's peak
#     resident memory and peak used heap meanwhile (the generator runs in that JVM, beside S3Proxy,
#     ElasticMQ and the APIs: the figure bounds the generator's, it does not isolate it).
# It starts its own runner (fresh data under target/load unless --keep), runs
# com.clientalbums.local.load.LoadFigures against it, prints a table and ends with
#   RESULT building_p99_ms=… ready_p99_ms=… building_vs_ready_p99=… building_writes_per_click=… …
set -euo pipefail

usage() {
  cat <<USAGE
usage: scripts/load.sh [--clicks N] [--building-photos N] [--building-kb K] [--albums N] [--album-photos N]
                       [--photo-kb K] [--generator-concurrency N] [--port N]
  --clicks N                concurrent clicks per burst (default 300)
  --building-photos N       photos of the album clicked while it builds (default 400)
  --building-kb K           their size (default 1024: the album must still be building when its burst
                            ends; the table shows its status before and after the burst)
  --albums N                albums registered at once (default 50)
  --album-photos N          photos in each of them (default 20)
  --photo-kb K              size of each of their photos (default 200)
  --generator-concurrency N ZIP builds at once in the runner (default 5, the generator's reserved
                            concurrency in Terraform; the runner's own default is 2)
  --port N                  the runner's HTTP port (default: any free one)
USAGE
}

root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
clicks=300 building_photos=400 building_kb=1024 photo_kb=200 albums=50 album_photos=20 concurrency=5 port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --clicks) clicks="$2"; shift 2 ;;
    --building-photos) building_photos="$2"; shift 2 ;;
    --building-kb) building_kb="$2"; shift 2 ;;
    --photo-kb) photo_kb="$2"; shift 2 ;;
    --albums) albums="$2"; shift 2 ;;
    --album-photos) album_photos="$2"; shift 2 ;;
    --generator-concurrency) concurrency="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -x "$java" ] || { echo "load: no JDK at $JAVA_HOME" >&2; exit 1; }

work="$root/target/load"
rm -rf "$work" && mkdir -p "$work/classpath/lib" "$work/counter/software/amazon/awssdk/global/handlers"
echo "load: compiling (package, never install)"
cp_file="$root/local/target/load.classpath"
if ! (cd "$root" && ./mvnw -B -q -pl local -am -DskipTests package dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2; echo "load: build failed" >&2; exit 1
fi
# Private copies, so that builds running meanwhile cannot change them under the measurement.
cp -r "$root/local/target/classes" "$work/classpath/classes"
cp -r "$root/local/target/test-classes" "$work/classpath/test-classes"
tr ':' '\n' <"$cp_file" | xargs -I{} cp -r {} "$work/classpath/lib/"
# The SDK reads this list from the class path and adds the interceptors to every client it builds.
echo "com.clientalbums.local.load.AlbumWriteCounter" \
  >"$work/counter/software/amazon/awssdk/global/handlers/execution.interceptors"
cp="$work/classpath/classes:$work/classpath/test-classes:$work/classpath/lib/*"

free_port() { "$java" -cp "$work/classpath/test-classes" com.clientalbums.local.load.FreePort; }
[ -n "$port" ] || port="$(free_port)"
counter_port="$(free_port)"
password="load-$(date +%s)"

runner_pid=""
cleanup() {
  if [ -n "$runner_pid" ]; then kill "$runner_pid" 2>/dev/null || true; wait "$runner_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

echo "load: starting the runner on 127.0.0.1:$port (log: $work/runner.log)"
DEMO_PASSWORD="$password" "$java" -Djava.awt.headless=true "-Dclientalbums.root=$root" \
  -Dlogback.configurationFile=runner-logback.xml -Dsun.misc.unsafe.memory.access=allow \
  "-Dclientalbums.load.counter-port=$counter_port" \
  -cp "$work/counter:$cp" com.clientalbums.local.LocalRunner \
  --demo --port "$port" --data "$work/data" --generator-concurrency "$concurrency" >"$work/runner.log" 2>&1 &
runner_pid=$!
for _ in $(seq 1 600); do
  grep -q "is running on this machine" "$work/runner.log" && break
  kill -0 "$runner_pid" 2>/dev/null || { cat "$work/runner.log" >&2; echo "load: the runner stopped" >&2; exit 1; }
  sleep 0.2
done
grep -q "is running on this machine" "$work/runner.log" || { echo "load: the runner did not start" >&2; exit 1; }

echo "load: $clicks clicks on a ready and on a building album ($building_photos × $building_kb KB), then $albums albums of $album_photos × $photo_kb KB at once"
"$java" -cp "$cp" com.clientalbums.local.load.LoadFigures "http://127.0.0.1:$port/" "$work/data/local.env" \
  "http://127.0.0.1:$counter_port/writes" "$runner_pid" "$password" "$clicks" "$building_photos" "$building_kb" \
  "$albums" "$album_photos" "$photo_kb"
