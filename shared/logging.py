"""Structured JSON logs, each line carrying the request id of the request it serves; with
LOG_JSON=false, readable lines for a terminal that carry the same fields."""

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD and k not in entry})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


# uvicorn's coloured copy of its own message.
_NOT_FIELDS = _STANDARD | {"color_message", "request_id"}
ACCESS_FIELDS = ("method", "route", "status", "duration_ms")


class TextFormatter(logging.Formatter):
    """One line a record for a person at a terminal:
    `13:05:15.123 INFO  intake [4f2a9c] access: GET /fhir/Patient/{id} 200 3.21 ms`;
    other records' extra fields follow their message as key=value."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        extras = {k: v for k, v in record.__dict__.items() if k not in _NOT_FIELDS}
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        message = record.getMessage()
        if all(field in extras for field in ACCESS_FIELDS):  # the request line (shared.observability)
            method, route, status, duration = (extras.pop(field) for field in ACCESS_FIELDS)
            message = f"{method} {route} {status} {duration} ms"
        fields = "".join(f" {k}={v}" for k, v in extras.items())
        clock = datetime.fromtimestamp(record.created).strftime("%H:%M:%S.%f")[:-3]
        line = f"{clock} {record.levelname:<5} {self.service} [{request_id}] {record.name}: {message}{fields}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


QUIET_LIBRARIES = ("httpx", "httpcore", "alembic", "aiosqlite", "asyncpg", "sqlalchemy", "urllib3",
                   "dicomweb_client", "procrastinate", "multipart", "python_multipart")


def configure_logging(service: str, level: str = "INFO", as_json: bool = True) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if as_json:
        handler.setFormatter(JSONFormatter(service))
    else:
        handler.setFormatter(TextFormatter(service))
    handler.set_name("calcinosis")
    root = logging.getLogger()
    # Replace only our own handler, so that a host's handlers (pytest's, say) stay.
    root.handlers[:] = [h for h in root.handlers if h.get_name() != "calcinosis"] + [handler]
    root.setLevel(level.upper())
    # uvicorn's own access log would duplicate ours, without the request id.
    logging.getLogger("uvicorn.access").disabled = True
    # Client and database libraries log full URLs and statement parameters, which carry patient
    # identifiers and values: never below WARNING, whatever LOG_LEVEL says.
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
