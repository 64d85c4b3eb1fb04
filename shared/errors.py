"""FHIR errors: every failure leaves a service as an OperationOutcome.

Raise `FHIRError` (or a subclass) anywhere; `install_error_handlers` turns it,
Starlette's own HTTP errors, FastAPI's request validation errors and any
unhandled exception into an OperationOutcome with the right status.
"""

import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from shared.fhir_json import FHIR_JSON, fhir_response

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Issue:
    """One OperationOutcome.issue (severity and code from the FHIR value sets)."""

    code: str
    diagnostics: str
    severity: str = "error"
    expression: tuple[str, ...] = ()

    def to_fhir(self) -> dict[str, Any]:
        issue: dict[str, Any] = {"severity": self.severity, "code": self.code, "diagnostics": self.diagnostics}
        if self.expression:
            issue["expression"] = list(self.expression)
        return issue


def operation_outcome(issues: list[Issue]) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": [i.to_fhir() for i in issues]}


@dataclass
class FHIRError(Exception):
    status: int
    issues: list[Issue]
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, status: int, code: str, diagnostics: str, *expression: str, **headers: str) -> "FHIRError":
        return cls(status, [Issue(code, diagnostics, expression=expression)], headers)

    def __str__(self) -> str:
        return "; ".join(i.diagnostics for i in self.issues)


_STATUS_CODES = {
    400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported",
    406: "not-supported", 409: "conflict", 410: "deleted", 412: "conflict", 413: "too-costly",
    415: "not-supported", 422: "processing", 429: "throttled", 503: "transient",
}


def _outcome_response(status: int, issues: list[Issue], headers: dict[str, str] | None = None) -> Response:
    return fhir_response(operation_outcome(issues), status, headers=headers)


async def _fhir_error(_: Request, exc: FHIRError) -> Response:
    return _outcome_response(exc.status, exc.issues, exc.headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 404 and exc.detail == "Not Found":
        detail = f"No such endpoint: {request.method} {request.url.path}"
    elif exc.status_code == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}"
    else:
        detail = str(exc.detail)
    code = _STATUS_CODES.get(exc.status_code, "exception" if exc.status_code >= 500 else "invalid")
    return _outcome_response(exc.status_code, [Issue(code, detail)], dict(exc.headers or {}))


async def _validation_error(_: Request, exc: RequestValidationError) -> Response:
    issues = [
        Issue("invalid", f"{err.get('msg')} ({'.'.join(str(p) for p in err.get('loc', ()))})",
              expression=(".".join(str(p) for p in err.get("loc", ())),))
        for err in exc.errors()
    ]
    return _outcome_response(400, issues or [Issue("invalid", "Invalid request")])


def database_unavailable(exc: BaseException) -> bool:
    """Whether an error means the database cannot be reached or is restarting (not a bug here):
    refused or dropped connections, a server shutting down or starting up, a locked SQLite file."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, (ConnectionError, TimeoutError, OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig or exc
    cause = getattr(exc, "__cause__", None)
    names = {type(e).__name__ for e in (exc, cause) if e is not None}
    return bool(names & _UNAVAILABLE) or isinstance(cause, (ConnectionError, TimeoutError))


# asyncpg's names for a server going away or not yet back (wrapped by SQLAlchemy's adapter).
_UNAVAILABLE = {"CannotConnectNowError", "AdminShutdownError", "CrashShutdownError", "ConnectionDoesNotExistError",
                "ConnectionFailureError", "ClientCannotConnectError", "TooManyConnectionsError",
                "PostgresConnectionError", "InternalClientError"}


async def _unhandled(request: Request, exc: Exception) -> Response:
    request_id = getattr(request.state, "request_id", "-")
    if database_unavailable(exc):
        log.warning("database unavailable: %s", type(exc).__name__, extra={"request_id": request_id})
        return _outcome_response(503, [Issue("transient", "The database is unavailable for a moment; retry shortly.")],
                                 {"Retry-After": "2"})
    # The stack trace goes to the log under the request id, never to the caller.
    log.exception("unhandled error", extra={"request_id": request_id})
    return _outcome_response(
        500, [Issue("exception", f"Internal server error; quote request id {request_id} to the operator.")]
    )


def install_error_handlers(app: FastAPI) -> None:
    from sqlalchemy.exc import DBAPIError

    # Starlette types a handler as taking any Exception; each of these is registered for its own class.
    app.add_exception_handler(FHIRError, _fhir_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    # Database errors by their classes as well: those are answered where they are raised, and
    # the connection stays open. The catch-all for Exception answers too, but then re-raises
    # (Starlette's ServerErrorMiddleware), and the server closes the connection, which a client
    # about to reuse it sees as a dropped request: 503 while PostgreSQL restarts must not do that.
    for database_error in (DBAPIError, ConnectionError, TimeoutError):
        app.add_exception_handler(database_error, _unhandled)
    app.add_exception_handler(Exception, _unhandled)


__all__ = ["FHIR_JSON", "FHIRError", "Issue", "install_error_handlers", "operation_outcome"]
