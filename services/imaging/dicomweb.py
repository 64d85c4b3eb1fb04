"""Retrieving a CT series from a DICOMweb server (WADO-RS), only from the servers configured.

A DICOMweb reference names a URL that this service then fetches: without care, a request
forgery (SSRF) tool. So (docs/reliability.md, "Security"):

- the URL must lie under one of DICOMWEB_ALLOWED_URLS (same scheme, host and port; a path under
  the listed one, without dot segments or escapes), checked when the analysis is submitted (422)
  and again before retrieval;
- its host is resolved, and each address checked: public, or in DICOMWEB_ALLOWED_NETWORKS, or the
  very IP address the list names; the connection goes to that checked address (the Host header
  and TLS server name stay the host's), so a second DNS answer cannot redirect it (rebinding);
- redirects are not followed; the whole retrieval, resolution to last byte, has one deadline
  (DICOMWEB_DEADLINE_SECONDS); the bytes and the instances are counted as they arrive;
- a retrieval that fails on the network says one thing, whatever the cause (refused, closed,
  timed out, not resolved, an address not allowed): the operator's log has the cause.

It runs on the event loop (it waits, it does not compute), outside the analysis slots.
"""

import asyncio
import ipaddress
import logging
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from services.imaging.jobs import JobFailed
from shared.settings import Settings

