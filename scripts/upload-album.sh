#!/usr/bin/env bash
# Uploads a folder of photos as an album's originals: the plan's `aws s3 sync` into
# s3://$CLIENT_ALBUMS_BUCKET/albums/ALBUM_ID/photos/ with S3 Intelligent-Tiering, leaving out
# hidden and system files and files of types an album does not hold (SVG, HTML, scripts...).
# Sub-folders are kept. Works against AWS and the local runner.
set -euo pipefail
PROG=upload-album.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/upload-album.sh SOURCE_DIR ALBUM_ID [aws s3 sync options...]

Uploads SOURCE_DIR (sub-folders kept) to s3://$CLIENT_ALBUMS_BUCKET/albums/ALBUM_ID/photos/
with --storage-class INTELLIGENT_TIERING, skipping hidden and system files (.*, Thumbs.db,
desktop.ini, __MACOSX, ...) and, with a warning naming them, files other than photos, camera
RAW, video and PDF (SVG, HTML, XML such as .xmp sidecars, scripts, ...). A folder or file name
longer than 200 bytes (UTF-8) stops the upload before anything is sent, naming the file.
Each file goes with its CRC-32 (--checksum-algorithm CRC32) when the CLI can send one.
Extra options go to `aws s3 sync` (e.g. --dryrun, --delete). Then register the album:
scripts/register-album.sh ALBUM_ID "Album name".

Environment: CLIENT_ALBUMS_BUCKET (required); AWS_ENDPOINT_URL_S3 (passed to aws as
--endpoint-url when set); LOCAL_ENV=data/local.env loads the local runner's settings.
ALBUM_ID: 3-64 lowercase letters, digits and '-'.
USAGE
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -ge 2 ] || { usage >&2; exit 2; }
source_dir="${1%/}"
album_id="$2"
shift 2
[ -d "$source_dir" ] || die "'$source_dir' is not a folder" 2
require_album_id "$album_id"

# Every file is looked at before anything is sent: hidden and system files and files of types an
# album does not hold are left out (the rules the API and the studio apply), and a name the bucket
# would refuse stops the upload here.
excludes=()
excluded=$'\n' # the patterns so far, one a line (bash 3.2 has no associative arrays)
too_long=()
not_accepted=()
while IFS= read -r -d '' file; do
  rel="${file#"$source_dir"/}"
  if prefix=$(hidden_prefix "$rel"); then
    pattern=$(glob_literal "$prefix")
    [ "$prefix" = "$rel" ] || pattern+="/*"
    case "$excluded" in
      *$'\n'"$pattern"$'\n'*) ;;
      *) excludes+=(--exclude "$pattern"); excluded+="$pattern"$'\n' ;;
    esac
  elif ! upload_type_of "$rel" >/dev/null; then
    not_accepted+=("$rel")
    excludes+=(--exclude "$(glob_literal "$rel")")
  elif problem=$(upload_name_problem "$album_id" "$rel"); then
    too_long+=("$rel: $problem")
  fi
done < <(find -L "${source_dir%/}" -type f -print0)
if [ ${#too_long[@]} -gt 0 ]; then
  for line in "${too_long[@]:0:10}"; do echo "$PROG: cannot upload $line" >&2; done
  [ ${#too_long[@]} -le 10 ] || echo "$PROG: ... and $((${#too_long[@]} - 10)) more" >&2
  die "${#too_long[@]} file(s) cannot be stored as named (at most $MAX_NAME_BYTES bytes per folder or file name); rename them and run again. Nothing was uploaded." 2
fi

if [ ${#not_accepted[@]} -gt 0 ]; then
  for line in "${not_accepted[@]:0:10}"; do echo "$PROG: skipping $line: not a photo, camera RAW, video or PDF file" >&2; done
  [ ${#not_accepted[@]} -le 10 ] || echo "$PROG: ... and $((${#not_accepted[@]} - 10)) more" >&2
  echo "$PROG: ${#not_accepted[@]} file(s) skipped: SVG, HTML, XML, scripts and other files are not uploaded (docs/uploads.md)" >&2
fi

load_local_env
require_var CLIENT_ALBUMS_BUCKET
require_cmd aws "Debian: apt-get install awscli"

args=(s3 sync "$source_dir" "s3://$CLIENT_ALBUMS_BUCKET/albums/$album_id/photos/"
  ${excludes[@]+"${excludes[@]}"}
  --storage-class INTELLIGENT_TIERING)
# Debian's aws 2.9 (and v1) ignore AWS_ENDPOINT_URL_S3: pass it explicitly.
[ -n "${AWS_ENDPOINT_URL_S3:-}" ] && args+=(--endpoint-url "$AWS_ENDPOINT_URL_S3")
# S3 keeps the CRC-32 of each photo the CLI sends in one PUT, the value a ZIP entry's header needs
# (docs/uploads.md); left to itself the CLI sends CRC64NVME (aws 2.23+), CRC32 (aws 1.37+) or nothing.
if aws_sends_crc32; then
  args+=(--checksum-algorithm CRC32)
else
  echo "$PROG: this aws CLI cannot send CRC-32 checksums (aws-cli 2.18 or later can); uploading without them" >&2
fi

echo "$PROG: uploading $source_dir to s3://$CLIENT_ALBUMS_BUCKET/albums/$album_id/photos/" >&2
aws "${args[@]}" "$@" || die "aws s3 sync failed (exit $?): see its message above"
echo "$PROG: done. Register the album if it is new: scripts/register-album.sh $album_id \"Album name\"" >&2
