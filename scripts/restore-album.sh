#!/usr/bin/env bash
# Brings back an album's originals from the bucket's old versions (terraform/s3.tf keeps them
# photo_version_retention_days): every photo that is deleted now, or with --before TIME every
# photo deleted or replaced after TIME. Each one is read at the wanted version and written back
# as the photo's new current version: the history stays (delete markers and later versions are
# kept until the lifecycle expires them) and the write is an ObjectCreated event, so previews are
# made again and the album's archive is rebuilt as for any upload. Works against AWS and a local S3.
set -euo pipefail
PROG=restore-album.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/restore-album.sh ALBUM_ID [--before TIME] [--dry-run]

Restores the photos of s3://$CLIENT_ALBUMS_BUCKET/albums/ALBUM_ID/photos/ from their old versions:
  (default)       every photo deleted now (its latest version is a delete marker) comes back
                  as it was just before it was deleted;
  --before TIME   the album as it was at TIME: photos deleted or replaced after TIME come back
                  as they were then. Photos added after TIME are kept (nothing is deleted).
                  TIME is UTC, as S3 shows it: 2026-06-01, 2026-06-01T14:30Z, 2026-06-01T14:30:00Z.
  --dry-run       prints what would be restored and changes nothing.

Old versions are kept photo_version_retention_days (Terraform, default 30) after they were
replaced or deleted. Each photo is downloaded at the wanted version and uploaded again (into
INTELLIGENT_TIERING, with its content type), which the album's archive follows.

Environment: CLIENT_ALBUMS_BUCKET (required); AWS_ENDPOINT_URL_S3 (passed to aws as
--endpoint-url when set); LOCAL_ENV=data/local.env loads the local runner's settings.
ALBUM_ID: 3-64 lowercase letters, digits and '-'.
USAGE
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -ge 1 ] || { usage >&2; exit 2; }
album_id="$1"
shift
require_album_id "$album_id"
before=""
dry_run=0
shown_before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before)
      [ $# -ge 2 ] || die "--before needs a time (e.g. 2026-06-01T14:30Z)" 2
      before="$2"
      shown_before="$2"
      shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    *) usage >&2; die "unknown option '$1'" 2 ;;
  esac
done

# S3 times as one sortable text: YYYY-MM-DDTHH:MM:SS.ffffff, UTC. The aws CLI prints them as
# 2026-06-01T14:30:00+00:00 or with a fraction, a local S3 as 2026-06-01T14:30:00.123Z.
normal_time() {
  local t="$1" fraction
  t="${t%Z}"
  t="${t%+00:00}"
  case "$t" in *.*) fraction="${t#*.}"; t="${t%%.*}" ;; *) fraction="" ;; esac
  fraction="${fraction}000000"
  printf '%s.%s' "$t" "${fraction:0:6}"
}

if [ -n "$before" ]; then
  if [[ "$before" =~ ^([0-9]{4}-[0-9]{2}-[0-9]{2})$ ]]; then
    before="${BASH_REMATCH[1]}T00:00:00Z"
  elif [[ "$before" =~ ^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2})Z$ ]]; then
    before="${BASH_REMATCH[1]}:00Z"
  elif ! [[ "$before" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$ ]]; then
    die "--before '$before' is not a UTC time like 2026-06-01, 2026-06-01T14:30Z or 2026-06-01T14:30:00Z" 2
  fi
fi

load_local_env
require_var CLIENT_ALBUMS_BUCKET
require_cmd aws "Debian: apt-get install awscli"
bucket="$CLIENT_ALBUMS_BUCKET"
prefix="albums/$album_id/photos/"
endpoint=()
# Debian's aws 2.9 (and v1) ignore AWS_ENDPOINT_URL_S3: pass it explicitly.
[ -n "${AWS_ENDPOINT_URL_S3:-}" ] && endpoint=(--endpoint-url "$AWS_ENDPOINT_URL_S3")

s3api() {
  aws ${endpoint[@]+"${endpoint[@]}"} s3api "$@" < /dev/null
}

status=$(s3api get-bucket-versioning --bucket "$bucket" --query Status --output text) \
  || die "cannot read the versioning of s3://$bucket (see aws's message above)"
[ "$status" = "Enabled" ] \
  || die "versioning is not enabled on s3://$bucket (status: $status): S3 kept no old versions to restore from. terraform/s3.tf turns it on."

# Percent-decodes a key listed with --encoding-type url ('+' is a space, %XX a byte).
url_decode() {
  local s="${1//+/ }"
  s="${s//\\/\\\\}"
  printf '%b' "${s//%/\\x}"
}

