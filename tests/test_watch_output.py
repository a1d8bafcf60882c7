"""The watch's scorecard in the terminal and as JSON: lanes fit the width, nothing is cut."""

from __future__ import annotations

import datetime as dt
import io
import json

from click.testing import CliRunner
from rich.console import Console

from diplowatch.cli import main
from diplowatch.core.scorecard import ObserverOutline, WatchOutline, build_scorecard
from diplowatch.watch.render import render_scorecard
from report_fixtures import WATCH, make_db


def _long_card():
    """Four years and three months of monthly lanes; Russia recognises from the 48th month on."""
    outline = WatchOutline(
        name="long",
        title="A long watch",
        subject_name="Taliban",
        observers=(ObserverOutline("RUS", "Russian Federation"), ObserverOutline("USA", "United States")),
    )
    start = dt.date(2021, 8, 1)
    stances = []
    for month in range(51):
        day = dt.date(start.year + (start.month - 1 + month) // 12, (start.month - 1 + month) % 12 + 1, 3)
        stance = "recognize" if month >= 47 else "engage"
        stances.append({"observer_code": "RUS", "stance": stance, "date": day, "doc_id": f"r{month}"})
        stances.append({"observer_code": "USA", "stance": "withhold", "date": day, "doc_id": f"u{month}"})
    return build_scorecard(outline, [], stances, by="month")


def test_lanes_fit_eighty_columns_without_cutting_the_latest_stance():
    card = _long_card()
    assert len(card["periods"]) == 51
    out = io.StringIO()
    render_scorecard(card, Console(file=out, width=80, color_system=None))
    text = out.getvalue()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "…" not in text
    rus = next(line for line in text.splitlines() if "RUS" in line)
    assert "recognize 2025-10-03" in rus
    assert "one mark per 2 months" in text  # 51 months do not fit beside names and dates in 80 columns
    assert "R" in rus.split("│")[2]  # the recognition still shows in the lane
    wide = io.StringIO()
    render_scorecard(card, Console(file=wide, width=160, color_system=None))
    assert "one mark per month" in wide.getvalue()


def test_watch_prints_its_scorecard_as_json(tmp_path):
    db = make_db(tmp_path / "w.duckdb")
    done = CliRunner().invoke(main, ["watch", WATCH, "--db", str(db), "--format", "json", "--by", "quarter"])
    assert done.exit_code == 0, done.output
    card = json.loads(done.stdout)  # progress lines go to stderr
    assert card["watch"]["name"] == WATCH and card["by"] == "quarter"
    assert {c["id"] for c in card["conditions"]} >= {"human_rights", "safe_passage"}
    assert all(len(c["cells"]) == len(card["periods"]) for c in card["conditions"])
