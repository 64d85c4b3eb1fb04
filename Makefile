# Shortcuts for the README's commands.
.PHONY: run test demo clients lock

run:  ## the three services on the embedded defaults
	./scripts/run.sh

test:  ## the whole test suite
	./scripts/test.sh

demo:  ## a sample patient and two CTs (one with implanted lesions) through the running system, and the pages (start `make run` first)
	./scripts/bootstrap.sh && .venv/bin/python scripts/demo.py

lock:  ## requirements.lock and requirements-runtime.lock written anew from pyproject.toml
	./scripts/lock.sh

clients:  ## the Python SDKs of the three services, under build/clients (README, "Python SDKs")
	./scripts/bootstrap.sh && .venv/bin/python scripts/generate_clients.py