# One line per version and delete marker, keys still URL-encoded so that a key holding a tab or
# a line break cannot split a line: kind, key, version id, time, is-latest, size. Pages are
# followed by hand because with an explicit --encoding-type the CLI would hand the encoded
# NextKeyMarker back to S3 as a raw key.
list_versions() {
  local key_marker="" version_marker="" page line truncated
  while :; do
    local args=(list-object-versions --bucket "$bucket" --prefix "$prefix" --encoding-type url --no-paginate
      --output text --query "[[['page', IsTruncated, NextKeyMarker, NextVersionIdMarker]], Versions[].['version', Key, VersionId, LastModified, IsLatest, Size], DeleteMarkers[].['marker', Key, VersionId, LastModified, IsLatest, '-']][]")
    # RESTORE_ALBUM_PAGE_SIZE: entries per page (S3's default 1,000); the test sets a small one.
    [ -n "${RESTORE_ALBUM_PAGE_SIZE:-}" ] && args+=(--max-keys "$RESTORE_ALBUM_PAGE_SIZE")
    [ -n "$key_marker" ] && args+=(--key-marker "$key_marker")
    [ -n "$version_marker" ] && [ "$version_marker" != None ] && args+=(--version-id-marker "$version_marker")
    page=$(s3api "${args[@]}") || die "cannot list the versions under s3://$bucket/$prefix (see aws's message above)"
    truncated=False
    while IFS= read -r line; do
      case "$line" in
        page$'\t'*)
          IFS=$'\t' read -r _ truncated key_marker version_marker <<< "$line" ;;
        version$'\t'*|marker$'\t'*)
          local kind key version modified latest size
          IFS=$'\t' read -r kind key version modified latest size <<< "$line"
          printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$key" "$version" "$(normal_time "$modified")" "$latest" "$size" ;;
      esac
    done <<< "$page"
    [ "$truncated" = True ] || break
    key_marker=$(url_decode "$key_marker")
  done
}

# What to restore, one line per photo: encoded key, version id, size, why. Without a time: the
# newest version of each key whose latest entry is a delete marker. With one: per key the newest
# entry at or before TIME (a marker wins a tie: it was put over that version), when it is a
# version that is not the current one. Ties between versions go to the one S3 lists first (newest).
choose_versions() {
  awk -F '\t' -v before="${before:+$(normal_time "$before")}" -v shown="$shown_before" '
    {
      kind = $1; key = $2; version = $3; t = $4; latest = $5; size = $6
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      if (latest == "True") current[key] = kind
      if (before == "") {
        if (kind == "version" && (!(key in best) || t > best_t[key])) { best[key] = version; best_t[key] = t; best_size[key] = size }
        next
      }
      if (t > before) { changed_after[key] = 1; next }
      if (!(key in best_t) || t > best_t[key] || (t == best_t[key] && kind == "marker")) {
        best_t[key] = t; best_kind[key] = kind; best[key] = version; best_size[key] = size; best_latest[key] = latest
      }
    }
    END {
      for (i = 1; i <= n; i++) {
        key = order[i]
        if (!(key in best)) continue
        if (before == "") {
          if (current[key] == "marker") print key "\t" best[key] "\t" best_size[key] "\tdeleted"
        } else if (best_kind[key] == "version" && best_latest[key] != "True") {
          print key "\t" best[key] "\t" best_size[key] "\t" (current[key] == "marker" ? "deleted" : "replaced") " after " shown
        }
      }
    }'
}

# A name as printed: a tab or line break in a key shown as \t, \n, \r, not acted out.
shown_name() {
  local s="${1//$'\t'/\\t}"
  s="${s//$'\n'/\\n}"
  printf '%s' "${s//$'\r'/\\r}"
}

human_size() {
  awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.1f MB", b / 1048576; else if (b >= 1024) printf "%.1f KB", b / 1024; else printf "%d bytes", b }'
}

plan=$(list_versions | choose_versions)
if [ -z "$plan" ]; then
  if [ -n "$before" ]; then
    echo "$PROG: nothing to restore: no photo of album $album_id was deleted or replaced after $shown_before (or its old version has expired)" >&2
  else
    echo "$PROG: nothing to restore: no photo of album $album_id is deleted (or its old version has expired)" >&2
  fi
  exit 0
fi
count=$(printf '%s\n' "$plan" | wc -l | tr -d ' ')

if [ "$dry_run" = 1 ]; then
  echo "$PROG: --dry-run: $count photo(s) of album $album_id would be restored from s3://$bucket/$prefix:" >&2
else
  echo "$PROG: restoring $count photo(s) of album $album_id in s3://$bucket/$prefix" >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/restore-album.XXXXXX")
trap 'rm -rf "$work"' EXIT
restored=0
while IFS=$'\t' read -r encoded version size why; do
  key=$(url_decode "$encoded")
  name=$(shown_name "${key#"$prefix"}")
  if [ "$dry_run" = 1 ]; then
    echo "  would restore $name ($(human_size "$size"), $why; version $version)" >&2
    continue
  fi
  file="$work/photo"
  content_type=$(s3api get-object --bucket "$bucket" --key "$key" --version-id "$version" "$file" --query ContentType --output text) \
    || die "cannot read $name at version $version (see aws's message above); $restored of $count restored"
  # A short read must never become the photo's current version.
  actual=$(wc -c < "$file" | tr -d ' ')
  [ "$actual" = "$size" ] || die "read $actual bytes of $name where version $version has $size; nothing written for it, $restored of $count restored"
  args=(s3 cp "$file" "s3://$bucket/$key" --storage-class INTELLIGENT_TIERING --only-show-errors)
  [ -n "$content_type" ] && [ "$content_type" != "None" ] && args+=(--content-type "$content_type")
  aws ${endpoint[@]+"${endpoint[@]}"} "${args[@]}" < /dev/null \
    || die "cannot write $name back (see aws's message above); $restored of $count restored"
  rm -f "$file"
  restored=$((restored + 1))
  echo "  restored $name ($(human_size "$size"), $why)" >&2
done <<< "$plan"

if [ "$dry_run" = 1 ]; then
  echo "$PROG: nothing was changed (--dry-run)" >&2
else
  echo "$PROG: done: $restored photo(s) restored; the album's archive is rebuilt from the photo events" >&2
fi
