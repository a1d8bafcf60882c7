"""A bounded load test on loopback: 2,000 requests, 8 at a time, against a real uvicorn. Every answer
must be the one a single request gets (no 5xx, no dropped connection, bad parameters still 4xx)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle, islice

import httpx
import pytest

from diplowatch.web.app import create_app
from report_fixtures import make_db, running_server

REQUESTS = 2_000
CONCURRENT = 8
# (path, the status a lone request gets)
MIX = [
    ("/", 200), ("/evidence?condition=human_rights", 200), ("/api/facts", 200), ("/api/events?limit=50", 200),
    ("/api/evidence?polarity=-1", 200), ("/api/stances", 200), ("/api/scorecard?by=quarter", 200),
    ("/static/diplowatch.css", 200), ("/healthz", 200), ("/api/events?offset=-1", 422),
    ("/?watch=/etc/passwd", 404), ("/api/evidence?since=yesterday", 400), ("/?page=99999999999", 400),
    ("/sentence?doc=a01&i=0", 200), ("/nope", 404),
]  # fmt: skip


@pytest.mark.slow  # starts a server and sends 2,000 requests
def test_two_thousand_requests_eight_at_a_time(tmp_path):
    db = make_db(tmp_path / "load.duckdb")
    with running_server(create_app(db)) as base:
        with httpx.Client(base_url=base, timeout=30) as single:
            expected = {path: single.get(path).status_code for path, _ in MIX}
        assert expected == dict(MIX)

        local = threading.local()

        def fetch(path: str) -> tuple[str, int | str]:
            if not hasattr(local, "client"):  # one kept-alive connection per sender, as a browser has
                local.client = httpx.Client(base_url=base, timeout=60)
            try:
                return path, local.client.get(path).status_code
            except httpx.HTTPError as exc:
                return path, type(exc).__name__

        with ThreadPoolExecutor(CONCURRENT) as pool:
            results = list(pool.map(fetch, (p for p, _ in islice(cycle(MIX), REQUESTS))))
    assert len(results) == REQUESTS
    wrong = [(path, got) for path, got in results if got != expected[path]]
    assert not wrong, f"{len(wrong)} of {REQUESTS} answers differ from a lone request's: {wrong[:5]}"
