#!/usr/bin/env bash
# Create .venv at the repository root and install the project with its test tools.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
    started=$SECONDS
    echo "==> installing the project and its dependencies into .venv (a minute or two the first time; each"
    echo "    package is named as it is fetched, then they are installed together)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    # pip's own lines, trimmed to one a package: progress without its download bars and notices.
    .venv/bin/python -m pip install --progress-bar off -e '.[test]' \
        | awk '/^(Collecting|Installing collected|Successfully installed)/ { print "    " substr($0, 1, 110); fflush() }'
    rm -f .venv/.installed-*
    touch "$stamp"
    echo "==> .venv ready ($((SECONDS - started)) s)"
fi
