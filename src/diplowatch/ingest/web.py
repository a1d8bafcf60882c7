"""Fetch http(s) URLs with a timeout, a size cap and a redirect cap; failures become one line."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

from diplowatch import __version__
from diplowatch.ingest.files import human_bytes
from diplowatch.ingest.raw import Skip

USER_AGENT = f"diplowatch/{__version__} (news event coding; +https://pypi.org/project/diplowatch/)"
_CHUNK = 64 * 1024


@dataclass
class Fetched:
    data: bytes
    content_type: str | None
    url: str  # after redirects
    headers: dict[str, str] | None = None  # the response's (ETag, Last-Modified for the next poll)


class NotModified(Skip):
    """HTTP 304: the resource has not changed since the validators sent with the request."""


def is_url(source: str) -> bool:
    return "://" in source[:12]


def check_scheme(url: str) -> None:
    scheme = urlparse(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise Skip(f"{scheme}:// URLs are not fetched; only http and https are")


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limit: int):
        # urllib reads the limit from this attribute; typeshed calls it a ClassVar, but per instance is the point
        self.max_redirections = limit  # type: ignore[misc]

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_scheme(newurl)  # a redirect to file:// or ftp:// is refused like a direct one
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str, timeout: float, max_bytes: int, max_redirects: int = 5, headers: dict[str, str] | None = None
) -> Fetched:
    """The body of `url`, or Skip with a one-line reason (timeout, refused, HTTP error, too large).
    `headers` are sent too (If-None-Match, If-Modified-Since: a 304 raises NotModified)."""
    check_scheme(url)
    opener = urllib.request.build_opener(_LimitedRedirects(max_redirects))
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "*/*", **(headers or {})}
    )
    deadline = time.monotonic() + timeout * 3  # per-read timeout below; this bounds a slow trickle
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise Skip(
                    f"too large ({human_bytes(int(length))}; the cap is {human_bytes(max_bytes)}, raise it with --max-bytes)"
                )
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Skip(f"too large (over {human_bytes(max_bytes)}; raise the cap with --max-bytes)")
                if time.monotonic() > deadline:
                    raise Skip(f"timed out after {timeout * 3:g}s (download too slow)")
                chunks.append(chunk)
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
    except urllib.error.URLError as exc:
        raise Skip(_reason(exc.reason, timeout)) from None
    except TimeoutError:
        raise Skip(f"timed out after {timeout:g}s") from None
    except (ConnectionError, OSError) as exc:
        raise Skip(_reason(exc, timeout)) from None
    except ValueError as exc:  # malformed URL
        raise Skip(f"not a valid URL ({exc})") from None


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g}s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or "could not fetch"
