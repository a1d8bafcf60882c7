"""The review loop in a real browser: an analyst marks an evidence row wrong in the dashboard, the
scorecard changes, the corpus is coded again and the watch re-run, and the review still holds; its gold
line is one the real-news scorer reads. Debian's Chromium, driven headless by Playwright."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplowatch.cli import main
from diplowatch.web.app import create_app
from report_fixtures import running_server
from test_browser import browser  # noqa: F401  (the one Chromium launcher of the browser tests)
from test_reviews import WATCH, make_reviewed_db

SCORER = Path(__file__).resolve().parents[2] / "shared" / "gold" / "score_real.py"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def page(browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    yield page
    page.close()


def _total(page, url: str, condition: str) -> str:
    page.goto(f"{url}/?watch={WATCH}")
    return page.inner_text(f"#scorecard-table tr[data-condition={condition}] td.total")


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_mark_evidence_wrong_in_the_dashboard_and_keep_it_through_recode(page, tmp_path):
    db = make_reviewed_db(tmp_path)
    with running_server(create_app(db)) as url:
        assert "+1 /" in _total(page, url, "safe_passage")
        page.goto(f"{url}/sentence?doc=aj-3&i=0")
        page.click("#ev-table tr[data-condition=safe_passage] a.review-link")
        assert "Qatar Airways" in page.inner_text("#review-sentence")
        page.check("input[name=verdict][value=wrong]")
        page.select_option("#review-correct", "0")
        page.fill("#review-reason", "a flight of foreigners leaving is not the Taliban's deed")
        page.fill("#review-reviewer", "ana")
        page.click("#review-submit")
        page.wait_for_url("**/sentence?doc=aj-3*")
        after = _total(page, url, "safe_passage")
        assert "+0 /" in after and "1 reviewed" in after
        _cli("code", "--recode", "--db", str(db), "--quiet")
        _cli("watch", WATCH, "--rerun", "--db", str(db), "--quiet")
        still = _total(page, url, "safe_passage")
        assert "+0 /" in still and "1 reviewed" in still
        page.goto(f"{url}/reviews")
        row = page.inner_text("#reviews-table tr.review-row[data-subject=safe_passage]")
        assert "ana" in row and "wrong" in row
    gold = tmp_path / "gold.jsonl"
    _cli("review", "export", "--db", str(db), "--out", str(gold))
    lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    item = next(line for line in lines[1:] if line["id"] == "aj-3")
    assert item["conditions"] == [{"id": "safe_passage", "polarity": 0}]
    if SCORER.exists():  # the scorer ships with ../shared; the gold line must be one it reads
        evidence = tmp_path / "evidence.jsonl"
        evidence.write_text(
            json.dumps({"doc_id": "aj-3", "condition": "safe_passage", "polarity": 0}) + "\n",
            encoding="utf-8",
        )
        events = tmp_path / "events.jsonl"
        events.write_text("", encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(events), str(evidence), str(events)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "conditions: tp=1 fp=0 fn=0" in out and "polarity 1/1" in out
