#!/usr/bin/env bash
# Archive-engine benchmark: measures, in one run on one generated album in a local S3 (S3Proxy),
#   (a) the copy floor      GET every photo and stream the bytes into one multipart upload
#   (b) this generator      the real pipeline: layout, CRC-32, headers, concurrent parts
#   (c) the plan's method   DEFLATE ZipOutputStream in memory, then one PutObject
# each in a JVM of its own, and prints MB/s, the ratios b/a and b/c, and peak memory.
# Each mode runs --warmup times before the run that is measured, in the same JVM, as a warm
# generator builds album after album; the first run's MB/s is printed too. Requests go unsigned, as
# the SDK sends them to S3 over HTTPS (UNSIGNED-PAYLOAD: no side hashes a body); --signed adds the
# SigV4 payload hashing the SDK insists on over loopback's plain HTTP, and S3Proxy's check of it.
# The last line is machine-readable:
#   RESULT build_vs_floor=R1 build_vs_inmemory=R2 build_mb_s=X peak_rss_mb=Y
#
# --scaling runs the build alone at 100, 1,000 and 10,000 photos and prints peak memory for each.
#
# --cold-start measures the four shaded Lambda JARs instead (module cold-start): each started --runs
# times in a fresh JVM under AWS's runtime interface client, against a loopback Runtime API and the
# loopback AWS servers, with one event; init and first-response times per JAR and for a trivial
# handler (the floor), ending with
#   RESULT cold_start_vs_trivial_client_api=R ... client_api_init_ms=I client_api_first_response_ms=F ...
# --click-check measures what Download All's fresh check costs per click (client-api's
# ClickCheckBenchmark): an album of 1,000 and one of 10,000 photos in the loopback S3, the check as
# the API runs it (every LIST page, the archive's HEAD beside it), the same one after the other,
# and the floor of the same run (one consistent GetItem, one HEAD), with the S3 request cost; ending
#   RESULT check_ms_1000=… sequential_ms_1000=… getitem_ms_1000=… head_ms_1000=… usd_per_million_clicks_1000=… (and _10000)
# --parts builds an album cut into at least --split-parts (default 8) parts with 1, 2 and 4 workers, each
# worker a pipeline of its own (own memory budget and S3 client, as a separate invocation has) taking
# parts from one shared queue (zip-generator's PartsBenchmark); prints every part's time and MB/s, each
# run's critical path (until the last part is done), CPU seconds of the benchmark and of the local S3,
# and the local S3's own ceiling measured in the same run (GET and multipart PUT with 1, 2, 4, 8 streams);
# ending
#   RESULT parts_critical_path_s=S parts_speedup_4=X   (S with 4 workers; X = 1-worker / 4-worker critical path)
# --incremental (zip-generator's IncrementalBenchmark), on a private copy of an album (default 1,000 x 4 MB):
# a full build, then 1 % of the photos added, 1 % replaced, 1 % deleted (spread through the album), each
# rebuilt incrementally from the archive before it and also built in full; prints the bytes the generator
# moves (downloaded + uploaded, counted on its S3 client) and the bytes S3 copies server-side, as % of the
# full build's moved bytes, and wall times against the full rebuild with the local S3's copy time apart;
# every incremental archive is compared byte for byte with its full build (a difference fails the run).
# With --parts too, one line sums both up:
#   RESULT incremental_moved_pct=P incremental_copied_pct=C incremental_vs_full_time=T parts_critical_path_s=S
# --web (zip-generator's WebSizeBenchmark): generated 24 MP camera-like JPEGs (default 12), each decoded as the
# renderer must (the floor) and rendered into thumbnail, preview and web size with and without a text
# watermark, in turn in one JVM sized as the generator's Lambda; prints ms per photo, the ratios to the floor,
# and the web/original ratio of the bytes and of the two STORED archives' exact sizes; ending
#   RESULT web_ms_per_photo=… web_vs_floor=… watermark_ms_per_photo=… watermark_vs_floor=… floor_ms_per_photo=… web_bytes_ratio=… web_zip_ratio=…
# --ready (zip-generator's ReadyTimeBenchmark): how much later than the originals the web-size archive is
# ready, when one build makes both. On the loopback S3, SQS and DynamoDB, for an album of 60 photos of 24 MP
# and one of 1,000 of 6 MP (--photos N: that size alone): camera-like JPEGs uploaded, each photo's arrival job
# (thumbnail, preview, web size) run on 2 threads and timed, the album registered and built by the deployed
# generator (ZIP_PARALLEL_PARTS invocations as threads of one JVM) while its record is read every 50 ms;
# prints seconds from the claim to the originals' parts all done (T_orig) and to ready (T_ready), the lag
# between them, each part's times, both archives' sizes; fails unless one write published both; per album
#   RESULT photos=N … orig_s=… ready_s=… lag_s=… ready_vs_orig=… web_zip_ratio=…
# --favourites (e2e's FavouritesReadyBenchmark): how soon a client's favourites archive is ready, on the local
# runner (its front door, the four real handlers in process, S3Proxy, ElasticMQ, dynalite): a 1,000-photo album
# (the 20 photos chosen are 24 MP JPEGs of about 8 MB; the other 980 are small JPEGs of about 10 KB, which keeps
# the set-up short) is registered, its previews made and its Download All built; the demo client hearts the 20
# through the API; then the seconds from the first GET /albums/{id}/download?selection=favourites to "ready"
# (polled every 250 ms) against the floor measured in the same run, copying the 20 photos' bytes from S3 to S3
# once (GET + UploadPart, 8 at a time); ending
#   RESULT photos=1000 chosen=20 ready_s=… floor_s=… ratio=…
# --access-logs (maintenance's AccessLogBenchmark): the log processor's throughput. --lines N (default 1,000,000)
# lines of each format written to temporary files as stored (CloudFront's gzipped, S3's plain): downloads of
# 1,000 deliveries, one line in ten another request, one in a thousand malformed; read in turn by the floor
# (gunzip + readLine + split into fields) and by the parsers grouping served ranges by delivery, in a JVM
# sized as the maintenance Lambda (1,024 MB); the median of 5 rounds after 2 warm-ups; ending
#   RESULT access_log_lines_per_s=… floor_lines_per_s=… ratio=…
# --compare DIR adds the JARs in DIR ({module}-lambda.jar, e.g. saved from an older build), taking
# turns with these, so that both sets meet the same load on the machine.
set -euo pipefail

