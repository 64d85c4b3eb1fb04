"""Write each service's OpenAPI document to openapi/<service>.json.

    .venv/bin/python scripts/export_openapi.py          # write
    .venv/bin/python scripts/export_openapi.py --check  # exit 1 when a file is stale
"""

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ["intake", "classifier", "imaging"]
# The documents are the same in both authorization modes; development mode needs no issuer to build the apps.
os.environ.setdefault("AUTH_MODE", "development")


def render(service: str) -> str:
    module = importlib.import_module(f"services.{service}.main")
    return json.dumps(module.create_app().openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check that the files are current")
    args = parser.parse_args()
    stale = []
    for service in SERVICES:
        path = ROOT / "openapi" / f"{service}.json"
        text = render(service)
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path))
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text)
            print(f"wrote {path}")
    if stale:
        print("stale: " + ", ".join(stale) + " (run scripts/export_openapi.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
