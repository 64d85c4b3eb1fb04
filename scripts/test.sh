#!/usr/bin/env bash
# Run the whole test suite: ./scripts/test.sh [pytest arguments]
# With CI=true the PostgreSQL tests must run: PostgreSQL is installed from Debian
# packages when missing (tests start their own throw-away cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

if [ "${CI:-}" = "true" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    echo "==> installing PostgreSQL (CI=true requires the PostgreSQL tests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi

set +e
.venv/bin/python -m pytest -q "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
exit "$status"
