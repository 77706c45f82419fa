#!/usr/bin/env bash
# Gives a client access to an album (PUT $API_URL/admin/albums/ALBUM_ID/users/EMAIL), or takes
# it away with --revoke (DELETE). Both are idempotent.
set -euo pipefail
PROG=grant.sh
. "$(dirname "$0")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: scripts/grant.sh [--revoke] EMAIL ALBUM_ID

Lets the client EMAIL see and download the album ALBUM_ID; with --revoke, no longer.
The client's account is made in the studio (or POST /admin/users) for them to sign in.

Environment: API_URL (e.g. http://127.0.0.1:8787/api); TOKEN (a studio admin's ID token), or
LOCAL_AUTH_URL with ADMIN_EMAIL and ADMIN_PASSWORD to sign in at the local runner;
LOCAL_ENV=data/local.env loads the local runner's settings.
USAGE
}

method=PUT
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --revoke) method=DELETE; shift ;;
esac
[ $# -eq 2 ] || { usage >&2; exit 2; }
email="$1"
album_id="$2"
[[ "$email" =~ ^[^@[:space:]/]+@[^@[:space:]/]+$ ]] || die "'$email' is not an e-mail address" 2
require_album_id "$album_id"
load_local_env
require_cmd curl

api_call "$method" "/admin/albums/$album_id/users/$(url_segment "$email")" >/dev/null
if [ "$method" = PUT ]; then
  echo "$PROG: $email can now see album $album_id"
else
  echo "$PROG: $email can no longer see album $album_id"
fi
