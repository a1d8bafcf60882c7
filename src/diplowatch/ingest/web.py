"""Fetch http(s) URLs safely: a wall-clock deadline, a size cap, a redirect cap, and no private hosts.

Every connection (the first and each redirect's) resolves the host itself and refuses loopback, private,
link-local (cloud metadata at 169.254.169.254), multicast and reserved addresses unless `allow_private`
is set; the check runs on the address actually connected to, so a name that re-resolves elsewhere
between check and connect cannot slip through. A watchdog shuts the sockets at the deadline, so a
server trickling one byte at a time cannot hold the download past it. Failures become one line (Skip).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlparse

from diplowatch import __version__
from diplowatch.ingest.files import human_bytes
from diplowatch.ingest.raw import Skip

USER_AGENT = f"diplowatch/{__version__} (news event coding; +https://pypi.org/project/diplowatch/)"
_CHUNK = 64 * 1024
# The whole download (connect, headers, body) gets this many times the per-read timeout.
DEADLINE_FACTOR = 3


@dataclass
class Fetched:
    data: bytes
    content_type: str | None
    url: str  # after redirects
    headers: dict[str, str] | None = None  # the response's (ETag, Last-Modified for the next poll)


class NotModified(Skip):
    """HTTP 304: the resource has not changed since the validators sent with the request."""


class _Refused(OSError):
    """A connection the safety rules do not allow; str() is the reason."""


def is_url(source: str) -> bool:
    return "://" in source[:12]


def check_scheme(url: str) -> None:
    try:
        parsed = urlparse(url)
        host = parsed.hostname
    except ValueError as exc:  # "http://[::1" and other malformed hosts
        raise Skip(f"not a valid URL ({exc})") from None
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise Skip(f"{scheme}:// URLs are not fetched; only http and https are")
    if not host:
        raise Skip("not a valid URL (no host)")


def address_problem(address: str) -> str | None:
    """Why an IP address is not fetched from without --allow-private, or None when it may be."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (cloud metadata lives there)"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "a reserved address"
    return None


class _Guard:
    """One download's sockets: each is checked before it connects and shut when the deadline passes."""

    def __init__(self, allow_private: bool, seconds: float):
        self.allow_private = allow_private
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def connect(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        last: OSError = _Refused("no address")
        for family, kind, proto, _, sockaddr in infos:
            problem = None if self.allow_private else address_problem(str(sockaddr[0]))
            if problem:
                named = f"{host} is" if host == sockaddr[0] else f"{host} resolves to {sockaddr[0]},"
                last = _Refused(f"{named} {problem}; not fetched (see --allow-private)")
                continue
            sock = socket.socket(family, kind, proto)
            with self.lock:
                if self.expired:
                    sock.close()
                    raise TimeoutError("deadline passed")
                self.sockets.append(sock)
            try:
                if isinstance(timeout, int | float):
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last


def _guarded(connection_class: type, guard: _Guard):
    def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        connection = connection_class(host, **kwargs)
        connection._create_connection = guard.connect  # http.client's hook for opening the socket
        return connection

    return make


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard):
        super().__init__()
        self.guard = guard

    def http_open(self, req):
        return self.do_open(_guarded(http.client.HTTPConnection, self.guard), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard):
        super().__init__()
        self.guard = guard

    def https_open(self, req):
        extra = {"context": self._context}
        return self.do_open(_guarded(http.client.HTTPSConnection, self.guard), req, **extra)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limit: int):
        # urllib reads the limit from this attribute; typeshed calls it a ClassVar, but per instance is the point
        self.max_redirections = limit  # type: ignore[misc]

    def http_error_302(self, req, fp, code, msg, headers):
        # urllib refuses a redirect to file:// itself, as an HTTPError that reads like a redirect loop:
        # check the scheme first so the reason given is the real one.
        location = headers.get("location") or headers.get("uri")
        if location:
            check_scheme(urljoin(req.full_url, location))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_scheme(newurl)  # a redirect to file:// or ftp:// is refused like a direct one
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    timeout: float,
    max_bytes: int,
    max_redirects: int = 5,
    allow_private: bool = False,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """The body of `url`, or Skip with a one-line reason (timeout, refused, HTTP error, too large).
    `headers` are sent too (If-None-Match, If-Modified-Since: a 304 raises NotModified)."""
    check_scheme(url)
    limit = timeout * DEADLINE_FACTOR
    guard = _Guard(allow_private, limit)
    opener = urllib.request.build_opener(
        _GuardedHTTP(guard), _GuardedHTTPS(guard), _LimitedRedirects(max_redirects)
    )
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "*/*", **(headers or {})}
    )
    guard.timer.start()
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Skip(
                    f"too large ({human_bytes(int(length))}; the cap is {human_bytes(max_bytes)}, raise it with --max-bytes)"
                )
            chunks, size = [], 0
            # read1 returns what has arrived: read(n) would wait for n bytes past any deadline check
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Skip(f"too large (over {human_bytes(max_bytes)}; raise the cap with --max-bytes)")
                chunks.append(chunk)
            if guard.expired:
                raise Skip(f"timed out after {limit:g}s (download too slow)")
            return Fetched(
                b"".join(chunks),
                response.headers.get("Content-Type"),
                response.geturl(),
                dict(response.headers),
            )
    except Skip:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            raise NotModified("not modified since the last poll") from None
        if exc.code in (301, 302, 303, 307, 308):
            raise Skip(f"more than {max_redirects} redirects") from None
        raise Skip(f"HTTP {exc.code} {exc.reason}") from None
    except Exception as exc:  # every other failure of the network or the server is one line
        if guard.expired:
            raise Skip(f"timed out after {limit:g}s (download too slow)") from None
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        raise Skip(_reason(reason, timeout)) from None
    finally:
        guard.timer.cancel()


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, _Refused):
        return str(reason)
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g}s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, http.client.HTTPException):
        return f"bad response from the server ({type(reason).__name__})"
    if isinstance(reason, ValueError):
        return f"not a valid URL ({reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason).splitlines()[0] if str(reason) else "could not fetch"
