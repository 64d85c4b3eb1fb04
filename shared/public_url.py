"""The base URL a service names itself by in what it answers (Location, fullUrl, paging links).

Taken from PUBLIC_BASE_URL when set. Otherwise a request's Host header would decide it, and a
client (or anyone who can reach the service under another name) could make the service hand out
links to a host of its choosing. So without PUBLIC_BASE_URL (decision Security 18):
- in smart mode the base is one of the service's own URLs, its AUTH_AUDIENCE entries: the one
  the request was addressed to (host and port, else host), else the first; the Host header only
  chooses among URLs the operator configured;
- in development mode (a developer's machine) the Host header is trusted, as before.
"""

from urllib.parse import urlsplit

from starlette.requests import Request

from shared.settings import Settings


def own_urls(settings: Settings) -> list[str]:
    """The service's configured URLs (AUTH_AUDIENCE entries that are http or https URLs)."""
    return [a.rstrip("/") for a in settings.auth_audience if urlsplit(a).scheme in ("http", "https") and urlsplit(a).netloc]


def check_public_base(settings: Settings) -> None:
    """At start-up: in smart mode, a service that writes links must know its own URL."""
    if settings.auth_mode == "smart" and not settings.public_base_url and not own_urls(settings):
        raise RuntimeError("AUTH_MODE=smart needs PUBLIC_BASE_URL, or an http(s) URL of this service in AUTH_AUDIENCE, "
                           "to write links: the Host header of a request is not trusted for them")


def public_base(request: Request, settings: Settings, path: str = "") -> str:
    """The base URL for links in the answer to `request`; `path` is appended to a base taken from
    the request (development mode), e.g. "/fhir"."""
    if settings.public_base_url:
        return settings.public_base_url.rstrip("/")
    if settings.auth_mode == "development":
        return str(request.base_url).rstrip("/") + path
    urls = own_urls(settings)
    addressed = urlsplit(f"//{request.headers.get('host', '')}")
    exact = [u for u in urls if urlsplit(u).netloc.lower() == addressed.netloc.lower()]
    same_host = [u for u in urls if urlsplit(u).hostname == addressed.hostname]  # a port the proxy added or dropped
    return (exact or same_host or urls)[0]
