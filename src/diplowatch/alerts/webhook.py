"""POST one change as JSON to the analyst's webhook; a failure is one line, and the change is kept
to be sent again on the next cycle."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from diplowatch import __version__
from diplowatch.errors import DiplowatchError
from diplowatch.ingest.raw import Skip
from diplowatch.ingest.web import USER_AGENT, check_scheme


class WebhookError(DiplowatchError):
    """The webhook did not take a change (unreachable, or not a 2xx answer)."""


def post_json(url: str, payload: dict[str, Any], timeout: float = 10.0) -> int:
    """POST `payload` as JSON to `url`; returns the HTTP status, or raises WebhookError."""
    try:
        check_scheme(url)
    except Skip as exc:
        raise WebhookError(f"webhook {url}: {exc.problem}") from None
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, "X-Diplowatch": __version__},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        raise WebhookError(f"webhook {url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise WebhookError(f"webhook {url}: {reason}") from None
