#!/usr/bin/env bash
# Run the lint and type gate, then the whole test suite: ./scripts/test.sh [pytest arguments]
# ruff and mypy (configured in pyproject.toml) must pass before pytest runs.
# Tests start their own throw-away PostgreSQL cluster and Orthanc server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

# With CI=true the PostgreSQL, Orthanc and browser tests must run: install what is missing.
missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    missing+=(postgresql)
fi
if ! command -v Orthanc >/dev/null || ! ls /usr/share/orthanc/plugins/libOrthancDicomWeb.so >/dev/null 2>&1; then
    missing+=(orthanc orthanc-dicomweb)
fi
if ! command -v chromium >/dev/null; then
    missing+=(chromium)  # the pages are tested in a real browser (tests/test_docs_pages.py, tests/test_pages.py)
fi
if [ "${CI:-}" = "true" ] && [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]} (CI=true requires the PostgreSQL, Orthanc and browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

gate=0
echo "==> ruff check ."
.venv/bin/ruff check . || gate=1
echo "==> mypy"
.venv/bin/mypy || gate=1
if [ "$gate" -ne 0 ]; then
    echo "ruff or mypy found problems (above): the tests were not run" >&2
    exit 1
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
