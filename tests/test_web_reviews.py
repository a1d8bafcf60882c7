"""The dashboard's one write, the review form: what it stores, and what it refuses (another site's
form, a missing form token, a client that is not this machine without the dashboard's token)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from diplowatch.app import Diplowatch
from diplowatch.web.app import create_app
from test_reviews import make_reviewed_db

FORM = {"kind": "evidence", "doc": "aj-3", "i": "0", "subject": "safe_passage",
        "watch": "afghanistan-recognition", "verdict": "wrong", "correct": "none", "reason": "not a deed"}  # fmt: skip


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    return make_reviewed_db(tmp_path_factory.mktemp("webreviews"))


@pytest.fixture
def db(coded, tmp_path):
    copy = tmp_path / "news.duckdb"
    copy.write_bytes(coded.read_bytes())
    return copy


def _form_token(client: TestClient) -> str:
    page = client.get("/review", params={"kind": "evidence", "doc": "aj-3", "i": 0, "subject": "safe_passage",
                                         "watch": "afghanistan-recognition"})  # fmt: skip
    assert page.status_code == 200 and "The Taliban allowed a Qatar Airways flight" in page.text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)


def _safe_passage(db) -> int:
    card = Diplowatch(db).scorecard("afghanistan-recognition")
    return next(c["plus"] for c in card["conditions"] if c["id"] == "safe_passage")


def test_loopback_form_with_its_token_stores_the_review(db):
    # TestClient's client is "testclient"; a real loopback client is 127.0.0.1 and says so in Host
    client = TestClient(create_app(db), base_url="http://127.0.0.1", client=("127.0.0.1", 5555))
    token = _form_token(client)
    before = _safe_passage(db)
    answer = client.post("/review", data={**FORM, "csrf": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/sentence?doc=aj-3")
    assert _safe_passage(db) == before - 1
    assert "not a deed" in client.get("/reviews").text


@pytest.mark.parametrize(
    "headers, client_host, base, use_token, why",
    [
        ({"origin": "https://evil.example"}, "127.0.0.1", "http://127.0.0.1", True, "another site"),
        ({"sec-fetch-site": "cross-site"}, "127.0.0.1", "http://127.0.0.1", True, "another site"),
        ({}, "127.0.0.1", "http://127.0.0.1", False, "did not come from this dashboard"),
        ({}, "10.0.0.7", "http://127.0.0.1", True, "only from this machine"),
        ({}, "127.0.0.1", "http://rebind.example", True, "only from this machine"),  # DNS rebinding
    ],
)
def test_refused_reviews_store_nothing(db, headers, client_host, base, use_token, why):
    client = TestClient(create_app(db), base_url=base, client=(client_host, 5555))
    token = _form_token(client) if use_token else "0" * 64
    answer = client.post("/review", data={**FORM, "csrf": token}, headers=headers, follow_redirects=False)
    assert answer.status_code == 403 and why in answer.text
    assert "No review yet" in client.get("/reviews").text


def test_with_the_dashboard_token_any_client_may_review(db):
    client = TestClient(
        create_app(db, token="s3cret"), base_url="http://dash.example", client=("10.0.0.7", 1)
    )
    assert client.post("/review", data={**FORM, "csrf": "x"}).status_code == 401  # no token at all
    client.headers["Authorization"] = "Bearer s3cret"
    answer = client.post("/review", data={**FORM, "csrf": _form_token(client)}, follow_redirects=False)
    assert answer.status_code == 303


def test_a_bad_value_is_a_400_page_not_a_traceback(db):
    client = TestClient(create_app(db), base_url="http://127.0.0.1", client=("127.0.0.1", 5555))
    answer = client.post("/review", data={**FORM, "correct": "7", "csrf": _form_token(client)})
    assert answer.status_code == 400 and "expected -1, 0, 1 or none" in answer.text
