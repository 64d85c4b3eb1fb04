#!/usr/bin/env bash
# Run the system on the embedded defaults (SQLite under $DATA_DIR, default ./data):
#   ./scripts/run.sh
# Each service runs as its own uvicorn process; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

HOST=${HOST:-127.0.0.1}
# On one machine, for trying the system out: no authorization unless AUTH_MODE=smart is set
# (with AUTH_ISSUERS and AUTH_AUDIENCE). The services say so loudly when they start.
export AUTH_MODE=${AUTH_MODE:-development}
if [ "$AUTH_MODE" = development ]; then
    echo "==> AUTH_MODE=development: the services run WITHOUT authorization (this machine only)" >&2
fi
# service:port, as docs/architecture.md fixes them.
SERVICES=("intake:8001" "classifier:8002" "imaging:8003")

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    .venv/bin/uvicorn "services.${name}.main:app" --host "$HOST" --port "$port" --no-access-log &
    pids+=($!)
done

for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    for _ in $(seq 1 100); do
        if curl -fsS "http://$HOST:$port/healthz" >/dev/null 2>&1; then break; fi
        sleep 0.2
    done
    echo "==> $name listening on http://$HOST:$port (OpenAPI: http://$HOST:$port/docs)"
done
wait -n "${pids[@]}"
