#!/usr/bin/env bash
# Regenerate the lock files from pyproject.toml (run it after changing a dependency there):
#   requirements.lock          the dependencies and the test tools (--extra test): set-up and CI
#   requirements-runtime.lock  the dependencies alone, at the same versions: the image (deploy/Dockerfile)
# Both pin every package, with the sha256 of each of its files, for CPython 3.11 on Linux; they
# are installed with `pip install --require-hashes`.
#
#   scripts/lock.sh                          keeps every pin that still satisfies pyproject.toml
#   scripts/lock.sh --upgrade                every package to its newest allowed release
#   scripts/lock.sh --upgrade-package NAME   that one (and what it needs)
#
# Resolution is uv's (`uv pip compile`: .venv's, a test tool in pyproject.toml; else one on PATH; else
# installed into .venv).
# A lock with merge-conflict markers is read as its first side ("ours") for the pins to keep, so
# after a merge of two branches that both changed dependencies just run this script.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${UV:-}" ]; then :
elif [ -x .venv/bin/uv ]; then UV=.venv/bin/uv
elif command -v uv >/dev/null; then UV=uv
else
    # uv as pyproject.toml's test tools pin it, into .venv (not through bootstrap.sh: the lock it
    # installs from may be the one in conflict)
    [ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
    spec=$(.venv/bin/python -c "import tomllib; print(next(r for r in tomllib.load(open('pyproject.toml', 'rb'))
        ['project']['optional-dependencies']['test'] if r.split('>')[0].split('=')[0].strip() == 'uv'))")
    .venv/bin/python -m pip install --quiet "$spec"
    UV=.venv/bin/uv
fi

FULL=requirements.lock
RUNTIME=requirements-runtime.lock
# The platform of the image (python:3.11-slim) and of CI; the hashes cover every file of each
# pinned release, so the same lock installs on other Linux machines (arm64 too) where wheels exist.
COMMON=(--generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu
        --custom-compile-command scripts/lock.sh --quiet)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# uv keeps the pins of the output file it is given: start from the current lock, with the
# lines between '=======' and '>>>>>>>' of any merge conflict (the other side) left out.
if [ -f "$FULL" ]; then
    awk '/^<<<<<<< /{skip=0; next} /^=======$/{skip=1; next} /^>>>>>>> /{skip=0; next} !skip' "$FULL" > "$work/$FULL"
fi
if ! "$UV" pip compile pyproject.toml --extra test "${COMMON[@]}" -o "$work/$FULL" "$@"; then
    echo "==> the current pins could not be kept: resolving afresh" >&2
    rm -f "$work/$FULL"
    "$UV" pip compile pyproject.toml --extra test "${COMMON[@]}" -o "$work/$FULL" "$@"
fi
cp "$work/$FULL" "$FULL"
# The runtime set at exactly the versions of the full one (its pins are constraints here).
"$UV" pip compile pyproject.toml "${COMMON[@]}" --constraint "$FULL" -o "$work/$RUNTIME"
cp "$work/$RUNTIME" "$RUNTIME"
echo "==> $FULL ($(grep -c '^[A-Za-z0-9]' "$FULL") packages) and $RUNTIME ($(grep -c '^[A-Za-z0-9]' "$RUNTIME")) written"
