#!/usr/bin/env bash
# Run the system on the embedded defaults (SQLite under $DATA_DIR, default ./data):
#   ./scripts/run.sh
#   INTAKE_PORT=9001 CLASSIFIER_PORT=9002 IMAGING_PORT=9003 HOST=0.0.0.0 ./scripts/run.sh
# Each service runs as its own uvicorn process; Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${HOST:-127.0.0.1}
INTAKE_PORT=${INTAKE_PORT:-8001}
CLASSIFIER_PORT=${CLASSIFIER_PORT:-8002}
IMAGING_PORT=${IMAGING_PORT:-8003}
# service:port (the defaults are docs/architecture.md's).
SERVICES=("intake:$INTAKE_PORT" "classifier:$CLASSIFIER_PORT" "imaging:$IMAGING_PORT")
PYTHON=${PYTHON:-python3}

# Busy ports are refused before anything starts (and before the set-up): otherwise an earlier run's
# services would answer the health checks below and this run would fail after saying "listening".
# The check binds as uvicorn will (SO_REUSEADDR: a port in TIME_WAIT is free).
busy=()
for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    if ! "$PYTHON" - "$HOST" "$port" <<'EOF' 2>/dev/null; then
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
with socket.socket(family) as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
EOF
        busy+=("$name")
        echo "run.sh: port $port on $HOST, for $name, is already in use (an earlier run.sh? 'ss -ltnp sport = :$port' names the process)" >&2
    fi
done
if [ ${#busy[@]} -gt 0 ]; then
    echo "run.sh: nothing was started. Stop what holds the port, or choose others: INTAKE_PORT, CLASSIFIER_PORT, IMAGING_PORT (and HOST)," >&2
    echo "        e.g. INTAKE_PORT=9001 CLASSIFIER_PORT=9002 IMAGING_PORT=9003 ./scripts/run.sh" >&2
    exit 1
fi

scripts/bootstrap.sh

# The services find each other on the ports chosen here, unless the caller says otherwise.
local_host=$HOST
if [ "$HOST" = 0.0.0.0 ] || [ "$HOST" = "::" ]; then local_host=127.0.0.1; fi
case $local_host in *:*) local_host="[$local_host]" ;; esac
export INTAKE_URL=${INTAKE_URL:-http://$local_host:$INTAKE_PORT/fhir}
export CLASSIFIER_URL=${CLASSIFIER_URL:-http://$local_host:$CLASSIFIER_PORT}
export IMAGING_URL=${IMAGING_URL:-http://$local_host:$IMAGING_PORT}

# On one machine, for trying the system out: no authorization unless AUTH_MODE=smart is set
# (with AUTH_ISSUERS and AUTH_AUDIENCE). The services say so loudly when they start.
export AUTH_MODE=${AUTH_MODE:-development}
if [ "$AUTH_MODE" = development ]; then
    echo "==> AUTH_MODE=development: the services run WITHOUT authorization (this machine only)" >&2
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    .venv/bin/uvicorn "services.${name}.main:app" --host "$HOST" --port "$port" --no-access-log &
    pids+=($!)
done

i=0
for entry in "${SERVICES[@]}"; do
    name=${entry%%:*}
    port=${entry##*:}
    pid=${pids[$i]}
    i=$((i + 1))
    up=false
    for _ in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi  # it exited: its log above says why
        if curl -fsS "http://$local_host:$port/healthz" >/dev/null 2>&1; then up=true; break; fi
        sleep 0.2
    done
    if [ "$up" != true ]; then
        echo "run.sh: $name did not start on http://$local_host:$port (its log is above); stopping the others" >&2
        exit 1
    fi
    echo "==> $name listening on http://$local_host:$port (API docs: http://$local_host:$port/docs)"
done
wait -n "${pids[@]}"
