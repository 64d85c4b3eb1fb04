#!/usr/bin/env bash
# Create .venv at the repository root and install the project with its test tools: every package
# at the version and with the hashes of requirements.lock (scripts/lock.sh writes it from
# pyproject.toml), then the project itself, editable, adding nothing.
# Installs again only when requirements.lock or pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
    started=$SECONDS
    echo "==> installing the project and its locked dependencies into .venv (a minute or two the first"
    echo "    time; each package is named as it is fetched, then they are installed together)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    # pip's own lines, trimmed to one a package: progress without its download bars and notices.
    .venv/bin/python -m pip install --progress-bar off --require-hashes -r requirements.lock \
        | awk '/^(Collecting|Installing collected|Successfully installed)/ { print "    " substr($0, 1, 110); fflush() }'
    # the project itself: setuptools' notices about editable installs are shown only if it fails
    if ! log=$(.venv/bin/python -m pip install --quiet --no-deps -e . 2>&1); then
        echo "$log" >&2
        exit 1
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
    echo "==> .venv ready ($((SECONDS - started)) s)"
fi
