"""The watch evaluation: labelled sentences in tests/data, scored without a database."""

from __future__ import annotations

import json

from diplowatch.evaluate.watch import DEFAULT_LABELS, read_labels, run, score


def test_eval_meets_its_goals_on_the_labels():
    """The labelled sentences of tests/data (written for this, not taken from the sample corpus)."""
    result = run(show=False)
    assert result["sentences"] >= 150
    assert result["condition_f1"] >= 0.85
    assert result["polarity_accuracy"] >= 0.90
    assert result["stance_accuracy"] >= 0.85


def test_scores_count_misses_and_wrong_signs(tmp_path):
    rows = [
        {"id": "a", "text": "The Taliban closed girls' schools in Kabul.", "date": "2022-03-23",
         "conditions": [{"id": "human_rights", "polarity": 1}], "stances": []},
        {"id": "b", "text": "Storms hit Norway.", "date": "2022-03-23",
         "conditions": [{"id": "safe_passage", "polarity": 1}], "stances": [{"observer": "USA", "stance": "engage"}]},
    ]  # fmt: skip
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    result = run(path, show=False)
    assert result["pairs"] == {"tp": 1, "fp": 0, "fn": 1}
    assert result["polarity_accuracy"] == 0.0  # closing schools is -1, labelled +1 here on purpose
    assert result["stance_accuracy"] == 0.0


def test_labels_are_well_formed():
    rows = read_labels(DEFAULT_LABELS)
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r.get("split") for r in rows} == {"train", "dev"}
    assert sum(1 for r in rows if not r["conditions"] and not r["stances"]) >= 20  # negatives
    assert score(rows[:0], {})["sentences"] == 0
