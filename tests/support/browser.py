"""A real browser for the tests: Debian's chromium driven by Playwright (no browser download).

Locally a missing chromium skips the tests that need it, with the reason; under CI=true
scripts/test.sh installs it, and a missing one fails the run (tests/conftest.py, _required)."""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str:
    for name in CANDIDATES:
        if path := shutil.which(name):
            return path
    raise FileNotFoundError(f"none of {', '.join(CANDIDATES)} on PATH (apt-get install chromium)")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium (a Playwright Browser); raises FileNotFoundError when none is installed."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: the tests run as root, where chromium's sandbox refuses to start.
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()
