"""The log lines of a service running under uvicorn: JSON by default (deployments), and with
LOG_JSON=false readable lines that keep what matters (method, route, status, duration, request id)."""

import json

import httpx

from tests.support.processes import uvicorn_service


def _run(tmp_path, log_json: str | None) -> list[str]:
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}",
           "VALIDATION_WORKERS": "0", "LOG_LEVEL": "INFO", **({"LOG_JSON": log_json} if log_json else {})}
    log = tmp_path / "intake.log"
    with uvicorn_service("intake", env, log) as url:
        response = httpx.get(f"{url}/fhir/Patient/nobody", headers={"X-Request-ID": "trace-4711"})
        assert response.status_code == 404
    return log.read_text().splitlines()


def test_terminal_lines_keep_method_route_status_duration_and_request_id(tmp_path):
    lines = [line for line in _run(tmp_path, "false") if "trace-4711" in line and "access" in line]
    assert len(lines) == 1, lines
    [line] = lines
    # e.g. "13:05:15.123 INFO  intake [trace-4711] access: GET /fhir/Patient/{id} 404 3.21 ms"
    assert " INFO " in line and " intake " in line and "[trace-4711]" in line
    assert "access: GET /fhir/Patient/{id} 404 " in line and line.endswith(" ms")
    assert not line.lstrip().startswith("{")
    assert "nobody" not in line  # the route, not the URL: no identifiers in logs


def test_json_stays_the_default(tmp_path):
    records = [json.loads(line) for line in _run(tmp_path, None) if line.startswith("{")]
    [access] = [r for r in records if r["logger"] == "access" and r["request_id"] == "trace-4711"]
    assert (access["method"], access["route"], access["status"]) == ("GET", "/fhir/Patient/{id}", 404)
    assert access["duration_ms"] >= 0 and access["service"] == "intake"
