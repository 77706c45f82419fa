# Shared helpers of scripts/*.sh (sourced, not run). Each script sets PROG (its name) first.
# shellcheck shell=bash

# Prints "PROG: message" to stderr and exits with the given code (default 1).
die() {
  echo "${PROG:-script}: $1" >&2
  exit "${2:-1}"
}

# Loads the local runner's export lines when LOCAL_ENV points at them (e.g. data/local.env).
# A variable already set by the caller wins (ADMIN_PASSWORD=... scripts/grant.sh ... works).
load_local_env() {
  [ -n "${LOCAL_ENV:-}" ] || return 0
  [ -f "$LOCAL_ENV" ] || die "LOCAL_ENV=$LOCAL_ENV does not exist (is the local runner started? scripts/run-local.sh)"
  local line name
  while IFS= read -r line; do
    [[ "$line" =~ ^export\ ([A-Za-z_][A-Za-z0-9_]*)= ]] || continue
    name="${BASH_REMATCH[1]}"
    [ -n "${!name+set}" ] && continue
    eval "$line" # the runner's own file: export NAME='single-quoted value'
  done < "$LOCAL_ENV"
}

# The name of a required variable, with a hint, when it is unset.
require_var() {
  local name="$1"
  [ -n "${!name:-}" ] || die "$name is not set: source data/local.env (local runner) or export it (AWS)" 2
}

require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed${2:+ ($2)}"
}

# Album ids: lowercase letters, digits and '-', 3-64 characters, starting with a letter or digit
# (the same rule as the API's, so a bad id fails here, before anything is uploaded).
valid_album_id() {
  [[ "$1" =~ ^[a-z0-9][a-z0-9-]{2,63}$ ]]
}

require_album_id() {
  valid_album_id "$1" || die "invalid album id '$1': use 3-64 lowercase letters, digits and '-', starting with a letter or digit" 2
}

# Names that are not photos besides those starting with '.', lower-cased: the same list as the
# API's and the studio's (rules/shared-rules.json, checked by common's ScriptsFollowSharedRulesTest).
HIDDEN_NAMES=(thumbs.db ehthumbs.db desktop.ini __macosx $'icon\r' '$recycle.bin' 'system volume information')

# Longest folder or file name of a new photo, in UTF-8 bytes, and of a whole S3 key.
MAX_NAME_BYTES=200
MAX_KEY_BYTES=1024

# The leading part of the relative path $1 that is hidden (up to its first hidden component);
# fails when nothing in the path is hidden. Bash 3.2 (macOS) has no ${x,,}: names are compared
# with nocasematch, restored afterwards.
hidden_prefix() {
  local part name prefix="" found=1 was_set=0
  local -a parts=()
  IFS=/ read -r -a parts <<< "$1"
  shopt -q nocasematch && was_set=1
  shopt -s nocasematch
  for part in ${parts[@]+"${parts[@]}"}; do
    prefix+="${prefix:+/}$part"
    [ -n "$part" ] || continue
    if [[ "$part" == .* ]]; then found=0; break; fi
    for name in "${HIDDEN_NAMES[@]}"; do
      if [[ "$part" == "$name" ]]; then found=0; break 2; fi
    done
  done
  [ "$was_set" = 1 ] || shopt -u nocasematch
  [ "$found" = 0 ] && printf '%s' "$prefix"
  return "$found"
}

is_hidden_path() {
  hidden_prefix "$1" >/dev/null
}

# Why the photo at relative path $2 of album $1 cannot be uploaded (a name or the key too long);
# fails when it can.
upload_name_problem() {
  local LC_ALL=C # ${#x} counts bytes, whatever the caller's locale
  local album_id="$1" path="$2" part key
  local -a parts=()
  IFS=/ read -r -a parts <<< "$path"
  for part in ${parts[@]+"${parts[@]}"}; do
    if [ "${#part}" -gt "$MAX_NAME_BYTES" ]; then
      printf "the name '%s' is %s bytes long; folder and file names may have at most %s bytes (UTF-8)" "$part" "${#part}" "$MAX_NAME_BYTES"
      return 0
    fi
  done
  key="albums/$album_id/photos/$path"
  if [ "${#key}" -gt "$MAX_KEY_BYTES" ]; then
    printf 'its S3 key would be %s bytes long; S3 takes at most %s' "${#key}" "$MAX_KEY_BYTES"
    return 0
  fi
  return 1
}

# What an album may hold, by extension (lower case), with the content type an upload is signed
# for: photos, camera RAW, video and PDF. The API and the studio keep the same list
# (rules/shared-rules.json, upload_types, checked by common's ScriptsFollowSharedRulesTest).
UPLOAD_TYPES=(jpg=image/jpeg jpeg=image/jpeg jpe=image/jpeg png=image/png gif=image/gif
  webp=image/webp avif=image/avif heic=image/heic heif=image/heif tif=image/tiff tiff=image/tiff
  dng=image/x-adobe-dng cr2=image/x-canon-cr2 cr3=image/x-canon-cr3 crw=image/x-canon-crw
  nef=image/x-nikon-nef nrw=image/x-nikon-nrw arw=image/x-sony-arw srf=image/x-sony-srf
  sr2=image/x-sony-sr2 raf=image/x-fuji-raf orf=image/x-olympus-orf rw2=image/x-panasonic-rw2
  pef=image/x-pentax-pef srw=image/x-samsung-srw x3f=image/x-sigma-x3f 3fr=image/x-hasselblad-3fr
  fff=image/x-hasselblad-fff iiq=image/x-phaseone-iiq rwl=image/x-leica-rwl mos=image/x-leaf-mos
  erf=image/x-epson-erf mrw=image/x-minolta-mrw kdc=image/x-kodak-kdc mp4=video/mp4 m4v=video/x-m4v
  mov=video/quicktime avi=video/x-msvideo mts=video/mp2t m2ts=video/mp2t 3gp=video/3gpp
  mkv=video/x-matroska webm=video/webm pdf=application/pdf)

