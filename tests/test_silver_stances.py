"""training/silver_stances.py: the stances the guidelines read into gold event labels (issue 11), on the
annotated Afghanistan items themselves."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

TRAINING = Path(__file__).resolve().parents[1] / "training"


@pytest.fixture(scope="module")
def silver():
    spec = importlib.util.spec_from_file_location("silver_stances", TRAINING / "silver_stances.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def items() -> dict[str, dict]:
    path = TRAINING / "realnews" / "afghanistan.jsonl"
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_a_deal_or_a_meeting_with_the_taliban_is_engage_either_way_round(silver, items):
    countries = {"RUS", "IND", "QAT", "USA", "PAK"}
    assert silver.silver_of(items["wce-2022-09-27-012474"], countries) == {("RUS", "engage")}
    assert silver.silver_of(items["wce-2021-08-31-005947"], countries) == {("IND", "engage")}


def test_no_silver_without_the_authorities_an_observer_or_the_takeover(silver, items):
    countries = {"USA", "PAK"}
    # aid to Afghan refugees names no authority; Islamic State is no observer; before the takeover nothing
    assert silver.silver_of(items["wce-2021-08-18-005641"], countries) == set()
    assert silver.silver_of(items["wce-2021-09-22-006403"], countries) == set()
    earlier = dict(items["wce-2022-09-27-012474"], date="2021-06-01")
    assert silver.silver_of(earlier, {"RUS"}) == set()


def test_a_strike_is_reject_only_for_its_doer(silver):
    item = {"date": "2022-05-01", "text": "Taliban forces and Uzbek border guards exchange fire.",
            "events": [{"source": "AFG", "target": "UZB", "types": ["ASSAULT"]}]}  # fmt: skip
    assert silver.silver_of(item, {"UZB"}) == set()
    item["events"].append({"source": "UZB", "target": "AFG", "types": ["ASSAULT"]})
    assert silver.silver_of(item, {"UZB"}) == {("UZB", "reject")}
