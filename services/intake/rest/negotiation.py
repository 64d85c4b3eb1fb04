"""What every FHIR request gets the same way, whatever its interaction (decision Intake 25):
- `_format` and `Accept` ask for a representation: JSON (any of its FHIR spellings) is served,
  anything else is 406, on reads, searches, history, operations and metadata alike; `_format`
  wins over `Accept`, as the specification says;
- `HEAD` is answered wherever `GET` is: the GET's status and headers, no body.
"""

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import Issue, operation_outcome
from shared.fhir_json import fhir_response

JSON_FORMATS = frozenset({"json", "application/json", "application/fhir+json", "application/json+fhir", "text/json"})
# What an Accept header may name for us to answer in JSON.
JSON_ACCEPTED = JSON_FORMATS | {"*/*", "application/*"}


def _media_types(value: str) -> list[tuple[str, float]]:
    found = []
    for part in value.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, number = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0
        if media:
            found.append((media.lower(), quality))
    return found


def refusal(scope: Scope) -> str | None:
    """Why a JSON answer would not be what the request asks for; None when it would."""
    query = scope.get("query_string", b"").decode("latin-1")
    formats = [v for k, v in parse_qsl(query, keep_blank_values=True) if k == "_format"]
    if formats:
        wanted = formats[-1].split(";")[0].strip().lower()
        return None if wanted in JSON_FORMATS else f"_format={formats[-1]} is not supported; this server speaks JSON"
    accept = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"accept"), None)
    if accept is None or not accept.strip():
        return None
    if any(media in JSON_ACCEPTED and quality > 0 for media, quality in _media_types(accept)):
        return None
    return f"Accept: {accept} names no representation this server has (it speaks JSON: application/fhir+json)"


class NegotiationMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/fhir"):
            await self.app(scope, receive, send)
            return
        why = refusal(scope)
        if why is not None:
            await fhir_response(operation_outcome([Issue("not-supported", why)]), 406)(scope, receive, send)
            return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
