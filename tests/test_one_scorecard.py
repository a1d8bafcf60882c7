"""One scorecard: a user-written watch shows the same statuses and trends in the terminal, the one-file
report, the dashboard and the JSON API, because all four show what core.scorecard builds."""

from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplowatch.app import Diplowatch
from diplowatch.cli import main
from diplowatch.core.vocabulary import STATUS_GLYPHS
from diplowatch.watch import load_watch
from diplowatch.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

NAME = "my-road-map"
BUNDLED = Path(load_watch("afghanistan-recognition").source)


@pytest.fixture(scope="module")
def coded(tmp_path_factory, sample_dir):
    """The sample corpus coded for real, and the bundled watch saved as a user's file under another name."""
    folder = tmp_path_factory.mktemp("one-scorecard")
    app = Diplowatch(folder / "watch.duckdb")
    app.run([str(sample_dir)])
    text = load_watch("afghanistan-recognition").text
    user_watch = folder / f"{NAME}.yaml"
    user_watch.write_text(re.sub(r"(?m)^name:.*$", f"name: {NAME}", text, count=1), encoding="utf-8")
    return app, user_watch


def _terminal(db: Path, watch: Path, out: Path) -> dict[str, tuple[str, str]]:
    result = CliRunner().invoke(main, ["watch", str(watch), "--db", str(db), "--by", "quarter", "--quiet",
                                       "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows: dict[str, list[str]] = {}
    label = None
    for line in out.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0] in ("status", "trend"):
            label = cells[0]
            rows[label] = cells[1:]
        elif label and cells and cells[0] == "" and len(cells) == len(rows[label]) + 1:
            # a narrow column wraps a status over two lines ("+ some" / "progress")
            rows[label] = [f"{a} {b}".strip() for a, b in zip(rows[label], cells[1:], strict=True)]
        else:
            label = None
    # the terminal prints each status after its glyph ("✓ met"), the pages in a badge of its colour
    rows["status"] = [c.lstrip("".join(STATUS_GLYPHS.values())).strip() for c in rows["status"]]
    ids = [c.id for c in load_watch(str(watch)).conditions]
    return {cid: (s, t) for cid, s, t in zip(ids, rows["status"], rows["trend"], strict=True)}


def _page(markup: str) -> dict[str, tuple[str, str]]:
    found = {}
    for cid, row in re.findall(r'<tr data-condition="([a-z_]+)">(.*?)</tr>', markup, re.S):
        total = re.search(r'class="badge"[^>]*>([^<]+)</span>.*?trend: ([a-z ]+)', row, re.S)
        assert total, cid
        found[cid] = (html.unescape(total.group(1)).strip(), total.group(2).strip())
    return found


def test_terminal_report_dashboard_and_api_agree(coded, tmp_path):
    app, user_watch = coded
    db = Path(app.settings.db)
    terminal = _terminal(db, user_watch, tmp_path / "card.txt")
    assert len(terminal) == 5 and any(status != "no evidence" for status, _ in terminal.values())

    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["report", NAME, "--db", str(db), "--by", "quarter", "--out", str(report)]
    )
    assert result.exit_code == 0, result.output
    client = TestClient(create_app(db))
    dashboard = client.get("/", params={"watch": NAME, "by": "quarter"})
    assert dashboard.status_code == 200
    api = client.get("/api/scorecard", params={"watch": NAME, "by": "quarter"}).json()

    assert _page(report.read_text(encoding="utf-8")) == terminal
    assert _page(dashboard.text) == terminal
    assert {c["id"]: (c["status"], c["trend"]) for c in api["conditions"]} == terminal


def test_report_uses_the_definition_the_watch_ran_with(coded):
    """A user's watch is not bundled: the report rebuilds it from the definition stored with its run."""
    app, user_watch = coded
    app.run_watch(str(user_watch))
    card = app.scorecard(NAME, by="year")
    assert card["watch"]["name"] == NAME
    assert [c["id"] for c in card["conditions"]] == [c.id for c in load_watch(str(user_watch)).conditions]


def test_a_definition_stored_before_a_newer_check_still_builds_its_scorecard(coded):
    """A watch that ran here under an older release, with a sector code today's files refuse (POL, which the
    bundled watches once gave the police), still shows its scorecard: what is stored stays readable."""
    app, user_watch = coded
    app.run_watch(str(user_watch))
    with app.connect() as con:
        con.execute(
            "UPDATE watch_runs SET definition = replace(definition, 'COP, JUD', 'POL, JUD') WHERE watch = ?",
            [NAME],
        )
        assert (
            "POL, JUD"
            in con.execute("SELECT definition FROM watch_runs WHERE watch = ?", [NAME]).fetchone()[0]
        )
    card = app.scorecard(NAME, by="year")
    assert [c["id"] for c in card["conditions"]] == [c.id for c in load_watch(str(user_watch)).conditions]
    # a file given today with that code is refused on its line
    stale = user_watch.with_name("stale.yaml")
    stale.write_text(user_watch.read_text(encoding="utf-8").replace("COP, JUD", "POL, JUD"), encoding="utf-8")
    with pytest.raises(Exception, match="unknown sector 'POL'"):
        load_watch(str(stale))