log = logging.getLogger(__name__)

ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*'
DEFAULT_PORTS = {"http": 80, "https": 443}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class NotAllowed(ValueError):
    """The URL is not one of the configured DICOMweb servers; the message says why."""


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str  # lower case, IPv6 without brackets
    port: int
    path: str  # without a trailing slash

    @classmethod
    def parse(cls, url: str) -> "Origin":
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError:
            raise NotAllowed("The DICOMweb URL cannot be parsed") from None
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            raise NotAllowed("The DICOMweb URL must be an http(s) URL with a host")
        if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
            raise NotAllowed("The DICOMweb URL must carry no user, password, query or fragment")
        path = parts.path.rstrip("/")
        segments = path.split("/")
        if "%" in path or "\\" in path or "." in segments or ".." in segments:
            raise NotAllowed("The DICOMweb URL's path must carry no escapes or dot segments")
        return cls(scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme], path)

    def under(self, allowed: "Origin") -> bool:
        return ((self.scheme, self.host, self.port) == (allowed.scheme, allowed.host, allowed.port)
                and (self.path == allowed.path or self.path.startswith(allowed.path + "/")))

    @property
    def literal(self) -> IPAddress | None:
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None

    def authority(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


class DicomWebPolicy:
    """Which DICOMweb URLs, and which addresses behind them, this service may connect to."""

    def __init__(self, urls: list[str], networks: list[str]) -> None:
        self.allowed = [Origin.parse(url) for url in urls]
        self.networks = [ipaddress.ip_network(n, strict=False) for n in networks]

    @classmethod
    def from_settings(cls, settings: Settings) -> "DicomWebPolicy":
        return cls(settings.dicomweb_allowed_urls, settings.dicomweb_allowed_networks)

    def check(self, url: str) -> Origin:
        """The URL's origin when it lies under an allowed one; NotAllowed otherwise. No DNS, no
        connection: the caller hears at once."""
        origin = Origin.parse(url)
        if not any(origin.under(allowed) for allowed in self.allowed):
            raise NotAllowed("The DICOMweb URL is not one of the DICOMweb servers this service is configured to "
                             "retrieve from (DICOMWEB_ALLOWED_URLS)")
        return origin

    def address_allowed(self, origin: Origin, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address.is_unspecified or address.is_multicast:
            return False
        if origin.literal is not None and origin.literal == address:
            return True  # the list names this very address
        if any(address in network for network in self.networks):
            return True
        return address.is_global

    async def resolve(self, origin: Origin) -> IPAddress:
        """The first address of the host that may be connected to; OSError when there is none."""
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(origin.host, origin.port, type=socket.SOCK_STREAM)
        for *_, sockaddr in infos:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
            if self.address_allowed(origin, address):
                return address
        raise OSError("no address of the DICOMweb host is allowed")


class _Parts:
    """A multipart/related body written part by part to files, within the limits."""

    def __init__(self, boundary: bytes, folder: Path, max_files: int, max_bytes: int) -> None:
        self.folder, self.max_files, self.max_bytes = folder, max_files, max_bytes
        self.paths: list[Path] = []
        self.total = 0
        self.out: BinaryIO | None = None
        self.parser = MultipartParser(boundary, {"on_part_begin": self._begin, "on_part_data": self._data,
                                                 "on_part_end": self._end})

    def _begin(self) -> None:
        if len(self.paths) >= self.max_files:
            raise JobFailed(f"The series holds more than {self.max_files} instances")
        path = self.folder / f"{len(self.paths):05d}.dcm"
        self.paths.append(path)
        self.out = open(path, "wb")

    def _data(self, data: bytes, start: int, end: int) -> None:
        self.total += end - start
        if self.total > self.max_bytes:
            raise JobFailed(f"The series is larger than {self.max_bytes} bytes")
        assert self.out is not None  # a part has begun
        self.out.write(data[start:end])

    def _end(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None

    def close(self) -> None:
        self._end()


class DicomWeb:
    """Retrieves series for the analyses, within the policy, the limits and the deadline."""

    def __init__(self, settings: Settings) -> None:
        self.policy = DicomWebPolicy.from_settings(settings)
        self.deadline = settings.dicomweb_deadline_seconds
        self.max_files = settings.imaging_max_files
        self.max_bytes = settings.imaging_max_upload_bytes
        self.connect_timeout = min(settings.http_timeout_seconds, settings.dicomweb_deadline_seconds)

    async def retrieve(self, url: str, study_uid: str, series_uid: str, folder: Path) -> list[Path]:
        """The series' instances, one file each, in `folder` (emptied first: a retried job starts over)."""
        try:
            origin = self.policy.check(url)
        except NotAllowed as exc:  # allowed when submitted, no longer (the setting changed)
            raise JobFailed(str(exc)) from None
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        unreachable = (f"Series {series_uid} of study {study_uid} could not be retrieved from the DICOMweb server "
                       f"(not reachable, or no complete answer within {self.deadline:g} s)")
        try:
            async with asyncio.timeout(self.deadline):
                paths = await self._retrieve(origin, study_uid, series_uid, folder)
        except (TimeoutError, OSError, httpx.TransportError, httpx.InvalidURL) as exc:
            log.warning("DICOMweb retrieval failed", extra={"error": type(exc).__name__, "detail": str(exc)[:200]})
            raise JobFailed(unreachable) from None
        if not paths:
            raise JobFailed(f"The DICOMweb server has no instance of series {series_uid} in study {study_uid}")
        return paths

    async def _retrieve(self, origin: Origin, study_uid: str, series_uid: str, folder: Path) -> list[Path]:
        address = await self.policy.resolve(origin)
        host = f"[{address}]" if address.version == 6 else str(address)
        # The request goes to the address just checked; the Host header and the TLS server name
        # (certificate check included) stay those of the configured host.
        url = f"{origin.scheme}://{host}:{origin.port}{origin.path}/studies/{study_uid}/series/{series_uid}"
        timeout = httpx.Timeout(self.deadline, connect=self.connect_timeout)
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            request = client.build_request("GET", url, headers={"Host": origin.authority(), "Accept": ACCEPT,
                                                                         "Accept-Encoding": "identity"},
                                           extensions={"sni_hostname": origin.host} if origin.scheme == "https" else {})
            response = await client.send(request, stream=True)
            try:
                if response.status_code == 404:
                    return []
                if response.status_code != 200:
                    raise JobFailed(f"The DICOMweb server answered {response.status_code} for series {series_uid} "
                                    f"of study {study_uid}")
                media_type, options = parse_options_header(response.headers.get("content-type", ""))
                boundary = options.get(b"boundary")
                encoding = response.headers.get("content-encoding", "identity").strip().lower()
                if media_type != b"multipart/related" or not boundary or encoding != "identity":
                    raise JobFailed("The DICOMweb server did not answer with a multipart/related body of DICOM "
                                    "instances")
                parts = _Parts(boundary, folder, self.max_files, self.max_bytes)
                try:
                    async for chunk in response.aiter_raw():
                        parts.parser.write(chunk)
                    parts.parser.finalize()
                except MultipartParseError:
                    raise JobFailed("The DICOMweb server's answer is not a well-formed multipart/related body") from None
                finally:
                    parts.close()
                return parts.paths
            finally:
                await response.aclose()