usage() {
  cat <<USAGE
usage: scripts/bench.sh --photos N --size-mb M [--concurrency K] [--budget-mb B] [--xmx SIZE] [--warmup W] [--signed] [--skip-inmemory]
       scripts/bench.sh --scaling [--size-mb M] [--budget-mb B] [--xmx SIZE] [--warmup W] [--signed]
       scripts/bench.sh --cold-start [--runs R] [--compare DIR]
       scripts/bench.sh --click-check [--runs R]
       scripts/bench.sh --incremental [--parts] [--photos N] [--size-mb M]
       scripts/bench.sh --parts [--photos N] [--size-mb M] [--split-parts P] [--runs R] [--warmup W] [--signed]
       scripts/bench.sh --web [--photos N] [--warmup W]
       scripts/bench.sh --ready [--photos N]
       scripts/bench.sh --favourites
       scripts/bench.sh --access-logs [--lines N]
  --photos N        photos in the album (e.g. 300)
  --size-mb M       mean photo size in MB, sizes vary +-25% (e.g. 8)
  --concurrency K   photos fetched at once (default 8)
  --budget-mb B     the generator's memory budget, ZIP_MEMORY_BUDGET_MB (default 192)
  --xmx SIZE        heap limit of the floor and build JVMs (default: what the JVM picks in the
                    generator's Lambda, 1769 MB / 1 vCPU; try 256m with --budget-mb 128)
  --warmup W        runs of each mode before the measured one, in the same JVM (default 3, and 0 with
                    --scaling, which measures one build's memory in a fresh JVM per album size; with
                    --parts, untimed 4-worker runs before the measured ones, default 1)
  --signed          SigV4-sign requests with their payload, as the SDK insists over plain HTTP (it then
                    SHA-256-hashes every uploaded byte, and S3Proxy reads each part whole to check it);
                    by default they go unsigned, as to S3 over HTTPS where no side hashes a body
  --skip-inmemory   leave out the plan's algorithm (it needs a heap as large as the album)
  --build-only      run only this generator (e.g. to prove a build in a small heap)
  --data DIR        where the local S3 keeps the generated albums (default target/bench)
  --cold-start      start each shaded Lambda JAR cold under AWS's runtime interface client (see above)
  --click-check     time Download All's fresh check (LIST + HEAD) at 1,000 and 10,000 photos (see above)
  --incremental     rebuild after 1 % of the photos are added, replaced, deleted (see above; default 1,000 x 4 MB)
  --parts           build an album in parts with 1, 2 and 4 workers (see above; default album 200 x 4 MB)
  --web             time web-size renditions of 24 MP photos against decoding alone, and their bytes (see above)
  --ready           time the web-size archive's readiness against the originals' in one build (see above;
                    default albums of 60 and 1,000 photos)
  --favourites      time a 20-photo favourites archive of a 1,000-photo album on the local runner, against
                    copying its photos S3 to S3 once (see above)
  --access-logs     time the access-log parsers against reading and splitting the same lines (see above)
  --lines N         with --access-logs: lines of each format (default 1000000)
  --split-parts P   with --parts: the album is cut into at least P parts (default 8)
  --runs R          cold starts per JAR; medians are printed (default 5); with --click-check, timed
                    checks per album size (default 30); with --parts, measured runs per worker count
                    (default 3; the median is printed)
  --compare DIR     also start the {module}-lambda.jar files in DIR, in turn with this build's
USAGE
}

root="${BENCH_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
photos="" size_mb="" concurrency=8 budget=192 xmx="" warmup="" auth=unsigned scaling=false inmemory=true build_only=false
cold_start=false click_check=false parts=false incremental=false web=false ready=false favourites=false access_logs=false lines=1000000 split_parts=8 runs="" compare=""
data="$root/target/bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --photos) photos="$2"; shift 2 ;;
    --size-mb) size_mb="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --budget-mb) budget="$2"; shift 2 ;;
    --xmx) xmx="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --signed) auth=signed; shift ;;
    --scaling) scaling=true; shift ;;
    --skip-inmemory) inmemory=false; shift ;;
    --build-only) build_only=true; inmemory=false; shift ;;
    --data) data="$2"; shift 2 ;;
    --cold-start) cold_start=true; shift ;;
    --click-check) click_check=true; shift ;;
    --parts) parts=true; shift ;;
    --incremental) incremental=true; shift ;;
    --web) web=true; shift ;;
    --ready) ready=true; shift ;;
    --favourites) favourites=true; shift ;;
    --access-logs) access_logs=true; shift ;;
    --lines) lines="$2"; shift 2 ;;
    --split-parts) split_parts="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --compare) compare="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -x "$java" ] || { echo "bench: JDK 25 not found at $JAVA_HOME" >&2; exit 1; }

