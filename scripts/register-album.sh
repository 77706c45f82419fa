#!/usr/bin/env bash
# Registers an album whose photos are uploaded: POST $API_URL/admin/albums. The API records it
# and queues its archive build; the photographer can follow it in the studio.
set -euo pipefail
PROG=register-album.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/register-album.sh ALBUM_ID NAME

Registers the album ALBUM_ID (3-64 lowercase letters, digits and '-') with the display name
NAME (e.g. "Smith Wedding", used as the ZIP's file name) and queues its archive.

Environment: API_URL (e.g. http://127.0.0.1:8787/api); TOKEN (a studio admin's ID token), or
LOCAL_AUTH_URL with ADMIN_EMAIL and ADMIN_PASSWORD to sign in at the local runner;
LOCAL_ENV=data/local.env loads the local runner's settings.
USAGE
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
[ $# -eq 2 ] || { usage >&2; exit 2; }
album_id="$1"
name="$2"
require_album_id "$album_id"
[ -n "${name//[[:space:]]/}" ] || die "the album name must not be empty" 2
load_local_env
require_cmd curl

body=$(api_call POST /admin/albums "{\"album_id\":$(json_string "$album_id"),\"name\":$(json_string "$name")}")
echo "$PROG: registered album $album_id (\"$name\"); its archive is being built" >&2
printf '%s\n' "$body"
