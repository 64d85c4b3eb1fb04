#!/usr/bin/env bash
# Get an access token from the development authorization server (compose dev profile), as the
# `developer` client: a client assertion signed RS384 with its key (SMART Backend Services), with
# nothing but bash, openssl and curl. Prints the token.
#
#   TOKEN=$(deploy/dev/token.sh)                          scope system/*.cruds (all the developer may have)
#   TOKEN=$(deploy/dev/token.sh 'system/Patient.rs')     fewer scopes
#
# TOKEN_URL (default http://localhost:8004/token), CLIENT_ID (developer) and KEY (its PEM; the key
# id is read from the .kid file beside it) choose another server or client. DEVELOPMENT ONLY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scope=${1:-system/*.cruds}
token_url=${TOKEN_URL:-http://localhost:8004/token}
client_id=${CLIENT_ID:-developer}
key=${KEY:-$here/secrets/developer_private_key.pem}
kid=$(tr -d '[:space:]' < "${key%.*}.kid")

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
jti=$(openssl rand -hex 16)
header=$(printf '{"alg":"RS384","typ":"JWT","kid":"%s"}' "$kid" | b64url)
claims=$(printf '{"iss":"%s","sub":"%s","aud":"%s","iat":%d,"exp":%d,"jti":"%s"}' \
    "$client_id" "$client_id" "$token_url" "$now" "$((now + 240))" "$jti" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha384 -sign "$key" -binary | b64url)

answer=$(curl -sS --fail-with-body "$token_url" \
    --data-urlencode grant_type=client_credentials \
    --data-urlencode "scope=$scope" \
    --data-urlencode client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
    --data-urlencode "client_assertion=$header.$claims.$signature") || { echo "$answer" >&2; exit 1; }
# {"access_token":"...","token_type":"bearer",...}: the token has no quotes in it
sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<< "$answer"