if [ "$click_check" = true ]; then
  # package, never install; a private copy of the classes, as for the other modes.
  work="$root/target/click-check"
  rm -rf "$work" && mkdir -p "$work/classpath/lib"
  echo "bench: building client-api and the click-check benchmark"
  if ! (cd "$root" && ./mvnw -B -q -pl client-api -am -DskipTests package dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt") >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2; echo "bench: build failed" >&2; exit 1
  fi
  cp -r "$root/client-api/target/classes" "$work/classpath/classes"
  cp -r "$root/client-api/target/test-classes" "$work/classpath/test-classes"
  tr ':' '\n' <"$work/classpath.txt" | xargs -I{} cp -r {} "$work/classpath/lib/"
  exec "$java" -Dsun.misc.unsafe.memory.access=allow \
    -cp "$work/classpath/test-classes:$work/classpath/classes:$work/classpath/lib/*" \
    com.clientalbums.client.bench.ClickCheckBenchmark "$root/target/tools" "${runs:-30}"
fi
if [ "$access_logs" = true ]; then
  # package, never install; a private copy of the classes, as for the other modes. No AWS: files on disk.
  work="$root/target/access-logs-bench"
  rm -rf "$work" && mkdir -p "$work/classpath/lib"
  echo "bench: building maintenance and the access-log benchmark"
  if ! (cd "$root" && ./mvnw -B -q -pl maintenance -am -DskipTests package dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt") >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2; echo "bench: build failed" >&2; exit 1
  fi
  cp -r "$root/maintenance/target/classes" "$work/classpath/classes"
  cp -r "$root/maintenance/target/test-classes" "$work/classpath/test-classes"
  tr ':' '\n' <"$work/classpath.txt" | xargs -I{} cp -r {} "$work/classpath/lib/"
  # Sized as the maintenance Lambda (1,024 MB: heap 1/4 of it), which reads one file at a time on one thread.
  exec "$java" -XX:MaxRAM=1024m -XX:ActiveProcessorCount=1 \
    -cp "$work/classpath/test-classes:$work/classpath/classes:$work/classpath/lib/*" \
    com.clientalbums.maintenance.bench.AccessLogBenchmark "$lines"
fi
if [ "$favourites" = true ]; then
  # package, never install; e2e's test classes with the runner, the handlers and the built front end (Portal
  # serves it). Private copies of the classes, as for the other modes; the runner's log goes to a file.
  work="$root/target/favourites-bench"
  rm -rf "$work" && mkdir -p "$work/classpath/lib"
  echo "bench: building the local runner, the front end and the favourites benchmark"
  if ! (cd "$root" && ./mvnw -B -q -pl e2e -am -DskipTests package dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt") >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2; echo "bench: build failed" >&2; exit 1
  fi
  cp -r "$root/e2e/target/test-classes" "$work/classpath/test-classes"
  tr ':' '\n' <"$work/classpath.txt" | xargs -I{} cp -r {} "$work/classpath/lib/"
  echo "bench: log: $work/runner.log"
  if ! "$java" -Xmx3g -Djava.awt.headless=true -Dsun.misc.unsafe.memory.access=allow \
       -Dlogback.configurationFile=bench-logback.xml "-Dbench.log=$work/runner.log" \
       "-De2e.root=$root" "-De2e.out=$work" "-Dtools.dir=$root/target/tools" \
       -cp "$work/classpath/test-classes:$work/classpath/lib/*" com.clientalbums.e2e.FavouritesReadyBenchmark \
       2>"$work/bench.err" | tee "$work/bench.out"; then
    tail -n 40 "$work/bench.err" >&2; echo "bench: --favourites failed (logs: $work/bench.err, $work/runner.log)" >&2; exit 1
  fi
  grep -q '^RESULT ' "$work/bench.out" || { tail -n 40 "$work/bench.err" >&2; echo "bench: --favourites failed (logs: $work/bench.err, $work/runner.log)" >&2; exit 1; }
  exit 0
fi
if [ "$cold_start" = true ]; then
  # package, never install: the JARs and the benchmark come from this checkout's reactor alone.
  work="$root/target/cold-start"
  rm -rf "$work" && mkdir -p "$work/jars" "$work/classpath/lib"
  echo "bench: building the Lambda JARs and the cold-start benchmark"
  if ! (cd "$root" && ./mvnw -B -q -pl cold-start -am -DskipTests package) >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2; echo "bench: build failed" >&2; exit 1
  fi
  # Private copies, so that builds running meanwhile cannot change them under the benchmark.
  for m in client-api admin-api zip-generator maintenance; do cp "$root/$m/target/$m-lambda.jar" "$work/jars/"; done
  cp -r "$root/cold-start/target/test-classes" "$work/classpath/test-classes"
  tr ':' '\n' <"$root/cold-start/target/benchmark.classpath" | xargs -I{} cp -r {} "$work/classpath/lib/"
  sets=("this=$work/jars")
  if [ -n "$compare" ]; then sets+=("$(basename "$compare")=$(cd "$compare" && pwd)"); fi
  ls -l "$work"/jars/*.jar ${compare:+"$compare"/*-lambda.jar} | awk '{ printf "bench: %-60s %6.1f MiB\n", $NF, $5 / 1048576 }'
  # The property silences ElasticMQ's (Pekko's) sun.misc.Unsafe warning on JDK 24+.
  exec "$java" -Dsun.misc.unsafe.memory.access=allow -cp "$work/classpath/test-classes:$work/classpath/lib/*" \
    com.clientalbums.coldstart.ColdStartBenchmark \
    "$work/run" "$root/target/tools" "${runs:-5}" "${sets[@]}"
fi
# Each of --incremental and --parts has its own default album; --photos and --size-mb set both.
given_photos="$photos" given_size="$size_mb"
if [ "$parts" = true ] || [ "$incremental" = true ]; then photos="${photos:-200}" size_mb="${size_mb:-4}"; fi
if [ "$scaling" = false ] && [ "$web" = false ] && [ "$ready" = false ] && { [ -z "$photos" ] || [ -z "$size_mb" ]; }; then usage >&2; exit 2; fi

echo "bench: compiling (once)"
cp_file="$root/zip-generator/target/bench.classpath"
mkdir -p "$data"
data="$(cd "$data" && pwd)"
# package, never install: the shared local repository must not receive this checkout's snapshots. Each
# module of the reactor writes the class path to the same file; zip-generator, built last, wins.
if ! (cd "$root" && ./mvnw -B -q -pl zip-generator -am -DskipTests package dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >"$data/build.log" 2>&1; then
  cat "$data/build.log" >&2; echo "bench: build failed" >&2; exit 1
fi
# A private copy of the classes and jars, so that builds running meanwhile cannot change them under the benchmark.
rm -rf "$data/classpath" && mkdir -p "$data/classpath/lib"
cp -r "$root/zip-generator/target/classes" "$data/classpath/classes"
cp -r "$root/zip-generator/target/test-classes" "$data/classpath/test-classes"
tr ':' '\n' <"$cp_file" | xargs -I{} cp {} "$data/classpath/lib/"
cp="$data/classpath/test-classes:$data/classpath/classes:$data/classpath/lib/*"

server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

# Starts the local S3 with the album ALBUM (N photos of M MB), generated on first use.
start_server() {
  cleanup
  rm -f "$data/ready"
  port=$((20000 + RANDOM % 20000))
  "$java" -Xmx2g -cp "$cp" com.clientalbums.zip.bench.BenchServer "$data" "$port" "$1" "$2" "$3" "$auth" >"$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 3600); do
    # sync: a freshly generated album must not be written back to disk while a mode is measured.
    [ -f "$data/ready" ] && { sync; return 0; }
    kill -0 "$server_pid" 2>/dev/null || { cat "$data/server.log" >&2; echo "bench: S3 server died" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench: S3 server not ready after 30 min" >&2; exit 1
}

# Runs one mode; prints "seconds content_bytes archive_bytes peak_rss_mb peak_heap_mb first_run_seconds first_run_rss_mb".
# The floor and the build run in a JVM that sizes itself as in the generator's Lambda (1769 MB,
# one vCPU): initial heap 1/64 and maximum 1/4 of that memory, Serial collector. The plan's
# in-memory algorithm cannot fit that, so it gets a 12 GB heap to be measured at all.
lambda_jvm=(-XX:MaxRAM=1769m -XX:ActiveProcessorCount=1)
run_mode() { # mode album heap
  local heap=("${lambda_jvm[@]}")
  if [ -n "$3" ]; then heap+=(-Xmx"$3"); fi
  if ! "$java" "${heap[@]}" -cp "$cp" com.clientalbums.zip.bench.ArchiveBenchmark "$1" "http://127.0.0.1:$port" "$2" \
       "$concurrency" "$budget" "$warmup" "$auth" >"$data/$1.out" 2>"$data/$1.err" || ! grep -q '^BENCH ' "$data/$1.out"; then
    cat "$data/$1.out" "$data/$1.err" >&2; echo "bench: mode $1 failed" >&2; kill -TERM $$; exit 1
  fi
  awk '$1 == "BENCH" { print $3, $4, $5, $6, $7, $8, $9 }' "$data/$1.out"
}

if [ "$web" = true ]; then
  # No S3: renditions are computation. One vCPU, as the generator's Lambda renders one photo per processor.
  exec "$java" "${lambda_jvm[@]}" -cp "$cp" com.clientalbums.zip.bench.WebSizeBenchmark "${photos:-12}" "${warmup:-2}"
fi

if [ "$ready" = true ]; then
  # The loopback servers run in this JVM; generated photos are kept in $data/ready/photos for the next run.
  # Logs (the generator's, the servers') go to ready.err.
  if ! "$java" -Xmx4g -Dsun.misc.unsafe.memory.access=allow -cp "$cp" com.clientalbums.zip.bench.ReadyTimeBenchmark \
       "$root/target/tools" "$data/ready" ${photos:-60 1000} 2>"$data/ready.err" | tee "$data/ready.out"; then
    tail -n 40 "$data/ready.err" >&2; echo "bench: --ready failed (log: $data/ready.err)" >&2; exit 1
  fi
  exit 0
fi

mb_s() { awk -v s="$1" -v b="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }

# Measured run (after the warm-ups): seconds, MB/s, peak RSS and heap over all runs; then the first run's MB/s and peak RSS.
header() {
  printf '%-28s %9s %9s %12s %12s %15s %15s\n' "$1" seconds MB/s peak_rss_mb peak_heap_mb "first-run MB/s" "first-run RSS"
}
row() { # label seconds content rss heap first_seconds first_rss
  printf '%-28s %9s %9s %12s %12s %15s %15s\n' "$1" "$2" "$(mb_s "$2" "$3")" "$4" "$5" "$(mb_s "$6" "$3")" "$7"
}

if [ "$scaling" = true ]; then
  # 1 MB photos: even the 100-photo album fills the prefetch memory once, so the three runs
  # compare a working build with a working build, not an idle pool with a full one.
  size_mb="${size_mb:-1}"
  warmup="${warmup:-0}"
  header photos
  first_rss="" last_rss=""
  for n in 100 1000 10000; do
    album="scale-$n-$size_mb"
    start_server "$album" "$n" "$size_mb"
    read -r s content _ rss heap first frss1 <<<"$(run_mode build "$album" "$xmx")"
    row "$n" "$s" "$content" "$rss" "$heap" "$first" "$frss1"
    first_rss="${first_rss:-$rss}"; last_rss="$rss"
  done
  growth=$(awk -v a="$first_rss" -v b="$last_rss" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
  echo "peak RSS growth from 100 to 10,000 photos: ${growth}%"
  echo "RESULT scaling_rss_growth_pct=$growth rss_100=$first_rss rss_10000=$last_rss"
  exit 0
fi

results=""
if [ "$incremental" = true ]; then
  photos="${given_photos:-1000}" size_mb="${given_size:-4}"
  album="bench-$photos-$size_mb"
  start_server "$album" "$photos" "$size_mb"
  echo "bench: album $album ready ($photos photos, ~$size_mb MB each); incremental rebuilds on a copy of it; budget ${budget} MB; $auth requests"
  if ! "$java" -Xmx"${xmx:-2g}" -cp "$cp" com.clientalbums.zip.bench.IncrementalBenchmark "http://127.0.0.1:$port" "$album" \
       "$budget" "$auth" 2>"$data/incremental.err" | tee "$data/incremental.out"; then
    cat "$data/incremental.err" >&2; echo "bench: --incremental failed" >&2; exit 1
  fi
  line=$(grep '^INCREMENTAL ' "$data/incremental.out") || { cat "$data/incremental.err" >&2; echo "bench: --incremental failed" >&2; exit 1; }
  results=$(echo "$line" | sed 's/^INCREMENTAL //; s/moved_pct/incremental_moved_pct/; s/copied_pct/incremental_copied_pct/; s/vs_full_time/incremental_vs_full_time/')
  if [ "$parts" = false ]; then echo "RESULT $results"; exit 0; fi
  photos="${given_photos:-200}" size_mb="${given_size:-4}"
fi

if [ "$parts" = true ]; then
  album="bench-$photos-$size_mb"
  start_server "$album" "$photos" "$size_mb"
  echo "bench: album $album ready ($photos photos, ~$size_mb MB each); at least $split_parts parts; per worker: concurrency $concurrency, budget ${budget} MB; $auth requests; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  # Up to four workers' budgets in one JVM, each worker standing for one invocation; the JVM may use every core.
  if ! "$java" -Xmx"${xmx:-2g}" -cp "$cp" com.clientalbums.zip.bench.PartsBenchmark "http://127.0.0.1:$port" "$album" \
       "$split_parts" "$budget" "$concurrency" "${warmup:-1}" "${runs:-3}" "$server_pid" "$auth" 2>"$data/parts.err" \
       | tee "$data/parts.out"; then
    cat "$data/parts.err" >&2; echo "bench: --parts failed" >&2; exit 1
  fi
  if [ -n "$results" ]; then
    critical=$(sed -n 's/^RESULT .*parts_critical_path_s=\([0-9.]*\).*/\1/p' "$data/parts.out")
    echo "RESULT $results parts_critical_path_s=$critical"
  fi
  exit 0
fi

album="bench-$photos-$size_mb"
warmup="${warmup:-3}"
start_server "$album" "$photos" "$size_mb"
echo "bench: album $album ready ($photos photos, ~$size_mb MB each); concurrency $concurrency, budget ${budget} MB, heap ${xmx:-as in a 1769 MB Lambda}, $warmup warm-up run(s) per mode, $auth requests"
# One untimed copy first, so that no mode's first run also pays for the local S3's own warm-up.
if [ "$build_only" = false ]; then
  warmup=0 run_mode floor "$album" "$xmx" >/dev/null
fi
read -r bs bc bz brss bheap bfirst brss1 <<<"$(run_mode build "$album" "$xmx")"
b_mbs=$(mb_s "$bs" "$bc")
if [ "$build_only" = true ]; then
  header mode
  row "(b) this generator" "$bs" "$bc" "$brss" "$bheap" "$bfirst" "$brss1"
  echo "archive: $bz bytes for $bc bytes of photos"
  echo "RESULT build_mb_s=$b_mbs peak_rss_mb=$brss peak_heap_mb=$bheap"
  exit 0
fi
read -r fs fc _ frss fheap ffirst frss1 <<<"$(run_mode floor "$album" "$xmx")"
f_mbs=$(mb_s "$fs" "$fc")
r1=$(awk -v b="$b_mbs" -v f="$f_mbs" 'BEGIN { printf "%.2f", b / f }')
r2="n/a"
if [ "$inmemory" = true ]; then
  read -r is ic _ irss iheap ifirst irss1 <<<"$(run_mode inmemory "$album" 12g)"
  r2=$(awk -v b="$b_mbs" -v i="$(mb_s "$is" "$ic")" 'BEGIN { printf "%.2f", b / i }')
fi
header mode
row "(a) copy floor" "$fs" "$fc" "$frss" "$fheap" "$ffirst" "$frss1"
row "(b) this generator" "$bs" "$bc" "$brss" "$bheap" "$bfirst" "$brss1"
if [ "$inmemory" = true ]; then row "(c) plan: in-memory DEFLATE" "$is" "$ic" "$irss" "$iheap" "$ifirst" "$irss1"; fi
echo "archive: $bz bytes for $bc bytes of photos"
echo "build / floor = $r1   build / in-memory = $r2"
echo "RESULT build_vs_floor=$r1 build_vs_inmemory=$r2 build_mb_s=$b_mbs peak_rss_mb=$brss"