# The content type of the file at path $1 when an album may hold it; fails for anything else
# (SVG, HTML, XML, scripts, no extension). Compared with nocasematch, as bash 3.2 has no ${x,,}.
upload_type_of() {
  local name="${1##*/}" extension entry found=1 was_set=0
  case "$name" in *.*) extension="${name##*.}" ;; *) return 1 ;; esac
  shopt -q nocasematch && was_set=1
  shopt -s nocasematch
  for entry in "${UPLOAD_TYPES[@]}"; do
    if [[ "${entry%%=*}" == "$extension" ]]; then
      printf '%s' "${entry#*=}"
      found=0
      break
    fi
  done
  [ "$was_set" = 1 ] || shopt -u nocasematch
  return "$found"
}

# Succeeds when the aws CLI can send S3's CRC-32 with each upload (`aws s3 cp/sync --checksum-algorithm`,
# aws-cli 2.18 onwards and recent v1 releases). Asked by behaviour, not by version number: a
# dry run of a copy from a path that does not exist fails on the path, before any request, when the CLI
# knows the option, and on the option when it does not (Debian 12's aws 2.9).
aws_sends_crc32() {
  local dir out
  dir=$(mktemp -d)
  out=$(aws s3 cp --checksum-algorithm CRC32 --dryrun "$dir/absent" s3://probe/absent 2>&1) || true
  rmdir "$dir"
  case "$out" in *"Unknown options"*) return 1 ;; esac
  return 0
}

# $1 as an `aws s3 sync --exclude` pattern that matches only itself ([, *, ? bracketed).
glob_literal() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '['|'*'|'?') out+="[$c]" ;;
      *) out+="$c" ;;
    esac
  done
  printf '%s' "$out"
}

# A JSON string literal for $1 (quotes, backslashes and control characters escaped).
json_string() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '"') out+='\"' ;;
      '\') out+='\\' ;;
      $'\n') out+='\n' ;;
      $'\r') out+='\r' ;;
      $'\t') out+='\t' ;;
      *)
        if [[ "$c" < ' ' ]]; then out+=$(printf '\\u%04x' "'$c"); else out+="$c"; fi ;;
    esac
  done
  printf '"%s"' "$out"
}

# Percent-encodes $1 for use as one URL path segment ('@' and '+' stay, as e-mail addresses need).
url_segment() {
  local s="$1" out="" c i
  local LC_ALL=C
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_@+-]) out+="$c" ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

# The "message" of an API error body {"error":{"code","message"}}, or the body itself.
error_message() {
  local body="$1" message
  message=$(printf '%s' "$body" | sed -n 's/.*"message"[[:space:]]*:[[:space:]]*"\(\([^"\\]\|\\.\)*\)".*/\1/p' | head -1)
  printf '%s' "${message:-$body}"
}

# A bearer token for the admin API: $TOKEN, else one from the local runner's sign-in
# ($LOCAL_AUTH_URL/token) with ADMIN_EMAIL and ADMIN_PASSWORD.
admin_token() {
  if [ -n "${TOKEN:-}" ]; then
    printf '%s' "$TOKEN"
    return
  fi
  [ -n "${LOCAL_AUTH_URL:-}" ] || die "no token: set TOKEN (a Cognito ID token of the studio admin), or LOCAL_AUTH_URL with ADMIN_EMAIL and ADMIN_PASSWORD (source data/local.env)" 2
  [ -n "${ADMIN_EMAIL:-}" ] && [ -n "${ADMIN_PASSWORD:-}" ] \
    || die "no token: set TOKEN, or ADMIN_EMAIL and ADMIN_PASSWORD to sign in at $LOCAL_AUTH_URL" 2
  local body status rc=0
  body=$(curl --fail-with-body -s -w '\n%{http_code}' -X POST "$LOCAL_AUTH_URL/token" -H 'Content-Type: application/json' \
    --data "{\"email\":$(json_string "$ADMIN_EMAIL"),\"password\":$(json_string "$ADMIN_PASSWORD")}") || rc=$?
  status="${body##*$'\n'}"
  body="${body%$'\n'*}"
  [ "$rc" = 22 ] && die "sign-in as $ADMIN_EMAIL failed (HTTP $status): $(error_message "$body")"
  [ "$rc" = 0 ] || die "cannot reach the sign-in at $LOCAL_AUTH_URL (curl exit $rc; is the local runner started?)"
  printf '%s' "$body" | sed -n 's/.*"id_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}

# Calls the API: api_call METHOD PATH [JSON]. Prints the body; on an error status prints the
# API's message and exits 1. Needs API_URL (e.g. http://127.0.0.1:8787/api).
api_call() {
  local method="$1" path="$2" json="${3:-}" token body status
  require_var API_URL
  token=$(admin_token)
  local args=(-s -w '\n%{http_code}' -X "$method" "${API_URL%/}$path" -H "Authorization: Bearer $token")
  [ -n "$json" ] && args+=(-H 'Content-Type: application/json' --data "$json")
  local rc=0
  body=$(curl --fail-with-body "${args[@]}") || rc=$?
  status="${body##*$'\n'}"
  body="${body%$'\n'*}"
  [ "$rc" = 22 ] && die "$method $path failed (HTTP $status): $(error_message "$body")"
  [ "$rc" = 0 ] || die "cannot reach the API at $API_URL (curl exit $rc; is it running?)"
  printf '%s' "$body"
}
