"""The status rule: "met" needs two independent deeds, one deed is "some progress", words decide nothing;
and every status has a colour and a glyph wherever a scorecard is shown."""

from __future__ import annotations

import re
from pathlib import Path

from diplowatch.core.scorecard import ConditionOutline, WatchOutline, build_scorecard
from diplowatch.core.vocabulary import STATUS_GLYPHS, STATUSES
from diplowatch.report.html import STATUS_MARKS
from diplowatch.watch.render import STATUS_STYLE

OUTLINE = WatchOutline(name="w", title="W", conditions=(ConditionOutline("rights", "Rights"),))
CSS = Path(__file__).resolve().parents[1] / "src/diplowatch/report/templates/diplowatch.css"


def _row(doc: str, polarity: int, date: str = "2022-03-01", act: str | None = None) -> dict:
    return {"condition": "rights", "polarity": polarity, "doc_id": doc, "sentence_index": 0, "date": date,
            "act": act, "confidence": 0.8}  # fmt: skip


def _status(rows: list[dict]) -> str:
    return build_scorecard(OUTLINE, rows, [], by="year")["conditions"][0]["status"]


def test_one_deed_is_some_progress_and_two_independent_deeds_are_met():
    assert _status([_row("a", 1)]) == "some progress"
    assert _status([_row("a", 1), _row("b", 1, "2022-06-01")]) == "met"


def test_one_act_reported_twice_is_still_one_deed():
    # Two outlets reporting one act (folded into one act by corroboration) are not two deeds.
    assert _status([_row("a", 1, act="c1"), _row("b", 1, act="c1")]) == "some progress"


def test_words_alone_decide_nothing_and_a_breach_stops_met():
    assert _status([_row("a", 0), _row("b", 0), _row("c", 0)]) == "no evidence"
    assert _status([_row("a", 1), _row("b", 1), _row("c", -1)]) == "mixed"
    assert _status([_row("a", 1), _row("b", -1), _row("c", -1)]) == "breached"


def test_every_status_has_a_glyph_and_a_colour_in_every_output():
    card = build_scorecard(OUTLINE, [_row("a", 1)], [], by="year")
    assert list(card["statuses"]) == list(STATUSES)  # the JSON API's scorecard carries the palette
    css = CSS.read_text(encoding="utf-8")
    for status in STATUSES:
        assert STATUS_GLYPHS[status] and STATUS_MARKS[status] == STATUS_GLYPHS[status]
        assert status in STATUS_STYLE, status
        assert re.search(rf"\.s-{status.replace(' ', '-')} \{{ background", css), status
    assert len(set(STATUS_GLYPHS.values())) == len(STATUSES)
